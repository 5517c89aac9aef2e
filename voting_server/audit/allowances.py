"""The basis for sammanträdesarvode: for each person and meeting, the time they
served and were present, and the rate that applies by the body's rules.

A body's rules are in its settings as ``"allowance"``::

    {"basis": "served",                       # or "present"
     "breaks": "count",                       # or "deduct": breaks are not paid time
     "rates": [{"up_to_hours": 4, "rate": "halvdag"}, {"rate": "heldag"}]}

The first rate whose ``up_to_hours`` covers the hours applies; the last one
has no limit. Without rules, one rate ``sammanträde`` applies to everyone.
A break (ajournering) is paid time unless the rules deduct it; a correction
by the secretary (``allowance.corrected`` in the log) replaces
the log's times for that person. The secretary approves a meeting's rows by
their digest (``basis_digest``). Pure: the rules and a meeting's attendance
in, rows out.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..domain.swedish_time import swedish_time
from .attendance import MeetingAttendance, Span
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
    breaks: str = "count"  # count | deduct: whether a break (ajournering) is paid time

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
    breaks = raw.get("breaks", "count")
    if breaks not in ("count", "deduct"):
        raise RulesError("'breaks' is 'count' or 'deduct'")
    rates = []
    for entry in raw.get("rates", []):
        name, limit = entry.get("rate"), entry.get("up_to_hours")
        if not isinstance(name, str) or not name:
            raise RulesError("every rate needs a name ('rate')")
        if limit is not None and (not isinstance(limit, int | float) or limit <= 0):
            raise RulesError(f"{name}: 'up_to_hours' is a positive number")
        rates.append(Rate(name, None if limit is None else float(limit)))
    if not rates:
        return AllowanceRules(basis, breaks=breaks)
    if any(r.up_to_hours is None for r in rates[:-1]) or rates[-1].up_to_hours is not None:
        raise RulesError("only the last rate has no 'up_to_hours'")
    limits = [r.up_to_hours or 0.0 for r in rates[:-1]]
    if limits != sorted(limits):
        raise RulesError("the rates go from the fewest hours up")
    return AllowanceRules(basis, tuple(rates), breaks)


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
    correction: str = ""  # the secretary's reason, when the times were corrected
    approved: str = ""  # the Swedish date the meeting's basis was approved, if it holds

    def basis(self) -> list[str | float]:
        """What the approval pins: everything but the approval itself."""
        return [
            self.person, self.name, self.date, self.body, self.meeting, self.arrived,
            self.left, self.present_hours, self.served_hours, self.rate, self.correction,
        ]  # fmt: skip

    def as_list(self) -> list[str | float]:
        return [*self.basis(), self.approved]


COLUMNS = (
    "person", "name", "date", "body", "meeting", "arrived", "left",
    "present_hours", "served_hours", "rate", "correction", "approved",
)  # fmt: skip


def basis_digest(rows: Sequence[AllowanceRow]) -> str:
    """The hex SHA-256 an approval pins: the rows' ``basis`` as compact UTF-8 JSON."""
    data = json.dumps([r.basis() for r in rows], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode()).hexdigest()


def _clock(at: int) -> str:
    return swedish_time(at).strftime("%H:%M")


@dataclass(frozen=True)
class _Times:
    arrived: int
    left: int
    present_ms: int
    served_ms: int
    correction: str = ""


def _overlap(spans: tuple[Span, ...], breaks: tuple[Span, ...]) -> int:
    return sum(max(0, min(s.end, b.end) - max(s.start, b.start)) for s in spans for b in breaks)


def _times(attendance: MeetingAttendance, person: str, rules: AllowanceRules) -> _Times | None:
    corrected = attendance.allowances.corrections.get(person)
    if corrected is not None:
        c = corrected
        return _Times(c.arrived, c.left, c.left - c.arrived, c.served_ms, c.reason)
    p = attendance.person(person)
    if p is None:
        return None
    spans = p.present or p.served
    present, served = p.present_ms, p.served_ms
    if rules.breaks == "deduct":
        present -= _overlap(p.present, attendance.breaks)
        served -= _overlap(p.served, attendance.breaks)
    return _Times(min(s.start for s in spans), max(s.end for s in spans), present, served)


def allowance_rows(
    attendance: MeetingAttendance, body: str, rules: AllowanceRules
) -> list[AllowanceRow]:
    """Everyone who was present at the meeting (or served, by the rules' basis),
    with the secretary's corrections in place of what the log recorded."""
    people = [p.person for p in attendance.people]
    people += [c for c in attendance.allowances.corrections if c not in people]
    rows = []
    for person in people:
        times = _times(attendance, person, rules)
        named = attendance.people_on_roster.get(person)
        if times is None or named is None:
            continue
        basis_ms = times.served_ms if rules.basis == "served" else times.present_ms
        if basis_ms <= 0:
            continue
        rows.append(
            AllowanceRow(
                person=person,
                name=named[0],
                date=swedish_time(times.arrived).date().isoformat(),
                body=body,
                meeting=attendance.meeting,
                arrived=_clock(times.arrived),
                left=_clock(times.left),
                present_hours=round(times.present_ms / HOUR_MS, 2),
                served_hours=round(times.served_ms / HOUR_MS, 2),
                rate=rules.rate_for(round(basis_ms / HOUR_MS, 2)),
                correction=times.correction,
            )
        )
    return rows
