"""A small council for the vote rules' tests: seven seats, three parties.

Seats 1-3 belong to party s (m1 the chair, m2, m3), seats 4-5 to m (m4, m5),
seats 6-7 to v (m6, m7). Each party has one substitute: e1 (s), e2 (m),
e3 (v). ``sec`` is the secretary. ``World`` runs meeting commands through the
aggregate and vote commands through the votes' own ``execute``, after the
same role check the aggregate makes, with the context a hub would give: the
lottery's seed ``seed``, the log head ``head`` and the urns of secret votes
(kept from the deposits of the ballots cast).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pytest

from voting_server.domain import aggregate
from voting_server.domain.base import Actor, Event, Role
from voting_server.domain.context import Context
from voting_server.domain.errors import DomainError
from voting_server.domain.meeting import commands as mc
from voting_server.domain.meeting import rules as meeting_rules
from voting_server.domain.meeting.events import AgendaItem
from voting_server.domain.roster import Party, Person, PersonKind, Roster
from voting_server.domain.votes import VotesState, execute, urn_deposit
from voting_server.domain.votes import commands as vc

MEMBERS = ("m1", "m2", "m3", "m4", "m5", "m6", "m7")
PARTY_OF = {"m1": "s", "m2": "s", "m3": "s", "m4": "m", "m5": "m", "m6": "v", "m7": "v"}

ROSTER = Roster(
    parties=(Party("s", "S"), Party("m", "M"), Party("v", "V")),
    people=(
        *(
            Person(m, m.upper(), PersonKind.MEMBER, PARTY_OF[m], seat=i + 1)
            for i, m in enumerate(MEMBERS)
        ),
        Person("e1", "E1", PersonKind.SUBSTITUTE, "s", order=1),
        Person("e2", "E2", PersonKind.SUBSTITUTE, "m", order=1),
        Person("e3", "E3", PersonKind.SUBSTITUTE, "v", order=1),
        Person("sec", "Secretary", PersonKind.OFFICIAL),
    ),
    chair="m1",
)

CHAIR = Actor(Role.CHAIR, "m1")
SECRETARY = Actor(Role.SECRETARY, "sec")
DISPLAY = Actor(Role.DISPLAY)

SEED = "11" * 32
HEAD = "ab" * 32


def delegate(person: str) -> Actor:
    return Actor(Role.DELEGATE, person)


def actor_for(person: str) -> Actor:
    """The actor a person in the chamber acts as: the chair for m1."""
    return CHAIR if person == "m1" else delegate(person)


@dataclass
class World:
    meeting: aggregate.Meeting
    votes: VotesState = field(default_factory=VotesState)
    log: list[Event] = field(default_factory=list)
    now: int = 1_000
    seed: str = SEED  # every lottery's seed, as the hub would derive it
    head: str = HEAD  # the log head a draw mixes in
    urns: dict[str, list[str]] = field(default_factory=dict)  # secret vote -> its entries

    def context(self) -> Context:
        return Context(
            self.now,
            head=bytes.fromhex(self.head),
            lot_seed=lambda vote, draw: self.seed,
            urn=lambda vote: tuple(self.urns.get(vote, ())),
        )

    def meet(self, command: Any, actor: Actor = CHAIR) -> list[Event]:
        """A meeting command, through the aggregate."""
        self.now += 1
        events = aggregate.execute(self.meeting, command, actor, self.context())
        self.log.extend(events)
        return events

    def do(self, command: Any, actor: Actor = CHAIR) -> list[Event]:
        """A vote command: the aggregate's role check, then the votes' rules."""
        self.now += 1
        aggregate.authorize(command, actor)
        events = execute(self.votes, self.meeting.core, command, actor, self.context())
        if isinstance(command, vc.CastVote) and self.votes.vote(command.vote).opened.secret:
            self.urns.setdefault(command.vote, []).append(urn_deposit(self.votes, command))
        self.log.extend(events)
        return events

    def refused(self, command: Any, actor: Actor = CHAIR) -> str:
        """The code a refused command gets; the state must not change."""
        before = repr(self.votes)
        with pytest.raises(DomainError) as caught:
            self.do(command, actor)
        assert repr(self.votes) == before
        return caught.value.code

    def open_question(self, **kwargs: Any) -> Event:
        (opened,) = self.do(vc.OpenVote(question="Bifall?", **kwargs))
        return opened

    def cast(self, vote: str, person: str, choice: str = "", **kwargs: Any) -> list[Event]:
        return self.do(vc.CastVote(vote, choice=choice, **kwargs), actor_for(person))

    def close(self, vote: str = "v1", urn: tuple[str, ...] | None = None) -> list[Event]:
        """Close ``vote``; ``urn`` replaces the urn the ballots filled (a forged one)."""
        if urn is not None:
            self.urns[vote] = list(urn)
        return self.do(vc.CloseVote(vote))


def world(
    present: Iterable[str] = MEMBERS,
    *,
    item: str | None = "i1",
    jav: Iterable[str] = (),
    agenda: tuple[AgendaItem, ...] = (AgendaItem("i1", "Budget"), AgendaItem("i2", "Elections")),
) -> World:
    """A meeting under way: ``present`` checked in, ``jav`` declared on i1, i1 started."""
    meeting = aggregate.Meeting()
    for event in meeting_rules.open_meeting("meeting-1", "Regionfullmäktige", ROSTER, agenda):
        meeting.apply(event, 0)
    w = World(meeting)
    for person in present:
        w.meet(mc.CheckIn(person), SECRETARY)
    for person in jav:
        w.meet(mc.DeclareJav("i1", person), SECRETARY)
    if item is not None:
        w.meet(mc.StartItem(item))
    return w
