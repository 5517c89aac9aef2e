"""The Hub: the Rooms of one process, and the follower that keeps them current.

Each process follows the Redis streams of the meetings it serves, so a command
taken by any process reaches the clients of every process.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path
from typing import Any

import redis.asyncio as aioredis
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

from ..clock import CLOCK
from ..domain.base import Event
from ..log.chain import ChainError
from ..log.redis_log import UntrustedEntry, meeting_keys, namespace
from ..store.archive import Archive
from ..store.directory import Directory
from .connection import WebSocketClient
from .devices import DevicePresence
from .devices import watch as watch_devices
from .genesis import genesis_events
from .log_store import LogStore
from .room import Room
from .urn_keys import UrnKeys

log = logging.getLogger("ordet.hub")


def revocations_channel() -> str:
    """The Redis channel that tells every hub process a login session ended."""
    return f"{namespace()}:sessions:revoked"


def connect_redis(url: str) -> aioredis.Redis:
    """A client that reconnects by itself after Redis restarts or a link drops."""
    return aioredis.Redis.from_url(
        url,
        retry=Retry(ExponentialBackoff(cap=0.5, base=0.01), retries=6),
        retry_on_error=[RedisConnectionError, RedisTimeoutError],
        health_check_interval=10,
    )


def now_ms() -> int:
    return CLOCK.now_ms()


class Hub:
    def __init__(
        self,
        directory: Directory,
        archive: Archive,
        redis_url: str,
        secret: str,
        signing_key: Ed25519PrivateKey | None = None,
        *,
        urn_key_dir: Path,
    ) -> None:
        self.directory = directory
        self.secret = secret
        self.signing_key = signing_key
        self.client = connect_redis(redis_url)
        self._follow_client = connect_redis(redis_url)
        self.store = LogStore(archive, self.client, secret)
        self.urn_keys = UrnKeys(self.client, urn_key_dir, secret)
        self.devices = DevicePresence(self.client, now_ms)
        self._devices: asyncio.Task[None] | None = None
        self.rooms: dict[str, Room] = {}
        self._loading: dict[str, asyncio.Lock] = {}
        self._follower: asyncio.Task[None] | None = None
        self._revocations: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.sessions: dict[str, set[WebSocketClient]] = {}
        self._distrusted: set[tuple[str, int]] = set()  # forged entries already reported

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._follower = asyncio.create_task(self._follow())
        self._revocations = asyncio.create_task(self._follow_revocations())
        self._devices = asyncio.create_task(watch_devices(self.devices, lambda: self.rooms))

    async def stop(self) -> None:
        for task in (self._follower, self._revocations, self._devices):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        await self.client.aclose()
        await self._follow_client.aclose()

    async def room(self, meeting_id: str, *, may_open: bool = True) -> Room:
        """The meeting's Room, loaded from the log on first use.

        A meeting without a log is opened (its first entries written from the
        roster and agenda of now) only for the presidium (``may_open``: the
        chair or a secretary); anyone else gets ``MeetingNotOpened``, and the
        secretary may still change the meeting.
        """
        room = self.rooms.get(meeting_id)
        if room is not None:
            return room
        lock = self._loading.setdefault(meeting_id, asyncio.Lock())
        async with lock:
            if meeting_id not in self.rooms:
                room = Room(
                    meeting_id, self.store, now_ms, self.secret, self.urn_keys, self.signing_key
                )
                await room.load((lambda: self._genesis(meeting_id)) if may_open else None)
                self.rooms[meeting_id] = room
        return self.rooms[meeting_id]

    # --- sessions ---------------------------------------------------------------
    def register(self, session: str, client: WebSocketClient) -> None:
        self.sessions.setdefault(session, set()).add(client)

    def unregister(self, session: str, client: WebSocketClient) -> None:
        clients = self.sessions.get(session)
        if clients is not None:
            clients.discard(client)
            if not clients:
                del self.sessions[session]

    def session_revoked(self, session: str) -> None:
        """Close the session's live connections here and on every other hub process.

        Safe to call from any thread (the portal revokes in a worker thread).
        """
        if self._loop is None:
            return
        self._loop.call_soon_threadsafe(self._end_session, session)
        asyncio.run_coroutine_threadsafe(self._announce_revocation(session), self._loop)

    async def _announce_revocation(self, session: str) -> None:
        try:
            await self.client.publish(revocations_channel(), session)
        except RedisError:
            log.warning("could not tell other hub processes that a session ended")

    def _end_session(self, session: str) -> None:
        for client in list(self.sessions.pop(session, ())):
            client.end_session()

    async def _follow_revocations(self) -> None:
        """A signal only: a reconnecting client's ticket is checked in SQL anyway."""
        while True:
            try:
                async with self._follow_client.pubsub() as pubsub:
                    await pubsub.subscribe(revocations_channel())
                    async for message in pubsub.listen():
                        if message.get("type") == "message":
                            self._end_session(message["data"].decode())
            except (RedisError, OSError):
                await asyncio.sleep(0.5)

    async def _genesis(self, meeting_id: str) -> list[Event]:
        """The first entries: the roster and agenda, and the assembly's debate rules."""
        title, roster, agenda = await asyncio.to_thread(self.directory.genesis, meeting_id)
        settings = await asyncio.to_thread(self.directory.assembly_settings, meeting_id)
        documents = await asyncio.to_thread(self.directory.documents, meeting_id)
        notices = await asyncio.to_thread(self.directory.notices, meeting_id)
        return genesis_events(meeting_id, title, roster, agenda, settings, documents, notices)

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
                        await self.store.sync_live(meeting_id)
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
                # Our own writes come back too: skip them before checking their tags.
                rows = [(i, f) for i, f in rows if _stream_seq(i) > room.head_seq] if room else []
                if room is None or not rows:
                    continue
                try:
                    redis_log = self.store.redis
                    await room.receive([redis_log.parse(meeting_id, i, f) for i, f in rows])
                except UntrustedEntry as forged:
                    # Someone wrote to Redis: take the record from SQL instead.
                    if (meeting_id, forged.seq) not in self._distrusted:
                        self._distrusted.add((meeting_id, forged.seq))
                        log.critical("meeting %s: forged stream entry: %s", meeting_id, forged)
                    await room.receive(await self.store.read_durable(meeting_id, room.head_seq))
                    await asyncio.sleep(0.2)
                except ChainError as broken:
                    # Never fold what does not verify; the room keeps its verified head.
                    log.critical("meeting %s: the live log does not verify: %s", meeting_id, broken)


def _stream_seq(stream_id: bytes) -> int:
    """The log position in a stream entry's id ("<seq>-0"); 0 for one that is not."""
    head = stream_id.split(b"-", 1)[0]
    return int(head) if head.isdigit() else 0
