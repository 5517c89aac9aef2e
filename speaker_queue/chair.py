"""The chair's controls: the floor, the clock, the order of the list, the streck.

The clock never ends a speech: only the chair's ``NextSpeaker`` or
``FinishSpeech`` does. Going over time is only shown.
"""

from __future__ import annotations

from . import commands as cmd
from . import events as ev
from .chamber import Chamber
from .checks import (
    current_speech,
    first_or_named,
    item_under_debate,
    may_take_part,
    not_waiting,
    waiting_request,
)
from .errors import DebateError
from .kinds import PRIORITY, RequestKind
from .records import ItemDebate, Request
from .state import DebateState

_EXCHANGE = frozenset({RequestKind.REPLIK, RequestKind.KONTRAREPLIK})


def change_settings(
    state: DebateState, c: cmd.ChangeDebateSettings, chamber: Chamber, now: int
) -> list[ev.DebateEvent]:
    problems = c.settings.problems()
    if problems:
        raise DebateError("debate.bad_settings", "; ".join(problems))
    return [ev.DebateSettingsChanged(c.settings)]


def name_person(
    state: DebateState, c: cmd.NamePerson, chamber: Chamber, now: int
) -> list[ev.DebateEvent]:
    item = item_under_debate(chamber)
    round_ = state.item(item).round
    if round_ is None:
        raise DebateError("debate.no_speech_to_answer", "no speech has been made yet")
    if c.person == round_.speaker:
        raise DebateError("debate.own_speech", "the speaker cannot name themselves")
    if c.person in round_.named:
        raise DebateError("debate.already_named", f"{c.person} is already named")
    return [ev.PersonNamed(item, round_.speech, c.person)]


def _start(
    state: DebateState, item: str, request: Request, chamber: Chamber, now: int
) -> ev.FloorGiven:
    debate = state.item(item)
    may_take_part(chamber, request.person)
    if request.kind is RequestKind.SPEECH and any(r.kind in _EXCHANGE for r in debate.waiting):
        # A new speech would leave the waiting repliks without the speech they answer.
        raise DebateError("debate.repliks_waiting", "hear or remove the waiting repliks first")
    settings = state.settings
    speech = request.kind is RequestKind.SPEECH
    first = speech and debate.speeches_by.get(request.person, 0) == 0
    limit_ms = settings.limit_ms(request.kind, first)
    return ev.FloorGiven(
        item=item,
        request=request.id,
        person=request.person,
        kind=request.kind,
        first_speech=first,
        target=request.target,
        party=chamber.party(request.person),
        gender=chamber.gender(request.person),
        started_at=now,
        limit_ms=limit_ms,
        warn_at_ms=settings.warn_at_ms(limit_ms),
        replik_limit=settings.replik_limit if speech else 0,
    )


def speech_finished(item: str, debate: ItemDebate, now: int) -> ev.SpeechFinished:
    """The end of the current speech at ``now``; pauses do not count."""
    speech = current_speech(debate)
    duration = speech.elapsed_at(now)
    over = speech.limit_ms > 0 and duration > speech.limit_ms
    return ev.SpeechFinished(item, speech.request, speech.person, now, duration, over)


def give_floor(
    state: DebateState, c: cmd.GiveFloor, chamber: Chamber, now: int
) -> list[ev.DebateEvent]:
    item = item_under_debate(chamber)
    debate = state.item(item)
    if debate.current is not None:
        raise DebateError("debate.floor_taken", "finish the current speech first")
    return [_start(state, item, first_or_named(debate, c.request), chamber, now)]


def next_speaker(
    state: DebateState, c: cmd.NextSpeaker, chamber: Chamber, now: int
) -> list[ev.DebateEvent]:
    item = item_under_debate(chamber)
    debate = state.item(item)
    if debate.current is None and not debate.waiting:
        raise DebateError("debate.queue_empty", "nobody has or waits for the floor")
    events: list[ev.DebateEvent] = []
    if debate.current is not None:
        events.append(speech_finished(item, debate, now))
    if debate.waiting:
        events.append(_start(state, item, debate.waiting[0], chamber, now))
    return events


def finish_speech(
    state: DebateState, c: cmd.FinishSpeech, chamber: Chamber, now: int
) -> list[ev.DebateEvent]:
    item = item_under_debate(chamber)
    return [speech_finished(item, state.item(item), now)]


