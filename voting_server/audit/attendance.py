"""Attendance read from a meeting's log: who was present and who served, when.

Pure: envelopes in, figures out. The same code gives the secretary's page, the
exported files and an auditor's recount from an exported log, so they agree.

- *Present*: from a check-in to the check-out, or to the adjournment.
- *Served*: while on a seat (``seat.taken`` to ``seat.vacated``), the member
  on their own seat or a substitute serving for the member whose seat it is.
- A seat *took part* in a meeting when anyone served on it at some time; the
  meeting's attendance rate is the seats that took part over all seats.

The allowance events after the close (questions, corrections, the approval)
are folded too, by the rules' own ``AllowanceState``; a correction changes the
basis for allowances only, never the attendance the law counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..domain.allowances.events import ALLOWANCE_EVENTS
from ..domain.allowances.state import AllowanceState
from ..domain.meeting import events as ev
from ..domain.roster import PersonKind, Roster
from ..log.chain import Envelope


@dataclass(frozen=True)
class Span:
    """From ``start`` to ``end``, epoch milliseconds."""

    start: int
    end: int

    @property
    def ms(self) -> int:
        return max(0, self.end - self.start)


@dataclass(frozen=True)
class PersonAttendance:
    person: str
    name: str
    kind: str  # member | substitute
    party: str
    present: tuple[Span, ...]
    served: tuple[Span, ...]
    serving_for: tuple[str, ...]  # the members whose seats a substitute served on

    @property
    def present_ms(self) -> int:
        return sum(s.ms for s in self.present)

    @property
    def served_ms(self) -> int:
        return sum(s.ms for s in self.served)


@dataclass(frozen=True)
class MeetingAttendance:
    meeting: str
    title: str
    started_at: int | None  # the first check-in
    ended_at: int | None  # the adjournment, or the log's last entry if never adjourned
    adjourned: bool
    seats: int
    seats_taking_part: int
    quorum: bool  # more than half the seats were filled at some time
    people: tuple[PersonAttendance, ...]  # everyone present or serving
    members: tuple[tuple[str, str, str], ...] = ()  # the roster's members: id, name, party
    party_seats: dict[str, int] = field(default_factory=dict)
    party_taking_part: dict[str, int] = field(default_factory=dict)
    #: Members and substitutes of the roster: id -> (name, kind, party).
    people_on_roster: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    allowances: AllowanceState = field(default_factory=AllowanceState)
    breaks: tuple[Span, ...] = ()  # ajourneringar, from the break to the resumption

    @property
    def held(self) -> bool:
        return self.started_at is not None

    @property
    def rate(self) -> float:
        return self.seats_taking_part / self.seats if self.seats else 0.0

    def person(self, person_id: str) -> PersonAttendance | None:
        return next((p for p in self.people if p.person == person_id), None)


_ALLOWANCE_EVENTS = frozenset(ALLOWANCE_EVENTS)


@dataclass
class _Fold:
    roster: Roster | None = None
    meeting: str = ""
    title: str = ""
    first_check_in: int | None = None
    adjourned_at: int | None = None
    last_at: int = 0
    present: dict[str, list[Span]] = field(default_factory=dict)
    arrived: dict[str, int] = field(default_factory=dict)
    served: dict[str, list[Span]] = field(default_factory=dict)
    on_seat: dict[int, tuple[str, int]] = field(default_factory=dict)  # seat -> (person, since)
    serving_for: dict[str, set[str]] = field(default_factory=dict)
    seats_used: set[int] = field(default_factory=set)
    most_seated: int = 0
    allowances: AllowanceState = field(default_factory=AllowanceState)
    recess_since: int | None = None
    breaks: list[Span] = field(default_factory=list)

    def apply(self, event: object, at: int) -> None:
        if type(event) in _ALLOWANCE_EVENTS:  # after the close: not the meeting's time
            self.allowances.apply(event, at)  # type: ignore[arg-type]
            return
        self.last_at = max(self.last_at, at)
        if isinstance(event, ev.MeetingOpened):
            self.roster, self.meeting, self.title = event.roster, event.meeting, event.title
        elif isinstance(event, ev.CheckedIn):
            self.first_check_in = at if self.first_check_in is None else self.first_check_in
            self.arrived.setdefault(event.person, at)
        elif isinstance(event, ev.CheckedOut):
            self._leave(event.person, at)
        elif isinstance(event, ev.SeatTaken):
            self.on_seat[event.seat] = (event.person, at)
            self.seats_used.add(event.seat)
            self.most_seated = max(self.most_seated, len(self.on_seat))
            owner = self.roster.seat_owner.get(event.seat) if self.roster else None
            if owner and owner != event.person:
                self.serving_for.setdefault(event.person, set()).add(owner)
        elif isinstance(event, ev.SeatVacated):
            self._stand_up(event.seat, at)
        elif isinstance(event, ev.MeetingRecessed):
            self.recess_since = at
        elif isinstance(event, ev.MeetingResumed):
            self._end_break(at)
        elif isinstance(event, ev.MeetingAdjourned):
            self.adjourned_at = at
            self._close_all(at)

    def _leave(self, person: str, at: int) -> None:
        since = self.arrived.pop(person, None)
        if since is not None:
            self.present.setdefault(person, []).append(Span(since, at))

    def _stand_up(self, seat: int, at: int) -> None:
        sitting = self.on_seat.pop(seat, None)
        if sitting is not None:
            person, since = sitting
            self.served.setdefault(person, []).append(Span(since, at))

    def _end_break(self, at: int) -> None:
        if self.recess_since is not None:
            self.breaks.append(Span(self.recess_since, at))
            self.recess_since = None

    def _close_all(self, at: int) -> None:
        self._end_break(at)
        for person in list(self.arrived):
            self._leave(person, at)
        for seat in list(self.on_seat):
            self._stand_up(seat, at)


def meeting_attendance(envelopes: Iterable[Envelope]) -> MeetingAttendance:
    """The attendance of one meeting, from its log's envelopes in order."""
    fold = _Fold()
    for envelope in envelopes:
        fold.apply(envelope.event, envelope.at)
    ended = fold.adjourned_at if fold.adjourned_at is not None else fold.last_at
    fold._close_all(ended)  # a meeting never adjourned ends at its last entry
    roster = fold.roster or Roster(parties=(), people=(), chair="")
    people = []
    for person in roster.people:
        if person.kind not in (PersonKind.MEMBER, PersonKind.SUBSTITUTE):
            continue
        present, served = fold.present.get(person.id, []), fold.served.get(person.id, [])
        if present or served:
            people.append(
                PersonAttendance(
                    person.id,
                    person.name,
                    str(person.kind),
                    person.party,
                    tuple(present),
                    tuple(served),
                    tuple(sorted(fold.serving_for.get(person.id, ()))),
                )
            )
    owners = roster.seat_owner
    party_seats: dict[str, int] = {}
    party_taking_part: dict[str, int] = {}
    for seat, owner in owners.items():
        party = roster.by_id[owner].party
        party_seats[party] = party_seats.get(party, 0) + 1
        if seat in fold.seats_used:
            party_taking_part[party] = party_taking_part.get(party, 0) + 1
    seats = len(roster.seats)
    return MeetingAttendance(
        meeting=fold.meeting,
        title=fold.title,
        started_at=fold.first_check_in,
        ended_at=ended if fold.first_check_in is not None else None,
        adjourned=fold.adjourned_at is not None,
        seats=seats,
        seats_taking_part=len(fold.seats_used),
        quorum=2 * fold.most_seated > seats,
        people=tuple(people),
        members=tuple(
            (p.id, p.name, p.party)
            for p in sorted(roster.people, key=lambda p: p.seat or 0)
            if p.kind is PersonKind.MEMBER and p.seat
        ),
        party_seats=party_seats,
        party_taking_part=party_taking_part,
        people_on_roster={
            p.id: (p.name, str(p.kind), p.party)
            for p in roster.people
            if p.kind in (PersonKind.MEMBER, PersonKind.SUBSTITUTE)
        },
        allowances=fold.allowances,
        breaks=tuple(fold.breaks),
    )
