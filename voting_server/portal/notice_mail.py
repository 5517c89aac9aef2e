"""The kallelse by mail: one message to each member and substitute of the body.

Each recipient's mail is a row (NoticeMailRow) written before anything is
sent and marked once the server took it, so a mail server that is away
loses nothing: the secretary sees who has not got it and sends again.
The message is in Swedish, then English, with the meeting as an .ics file.
"""

from __future__ import annotations

import json
from email.message import EmailMessage
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from ..clock import CLOCK
from ..domain.notice import ChangeKind, NoticeContent
from ..store.models import AssemblyRow, MeetingRow
from ..store.notices import parse_content
from ..store.portal_models import NoticeMailRow, NoticeRow
from . import calendar
from .errors import not_found
from .mail import Mailer

_CHANGES_SV = {
    ChangeKind.TITLE: "Ny rubrik",
    ChangeKind.TIME: "Ny tid",
    ChangeKind.PLACE: "Ny plats",
    ChangeKind.ITEM_ADDED: "Nytt ärende",
    ChangeKind.ITEM_REMOVED: "Utgår",
    ChangeKind.ITEM_CHANGED: "Ändrat ärende",
    ChangeKind.REORDERED: "Ny ordning för ärendena",
    ChangeKind.DOCUMENT_ADDED: "Ny handling",
    ChangeKind.DOCUMENT_VERSION: "Ny version av handling",
    ChangeKind.DOCUMENT_REMOVED: "Handling utgår",
}
_CHANGES_EN = {
    ChangeKind.TITLE: "New title",
    ChangeKind.TIME: "New time",
    ChangeKind.PLACE: "New place",
    ChangeKind.ITEM_ADDED: "New item",
    ChangeKind.ITEM_REMOVED: "Withdrawn",
    ChangeKind.ITEM_CHANGED: "Changed item",
    ChangeKind.REORDERED: "The items in a new order",
    ChangeKind.DOCUMENT_ADDED: "New document",
    ChangeKind.DOCUMENT_VERSION: "New version of a document",
    ChangeKind.DOCUMENT_REMOVED: "Document withdrawn",
}


def deliver(engine: Engine, mailer: Mailer, meeting_id: str, base_url: str) -> dict[str, int]:
    """Send every unsent mail of the meeting's current notice; count what went and not."""
    with Session(engine) as s:
        meeting = s.get(MeetingRow, meeting_id)
        body = s.get(AssemblyRow, meeting.assembly_id) if meeting else None
        notice = s.exec(
            select(NoticeRow)
            .where(NoticeRow.meeting_id == meeting_id)
            .order_by(col(NoticeRow.version).desc())
        ).first()
        if meeting is None or body is None or notice is None:
            raise not_found("notice.unpublished", "the notice has not been published")
        pending = s.exec(
            select(NoticeMailRow).where(
                NoticeMailRow.meeting_id == meeting_id,
                NoticeMailRow.version == notice.version,
                NoticeMailRow.sent_at == 0,
                NoticeMailRow.address != "",
            )
        ).all()
        content = parse_content(notice.content)
        changed = json.loads(notice.changes)
        # The meeting's calendar file is the same for everyone called: made once.
        ics = (
            calendar.meeting_calendar(engine, meeting_id, pending[0].person_id, base_url)
            if pending
            else b""
        )
        msgs = [
            _message(mailer, row, body.name, content, notice.version, changed, base_url, ics)
            for row in pending
        ]
        results = mailer.send(msgs)
        now = int(CLOCK.now())
        for row, error in zip(pending, results, strict=True):
            row.sent_at, row.error = (now, "") if not error else (0, error)
        s.commit()
    return {"sent": results.count(""), "failed": len(results) - results.count("")}


def _message(
    mailer: Mailer,
    row: NoticeMailRow,
    body: str,
    content: NoticeContent,
    version: int,
    changed: list[dict[str, Any]],
    base_url: str,
    ics: bytes,
) -> EmailMessage:
    revised = version > 1
    subject = ("Ändrad kallelse" if revised else "Kallelse") + f": {body}, {_when(content)}"
    msg = mailer.message(row.address, subject)
    msg.set_content(_text(body, content, changed, base_url))
    msg.add_attachment(ics, maintype="text", subtype="calendar", filename=f"{row.meeting_id}.ics")
    return msg


def _when(content: NoticeContent) -> str:
    day, _, time = content.starts_at.partition("T")
    return f"{day} kl. {time[:5]}" if time else day


def _text(body: str, content: NoticeContent, changed: list[dict[str, Any]], base_url: str) -> str:
    when = _when(content)
    swedish = [f"{body} kallas till sammanträde: {content.title}", ""]
    swedish += [f"Tid: {when}", f"Plats: {content.place}", ""]
    swedish += _changes("Ändringar sedan förra kallelsen:", _CHANGES_SV, changed)
    swedish.append("Ärenden:")
    for n, item in enumerate(content.items, start=1):
        dnr = f" ({item.diarienummer})" if item.diarienummer else ""
        swedish.append(f"{n}. {item.title}{dnr}")
        if item.proposal:
            swedish.append(f"   Förslag till beslut: {item.proposal}")
    swedish += ["", f"Handlingarna finns i {f'{base_url}/portal/' if base_url else 'portalen'}."]
    english = [f"{body}: notice of meeting, {content.title}", ""]
    english += [f"Time: {when.replace('kl.', 'at')}", f"Place: {content.place}", ""]
    english += _changes("Changes since the previous notice:", _CHANGES_EN, changed)
    english.append("Items:")
    english += [f"{n}. {i.title_en or i.title}" for n, i in enumerate(content.items, start=1)]
    english += ["", f"The documents are in {f'{base_url}/portal/' if base_url else 'the portal'}."]
    return "\n".join([*swedish, "", "-" * 40, "", *english]) + "\n"


def _changes(
    heading: str, words: dict[ChangeKind, str], changed: list[dict[str, Any]]
) -> list[str]:
    if not changed:
        return []
    lines = [f"- {words[ChangeKind(c['kind'])]} {c['subject']}".rstrip() for c in changed]
    return [heading, *lines, ""]
