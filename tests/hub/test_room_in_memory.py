"""Rooms and fan-out in this process, on the in-memory meeting log: no servers.

Two rooms on one MemoryLog stand for two hub processes sharing one log. The
real log (Redis and SQL) keeps the same contract: tests/log/test_contract.py.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import msgpack
import pytest
import redis.asyncio as aioredis

from tests.domain.meeting_fixtures import AGENDA, CHAIR, ROSTER, delegate
from tests.support.hubs import TEST_SECRET
from voting_server.domain.aggregate import COMMANDS, EVENTS, Meeting, fold
from voting_server.domain.base import Actor, Event, Role
from voting_server.domain.meeting.rules import open_meeting
from voting_server.hub.room import Room
from voting_server.hub.room_client import Client
from voting_server.hub.urn_keys import UrnKeys
from voting_server.log.chain import decode_envelope
from voting_server.log.memory import MemoryLog
from voting_server.protocol.patch import merge
from voting_server.protocol.views import audience_view

REQUESTS = itertools.count(1)  # request ids are unique: a reused one is a retry


class Screen(Client):
    """A connection that keeps what it was sent, as a display follows it."""

    def __init__(self, role: Role) -> None:
        self.role, self.person, self.seq, self.me = role, None, 0, None
        self.view: dict[str, Any] = {}

    def send(self, frame: bytes) -> None:
        message = msgpack.unpackb(frame)
        if message["type"] == "snapshot":
            self.view, self.seq = message["view"], message["seq"]
        elif message["type"] == "patch":
            self.view, self.seq = merge(self.view, message["patch"]), message["seq"]

    def lose_chair(self) -> None:
        raise AssertionError("a display never holds the chair")


@pytest.fixture
async def log() -> AsyncIterator[MemoryLog]:
    yield MemoryLog()


def room_on(log: MemoryLog, tmp_path: Path) -> Room:
    # Secret votes keep their urn keys in Redis too; these tests hold none, so
    # the client is never used and no server is needed.
    unused = aioredis.Redis.from_url("redis://127.0.0.1:1")
    keys = UrnKeys(unused, tmp_path / "urn-keys", TEST_SECRET)
    return Room("t", log, lambda: 1_000, TEST_SECRET, keys)


async def genesis() -> list[Event]:
    return open_meeting("t", "Test meeting", ROSTER, AGENDA)


async def run(room: Room, *commands: tuple[Actor, dict[str, Any]]) -> list[Any]:
    futures = [
        room.submit(COMMANDS.from_wire(frame), actor, f"r{next(REQUESTS)}")
        for actor, frame in commands
    ]
    return list(await asyncio.gather(*futures, return_exceptions=True))


def present(meeting: Meeting) -> set[str]:
    return {p for p in meeting.core.presence if meeting.core.is_present(p)}


async def durable(log: MemoryLog) -> Any:
    entries = await log.read_durable("t", 0)
    return fold([(e.event, e.at) for e in (decode_envelope(x.data, EVENTS) for x in entries)])


async def test_a_display_follows_every_batch_of_a_room(log: MemoryLog, tmp_path: Path) -> None:
    room = room_on(log, tmp_path)
    await room.load(genesis)
    display = Screen(Role.DISPLAY)
    async with room.lock:
        for frame in room.attach(display, None):
            display.send(frame)
    await run(room, *[(delegate(p), {"type": "attendance.check_in"}) for p in ("m1", "m2", "m4")])
    await run(room, (CHAIR, {"type": "agenda.start_item", "item": "2"}))
    await run(room, (CHAIR, {"type": "vote.open", "question": "Bifall?"}))
    vote = room.meeting.votes.current
    await run(
        room,
        (delegate("m2"), {"type": "vote.cast", "vote": vote, "choice": "ja"}),
        (delegate("m4"), {"type": "vote.cast", "vote": vote, "choice": "nej"}),
    )
    assert display.seq == room.head_seq
    assert display.view == audience_view(room.meeting, Role.DISPLAY)
    assert display.view["attendance"]["present"] == 3
    assert room.meeting == await durable(log)


async def test_two_rooms_on_one_log_keep_one_order(log: MemoryLog, tmp_path: Path) -> None:
    one, other = room_on(log, tmp_path), room_on(log, tmp_path)
    await one.load(genesis)
    await other.load(None)  # the meeting is open: the second process only reads it
    await run(one, (delegate("m1"), {"type": "attendance.check_in"}))
    # Both decide at once: one of them writes first, the other catches up.
    outcomes = await asyncio.gather(
        run(one, (delegate("m2"), {"type": "attendance.check_in"})),
        run(other, (delegate("m4"), {"type": "attendance.check_in"})),
    )
    assert not [o for batch in outcomes for o in batch if isinstance(o, Exception)], outcomes
    await run(other, (delegate("m5"), {"type": "attendance.check_in"}))
    await run(one, (delegate("m3"), {"type": "attendance.check_in"}))
    final = await durable(log)
    assert present(final) == {"m1", "m2", "m3", "m4", "m5"}
    assert one.meeting == final
    # The other learns of the last batch as a hub's follower would hand it over.
    await other.receive(await log.read_durable("t", other.head_seq))
    assert other.meeting == final
    assert one.head_seq == other.head_seq == len(await log.read_durable("t", 0))


async def test_views_never_show_a_batch_before_it_is_durable(
    log: MemoryLog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = room_on(log, tmp_path)
    await room.load(genesis)
    seen: list[set[str]] = []
    real_persist = log.persist

    async def watched_persist(*args: Any, **kwargs: Any) -> None:
        seen.append(present(room.meeting))  # what a view built now would show
        await real_persist(*args, **kwargs)

    monkeypatch.setattr(log, "persist", watched_persist)
    await run(room, (delegate("m2"), {"type": "attendance.check_in"}))
    assert seen == [set()]
    assert present(room.meeting) == {"m2"}
