"""The handlingar: PDF files the secretary attaches to a meeting or an item.

Each upload is filed by its SHA-256 and kept; uploading a file for an
existing document adds a version, and the older ones stay readable. A file
that is not a PDF, is too large, or is already attached to the meeting is
refused with its own code. Members with a place in the body read them in
the portal and on the tablet; a document marked public may be read by
anyone.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from ..clock import CLOCK
from ..store.documents import DocumentCorrupt, DocumentFiles, current_documents, sha256
from ..store.models import AgendaItemRow, MeetingRow, PersonRow, role_set
from ..store.places import place
from ..store.portal_models import DocumentRow, MeetingDocumentRow
from .errors import PortalError, forbidden, not_found
from .secretariat import Secretariat

log = logging.getLogger("ordet.portal")
PDF_MAGIC = b"%PDF-"
#: The largest file a secretary may upload.
MAX_DOCUMENT = 25 * 1024 * 1024


@dataclass(frozen=True)
class Upload:
    meeting: str
    item: str  # "" for the meeting as a whole
    title: str
    filename: str
    public: bool
    replaces: str  # the series of the document this is a new version of, or ""


def check_pdf(data: bytes, limit: int) -> None:
    if len(data) > limit:
        raise PortalError("document.too_large", f"at most {limit // (1024 * 1024)} MB", 413)
    if not data.startswith(PDF_MAGIC):
        raise PortalError("document.not_pdf", "only PDF files are handlingar here", 415)


def prepare(
    sec: Secretariat, files: DocumentFiles, up: Upload, data: bytes, limit: int
) -> DocumentRow:
    """Check a PDF for a meeting (or one of its items) and store its file; the row it
    gets is saved by ``save``, once an open meeting's log has taken it."""
    check_pdf(data, limit)
    digest = sha256(data)
    with Session(sec.engine) as s:
        meeting = s.get(MeetingRow, up.meeting)
        if meeting is None:
            raise not_found("meeting.unknown", "no such meeting")
        sec.check(meeting.assembly_id)
        if (
            up.item
            and not s.exec(
                select(AgendaItemRow).where(
                    AgendaItemRow.meeting_id == up.meeting, AgendaItemRow.item_id == up.item
                )
            ).first()
        ):
            raise not_found("agenda.unknown_item", "no such item on the agenda")
        rows = s.exec(select(DocumentRow).where(DocumentRow.meeting_id == up.meeting)).all()
        _refuse_duplicate(rows, digest)
        version = 1
        if up.replaces:
            earlier = [r.version for r in rows if r.series == up.replaces]
            if not earlier:
                raise not_found("document.unknown", "no such document in this meeting")
            version = max(earlier) + 1
    files.put(data)  # before the row, so that no row names a missing file
    return DocumentRow(
        meeting_id=up.meeting,
        item_id=up.item,
        series=up.replaces or secrets.token_hex(8),
        version=version,
        title=up.title,
        filename=up.filename,
        sha256=digest,
        size=len(data),
        public=up.public,
        uploaded_at=int(CLOCK.now()),
        uploaded_by=sec.person,
    )


def save(sec: Secretariat, row: DocumentRow) -> int:
    """Keep a prepared document version; return its id."""
    with Session(sec.engine) as s:
        rows = s.exec(select(DocumentRow).where(DocumentRow.meeting_id == row.meeting_id)).all()
        _refuse_duplicate(rows, row.sha256)  # the same file sent twice at once
        s.add(row)
        s.commit()
        s.refresh(row)
        document = int(row.id or 0)  # set by the insert
    sec.log(
        "document.upload",
        row.meeting_id,
        f"{row.title} (item {row.item_id or '-'}), version {row.version}, sha256 {row.sha256}",
    )
    return document


def _refuse_duplicate(rows: Sequence[DocumentRow], digest: str) -> None:
    if any(r.sha256 == digest for r in rows):
        raise PortalError("document.duplicate", "this file is attached already", 409)


def links(s: Session, meeting_id: str) -> list[dict[str, str]]:
    """A meeting's document links (title and address), as the secretary entered them."""
    rows = s.exec(
        select(MeetingDocumentRow)
        .where(MeetingDocumentRow.meeting_id == meeting_id)
        .order_by(col(MeetingDocumentRow.position))
    ).all()
    return [{"title": d.title, "url": d.url} for d in rows]


def listing(s: Session, meeting_id: str) -> list[dict[str, Any]]:
    """The current version of each document of a meeting, in the order first uploaded."""
    return [
        {
            "id": row.id,
            "series": row.series,
            "item": row.item_id,
            "title": row.title,
            "version": row.version,
            "sha256": row.sha256,
            "size": row.size,
            "public": row.public,
            "url": f"/portal/documents/{row.id}",
            "view": f"/portal/documents/{row.id}/view",
        }
        for row in current_documents(s, meeting_id)
    ]


def for_reader(engine: Engine, meeting_id: str, principal: str | None) -> list[dict[str, Any]]:
    """A meeting's documents as ``principal`` may read them: all, or only the public ones."""
    with Session(engine) as s:
        meeting = s.get(MeetingRow, meeting_id)
        if meeting is None:
            raise not_found("meeting.unknown", "no such meeting")
        everything = principal is not None and _may_read_all(s, principal, meeting.assembly_id)
        return [d for d in listing(s, meeting_id) if everything or d["public"]]


def _may_read_all(s: Session, principal: str, assembly: str) -> bool:
    person = s.get(PersonRow, principal)
    admin = person is not None and "admin" in role_set(person.roles)
    return admin or place(s, principal, assembly) is not None


def read(
    engine: Engine, files: DocumentFiles, document: int, principal: str | None
) -> tuple[DocumentRow, bytes]:
    """A document version and its file, if ``principal`` may read it (None: not logged in)."""
    with Session(engine) as s:
        row = s.get(DocumentRow, document)
        meeting = s.get(MeetingRow, row.meeting_id) if row else None
        if row is None or meeting is None:
            raise not_found("document.unknown", "no such document")
        allowed = row.public or (
            principal is not None and _may_read_all(s, principal, meeting.assembly_id)
        )
    if not allowed:
        if principal is None:
            raise PortalError("auth.no_session", "log in to read this document", 401)
        raise forbidden("auth.other_assembly", "not a document of your body")
    try:
        return row, files.get(row.sha256)
    except LookupError:
        raise not_found("document.missing", "the file is not in the store") from None
    except DocumentCorrupt:
        log.critical("document %s: the stored file no longer matches %s", row.id, row.sha256)
        raise PortalError(
            "document.corrupt", "the stored file has changed since it was uploaded", 500
        ) from None
