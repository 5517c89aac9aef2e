"""Decide agenda and attendance commands: a command in, events out.

Nothing here reads a clock, a database or a random number; the caller passes
``now`` and the events it gets back are all that changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..base import PRESIDIUM, Actor, Event, Role
from ..errors import DomainError, InvalidState, NotAllowed
from ..roster import PersonKind, Roster
from ..swedish_time import swedish_day
from . import commands as cmd
from . import events as ev
from .state import MeetingState, Presence


def open_meeting(
    meeting: str, title: str, roster: Roster, agenda: tuple[ev.AgendaItem, ...]
) -> list[Event]:
    """The genesis events of a meeting's log."""
    ids = [item.id for item in agenda]
    if len(set(ids)) != len(ids):
        raise InvalidState("agenda.duplicate_item", "agenda item ids must be unique")
    if roster.chair and roster.chair not in roster.by_id:
        raise InvalidState("roster.unknown_chair", "the chair is not on the roster")
    return [ev.MeetingOpened(meeting, title, roster, agenda)]


def decide(state: MeetingState, command: Any, actor: Actor, now: int) -> list[Event]:
    """The events a meeting command produces, or a DomainError."""
    if not state.opened:
        raise InvalidState("meeting.not_opened", "the meeting has not been opened")
    if state.adjourned:
        raise InvalidState("meeting.adjourned", "the meeting is adjourned")
    if isinstance(command, cmd.CheckIn):
        return _check_in(state, command, actor, now)
    handler = _DECIDE[type(command)]
    return handler(state, command, actor)


def target_person(state: MeetingState, actor: Actor, person: str | None) -> str:
    """The person a command acts for: a delegate only for themselves."""
    target = person or actor.person
    if target is None:
        raise NotAllowed("person.required", "say which person this is for")
    if actor.role not in PRESIDIUM and target != actor.person:
        raise NotAllowed("auth.not_yourself", "a delegate may act only for themselves")
    if target not in state.roster.by_id:
        raise InvalidState("person.unknown", f"{target} is not on this meeting's roster")
    return target


def _check_in(state: MeetingState, c: cmd.CheckIn, actor: Actor, now: int) -> list[Event]:
    """A member who left may not come back the same day, unless they left for jäv.

    One who stepped out because of jäv comes back for the next item; a meeting
    that runs over two days lets a member serve on the second (Swedish days).
    """
    person = target_person(state, actor, c.person)
    presence = state.presence.get(person, Presence.ABSENT)
    if presence is Presence.PRESENT:
        raise InvalidState("attendance.already_present", f"{person} is already present")
    kind = state.roster.by_id[person].kind
    if presence is Presence.LEFT and kind is PersonKind.MEMBER:
        left = state.intervals[person][-1].left
        same_day = left is not None and swedish_day(left) == swedish_day(now)
        if same_day and person not in state.stepped_out_for_jav:
            raise InvalidState("attendance.left_meeting", "a member who left may not return")
    return [ev.CheckedIn(person)]


def _check_out(state: MeetingState, c: cmd.CheckOut, actor: Actor) -> list[Event]:
    person = target_person(state, actor, c.person)
    if not state.is_present(person):
        raise InvalidState("attendance.not_present", f"{person} is not present")
    return [ev.CheckedOut(person)]


def _open_rollcall(state: MeetingState, c: cmd.OpenRollCall, actor: Actor) -> list[Event]:
    if state.rollcall_open:
        raise InvalidState("rollcall.already_open", "the roll call is already open")
    return [ev.RollCallOpened()]


def _confirm_rollcall(state: MeetingState, c: cmd.ConfirmRollCall, actor: Actor) -> list[Event]:
    if not state.rollcall_open:
        raise InvalidState("rollcall.not_open", "open the roll call first")
    present = tuple(sorted(p for p, s in state.presence.items() if s is Presence.PRESENT))
    seated = tuple(sorted(state.seated.items()))
    return [ev.RollCallConfirmed(present, seated)]


