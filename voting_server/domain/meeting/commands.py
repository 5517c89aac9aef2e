"""Commands for a meeting's agenda and attendance (imperative, frozen).

``person`` left empty means "myself". A delegate may act only for themselves;
the chair and the secretary may act for anyone (a member without a tablet).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..base import IN_CHAMBER, PRESIDIUM, Command, Role

_ATTENDANCE_ROLES = IN_CHAMBER | PRESIDIUM


@dataclass(frozen=True, slots=True)
class CheckIn(Command):
    type = "attendance.check_in"
    roles = _ATTENDANCE_ROLES
    person: str | None = None


@dataclass(frozen=True, slots=True)
class CheckOut(Command):
    type = "attendance.check_out"
    roles = _ATTENDANCE_ROLES
    person: str | None = None


@dataclass(frozen=True, slots=True)
class OpenRollCall(Command):
    type = "rollcall.open"
    roles = frozenset({Role.CHAIR})


@dataclass(frozen=True, slots=True)
class ConfirmRollCall(Command):
    type = "rollcall.confirm"
    roles = frozenset({Role.CHAIR})


@dataclass(frozen=True, slots=True)
class StartItem(Command):
    type = "agenda.start_item"
    roles = frozenset({Role.CHAIR})
    item: str


@dataclass(frozen=True, slots=True)
class FinishItem(Command):
    type = "agenda.finish_item"
    roles = frozenset({Role.CHAIR})


@dataclass(frozen=True, slots=True)
class DeclareJav(Command):
    type = "jav.declare"
    roles = _ATTENDANCE_ROLES
    item: str
    person: str | None = None


@dataclass(frozen=True, slots=True)
class WithdrawJav(Command):
    type = "jav.withdraw"
    roles = _ATTENDANCE_ROLES
    item: str
    person: str | None = None


@dataclass(frozen=True, slots=True)
class Adjourn(Command):
    type = "meeting.adjourn"
    roles = frozenset({Role.CHAIR})


@dataclass(frozen=True, slots=True)
class Recess(Command):
    """Ajournera: a break until ``resumes_at``, a Swedish clock time such as "13.15"."""

    type = "meeting.recess"
    roles = frozenset({Role.CHAIR})
    resumes_at: str


@dataclass(frozen=True, slots=True)
class Resume(Command):
    """Take the meeting up again after a break."""

    type = "meeting.resume"
    roles = frozenset({Role.CHAIR})


@dataclass(frozen=True, slots=True)
class HandOverChair(Command):
    """Hand the chair to ``to``: by the one presiding, or by the secretary when they are away."""

    type = "chair.hand_over"
    roles = PRESIDIUM
    to: str


@dataclass(frozen=True, slots=True)
class FileDocument(Command):
    """The secretariat files a handling during the meeting. Sent by the portal after
    the file is stored, never over a socket: only the portal knows its SHA-256 is true."""

    type = "meeting.file_document"
    roles = frozenset({Role.SECRETARY})
    item: str  # "" for the meeting as a whole
    title: str
    version: int
    sha256: str


MEETING_COMMANDS: tuple[type[Command], ...] = (
    CheckIn,
    CheckOut,
    OpenRollCall,
    ConfirmRollCall,
    StartItem,
    FinishItem,
    DeclareJav,
    WithdrawJav,
    Adjourn,
    Recess,
    Resume,
    HandOverChair,
)
