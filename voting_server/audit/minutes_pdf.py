"""The minutes as PDF (fpdf2), read from the HTML document so both say the same.

The HTML is split into blocks (headings, paragraphs, list items, table
rows) and laid out with fpdf2's core fonts, which cover Swedish. The PDF
ends with the justeringsintyg: who signed, when, the document's SHA-256,
the notice date and the end of the appeal period.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from .minutes_justering import JusteringStatus
from .minutes_model import Minutes, local

ROLE = {"chair": "Ordförande", "justerare": "Justerare"}
_LATIN1_STAND_INS = str.maketrans({"–": "-", "—": "-", "’": "'", "“": '"', "”": '"', "…": "..."})


@dataclass
class Block:
    kind: str  # h1 | h2 | h3 | p | li | table
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)


class _Blocks(HTMLParser):
    """Headings, paragraphs, list items and tables, in document order."""

    TEXT = frozenset({"h1", "h2", "h3", "p", "li", "dt", "dd"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.stack: list[str] = []
        self.text: list[str] | None = None
        self.table: Block | None = None
        self.cell: list[str] | None = None
        self.row: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        if tag == "table":
            self.table = Block("table")
        elif tag == "tr" and self.table is not None:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag in self.TEXT and self.table is None:
            self.text = []

    def handle_endtag(self, tag: str) -> None:
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        if tag == "table" and self.table is not None:
            self.blocks.append(self.table)
            self.table = None
        elif tag == "tr" and self.table is not None and self.row is not None:
            self.table.rows.append(self.row)
            self.row = None
        elif tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        elif tag in self.TEXT and self.text is not None:
            kind = tag if tag in ("h1", "h2", "h3", "li") else "p"
            self.blocks.append(Block(kind, " ".join("".join(self.text).split())))
            self.text = None

    def handle_data(self, data: str) -> None:
        if "style" in self.stack or "title" in self.stack:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif self.text is not None:
            self.text.append(data)


def blocks_of(document: bytes) -> list[Block]:
    parser = _Blocks()
    parser.feed(document.decode())
    parser.close()
    return parser.blocks


def _latin1(text: str) -> str:
    return text.translate(_LATIN1_STAND_INS).encode("latin-1", "replace").decode("latin-1")


def justering_lines(minutes: Minutes, status: JusteringStatus) -> list[str]:
    """The justeringsintyg in words: signatures, hash, notice and appeal dates."""
    lines = [f"Dokumentets SHA-256: {status.document_hash}"]
    for person, role in status.signatories():
        found = [s for s in status.signatures if s.person == person and s.paragraph == ""]
        who = f"{ROLE.get(role, role)} {minutes.name(person) if person else '-'}"
        if not found:
            lines.append(f"{who}: ej signerat")
            continue
        s = found[0]
        when = local(s.signed_at).strftime("%Y-%m-%d kl. %H.%M")
        holds = "gäller" if s.holds else "GÄLLER INTE (dokumentet har ändrats)"
        lines.append(f"{who}: signerade {when}, SHA-256 {s.document_hash[:16]}…, {holds}")
    for item in status.verified_paragraphs:
        lines.append(f"Paragrafen för ärende {item} är omedelbart justerad.")
    d = status.deadlines
    if not status.verified:
        lines.append("Protokollet är ännu inte justerat.")
        if d.justering_by:
            lines.append(f"Justeras senast: {d.justering_by.isoformat()}")
        return lines
    lines.append(f"Protokollet är justerat {d.verified_on.isoformat() if d.verified_on else ''}.")
    if d.notice_posted and d.appeal_ends:
        late = " (efter fristen)" if d.notice_late else ""
        lines.append(f"Anslag (tillkännagivande): {d.notice_posted.isoformat()}{late}")
        lines.append(
            "Överklagandetiden (laglighetsprövning, KL 13 kap. 5 §) löper ut: "
            f"{d.appeal_ends.isoformat()}"
        )
    elif d.notice_by:
        lines.append(f"Anslås senast (KL 8 kap. 12 §): {d.notice_by.isoformat()}")
    return lines


def render_pdf(document: bytes, minutes: Minutes, status: JusteringStatus) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(_latin1(f"Protokoll - {minutes.title}"))
    pdf.set_creator("Ordet")
    stamp = minutes.adjourned_at or minutes.created_at or 0
    pdf.set_creation_date(datetime.fromtimestamp(stamp / 1000, UTC))  # reproducible bytes
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    for block in blocks_of(document):
        _block(pdf, block)
    _block(pdf, Block("h2", "Justeringsintyg"))
    for line in justering_lines(minutes, status):
        _block(pdf, Block("p", line))
    return bytes(pdf.output())


_SIZES = {"h1": 18, "h2": 13, "h3": 11}


def _block(pdf: FPDF, block: Block) -> None:
    width = pdf.epw
    if block.kind in _SIZES:
        pdf.ln(2)
        pdf.set_font("Helvetica", "B", _SIZES[block.kind])
        pdf.multi_cell(width, 7, _latin1(block.text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    elif block.kind == "table":
        if not block.rows:
            return
        pdf.set_font("Helvetica", "", 8)
        columns = max(len(r) for r in block.rows)
        with pdf.table(width=width, first_row_as_headings=True, line_height=4.5) as table:
            for cells in block.rows:
                row = table.row()
                for i in range(columns):
                    row.cell(_latin1(cells[i] if i < len(cells) else ""))
        pdf.ln(1)
    else:
        pdf.set_font("Helvetica", "", 10)
        prefix = "- " if block.kind == "li" else ""
        pdf.multi_cell(width, 5, _latin1(prefix + block.text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
