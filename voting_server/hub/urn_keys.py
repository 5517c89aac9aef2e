"""Where the key of each open secret vote's urn is kept: never in SQL.

Three copies, so that no single restart loses the ballots: the hub's memory;
Redis, where every hub process finds it; and a file in the data directory,
which outlives a Redis without persistence (the embedded one dies with its
hub). The copies in Redis and on disk are sealed with the installation's
secret; all of them are erased when the vote closes (the Redis copy also
expires by itself, in case that erase never runs).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
from pathlib import Path
from typing import cast

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from ..log.redis_log import meeting_keys
from .urn import KeyWrap

log = logging.getLogger("ordet.urn")

KEY_TTL_S = 14 * 24 * 3600  # far beyond any meeting; the close erases it first


class UrnKeys:
    def __init__(self, client: aioredis.Redis, folder: Path, secret: str) -> None:
        self.client = client
        self.folder = folder
        self.wrap = KeyWrap(secret)
        self._memory: dict[tuple[str, str], bytes] = {}

    def _redis_key(self, meeting: str, vote: str) -> str:
        return meeting_keys(meeting)[0].removesuffix(":log") + f":urnkey:{vote}"

    def _file(self, meeting: str, vote: str) -> Path:
        name = hashlib.sha256(f"{meeting}\0{vote}".encode()).hexdigest()[:40]
        return self.folder / f"{name}.key"

    async def key(self, meeting: str, vote: str, *, create: bool) -> bytes | None:
        """The vote's urn key: the one already made, a new one if ``create``, or None."""
        known = self._memory.get((meeting, vote))
        if known is None:
            known = await self._stored(meeting, vote)
        if known is None and create:
            known = await self._create(meeting, vote)
        if known is not None:
            self._memory[(meeting, vote)] = known
            await self._keep(meeting, vote, known)
        return known

    async def _stored(self, meeting: str, vote: str) -> bytes | None:
        sealed = cast(bytes | None, await self.client.get(self._redis_key(meeting, vote)))
        if sealed is None:
            path = self._file(meeting, vote)
            sealed = await asyncio.to_thread(_read, path)
        return None if sealed is None else self.wrap.unwrap(meeting, vote, sealed)

    async def _create(self, meeting: str, vote: str) -> bytes:
        """A fresh key; if another process made one first, theirs."""
        sealed = self.wrap.wrap(meeting, vote, os.urandom(32))
        redis_key = self._redis_key(meeting, vote)
        if not await self.client.set(redis_key, sealed, nx=True, ex=KEY_TTL_S):
            theirs = cast(bytes | None, await self.client.get(redis_key))
            sealed = theirs or sealed
        return self.wrap.unwrap(meeting, vote, sealed)

    async def _keep(self, meeting: str, vote: str, key: bytes) -> None:
        """Make sure Redis and this machine's file hold the key (after a restart of either)."""
        sealed = self.wrap.wrap(meeting, vote, key)
        await self.client.set(self._redis_key(meeting, vote), sealed, nx=True, ex=KEY_TTL_S)
        path = self._file(meeting, vote)
        if not path.exists():
            await asyncio.to_thread(_write, path, sealed)

    async def erase(self, meeting: str, vote: str) -> None:
        """Forget the key everywhere: the closed urn can never be opened again."""
        self._memory.pop((meeting, vote), None)
        await asyncio.to_thread(self._file(meeting, vote).unlink, missing_ok=True)
        try:
            await self.client.delete(self._redis_key(meeting, vote))
        except RedisError:
            log.warning("urn key of %s/%s left in Redis; it expires by itself", meeting, vote)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)
