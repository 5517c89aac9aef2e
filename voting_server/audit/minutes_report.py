"""The minutes of a log in one call: the model, the HTML bytes, their hashes, the justering.

Works the same on a live Room's history and on an export file's entries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..log.chain import LogEntry
from . import minutes_html
from .minutes import build
from .minutes_justering import JusteringStatus, justering_of, justering_status
from .minutes_model import Minutes, Pair
from .records import decode_all


@dataclass(frozen=True)
class Rendered:
    minutes: Minutes
    document: bytes  # the exact bytes the signatures are made over
    document_hash: str
    paragraph_hashes: dict[str, str]
    status: JusteringStatus

    def hash_of(self, paragraph: str) -> str | None:
        """The hash a signature of ``paragraph`` ("" for the whole minutes) must carry."""
        return self.document_hash if paragraph == "" else self.paragraph_hashes.get(paragraph)


def render(pairs: Sequence[Pair]) -> Rendered:
    minutes = build(pairs)
    document = minutes_html.render_document(minutes)
    digest = minutes_html.document_hash(document)
    paragraphs = minutes_html.paragraph_hashes(minutes)
    status = justering_status(minutes, justering_of(pairs), digest, paragraphs)
    return Rendered(minutes, document, digest, paragraphs, status)


def pairs_of(entries: Iterable[LogEntry]) -> list[Pair]:
    """The readable ``(event, at)`` pairs of log entries, in sequence order."""
    return [(r.envelope.event, r.envelope.at) for r in decode_all(entries) if r.envelope]


def pdf(rendered: Rendered) -> bytes:
    from .minutes_pdf import render_pdf

    return render_pdf(rendered.document, rendered.minutes, rendered.status)
