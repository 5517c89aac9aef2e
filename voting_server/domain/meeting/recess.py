"""Ajournering: a break in the meeting, with the time it resumes.

The chair breaks off with the Swedish clock time the meeting resumes
("13.15"); until the chair resumes it, nothing is debated or decided, while
members may still come and go and declare jäv, and dissent may still be
entered against a decision already made. A break needs no vote or speech
under way: the chair closes or pauses them first.
"""

from __future__ import annotations

import re
from datetime import datetime, time

from ..errors import DomainError, InvalidState
from ..swedish_time import STOCKHOLM, swedish_day, swedish_time
from . import commands as cmd
from . import events as ev
from .state import MeetingState

_CLOCK = re.compile(r"(\d{1,2})[.:](\d{2})")
LONGEST_MS = 12 * 3600 * 1000  # a break, not a new meeting day


def resumes_at(clock: str, now: int) -> int:
    """Epoch ms of ``clock`` (HH.MM or HH:MM, Swedish time) later today."""
    found = _CLOCK.fullmatch(clock.strip())
    if found is None or int(found.group(1)) > 23 or int(found.group(2)) > 59:
        raise DomainError("recess.bad_time", "give the time it resumes as HH.MM")
    wall = time(int(found.group(1)), int(found.group(2)))
    at = datetime.combine(swedish_day(now), wall, tzinfo=STOCKHOLM)
    millis = int(at.timestamp() * 1000)
    if swedish_time(millis).time() != wall:
        raise DomainError("recess.bad_time", "that clock time does not exist today (summer time)")
    if millis <= now:
        raise InvalidState("recess.in_past", "the time it resumes has passed")
    if millis - now > LONGEST_MS:
        raise InvalidState("recess.too_long", "a break lasts at most twelve hours")
    return millis


def recess(state: MeetingState, c: cmd.Recess, now: int, busy: str) -> list[ev.MeetingRecessed]:
    """``busy`` names what is under way (an open vote, a running speech), or is ""."""
    if state.recess_until is not None:
        raise InvalidState("meeting.in_recess", "the meeting is already adjourned for a break")
    if busy:
        raise InvalidState(busy, "close the vote or pause the speech first")
    return [ev.MeetingRecessed(resumes_at(c.resumes_at, now))]


def resume(state: MeetingState, c: cmd.Resume) -> list[ev.MeetingResumed]:
    if state.recess_until is None:
        raise InvalidState("meeting.not_in_recess", "the meeting is not in a break")
    return [ev.MeetingResumed()]
