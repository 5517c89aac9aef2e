"""A room never holds state that is not in the log: a failure at any step of a batch,
before it is durable, leaves the room equal to a fresh fold of the durable log.

The room runs in this process on the real Redis and SQL; each case breaks one
step of the write path in the middle of a batch of secret ballots and a check-in.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from tests.support.hubs import TEST_SECRET
from voting_server.audit.checkpoint import load_or_create_signing_key
from voting_server.domain import aggregate as aggregate_module
from voting_server.domain.aggregate import COMMANDS, EVENTS, fold
from voting_server.domain.base import Actor, Role
from voting_server.hub import batch as batch_module
from voting_server.hub import room as room_module
from voting_server.hub.hub import Hub
from voting_server.hub.room import Room
from voting_server.log.chain import decode_envelope
from voting_server.protocol.views import audience_view
from voting_server.store.archive import Archive
from voting_server.store.directory import Directory

CHAIR = Actor(Role.CHAIR, "m1")


class Boom(RuntimeError):
    """The injected failure."""


def failing_on(call: int, real: Callable[..., Any]) -> Callable[..., Any]:
    """``real``, except that its ``call``-th call raises."""
    calls = 0

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == call:
            raise Boom(f"injected at call {call}")
        return real(*args, **kwargs)

    return wrapper


@pytest.fixture
async def hub(redis_url: str, demo_engine: Engine, tmp_path: Path) -> AsyncIterator[Hub]:
    hub = Hub(
        Directory(demo_engine),
        Archive(demo_engine),
        redis_url,
        TEST_SECRET,
        load_or_create_signing_key(tmp_path),
        urn_key_dir=tmp_path / "urn-keys",
    )
    yield hub
    await asyncio.sleep(0.3)  # let the rooms' last fan-out flushes run
    await hub.stop()


async def run(room: Room, *commands: tuple[Actor, dict[str, Any]]) -> list[Any]:
    """Submit the commands in one tick, as one batch; their outcomes."""
    futures = [
        room.submit(COMMANDS.from_wire(frame), actor, f"{actor.person}:{frame['type']}:{i}")
        for i, (actor, frame) in enumerate(commands)
    ]
    return list(await asyncio.gather(*futures, return_exceptions=True))


async def election_under_way(room: Room) -> str:
    """40 members in, item 2 under way, a secret election open."""
    members = [
        (Actor(Role.DELEGATE, f"m{i}"), {"type": "attendance.check_in"}) for i in range(1, 41)
    ]
    await run(room, *members)
    await run(room, (CHAIR, {"type": "agenda.start_item", "item": "2"}))
    opening = {
        "type": "vote.open",
        "question": "Val av revisor",
        "method": "majority",
        "secret": True,
        "options": ["Karin Holm", "Per Berg"],
    }
    await run(room, (CHAIR, opening))
    vote = room.meeting.votes.current
    assert vote is not None
    return vote


def durable_fold(engine: Engine) -> Any:
    entries = Archive(engine).read("demo")
    return fold([(e.event, e.at) for e in (decode_envelope(x.data, EVENTS) for x in entries)])


def the_batch(vote: str) -> list[tuple[Actor, dict[str, Any]]]:
    ballots = [
        (Actor(Role.DELEGATE, f"m{i}"), {"type": "vote.cast", "vote": vote, "names": [name]})
        for i, name in ((2, "Karin Holm"), (3, "Per Berg"), (4, "Karin Holm"))
    ]
    return [*ballots, (Actor(Role.DELEGATE, "m41"), {"type": "attendance.check_in"})]


BREAKS: dict[str, Callable[[pytest.MonkeyPatch, Room], None]] = {
    "a rule, mid-batch": lambda mp, room: mp.setattr(
        aggregate_module, "execute", failing_on(2, aggregate_module.execute)
    ),
    "checking the urn is at hand": lambda mp, room: mp.setattr(
        batch_module, "_urn_at_hand", failing_on(3, batch_module._urn_at_hand)
    ),
    "the urn deposit": lambda mp, room: mp.setattr(
        aggregate_module, "urn_deposit", failing_on(2, aggregate_module.urn_deposit)
    ),
    "encoding an entry": lambda mp, room: mp.setattr(
        room_module, "encode_envelope", failing_on(3, room_module.encode_envelope)
    ),
    "sealing the urn": lambda mp, room: mp.setattr(
        room_module, "seal_urn", failing_on(1, room_module.seal_urn)
    ),
    "the database": lambda mp, room: mp.setattr(
        room.store, "persist", failing_on(1, room.store.persist)
    ),
}


@pytest.mark.parametrize("step", list(BREAKS))
async def test_a_failure_before_the_batch_is_durable_leaves_the_room_as_the_log(
    step: str, hub: Hub, demo_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = await hub.room("demo")
    vote = await election_under_way(room)
    with monkeypatch.context() as mp:
        BREAKS[step](mp, room)
        outcomes = await run(room, *the_batch(vote))
    assert any(isinstance(o, Exception) for o in outcomes), outcomes
    durable = durable_fold(demo_engine)
    assert audience_view(room.meeting, Role.CHAIR) == audience_view(durable, Role.CHAIR)
    assert room.meeting.votes.votes[vote].marked == durable.votes.votes[vote].marked
    # Nothing is stuck: the same batch goes through once the fault is gone.
    again = await run(room, *the_batch(vote))
    assert not [o for o in again if isinstance(o, Exception)], again
    assert (
        room.meeting.votes.votes[vote].marked == durable_fold(demo_engine).votes.votes[vote].marked
    )
    closed = await run(room, (CHAIR, {"type": "vote.close", "vote": vote}))
    assert not isinstance(closed[0], Exception), closed
    record = room.meeting.votes.votes[vote]
    assert record.closed is not None and len(record.closed.urn) == len(record.marked)
