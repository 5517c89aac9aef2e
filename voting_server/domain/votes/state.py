"""The state of a meeting's votes, folded from its events. ``apply`` is the only way it changes."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from ..base import Event, next_id
from ..errors import InvalidState
from . import events as ev
from .kontraproposition import Round, next_round
from .model import Ballot, DecidedBy, Outcome, Proposal, Status, Voter


@dataclass
class VoteRecord:
    """One vote: its fixed roster, the ballots so far, and what followed the close."""

    opened: ev.VoteOpened
    opened_at: int
    ballots: dict[int, Ballot] = field(default_factory=dict)  # seat -> ballot; open votes only
    marked: set[int] = field(default_factory=set)  # seats that voted; secret votes only
    closed: ev.VoteClosed | None = None
    closed_at: int | None = None  # when it was closed, or declared void
    voided: ev.VoteVoided | None = None
    outcome: Outcome | None = None  # the latest result: after the close, a tie or a lot
    commitment: str | None = None  # a lottery seed committed and not yet drawn
    lots: list[ev.LotDrawn] = field(default_factory=list)
    decision: str | None = None  # the chair's words (DecisionAnnounced)
    reservations: list[ev.ReservationEntered] = field(default_factory=list)
    notes: list[ev.MinutesNoteEntered] = field(default_factory=list)
    excused: list[ev.VoterExcused] = field(default_factory=list)  # jäv after the opening

    @property
    def id(self) -> str:
        return self.opened.vote

    @property
    def is_open(self) -> bool:
        return self.closed is None and self.voided is None

    @property
    def status(self) -> str:
        """open, closed (counted) or void."""
        return "void" if self.voided else "open" if self.closed is None else "closed"

    @property
    def voted_seats(self) -> set[int]:
        return self.marked if self.opened.secret else set(self.ballots)

    @cached_property
    def voters(self) -> tuple[Voter, ...]:
        """The roster fixed at the opening, less anyone excused for jäv since."""
        gone = {e.seat for e in self.excused}
        return tuple(v for v in self.opened.voters if v.seat not in gone)

    @cached_property
    def seats_by_person(self) -> dict[str, int]:
        return {voter.person: voter.seat for voter in self.voters}

    def excuse(self, event: ev.VoterExcused) -> None:
        self.excused.append(event)
        self.ballots.pop(event.seat, None)
        for name in ("voters", "seats_by_person"):
            self.__dict__.pop(name, None)  # the cached roster is stale now

    def seat_of(self, person: str) -> int | None:
        """The seat a person votes for in this vote, if they are on its roster."""
        return self.seats_by_person.get(person)

    def ballot_of(self, person: str) -> Ballot | None:
        """An open vote's ballot of ``person``; always None in a secret vote."""
        seat = self.seat_of(person)
        return None if seat is None else self.ballots.get(seat)


@dataclass
class DecisionRecord:
    """A decision by acclamation, and the reservations, notes and abstentions against it."""

    acclaimed: ev.DecisionAcclaimed
    at: int
    reservations: list[ev.ReservationEntered] = field(default_factory=list)
    notes: list[ev.MinutesNoteEntered] = field(default_factory=list)
    no_part: list[str] = field(default_factory=list)  # who declared they took no part


@dataclass
class Procedure:
    """A kontrapropositionsvotering under way or finished."""

    started: ev.KontrapropositionStarted
    rounds: list[ev.RoundSettled] = field(default_factory=list)
    demanded_by: list[str] = field(default_factory=list)  # in the current round
    vote: str | None = None  # the vote open for the current round

    @property
    def id(self) -> str:
        return self.started.procedure

    @property
    def current_round(self) -> Round | None:
        winners = [r.winner for r in self.rounds]
        return next_round(self.started.proposals, self.started.main, winners)

    @property
    def finished(self) -> bool:
        return self.current_round is None


@dataclass
class Order:
    """The propositionsordning of one item."""

    order: tuple[Proposal, ...]
    overridden: bool
    approved: bool = False


