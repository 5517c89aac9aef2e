"""A small assembly for rule tests: 5 seats in two parties, with substitutes."""

from __future__ import annotations

from typing import Any

import pytest

from voting_server.domain.aggregate import Meeting, execute, fold
from voting_server.domain.base import Actor, Event, Role
from voting_server.domain.context import Context
from voting_server.domain.errors import DomainError
from voting_server.domain.meeting.commands import CheckIn, StartItem
from voting_server.domain.meeting.events import AgendaItem, CheckedIn, ItemStarted, SeatTaken
from voting_server.domain.meeting.rules import open_meeting
from voting_server.domain.roster import Party, Person, PersonKind, Roster

A, B = "a", "b"
ROSTER = Roster(
    parties=(Party(A, "Party A"), Party(B, "Party B")),
    people=(
        Person("m1", "Chair", PersonKind.MEMBER, A, seat=1),
        Person("m2", "Two", PersonKind.MEMBER, A, seat=2),
        Person("m3", "Three", PersonKind.MEMBER, A, seat=3),
        Person("m4", "Four", PersonKind.MEMBER, B, seat=4),
        Person("m5", "Five", PersonKind.MEMBER, B, seat=5),
        Person("e1", "Sub A1", PersonKind.SUBSTITUTE, A, order=1),
        Person("e2", "Sub A2", PersonKind.SUBSTITUTE, A, order=2),
        Person("e3", "Sub B1", PersonKind.SUBSTITUTE, B, order=1),
    ),
    chair="m1",
)
AGENDA = (AgendaItem("1", "Opening"), AgendaItem("2", "Budget"), AgendaItem("3", "Closing"))
CHAIR = Actor(Role.CHAIR, "m1")


def delegate(person: str) -> Actor:
    return Actor(Role.DELEGATE, person)


def given(*events: Event) -> Meeting:
    """A meeting folded from the genesis events plus ``events``."""
    genesis = open_meeting("t", "Test meeting", ROSTER, AGENDA)
    return fold([(e, 0) for e in (*genesis, *events)])


def when(meeting: Meeting, command: Any, actor: Actor, now: int = 1000) -> list[Event]:
    return execute(meeting, command, actor, Context(now))


def refused(meeting: Meeting, command: Any, actor: Actor) -> str:
    with pytest.raises(DomainError) as info:
        execute(meeting, command, actor, Context(1000))
    return info.value.code


def present(*people: str) -> list[Event]:
    """Check-ins as the rules record them: members also take their own seats."""
    events: list[Event] = []
    for person in people:
        events.append(CheckedIn(person))
        seat = ROSTER.by_id[person].seat
        if seat is not None:
            events.append(SeatTaken(seat, person))
    return events


def started(item: str) -> list[Event]:
    return [ItemStarted(item)]


def arrived(*people: str, item: str | None = None) -> Meeting:
    """A meeting where ``people`` checked in (in that order) through the rules."""
    meeting = given()
    secretary = Actor(Role.SECRETARY, "sekr")
    for person in people:
        execute(meeting, CheckIn(person), secretary, Context(0))
    if item is not None:
        execute(meeting, StartItem(item), CHAIR, Context(0))
    return meeting
