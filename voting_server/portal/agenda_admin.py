"""The secretary's meetings: the title, time, chair, agenda items and documents.

Until a meeting opens, everything can change. The opening copies the agenda
into the meeting's log, so from then on the agenda, title, time and chair are
the log's: a change is refused, and the chair changes hands in the meeting.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from ..store.models import AgendaItemRow, LogRow, MeetingRow
from ..store.places import place
from ..store.portal_models import MeetingDocumentRow
from .documents import links, listing
from .errors import PortalError
from .secretariat import Secretariat

#: What an agenda item holds, as the secretary edits it.
ITEM_FIELDS = ("id", "title", "title_en", "kind", "diarienummer", "proposal")


def meetings(sec: Secretariat, assembly: str) -> list[dict[str, Any]]:
    sec.check(assembly)
    with Session(sec.engine) as s:
        rows = s.exec(
            select(MeetingRow)
            .where(MeetingRow.assembly_id == assembly)
            .order_by(col(MeetingRow.starts_at))
        ).all()
        return [_meeting(s, m) for m in rows]


def _meeting(s: Session, m: MeetingRow) -> dict[str, Any]:
    return {
        "id": m.id,
        "title": m.title,
        "starts_at": m.starts_at,
        "chair": m.chair_id,
        "place": m.place,
        "opened": s.get(LogRow, (m.id, 1)) is not None,
        "items": _items(s, m.id),
        "documents": links(s, m.id),
        "files": listing(s, m.id),  # the uploaded handlingar, current versions
    }


def _items(s: Session, meeting_id: str) -> list[dict[str, str]]:
    rows = s.exec(
        select(AgendaItemRow)
        .where(AgendaItemRow.meeting_id == meeting_id)
        .order_by(col(AgendaItemRow.position))
    ).all()
    return [
        {
            "id": i.item_id,
            "title": i.title,
            "title_en": i.title_en,
            "kind": i.kind,
            "diarienummer": i.diarienummer,
            "proposal": i.proposal,
        }
        for i in rows
    ]


def save_meeting(sec: Secretariat, assembly: str, fields: dict[str, Any]) -> None:
    """Create or replace a meeting, its agenda (in the order given) and its documents."""
    sec.check(assembly)
    items = [{key: item.get(key, "") for key in ITEM_FIELDS} for item in fields["items"]]
    with Session(sec.engine) as s:
        row = s.get(MeetingRow, fields["id"])
        if row is not None and row.assembly_id != assembly:
            raise PortalError("meeting.taken", "that id belongs to another assembly", 409)
        if row is not None and s.get(LogRow, (row.id, 1)) is not None:
            _refuse_changes_to_the_log(s, row, fields, items)
        if fields["chair"] and place(s, fields["chair"], assembly) is None:
            raise PortalError("person.unknown", "the chair is not in this assembly")
        before = _items(s, fields["id"]) if row is not None else []
        s.merge(
            MeetingRow(
                id=fields["id"],
                assembly_id=assembly,
                title=fields["title"],
                starts_at=fields.get("starts_at") or "",
                chair_id=fields["chair"],
                place=fields.get("place") or "",
            )
        )
        s.flush()
        s.exec(delete(AgendaItemRow).where(col(AgendaItemRow.meeting_id) == fields["id"]))
        s.exec(delete(MeetingDocumentRow).where(col(MeetingDocumentRow.meeting_id) == fields["id"]))
        for position, item in enumerate(items):
            s.add(
                AgendaItemRow(
                    meeting_id=fields["id"],
                    position=position,
                    item_id=item["id"],
                    title=item["title"],
                    title_en=item["title_en"],
                    kind=item["kind"] or "arende",
                    diarienummer=item["diarienummer"],
                    proposal=item["proposal"],
                )
            )
        for position, doc in enumerate(fields.get("documents", [])):
            s.add(
                MeetingDocumentRow(
                    meeting_id=fields["id"], position=position, title=doc["title"], url=doc["url"]
                )
            )
        s.commit()
    sec.log("meeting.save", fields["id"], f"{assembly}: {agenda_change(before, items)}")


def _refuse_changes_to_the_log(
    s: Session, row: MeetingRow, fields: dict[str, Any], items: list[dict[str, str]]
) -> None:
    if row.chair_id != fields["chair"]:
        raise PortalError(
            "meeting.chair_in_log",
            "the meeting is open: the chair changes hands in it (chair.hand_over)",
            409,
        )
    same = (row.title, row.starts_at, row.place) == (
        fields["title"],
        fields.get("starts_at") or "",
        fields.get("place") or "",
    )
    if not same or _items(s, row.id) != items:
        raise PortalError(
            "meeting.opened",
            "the meeting is open: its agenda, title, time and place are in its log now",
            409,
        )


def agenda_change(before: list[dict[str, str]], after: list[dict[str, str]]) -> str:
    """What a save did to the agenda, in words for the security log."""
    old = {i["id"]: i for i in before}
    new = {i["id"]: i for i in after}
    parts = [f"{len(after)} item" + ("" if len(after) == 1 else "s")]
    if added := [i for i in new if i not in old]:
        parts.append("added " + ", ".join(added))
    if removed := [i for i in old if i not in new]:
        parts.append("removed " + ", ".join(removed))
    if changed := [i for i in new if i in old and new[i] != old[i]]:
        parts.append("changed " + ", ".join(changed))
    kept = [i["id"] for i in before if i["id"] in new]
    if kept != [i["id"] for i in after if i["id"] in old]:
        parts.append("reordered")
    return "; ".join(parts)
