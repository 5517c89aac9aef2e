"""What the member's page shows: meetings, my attendance, my votes, links."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import msgpack
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from ..audit.justering import signatory_role
from ..domain.aggregate import EVENTS, fold
from ..domain.base import Event
from ..store.archive import Archive
from ..store.models import AgendaItemRow, AssemblyRow, MeetingRow, PersonRow
from ..store.portal_models import MeetingDocumentRow
from .errors import not_found


def overview(engine: Engine, person_id: str, today: str | None = None) -> dict[str, Any]:
    day = today or dt.date.today().isoformat()
    with Session(engine) as s:
        person = s.get(PersonRow, person_id)
        if person is None:
            raise not_found("person.unknown", "no such person")
        assembly = s.get(AssemblyRow, person.assembly_id)
        meetings = s.exec(
            select(MeetingRow)
            .where(MeetingRow.assembly_id == person.assembly_id)
            .order_by(col(MeetingRow.starts_at))
        ).all()
        upcoming = [_meeting(s, m) for m in meetings if not m.starts_at or m.starts_at[:10] >= day]
        meeting_ids = [(m.id, m.title) for m in meetings]
        links = _links(assembly.settings if assembly else "{}")
        me = {
            "id": person.id,
            "name": person.name,
            "kind": person.kind,
            "party": person.party_id,
            "seat": person.seat,
            "roles": [r.strip() for r in person.roles.split(",") if r.strip()],
            "assembly": assembly.name if assembly else person.assembly_id,
        }
    attendance, votes, justering = _from_logs(engine, person_id, meeting_ids)
    return {
        "me": me,
        "meetings": upcoming,
        "attendance": attendance,
        "votes": votes,
        "justering": justering,  # minutes awaiting my signature
        "links": links,
    }


def _meeting(s: Session, m: MeetingRow) -> dict[str, Any]:
    items = s.exec(
        select(AgendaItemRow)
        .where(AgendaItemRow.meeting_id == m.id)
        .order_by(col(AgendaItemRow.position))
    ).all()
    docs = s.exec(
        select(MeetingDocumentRow)
        .where(MeetingDocumentRow.meeting_id == m.id)
        .order_by(col(MeetingDocumentRow.position))
    ).all()
    return {
        "id": m.id,
        "title": m.title,
        "starts_at": m.starts_at,
        "agenda": [{"id": i.item_id, "title": i.title} for i in items],
        "documents": [{"title": d.title, "url": d.url} for d in docs],
        "chamber": f"/m/{m.id}/",
    }


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


def _from_logs(
    engine: Engine, person_id: str, meetings: list[tuple[str, str]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Attendance, cast ballots and minutes to sign, from each meeting's durable log."""
    archive = Archive(engine)
    attendance, votes, justering = [], [], []
    for meeting_id, title in meetings:
        folded: list[tuple[Event, int]] = []
        for entry in archive.read(meeting_id):
            body = msgpack.unpackb(entry.data, raw=False)
            event = body.get("event", {})
            kind = event.get("type")
            if kind == "vote.ballot_cast" and event.get("person") == person_id:
                votes.append(
                    {
                        "meeting": meeting_id,
                        "title": title,
                        "at": body.get("at"),
                        "vote": event.get("vote"),
                        "ballot": event.get("ballot"),
                    }
                )
            if kind in EVENTS:
                folded.append((EVENTS.from_wire(event), body["at"]))
        if not folded:
            continue
        meeting = fold(folded)
        role = signatory_role(meeting, person_id)
        if role and meeting.core.adjourned and not meeting.justering.signature(person_id, ""):
            justering.append(
                {
                    "meeting": meeting_id,
                    "title": title,
                    "role": role,
                    "minutes": f"/m/{meeting_id}/minutes",
                }
            )
        spans = meeting.core.intervals.get(person_id, [])
        if spans:
            attendance.append(
                {
                    "meeting": meeting_id,
                    "title": title,
                    "intervals": [{"arrived": i.arrived, "left": i.left} for i in spans],
                }
            )
    return attendance, votes, justering
