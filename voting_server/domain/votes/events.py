"""Events of votes, elections, lotteries and the order of questions (past tense, frozen).

A secret vote's log holds ``SecretBallotCast`` (who voted) and, at the close,
the sorted contents of the urn (what was voted). Nothing in between links
the two.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..base import Event
from .model import (
    Ballot,
    Method,
    NamedBallot,
    Outcome,
    PartyCount,
    Proposal,
    ProposalKind,
    Tally,
    Valsedel,
    Voter,
)


@dataclass(frozen=True, slots=True)
class VoteOpened(Event):
    """A vote opens with its roster fixed: who may vote, on which seat, for which party.

    ``ja`` and ``nej`` say which proposals Ja and Nej stand for, when known.
    A vote for a kontraproposition round names its ``procedure`` and ``round``;
    a proportional election names the ``request`` that made it proportional.
    """

    type = "vote.opened"
    vote: str
    item: str
    method: Method
    secret: bool
    question: str
    options: tuple[str, ...]
    seats: int
    allow_change: bool
    voters: tuple[Voter, ...]
    ja: str = ""
    nej: str = ""
    procedure: str = ""
    round: int = 0
    request: str = ""
    ballots: tuple[Valsedel, ...] = ()  # registered valsedlar of a proportional election


@dataclass(frozen=True, slots=True)
class BallotCast(Event):
    """An open vote's ballot, by name. A later one for the same seat replaces it."""

    type = "vote.ballot_cast"
    vote: str
    seat: int
    person: str
    ballot: Ballot


@dataclass(frozen=True, slots=True)
class VoterExcused(Event):
    """A voter declared jäv while the vote on the item was open: off its roster.

    ``discarded`` says whether a ballot the seat had cast was set aside
    (it is not counted). The seat is not taken over: the roster stays fixed.
    """

    type = "vote.voter_excused"
    vote: str
    seat: int
    person: str
    discarded: bool


@dataclass(frozen=True, slots=True)
class SecretBallotCast(Event):
    """A seat voted in a secret vote. What it voted went into the urn, not the log."""

    type = "vote.secret_ballot_cast"
    vote: str
    seat: int


@dataclass(frozen=True, slots=True)
class VoteClosed(Event):
    """The count of a closed vote.

    An open vote carries its ``named`` list and party breakdown; a secret vote
    carries the urn's entries, sorted so that no order leaks.
    """

    type = "vote.closed"
    vote: str
    tally: Tally
    outcome: Outcome
    named: tuple[NamedBallot, ...] = ()
    by_party: tuple[PartyCount, ...] = ()
    urn: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class VoteVoided(Event):
    """The chair declared an open vote void: nothing it received is counted or kept."""

    type = "vote.voided"
    vote: str
    reason: str


@dataclass(frozen=True, slots=True)
class TieDecided(Event):
    """The chair settled a tied question (utslagsröst given after the count)."""

    type = "vote.tie_decided"
    vote: str
    choice: str


@dataclass(frozen=True, slots=True)
class LotSeedCommitted(Event):
    """The SHA-256 of a lottery seed, logged before the seed is revealed."""

    type = "lot.seed_committed"
    vote: str
    commitment: str


@dataclass(frozen=True, slots=True)
class LotDrawn(Event):
    """Lottning: the revealed seed and log head ordered the tied contenders.

    ``order`` follows from ``seed``, ``head`` and ``entrants`` alone (see
    ``lottery.draw_order``); ``outcome`` is the vote's result with the tie broken.
    """

    type = "lot.drawn"
    vote: str
    seed: str
    head: str
    entrants: tuple[str, ...]
    order: tuple[str, ...]
    outcome: Outcome


@dataclass(frozen=True, slots=True)
class DecisionAnnounced(Event):
    """The chair announced the decision a vote led to, in words for the minutes."""

    type = "decision.announced"
    vote: str
    text: str


@dataclass(frozen=True, slots=True)
class ReservationEntered(Event):
    """Reservation: a member who voted against the decision dissents from it."""

    type = "decision.reservation_entered"
    vote: str  # "" when against a decision by acclamation
    person: str
    reason: str = ""
    decision: str = ""


