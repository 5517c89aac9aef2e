"""Who sits on each seat: members, and substitutes serving in party order.

Rules (DOMAIN.md, "Attendance and quorum"):
- a present member without jäv on the current item sits on their own seat;
- a member who arrives while an item is under way waits: the serving
  substitute keeps the seat until the item is finished (unless the assembly
  lets a late member take the seat back at once: ``late_member_waits``);
- an empty seat goes to the first present, unseated substitute of the owner's
  party, by the party's order; a serving substitute keeps the seat.
"""

from __future__ import annotations

from ..base import Event
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

    desired: dict[int, str] = {}
    busy: set[str] = set()
    for seat in roster.seats:
        owner = roster.seat_owner[seat]
        current = state.seated.get(seat)
        if may_sit(owner) and (current in (None, owner) or between_items):
            desired[seat] = owner
        elif current is not None and current != owner and may_sit(current):
            desired[seat] = current
            busy.add(current)

    for seat in roster.seats:
        if seat in desired:
            continue
        party = roster.by_id[roster.seat_owner[seat]].party
        for substitute in roster.substitutes_by_party.get(party, ()):
            if substitute not in busy and may_sit(substitute):
                desired[seat] = substitute
                busy.add(substitute)
                break

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
