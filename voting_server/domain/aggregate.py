"""The meeting aggregate: every rule module behind one ``execute``.

``execute`` checks the actor's role, asks the rule module that owns the
command for its events, folds them into the state, and adds the seat changes
that follow. On a refusal it raises before anything is folded, so the state is
unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .base import Actor, Command, Event
from .errors import NotAllowed
from .meeting import rules as meeting_rules
from .meeting.commands import MEETING_COMMANDS
from .meeting.events import MEETING_EVENTS
from .meeting.seating import reseat
from .meeting.state import MeetingState
from .wire import Registry

EVENTS = Registry("event", MEETING_EVENTS)
COMMANDS = Registry("command", MEETING_COMMANDS)


@dataclass
class Meeting:
    """Everything a hub knows about one meeting, folded from its log."""

    core: MeetingState = field(default_factory=MeetingState)

    def apply(self, event: Event, at: int) -> None:
        self.core.apply(event, at)


def authorize(command: Command, actor: Actor) -> None:
    """Denied by default: a command lists the roles that may send it."""
    if actor.role not in type(command).roles:
        raise NotAllowed("auth.forbidden", f"{actor.role} may not send {command.type}")


def execute(meeting: Meeting, command: Any, actor: Actor, now: int) -> list[Event]:
    """Decide a command, fold its events into ``meeting`` and return them."""
    authorize(command, actor)
    events = meeting_rules.decide(meeting.core, command, actor, now)
    for event in events:
        meeting.apply(event, now)
    follow_up = reseat(meeting.core)
    for event in follow_up:
        meeting.apply(event, now)
    return events + follow_up


def fold(entries: list[tuple[Event, int]]) -> Meeting:
    """A meeting rebuilt from ``(event, at)`` pairs, as a replay does."""
    meeting = Meeting()
    for event, at in entries:
        meeting.apply(event, at)
    return meeting
