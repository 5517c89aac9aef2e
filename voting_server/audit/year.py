"""A body's year in figures, for the annual report: the meetings held, the
attendance of each and of the year against the body's goal, per member and per
party (or member organisation, where a body's seats belong to organisations).

Pure: each meeting's attendance (``attendance.meeting_attendance``) in, the
year out. A meeting that was planned but never held counts as cancelled.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..domain.swedish_time import swedish_time
from .allowances import AllowanceRow, AllowanceRules, allowance_rows, basis_digest
from .attendance import MeetingAttendance
from .errors import RulesError


@dataclass(frozen=True)
class PlannedMeeting:
    """A meeting on the body's calendar, with its log's attendance if it has one."""

    meeting: str
    title: str
    starts_at: str  # as planned, ISO; "" when not set
    attendance: MeetingAttendance | None


@dataclass(frozen=True)
class MeetingLine:
    meeting: str
    title: str
    date: str
    time: str
    held: bool
    quorum: bool
    seats: int
    seats_taking_part: int
    rate: float
    members_present: int
    substitutes_served: int
    allowance: str = ""  # "" (not held), to_approve, questioned, approved, changed
    approved_at: str = ""  # Swedish date and time of the approval that holds
    approved_by: str = ""
    digest: str = ""  # of the basis for allowances as computed now


@dataclass(frozen=True)
class QuestionLine:
    """A member's question about their figures, and how the secretary settled it."""

    meeting: str
    date: str
    person: str
    name: str
    reason: str
    asked_at: str
    answer: str  # "" while open
    corrected: bool


@dataclass(frozen=True)
class Share:
    """Of ``of`` seats at the meetings held, ``took_part``."""

    key: str
    took_part: int
    of: int

    @property
    def rate(self) -> float:
        return self.took_part / self.of if self.of else 0.0


@dataclass(frozen=True)
class MemberYear:
    person: str
    name: str
    party: str
    meetings_held: int
    present: int  # meetings the member was present at
    served: int  # meetings the member served at, on their own seat
    substituted: int  # meetings a substitute served on the member's seat


@dataclass(frozen=True)
class Year:
    body: str
    year: int
    goal: float | None
    meetings: tuple[MeetingLine, ...]
    total: Share
    parties: tuple[Share, ...]
    members: tuple[MemberYear, ...]
    allowances: tuple[AllowanceRow, ...]
    questions: tuple[QuestionLine, ...] = ()

    @property
    def meets_goal(self) -> bool | None:
        return None if self.goal is None else self.total.rate >= self.goal


def goal_from_settings(settings: Mapping[str, Any]) -> float | None:
    """The body's attendance goal (``"attendance_goal": 0.75``), if it sets one."""
    goal = settings.get("attendance_goal")
    if goal is None:
        return None
    if not isinstance(goal, int | float) or isinstance(goal, bool) or not 0 < goal <= 1:
        raise RulesError("'attendance_goal' is a share between 0 and 1, e.g. 0.75")
    return float(goal)


def _stamp(at: int) -> str:
    return swedish_time(at).strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class _Basis:
    """A held meeting's basis for allowances and whether its approval holds."""

    rows: tuple[AllowanceRow, ...]
    digest: str
    status: str
    approved_at: str = ""
    approved_by: str = ""


def _basis(a: MeetingAttendance, body: str, rules: AllowanceRules) -> _Basis:
    rows = allowance_rows(a, body, rules)
    digest = basis_digest(rows)
    record = a.allowances
    approval = record.approval
    if record.open_questions():
        return _Basis(tuple(rows), digest, "questioned")
    if approval is None:
        return _Basis(tuple(rows), digest, "to_approve")
    if approval.digest != digest:  # e.g. the body's rules changed since
        return _Basis(tuple(rows), digest, "changed")
    day = swedish_time(approval.at).date().isoformat()
    approved = tuple(replace(r, approved=day) for r in rows)
    return _Basis(approved, digest, "approved", _stamp(approval.at), approval.person)


def _line(planned: PlannedMeeting, basis: _Basis | None) -> MeetingLine:
    a = planned.attendance
    seats = a.seats if a is not None else 0
    if a is None or a.started_at is None or basis is None:  # planned, never held
        return MeetingLine(
            planned.meeting, planned.title, planned.starts_at[:10], planned.starts_at[11:16],
            False, False, seats, 0, 0.0, 0, 0,
        )  # fmt: skip
    start = swedish_time(a.started_at)
    return MeetingLine(
        meeting=planned.meeting,
        title=planned.title,
        date=start.date().isoformat(),
        time=start.strftime("%H:%M"),
        held=True,
        quorum=a.quorum,
        seats=seats,
        seats_taking_part=a.seats_taking_part,
        rate=a.rate,
        members_present=sum(1 for p in a.people if p.kind == "member" and p.present),
        substitutes_served=sum(1 for p in a.people if p.kind == "substitute" and p.served),
        allowance=basis.status,
        approved_at=basis.approved_at,
        approved_by=basis.approved_by,
        digest=basis.digest,
    )


def _questions(a: MeetingAttendance) -> list[QuestionLine]:
    date = swedish_time(a.started_at).date().isoformat() if a.started_at else ""
    lines = []
    for q in a.allowances.questions:
        name = a.people_on_roster.get(q.person, ("", "", ""))[0]
        asked, answer = _stamp(q.asked_at), q.answer or ""
        line = QuestionLine(a.meeting, date, q.person, name, q.reason, asked, answer, q.corrected)
        lines.append(line)
    return lines


def year_figures(
    body: str,
    year: int,
    planned: Sequence[PlannedMeeting],
    goal: float | None,
    rules: AllowanceRules,
) -> Year:
    """The year of one body, its meetings in the order given (by date)."""
    held = [p.attendance for p in planned if p.attendance is not None and p.attendance.held]
    total = Share(body, sum(a.seats_taking_part for a in held), sum(a.seats for a in held))
    party_keys = sorted({party for a in held for party in a.party_seats})
    parties = tuple(
        Share(
            party,
            sum(a.party_taking_part.get(party, 0) for a in held),
            sum(a.party_seats.get(party, 0) for a in held),
        )
        for party in party_keys
    )
    members: dict[str, MemberYear] = {}
    for a in held:
        by_person = {p.person: p for p in a.people}
        substituted = {owner for p in a.people for owner in p.serving_for}
        for person, name, party in a.members:
            was = members.get(person) or MemberYear(person, name, party, 0, 0, 0, 0)
            p = by_person.get(person)
            members[person] = MemberYear(
                person, name, party,
                was.meetings_held + 1,
                was.present + bool(p and p.present),
                was.served + bool(p and p.served),
                was.substituted + (person in substituted),
            )  # fmt: skip
    bases = {
        p.meeting: _basis(p.attendance, body, rules)
        for p in planned
        if p.attendance is not None and p.attendance.held
    }
    return Year(
        body=body,
        year=year,
        goal=goal,
        meetings=tuple(_line(p, bases.get(p.meeting)) for p in planned),
        total=total,
        parties=parties,
        members=tuple(members.values()),
        allowances=tuple(row for basis in bases.values() for row in basis.rows),
        questions=tuple(q for a in held for q in _questions(a)),
    )
