"""The minutes (protokoll) of a meeting, read from its log alone.

``build`` walks the ``(event, at)`` pairs of a log in order and collects
what the minutes record: the opening and closing, attendance with the
substitutes who served and the times, and per agenda item the speakers,
the proposals, the propositionsordning, each vote, the decision,
reservations and notes. Justering signatures and checkpoints are not part
of the document: the signatures are made over it (see ``justering_status``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import speaker_queue
from speaker_queue import events as dev

from ..domain.base import Event
from ..domain.deadlines import MinutesDeadlines, minutes_deadlines
from ..domain.justering.events import CHAIR, JusterareElected
from ..domain.justering.state import JusteringState
from ..domain.meeting import events as mev
from ..domain.roster import Person, PersonKind, Roster
from ..domain.swedish_time import STOCKHOLM, swedish_day, swedish_time
from ..domain.votes import events as vev

#: The council's local time, in which the minutes give every time.
TIMEZONE = STOCKHOLM

Pair = tuple[Event, int]


@dataclass
class Span:
    start: int
    end: int | None = None


@dataclass
class Service:
    """A substitute serving on an absent member's seat."""

    person: str
    seat: int
    member: str  # the seat's owner
    spans: list[Span] = field(default_factory=list)


@dataclass
class Speaker:
    person: str
    kind: speaker_queue.RequestKind
    at: int
    replying_to: str = ""  # the person a replik or kontrareplik answers


@dataclass
class ProposalEntry:
    id: str
    kind: str
    text: str
    authors: tuple[str, ...]
    status: str = "active"  # active | withdrawn | merged
    merged_into: str = ""


@dataclass
class VoteEntry:
    opened: vev.VoteOpened
    closed: vev.VoteClosed | None = None
    tie: vev.TieDecided | None = None
    lots: list[vev.LotDrawn] = field(default_factory=list)
    decision: str = ""
    reservations: list[vev.ReservationEntered] = field(default_factory=list)
    notes: list[vev.MinutesNoteEntered] = field(default_factory=list)
    excused: list[vev.VoterExcused] = field(default_factory=list)  # jäv after the opening

    @property
    def result(self) -> str:
        """The decided choice (ja/nej), or the elected names, or ""."""
        if self.tie is not None:
            return self.tie.choice
        outcome = (
            self.lots[-1].outcome if self.lots else self.closed.outcome if self.closed else None
        )
        if outcome is None:
            return ""
        return outcome.choice or ", ".join(outcome.elected)

    @property
    def decided_by(self) -> str:
        if self.tie is not None:
            return "chair"
        if self.lots:
            return "lot"
        outcome = self.closed.outcome if self.closed else None
        return str(outcome.decided_by) if outcome and outcome.decided_by else ""


@dataclass
class AcclaimedEntry:
    """A decision by acclamation in the minutes, with the dissent against it."""

    acclaimed: vev.DecisionAcclaimed
    reservations: list[vev.ReservationEntered] = field(default_factory=list)
    notes: list[vev.MinutesNoteEntered] = field(default_factory=list)
    no_part: list[str] = field(default_factory=list)


@dataclass
class Paragraph:
    """One § of the minutes: an agenda item and everything done under it."""

    number: int
    item: str
    title: str
    started_at: int | None = None
    finished_at: int | None = None
    jav: list[str] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    proposals: dict[str, ProposalEntry] = field(default_factory=dict)
    order: tuple[tuple[str, str], ...] = ()  # (proposal id, kind) in the order put
    order_overridden: bool = False
    order_approved: bool = False
    votes: list[VoteEntry] = field(default_factory=list)
    kontra: list[vev.KontrapropositionStarted] = field(default_factory=list)
    rounds: list[vev.RoundSettled] = field(default_factory=list)
    minority: list[vev.MinorityRightInvoked] = field(default_factory=list)
    secret_requested_by: list[str] = field(default_factory=list)  # closed ballots asked for
    acclaimed: list[AcclaimedEntry] = field(default_factory=list)  # decisions without a vote
    justerare: tuple[str, ...] = ()  # elected while this item was under way
    presided_by: list[str] = field(default_factory=list)  # who presided during the item


