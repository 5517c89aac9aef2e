"""What the member's page shows: my meetings as a member thinks of them, and links.

Today's meetings come first, with the way into the chamber; then the coming
ones; then the past ones, each with what is left to do (minutes to verify, a
reservation's written reason) and what the member did there (attendance, and
each ballot with the question it was cast on). Everything about a held
meeting is read from its durable log; "today" is a Swedish date the caller
passes in.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from ..audit.minutes_justering import deadlines_json
from ..audit.minutes_report import pairs_of
from ..domain.aggregate import Meeting
from ..domain.bodies import BodyKind
from ..domain.justering.state import signatory_role
from ..domain.roster import PersonKind
from ..domain.swedish_time import local_iso, swedish_day
from ..domain.votes import events as vev
from ..domain.wire import to_wire
from ..store.archive import Archive
from ..store.models import (
    AgendaItemRow,
    AssemblyRow,
    MeetingRow,
    PersonRow,
    role_set,
    settings_of,
)
from ..store.notices import versions
from ..store.places import Place, places_of
from .documents import links, listing
from .errors import not_found
from .notice import version_json


@dataclass
class _MyRecord:
    """What one meeting's log says about one person."""

    meeting: Meeting = field(default_factory=Meeting)
    questions: dict[str, str] = field(default_factory=dict)  # vote id -> question
    ballots: list[dict[str, Any]] = field(default_factory=list)
    reservations: dict[str, str] = field(default_factory=dict)  # vote id -> reason
    started_at: int | None = None


def overview(engine: Engine, person_id: str, today: date) -> dict[str, Any]:
    with Session(engine) as s:
        person = s.get(PersonRow, person_id)
        if person is None:
            raise not_found("person.unknown", "no such person")
        places = {p.assembly_id: p for p in places_of(s, person_id)}
        bodies = {
            a.id: a for a in s.exec(select(AssemblyRow).where(col(AssemblyRow.id).in_(places)))
        }
        rows = s.exec(
            select(MeetingRow)
            .where(col(MeetingRow.assembly_id).in_(places))
            .order_by(col(MeetingRow.starts_at))
        ).all()
        cards = [(m, _card(s, m, bodies[m.assembly_id].name)) for m in rows]
    home = bodies.get(person.assembly_id)
    me = {
        "id": person.id,
        "name": person.name,
        "kind": person.kind,
        "party": person.party_id,
        "seat": person.seat,
        "roles": sorted(role_set(person.roles).union(*(p.role_set for p in places.values()))),
        "assembly": home.name if home else person.assembly_id,
        "bodies": [_body(places[body], bodies[body]) for body in places if body in bodies],
    }
    links = _merged_links(a.settings for a in bodies.values())
    archive = Archive(engine)
    groups: dict[str, list[dict[str, Any]]] = {"today": [], "upcoming": [], "past": []}
    attendance, votes, justering = [], [], []
    for row, card in cards:
        record = _read(archive, row.id, person_id)
        in_chamber = places[row.assembly_id].kind in (PersonKind.MEMBER, PersonKind.SUBSTITUTE)
        _describe(card, row, record, person_id, today, in_chamber)
        groups[_when(card, record, today)].append(card)
        if card["attendance"]:
            attendance.append(
                {"meeting": row.id, "title": row.title, "intervals": card["attendance"]}
            )
        votes += [{"meeting": row.id, "title": row.title, **b} for b in card["ballots"]]
        justering += [t for t in card["todo"] if t["kind"] == "justering"]
    groups["past"].reverse()  # the latest first
    return {
        "me": me,
        **groups,
        "meetings": groups["today"] + groups["upcoming"],
        "attendance": attendance,
        "votes": votes,
        "justering": justering,  # minutes awaiting my signature
        "links": links,
        "as_of": today.isoformat(),  # the Swedish date the page was made for
    }


def _body(place: Place, body: AssemblyRow) -> dict[str, Any]:
    """One body a person sits in, and their place there."""
    return {
        "id": body.id,
        "name": body.name,
        "body_kind": settings_of(body.settings).get("body") or BodyKind.FULLMAKTIGE,
        "kind": place.kind,
        "party": place.party_id,
        "seat": place.seat,
        "order": place.sub_order,
        "roles": sorted(place.role_set),
    }


