"""The basis for sammanträdesarvode: for each person and meeting, the time they
served and were present, and the rate that applies by the body's rules.

A body's rules are in its settings as ``"allowance"``::

    {"basis": "served",                       # or "present"
     "rates": [{"up_to_hours": 4, "rate": "halvdag"}, {"rate": "heldag"}]}

The first rate whose ``up_to_hours`` covers the hours applies; the last one
has no limit. Without rules, one rate ``sammanträde`` applies to everyone.
Pure: the rules and a meeting's attendance in, rows out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..domain.swedish_time import swedish_time
from .attendance import MeetingAttendance
from .errors import RulesError

HOUR_MS = 3_600_000


@dataclass(frozen=True)
class Rate:
    name: str
    up_to_hours: float | None  # None: no limit


@dataclass(frozen=True)
class AllowanceRules:
    basis: str = "served"  # served | present
    rates: tuple[Rate, ...] = (Rate("sammanträde", None),)

    def rate_for(self, hours: float) -> str:
        for rate in self.rates:
            if rate.up_to_hours is None or hours <= rate.up_to_hours:
                return rate.name
        return self.rates[-1].name


def rules_from_settings(settings: Mapping[str, Any]) -> AllowanceRules:
    """A body's allowance rules from its settings; a clear error for bad ones."""
    raw = settings.get("allowance")
    if raw is None:
        return AllowanceRules()
    if not isinstance(raw, Mapping):
        raise RulesError("'allowance' must be a table")
    basis = raw.get("basis", "served")
    if basis not in ("served", "present"):
        raise RulesError("'basis' is 'served' or 'present'")
    rates = []
    for entry in raw.get("rates", []):
        name, limit = entry.get("rate"), entry.get("up_to_hours")
        if not isinstance(name, str) or not name:
            raise RulesError("every rate needs a name ('rate')")
        if limit is not None and (not isinstance(limit, int | float) or limit <= 0):
            raise RulesError(f"{name}: 'up_to_hours' is a positive number")
        rates.append(Rate(name, None if limit is None else float(limit)))
    if not rates:
        return AllowanceRules(basis)
    if any(r.up_to_hours is None for r in rates[:-1]) or rates[-1].up_to_hours is not None:
        raise RulesError("only the last rate has no 'up_to_hours'")
    limits = [r.up_to_hours or 0.0 for r in rates[:-1]]
    if limits != sorted(limits):
        raise RulesError("the rates go from the fewest hours up")
    return AllowanceRules(basis, tuple(rates))


@dataclass(frozen=True)
class AllowanceRow:
    """One line of the file a payroll system takes."""

    person: str
    name: str
    date: str  # the meeting's Swedish date
    body: str
    meeting: str
    arrived: str  # HH:MM, Swedish time
    left: str
    present_hours: float
    served_hours: float
    rate: str

    def as_list(self) -> list[str | float]:
        return [
            self.person, self.name, self.date, self.body, self.meeting, self.arrived,
            self.left, self.present_hours, self.served_hours, self.rate,
        ]  # fmt: skip


COLUMNS = (
    "person", "name", "date", "body", "meeting", "arrived", "left",
    "present_hours", "served_hours", "rate",
)  # fmt: skip


def _clock(at: int) -> str:
    return swedish_time(at).strftime("%H:%M")


def allowance_rows(
    attendance: MeetingAttendance, body: str, rules: AllowanceRules
) -> list[AllowanceRow]:
    """Everyone who was present at the meeting (or served, by the rules' basis)."""
    rows = []
    for p in attendance.people:
        basis_ms = p.served_ms if rules.basis == "served" else p.present_ms
        if basis_ms <= 0:
            continue
        spans = p.present or p.served
        hours = round(basis_ms / HOUR_MS, 2)
        rows.append(
            AllowanceRow(
                person=p.person,
                name=p.name,
                date=swedish_time(spans[0].start).date().isoformat(),
                body=body,
                meeting=attendance.meeting,
                arrived=_clock(min(s.start for s in spans)),
                left=_clock(max(s.end for s in spans)),
                present_hours=round(p.present_ms / HOUR_MS, 2),
                served_hours=round(p.served_ms / HOUR_MS, 2),
                rate=rules.rate_for(hours),
            )
        )
    return rows