@dataclass
class Minutes:
    meeting: str = ""
    title: str = ""
    roster: Roster = field(default_factory=lambda: Roster((), (), ""))
    created_at: int | None = None  # the log's first entry
    opened_at: int | None = None  # the first item started
    adjourned_at: int | None = None
    intervals: dict[str, list[Span]] = field(default_factory=dict)  # person -> presence
    services: list[Service] = field(default_factory=list)
    rollcalls: list[tuple[int, int]] = field(default_factory=list)  # (at, present)
    paragraphs: list[Paragraph] = field(default_factory=list)
    justerare: tuple[str, ...] = ()
    presided: list[str] = field(default_factory=list)  # the ordförande, then each handover
    presiding: str = ""

    @property
    def chair(self) -> str:
        return self.roster.chair

    @property
    def chairs(self) -> list[str]:
        """Everyone who presided, in order: each signs the minutes as chair."""
        return self.presided or ([self.roster.chair] if self.roster.chair else [])

    @property
    def day(self) -> date | None:
        at = self.opened_at or self.created_at
        return None if at is None else local(at).date()

    def name(self, person: str) -> str:
        found = self.roster.by_id.get(person)
        return found.name if found else person

    def person(self, person: str) -> Person | None:
        return self.roster.by_id.get(person)

    def party(self, person: str) -> str:
        found = self.roster.by_id.get(person)
        return found.party if found else ""

    def paragraph(self, item: str) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.item == item), None)

    def members(self) -> list[Person]:
        return sorted(
            (p for p in self.roster.people if p.kind is PersonKind.MEMBER),
            key=lambda p: (p.seat or 0, p.id),
        )

    def substitutes(self) -> list[Person]:
        return sorted(
            (p for p in self.roster.people if p.kind is PersonKind.SUBSTITUTE),
            key=lambda p: (p.party, p.order or 0, p.id),
        )


def local(at: int) -> datetime:
    return swedish_time(at)


def build(pairs: Iterable[Pair]) -> Minutes:
    """The minutes of a log's events, in log order; signatures and checkpoints left out."""
    return _Builder().run(pairs)


