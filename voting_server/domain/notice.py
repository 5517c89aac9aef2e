"""The notice of a meeting (kallelse) and its public announcement (pure).

- Fullmäktige: the time and place of the meeting and the ärenden to be
  dealt with are announced on the anslagstavla at least one week before the
  meeting day (kommunallagen 2017:725, 5 kap. 53 §). Every member and
  substitute is called to the meeting (the kallelse).
- Other bodies meet behind closed doors unless they decide otherwise
  (kommunallagen 6 kap. 25 §): their own reglemente says when the kallelse
  goes out, and a public announcement is their choice. Ordet sets them no
  deadline.

A notice is published in versions: the first is the kallelse, each later one
an ändrad kallelse that lists what changed since the one before.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from enum import StrEnum

from .bodies import BodyKind

#: An address a mail server takes: one @, no spaces or line breaks (no header injection).
_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
#: "Minst en vecka före sammanträdesdagen" (kommunallagen 5 kap. 53 §).
ANNOUNCEMENT_AHEAD = timedelta(weeks=1)


@dataclass(frozen=True, slots=True)
class NoticeItem:
    id: str
    title: str
    title_en: str = ""
    kind: str = "arende"
    diarienummer: str = ""
    proposal: str = ""


@dataclass(frozen=True, slots=True)
class FiledDocument:
    """A document (handling) by its SHA-256, as a notice lists it and a meeting's log
    records it (``meeting.documents_filed``, ``meeting.document_filed``)."""

    item: str  # "" for the meeting as a whole
    title: str
    version: int
    sha256: str


@dataclass(frozen=True, slots=True)
class NoticeContent:
    """What a notice tells: the meeting, its time and place, the ärenden and handlingar."""

    title: str
    starts_at: str  # Swedish local time, "2026-12-10T09:00"
    place: str
    items: tuple[NoticeItem, ...]
    documents: tuple[FiledDocument, ...] = ()

    def sha256(self) -> str:
        """A hash of the content, the same on every machine (canonical JSON)."""
        text = json.dumps(asdict(self), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()


class ChangeKind(StrEnum):
    TITLE = "title"
    TIME = "time"
    PLACE = "place"
    ITEM_ADDED = "item_added"
    ITEM_REMOVED = "item_removed"
    ITEM_CHANGED = "item_changed"
    REORDERED = "reordered"
    DOCUMENT_ADDED = "document_added"
    DOCUMENT_VERSION = "document_version"
    DOCUMENT_REMOVED = "document_removed"


@dataclass(frozen=True, slots=True)
class NoticeChange:
    """One change since the notice before: its kind and what it concerns (an item's or
    document's title, or the new time or place)."""

    kind: ChangeKind
    subject: str = ""


def changes(before: NoticeContent, after: NoticeContent) -> tuple[NoticeChange, ...]:
    """What changed from one version of a notice to the next, in the order of the notice."""
    found: list[NoticeChange] = []
    if before.title != after.title:
        found.append(NoticeChange(ChangeKind.TITLE, after.title))
    if before.starts_at != after.starts_at:
        found.append(NoticeChange(ChangeKind.TIME, after.starts_at))
    if before.place != after.place:
        found.append(NoticeChange(ChangeKind.PLACE, after.place))
    old = {i.id: i for i in before.items}
    new = {i.id: i for i in after.items}
    for item in after.items:
        if item.id not in old:
            found.append(NoticeChange(ChangeKind.ITEM_ADDED, item.title))
        elif old[item.id] != item:
            found.append(NoticeChange(ChangeKind.ITEM_CHANGED, item.title))
    found += [
        NoticeChange(ChangeKind.ITEM_REMOVED, i.title) for i in before.items if i.id not in new
    ]
    kept_before = [i.id for i in before.items if i.id in new]
    kept_after = [i.id for i in after.items if i.id in old]
    if kept_before != kept_after:
        found.append(NoticeChange(ChangeKind.REORDERED))
    found += _document_changes(before.documents, after.documents)
    return tuple(found)


def _document_changes(
    before: tuple[FiledDocument, ...], after: tuple[FiledDocument, ...]
) -> list[NoticeChange]:
    old = {(d.item, d.title): d for d in before}
    new = {(d.item, d.title): d for d in after}
    found = []
    for key, doc in new.items():
        if key not in old:
            found.append(NoticeChange(ChangeKind.DOCUMENT_ADDED, doc.title))
        elif old[key].sha256 != doc.sha256:
            found.append(NoticeChange(ChangeKind.DOCUMENT_VERSION, f"{doc.title} ({doc.version})"))
    found += [
        NoticeChange(ChangeKind.DOCUMENT_REMOVED, d.title) for k, d in old.items() if k not in new
    ]
    return found


def valid_address(value: str) -> bool:
    """Whether the kallelse can be mailed to ``value`` (an e-mail address, at most 254)."""
    return len(value) <= 254 and _ADDRESS.fullmatch(value) is not None


def announce_by(kind: BodyKind, meeting_day: date) -> date | None:
    """The last day the public announcement may be posted, where the law sets one."""
    if kind is BodyKind.FULLMAKTIGE:
        return meeting_day - ANNOUNCEMENT_AHEAD
    return None


def must_be_public(kind: BodyKind) -> bool:
    """Fullmäktige's meetings are announced on the anslagstavla; other bodies choose."""
    return kind is BodyKind.FULLMAKTIGE
