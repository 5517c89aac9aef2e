"""What the minutes (protokoll) hold: attendance, services, and per agenda
item its speakers, proposals, votes, decisions and dissent. Built from a log
by ``minutes.build``; rendered by ``minutes_html`` and ``minutes_pdf``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import speaker_queue

from ..domain.base import Event
from ..domain.meeting.events import FiledDocument, NoticeRecord
from ..domain.notice import NoticeChange
from ..domain.roster import Person, PersonKind, Roster
from ..domain.swedish_time import STOCKHOLM, swedish_time
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
    voided: vev.VoteVoided | None = None
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
    proposal: str = ""  # förslag till beslut, from the agenda
    documents: list[FiledDocument] = field(default_factory=list)  # handlingar at the opening


@dataclass
class Minutes:
    meeting: str = ""
    title: str = ""
    roster: Roster = field(default_factory=lambda: Roster((), (), ""))
    created_at: int | None = None  # the log's first entry
    opened_at: int | None = None  # the first item started
    adjourned_at: int | None = None
    recesses: list[list[int | None]] = field(default_factory=list)  # [from, to] of each break
    intervals: dict[str, list[Span]] = field(default_factory=dict)  # person -> presence
    services: list[Service] = field(default_factory=list)
    rollcalls: list[tuple[int, int]] = field(default_factory=list)  # (at, present)
    paragraphs: list[Paragraph] = field(default_factory=list)
    justerare: tuple[str, ...] = ()
    presided: list[str] = field(default_factory=list)  # the ordförande, then each handover
    presiding: str = ""
    documents: list[FiledDocument] = field(default_factory=list)  # the meeting's own handlingar
    filed_at: dict[str, int] = field(default_factory=dict)  # sha256 -> filed during the meeting
    notices: tuple[NoticeRecord, ...] = ()  # how the meeting was called
    unannounced: tuple[NoticeChange, ...] = ()  # what the latest notice did not say

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