@dataclass
class VotesState:
    """Every vote, election, kontraproposition and order of questions of one meeting."""

    votes: dict[str, VoteRecord] = field(default_factory=dict)
    current: str | None = None  # the vote that is open; at most one at a time
    requests: dict[str, ev.ProportionalElectionRequested] = field(default_factory=dict)
    procedures: dict[str, Procedure] = field(default_factory=dict)
    orders: dict[str, Order] = field(default_factory=dict)  # item -> its order
    minority: list[ev.MinorityRightInvoked] = field(default_factory=list)
    secret_requests: dict[str, list[str]] = field(default_factory=dict)  # item -> who asked
    decisions: dict[str, DecisionRecord] = field(default_factory=dict)  # by acclamation

    def next_vote_id(self) -> str:
        return next_id("v", self.votes, len(self.votes))

    def next_request_id(self) -> str:
        return next_id("r", self.requests, len(self.requests))

    def next_procedure_id(self) -> str:
        return next_id("k", self.procedures, len(self.procedures))

    def next_decision_id(self) -> str:
        return next_id("d", self.decisions, len(self.decisions))

    def decision(self, decision_id: str) -> DecisionRecord:
        record = self.decisions.get(decision_id)
        if record is None:
            raise InvalidState("decision.unknown", f"no decision {decision_id!r}")
        return record

    def dissent(self, vote: str, decision: str) -> VoteRecord | DecisionRecord:
        """The vote or the decision by acclamation a reservation or note is about."""
        return self.decision(decision) if decision else self.vote(vote)

    def vote(self, vote_id: str) -> VoteRecord:
        record = self.votes.get(vote_id)
        if record is None:
            raise InvalidState("vote.unknown", f"no vote {vote_id!r}")
        return record

    def procedure(self, procedure_id: str) -> Procedure:
        procedure = self.procedures.get(procedure_id)
        if procedure is None:
            raise InvalidState("kontra.unknown", f"no kontraproposition {procedure_id!r}")
        return procedure

    def active_procedure(self, item: str) -> Procedure | None:
        """The unfinished kontraproposition of ``item``, if any."""
        return next(
            (p for p in self.procedures.values() if p.started.item == item and not p.finished),
            None,
        )

    def request_used(self, request: str) -> bool:
        """Whether an election not declared void was held on a proportional request."""
        return any(v.opened.request == request and v.voided is None for v in self.votes.values())

    def apply(self, event: Event, at: int) -> None:
        handler = _APPLY.get(type(event))
        if handler is not None:
            handler(self, event, at)


def _vote_opened(s: VotesState, e: ev.VoteOpened, at: int) -> None:
    s.votes[e.vote] = VoteRecord(opened=e, opened_at=at)
    s.current = e.vote
    if e.procedure:
        s.procedures[e.procedure].vote = e.vote


def _ballot_cast(s: VotesState, e: ev.BallotCast, at: int) -> None:
    s.votes[e.vote].ballots[e.seat] = e.ballot


def _secret_ballot_cast(s: VotesState, e: ev.SecretBallotCast, at: int) -> None:
    s.votes[e.vote].marked.add(e.seat)


def _vote_closed(s: VotesState, e: ev.VoteClosed, at: int) -> None:
    record = s.votes[e.vote]
    record.closed, record.closed_at, record.outcome = e, at, e.outcome
    if s.current == e.vote:
        s.current = None


def _vote_voided(s: VotesState, e: ev.VoteVoided, at: int) -> None:
    record = s.votes[e.vote]
    record.voided, record.closed_at = e, at
    record.ballots.clear()
    if s.current == e.vote:
        s.current = None
    procedure = s.procedures.get(record.opened.procedure)
    if procedure is not None and procedure.vote == e.vote:
        procedure.vote = None  # the round is voted again


def _tie_decided(s: VotesState, e: ev.TieDecided, at: int) -> None:
    record = s.votes[e.vote]
    assert record.outcome is not None
    record.outcome = replace(
        record.outcome, status=Status.DECIDED, decided_by=DecidedBy.CHAIR, choice=e.choice
    )


def _seed_committed(s: VotesState, e: ev.LotSeedCommitted, at: int) -> None:
    s.votes[e.vote].commitment = e.commitment


