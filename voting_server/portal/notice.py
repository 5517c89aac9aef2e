"""Publishing a meeting's notice (kallelse) and the public anslagstavla.

The secretary publishes a meeting once its time, place and agenda are set:
the notice as it stands is kept as version 1 and mailed to every member and
substitute of the body (notice_mail.py). Anything changed before the meeting
opens is published again as an ändrad kallelse, which lists the changes. The
opening writes every version into the meeting's log (NoticesRecorded), so
the minutes show how the meeting was called. The rules are domain/notice.py.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, timedelta
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from ..domain.bodies import BodyKind, BodyRuleError, body_kind
from ..domain.notice import (
    NoticeContent,
    announce_by,
    changes,
    must_be_public,
)
from ..domain.swedish_time import parse_instant, swedish_day
from ..store.models import (
    AssemblyRow,
    LogRow,
    MeetingRow,
    PersonRow,
    settings_of,
)
from ..store.notices import content_of, parse_content, versions
from ..store.places import places_in
from ..store.portal_models import DocumentRow, NoticeMailRow, NoticeRow
from .errors import PortalError, not_found
from .secretariat import Secretariat

#: Who is called to a meeting (kommunallagen 5 kap.: ledamöter och ersättare).
CALLED = frozenset({"member", "substitute"})
#: How long a notice stays on the anslagstavla after its meeting.
BOARD_KEEPS = timedelta(weeks=3)


def publish(sec: Secretariat, meeting_id: str, public: bool, now: int, today: date) -> int:
    """Publish the notice as the meeting stands; return its version."""
    with Session(sec.engine) as s:
        meeting = s.get(MeetingRow, meeting_id)
        body = s.get(AssemblyRow, meeting.assembly_id) if meeting else None
        if meeting is None or body is None:
            raise not_found("meeting.unknown", "no such meeting")
        sec.check(body.id)
        if s.get(LogRow, (meeting.id, 1)) is not None:
            raise PortalError("meeting.opened", "the meeting is open: its log tells the rest", 409)
        content = content_of(s, meeting)
        day = _meeting_day(content)
        if not content.place:
            raise PortalError("notice.no_place", "say where the meeting is held")
        if not content.items:
            raise PortalError("notice.no_items", "the notice lists the ärenden: add them first")
        if day < today:
            raise PortalError("notice.meeting_passed", "the meeting's day has passed", 409)
        kind = _kind(body)
        earlier = versions(s, meeting.id)
        before = parse_content(earlier[-1].content) if earlier else None
        if before is not None and before.sha256() == content.sha256():
            raise PortalError("notice.unchanged", "nothing has changed since it was published", 409)
        version = len(earlier) + 1
        deadline = announce_by(kind, day)
        found = changes(before, content) if before is not None else ()
        s.add(
            NoticeRow(
                meeting_id=meeting.id,
                version=version,
                published_at=now,
                published_by=sec.person,
                # Once posted, every ändrad kallelse is posted too: the board never
                # shows a version that a later one replaced.
                public=public or must_be_public(kind) or any(r.public for r in earlier),
                announce_by=deadline.isoformat() if deadline else "",
                content=json.dumps(asdict(content), ensure_ascii=False),
                sha256=content.sha256(),
                changes=json.dumps([asdict(c) for c in found], ensure_ascii=False),
            )
        )
        # Earlier mails not yet sent are replaced by this version's.
        for old in s.exec(
            select(NoticeMailRow).where(
                NoticeMailRow.meeting_id == meeting.id, NoticeMailRow.sent_at == 0
            )
        ):
            old.error = old.error or f"superseded by version {version}"
            old.sent_at = -1
        _address_mails(s, meeting, version)
        s.commit()
    what = ", ".join(c.kind.value for c in found) or "kallelse"
    sec.log("notice.publish", meeting_id, f"version {version} ({what}), sha256 {content.sha256()}")
    return version


def _address_mails(s: Session, meeting: MeetingRow, version: int) -> None:
    """A mail row for each person called to the meeting, before anything is sent."""
    called = [p for p in places_in(s, meeting.assembly_id) if p.kind in CALLED]
    people = {
        p.id: p
        for p in s.exec(
            select(PersonRow).where(col(PersonRow.id).in_([p.person_id for p in called]))
        )
    }
    for place in called:
        address = people[place.person_id].email.strip()
        s.add(
            NoticeMailRow(
                meeting_id=meeting.id,
                version=version,
                person_id=place.person_id,
                address=address,
                error="" if address else "no e-mail address",
            )
        )


def _meeting_day(content: NoticeContent) -> date:
    try:
        return parse_instant(content.starts_at).date()
    except ValueError:
        raise PortalError("notice.no_time", "set the meeting's day and time first") from None


def _kind(body: AssemblyRow) -> BodyKind:
    try:
        return body_kind(settings_of(body.settings).get("body"))
    except BodyRuleError as err:
        raise PortalError(err.code, err.message) from None


def status(sec: Secretariat, meeting_id: str) -> dict[str, Any]:
    """For the secretary: each version published, what is not yet, and who got the mail."""
    with Session(sec.engine) as s:
        meeting = s.get(MeetingRow, meeting_id)
        if meeting is None:
            raise not_found("meeting.unknown", "no such meeting")
        sec.check(meeting.assembly_id)
        body = s.get(AssemblyRow, meeting.assembly_id)
        rows = versions(s, meeting_id)
        draft = content_of(s, meeting)
        last = parse_content(rows[-1].content) if rows else None
        mails = s.exec(
            select(NoticeMailRow)
            .where(NoticeMailRow.meeting_id == meeting_id)
            .order_by(col(NoticeMailRow.id))
        ).all()
    unpublished = changes(last, draft) if last is not None else ()
    kind = _kind(body) if body is not None else None
    deadline = _draft_deadline(kind, draft) if kind is not None else None
    return {
        "announce_by": deadline.isoformat() if deadline else "",
        "must_be_public": kind is not None and must_be_public(kind),
        "versions": [version_json(r) for r in rows],
        "unpublished": [asdict(c) for c in unpublished],
        "mail": [
            {
                "version": m.version,
                "person": m.person_id,
                "address": m.address,
                "sent": m.sent_at > 0,
                "error": m.error,
            }
            for m in mails
            if m.sent_at >= 0  # not superseded
        ],
    }


def _draft_deadline(kind: BodyKind, draft: NoticeContent) -> date | None:
    try:
        return announce_by(kind, parse_instant(draft.starts_at).date())
    except ValueError:
        return None  # no time set yet


def version_json(row: NoticeRow) -> dict[str, Any]:
    published = _published_on(row)
    return {
        "version": row.version,
        "published_on": published,
        "public": row.public,
        "announce_by": row.announce_by,
        "late": bool(row.announce_by) and published > row.announce_by,
        "changes": json.loads(row.changes),
    }


def _published_on(row: NoticeRow) -> str:
    return swedish_day(row.published_at * 1000).isoformat()


def board(engine: Engine, today: date) -> list[dict[str, Any]]:
    """The anslagstavla: each public notice from its first day until three weeks after
    its meeting, as its latest version says, with the public handlingar."""
    with Session(engine) as s:
        rows = s.exec(select(NoticeRow).where(col(NoticeRow.public))).all()
        by_meeting: dict[str, list[NoticeRow]] = {}
        for row in sorted(rows, key=lambda r: r.version):
            by_meeting.setdefault(row.meeting_id, []).append(row)
        posted = []
        for meeting_id, published in by_meeting.items():
            meeting = s.get(MeetingRow, meeting_id)
            body = s.get(AssemblyRow, meeting.assembly_id) if meeting else None
            if meeting is None or body is None:
                continue
            content = parse_content(published[-1].content)
            if _meeting_day(content) + BOARD_KEEPS < today:
                continue
            posted.append(_posting(s, meeting_id, body, content, published))
    return sorted(posted, key=lambda p: str(p["starts_at"]))


def _posting(
    s: Session,
    meeting_id: str,
    body: AssemblyRow,
    content: NoticeContent,
    published: list[NoticeRow],
) -> dict[str, Any]:
    documents = s.exec(
        select(DocumentRow).where(DocumentRow.meeting_id == meeting_id, col(DocumentRow.public))
    ).all()
    public_current = {d.sha256 for d in content.documents}
    return {
        "meeting": meeting_id,
        "body": body.name,
        "title": content.title,
        "starts_at": content.starts_at,
        "place": content.place,
        "posted_on": _published_on(published[0]),
        "items": [asdict(i) for i in content.items],
        "documents": [
            {"id": d.id, "item": d.item_id, "title": d.title, "version": d.version}
            for d in documents
            if d.sha256 in public_current
        ],
        "versions": [version_json(r) for r in published],
    }
