"""Events of a meeting's agenda and attendance (past tense, frozen)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..base import Event
from ..bodies import SubstituteOrder
from ..notice import FiledDocument as FiledDocument  # the log records documents by it
from ..notice import NoticeChange
from ..roster import Roster


class ItemKind(StrEnum):
    """An ärende (a matter decided) or a val (an election); jäv has no place in a val."""

    ARENDE = "arende"
    VAL = "val"


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """An item of the föredragningslista; ``diarienummer`` follows the ärende between meetings."""

    id: str
    title: str
    kind: ItemKind = ItemKind.ARENDE
    diarienummer: str = ""
    #: The ärende was sent back by a minority at an earlier meeting (the right applies once).
    minority_returned: bool = False
    title_en: str = ""  # the title in English, when the secretary gave one
    proposal: str = ""  # förslag till beslut: the decision the meeting is asked to make


@dataclass(frozen=True, slots=True)
class DocumentsFiled(Event):
    """The handlingar as they stood when the meeting opened (written when there are any)."""

    type = "meeting.documents_filed"
    documents: tuple[FiledDocument, ...]


@dataclass(frozen=True, slots=True)
class DocumentFiled(Event):
    """A handling filed while the meeting is open (a new document or a new version)."""

    type = "meeting.document_filed"
    document: FiledDocument


@dataclass(frozen=True, slots=True)
class NoticeRecord:
    """One published version of the notice: the kallelse, then each ändrad kallelse."""

    version: int
    published_on: str  # the Swedish date it was published
    public: bool  # posted on the anslagstavla
    announce_by: str  # the last day the law allows for the announcement, or ""
    sha256: str  # of the notice's content (domain/notice.py)
    changes: tuple[NoticeChange, ...] = ()


@dataclass(frozen=True, slots=True)
class NoticesRecorded(Event):
    """How the meeting was called, written at the opening when a notice was published:
    each version, and what the meeting holds that the latest did not announce."""

    type = "meeting.notices_recorded"
    notices: tuple[NoticeRecord, ...]
    unannounced: tuple[NoticeChange, ...] = ()


@dataclass(frozen=True, slots=True)
class MeetingOpened(Event):
    """The first entry of every log: who may sit where, and the agenda."""

    type = "meeting.opened"
    meeting: str
    title: str
    roster: Roster
    agenda: tuple[AgendaItem, ...]


@dataclass(frozen=True, slots=True)
class SeatingRulesSet(Event):
    """The assembly's rule for a member who arrives late, written at the opening.

    ``late_member_waits``: the serving substitute keeps the seat until the item
    is finished (the default); otherwise the member takes it back at once.
    """

    type = "seating.rules_set"
    late_member_waits: bool = True


@dataclass(frozen=True, slots=True)
class SubstituteOrderSet(Event):
    """The ersättarordning of a nämnd, written at the opening when it has one."""

    type = "seating.substitute_order_set"
    orders: tuple[SubstituteOrder, ...]


@dataclass(frozen=True, slots=True)
class ChairHandedOver(Event):
    """Who presides changed: ``to`` runs the meeting and holds the casting vote from now."""

    type = "chair.handed_over"
    to: str
    by: str  # who handed it over: the one presiding, or the secretary


@dataclass(frozen=True, slots=True)
class MeetingAdjourned(Event):
    type = "meeting.adjourned"


@dataclass(frozen=True, slots=True)
class MeetingRecessed(Event):
    """Ajournering: a break, planned to end at ``resumes_at`` (epoch ms)."""

    type = "meeting.recessed"
    resumes_at: int


@dataclass(frozen=True, slots=True)
class MeetingResumed(Event):
    type = "meeting.resumed"


@dataclass(frozen=True, slots=True)
class CheckedIn(Event):
    type = "attendance.checked_in"
    person: str


@dataclass(frozen=True, slots=True)
class CheckedOut(Event):
    """The person left the meeting; a member may not come back to it."""

    type = "attendance.checked_out"
    person: str


@dataclass(frozen=True, slots=True)
class SeatTaken(Event):
    type = "seat.taken"
    seat: int
    person: str


@dataclass(frozen=True, slots=True)
class SeatVacated(Event):
    type = "seat.vacated"
    seat: int
    person: str


@dataclass(frozen=True, slots=True)
class RollCallOpened(Event):
    """Upprop: the chair calls the roll."""

    type = "rollcall.opened"


@dataclass(frozen=True, slots=True)
class RollCallConfirmed(Event):
    """The chair confirms who is present and who sits where."""

    type = "rollcall.confirmed"
    present: tuple[str, ...]
    seated: tuple[tuple[int, str], ...]


@dataclass(frozen=True, slots=True)
class ItemStarted(Event):
    type = "agenda.item_started"
    item: str


@dataclass(frozen=True, slots=True)
class ItemFinished(Event):
    type = "agenda.item_finished"
    item: str


@dataclass(frozen=True, slots=True)
class JavDeclared(Event):
    """Jäv: the person is disqualified from an item (conflict of interest)."""

    type = "jav.declared"
    person: str
    item: str


@dataclass(frozen=True, slots=True)
class JavWithdrawn(Event):
    type = "jav.withdrawn"
    person: str
    item: str


MEETING_EVENTS: tuple[type[Event], ...] = (
    MeetingOpened,
    MeetingAdjourned,
    MeetingRecessed,
    MeetingResumed,
    CheckedIn,
    CheckedOut,
    SeatTaken,
    SeatVacated,
    RollCallOpened,
    RollCallConfirmed,
    ItemStarted,
    ItemFinished,
    JavDeclared,
    JavWithdrawn,
    ChairHandedOver,
    SeatingRulesSet,
    SubstituteOrderSet,
    DocumentsFiled,
    DocumentFiled,
    NoticesRecorded,
)
