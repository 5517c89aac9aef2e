"""Debate events (past tense, frozen). Each carries the item it belongs to.

Clock events carry the server's times in epoch milliseconds, so that every
screen draws the same countdown: remaining = limit_ms - elapsed, where
elapsed = elapsed_ms + (now - resumed_at) while the clock runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .kinds import ProposalKind, RequestKind
from .settings import DebateSettings


class DebateEvent:
    """Something that happened on the speaker list."""

    __slots__ = ()
    type: ClassVar[str]


@dataclass(frozen=True, slots=True)
class DebateSettingsChanged(DebateEvent):
    type = "debate.settings_changed"
    settings: DebateSettings


@dataclass(frozen=True, slots=True)
class FloorRequested(DebateEvent):
    """A request joined the list. ``target`` is the speech a replik answers."""

    type = "debate.floor_requested"
    item: str
    request: str
    person: str
    kind: RequestKind
    target: str | None = None


@dataclass(frozen=True, slots=True)
class RequestWithdrawn(DebateEvent):
    """The member (or the chair for them) took the request back."""

    type = "debate.request_withdrawn"
    item: str
    request: str


@dataclass(frozen=True, slots=True)
class RequestSkipped(DebateEvent):
    type = "debate.request_skipped"
    item: str
    request: str


@dataclass(frozen=True, slots=True)
class RequestRemoved(DebateEvent):
    type = "debate.request_removed"
    item: str
    request: str


@dataclass(frozen=True, slots=True)
class RequestReadded(DebateEvent):
    """A skipped or removed request is back, in the place it had."""

    type = "debate.request_readded"
    item: str
    request: str


@dataclass(frozen=True, slots=True)
class RequestMoved(DebateEvent):
    """``position`` counts from 0 at the head of the waiting list."""

    type = "debate.request_moved"
    item: str
    request: str
    position: int


@dataclass(frozen=True, slots=True)
class PersonNamed(DebateEvent):
    """The speaker of ``speech`` named ``person``, who may therefore reply."""

    type = "debate.person_named"
    item: str
    speech: str
    person: str


@dataclass(frozen=True, slots=True)
class FloorGiven(DebateEvent):
    """A speech started. The speech is known by the id of its request.

    ``limit_ms`` and ``warn_at_ms`` are elapsed times (0: no limit);
    ``replik_limit`` is how many repliks this speech may get.
    """

    type = "debate.floor_given"
    item: str
    request: str
    person: str
    kind: RequestKind
    first_speech: bool
    target: str | None
    party: str
    gender: str
    started_at: int
    limit_ms: int
    warn_at_ms: int
    replik_limit: int


@dataclass(frozen=True, slots=True)
class SpeechPaused(DebateEvent):
    type = "debate.speech_paused"
    item: str
    request: str
    paused_at: int
    elapsed_ms: int


@dataclass(frozen=True, slots=True)
class SpeechResumed(DebateEvent):
    type = "debate.speech_resumed"
    item: str
    request: str
    resumed_at: int
    elapsed_ms: int


@dataclass(frozen=True, slots=True)
class SpeechFinished(DebateEvent):
    """The chair ended the speech; ``duration_ms`` leaves out the pauses."""

    type = "debate.speech_finished"
    item: str
    request: str
    person: str
    ended_at: int
    duration_ms: int
    over_time: bool


@dataclass(frozen=True, slots=True)
class ListClosed(DebateEvent):
    """Streck i debatten. ``dropped``: waiting speeches that lost their place."""

    type = "debate.list_closed"
    item: str
    keep_waiting: bool
    replik_allowed: bool
    dropped: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ListReopened(DebateEvent):
    type = "debate.list_reopened"
    item: str


@dataclass(frozen=True, slots=True)
class ProposalSubmitted(DebateEvent):
    """Yrkande: a proposal made on the item."""

    type = "debate.proposal_submitted"
    item: str
    id: str
    person: str
    kind: ProposalKind
    text: str


@dataclass(frozen=True, slots=True)
class ProposalWithdrawn(DebateEvent):
    type = "debate.proposal_withdrawn"
    item: str
    id: str


@dataclass(frozen=True, slots=True)
class ProposalsMerged(DebateEvent):
    """The ``sources`` were joined into the new proposal ``id``."""

    type = "debate.proposals_merged"
    item: str
    id: str
    sources: tuple[str, ...]
    kind: ProposalKind
    text: str
    authors: tuple[str, ...]


DEBATE_EVENTS: tuple[type[DebateEvent], ...] = (
    DebateSettingsChanged,
    FloorRequested,
    RequestWithdrawn,
    RequestSkipped,
    RequestRemoved,
    RequestReadded,
    RequestMoved,
    PersonNamed,
    FloorGiven,
    SpeechPaused,
    SpeechResumed,
    SpeechFinished,
    ListClosed,
    ListReopened,
    ProposalSubmitted,
    ProposalWithdrawn,
    ProposalsMerged,
)
