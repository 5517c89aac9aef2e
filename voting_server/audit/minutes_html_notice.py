"""How the meeting was called, for the minutes: each version of the notice with its
date, the law's last day where there is one, and what each ändrad kallelse changed."""

from __future__ import annotations

from html import escape

from ..domain.meeting.events import NoticeRecord
from ..domain.notice import ChangeKind, NoticeChange

CHANGE_WORDS = {
    ChangeKind.TITLE: "ny rubrik",
    ChangeKind.TIME: "ny tid",
    ChangeKind.PLACE: "ny plats",
    ChangeKind.ITEM_ADDED: "nytt ärende",
    ChangeKind.ITEM_REMOVED: "ärende utgår",
    ChangeKind.ITEM_CHANGED: "ändrat ärende",
    ChangeKind.REORDERED: "ny ordning för ärendena",
    ChangeKind.DOCUMENT_ADDED: "ny handling",
    ChangeKind.DOCUMENT_VERSION: "ny version av handling",
    ChangeKind.DOCUMENT_REMOVED: "handling utgår",
}


def notices_html(notices: tuple[NoticeRecord, ...], unannounced: tuple[NoticeChange, ...]) -> str:
    """The kallelse section, or nothing for a meeting called outside Ordet."""
    if not notices:
        return ""
    rows = "".join(_notice(n) for n in notices)
    if unannounced:
        rows += (
            f'<li class="ej-kungjort">Ändringar som inte kungjorts: {_changes(unannounced)}.</li>\n'
        )
    return f'<section class="kallelse">\n<h3>Kallelse</h3>\n<ul>\n{rows}</ul>\n</section>\n'


def _notice(n: NoticeRecord) -> str:
    what = "Kallelse" if n.version == 1 else f"Ändrad kallelse (version {n.version})"
    text = f"{what} utfärdad {n.published_on}"
    if n.public:
        text += ", anslagen på anslagstavlan"
    if n.announce_by:
        late = n.published_on > n.announce_by
        verdict = "efter fristen" if late else "inom fristen"
        text += f" ({verdict}: senast {n.announce_by}, KL 5 kap. 53 §)"
    if n.changes:
        text += f". Ändringar: {_changes(n.changes)}"
    return f'<li data-sha256="{n.sha256}">{text}.</li>\n'


def _changes(changes: tuple[NoticeChange, ...]) -> str:
    return "; ".join(
        CHANGE_WORDS[c.kind] + (f": {escape(c.subject)}" if c.subject else "") for c in changes
    )
