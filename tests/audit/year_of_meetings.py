"""Meetings played through the real rules on a clock the test sets, for the
year's figures: an e-board of 14 member municipalities, and its preparatory
group of 5, each seat with a member and a substitute of the same organisation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from voting_server.domain import aggregate
from voting_server.domain.base import Actor, Role
from voting_server.domain.context import Context
from voting_server.domain.meeting import commands as mc
from voting_server.domain.meeting.events import AgendaItem
from voting_server.domain.meeting.rules import open_meeting
from voting_server.domain.roster import Party, Person, PersonKind, Roster
from voting_server.domain.swedish_time import STOCKHOLM
from voting_server.log.chain import Envelope

SECRETARY = Actor(Role.SECRETARY, "sekr")
MUNICIPALITIES = (
    "Alingsås", "Bollebygd", "Essunga", "Falköping", "Grästorp", "Gullspång", "Herrljunga",
    "Karlsborg", "Lerum", "Mark", "Skövde", "Tibro", "Vara", "Vårgårda",
)  # fmt: skip


def body_roster(size: int) -> Roster:
    """``size`` organisations, one seat each: member ``m<i>``, substitute ``e<i>``."""
    places = MUNICIPALITIES[:size]
    people: list[Person] = []
    for i, place in enumerate(places, start=1):
        party = place.lower()
        people.append(Person(f"m{i}", f"Ledamot {place}", PersonKind.MEMBER, party, seat=i))
        people.append(Person(f"e{i}", f"Ersättare {place}", PersonKind.SUBSTITUTE, party, order=1))
    parties = tuple(Party(place.lower(), place) for place in places)
    return Roster(parties=parties, people=tuple(people), chair="m1")


@dataclass
class TimedMeeting:
    """Commands at Swedish clock times of one day; the log's envelopes kept."""

    meeting_id: str
    day: date
    roster: Roster
    meeting: aggregate.Meeting = field(default_factory=aggregate.Meeting)
    envelopes: list[Envelope] = field(default_factory=list)

    def __post_init__(self) -> None:
        genesis = open_meeting(
            self.meeting_id, "Sammanträde", self.roster, (AgendaItem("1", "Ärende"),)
        )
        at = self._at(time(8, 0))
        for event in genesis:
            self.meeting.apply(event, at)
            self.envelopes.append(Envelope(event, at, None, None))

    def _at(self, clock: time) -> int:
        return int(datetime.combine(self.day, clock, STOCKHOLM).timestamp() * 1000)

    def at(self, clock: str, command: Any, actor: Actor = SECRETARY) -> None:
        hour, minute = (int(x) for x in clock.split(":"))
        now = self._at(time(hour, minute))
        decided = aggregate.decide(self.meeting, command, actor, Context(now))
        for event in decided.events:
            self.envelopes.append(Envelope(event, now, actor.person, str(actor.role)))

    def arrive(self, clock: str, *people: str) -> None:
        for person in people:
            self.at(clock, mc.CheckIn(person))

    def leave(self, clock: str, person: str) -> None:
        self.at(clock, mc.CheckOut(person))

    def adjourn(self, clock: str) -> None:
        self.at(clock, mc.Adjourn(), Actor(Role.CHAIR, "m1"))


def meeting_of(
    meeting_id: str, day: date, roster: Roster, present: list[str], start: str, end: str
) -> TimedMeeting:
    """A meeting where ``present`` arrive at ``start`` and stay until the adjournment."""
    played = TimedMeeting(meeting_id, day, roster)
    played.arrive(start, *present)
    played.adjourn(end)
    return played
