"""A meeting's notice as the secretariat's tables hold it, and its published versions
(the rules are domain/notice.py, publishing portal/notice.py)."""

from __future__ import annotations

import json

from sqlmodel import Session, col, select

from ..domain.notice import FiledDocument, NoticeContent, NoticeItem
from .documents import filed_documents
from .models import AgendaItemRow, MeetingRow
from .portal_models import NoticeRow


def content_of(s: Session, meeting: MeetingRow) -> NoticeContent:
    """The notice as the meeting stands now in the secretariat's tables."""
    items = s.exec(
        select(AgendaItemRow)
        .where(AgendaItemRow.meeting_id == meeting.id)
        .order_by(col(AgendaItemRow.position))
    ).all()
    return NoticeContent(
        title=meeting.title,
        starts_at=meeting.starts_at,
        place=meeting.place,
        items=tuple(
            NoticeItem(i.item_id, i.title, i.title_en, i.kind, i.diarienummer, i.proposal)
            for i in items
        ),
        documents=filed_documents(s, meeting.id),
    )


def parse_content(text: str) -> NoticeContent:
    raw = json.loads(text)
    return NoticeContent(
        title=raw["title"],
        starts_at=raw["starts_at"],
        place=raw["place"],
        items=tuple(NoticeItem(**i) for i in raw["items"]),
        documents=tuple(FiledDocument(**d) for d in raw["documents"]),
    )


def versions(s: Session, meeting_id: str) -> list[NoticeRow]:
    return list(
        s.exec(
            select(NoticeRow)
            .where(NoticeRow.meeting_id == meeting_id)
            .order_by(col(NoticeRow.version))
        ).all()
    )
