"""A body's year in figures, for the annual report: the meetings held, the
attendance of each and of the year against the body's goal, per member and per
party (or member organisation, where a body's seats belong to organisations).

Pure: each meeting's attendance (``attendance.meeting_attendance``) in, the
year out. A meeting that was planned but never held counts as cancelled.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..domain.swedish_time import swedish_time
from .allowances import AllowanceRow, AllowanceRules, allowance_rows
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


def _line(planned: PlannedMeeting) -> MeetingLine:
    a = planned.attendance
    seats = a.seats if a is not None else 0
    if a is None or a.started_at is None:  # planned, never held
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
    )


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
    allowances = tuple(row for a in held for row in allowance_rows(a, body, rules))
    return Year(
        body=body,
        year=year,
        goal=goal,
        meetings=tuple(_line(p) for p in planned),
        total=total,
        parties=parties,
        members=tuple(members.values()),
        allowances=allowances,
    )
