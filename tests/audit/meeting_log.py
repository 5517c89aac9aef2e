"""A short meeting run through the real rules and sealed into a log, with checkpoints.

Five seats in two parties. m1 (the chair), m2, m3 and m4 arrive; e3 comes in
for the absent m5. Item 2 is debated (m2 speaks, m3 waits), an open vote v1
and a secret election v2 (closed ballots at m4's request) are held, each
followed by a signed checkpoint, and the adjournment gets the last checkpoint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import speaker_queue
from voting_server.audit import checkpoint
from voting_server.domain import aggregate
from voting_server.domain.base import Actor, Event, Role
from voting_server.domain.context import Context
from voting_server.domain.meeting import commands as mc
from voting_server.domain.meeting.events import AgendaItem
from voting_server.domain.meeting.rules import open_meeting
from voting_server.domain.roster import Party, Person, PersonKind, Roster
from voting_server.domain.votes import commands as vc
from voting_server.domain.votes.model import Method
from voting_server.log.chain import GENESIS, Envelope, LogEntry, encode_envelope, seal
from voting_server.protocol.views import audience_view

MEETING = "rf-2025-05"
START = 1_747_000_000_000  # epoch milliseconds
ROSTER = Roster(
    parties=(Party("a", "Party A"), Party("b", "Party B")),
    people=(
        Person("m1", "Anna Ordförande", PersonKind.MEMBER, "a", seat=1),
        Person("m2", "Bo Två", PersonKind.MEMBER, "a", seat=2),
        Person("m3", "Cia Tre", PersonKind.MEMBER, "a", seat=3),
        Person("m4", "Dan Fyra", PersonKind.MEMBER, "b", seat=4),
        Person("m5", "Eva Fem", PersonKind.MEMBER, "b", seat=5),
        Person("e1", "Ersättare A1", PersonKind.SUBSTITUTE, "a", order=1),
        Person("e3", "Ersättare B1", PersonKind.SUBSTITUTE, "b", order=1),
    ),
    chair="m1",
)
AGENDA = (AgendaItem("1", "Mötets öppnande"), AgendaItem("2", "Budget 2026"))
CHAIR = Actor(Role.CHAIR, "m1")
SECRETARY = Actor(Role.SECRETARY, "sekr")


def member(person: str) -> Actor:
    return CHAIR if person == "m1" else Actor(Role.DELEGATE, person)


@dataclass
class MeetingLog:
    """Commands in, sealed entries out; a display view kept after every entry."""

    key: Ed25519PrivateKey
    meeting: aggregate.Meeting = field(default_factory=aggregate.Meeting)
    entries: list[LogEntry] = field(default_factory=list)
    views: dict[int, dict[str, Any]] = field(default_factory=dict)  # seq -> display after it
    marks: dict[str, int] = field(default_factory=dict)  # a name -> the seq it names
    urns: dict[str, list[str]] = field(default_factory=dict)  # secret vote -> its entries
    now: int = START

    def append(self, events: list[Event], actor: Actor | None = None) -> None:
        for event in events:
            envelope = Envelope(
                event,
                self.now,
                actor.person if actor else None,
                str(actor.role) if actor else None,
            )
            head_seq = self.entries[-1].seq if self.entries else 0
            head = self.entries[-1].hash if self.entries else GENESIS
            self.entries += seal(head_seq, head, [encode_envelope(envelope)])
        if events:  # the state after a whole command, as clients saw it
            self.views[self.entries[-1].seq] = audience_view(self.meeting, Role.DISPLAY)

    def meet(self, command: Any, actor: Actor = CHAIR) -> None:
        self.now += 1000
        head = self.entries[-1].hash if self.entries else GENESIS
        context = Context(self.now, head=head, urn=lambda vote: tuple(self.urns.get(vote, ())))
        decided = aggregate.decide(self.meeting, command, actor, context)
        if decided.deposit is not None:
            self.urns.setdefault(command.vote, []).append(decided.deposit)
        self.append(decided.events, actor)

    def checkpoint(self, name: str) -> None:
        """Sign the log so far, as the hub does after a vote's close and the adjournment."""
        last = self.entries[-1]
        self.append([checkpoint.sign(self.key, MEETING, last.seq, last.hash)])
        self.marks[name] = self.entries[-1].seq

    def mark(self, name: str) -> None:
        self.marks[name] = self.entries[-1].seq

    @property
    def public_key(self) -> str:
        return checkpoint.public_key_hex(self.key)


def run_meeting(key: Ed25519PrivateKey | None = None, *, votes: bool = True) -> MeetingLog:
    log = MeetingLog(key or Ed25519PrivateKey.generate())
    genesis = open_meeting(MEETING, "Regionfullmäktige", ROSTER, AGENDA)
    for event in genesis:
        log.meeting.apply(event, log.now)
    log.append(genesis)
    for person in ("m1", "m2", "m3", "m4", "e3"):
        log.meet(mc.CheckIn(person), SECRETARY)
    log.mark("arrived")
    log.meet(mc.StartItem("1"))
    log.meet(mc.FinishItem())
    log.meet(mc.StartItem("2"))
    log.meet(speaker_queue.RequestFloor(), member("m2"))
    log.meet(speaker_queue.GiveFloor())
    log.meet(speaker_queue.RequestFloor(), member("m3"))
    log.mark("debate")
    log.meet(speaker_queue.FinishSpeech())
    if votes:
        log.meet(vc.OpenVote(question="Bifall till budgeten?"))
        for person, choice in (("m1", "ja"), ("m2", "ja"), ("m3", "ja"), ("m4", "nej")):
            log.meet(vc.CastVote("v1", choice=choice), member(person))
        log.meet(vc.CastVote("v1", choice="avstar"), member("m3"))  # m3 changes their mind
        log.mark("v1 cast")
        log.meet(vc.CloseVote("v1"))
        log.mark("v1 closed")
        log.checkpoint("after v1")
        log.meet(vc.RequestSecretElection(), member("m4"))
        election = vc.OpenVote(
            question="Val av revisor",
            method=Method.MAJORITY,
            options=("Anna Ek", "Bo Lind"),
            secret=True,
        )
        log.meet(election)
        for person, name in (("m1", "Bo Lind"), ("m2", "Anna Ek"), ("m4", "Anna Ek"), ("e3", "")):
            cast = vc.CastVote("v2", names=(name,) if name else ())
            log.meet(cast, member(person))
        log.meet(vc.CloseVote("v2"))
        log.mark("v2 closed")
        log.checkpoint("after v2")
    log.meet(mc.FinishItem())
    log.meet(mc.Adjourn())
    log.checkpoint("adjourned")
    return log
