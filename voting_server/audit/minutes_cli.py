"""``ordet audit minutes SOURCE [--html FILE] [--pdf FILE]``.

Without ``--html`` or ``--pdf`` the HTML document goes to standard output;
the justering status (signatures, hash, notice date) goes to standard error.
The HTML file's SHA-256 is the hash the chair and the justerare signed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import export, minutes_report
from .minutes_pdf import justering_lines


def run_minutes(
    source: str,
    html: Path | None,
    pdf: Path | None,
    read_meeting: Callable[[str], list[Any]],
) -> int:
    path = Path(source)
    entries = export.load(path).entries if path.is_file() else read_meeting(source)
    if not entries:
        print(f"ordet audit: no log for meeting {source!r}", file=sys.stderr)
        return 1
    rendered = minutes_report.render(minutes_report.pairs_of(entries))
    if html is None and pdf is None:
        sys.stdout.buffer.write(rendered.document)
        sys.stdout.flush()
    if html is not None:
        html.write_bytes(rendered.document)
    if pdf is not None:
        pdf.write_bytes(minutes_report.pdf(rendered))
    for line in justering_lines(rendered.minutes, rendered.status):
        print(line, file=sys.stderr)
    return 0
