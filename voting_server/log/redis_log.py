"""The live copy of each meeting's log: a Redis Stream appended by a Lua script.

The script appends only if the stream's head is at the sequence number the
writer expects, so two hub processes can never interleave or duplicate
entries. All keys of one meeting share a Redis Cluster hash slot (``{m:ID}``).
Stream ids are ``SEQ-0``, so a reader resumes with plain XREAD.

Redis is not trusted with the log's content: each entry carries a MAC
(HMAC-SHA256 over the meeting, its position and its hash, keyed with the
installation's secret), and a reader refuses an entry without a valid one
(``UntrustedEntry``). Someone who can write to Redis can delay a meeting, but
cannot put an event into it; SQL stays the record.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from typing import Any

import redis.asyncio as aioredis

from .chain import GENESIS, ChainError, LogEntry

_APPEND = """
local cur = tonumber(redis.call('HGET', KEYS[2], 'seq') or '0')
if cur ~= tonumber(ARGV[1]) then return {0, cur} end
local last = cur
for i = 2, #ARGV, 5 do
  last = tonumber(ARGV[i])
  redis.call('XADD', KEYS[1], ARGV[i] .. '-0',
    'p', ARGV[i+1], 'd', ARGV[i+2], 'h', ARGV[i+3], 'm', ARGV[i+4])
  redis.call('HSET', KEYS[2], 'seq', ARGV[i], 'hash', ARGV[i+3])
end
return {1, last}
"""


def namespace() -> str:
    """The prefix of every key, so that installations (or test runs) can share a Redis."""
    return os.environ.get("ORDET_REDIS_NAMESPACE", "ordet")


def meeting_keys(meeting: str) -> tuple[str, str]:
    """The stream and head keys of a meeting, in one cluster hash slot."""
    tag = f"{namespace()}:{{m:{meeting}}}"
    return f"{tag}:log", f"{tag}:head"


class UntrustedEntry(ChainError):
    """A stream entry that this installation did not write."""


class EntryMac:
    def __init__(self, secret: str) -> None:
        self._key = hashlib.sha256(f"ordet-stream-entries:{secret}".encode()).digest()

    def tag(self, meeting: str, entry: LogEntry) -> bytes:
        message = meeting.encode() + b"\0" + entry.seq.to_bytes(8, "big") + entry.hash
        return hmac.new(self._key, message, hashlib.sha256).digest()[:16]

    def check(self, meeting: str, entry: LogEntry, tag: bytes | None) -> LogEntry:
        if tag is None or not hmac.compare_digest(tag, self.tag(meeting, entry)):
            raise UntrustedEntry(entry.seq, "not written by this installation (no valid MAC)")
        return entry


@dataclass(frozen=True, slots=True)
class AppendResult:
    ok: bool
    head: int  # the head after the append, or the actual head on a conflict


class RedisLog:
    def __init__(self, client: aioredis.Redis, mac: EntryMac) -> None:
        self.client = client
        self.mac = mac
        self._append = client.register_script(_APPEND)

    async def append(self, meeting: str, expected: int, entries: list[LogEntry]) -> AppendResult:
        """Append entries if the head is ``expected``; report the head otherwise."""
        args: list[bytes | int] = [expected]
        for e in entries:
            args += [e.seq, e.prev, e.data, e.hash, self.mac.tag(meeting, e)]
        ok, head = await self._append(keys=list(meeting_keys(meeting)), args=args)
        return AppendResult(bool(ok), int(head))

    async def reset(self, meeting: str) -> None:
        """Drop the live copy of a meeting's log (it is rebuilt from SQL)."""
        await self.client.delete(*meeting_keys(meeting))

    async def head(self, meeting: str) -> tuple[int, bytes]:
        raw: list[Any] = await self.client.hmget(meeting_keys(meeting)[1], ["seq", "hash"])
        if raw[0] is None:
            return 0, GENESIS
        return int(raw[0]), bytes(raw[1])

    async def read(self, meeting: str, after: int = 0, count: int | None = None) -> list[LogEntry]:
        """Entries with a sequence number above ``after``, in order."""
        rows: Any = await self.client.xrange(meeting_keys(meeting)[0], f"({after}-0", count=count)
        return [self.parse(meeting, stream_id, fields) for stream_id, fields in rows]

    def parse(self, meeting: str, stream_id: bytes, fields: dict[bytes, bytes]) -> LogEntry:
        """A stream entry as a log entry, if this installation wrote it."""
        try:
            seq = int(stream_id.split(b"-", 1)[0])
            entry = LogEntry(seq=seq, prev=fields[b"p"], data=fields[b"d"], hash=fields[b"h"])
        except (KeyError, ValueError):
            raise UntrustedEntry(0, "a malformed stream entry") from None
        return self.mac.check(meeting, entry, fields.get(b"m"))
