"""The export file: one meeting's log as stored, in a self-contained JSON document.

Layout (version 1)::

    {
      "format": "ordet-audit-export",
      "version": 1,
      "meeting": "demo",
      "exported_at": "2025-05-12T14:03:00Z",
      "public_keys": ["<64 hex digits>", ...],
      "size": 123,                       # number of entries
      "head": "<64 hex digits>",         # hash of the last entry
      "entries": [
        {"seq": 1, "prev": "<hex>", "data": "<base64>", "hash": "<hex>"},
        ...
      ]
    }

``data`` is the base64 of the exact msgpack bytes the hash covers, so the file
can be checked without trusting any decoder of ours.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..clock import CLOCK
from ..log.chain import GENESIS, LogEntry
from .errors import AuditError

FORMAT = "ordet-audit-export"
VERSION = 1


class ExportError(AuditError):
    """The file is not an export this version can read at all."""


@dataclass
class Export:
    """An export as read back: entries in file order, and what was found malformed."""

    meeting: str
    exported_at: str
    public_keys: list[str]
    size: int | None
    head: str | None
    entries: list[LogEntry]
    malformed: list[tuple[int, str]] = field(default_factory=list)  # (position, why)


def build(
    meeting: str,
    entries: list[LogEntry],
    public_keys: Iterable[str],
    exported_at: datetime | None = None,
) -> dict[str, Any]:
    """The export document of a meeting's entries."""
    when = (exported_at or datetime.fromtimestamp(CLOCK.now(), UTC)).astimezone(UTC)
    return {
        "format": FORMAT,
        "version": VERSION,
        "meeting": meeting,
        "exported_at": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "public_keys": sorted(set(public_keys)),
        "size": len(entries),
        "head": (entries[-1].hash if entries else GENESIS).hex(),
        "entries": [entry_to_json(e) for e in entries],
    }


def entry_to_json(entry: LogEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "prev": entry.prev.hex(),
        "data": base64.b64encode(entry.data).decode("ascii"),
        "hash": entry.hash.hex(),
    }


def write(document: dict[str, Any], path: Path | None) -> None:
    """Write the document to ``path``, or to standard output when None."""
    text = json.dumps(document, indent=1, ensure_ascii=False) + "\n"
    if path is None:
        print(text, end="")
    else:
        path.write_text(text, encoding="utf-8")


def load(path: Path) -> Export:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ExportError(f"{path}: not a readable JSON file: {err}") from None
    return parse(document)


def parse(document: Any) -> Export:
    """Read a document; a bad entry is kept aside in ``malformed``, not fatal."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ExportError("not an Ordet audit export (the 'format' field is missing or wrong)")
    if document.get("version") != VERSION:
        raise ExportError(f"export version {document.get('version')!r} is not supported")
    meeting = document.get("meeting")
    raw_entries = document.get("entries")
    if not isinstance(meeting, str) or not isinstance(raw_entries, list):
        raise ExportError("the export has no meeting id or no list of entries")
    keys = document.get("public_keys", [])
    size, head = document.get("size"), document.get("head")
    export = Export(
        meeting=meeting,
        exported_at=str(document.get("exported_at", "")),
        public_keys=[k for k in keys if isinstance(k, str)] if isinstance(keys, list) else [],
        size=size if isinstance(size, int) and not isinstance(size, bool) else None,
        head=head if isinstance(head, str) else None,
        entries=[],
    )
    for position, raw in enumerate(raw_entries, start=1):
        try:
            export.entries.append(entry_from_json(raw))
        except ValueError as err:
            export.malformed.append((position, str(err)))
    return export


def entry_from_json(raw: Any) -> LogEntry:
    if not isinstance(raw, dict):
        raise ValueError("not an object")
    seq = raw.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        raise ValueError("'seq' is not a positive whole number")
    try:
        prev = bytes.fromhex(_text(raw, "prev"))
        digest = bytes.fromhex(_text(raw, "hash"))
        data = base64.b64decode(_text(raw, "data"), validate=True)
    except (ValueError, binascii.Error) as err:
        raise ValueError(f"entry {seq}: {err}") from None
    if len(prev) != 32 or len(digest) != 32:
        raise ValueError(f"entry {seq}: 'prev' and 'hash' must be 32 bytes")
    return LogEntry(seq, prev, data, digest)


def _text(raw: dict[str, Any], key: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str):
        raise ValueError(f"{key!r} is missing")
    return value