def pause_speech(
    state: DebateState, c: cmd.PauseSpeech, chamber: Chamber, now: int
) -> list[ev.DebateEvent]:
    item = item_under_debate(chamber)
    speech = current_speech(state.item(item))
    if speech.running_since is None:
        raise DebateError("debate.already_paused", "the clock is already paused")
    return [ev.SpeechPaused(item, speech.request, now, speech.elapsed_at(now))]


def resume_speech(
    state: DebateState, c: cmd.ResumeSpeech, chamber: Chamber, now: int
) -> list[ev.DebateEvent]:
    item = item_under_debate(chamber)
    speech = current_speech(state.item(item))
    if speech.running_since is not None:
        raise DebateError("debate.not_paused", "the clock is running")
    return [ev.SpeechResumed(item, speech.request, now, speech.elapsed_ms)]


def skip_request(
    state: DebateState, c: cmd.SkipRequest, chamber: Chamber, now: int
) -> list[ev.DebateEvent]:
    item = item_under_debate(chamber)
    return [ev.RequestSkipped(item, first_or_named(state.item(item), c.request).id)]


def remove_request(
    state: DebateState, c: cmd.RemoveRequest, chamber: Chamber, now: int
) -> list[ev.DebateEvent]:
    item = item_under_debate(chamber)
    return [ev.RequestRemoved(item, waiting_request(state.item(item), c.request).id)]


def move_request(
    state: DebateState, c: cmd.MoveRequest, chamber: Chamber, now: int
) -> list[ev.DebateEvent]:
    item = item_under_debate(chamber)
    waiting = state.item(item).waiting
    request = waiting_request(state.item(item), c.request)
    position = waiting.index(request) + (-1 if c.direction == "up" else 1)
    # Moves stay among requests of the same kind, so a point of order stays first.
    neighbour = waiting[position] if 0 <= position < len(waiting) else None
    if neighbour is None or PRIORITY[neighbour.kind] != PRIORITY[request.kind]:
        raise DebateError("debate.move_blocked", f"cannot move {request.id} {c.direction}")
    return [ev.RequestMoved(item, request.id, position)]


def readd_request(
    state: DebateState, c: cmd.ReaddRequest, chamber: Chamber, now: int
) -> list[ev.DebateEvent]:
    item = item_under_debate(chamber)
    debate = state.item(item)
    request = debate.set_aside.get(c.request)
    if request is None:
        raise DebateError("debate.unknown_request", f"no skipped or removed request {c.request!r}")
    may_take_part(chamber, request.person)
    not_waiting(debate, request)
    if request.kind is RequestKind.REPLIK:
        round_ = debate.round
        if round_ is None or request.target != round_.speech:
            raise DebateError("debate.replik_expired", "the speech it replied to is over")
        if request.person in round_.repliers:
            raise DebateError("debate.already_replied", f"{request.person} already replied")
        if len(round_.repliers) >= round_.limit:
            raise DebateError("debate.replik_limit", f"at most {round_.limit} repliks")
    if request.kind is RequestKind.KONTRAREPLIK:
        last = debate.last_exchange
        if last is None or last.id != request.target:
            raise DebateError("debate.replik_expired", "the replik it answered is no longer last")
        if request.target in debate.answered:
            raise DebateError("debate.already_answered", "this replik already has its answer")
    return [ev.RequestReadded(item, request.id)]


def close_list(
    state: DebateState, c: cmd.CloseList, chamber: Chamber, now: int
) -> list[ev.DebateEvent]:
    item = item_under_debate(chamber)
    debate = state.item(item)
    if debate.closed:
        raise DebateError("debate.already_closed", "the list is already closed")
    dropped = (
        ()
        if c.keep_waiting
        else tuple(r.id for r in debate.waiting if r.kind is RequestKind.SPEECH)
    )
    return [ev.ListClosed(item, c.keep_waiting, c.replik_allowed, dropped)]


def reopen_list(
    state: DebateState, c: cmd.ReopenList, chamber: Chamber, now: int
) -> list[ev.DebateEvent]:
    item = item_under_debate(chamber)
    if not state.item(item).closed:
        raise DebateError("debate.not_closed", "the list is open")
    return [ev.ListReopened(item)]
