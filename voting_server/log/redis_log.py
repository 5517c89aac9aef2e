"""The live copy of each meeting's log: a Redis Stream appended by a Lua script.

The script appends only if the stream's head is at the sequence number the
writer expects, so two hub processes can never interleave or duplicate
entries. All keys of one meeting share a Redis Cluster hash slot (``{m:ID}``).
Stream ids are ``SEQ-0``, so a reader resumes with plain XREAD.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import redis.asyncio as aioredis

from .chain import GENESIS, LogEntry

_APPEND = """
local cur = tonumber(redis.call('HGET', KEYS[2], 'seq') or '0')
if cur ~= tonumber(ARGV[1]) then return {0, cur} end
local last = cur
for i = 2, #ARGV, 4 do
  last = tonumber(ARGV[i])
  redis.call('XADD', KEYS[1], ARGV[i] .. '-0', 'p', ARGV[i+1], 'd', ARGV[i+2], 'h', ARGV[i+3])
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


@dataclass(frozen=True, slots=True)
class AppendResult:
    ok: bool
    head: int  # the head after the append, or the actual head on a conflict


class RedisLog:
    def __init__(self, client: aioredis.Redis) -> None:
        self.client = client
        self._append = client.register_script(_APPEND)

    async def append(self, meeting: str, expected: int, entries: list[LogEntry]) -> AppendResult:
        """Append entries if the head is ``expected``; report the head otherwise."""
        args: list[bytes | int] = [expected]
        for e in entries:
            args += [e.seq, e.prev, e.data, e.hash]
        ok, head = await self._append(keys=list(meeting_keys(meeting)), args=args)
        return AppendResult(bool(ok), int(head))

    async def head(self, meeting: str) -> tuple[int, bytes]:
        raw: list[Any] = await self.client.hmget(meeting_keys(meeting)[1], ["seq", "hash"])
        if raw[0] is None:
            return 0, GENESIS
        return int(raw[0]), bytes(raw[1])

    async def read(self, meeting: str, after: int = 0, count: int | None = None) -> list[LogEntry]:
        """Entries with a sequence number above ``after``, in order."""
        rows: Any = await self.client.xrange(meeting_keys(meeting)[0], f"({after}-0", count=count)
        return [parse_stream_entry(stream_id, fields) for stream_id, fields in rows]


def parse_stream_entry(stream_id: bytes, fields: dict[bytes, bytes]) -> LogEntry:
    seq = int(stream_id.split(b"-", 1)[0])
    return LogEntry(seq=seq, prev=fields[b"p"], data=fields[b"d"], hash=fields[b"h"])
