"""The meeting aggregate: every rule module behind one ``execute``.

``execute`` checks the actor's role, asks the rule module that owns the
command for its events, folds them into the state, and adds the seat changes
that follow. On a refusal it raises before anything is folded, so the state is
unchanged. A command holds only what its sender asked for; the time and what
only the server holds come as the ``Context`` (``context.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

import speaker_queue

from .allowances import state as allowances
from .allowances.events import ALLOWANCE_COMMANDS, ALLOWANCE_EVENTS
from .base import Actor, Command, Event, Role
from .checkpoints import AUDIT_EVENTS
from .context import Context
from .debate import MeetingChamber
from .errors import DomainError, InvalidState, NotAllowed
from .justering import state as justering
from .justering.events import JUSTERING_EVENTS, JUSTERING_WIRE_COMMANDS, SignMinutes
from .meeting import commands as mc
from .meeting import recess
from .meeting import rules as meeting_rules
from .meeting.commands import MEETING_COMMANDS, FinishItem, HandOverChair
from .meeting.events import MEETING_EVENTS, JavDeclared, SeatTaken, SeatVacated
from .meeting.seating import reseat
from .meeting.state import MeetingState
from .votes import VOTE_COMMANDS, VOTE_EVENTS, VotesState, after_jav, urn_deposit
from .votes import commands as vc
from .votes import decide as decide_vote
from .votes.commands import CastVote
from .wire import Registry

EVENTS = Registry(
    "event",
    (
        *MEETING_EVENTS,
        *speaker_queue.DEBATE_EVENTS,
        *VOTE_EVENTS,
        *AUDIT_EVENTS,
        *JUSTERING_EVENTS,
        *ALLOWANCE_EVENTS,
    ),
)
COMMANDS = Registry(
    "command",
    (
        *MEETING_COMMANDS,
        *speaker_queue.DEBATE_COMMANDS,
        *VOTE_COMMANDS,
        *JUSTERING_WIRE_COMMANDS,
    ),
)
_VOTE_EVENTS = frozenset(VOTE_EVENTS)
#: The events after which seats may change hands (see meeting/seating.py).
_SEATING_EVENTS = frozenset(MEETING_EVENTS) - {SeatTaken, SeatVacated}
_VOTE_COMMANDS = frozenset(VOTE_COMMANDS)
_JUSTERING_EVENTS = frozenset(JUSTERING_EVENTS)
_JUSTERING_COMMANDS = frozenset({*JUSTERING_WIRE_COMMANDS, SignMinutes})
_ALLOWANCE_EVENTS = frozenset(ALLOWANCE_EVENTS)
_ALLOWANCE_COMMANDS = frozenset(ALLOWANCE_COMMANDS)
#: What a break (ajournering) leaves open: coming and going, jäv, the chair,
#: dissent against a decision already made, the minutes' formalities, and the end.
DURING_RECESS = frozenset(
    {
        mc.CheckIn,
        mc.CheckOut,
        mc.DeclareJav,
        mc.WithdrawJav,
        mc.HandOverChair,
        mc.Resume,
        mc.Adjourn,
        mc.FileDocument,
        vc.EnterReservation,
        vc.GiveReservationReason,
        vc.EnterMinutesNote,
        vc.DeclareNoPart,
        *_JUSTERING_COMMANDS,
    }
)


@dataclass
class Meeting:
    """Everything a hub knows about one meeting, folded from its log."""

    core: MeetingState = field(default_factory=MeetingState)
    debate: speaker_queue.DebateState = field(default_factory=speaker_queue.DebateState)
    votes: VotesState = field(default_factory=VotesState)
    justering: justering.JusteringState = field(default_factory=justering.JusteringState)
    allowances: allowances.AllowanceState = field(default_factory=allowances.AllowanceState)

    def apply(self, event: Event, at: int) -> None:
        if isinstance(event, speaker_queue.DebateEvent):
            self.debate.apply(event, at)
        elif type(event) in _VOTE_EVENTS:
            self.votes.apply(event, at)
        elif type(event) in _JUSTERING_EVENTS:
            self.justering.apply(event, at)
        elif type(event) in _ALLOWANCE_EVENTS:
            self.allowances.apply(event, at)
        else:
            self.core.apply(event, at)

    def chamber(self, actor: Actor | None = None) -> MeetingChamber:
        """The meeting as the debate rules see it, for one actor."""
        person = actor.person if actor else None
        return MeetingChamber(self.core, person, actor is not None and actor.role is Role.CHAIR)


def authorize(command: Command, actor: Actor) -> None:
    """Denied by default: a command lists the roles that may send it."""
    if actor.role not in type(command).roles:
        raise NotAllowed("auth.forbidden", f"{actor.role} may not send {command.type}")


def authorize_chair(meeting: Meeting, command: Any, actor: Actor) -> None:
    """The chair's rights are the presiding member's, and not on an item of their jäv."""
    core = meeting.core
    if actor.role is not Role.CHAIR or not core.presiding:
        return
    if isinstance(command, HandOverChair | SignMinutes):
        return  # checked by their own rules: each who presided signs the minutes
    if actor.person != core.presiding:
        raise NotAllowed("chair.not_presiding", "another member presides now")
    if core.current_item is not None and core.has_jav(actor.person, core.current_item):
        raise NotAllowed("chair.jav", "hand over the chair for an item of your jäv")


def execute(meeting: Meeting, command: Any, actor: Actor, context: Context) -> list[Event]:
    """Decide a command, fold its events into ``meeting`` and return them."""
    now = context.now
    authorize(command, actor)
    authorize_chair(meeting, command, actor)
    events = _decide(meeting, command, actor, context)
    for event in events:
        meeting.apply(event, now)
    if not any(type(event) in _SEATING_EVENTS for event in events):
        return events  # ballots, debate and the like never move anyone
    follow_up = reseat(meeting.core)
    for event in follow_up:
        meeting.apply(event, now)
    return events + follow_up


@dataclass(frozen=True)
class Decided:
    """What the rules decided for one command, already folded into the meeting."""

    events: list[Event]
    #: A secret ballot's urn entry: stored with its event but apart from the log,
    #: so that no entry of the log tells what anyone chose (docs/votes.md).
    deposit: str | None = None


def decide(meeting: Meeting, command: Any, actor: Actor, context: Context) -> Decided:
    """``execute``, with the urn entry of a secret ballot."""
    events = execute(meeting, command, actor, context)
    if isinstance(command, CastVote) and meeting.votes.vote(command.vote).opened.secret:
        return Decided(events, urn_deposit(meeting.votes, command))
    return Decided(events)


def _decide(meeting: Meeting, command: Any, actor: Actor, context: Context) -> list[Event]:
    now = context.now
    if type(command) in _ALLOWANCE_COMMANDS:
        return allowances.decide(meeting, command, actor, now)  # not part of the minutes
    justering.guard(meeting, command)  # a verified paragraph cannot change
    if meeting.core.recess_until is not None and type(command) not in DURING_RECESS:
        raise InvalidState("meeting.in_recess", "the meeting is adjourned for a break")
    if isinstance(command, mc.Recess | mc.Resume):
        return _break(meeting, command, now)
    if type(command) in _JUSTERING_COMMANDS:
        return justering.decide(meeting, command, actor, now)
    if type(command) in _VOTE_COMMANDS:
        return decide_vote(meeting.votes, meeting.core, command, actor, context)
    if not isinstance(command, speaker_queue.DebateCommand):
        events = meeting_rules.decide(meeting.core, command, actor, now)
        for event in list(events):
            if isinstance(event, JavDeclared):
                events += after_jav(meeting.votes, event.item, event.person)
        if isinstance(command, FinishItem):
            # A speech still under way ends with its item, by the chair's act.
            finished = events[0].item  # type: ignore[attr-defined]
            ended = speaker_queue.end_item(meeting.debate, finished, now)
            return [*cast(list[Event], ended), *events]
        return events
    if not meeting.core.opened or meeting.core.adjourned:
        raise InvalidState("meeting.not_in_session", "the meeting is not in session")
    try:
        debated = speaker_queue.decide(meeting.debate, command, meeting.chamber(actor), now)
        return cast(list[Event], debated)
    except speaker_queue.DebateError as err:
        raise DomainError(err.code, err.message) from None


def fold(entries: list[tuple[Event, int]]) -> Meeting:
    """A meeting rebuilt from ``(event, at)`` pairs, as a replay does."""
    meeting = Meeting()
    for event, at in entries:
        meeting.apply(event, at)
    return meeting


def _break(meeting: Meeting, command: mc.Recess | mc.Resume, now: int) -> list[Event]:
    core = meeting.core
    if not core.opened or core.adjourned:
        raise InvalidState("meeting.not_in_session", "the meeting is not in session")
    if isinstance(command, mc.Resume):
        return list(recess.resume(core, command))
    item = meeting.debate.items.get(core.current_item or "")
    speech = item.current if item is not None else None
    busy = ""
    if meeting.votes.current is not None:
        busy = "vote.another_open"
    elif speech is not None and speech.running_since is not None:
        busy = "debate.speech_running"
    return list(recess.recess(core, command, now, busy))