@dataclass(frozen=True, slots=True)
class ReservationReasonGiven(Event):
    """The written reason of a reservation, handed in after it was entered."""

    type = "decision.reservation_reason_given"
    vote: str
    person: str
    reason: str
    decision: str = ""


@dataclass(frozen=True, slots=True)
class MinutesNoteEntered(Event):
    """Protokollsanteckning: a member's note in the minutes about a decision."""

    type = "decision.note_entered"
    vote: str
    person: str
    text: str
    decision: str = ""


@dataclass(frozen=True, slots=True)
class DecisionAcclaimed(Event):
    """A decision made without a vote, by acclamation: as much a decision as a vote's.

    ``serving`` are those on a seat when it was made: who may reserve against
    it or say they took no part. A final kontraproposition round settled by
    acclamation names its ``procedure``.
    """

    type = "decision.acclaimed"
    decision: str
    item: str
    text: str
    proposal: str = ""
    procedure: str = ""
    serving: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NoPartDeclared(Event):
    """A member declared that they took no part in a decision by acclamation."""

    type = "decision.no_part_declared"
    decision: str
    person: str


@dataclass(frozen=True, slots=True)
class SecretElectionRequested(Event):
    """A member asked for closed ballots: every election on the item is secret from now on."""

    type = "election.secret_requested"
    item: str
    person: str


@dataclass(frozen=True, slots=True)
class ProportionalElectionRequested(Event):
    """Voters asked for a proportional election; ``granted`` if they reached the threshold."""

    type = "election.proportional_requested"
    request: str
    item: str
    seats: int
    supporters: tuple[str, ...]
    present: int
    threshold: int
    granted: bool


@dataclass(frozen=True, slots=True)
class KontrapropositionStarted(Event):
    """Kontrapropositionsvotering: the chair named the main proposal (huvudförslag)."""

    type = "kontra.started"
    procedure: str
    item: str
    proposals: tuple[str, ...]
    main: str


@dataclass(frozen=True, slots=True)
class VoteDemanded(Event):
    """Votering begärd: a member wants the round decided by a vote, not acclamation."""

    type = "kontra.vote_demanded"
    procedure: str
    round: int
    person: str


@dataclass(frozen=True, slots=True)
class RoundSettled(Event):
    """One round of a kontraproposition: ``ja`` against ``nej``, and which won.

    ``vote`` is empty when the round was settled by acclamation. The winner of
    the ``final`` round is the proposal the meeting adopted.
    """

    type = "kontra.round_settled"
    procedure: str
    round: int
    ja: str
    nej: str
    winner: str
    final: bool
    vote: str = ""


@dataclass(frozen=True, slots=True)
class OrderProposed(Event):
    """Propositionsordning: the order in which the chair will put the questions."""

    type = "order.proposed"
    item: str
    order: tuple[Proposal, ...]
    overridden: bool


@dataclass(frozen=True, slots=True)
class OrderApproved(Event):
    """The meeting approved the proposed order by acclamation."""

    type = "order.approved"
    item: str


@dataclass(frozen=True, slots=True)
class MinorityRightInvoked(Event):
    """Members asked to send a matter back or postpone it (minority right).

    ``forced`` when at least a third of those present asked: the matter is
    then sent back or postponed without a vote. ``repeat`` when the ärende
    (by its diarienummer) was sent back by a minority before: the right
    applies once, so the request is recorded and the majority decides.
    """

    type = "minority.right_invoked"
    item: str
    motion: str
    kind: ProposalKind
    supporters: tuple[str, ...]
    present: int
    threshold: int
    forced: bool
    reason: str = ""
    repeat: bool = False


VOTE_EVENTS: tuple[type[Event], ...] = (
    VoteOpened,
    BallotCast,
    VoterExcused,
    SecretBallotCast,
    VoteClosed,
    VoteVoided,
    TieDecided,
    LotSeedCommitted,
    LotDrawn,
    DecisionAnnounced,
    ReservationEntered,
    ReservationReasonGiven,
    MinutesNoteEntered,
    DecisionAcclaimed,
    NoPartDeclared,
    ProportionalElectionRequested,
    SecretElectionRequested,
    KontrapropositionStarted,
    VoteDemanded,
    RoundSettled,
    OrderProposed,
    OrderApproved,
    MinorityRightInvoked,
)
