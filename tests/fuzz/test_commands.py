"""Fuzzing command handling: hostile frames through the hub's path to the rules.

Each frame goes the way the WebSocket endpoint takes it: ``decode``, the hub's
fields blanked, ``COMMANDS.from_wire``, ``authorize`` and ``execute`` on a
meeting with members present, an item under way and a vote open. Whatever the
frame, the only failure is an OrdetError, and a refused command leaves the
folded state exactly as it was.
"""

from __future__ import annotations

import copy
from typing import Any

import msgpack
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.domain.meeting_fixtures import CHAIR, present, when
from tests.domain.meeting_fixtures import given as folded
from voting_server.domain.aggregate import COMMANDS, Meeting, authorize, execute
from voting_server.domain.base import Actor, Role
from voting_server.domain.context import Context
from voting_server.domain.errors import OrdetError
from voting_server.domain.meeting.commands import StartItem
from voting_server.domain.votes import commands as vc
from voting_server.domain.wire import ENVELOPE_KEYS
from voting_server.protocol.frames import decode
from voting_server.protocol.views import audience_view, personal_view

from .strategies import COMMAND_FRAMES, VALID_FRAMES, VALUES, mutated

FUZZ = settings(max_examples=300, deadline=None)
ACTORS = st.builds(
    Actor,
    st.sampled_from(list(Role)),
    st.sampled_from([None, "m1", "m2", "m3", "m4", "m5", "e1", "nobody"]),
)


def meeting() -> Meeting:
    """Four members present, item 1 under way, vote v1 open."""
    state = folded(*present("m1", "m2", "m3", "m4"))
    when(state, StartItem("1"), CHAIR)
    when(state, vc.OpenVote(question="Bifall?"), CHAIR)
    return state


def handle(state: Meeting, raw: bytes, actor: Actor) -> str:
    """The hub's path for one frame; 'ok' or the refusal's code."""
    before = copy.deepcopy(state)
    try:
        frame = decode(raw)
        command = COMMANDS.from_wire(frame, extra=ENVELOPE_KEYS)
        authorize(command, actor)
        execute(state, command, actor, Context(5000))
    except OrdetError as err:
        assert state == before, f"{err.code} changed the state"
        return err.code
    return "ok"


@FUZZ
@given(COMMAND_FRAMES, ACTORS)
def test_any_command_frame_is_decided_or_refused_without_a_trace(
    frame: dict[str, Any], actor: Actor
) -> None:
    handle(meeting(), msgpack.packb(frame), actor)


@FUZZ
@given(st.sampled_from(VALID_FRAMES), st.sampled_from(sorted({"vote", "choice", "question",
       "item", "rid", "type"})), VALUES, ACTORS)  # fmt: skip
def test_a_valid_frame_with_one_field_of_any_type_is_decided_or_refused(
    frame: dict[str, Any], key: str, value: Any, actor: Actor
) -> None:
    handle(meeting(), msgpack.packb({**frame, key: value}), actor)


@FUZZ
@given(mutated(), ACTORS)
def test_mutated_bytes_are_decided_or_refused_without_a_trace(raw: bytes, actor: Actor) -> None:
    handle(meeting(), raw, actor)


@FUZZ
@given(st.lists(st.tuples(COMMAND_FRAMES, ACTORS), min_size=2, max_size=8))
def test_a_sequence_of_hostile_commands_never_corrupts_the_meeting(
    steps: list[tuple[dict[str, Any], Actor]],
) -> None:
    state = meeting()
    for frame, actor in steps:
        handle(state, msgpack.packb(frame), actor)
    # Whatever was accepted, every view can still be built from the state.
    for role in Role:
        audience_view(state, role)
    for person in ("m1", "m2", "m3", "m4", "m5"):
        personal_view(state, person)


def test_the_fuzzed_path_accepts_a_well_formed_ballot() -> None:
    """The harness itself: a valid ballot from a present member goes through."""
    state = meeting()
    raw = msgpack.packb({"type": "vote.cast", "rid": "r1", "vote": "v1", "choice": "ja"})
    assert handle(state, raw, Actor(Role.DELEGATE, "m2")) == "ok"
    assert handle(state, raw, Actor(Role.DISPLAY, None)) == "auth.forbidden"
