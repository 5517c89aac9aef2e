"""The deadlines the law sets around the minutes (pure), in Swedish dates.

- Justering: the chair and the justerare verify the minutes at the latest
  fourteen days after the meeting (kommunallagen 5 kap. 69 §); an assembly
  may set a shorter period (``justering_days``), counted from the day the
  meeting closed.
- The notice (anslag): that the minutes are verified is announced on the
  anslagstavla within two days of the justering (kommunallagen 2017:725,
  8 kap. 12 §). The secretary records the day it was actually posted.
- The appeal period (laglighetsprövning): an appeal must arrive within three
  weeks of the day the notice was posted (kommunallagen 13 kap. 5 §).
- A deadline whose last day is a Saturday, a Sunday, another public holiday,
  midsommarafton, julafton or nyårsafton moves to the next weekday (lag
  1930:173 om beräkning av lagstadgad tid, 2 §). Ordet applies the same rule
  to the assembly's justering period.

The holidays come from the ``holidays`` package: its Swedish public holidays
and its de facto ones, which are exactly the three eves the law names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

JUSTERING_DAYS = 14
NOTICE_DAYS = 2
APPEAL_PERIOD = timedelta(weeks=3)
_SATURDAY = 5


@lru_cache(maxsize=64)
def _closed_days(year: int) -> frozenset[date]:
    days = holidays.country_holidays(
        "SE", years=year, categories=(holidays.PUBLIC, holidays.DE_FACTO)
    )
    return frozenset(days)


def is_closed(day: date) -> bool:
    """A day on which a deadline cannot end (lag 1930:173, 2 §)."""
    return day.weekday() >= _SATURDAY or day in _closed_days(day.year)


def next_open_day(day: date) -> date:
    """``day`` itself, or the first weekday after it that is no holiday."""
    while is_closed(day):
        day += timedelta(days=1)
    return day


def deadline(start: date, period: timedelta) -> date:
    """The last day of a period that runs from ``start``, moved past closed days."""
    return next_open_day(start + period)


@dataclass(frozen=True)
class MinutesDeadlines:
    """What the law asks after a meeting, and by when; None where it has not begun."""

    closed_on: date | None  # the day the meeting was adjourned
    justering_by: date | None
    verified_on: date | None
    notice_by: date | None
    notice_posted: date | None
    appeal_ends: date | None

    @property
    def notice_late(self) -> bool:
        return bool(self.notice_posted and self.notice_by and self.notice_posted > self.notice_by)

    def days_left(self, today: date) -> int | None:
        """Days until the justering is due (negative when overdue); None once verified."""
        if self.justering_by is None or self.verified_on is not None:
            return None
        return (self.justering_by - today).days


def minutes_deadlines(
    closed_on: date | None,
    verified_on: date | None,
    notice_posted: date | None,
    justering_days: int = JUSTERING_DAYS,
) -> MinutesDeadlines:
    return MinutesDeadlines(
        closed_on=closed_on,
        justering_by=deadline(closed_on, timedelta(days=justering_days)) if closed_on else None,
        verified_on=verified_on,
        notice_by=deadline(verified_on, timedelta(days=NOTICE_DAYS)) if verified_on else None,
        notice_posted=notice_posted,
        appeal_ends=deadline(notice_posted, APPEAL_PERIOD) if notice_posted else None,
    )
