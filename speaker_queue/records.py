"""The parts of a debate's state: requests, speeches, rounds and proposals."""

from __future__ import annotations

from dataclasses import dataclass, field

from .kinds import ProposalKind, ProposalStatus, RequestKind


@dataclass
class Request:
    """One wish for the floor. ``seq`` is the order it was asked in."""

    id: str
    person: str
    kind: RequestKind
    seq: int
    target: str | None = None  # replik: the speech; kontrareplik: the replik


@dataclass
class Speech:
    """The speech under way. Its clock runs from ``running_since`` unless paused."""

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
    elapsed_ms: int = 0  # time spoken before the last pause
    running_since: int | None = None  # None while paused

    def elapsed_at(self, now: int) -> int:
        if self.running_since is None:
            return self.elapsed_ms
        return self.elapsed_ms + max(now - self.running_since, 0)


@dataclass(frozen=True, slots=True)
class SpeechRecord:
    """A finished speech, for the minutes and the statistics."""

    item: str
    request: str
    person: str
    party: str
    gender: str
    kind: RequestKind
    first_speech: bool
    target: str | None  # replik: the speech; kontrareplik: the replik
    started_at: int
    ended_at: int
    duration_ms: int
    over_time: bool


@dataclass
class Round:
    """The repliks on the latest speech (anförande) of an item."""

    speech: str
    speaker: str
    limit: int
    repliers: list[str] = field(default_factory=list)  # waiting or given
    named: set[str] = field(default_factory=set)


@dataclass
class Proposal:
    id: str
    kind: ProposalKind
    text: str
    authors: tuple[str, ...]
    status: ProposalStatus = ProposalStatus.ACTIVE
    merged_into: str | None = None


@dataclass
class ItemDebate:
    """The debate on one agenda item."""

    waiting: list[Request] = field(default_factory=list)
    set_aside: dict[str, Request] = field(default_factory=dict)  # skipped or removed
    current: Speech | None = None
    closed: bool = False  # streck i debatten
    replik_after_close: bool = True
    round: Round | None = None
    last_exchange: Request | None = None  # latest speech other than a point of order
    answered: set[str] = field(default_factory=set)  # repliks with a kontrareplik
    spoken: set[str] = field(default_factory=set)  # spoke on the matter
    speeches_by: dict[str, int] = field(default_factory=dict)  # anföranden per person
    proposals: dict[str, Proposal] = field(default_factory=dict)
    records: list[SpeechRecord] = field(default_factory=list)

    def find_waiting(self, request: str) -> Request | None:
        return next((r for r in self.waiting if r.id == request), None)

    def waiting_for(self, person: str, kind: RequestKind) -> bool:
        return any(r.person == person and r.kind is kind for r in self.waiting)

    def active_proposals(self) -> list[Proposal]:
        return [p for p in self.proposals.values() if p.status is ProposalStatus.ACTIVE]
