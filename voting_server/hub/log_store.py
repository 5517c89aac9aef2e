"""Where the hub reads and writes meeting logs: SQL first, then Redis.

The real ``log.meeting_log.MeetingLog``.

Write path for one batch (see docs/durability.md):
1. take the meeting's writer lease in Redis and catch up to its head;
2. insert the entries into SQL in one transaction (the durable point: the
   primary key (meeting, seq) refuses a second writer);
3. append them to the Redis stream with the expected-version Lua script,
   which also releases the lease.
A command is acknowledged only after step 2. If Redis lost entries (a restart
without persistence), they are copied back from SQL before anyone reads on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from collections.abc import Iterator, Mapping, Sequence

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from ..log.chain import LogEntry
from ..log.errors import LiveLogUnavailable
from ..log.redis_log import EntryMac, RedisLog, UntrustedEntry, meeting_keys
from ..store.archive import Archive

log = logging.getLogger("ordet.log_store")

LEASE_MS = 5000

_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


def lease_key(meeting: str) -> str:
    return meeting_keys(meeting)[0].removesuffix(":log") + ":lease"


class LogStore:
    def __init__(self, archive: Archive, client: aioredis.Redis, secret: str) -> None:
        self.archive = archive
        self.redis = RedisLog(client, EntryMac(secret))
        self.client = client
        self._release = client.register_script(_RELEASE)

    async def acquire(self, meeting: str) -> str:
        """Take the meeting's writer lease; wait while another process holds it."""
        token = secrets.token_hex(8)
        delay = 0.001
        key = lease_key(meeting)
        with _live("take the writer lease"):
            while not await self.client.set(key, token, nx=True, px=LEASE_MS):
                if await self.client.get(key) == token.encode():
                    break  # our own SET went through, and only its reply was lost
                await asyncio.sleep(delay)
                delay = min(delay * 2, 0.05)
        return token

    async def release(self, meeting: str, token: str) -> None:
        with _live("release the writer lease"):
            await self._release(keys=[lease_key(meeting)], args=[token])

    async def persist(
        self,
        meeting: str,
        entries: list[LogEntry],
        urns: Mapping[str, bytes] | None = None,
        emptied: Sequence[str] = (),
    ) -> None:
        """The durable step: raises LogConflict if a seq is already taken."""
        await asyncio.to_thread(self.archive.append, meeting, entries, urns, emptied)

    async def urn(self, meeting: str, vote: str) -> bytes | None:
        return await asyncio.to_thread(self.archive.urn, meeting, vote)

    async def publish(self, meeting: str, entries: list[LogEntry]) -> None:
        """Copy durable entries to Redis, repairing it from SQL if it fell behind."""
        with _live("publish"):
            result = await self.redis.append(meeting, entries[0].seq - 1, entries)
            if not result.ok:
                await self.sync_live(meeting)

    async def sync_live(self, meeting: str) -> int:
        """Bring the Redis stream up to the SQL archive; return the head.

        A stream whose head is not an entry of the archive (written by someone
        else) is dropped and rebuilt from SQL.
        """
        while True:
            head, head_hash = await self.redis.head(meeting)
            if head and not await self._in_archive(meeting, head, head_hash):
                log.critical(
                    "meeting %s: the live log in Redis is not Ordet's; rebuilding", meeting
                )
                await self.redis.reset(meeting)
                continue
            missing = await asyncio.to_thread(self.archive.read, meeting, head)
            if not missing:
                return head
            result = await self.redis.append(meeting, head, missing)
            if result.ok:
                return result.head

    async def _in_archive(self, meeting: str, seq: int, digest: bytes) -> bool:
        found = await asyncio.to_thread(self.archive.read, meeting, seq - 1, 1)
        return bool(found) and found[0].seq == seq and found[0].hash == digest

    async def read_durable(self, meeting: str, after: int) -> list[LogEntry]:
        return await asyncio.to_thread(self.archive.read, meeting, after)

    async def catch_up(self, meeting: str, local_head: int) -> list[LogEntry]:
        """Entries other processes appended after ``local_head``.

        Redis is asked first (one round trip). SQL can be ahead of Redis only
        if a writer died between its two steps; the next persist then meets an
        LogConflict and reads SQL itself.
        """
        head, _ = await self.redis.head(meeting)
        if head > local_head:
            try:
                return await self.redis.read(meeting, local_head)
            except UntrustedEntry as forged:
                log.critical(
                    "meeting %s: Redis holds an entry Ordet never wrote: %s", meeting, forged
                )
                return await self.read_durable(meeting, local_head)
        if head < local_head:
            await self.sync_live(meeting)
        return []


@contextlib.contextmanager
def _live(doing: str) -> Iterator[None]:
    """Redis failures as the log interface's own error."""
    try:
        yield
    except RedisError as exc:
        raise LiveLogUnavailable(f"could not {doing}: {exc}") from exc
