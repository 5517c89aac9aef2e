"""The speaker lists of a meeting, folded from debate events.

``DebateState.apply`` is the only way the state changes, so that a replay of
the log rebuilds exactly what the hub had.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import events as ev
from .kinds import PRIORITY, ProposalStatus, RequestKind
from .records import ItemDebate, Proposal, Request, Round, Speech, SpeechRecord
from .settings import DebateSettings


@dataclass
class DebateState:
    """Every item's debate, and the settings in force. Changed only by ``apply``."""

    settings: DebateSettings = field(default_factory=DebateSettings)
    items: dict[str, ItemDebate] = field(default_factory=dict)
    requests_made: int = 0
    proposals_made: int = 0

    def item(self, item: str) -> ItemDebate:
        """The debate on ``item``; an empty one (not stored) if nothing happened yet."""
        return self.items.get(item) or ItemDebate()

    def next_request_id(self) -> str:
        return f"q{self.requests_made + 1}"

    def proposal_exists(self, proposal: str) -> bool:
        return any(proposal in debate.proposals for debate in self.items.values())

    def next_proposal_id(self) -> str:
        """``y`` (yrkande) and the proposal's number in the meeting, skipping any in use."""
        number = self.proposals_made + 1
        while self.proposal_exists(f"y{number}"):
            number += 1
        return f"y{number}"

    def records(self) -> list[SpeechRecord]:
        return [record for debate in self.items.values() for record in debate.records]

    def apply(self, event: ev.DebateEvent, at: int) -> None:
        handler = _APPLY.get(type(event))
        if handler is not None:
            handler(self, event, at)


def slot_for(waiting: list[Request], kind: RequestKind, seq: int) -> int:
    """Where a request goes: after higher priorities, in asking order within its own."""
    rank = PRIORITY[kind]
    for index, other in enumerate(waiting):
        other_rank = PRIORITY[other.kind]
        if other_rank > rank or (other_rank == rank and other.seq > seq):
            return index
    return len(waiting)


def _debate(s: DebateState, item: str) -> ItemDebate:
    return s.items.setdefault(item, ItemDebate())


def _enlist(d: ItemDebate, request: Request) -> None:
    d.waiting.insert(slot_for(d.waiting, request.kind, request.seq), request)
    if request.kind is RequestKind.REPLIK and d.round and request.target == d.round.speech:
        d.round.repliers.append(request.person)
    if request.kind is RequestKind.KONTRAREPLIK and request.target is not None:
        d.answered.add(request.target)


def _unlist(d: ItemDebate, request_id: str) -> Request | None:
    """Take a request off the waiting list and give back what it held."""
    request = d.find_waiting(request_id)
    if request is None:
        return None
    d.waiting.remove(request)
    if request.kind is RequestKind.REPLIK and d.round and request.target == d.round.speech:
        d.round.repliers.remove(request.person)
    if request.kind is RequestKind.KONTRAREPLIK and request.target is not None:
        d.answered.discard(request.target)
    return request


def _settings_changed(s: DebateState, e: ev.DebateSettingsChanged, at: int) -> None:
    s.settings = e.settings


def _floor_requested(s: DebateState, e: ev.FloorRequested, at: int) -> None:
    s.requests_made += 1
    _enlist(_debate(s, e.item), Request(e.request, e.person, e.kind, s.requests_made, e.target))


def _request_withdrawn(s: DebateState, e: ev.RequestWithdrawn, at: int) -> None:
    _unlist(_debate(s, e.item), e.request)


def _set_aside(s: DebateState, e: ev.RequestSkipped | ev.RequestRemoved, at: int) -> None:
    d = _debate(s, e.item)
    request = _unlist(d, e.request)
    if request is not None:
        d.set_aside[request.id] = request


def _request_readded(s: DebateState, e: ev.RequestReadded, at: int) -> None:
    d = _debate(s, e.item)
    request = d.set_aside.pop(e.request, None)
    if request is not None:
        _enlist(d, request)


def _request_moved(s: DebateState, e: ev.RequestMoved, at: int) -> None:
    d = _debate(s, e.item)
    request = d.find_waiting(e.request)
    if request is not None:
        d.waiting.remove(request)
        d.waiting.insert(e.position, request)


