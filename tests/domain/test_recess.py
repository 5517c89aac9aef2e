"""Ajournering: a break until a Swedish clock time, and what it holds back."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import speaker_queue
from tests.domain.meeting_fixtures import CHAIR, arrived, delegate, refused, when
from voting_server.domain.errors import DomainError
from voting_server.domain.meeting import commands as mc
from voting_server.domain.meeting import events as ev
from voting_server.domain.meeting.recess import resumes_at
from voting_server.domain.swedish_time import STOCKHOLM, swedish_time
from voting_server.domain.votes import commands as vc

# 2026-03-29 is the spring's daylight-saving day: 02.00 CET becomes 03.00 CEST.
NOON_SUMMER = int(datetime(2026, 6, 10, 12, 0, tzinfo=STOCKHOLM).timestamp() * 1000)
NOON_WINTER = int(datetime(2026, 12, 10, 12, 0, tzinfo=STOCKHOLM).timestamp() * 1000)


@pytest.mark.parametrize("now", [NOON_SUMMER, NOON_WINTER])
def test_the_break_ends_at_the_swedish_clock_time_given(now: int) -> None:
    meeting = arrived("m1", "m2", "m3", item="2")
    assert when(meeting, mc.Recess("13.15"), CHAIR, now) == [
        ev.MeetingRecessed(now + 75 * 60 * 1000)
    ]
    assert swedish_time(meeting.core.recess_until or 0).strftime("%H:%M") == "13:15"
    assert when(meeting, mc.Resume(), CHAIR, now + 3_600_000) == [ev.MeetingResumed()]
    assert meeting.core.recess_until is None
    assert meeting.core.recesses == [(now, now + 3_600_000)]


@settings(max_examples=200, deadline=None)
@given(
    now=st.integers(1_700_000_000_000, 1_900_000_000_000),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
)
def test_a_resumption_is_today_in_sweden_later_than_now_and_at_that_clock_time(
    now: int, hour: int, minute: int
) -> None:
    try:
        at = resumes_at(f"{hour:02d}:{minute:02d}", now)
    except DomainError as refusal:
        assert refusal.code in {"recess.in_past", "recess.too_long", "recess.bad_time"}
        return
    local = swedish_time(at)
    assert at > now and at - now <= 12 * 3600 * 1000
    assert local.date() == swedish_time(now).date()
    assert (local.hour, local.minute) == (hour, minute)


def test_a_clock_time_that_summer_time_skips_is_refused() -> None:
    morning = int(datetime(2026, 3, 29, 1, 0, tzinfo=STOCKHOLM).timestamp() * 1000)
    with pytest.raises(DomainError) as refusal:
        resumes_at("02.30", morning)
    assert refusal.value.code == "recess.bad_time"
    assert swedish_time(resumes_at("03.30", morning)).hour == 3


def test_bad_times_and_the_wrong_moments_are_refused() -> None:
    meeting = arrived("m1", "m2", "m3", item="2")
    for clock in ("25.00", "1315", "tretton", ""):
        assert refused(meeting, mc.Recess(clock), CHAIR) == "recess.bad_time"
    assert refused(meeting, mc.Resume(), CHAIR) == "meeting.not_in_recess"
    assert refused(meeting, mc.Recess("13.00"), delegate("m2")) == "auth.forbidden"
    # Context(1000) is 1970-01-01 01.00 Swedish time: 00.30 has passed.
    assert refused(meeting, mc.Recess("00.30"), CHAIR) == "recess.in_past"
    assert refused(meeting, mc.Recess("23.59"), CHAIR) == "recess.too_long"


def test_nothing_is_debated_or_decided_in_a_break_but_people_come_and_go() -> None:
    meeting = arrived("m1", "m2", "m3", item="2")
    when(meeting, mc.Recess("02.00"), CHAIR)
    assert refused(meeting, mc.Recess("02.30"), CHAIR) == "meeting.in_recess"
    assert refused(meeting, vc.OpenVote("Bifall?"), CHAIR) == "meeting.in_recess"
    assert refused(meeting, mc.FinishItem(), CHAIR) == "meeting.in_recess"
    request = speaker_queue.RequestFloor()
    assert refused(meeting, request, delegate("m2")) == "meeting.in_recess"
    assert when(meeting, mc.CheckIn("m4"), CHAIR)[0] == ev.CheckedIn("m4")
    assert when(meeting, mc.CheckOut("m3"), CHAIR)[0] == ev.CheckedOut("m3")
    when(meeting, mc.Resume(), CHAIR)
    assert when(meeting, request, delegate("m2"))


def test_a_break_waits_for_the_vote_and_the_running_speech() -> None:
    meeting = arrived("m1", "m2", "m3", item="2")
    when(meeting, vc.OpenVote("Bifall?"), CHAIR)
    assert refused(meeting, mc.Recess("02.00"), CHAIR) == "vote.another_open"
    when(meeting, vc.CloseVote("v1"), CHAIR)
    when(meeting, speaker_queue.RequestFloor(), delegate("m2"))
    when(meeting, speaker_queue.NextSpeaker(), CHAIR)
    assert refused(meeting, mc.Recess("02.00"), CHAIR) == "debate.speech_running"
    when(meeting, speaker_queue.PauseSpeech(), CHAIR)
    assert when(meeting, mc.Recess("02.00"), CHAIR)


def test_the_meeting_closed_in_a_break_ends_the_break() -> None:
    meeting = arrived("m1", "m2", "m3")
    when(meeting, mc.Recess("02.00"), CHAIR, 1000)
    when(meeting, mc.Adjourn(), CHAIR, 5000)
    assert meeting.core.recess_until is None and meeting.core.recesses == [(1000, 5000)]
