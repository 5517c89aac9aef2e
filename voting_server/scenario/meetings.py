"""The database side of a run: a fresh meeting per script, and login links.

A hub that has loaded a meeting keeps it in memory, so emptying a meeting's
log under a running hub would not start it over. Instead every script that
asks for a reset gets a new meeting: a copy of the named one (same assembly,
chair, title and agenda) under a new id, with an empty log.
"""

from __future__ import annotations

import re
import secrets

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from ..store.models import AgendaItemRow, MeetingRow


def copy_meeting(engine: Engine, template: str, stem: str) -> str:
    """A new meeting like ``template``; return its id (``stem`` + random suffix)."""
    with Session(engine) as s:
        row = s.get(MeetingRow, template)
        if row is None:
            raise LookupError(f"no meeting {template!r} in the database")
        items = s.exec(
            select(AgendaItemRow)
            .where(col(AgendaItemRow.meeting_id) == template)
            .order_by(col(AgendaItemRow.position))
        ).all()
        slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "scenario"
        meeting_id = f"{slug}-{secrets.token_hex(4)}"
        s.add(MeetingRow(**{**row.model_dump(), "id": meeting_id}))
        s.flush()  # the meeting before its agenda items (foreign key)
        for item in items:
            s.add(AgendaItemRow(**{**item.model_dump(), "meeting_id": meeting_id}))
        s.commit()
    return meeting_id


def meeting_exists(engine: Engine, meeting_id: str) -> bool:
    with Session(engine) as s:
        return s.get(MeetingRow, meeting_id) is not None
