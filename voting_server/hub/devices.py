"""Which members have a device connected, across every hub process of a meeting.

The chair's console marks a member who is checked in but has no device
connected (a tablet that died or lost its Wi-Fi), so that the chair can act
for them. Each process counts the people it serves and writes them, with the
time, to one Redis hash per meeting (a field per process) every
``REFRESH_S``; the meeting's answer is the union of the fresh fields, so a
process that died drops out after ``STALE_MS``. A socket whose device went
silent is closed by the server's own pings (``ordet serve``), and its person
goes with it. Without Redis the console keeps the last answer.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Protocol

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from ..log.redis_log import namespace

log = logging.getLogger(__name__)

REFRESH_S = 3.0
STALE_MS = 10_000


def devices_key(meeting: str) -> str:
    return f"{namespace()}:{{m:{meeting}}}:devices"


class DevicePresence:
    def __init__(self, client: aioredis.Redis, clock: Callable[[], int]) -> None:
        self.client = client
        self.clock = clock
        self.process = f"{socket.gethostname()}:{os.getpid()}"
        self.here: dict[str, Counter[str]] = {}  # meeting -> person -> sockets on this process

    def joined(self, meeting: str, person: str) -> None:
        self.here.setdefault(meeting, Counter())[person] += 1

    def left(self, meeting: str, person: str) -> None:
        people = self.here.get(meeting)
        if people is None:
            return
        people[person] -= 1
        if people[person] <= 0:
            del people[person]

    async def refresh(self, meeting: str) -> frozenset[str] | None:
        """Write this process's people and read the meeting's; None when Redis is away."""
        now = self.clock()
        mine = sorted(self.here.get(meeting, ()))
        key = devices_key(meeting)
        try:
            await self.client.hset(key, self.process, json.dumps({"at": now, "people": mine}))
            await self.client.pexpire(key, STALE_MS * 6)
            fields = await self.client.hgetall(key)
        except (RedisError, OSError) as exc:
            log.warning("meeting %s: devices not refreshed: %s", meeting, exc)
            return None
        online: set[str] = set()
        for value in fields.values():
            entry = json.loads(value)
            if now - int(entry["at"]) <= STALE_MS:
                online.update(entry["people"])
        return frozenset(online)


class ShowsDevices(Protocol):
    def show_devices(self, online: frozenset[str]) -> None: ...


async def watch(presence: DevicePresence, rooms: Callable[[], Mapping[str, ShowsDevices]]) -> None:
    """Refresh every served meeting's devices and show them to its presidium."""
    while True:
        for meeting, room in list(rooms().items()):
            online = await presence.refresh(meeting)
            if online is not None:
                room.show_devices(online)
        await asyncio.sleep(REFRESH_S)
