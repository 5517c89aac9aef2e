"""Requests from the floor: begära ordet, replik, kontrareplik, ordningsfråga.

Glosses: begära ordet = ask for the floor; replik = a short reply to the
latest speech; kontrareplik = that speaker's answer to the replik;
ordningsfråga = a point of order, about the procedure and not the matter.
"""

from __future__ import annotations

from . import commands as cmd
from . import events as ev
from .chamber import Chamber
from .checks import (
    item_under_debate,
    may_take_part,
    not_waiting,
    override_allowed,
    person_for,
    waiting_request,
)
from .errors import DebateError
from .kinds import RequestKind
from .records import Request
from .state import DebateState


def _request(state: DebateState, person: str, kind: RequestKind, target: str | None) -> Request:
    return Request(state.next_request_id(), person, kind, state.requests_made + 1, target)


def _requested(item: str, request: Request) -> ev.FloorRequested:
    return ev.FloorRequested(item, request.id, request.person, request.kind, request.target)


def request_floor(
    state: DebateState, c: cmd.RequestFloor, chamber: Chamber, now: int
) -> list[ev.DebateEvent]:
    item = item_under_debate(chamber)
    person = person_for(chamber, c.person)
    override_allowed(chamber, c.chair_override)
    may_take_part(chamber, person)
    debate = state.item(item)
    if debate.closed and not c.chair_override:
        raise DebateError("debate.list_closed", "the list is closed (streck i debatten)")
    request = _request(state, person, RequestKind.SPEECH, None)
    not_waiting(debate, request)
    return [_requested(item, request)]


def request_replik(
    state: DebateState, c: cmd.RequestReplik, chamber: Chamber, now: int
) -> list[ev.DebateEvent]:
    item = item_under_debate(chamber)
    person = person_for(chamber, c.person)
    override_allowed(chamber, c.chair_override)
    may_take_part(chamber, person)
    debate = state.item(item)
    round_ = debate.round
    if round_ is None:
        raise DebateError("debate.no_speech_to_answer", "no speech has been made to reply to")
    if person == round_.speaker:
        raise DebateError("debate.own_speech", "a speaker may not reply to their own speech")
    if debate.closed and not debate.replik_after_close and not c.chair_override:
        raise DebateError("debate.list_closed", "no repliks after this streck i debatten")
    request = _request(state, person, RequestKind.REPLIK, round_.speech)
    not_waiting(debate, request)
    if person in round_.repliers:
        raise DebateError("debate.already_replied", f"{person} already replied to this speech")
    if len(round_.repliers) >= round_.limit:
        raise DebateError("debate.replik_limit", f"at most {round_.limit} repliks per speech")
    entitled = person in debate.spoken or person in round_.named
    if state.settings.replik_requires_spoken and not entitled and not c.chair_override:
        raise DebateError(
            "debate.replik_not_allowed", "only a member who has spoken or was named may reply"
        )
    return [_requested(item, request)]


def request_kontrareplik(
    state: DebateState, c: cmd.RequestKontrareplik, chamber: Chamber, now: int
) -> list[ev.DebateEvent]:
    item = item_under_debate(chamber)
    person = person_for(chamber, c.person)
    may_take_part(chamber, person)
    debate = state.item(item)
    replik, round_ = debate.last_exchange, debate.round
    answerable = (
        replik is not None
        and replik.kind is RequestKind.REPLIK
        and round_ is not None
        and replik.target == round_.speech
        and round_.speaker == person
    )
    if not answerable or replik is None:
        raise DebateError(
            "debate.no_replik_to_answer", "a kontrareplik answers the replik just made to you"
        )
    if replik.id in debate.answered:
        raise DebateError("debate.already_answered", "this replik already has its kontrareplik")
    request = _request(state, person, RequestKind.KONTRAREPLIK, replik.id)
    not_waiting(debate, request)
    return [_requested(item, request)]


def raise_point_of_order(
    state: DebateState, c: cmd.RaisePointOfOrder, chamber: Chamber, now: int
) -> list[ev.DebateEvent]:
    # Always allowed, even after a streck: the procedure must stay open to question.
    item = item_under_debate(chamber)
    person = person_for(chamber, c.person)
    may_take_part(chamber, person)
    request = _request(state, person, RequestKind.POINT_OF_ORDER, None)
    not_waiting(state.item(item), request)
    return [_requested(item, request)]


def withdraw_request(
    state: DebateState, c: cmd.WithdrawRequest, chamber: Chamber, now: int
) -> list[ev.DebateEvent]:
    item = item_under_debate(chamber)
    request = waiting_request(state.item(item), c.request)
    if request.person != chamber.actor and not chamber.actor_is_chair:
        raise DebateError("debate.not_yourself", "only the chair may withdraw another's request")
    return [ev.RequestWithdrawn(item, request.id)]
