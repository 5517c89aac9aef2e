"""The state of a meeting's agenda and attendance, folded from its events."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ..base import Event
from ..roster import Roster
from . import events as ev


class Presence(StrEnum):
    ABSENT = "absent"  # has not arrived
    PRESENT = "present"
    LEFT = "left"  # left the meeting and may not return


@dataclass
class Interval:
    """One stretch of presence, in epoch milliseconds (basis for allowances)."""

    arrived: int
    left: int | None = None


@dataclass
class MeetingState:
    """Agenda and attendance. ``apply`` is the only way it changes."""

    meeting: str = ""
    title: str = ""
    roster: Roster = field(default_factory=lambda: Roster((), (), ""))
    agenda: tuple[ev.AgendaItem, ...] = ()
    opened: bool = False
    adjourned: bool = False
    adjourned_at: int | None = None  # epoch ms
    recess_until: int | None = None  # in a break (ajournering) until this epoch ms
    recesses: list[tuple[int, int | None]] = field(default_factory=list)  # (from, to) of breaks
    current_item: str | None = None
    finished_items: list[str] = field(default_factory=list)
    presence: dict[str, Presence] = field(default_factory=dict)
    intervals: dict[str, list[Interval]] = field(default_factory=dict)
    seated: dict[int, str] = field(default_factory=dict)  # seat -> person on it
    seat_of: dict[str, int] = field(default_factory=dict)  # person -> seat (seated, inverted)
    jav: dict[str, set[str]] = field(default_factory=dict)  # item -> persons
    stepped_out_for_jav: set[str] = field(default_factory=set)  # left during their jäv item
    late_member_waits: bool = True  # the assembly's seating rule (SeatingRulesSet)
    #: party -> the other parties whose substitutes serve for it, in turn (SubstituteOrderSet)
    substitute_order: dict[str, tuple[str, ...]] = field(default_factory=dict)
    presiding: str = ""  # who runs the meeting now (ordförande, a vice, ålderspresident)
    presided: list[str] = field(default_factory=list)  # everyone who presided, in order
    presided_items: dict[str, list[str]] = field(default_factory=dict)  # item -> who presided
    rollcall_open: bool = False
    rollcall_confirmed: tuple[str, ...] | None = None
    documents_filed: int = 0  # handlingar filed during the meeting: screens fetch them again

    # --- derived -----------------------------------------------------------
    @property
    def quorum(self) -> bool:
        """Beslutsförhet: more than half of the members' seats are filled."""
        return 2 * len(self.seated) > len(self.roster.seats)

    def is_present(self, person: str) -> bool:
        return self.presence.get(person) is Presence.PRESENT

    def has_jav(self, person: str, item: str | None = None) -> bool:
        item = item if item is not None else self.current_item
        return item is not None and person in self.jav.get(item, set())

    def item_ids(self) -> list[str]:
        return [item.id for item in self.agenda]

    def item(self, item_id: str) -> ev.AgendaItem | None:
        return next((i for i in self.agenda if i.id == item_id), None)

    # --- folding -----------------------------------------------------------
    def apply(self, event: Event, at: int) -> None:
        handler = _APPLY.get(type(event))
        if handler is not None:
            handler(self, event, at)


def _opened(s: MeetingState, e: ev.MeetingOpened, at: int) -> None:
    s.meeting, s.title, s.roster, s.agenda = e.meeting, e.title, e.roster, e.agenda
    s.opened = True
    if e.roster.chair:
        s.presiding, s.presided = e.roster.chair, [e.roster.chair]
    s.presence = {p.id: Presence.ABSENT for p in e.roster.people}


def _adjourned(s: MeetingState, e: ev.MeetingAdjourned, at: int) -> None:
    s.adjourned = True
    s.adjourned_at = at
    if s.recess_until is not None:  # closed during a break: the break ends with it
        s.recess_until = None
        s.recesses[-1] = (s.recesses[-1][0], at)
    s.current_item = None
    s.rollcall_open = False
    for person, spans in s.intervals.items():
        if spans and spans[-1].left is None:
            spans[-1].left = at
            s.presence[person] = Presence.LEFT


