"""What each role sees of a meeting, as plain maps (pure).

Views are built from the folded meeting state. Every role in the chamber sees
attendance and quorum; only the presidium sees the roll call in detail; a
delegate's own status comes separately as ``me``. Values are never ``None``
(see ``patch``).
"""

from __future__ import annotations

from typing import Any

from speaker_queue.view import debate_view

from ..domain.aggregate import Meeting
from ..domain.base import Role
from ..domain.meeting.state import MeetingState, Presence
from ..domain.votes.view import my_part, votes_view

#: Roles that see the roll call, jäv and who has voted.
PRESIDIUM_VIEW = frozenset({Role.CHAIR, Role.SECRETARY, Role.AUDITOR})


def view_kind(role: Role) -> str:
    """Roles with the same kind share one live view (delegates add ``me``)."""
    return "presidium" if role in PRESIDIUM_VIEW else "public"


def roster_view(state: MeetingState) -> dict[str, Any]:
    roster = state.roster
    return {
        "parties": {p.id: {"name": p.name, "color": p.color} for p in roster.parties},
        "people": {
            p.id: {
                k: v
                for k, v in {
                    "name": p.name,
                    "kind": str(p.kind),
                    "party": p.party,
                    "seat": p.seat,
                    "order": p.order,
                }.items()
                if v is not None
            }
            for p in roster.people
        },
        "seats": list(roster.seats),
        "chair": roster.chair,
    }


def attendance_view(state: MeetingState) -> dict[str, Any]:
    seats = len(state.roster.seats)
    filled = len(state.seated)
    return {
        "seats": seats,
        "filled": filled,
        "needed": seats // 2 + 1,
        "quorum": state.quorum,
        "present": sum(1 for s in state.presence.values() if s is Presence.PRESENT),
        "presence": {p: str(s) for p, s in state.presence.items() if s is not Presence.ABSENT},
        "seated": {str(seat): person for seat, person in state.seated.items()},
    }


def agenda_view(state: MeetingState) -> list[dict[str, Any]]:
    def status(item_id: str) -> str:
        if item_id == state.current_item:
            return "current"
        return "finished" if item_id in state.finished_items else "pending"

    return [
        {
            "id": i.id,
            "title": i.title,
            "kind": str(i.kind),
            "diarienummer": i.diarienummer,
            "title_en": i.title_en,
            "proposal": i.proposal,
            "status": status(i.id),
        }
        for i in state.agenda
    ]


def audience_view(meeting: Meeting, role: Role) -> dict[str, Any]:
    """Everything one role sees, as in a snapshot."""
    return {"roster": roster_view(meeting.core), **live_view(meeting, role)}


def live_view(meeting: Meeting, role: Role) -> dict[str, Any]:
    """The part of a role's view that changes during the meeting (all but the roster)."""
    return {
        **core_part(meeting, role),
        "debate": debate_part(meeting),
        **votes_part(meeting, role),
    }


def debate_part(meeting: Meeting) -> dict[str, Any]:
    return debate_view(meeting.debate, meeting.chamber())


def votes_part(
    meeting: Meeting, role: Role, known: dict[str, dict[str, Any]] | None = None
) -> dict[str, Any]:
    """``votes`` and ``current_vote``; ``known`` as in ``votes_view``."""
    part: dict[str, Any] = {"votes": votes_view(meeting.votes, role, known=known)}
    if meeting.votes.current is not None:
        part["current_vote"] = meeting.votes.current
    return part


def core_part(meeting: Meeting, role: Role) -> dict[str, Any]:
    """The meeting, its agenda and attendance (and, for the presidium, roll call and jäv)."""
    state = meeting.core
    view: dict[str, Any] = {
        "meeting": {
            "id": state.meeting,
            "title": state.title,
            "opened": state.opened,
            "adjourned": state.adjourned,
            "presiding": state.presiding,
            **({"recess_until": state.recess_until} if state.recess_until is not None else {}),
            **({"documents_filed": state.documents_filed} if state.documents_filed else {}),
            "justerare": list(meeting.justering.justerare),
            "justerare_count": meeting.justering.justerare_count,
        },
        "agenda": agenda_view(state),
        "attendance": attendance_view(state),
    }
    if state.current_item is not None:
        view["current_item"] = state.current_item
    notice = notice_view(meeting)
    if notice:
        view["meeting"]["notice"] = notice
    if role in PRESIDIUM_VIEW:
        view["rollcall"] = {
            "open": state.rollcall_open,
            "confirmed": list(state.rollcall_confirmed or ()),
        }
        view["jav"] = {item: sorted(people) for item, people in state.jav.items() if people}
    return view


def notice_view(meeting: Meeting) -> dict[str, str]:
    """Once the notice is posted: the day of justering, of the notice, and the appeal's end."""
    d = meeting.justering.deadlines(meeting.core.presided, meeting.core.adjourned_at)
    if d.notice_posted is None or d.verified_on is None or d.appeal_ends is None:
        return {}
    return {
        "verified_on": d.verified_on.isoformat(),
        "posted_on": d.notice_posted.isoformat(),
        "appeal_ends": d.appeal_ends.isoformat(),
    }


def personal_view(meeting: Meeting, person: str) -> dict[str, Any]:
    """A delegate's own status: present, on which seat, serving for whom, jäv."""
    state = meeting.core
    me: dict[str, Any] = {
        "person": person,
        "presence": str(state.presence.get(person, Presence.ABSENT)),
        "jav": sorted(item for item, people in state.jav.items() if person in people),
    }
    current = meeting.votes.current
    if current is not None:
        me["vote"] = my_part(meeting.votes.votes[current], person)
    seat = state.seat_of.get(person)
    if seat is not None:
        me["seat"] = seat
        owner = state.roster.seat_owner.get(seat)
        if owner and owner != person:
            me["serving_for"] = owner
    return me
