"""Guards shared by the debate rules. Each returns what it checked or refuses."""

from __future__ import annotations

from .chamber import Chamber
from .errors import DebateError
from .records import ItemDebate, Request, Speech


def item_under_debate(chamber: Chamber) -> str:
    if chamber.current_item is None:
        raise DebateError("debate.no_item", "no agenda item is under debate")
    return chamber.current_item


def person_for(chamber: Chamber, person: str | None) -> str:
    """Who a command is for: a member only for themselves, the chair for anyone."""
    target = person or chamber.actor
    if target is None:
        raise DebateError("debate.person_required", "say which person this is for")
    if target != chamber.actor and not chamber.actor_is_chair:
        raise DebateError("debate.not_yourself", "only the chair may act for someone else")
    return target


def override_allowed(chamber: Chamber, chair_override: bool) -> None:
    if chair_override and not chamber.actor_is_chair:
        raise DebateError("debate.not_chair", "only the chair may override the rules")


def may_take_part(chamber: Chamber, person: str) -> None:
    """Present, and without jäv (disqualification) on the item."""
    if not chamber.is_present(person):
        raise DebateError("debate.not_present", f"{person} is not present")
    if chamber.has_jav(person):
        raise DebateError("debate.jav", f"{person} has jäv on this item and may not take part")


def waiting_request(debate: ItemDebate, request: str) -> Request:
    found = debate.find_waiting(request)
    if found is None:
        raise DebateError("debate.unknown_request", f"no waiting request {request!r}")
    return found


def first_or_named(debate: ItemDebate, request: str | None) -> Request:
    if request is not None:
        return waiting_request(debate, request)
    if not debate.waiting:
        raise DebateError("debate.queue_empty", "nobody is waiting for the floor")
    return debate.waiting[0]


def current_speech(debate: ItemDebate) -> Speech:
    if debate.current is None:
        raise DebateError("debate.no_speaker", "nobody has the floor")
    return debate.current


def not_waiting(debate: ItemDebate, request: Request) -> None:
    """Nobody waits twice for the same kind of speech."""
    if debate.waiting_for(request.person, request.kind):
        raise DebateError(
            "debate.already_waiting", f"{request.person} already waits for a {request.kind}"
        )