def _recessed(s: MeetingState, e: ev.MeetingRecessed, at: int) -> None:
    s.recess_until = e.resumes_at
    s.recesses.append((at, None))


def _resumed(s: MeetingState, e: ev.MeetingResumed, at: int) -> None:
    s.recess_until = None
    s.recesses[-1] = (s.recesses[-1][0], at)


def _checked_in(s: MeetingState, e: ev.CheckedIn, at: int) -> None:
    s.presence[e.person] = Presence.PRESENT
    s.stepped_out_for_jav.discard(e.person)
    s.intervals.setdefault(e.person, []).append(Interval(arrived=at))


def _checked_out(s: MeetingState, e: ev.CheckedOut, at: int) -> None:
    if s.current_item is not None and s.has_jav(e.person, s.current_item):
        s.stepped_out_for_jav.add(e.person)
    s.presence[e.person] = Presence.LEFT
    spans = s.intervals.get(e.person)
    if spans and spans[-1].left is None:
        spans[-1].left = at


def _seat_taken(s: MeetingState, e: ev.SeatTaken, at: int) -> None:
    s.seated[e.seat] = e.person
    s.seat_of[e.person] = e.seat


def _seat_vacated(s: MeetingState, e: ev.SeatVacated, at: int) -> None:
    if s.seated.pop(e.seat, None) is not None:
        s.seat_of.pop(e.person, None)


def _rollcall_opened(s: MeetingState, e: ev.RollCallOpened, at: int) -> None:
    s.rollcall_open = True


def _rollcall_confirmed(s: MeetingState, e: ev.RollCallConfirmed, at: int) -> None:
    s.rollcall_open = False
    s.rollcall_confirmed = e.present


def _item_started(s: MeetingState, e: ev.ItemStarted, at: int) -> None:
    s.current_item = e.item
    if s.presiding:
        s.presided_items.setdefault(e.item, []).append(s.presiding)


def _seating_rules(s: MeetingState, e: ev.SeatingRulesSet, at: int) -> None:
    s.late_member_waits = e.late_member_waits


def _substitute_order(s: MeetingState, e: ev.SubstituteOrderSet, at: int) -> None:
    s.substitute_order = {order.party: order.then for order in e.orders}


def _chair_handed_over(s: MeetingState, e: ev.ChairHandedOver, at: int) -> None:
    s.presiding = e.to
    if e.to not in s.presided:
        s.presided.append(e.to)
    if s.current_item is not None:
        during = s.presided_items.setdefault(s.current_item, [])
        if e.to not in during:
            during.append(e.to)


def _item_finished(s: MeetingState, e: ev.ItemFinished, at: int) -> None:
    s.current_item = None
    if e.item not in s.finished_items:
        s.finished_items.append(e.item)


def _jav_declared(s: MeetingState, e: ev.JavDeclared, at: int) -> None:
    s.jav.setdefault(e.item, set()).add(e.person)


def _jav_withdrawn(s: MeetingState, e: ev.JavWithdrawn, at: int) -> None:
    s.jav.get(e.item, set()).discard(e.person)


def _document_filed(s: MeetingState, e: ev.DocumentFiled, at: int) -> None:
    s.documents_filed += 1


_APPLY: dict[type[Event], Callable[[MeetingState, Any, int], None]] = {
    ev.DocumentFiled: _document_filed,
    ev.MeetingOpened: _opened,
    ev.MeetingAdjourned: _adjourned,
    ev.MeetingRecessed: _recessed,
    ev.MeetingResumed: _resumed,
    ev.ChairHandedOver: _chair_handed_over,
    ev.SeatingRulesSet: _seating_rules,
    ev.SubstituteOrderSet: _substitute_order,
    ev.CheckedIn: _checked_in,
    ev.CheckedOut: _checked_out,
    ev.SeatTaken: _seat_taken,
    ev.SeatVacated: _seat_vacated,
    ev.RollCallOpened: _rollcall_opened,
    ev.RollCallConfirmed: _rollcall_confirmed,
    ev.ItemStarted: _item_started,
    ev.ItemFinished: _item_finished,
    ev.JavDeclared: _jav_declared,
    ev.JavWithdrawn: _jav_withdrawn,
}