class _Builder:
    def __init__(self) -> None:
        self.m = Minutes()
        self.current: Paragraph | None = None
        self.seated: dict[int, str] = {}
        self.speech_person: dict[str, str] = {}  # request id -> speaker
        self.votes: dict[str, VoteEntry] = {}
        self.decisions: dict[str, AcclaimedEntry] = {}

    def run(self, pairs: Iterable[Pair]) -> Minutes:
        for event, at in pairs:
            if self.m.created_at is None:
                self.m.created_at = at
            handler = getattr(self, "_" + type(event).__name__, None)
            if handler is not None:
                handler(event, at)
        return self.m

    def _para(self, item: str) -> Paragraph | None:
        return self.m.paragraph(item)

    # --- the meeting and attendance ------------------------------------------------
    def _MeetingOpened(self, e: mev.MeetingOpened, at: int) -> None:
        self.m.meeting, self.m.title, self.m.roster = e.meeting, e.title, e.roster
        if e.roster.chair:
            self.m.presided, self.m.presiding = [e.roster.chair], e.roster.chair
        self.m.paragraphs = [
            Paragraph(number + 2, item.id, item.title) for number, item in enumerate(e.agenda)
        ]

    def _MeetingAdjourned(self, e: mev.MeetingAdjourned, at: int) -> None:
        self.m.adjourned_at = at
        for spans in self.m.intervals.values():
            if spans and spans[-1].end is None:
                spans[-1].end = at
        for service in self.m.services:
            if service.spans and service.spans[-1].end is None:
                service.spans[-1].end = at

    def _CheckedIn(self, e: mev.CheckedIn, at: int) -> None:
        self.m.intervals.setdefault(e.person, []).append(Span(at))

    def _CheckedOut(self, e: mev.CheckedOut, at: int) -> None:
        spans = self.m.intervals.get(e.person)
        if spans and spans[-1].end is None:
            spans[-1].end = at

    def _SeatTaken(self, e: mev.SeatTaken, at: int) -> None:
        self.seated[e.seat] = e.person
        owner = self.m.roster.seat_owner.get(e.seat, "")
        if owner and owner != e.person:
            service = next(
                (s for s in self.m.services if s.person == e.person and s.seat == e.seat), None
            )
            if service is None:
                service = Service(e.person, e.seat, owner)
                self.m.services.append(service)
            service.spans.append(Span(at))

    def _SeatVacated(self, e: mev.SeatVacated, at: int) -> None:
        self.seated.pop(e.seat, None)
        for service in self.m.services:
            same = service.person == e.person and service.seat == e.seat
            if same and service.spans and service.spans[-1].end is None:
                service.spans[-1].end = at

    def _RollCallConfirmed(self, e: mev.RollCallConfirmed, at: int) -> None:
        self.m.rollcalls.append((at, len(e.present)))

    def _ItemStarted(self, e: mev.ItemStarted, at: int) -> None:
        if self.m.opened_at is None:
            self.m.opened_at = at
        self.current = self._para(e.item)
        if self.current is not None and self.current.started_at is None:
            self.current.started_at = at
        if self.current is not None and self.m.presiding not in self.current.presided_by:
            self.current.presided_by.append(self.m.presiding)

    def _ChairHandedOver(self, e: mev.ChairHandedOver, at: int) -> None:
        self.m.presiding = e.to
        if e.to not in self.m.presided:
            self.m.presided.append(e.to)
        if self.current is not None and e.to not in self.current.presided_by:
            self.current.presided_by.append(e.to)

    def _ItemFinished(self, e: mev.ItemFinished, at: int) -> None:
        para = self._para(e.item)
        if para is not None:
            para.finished_at = at
        self.current = None

    def _JavDeclared(self, e: mev.JavDeclared, at: int) -> None:
        para = self._para(e.item)
        if para is not None and e.person not in para.jav:
            para.jav.append(e.person)

    def _JavWithdrawn(self, e: mev.JavWithdrawn, at: int) -> None:
        para = self._para(e.item)
        if para is not None and e.person in para.jav:
            para.jav.remove(e.person)

    def _JusterareElected(self, e: JusterareElected, at: int) -> None:
        self.m.justerare = e.persons
        if self.current is not None:
            self.current.justerare = e.persons

    # --- debate --------------------------------------------------------------------
    def _FloorGiven(self, e: dev.FloorGiven, at: int) -> None:
        self.speech_person[e.request] = e.person
        para = self._para(e.item)
        if para is not None:
            target = self.speech_person.get(e.target or "", "")
            para.speakers.append(Speaker(e.person, e.kind, e.started_at, target))

    def _ProposalSubmitted(self, e: dev.ProposalSubmitted, at: int) -> None:
        para = self._para(e.item)
        if para is not None:
            para.proposals[e.id] = ProposalEntry(e.id, str(e.kind), e.text, (e.person,))

    def _ProposalWithdrawn(self, e: dev.ProposalWithdrawn, at: int) -> None:
        para = self._para(e.item)
        if para is not None and e.id in para.proposals:
            para.proposals[e.id].status = "withdrawn"

    def _ProposalsMerged(self, e: dev.ProposalsMerged, at: int) -> None:
        para = self._para(e.item)
        if para is None:
            return
        for source in e.sources:
            if source in para.proposals:
                para.proposals[source].status = "merged"
                para.proposals[source].merged_into = e.id
        para.proposals[e.id] = ProposalEntry(e.id, str(e.kind), e.text, e.authors)

    # --- order, votes and decisions --------------------------------------------------
    def _OrderProposed(self, e: vev.OrderProposed, at: int) -> None:
        para = self._para(e.item)
        if para is not None:
            para.order = tuple((p.id, str(p.kind)) for p in e.order)
            para.order_overridden, para.order_approved = e.overridden, False

    def _OrderApproved(self, e: vev.OrderApproved, at: int) -> None:
        para = self._para(e.item)
        if para is not None:
            para.order_approved = True

    def _VoteOpened(self, e: vev.VoteOpened, at: int) -> None:
        entry = VoteEntry(e)
        self.votes[e.vote] = entry
        para = self._para(e.item)
        if para is not None:
            para.votes.append(entry)

    def _VoterExcused(self, e: vev.VoterExcused, at: int) -> None:
        if e.vote in self.votes:
            self.votes[e.vote].excused.append(e)

    def _VoteClosed(self, e: vev.VoteClosed, at: int) -> None:
        if e.vote in self.votes:
            self.votes[e.vote].closed = e

    def _TieDecided(self, e: vev.TieDecided, at: int) -> None:
        if e.vote in self.votes:
            self.votes[e.vote].tie = e

    def _LotDrawn(self, e: vev.LotDrawn, at: int) -> None:
        if e.vote in self.votes:
            self.votes[e.vote].lots.append(e)

    def _DecisionAnnounced(self, e: vev.DecisionAnnounced, at: int) -> None:
        if e.vote in self.votes:
            self.votes[e.vote].decision = e.text

    def _dissent(self, vote: str, decision: str) -> VoteEntry | AcclaimedEntry | None:
        return self.decisions.get(decision) if decision else self.votes.get(vote)

    def _DecisionAcclaimed(self, e: vev.DecisionAcclaimed, at: int) -> None:
        entry = AcclaimedEntry(e)
        self.decisions[e.decision] = entry
        para = self._para(e.item)
        if para is not None:
            para.acclaimed.append(entry)

    def _NoPartDeclared(self, e: vev.NoPartDeclared, at: int) -> None:
        if e.decision in self.decisions:
            self.decisions[e.decision].no_part.append(e.person)

    def _ReservationEntered(self, e: vev.ReservationEntered, at: int) -> None:
        entry = self._dissent(e.vote, e.decision)
        if entry is not None:
            entry.reservations.append(e)

    def _ReservationReasonGiven(self, e: vev.ReservationReasonGiven, at: int) -> None:
        entry = self._dissent(e.vote, e.decision)
        if entry is not None:
            entry.reservations = [
                dataclasses.replace(r, reason=e.reason) if r.person == e.person else r
                for r in entry.reservations
            ]

    def _MinutesNoteEntered(self, e: vev.MinutesNoteEntered, at: int) -> None:
        entry = self._dissent(e.vote, e.decision)
        if entry is not None:
            entry.notes.append(e)

    def _KontrapropositionStarted(self, e: vev.KontrapropositionStarted, at: int) -> None:
        para = self._para(e.item)
        if para is not None:
            para.kontra.append(e)

    def _RoundSettled(self, e: vev.RoundSettled, at: int) -> None:
        for para in self.m.paragraphs:
            if any(k.procedure == e.procedure for k in para.kontra):
                para.rounds.append(e)

    def _SecretElectionRequested(self, e: vev.SecretElectionRequested, at: int) -> None:
        para = self._para(e.item)
        if para is not None:
            para.secret_requested_by.append(e.person)

    def _MinorityRightInvoked(self, e: vev.MinorityRightInvoked, at: int) -> None:
        para = self._para(e.item)
        if para is not None:
            para.minority.append(e)


