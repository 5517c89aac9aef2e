"""Who sits on each seat: members, and substitutes serving in party order.

Rules (DOMAIN.md, "Attendance and quorum"):
- a present member without jäv on the current item sits on their own seat;
- a member who arrives while an item is under way waits: the serving
  substitute keeps the seat until the item is finished (unless the assembly
  lets a late member take the seat back at once: ``late_member_waits``);
- an empty seat goes to the first present, unseated substitute of the owner's
  party, by the party's order; a serving substitute keeps the seat;
- in a nämnd with an ersättarordning (``SubstituteOrderSet``), a seat whose
  party has no substitute present goes to the substitutes of the parties the
  order names, party by party (domain/bodies.py); between items, such a
  substitute gives the seat back to a substitute of the seat's own party, or
  moves to an empty seat of their own.
"""

from __future__ import annotations

from collections.abc import Callable

from ..base import Event
from ..bodies import serving_parties
from .events import SeatTaken, SeatVacated
from .state import MeetingState


def reseat(state: MeetingState) -> list[Event]:
    """The seat events that bring the seating in line with the rules."""
    if not state.opened or state.adjourned:
        return []
    between_items = state.current_item is None or not state.late_member_waits
    roster = state.roster

    def may_sit(person: str) -> bool:
        return state.is_present(person) and not state.has_jav(person)

    def party(person: str) -> str:
        return roster.by_id[person].party

    desired: dict[int, str] = {}
    busy: set[str] = set()
    lent: dict[int, str] = {}  # seats held by another party's substitute, between items
    for seat in roster.seats:
        owner = roster.seat_owner[seat]
        current = state.seated.get(seat)
        if may_sit(owner) and (current in (None, owner) or between_items):
            desired[seat] = owner
        elif current is not None and current != owner and may_sit(current):
            if between_items and party(current) != party(owner):
                lent[seat] = current
            else:
                desired[seat] = current
                busy.add(current)

    # Every party's own substitutes first: a lent one goes back to an empty seat
    # of their own party, and gives way to the seat's own party's substitute.
    _fill(state, desired, busy, may_sit, cross_party=False)
    for seat, current in lent.items():
        if seat not in desired and current not in busy:
            desired[seat] = current
            busy.add(current)
    _fill(state, desired, busy, may_sit, cross_party=True)

    vacated: list[Event] = [
        SeatVacated(seat, person)
        for seat, person in sorted(state.seated.items())
        if desired.get(seat) != person
    ]
    taken: list[Event] = [
        SeatTaken(seat, person)
        for seat, person in sorted(desired.items())
        if state.seated.get(seat) != person
    ]
    return vacated + taken


def _fill(
    state: MeetingState,
    desired: dict[int, str],
    busy: set[str],
    may_sit: Callable[[str], bool],
    cross_party: bool,
) -> None:
    for seat in state.roster.seats:
        if seat not in desired:
            substitute = _first_free_substitute(state, seat, cross_party, busy, may_sit)
            if substitute is not None:
                desired[seat] = substitute
                busy.add(substitute)


def _first_free_substitute(
    state: MeetingState,
    seat: int,
    cross_party: bool,
    busy: set[str],
    may_sit: Callable[[str], bool],
) -> str | None:
    """The own party's first free substitute, or with ``cross_party`` the order's next."""
    roster = state.roster
    party = roster.by_id[roster.seat_owner[seat]].party
    parties = serving_parties(party, state.substitute_order)
    for serving in parties[1:] if cross_party else parties[:1]:
        for substitute in roster.substitutes_by_party.get(serving, ()):
            if substitute not in busy and may_sit(substitute):
                return substitute
    return None
