"""Swedish time (pure): the dates people see and the law counts are Europe/Stockholm dates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def swedish_time(epoch_ms: int) -> datetime:
    return datetime.fromtimestamp(epoch_ms / 1000, UTC).astimezone(STOCKHOLM)


def swedish_day(epoch_ms: int) -> date:
    return swedish_time(epoch_ms).date()


def parse_instant(value: str) -> datetime:
    """An ISO instant; one without an offset is read as Swedish local time."""
    instant = datetime.fromisoformat(value)
    return instant if instant.tzinfo else instant.replace(tzinfo=STOCKHOLM)


def local_iso(value: str) -> str:
    """A meeting's stored local start ("2026-12-10T09:00") as an ISO instant with its offset.

    A value that is no date (an older row typed by hand) gives "": never an error page.
    """
    try:
        return parse_instant(value).isoformat(timespec="minutes") if value else ""
    except ValueError:
        return ""
