"""Decide debate commands: a command in, events out; or a DebateError.

Nothing here reads a clock, a database or a random number: the host passes
``now`` (epoch milliseconds) and a ``Chamber``, and the events are all that
changes. The host checks the command's ``roles`` before calling ``decide``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from . import chair, proposals, requests
from . import commands as cmd
from . import events as ev
from .chamber import Chamber
from .errors import DebateError
from .state import DebateState

_Handler = Callable[[DebateState, Any, Chamber, int], list[ev.DebateEvent]]

_DECIDE: dict[type[cmd.DebateCommand], _Handler] = {
    cmd.ChangeDebateSettings: chair.change_settings,
    cmd.RequestFloor: requests.request_floor,
    cmd.RequestReplik: requests.request_replik,
    cmd.RequestKontrareplik: requests.request_kontrareplik,
    cmd.RaisePointOfOrder: requests.raise_point_of_order,
    cmd.WithdrawRequest: requests.withdraw_request,
    cmd.NamePerson: chair.name_person,
    cmd.GiveFloor: chair.give_floor,
    cmd.NextSpeaker: chair.next_speaker,
    cmd.FinishSpeech: chair.finish_speech,
    cmd.PauseSpeech: chair.pause_speech,
    cmd.ResumeSpeech: chair.resume_speech,
    cmd.SkipRequest: chair.skip_request,
    cmd.RemoveRequest: chair.remove_request,
    cmd.MoveRequest: chair.move_request,
    cmd.ReaddRequest: chair.readd_request,
    cmd.CloseList: chair.close_list,
    cmd.ReopenList: chair.reopen_list,
    cmd.SubmitProposal: proposals.submit_proposal,
    cmd.WithdrawProposal: proposals.withdraw_proposal,
    cmd.MergeProposals: proposals.merge_proposals,
}


def decide(
    state: DebateState, command: cmd.DebateCommand, chamber: Chamber, now: int
) -> list[ev.DebateEvent]:
    """The events ``command`` produces. Never changes ``state``."""
    handler = _DECIDE.get(type(command))
    if handler is None:
        raise DebateError("debate.unknown_command", f"not a debate command: {command!r}")
    return handler(state, command, chamber, now)


def execute(
    state: DebateState, command: cmd.DebateCommand, chamber: Chamber, now: int
) -> list[ev.DebateEvent]:
    """Decide, then fold each event into ``state`` at ``now``; return the events."""
    events = decide(state, command, chamber, now)
    for event in events:
        state.apply(event, now)
    return events


def end_item(state: DebateState, item: str, now: int) -> list[ev.DebateEvent]:
    """Events to log when the chair finishes ``item``: its speech under way ends.

    Finishing the item is the chair's act, so this is not a cut-off by the clock.
    """
    debate = state.item(item)
    return [] if debate.current is None else [chair.speech_finished(item, debate, now)]


def fold(entries: Iterable[tuple[ev.DebateEvent, int]]) -> DebateState:
    """A state rebuilt from ``(event, at)`` pairs, as a replay does."""
    state = DebateState()
    for event, at in entries:
        state.apply(event, at)
    return state