# --- justering --------------------------------------------------------------------------
@dataclass(frozen=True)
class Signature:
    paragraph: str
    person: str
    name: str
    role: str
    document_hash: str
    signed_at: int
    holds: bool  # the hash is that of the document as it reads now


@dataclass(frozen=True)
class JusteringStatus:
    """Who signed what, whether it still holds, and the notice and appeal dates."""

    document_hash: str
    paragraph_hashes: dict[str, str]
    chair: str
    justerare: tuple[str, ...]
    chairs: tuple[str, ...]  # everyone who presided; each signs as chair
    signatures: tuple[Signature, ...]
    verified: bool  # the chair and both justerare signed this very document
    verified_paragraphs: tuple[str, ...]
    verified_at: int | None
    deadlines: MinutesDeadlines  # justering, notice and appeal period (domain/deadlines.py)

    @property
    def notice_date(self) -> date | None:
        """The day the notice was posted on the anslagstavla, once recorded."""
        return self.deadlines.notice_posted

    @property
    def appeal_ends(self) -> date | None:
        return self.deadlines.appeal_ends

    def signatories(self) -> list[tuple[str, str]]:
        """(person, role) of everyone who is to sign the whole minutes."""
        return [(c, CHAIR) for c in self.chairs] + [(p, "justerare") for p in self.justerare]


def justering_of(pairs: Iterable[Pair]) -> JusteringState:
    """The justerare, signatures, period and notice recorded in a log."""
    state = JusteringState()
    for event, at in pairs:
        state.apply(event, at)
    return state


def justering_status(
    minutes: Minutes,
    justering: JusteringState,
    document_hash: str,
    paragraph_hashes: dict[str, str],
) -> JusteringStatus:
    """Check every signature against the document (or paragraph) as generated now."""

    def current(paragraph: str) -> str:
        return document_hash if paragraph == "" else paragraph_hashes.get(paragraph, "")

    rows = tuple(
        Signature(
            s.paragraph,
            s.person,
            minutes.name(s.person),
            s.role,
            s.document_hash,
            s.signed_at,
            s.document_hash == current(s.paragraph),
        )
        for s in justering.signatures
    )
    needed = {*minutes.chairs, *minutes.justerare}

    def complete(paragraph: str) -> list[Signature]:
        holding = [r for r in rows if r.paragraph == paragraph and r.holds]
        enough = len(minutes.justerare) == justering.justerare_count
        if enough and needed <= {r.person for r in holding}:
            return holding
        return []

    whole = complete("")
    verified_at = max(r.signed_at for r in whole) if whole else None
    deadlines = minutes_deadlines(
        closed_on=swedish_day(minutes.adjourned_at) if minutes.adjourned_at else None,
        verified_on=swedish_day(verified_at) if verified_at else None,
        notice_posted=justering.notice_posted if verified_at else None,
        justering_days=justering.period_days,
    )
    return JusteringStatus(
        document_hash=document_hash,
        paragraph_hashes=paragraph_hashes,
        chair=minutes.chair,
        chairs=tuple(minutes.chairs),
        justerare=minutes.justerare,
        signatures=rows,
        verified=bool(whole),
        verified_paragraphs=tuple(p.item for p in minutes.paragraphs if complete(p.item)),
        verified_at=verified_at,
        deadlines=deadlines,
    )


def deadlines_json(d: MinutesDeadlines, today: date) -> dict[str, Any]:
    """The deadlines as Swedish ISO dates, for the pages and the portal."""

    def day(value: date | None) -> str | None:
        return value.isoformat() if value is not None else None

    return {
        "closed_on": day(d.closed_on),
        "justering_by": day(d.justering_by),
        "justering_days_left": d.days_left(today),
        "verified_on": day(d.verified_on),
        "notice_by": day(d.notice_by),
        "notice_date": day(d.notice_posted),
        "notice_late": d.notice_late,
        "appeal_ends": day(d.appeal_ends),
    }
