"""A body's year as files: JSON for the page, CSV for a payroll system or a
spreadsheet, and one workbook (.xlsx) with a sheet per table. The ``payroll``
table holds the approved meetings' rows only."""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook

from speaker_queue import spreadsheet_safe

from .allowances import COLUMNS as ALLOWANCE_COLUMNS
from .year import MeetingLine, QuestionLine, Year

MEETING_COLUMNS = (
    "meeting", "title", "date", "time", "held", "quorum", "seats", "seats_taking_part",
    "rate", "members_present", "substitutes_served", "allowance", "approved_at", "approved_by",
    "digest",
)  # fmt: skip
QUESTION_COLUMNS = (
    "meeting", "date", "person", "name", "reason", "asked_at", "answer", "corrected",
)  # fmt: skip
MEMBER_COLUMNS = ("person", "name", "party", "meetings_held", "present", "served", "substituted")
PARTY_COLUMNS = ("party", "took_part", "of", "rate")


def _meeting_row(m: MeetingLine) -> list[Any]:
    return [
        m.meeting, m.title, m.date, m.time, m.held, m.quorum, m.seats,
        m.seats_taking_part, round(m.rate, 4), m.members_present, m.substitutes_served,
        m.allowance, m.approved_at, m.approved_by, m.digest,
    ]  # fmt: skip


def _as_dict(columns: tuple[str, ...], row: list[Any]) -> dict[str, Any]:
    return dict(zip(columns, row, strict=True))


def _question_row(q: QuestionLine) -> list[Any]:
    return [q.meeting, q.date, q.person, q.name, q.reason, q.asked_at, q.answer, q.corrected]


def tables(year: Year) -> dict[str, tuple[tuple[str, ...], list[list[Any]]]]:
    """Each table's columns and rows, in the order of the page."""
    return {
        "meetings": (MEETING_COLUMNS, [_meeting_row(m) for m in year.meetings]),
        "members": (
            MEMBER_COLUMNS,
            [
                [m.person, m.name, m.party, m.meetings_held, m.present, m.served, m.substituted]
                for m in year.members
            ],
        ),
        "parties": (
            PARTY_COLUMNS,
            [[p.key, p.took_part, p.of, round(p.rate, 4)] for p in year.parties],
        ),
        "allowances": (ALLOWANCE_COLUMNS, [r.as_list() for r in year.allowances]),
        # The file for payroll: only the meetings whose basis the secretary approved.
        "payroll": (ALLOWANCE_COLUMNS, [r.as_list() for r in year.allowances if r.approved]),
        "questions": (
            QUESTION_COLUMNS,
            [_question_row(q) for q in year.questions],
        ),
    }


def to_json(year: Year) -> dict[str, Any]:
    out: dict[str, Any] = {
        "body": year.body,
        "year": year.year,
        "goal": year.goal,
        "meets_goal": year.meets_goal,
        "total": {"took_part": year.total.took_part, "of": year.total.of, "rate": year.total.rate},
    }
    for name, (columns, rows) in tables(year).items():
        out[name] = [dict(zip(columns, row, strict=True)) for row in rows]
    return out


def to_csv(year: Year, table: str) -> str:
    columns, rows = tables(year)[table]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) if isinstance(cell, str) else cell for cell in row])
    return out.getvalue()


def to_xlsx(year: Year) -> bytes:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, (columns, rows) in tables(year).items():
        sheet = book.create_sheet(name)
        sheet.append(list(columns))
        for row in rows:
            sheet.append([spreadsheet_safe(c) if isinstance(c, str) else c for c in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def member_json(year: Year, person: str) -> dict[str, Any]:
    """One member's own part of the year: each meeting held, their row and questions."""
    meetings = []
    for m in year.meetings:
        if not m.held:
            continue
        rows = [r for r in year.allowances if r.meeting == m.meeting and r.person == person]
        asked = [q for q in year.questions if q.meeting == m.meeting and q.person == person]
        meetings.append(
            {
                "meeting": m.meeting,
                "title": m.title,
                "date": m.date,
                "allowance": m.allowance,
                "row": _as_dict(ALLOWANCE_COLUMNS, rows[0].as_list()) if rows else None,
                "questions": [_as_dict(QUESTION_COLUMNS, _question_row(q)) for q in asked],
            }
        )
    return {"body": year.body, "year": year.year, "meetings": meetings}
