"""Commands for votes, elections, lotteries and the order of questions (imperative, frozen).

A command holds only what its sender chose; what the server chooses (ids,
the time, lottery seeds, the urn) reaches the rules as a ``Context``.

``person`` left empty means "myself". A delegate may act only for themselves;
the chair and the secretary may act for a member without a tablet, except in
a secret vote.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..base import IN_CHAMBER, PRESIDIUM, Command, Role
from .model import Method, Proposal, ProposalKind, Valsedel

_CHAIR = frozenset({Role.CHAIR})
_MEMBERS = IN_CHAMBER | PRESIDIUM


@dataclass(frozen=True, slots=True)
class OpenVote(Command):
    """Open a vote on the item under way; its roster is fixed now.

    The rules number the vote (``v1``, ``v2``…). ``allow_change`` comes from the
    assembly's settings; a secret ballot can never be changed. ``procedure``
    opens the vote for the current round of a kontraproposition; ``request``
    names the granted request that makes an election proportional, and
    ``ballots`` are the valsedlar the parties handed in for it.
    """

    type = "vote.open"
    roles = _CHAIR
    question: str
    method: Method = Method.QUESTION
    secret: bool = False
    options: tuple[str, ...] = ()
    seats: int = 1
    allow_change: bool = True
    ja: str = ""
    nej: str = ""
    procedure: str = ""
    request: str = ""
    ballots: tuple[Valsedel, ...] = ()


@dataclass(frozen=True, slots=True)
class CastVote(Command):
    """Cast (or, where allowed, change) a ballot: ``choice`` for a question,
    ``names`` (and ``label`` when proportional) for an election; none for blank."""

    type = "vote.cast"
    roles = _MEMBERS
    vote: str
    choice: str = ""
    names: tuple[str, ...] = ()
    label: str = ""
    person: str | None = None


@dataclass(frozen=True, slots=True)
class CloseVote(Command):
    """Close a vote and count it; a secret vote's urn comes with the context."""

    type = "vote.close"
    roles = _CHAIR
    vote: str


@dataclass(frozen=True, slots=True)
class VoidVote(Command):
    """Declare an open vote void, with the reason for the minutes: it was opened
    by mistake (the wrong item, question or roster). Its ballots count for nothing."""

    type = "vote.void"
    roles = _CHAIR
    vote: str
    reason: str


@dataclass(frozen=True, slots=True)
class DecideTie(Command):
    """Settle a tied question: the chair's casting vote (utslagsröst), ja or nej."""

    type = "vote.decide_tie"
    roles = _CHAIR
    vote: str
    choice: str


@dataclass(frozen=True, slots=True)
class CommitLotSeed(Command):
    """Commit to a lottery seed for an election: sha256 of the seed the context holds."""

    type = "lot.commit_seed"
    roles = _CHAIR
    vote: str


@dataclass(frozen=True, slots=True)
class DrawLot(Command):
    """Draw lots between tied contenders.

    The context reveals the committed seed and gives the hash of the last log
    entry before this draw, which the draw mixes in.
    """

    type = "lot.draw"
    roles = _CHAIR
    vote: str


@dataclass(frozen=True, slots=True)
class AnnounceDecision(Command):
    """State the decision a vote led to, in the words the minutes will use."""

    type = "decision.announce"
    roles = _CHAIR
    vote: str
    text: str


@dataclass(frozen=True, slots=True)
class EnterReservation(Command):
    """Reservera sig: dissent from a decision one voted against."""

    type = "decision.reserve"
    roles = _MEMBERS
    vote: str = ""  # a vote's id, or
    reason: str = ""
    person: str | None = None
    decision: str = ""  # a decision by acclamation's id


@dataclass(frozen=True, slots=True)
class GiveReservationReason(Command):
    """Hand in the written reason for one's reservation, during or after the meeting."""

    type = "decision.reservation_reason"
    roles = _MEMBERS
    vote: str = ""
    reason: str = ""
    person: str | None = None
    decision: str = ""


@dataclass(frozen=True, slots=True)
class EnterMinutesNote(Command):
    """Protokollsanteckning: add a note to the minutes about a decision."""

    type = "decision.note"
    roles = _MEMBERS
    vote: str = ""
    text: str = ""
    person: str | None = None
    decision: str = ""


@dataclass(frozen=True, slots=True)
class AcclaimDecision(Command):
    """Record a decision made without a vote (ja-rop), numbered ``d1``, ``d2``…"""

    type = "decision.acclaim"
    roles = _CHAIR
    text: str
    proposal: str = ""  # the proposal that won, where there is one


@dataclass(frozen=True, slots=True)
class DeclareNoPart(Command):
    """Declare that one took no part in a decision by acclamation."""

    type = "decision.no_part"
    roles = _MEMBERS
    decision: str
    person: str | None = None


@dataclass(frozen=True, slots=True)
class RequestProportionalElection(Command):
    """Record the voters asking for a proportional election, numbered ``r1``, ``r2``…"""

    type = "election.request_proportional"
    roles = PRESIDIUM
    seats: int
    supporters: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RequestSecretElection(Command):
    """A member asks that the election on the item under way be held with closed ballots."""

    type = "election.request_secret"
    roles = _MEMBERS
    person: str | None = None


@dataclass(frozen=True, slots=True)
class StartKontraproposition(Command):
    """Start a kontrapropositionsvotering with ``main`` as the huvudförslag (main proposal).

    The procedure is numbered ``k1``, ``k2``…; the other proposals are put
    against each other in the order given.
    """

    type = "kontra.start"
    roles = _CHAIR
    proposals: tuple[str, ...]
    main: str


@dataclass(frozen=True, slots=True)
class DemandVote(Command):
    """Begära votering: have the current round decided by a vote instead of acclamation."""

    type = "kontra.demand_vote"
    roles = _MEMBERS
    procedure: str
    person: str | None = None


@dataclass(frozen=True, slots=True)
class SettleRound(Command):
    """The chair states the outcome of the current round by acclamation (ja-rop)."""

    type = "kontra.settle_round"
    roles = _CHAIR
    procedure: str
    winner: str  # the final round by acclamation is a decision, numbered as any


@dataclass(frozen=True, slots=True)
class ProposeOrder(Command):
    """Propose the propositionsordning (order of questions) for the item under way.

    Formal questions go first and additions last; ``override`` lets the chair
    depart from that, and is recorded.
    """

    type = "order.propose"
    roles = _CHAIR
    order: tuple[Proposal, ...]
    override: bool = False


@dataclass(frozen=True, slots=True)
class ApproveOrder(Command):
    """Record that the meeting approved the proposed order by acclamation."""

    type = "order.approve"
    roles = _CHAIR


@dataclass(frozen=True, slots=True)
class InvokeMinorityRight(Command):
    """Record the members asking for återremiss or bordläggning of the item under way."""

    type = "minority.invoke"
    roles = PRESIDIUM
    motion: str
    kind: ProposalKind
    supporters: tuple[str, ...]
    reason: str = ""  # the minority's reason: required for an återremiss


VOTE_COMMANDS: tuple[type[Command], ...] = (
    OpenVote,
    CastVote,
    CloseVote,
    VoidVote,
    DecideTie,
    CommitLotSeed,
    DrawLot,
    AnnounceDecision,
    EnterReservation,
    GiveReservationReason,
    EnterMinutesNote,
    AcclaimDecision,
    DeclareNoPart,
    RequestProportionalElection,
    RequestSecretElection,
    StartKontraproposition,
    DemandVote,
    SettleRound,
    ProposeOrder,
    ApproveOrder,
    InvokeMinorityRight,
)
