"""The law's deadlines in Swedish dates: justering, the notice, and the appeal period."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from tests.audit.meeting_log import MEETING, ROSTER
from voting_server.audit import minutes_report
from voting_server.domain import aggregate
from voting_server.domain.base import Actor, Role
from voting_server.domain.context import Context
from voting_server.domain.deadlines import deadline, is_closed, minutes_deadlines, next_open_day
from voting_server.domain.justering.events import MinutesRulesSet
from voting_server.domain.justering.state import JusteringState
from voting_server.domain.meeting import commands as mc
from voting_server.domain.meeting.events import AgendaItem, MeetingAdjourned
from voting_server.domain.meeting.rules import open_meeting
from voting_server.domain.swedish_time import STOCKHOLM, swedish_day

THREE_WEEKS = timedelta(weeks=3)


def stockholm_ms(*args: int) -> int:
    """Epoch milliseconds of a wall-clock time in Stockholm."""
    return int(datetime(*args, tzinfo=STOCKHOLM).timestamp() * 1000)


@pytest.mark.parametrize(
    ("posted", "appeal_ends", "why"),
    [
        (date(2027, 1, 11), date(2027, 2, 1), "a Monday: three weeks later, a Monday"),
        (date(2027, 1, 10), date(2027, 2, 1), "posted on a Sunday, ends on one: Monday"),
        (date(2027, 6, 4), date(2027, 6, 28), "midsommarafton, then midsommardagen, Sunday"),
        (date(2030, 5, 31), date(2030, 6, 24), "midsommarafton 2030 falls on 21 June"),
        (date(2026, 12, 4), date(2026, 12, 28), "juldagen, annandag jul, a Sunday"),
        (date(2026, 12, 3), date(2026, 12, 28), "julafton is closed too"),
        (date(2027, 12, 10), date(2028, 1, 3), "nyårsafton, nyårsdagen, a Sunday"),
        (date(2027, 3, 5), date(2027, 3, 30), "långfredagen to annandag påsk"),
    ],
)
def test_the_appeal_period_ends_on_the_next_weekday_after_a_closed_day(
    posted: date, appeal_ends: date, why: str
) -> None:
    d = minutes_deadlines(closed_on=None, verified_on=posted, notice_posted=posted)
    assert d.appeal_ends == appeal_ends, why
    assert not is_closed(appeal_ends)


def test_closed_days_are_the_weekend_the_public_holidays_and_the_three_eves() -> None:
    closed = {
        date(2027, 1, 6),  # trettondedag jul
        date(2027, 5, 1),  # första maj, a Saturday anyway
        date(2027, 5, 6),  # Kristi himmelsfärdsdag
        date(2027, 6, 25),  # midsommarafton
        date(2028, 6, 6),  # nationaldagen
        date(2027, 12, 24),  # julafton
        date(2027, 12, 31),  # nyårsafton
    }
    assert all(is_closed(d) for d in closed)
    # Eves the law does not name are working days.
    assert not is_closed(date(2027, 4, 30))  # valborgsmässoafton, a Friday
    assert not is_closed(date(2027, 3, 25))  # skärtorsdagen
    assert next_open_day(date(2027, 12, 24)) == date(2027, 12, 27)


def test_the_notice_is_due_within_two_days_of_the_justering() -> None:
    # Verified on a Thursday: due Saturday, so Monday.
    d = minutes_deadlines(closed_on=None, verified_on=date(2027, 9, 16), notice_posted=None)
    assert d.notice_by == date(2027, 9, 20)
    late = minutes_deadlines(None, date(2027, 9, 16), date(2027, 9, 21))
    assert late.notice_late and late.appeal_ends == date(2027, 10, 12)
    assert not minutes_deadlines(None, date(2027, 9, 16), date(2027, 9, 20)).notice_late


def closed_meeting(adjourned_at: int, period: int | None = None) -> aggregate.Meeting:
    meeting = aggregate.Meeting()
    for event in open_meeting(MEETING, "Regionfullmäktige", ROSTER, (AgendaItem("1", "Val"),)):
        meeting.apply(event, adjourned_at - 3_600_000)
    if period is not None:
        meeting.apply(MinutesRulesSet(justering_days=period), adjourned_at - 3_600_000)
    meeting.apply(MeetingAdjourned(), adjourned_at)
    return meeting


def test_the_justering_deadline_counts_swedish_days_across_the_change_to_summer_time() -> None:
    # Adjourned 23.30 on 20 March 2027 (CET); summer time begins 28 March.
    meeting = closed_meeting(stockholm_ms(2027, 3, 20, 23, 30))
    d = meeting.justering.deadlines(ROSTER.chair, meeting.core.adjourned_at)
    assert d.closed_on == date(2027, 3, 20)
    assert d.justering_by == date(2027, 4, 5)  # 3 April is a Saturday
    assert d.days_left(date(2027, 3, 29)) == 7
    assert d.days_left(date(2027, 4, 6)) == -1

    # At 00.30 summer time the Swedish day has begun, while in UTC it has not.
    after = closed_meeting(stockholm_ms(2027, 3, 29, 0, 30))
    d = after.justering.deadlines(ROSTER.chair, after.core.adjourned_at)
    assert d.closed_on == date(2027, 3, 29)
    assert d.justering_by == date(2027, 4, 12)


def test_the_assembly_sets_the_justering_period_in_the_log() -> None:
    meeting = closed_meeting(stockholm_ms(2027, 10, 25, 16, 0), period=7)
    d = meeting.justering.deadlines(ROSTER.chair, meeting.core.adjourned_at)
    assert d.justering_by == date(2027, 11, 1)
    assert JusteringState().period_days == 14


def test_the_change_back_from_summer_time_keeps_the_day() -> None:
    # 31 October 2027: 03.00 summer time becomes 02.00; a stay over the night.
    assert swedish_day(stockholm_ms(2027, 10, 31, 2, 30)) == date(2027, 10, 31)
    assert swedish_day(stockholm_ms(2027, 10, 30, 23, 59)) == date(2027, 10, 30)
    assert deadline(date(2027, 10, 17), timedelta(days=14)) == date(2027, 11, 1)


def test_a_check_in_at_half_past_midnight_is_on_that_swedish_day() -> None:
    opened = stockholm_ms(2027, 6, 10, 0, 20)  # 9 June 22.20 in UTC
    meeting = aggregate.Meeting()
    pairs = []
    for event in open_meeting(MEETING, "Regionfullmäktige", ROSTER, (AgendaItem("1", "Val"),)):
        meeting.apply(event, opened)
        pairs.append((event, opened))
    check_in = stockholm_ms(2027, 6, 10, 0, 30)
    for event in aggregate.execute(
        meeting, mc.CheckIn(), Actor(Role.DELEGATE, "m2"), Context(check_in)
    ):
        pairs.append((event, check_in))
    rendered = minutes_report.render(pairs)
    assert rendered.minutes.day == date(2027, 6, 10)
    assert swedish_day(meeting.core.intervals["m2"][0].arrived) == date(2027, 6, 10)
    assert "00.30" in rendered.document.decode()
    assert "2027-06-10" in rendered.document.decode()