def _start_item(state: MeetingState, c: cmd.StartItem, actor: Actor) -> list[Event]:
    if c.item not in state.item_ids():
        raise InvalidState("agenda.unknown_item", f"no agenda item {c.item!r}")
    if state.current_item is not None:
        raise InvalidState("agenda.item_in_progress", "finish the current item first")
    if c.item in state.finished_items:
        raise InvalidState("agenda.item_finished", f"item {c.item!r} is already dealt with")
    return [ev.ItemStarted(c.item)]


def _finish_item(state: MeetingState, c: cmd.FinishItem, actor: Actor) -> list[Event]:
    if state.current_item is None:
        raise InvalidState("agenda.no_current_item", "no item is under way")
    return [ev.ItemFinished(state.current_item)]


def _declare_jav(state: MeetingState, c: cmd.DeclareJav, actor: Actor) -> list[Event]:
    person = target_person(state, actor, c.person)
    item = state.item(c.item)
    if item is None:
        raise InvalidState("agenda.unknown_item", f"no agenda item {c.item!r}")
    if item.kind is ev.ItemKind.VAL:
        raise DomainError("jav.election", "jäv does not apply to elections")
    if state.has_jav(person, c.item):
        raise InvalidState("jav.already_declared", "jäv is already declared for this item")
    return [ev.JavDeclared(person, c.item)]


def _withdraw_jav(state: MeetingState, c: cmd.WithdrawJav, actor: Actor) -> list[Event]:
    person = target_person(state, actor, c.person)
    if not state.has_jav(person, c.item):
        raise InvalidState("jav.not_declared", "no jäv is declared for this item")
    if c.item == state.current_item:
        raise InvalidState("jav.item_in_progress", "jäv cannot be withdrawn during the item")
    return [ev.JavWithdrawn(person, c.item)]


def _hand_over(state: MeetingState, c: cmd.HandOverChair, actor: Actor) -> list[Event]:
    """The presidium presides in turn; any member present may be ålderspresident."""
    by = actor.person or ""
    if actor.role is Role.CHAIR and by != state.presiding:
        raise NotAllowed("chair.not_presiding", "only the one presiding hands over the chair")
    if actor.role is Role.SECRETARY and state.is_present(state.presiding):
        raise NotAllowed("chair.present", "the one presiding hands over the chair")
    to = state.roster.by_id.get(c.to)
    if to is None or to.kind is not PersonKind.MEMBER:
        raise InvalidState("chair.not_a_member", "the chair goes to a member")
    if c.to == state.presiding:
        raise InvalidState("chair.already_presiding", f"{c.to} presides already")
    if not state.is_present(c.to):
        raise InvalidState("chair.not_present", f"{c.to} is not present")
    if state.current_item is not None and state.has_jav(c.to, state.current_item):
        raise InvalidState("chair.jav", f"{c.to} has jäv on this item")
    return [ev.ChairHandedOver(c.to, by)]


def _adjourn(state: MeetingState, c: cmd.Adjourn, actor: Actor) -> list[Event]:
    if actor.role is not Role.CHAIR:
        raise NotAllowed()
    return [ev.MeetingAdjourned()]


def _file_document(state: MeetingState, c: cmd.FileDocument, actor: Actor) -> list[Event]:
    if c.item and state.item(c.item) is None:
        raise InvalidState("agenda.unknown_item", f"no item {c.item!r} on the agenda")
    return [ev.DocumentFiled(ev.FiledDocument(c.item, c.title, c.version, c.sha256))]


_DECIDE: dict[type, Callable[[MeetingState, Any, Actor], list[Event]]] = {
    cmd.CheckOut: _check_out,
    cmd.OpenRollCall: _open_rollcall,
    cmd.ConfirmRollCall: _confirm_rollcall,
    cmd.StartItem: _start_item,
    cmd.FinishItem: _finish_item,
    cmd.DeclareJav: _declare_jav,
    cmd.WithdrawJav: _withdraw_jav,
    cmd.Adjourn: _adjourn,
    cmd.HandOverChair: _hand_over,
    cmd.FileDocument: _file_document,
}