def _person_named(s: DebateState, e: ev.PersonNamed, at: int) -> None:
    d = _debate(s, e.item)
    if d.round is not None and d.round.speech == e.speech:
        d.round.named.add(e.person)


def _floor_given(s: DebateState, e: ev.FloorGiven, at: int) -> None:
    d = _debate(s, e.item)
    request = d.find_waiting(e.request)
    if request is not None:
        d.waiting.remove(request)
    d.current = Speech(
        e.request,
        e.person,
        e.kind,
        e.first_speech,
        e.target,
        e.party,
        e.gender,
        e.started_at,
        e.limit_ms,
        e.warn_at_ms,
        running_since=e.started_at,
    )
    if e.kind is RequestKind.POINT_OF_ORDER:
        return
    d.spoken.add(e.person)
    d.last_exchange = request or Request(e.request, e.person, e.kind, 0, e.target)
    if e.kind is RequestKind.SPEECH:
        d.speeches_by[e.person] = d.speeches_by.get(e.person, 0) + 1
        d.round = Round(e.request, e.person, e.replik_limit)


def _speech_paused(s: DebateState, e: ev.SpeechPaused, at: int) -> None:
    current = _debate(s, e.item).current
    if current is not None:
        current.elapsed_ms, current.running_since = e.elapsed_ms, None


def _speech_resumed(s: DebateState, e: ev.SpeechResumed, at: int) -> None:
    current = _debate(s, e.item).current
    if current is not None:
        current.elapsed_ms, current.running_since = e.elapsed_ms, e.resumed_at


def _speech_finished(s: DebateState, e: ev.SpeechFinished, at: int) -> None:
    d = _debate(s, e.item)
    c = d.current
    if c is None:
        return
    d.records.append(
        SpeechRecord(
            e.item,
            c.request,
            c.person,
            c.party,
            c.gender,
            c.kind,
            c.first_speech,
            c.target,
            c.started_at,
            e.ended_at,
            e.duration_ms,
            e.over_time,
        )
    )
    d.current = None


def _list_closed(s: DebateState, e: ev.ListClosed, at: int) -> None:
    d = _debate(s, e.item)
    d.closed, d.replik_after_close = True, e.replik_allowed
    for request_id in e.dropped:
        request = _unlist(d, request_id)
        if request is not None:
            d.set_aside[request.id] = request


def _list_reopened(s: DebateState, e: ev.ListReopened, at: int) -> None:
    d = _debate(s, e.item)
    d.closed, d.replik_after_close = False, True


def _proposal_submitted(s: DebateState, e: ev.ProposalSubmitted, at: int) -> None:
    s.proposals_made += 1
    _debate(s, e.item).proposals[e.id] = Proposal(e.id, e.kind, e.text, (e.person,))


def _proposal_withdrawn(s: DebateState, e: ev.ProposalWithdrawn, at: int) -> None:
    proposal = _debate(s, e.item).proposals.get(e.id)
    if proposal is not None:
        proposal.status = ProposalStatus.WITHDRAWN


def _proposals_merged(s: DebateState, e: ev.ProposalsMerged, at: int) -> None:
    s.proposals_made += 1
    proposals = _debate(s, e.item).proposals
    for source in e.sources:
        if source in proposals:
            proposals[source].status = ProposalStatus.MERGED
            proposals[source].merged_into = e.id
    proposals[e.id] = Proposal(e.id, e.kind, e.text, e.authors)


_APPLY: dict[type[ev.DebateEvent], Callable[[DebateState, Any, int], None]] = {
    ev.DebateSettingsChanged: _settings_changed,
    ev.FloorRequested: _floor_requested,
    ev.RequestWithdrawn: _request_withdrawn,
    ev.RequestSkipped: _set_aside,
    ev.RequestRemoved: _set_aside,
    ev.RequestReadded: _request_readded,
    ev.RequestMoved: _request_moved,
    ev.PersonNamed: _person_named,
    ev.FloorGiven: _floor_given,
    ev.SpeechPaused: _speech_paused,
    ev.SpeechResumed: _speech_resumed,
    ev.SpeechFinished: _speech_finished,
    ev.ListClosed: _list_closed,
    ev.ListReopened: _list_reopened,
    ev.ProposalSubmitted: _proposal_submitted,
    ev.ProposalWithdrawn: _proposal_withdrawn,
    ev.ProposalsMerged: _proposals_merged,
}