def _card(s: Session, m: MeetingRow, body: str) -> dict[str, Any]:
    items = s.exec(
        select(AgendaItemRow)
        .where(AgendaItemRow.meeting_id == m.id)
        .order_by(col(AgendaItemRow.position))
    ).all()
    return {
        "id": m.id,
        "title": m.title,
        "body": body,
        "starts_at": local_iso(m.starts_at),
        "day": local_iso(m.starts_at)[:10],
        "place": m.place,
        "agenda": [{"id": i.item_id, "title": i.title} for i in items],
        "documents": links(s, m.id) + listing(s, m.id),
        "notices": [version_json(v) for v in versions(s, m.id)],  # the kallelse and each change
    }


def _read(archive: Archive, meeting_id: str, person: str) -> _MyRecord:
    record = _MyRecord()
    for event, at in pairs_of(archive.read(meeting_id)):
        if record.started_at is None:
            record.started_at = at
        record.meeting.apply(event, at)
        if isinstance(event, vev.VoteOpened):
            record.questions[event.vote] = event.question
        elif isinstance(event, vev.DecisionAcclaimed):
            record.questions[event.decision] = event.text
        elif isinstance(event, vev.BallotCast) and event.person == person:
            ballot = to_wire(event)["ballot"]
            record.ballots.append({"vote": event.vote, "at": at, "ballot": ballot})
        elif (
            isinstance(event, vev.ReservationEntered | vev.ReservationReasonGiven)
            and event.person == person
        ):
            record.reservations[event.decision or event.vote] = event.reason
    return record


def _describe(
    card: dict[str, Any],
    row: MeetingRow,
    record: _MyRecord,
    person: str,
    today: date,
    in_chamber: bool,
) -> None:
    """Fill a meeting's card with its state, my part in it, and what is left for me."""
    core = record.meeting.core
    if not card["day"] and record.started_at is not None:
        card["day"] = swedish_day(record.started_at).isoformat()
    card["status"] = "closed" if core.adjourned else "running" if core.opened else "planned"
    card["chamber"] = f"/m/{row.id}/tablet" if in_chamber else f"/m/{row.id}/"
    if row.chair_id == person:
        card["console"] = f"/m/{row.id}/chair"
    card["minutes"] = f"/m/{row.id}/minutes"
    card["attendance"] = [
        {"arrived": i.arrived, "left": i.left} for i in core.intervals.get(person, [])
    ]
    card["ballots"] = [
        {**b, "question": record.questions.get(b["vote"], "")} for b in record.ballots
    ]
    card["todo"] = _todo(row, record, person, today)


def _todo(row: MeetingRow, record: _MyRecord, person: str, today: date) -> list[dict[str, Any]]:
    meeting = record.meeting
    core = meeting.core
    if not core.adjourned:
        return []
    deadlines = meeting.justering.deadlines(core.presided, core.adjourned_at)
    if deadlines.verified_on is not None:
        return []  # verified minutes leave nothing to hand in
    todo: list[dict[str, Any]] = []
    role = signatory_role(meeting, person)
    if role and not meeting.justering.signature(person, ""):
        todo.append(
            {
                "kind": "justering",
                "meeting": row.id,
                "title": row.title,
                "role": role,
                "minutes": f"/m/{row.id}/minutes",
                **deadlines_json(deadlines, today),
            }
        )
    for against, reason in record.reservations.items():
        if not reason:  # a vote's id, or a decision by acclamation's
            key = "decision" if against in meeting.votes.decisions else "vote"
            todo.append(
                {
                    "kind": "reservation_reason",
                    "meeting": row.id,
                    key: against,
                    "question": record.questions.get(against, ""),
                    "until": "justering",
                }
            )
    return todo


def _when(card: dict[str, Any], record: _MyRecord, today: date) -> str:
    """``today``, ``upcoming`` or ``past``, by the meeting's Swedish date.

    A meeting still running from yesterday (past midnight) counts as today's.
    """
    day = date.fromisoformat(card["day"]) if card["day"] else None
    running = card["status"] == "running"
    if day == today or (running and day == today - timedelta(days=1)):
        return "today"
    if day is None:
        return "past" if card["status"] == "closed" else "upcoming"
    return "upcoming" if day > today else "past"


def _merged_links(settings: Iterable[str]) -> list[dict[str, str]]:
    """Every body's link tiles, each address once."""
    links: dict[str, dict[str, str]] = {}
    for raw in settings:
        for link in _links(raw):
            links.setdefault(link["url"], link)
    return list(links.values())


def _links(settings: str) -> list[dict[str, str]]:
    try:
        raw = json.loads(settings or "{}").get("links", [])
    except (ValueError, AttributeError):
        return []
    return [
        {"title": str(link["title"]), "url": str(link["url"])}
        for link in raw
        if isinstance(link, dict)
        and "title" in link
        and str(link.get("url", "")).startswith(("https://", "http://", "/"))
    ]
