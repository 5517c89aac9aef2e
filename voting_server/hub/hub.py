"""The Hub: the Rooms of one process, and the follower that keeps them current.

Each process follows the Redis streams of the meetings it serves, so a command
taken by any process reaches the clients of every process.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Any

import redis.asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

from ..domain.base import Event
from ..domain.meeting.rules import open_meeting
from ..log.redis_log import meeting_keys, parse_stream_entry
from ..store.archive import Archive
from ..store.directory import Directory
from .log_store import LogStore
from .room import Room

log = logging.getLogger("ordet.hub")


def connect_redis(url: str) -> aioredis.Redis:
    """A client that reconnects by itself after Redis restarts or a link drops."""
    return aioredis.Redis.from_url(
        url,
        retry=Retry(ExponentialBackoff(cap=0.5, base=0.01), retries=6),
        retry_on_error=[RedisConnectionError, RedisTimeoutError],
        health_check_interval=10,
    )


def now_ms() -> int:
    return time.time_ns() // 1_000_000


class Hub:
    def __init__(self, directory: Directory, archive: Archive, redis_url: str, secret: str) -> None:
        self.directory = directory
        self.secret = secret
        self.client = connect_redis(redis_url)
        self._follow_client = connect_redis(redis_url)
        self.store = LogStore(archive, self.client)
        self.rooms: dict[str, Room] = {}
        self._loading: dict[str, asyncio.Lock] = {}
        self._follower: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._follower = asyncio.create_task(self._follow())

    async def stop(self) -> None:
        if self._follower is not None:
            self._follower.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._follower
        await self.client.aclose()
        await self._follow_client.aclose()

    async def room(self, meeting_id: str) -> Room:
        """The meeting's Room, loaded from the log on first use."""
        room = self.rooms.get(meeting_id)
        if room is not None:
            return room
        lock = self._loading.setdefault(meeting_id, asyncio.Lock())
        async with lock:
            if meeting_id not in self.rooms:
                room = Room(meeting_id, self.store, now_ms, self.secret)
                await room.load(lambda: self._genesis(meeting_id))
                self.rooms[meeting_id] = room
        return self.rooms[meeting_id]

    async def _genesis(self, meeting_id: str) -> list[Event]:
        title, roster, agenda = await asyncio.to_thread(self.directory.genesis, meeting_id)
        return open_meeting(meeting_id, title, roster, agenda)

    async def _follow(self) -> None:
        """Read every served meeting's stream and hand new entries to its Room."""
        lost_redis = False
        while True:
            if not self.rooms:
                await asyncio.sleep(0.1)
                continue
            streams = {meeting_keys(m)[0]: f"{r.head_seq}-0" for m, r in self.rooms.items()}
            try:
                if lost_redis:
                    for meeting_id in list(self.rooms):
                        await self.store.sync_redis(meeting_id)
                    lost_redis = False
                replies: Any = await self._follow_client.xread(
                    streams,  # type: ignore[arg-type]
                    block=500,
                    count=1000,
                )
            except (RedisError, OSError) as exc:
                if not lost_redis:
                    log.warning("lost Redis while following: %s", exc)
                lost_redis = True
                await asyncio.sleep(0.2)
                continue
            for key, rows in replies or []:
                meeting_id = key.decode().split("{m:", 1)[1].split("}", 1)[0]
                room = self.rooms.get(meeting_id)
                if room is not None:
                    await room.receive([parse_stream_entry(i, f) for i, f in rows])
