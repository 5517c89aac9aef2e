"""The commands and events fit the host's wire conventions."""

from __future__ import annotations

import dataclasses
import types
import typing
from enum import StrEnum

import pytest

from speaker_queue import (
    DEBATE_COMMANDS,
    DEBATE_EVENTS,
    ChangeDebateSettings,
    DebateCommand,
    DebateError,
    DebateEvent,
    DebateSettings,
    DebateSettingsChanged,
    DebateState,
    FloorGiven,
    MergeProposals,
    MoveRequest,
    ProposalKind,
    RequestKind,
    StaticChamber,
    SubmitProposal,
    decide,
    execute,
)
from voting_server.domain.base import Role
from voting_server.domain.wire import Registry, to_wire

ALL = DEBATE_COMMANDS + DEBATE_EVENTS


def _wire_safe(hint: object) -> bool:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType, tuple):
        return all(_wire_safe(arg) for arg in typing.get_args(hint) if arg is not Ellipsis)
    if origin is typing.Literal:
        return True
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return all(_wire_safe(h) for h in _field_hints(hint))
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return True
    return hint in (str, int, bool, type(None))


def _field_hints(cls: type) -> list[object]:
    hints = typing.get_type_hints(cls)
    return [hints[field.name] for field in dataclasses.fields(cls)]


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.type)
def test_frozen_dataclasses_with_dotted_tags(cls):
    assert dataclasses.is_dataclass(cls)
    assert cls.__dataclass_params__.frozen
    assert "__slots__" in cls.__dict__
    assert cls.type.startswith("debate.")
    assert issubclass(cls, DebateCommand | DebateEvent)


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.type)
def test_fields_are_wire_safe(cls):
    assert all(_wire_safe(hint) for hint in _field_hints(cls))


def test_tags_are_unique():
    tags = [cls.type for cls in ALL]
    assert len(set(tags)) == len(tags)


@pytest.mark.parametrize("cls", DEBATE_COMMANDS, ids=lambda c: c.type)
def test_roles_are_plain_role_names(cls):
    assert cls.roles
    assert cls.roles <= {"delegate", "chair", "secretary"}
    assert Role.CHAIR in cls.roles  # the host's role enum matches the plain strings


@pytest.mark.parametrize(
    "obj",
    [
        DebateSettingsChanged(DebateSettings(replik_limit=3)),
        FloorGiven("i", "q1", "a", RequestKind.SPEECH, True, None, "S", "f", 1, 2, 3, 4),
        MoveRequest("q1", "down"),
        MergeProposals(("y1", "y2"), "text", authors_agree=True),
        SubmitProposal(ProposalKind.ATERREMISS, "Återremiss"),
    ],
)
def test_round_trip_through_the_hosts_codec(obj):
    registry = Registry("debate", ALL)
    assert registry.from_wire(to_wire(obj)) == obj


def test_an_error_carries_a_stable_code():
    error = DebateError("debate.list_closed", "closed")
    assert (error.code, error.message, str(error)) == (
        "debate.list_closed",
        "closed",
        "debate.list_closed: closed",
    )


def test_unknown_commands_are_refused():
    class Stray(DebateCommand):
        __slots__ = ()
        type = "debate.stray"

    with pytest.raises(DebateError) as caught:
        decide(DebateState(), Stray(), StaticChamber(), 0)
    assert caught.value.code == "debate.unknown_command"


def test_execute_folds_what_decide_returns():
    state = DebateState()
    command = ChangeDebateSettings(DebateSettings(replik_limit=1))
    events = execute(state, command, StaticChamber(actor_is_chair=True), 5)
    assert events == [DebateSettingsChanged(DebateSettings(replik_limit=1))]
    assert state.settings == DebateSettings(replik_limit=1)