def _lot_drawn(s: VotesState, e: ev.LotDrawn, at: int) -> None:
    record = s.votes[e.vote]
    record.commitment = None
    record.lots.append(e)
    record.outcome = e.outcome


def _decision_announced(s: VotesState, e: ev.DecisionAnnounced, at: int) -> None:
    s.votes[e.vote].decision = e.text


def _voter_excused(s: VotesState, e: ev.VoterExcused, at: int) -> None:
    s.votes[e.vote].excuse(e)


def _secret_requested(s: VotesState, e: ev.SecretElectionRequested, at: int) -> None:
    s.secret_requests.setdefault(e.item, []).append(e.person)


def _reservation_entered(s: VotesState, e: ev.ReservationEntered, at: int) -> None:
    s.dissent(e.vote, e.decision).reservations.append(e)


def _decision_acclaimed(s: VotesState, e: ev.DecisionAcclaimed, at: int) -> None:
    s.decisions[e.decision] = DecisionRecord(e, at)


def _no_part_declared(s: VotesState, e: ev.NoPartDeclared, at: int) -> None:
    s.decisions[e.decision].no_part.append(e.person)


def _reservation_reason_given(s: VotesState, e: ev.ReservationReasonGiven, at: int) -> None:
    record = s.dissent(e.vote, e.decision)
    record.reservations = [
        dataclasses.replace(r, reason=e.reason) if r.person == e.person else r
        for r in record.reservations
    ]


def _note_entered(s: VotesState, e: ev.MinutesNoteEntered, at: int) -> None:
    s.dissent(e.vote, e.decision).notes.append(e)


def _proportional_requested(s: VotesState, e: ev.ProportionalElectionRequested, at: int) -> None:
    s.requests[e.request] = e


def _kontra_started(s: VotesState, e: ev.KontrapropositionStarted, at: int) -> None:
    s.procedures[e.procedure] = Procedure(started=e)


def _vote_demanded(s: VotesState, e: ev.VoteDemanded, at: int) -> None:
    s.procedures[e.procedure].demanded_by.append(e.person)


def _round_settled(s: VotesState, e: ev.RoundSettled, at: int) -> None:
    procedure = s.procedures[e.procedure]
    procedure.rounds.append(e)
    procedure.demanded_by.clear()
    procedure.vote = None


def _order_proposed(s: VotesState, e: ev.OrderProposed, at: int) -> None:
    s.orders[e.item] = Order(order=e.order, overridden=e.overridden)


def _order_approved(s: VotesState, e: ev.OrderApproved, at: int) -> None:
    s.orders[e.item].approved = True


def _minority_invoked(s: VotesState, e: ev.MinorityRightInvoked, at: int) -> None:
    s.minority.append(e)


_APPLY: dict[type[Event], Callable[[VotesState, Any, int], None]] = {
    ev.VoteOpened: _vote_opened,
    ev.BallotCast: _ballot_cast,
    ev.SecretBallotCast: _secret_ballot_cast,
    ev.VoteClosed: _vote_closed,
    ev.VoteVoided: _vote_voided,
    ev.TieDecided: _tie_decided,
    ev.LotSeedCommitted: _seed_committed,
    ev.LotDrawn: _lot_drawn,
    ev.DecisionAnnounced: _decision_announced,
    ev.ReservationEntered: _reservation_entered,
    ev.DecisionAcclaimed: _decision_acclaimed,
    ev.NoPartDeclared: _no_part_declared,
    ev.SecretElectionRequested: _secret_requested,
    ev.VoterExcused: _voter_excused,
    ev.ReservationReasonGiven: _reservation_reason_given,
    ev.MinutesNoteEntered: _note_entered,
    ev.ProportionalElectionRequested: _proportional_requested,
    ev.KontrapropositionStarted: _kontra_started,
    ev.VoteDemanded: _vote_demanded,
    ev.RoundSettled: _round_settled,
    ev.OrderProposed: _order_proposed,
    ev.OrderApproved: _order_approved,
    ev.MinorityRightInvoked: _minority_invoked,
}
