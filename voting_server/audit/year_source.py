"""Where a body's year comes from: the meetings in the database and their logs,
or exported logs an auditor holds. Both go through the same pure figures."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from ..domain.swedish_time import swedish_time
from ..log.chain import Envelope, LogEntry
from ..store.archive import Archive
from ..store.models import AssemblyRow, MeetingRow
from .allowances import AllowanceRow, allowance_rows, basis_digest, rules_from_settings
from .attendance import MeetingAttendance, meeting_attendance
from .errors import RulesError
from .records import decode_all
from .year import PlannedMeeting, Year, goal_from_settings, year_figures


def envelopes_of(entries: Iterable[LogEntry]) -> list[Envelope]:
    return [r.envelope for r in decode_all(entries) if r.envelope is not None]


def _in_year(starts_at: str, attendance: MeetingAttendance | None, year: int) -> bool:
    if attendance is not None and attendance.started_at is not None:
        return swedish_time(attendance.started_at).year == year
    return starts_at[:4] == str(year)


def _figures(
    body: str, year: int, settings: Mapping[str, Any], planned: list[PlannedMeeting]
) -> Year:
    planned.sort(key=lambda p: (_day(p), p.meeting))
    return year_figures(
        body, year, planned, goal_from_settings(settings), rules_from_settings(settings)
    )


def _day(p: PlannedMeeting) -> str:
    if p.attendance is not None and p.attendance.started_at is not None:
        return swedish_time(p.attendance.started_at).isoformat()
    return p.starts_at


def body_year(engine: Engine, assembly: str, year: int) -> Year:
    """An assembly's year, from its meetings' durable logs."""
    with Session(engine) as s:
        row = s.get(AssemblyRow, assembly)
        if row is None:
            raise RulesError(f"no assembly {assembly!r}")
        meetings = s.exec(select(MeetingRow).where(col(MeetingRow.assembly_id) == assembly)).all()
        body, settings = row.name, json.loads(row.settings or "{}")
    archive = Archive(engine)
    planned = []
    for m in meetings:
        entries = archive.read(m.id)
        attendance = meeting_attendance(envelopes_of(entries)) if entries else None
        if _in_year(m.starts_at, attendance, year):
            planned.append(PlannedMeeting(m.id, m.title, m.starts_at, attendance))
    return _figures(body, year, settings, planned)


def exported_year(
    logs: Iterable[list[LogEntry]], body: str, year: int, settings: Mapping[str, Any]
) -> Year:
    """The same figures, recomputed from exported logs alone."""
    planned = []
    for entries in logs:
        attendance = meeting_attendance(envelopes_of(entries))
        if _in_year("", attendance, year):
            planned.append(PlannedMeeting(attendance.meeting, attendance.title, "", attendance))
    return _figures(body, year, settings, planned)


@dataclass(frozen=True)
class MeetingBasis:
    """One meeting's basis for allowances as the year's figures compute it now."""

    assembly: str
    attendance: MeetingAttendance
    rows: list[AllowanceRow]
    digest: str


def meeting_basis(engine: Engine, meeting_id: str) -> MeetingBasis:
    """What the secretary approves and corrects, from the meeting's durable log.

    LookupError for an unknown meeting; RulesError for rules that make no sense."""
    with Session(engine) as s:
        meeting = s.get(MeetingRow, meeting_id)
        assembly = s.get(AssemblyRow, meeting.assembly_id) if meeting is not None else None
        if meeting is None or assembly is None:
            raise LookupError(meeting_id)
        home, body = assembly.id, assembly.name
        settings = json.loads(assembly.settings or "{}")
    attendance = meeting_attendance(envelopes_of(Archive(engine).read(meeting_id)))
    rows = allowance_rows(attendance, body, rules_from_settings(settings))
    return MeetingBasis(home, attendance, rows, basis_digest(rows))
