"""Given/when/then helpers for the speaker-list rules, offered as a fixture."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from speaker_queue import (
    DebateCommand,
    DebateError,
    DebateEvent,
    DebateSettings,
    DebateState,
    FloorGiven,
    FloorRequested,
    Participant,
    RequestKind,
    SpeechFinished,
    StaticChamber,
    decide,
    execute,
)

ITEM = "item-1"
T0 = 1_700_000_000_000  # epoch ms at which the scenarios start

PEOPLE = (
    Participant("chair", "Ordförande Olsson", "S", "f"),
    Participant("anna", "Anna Andersson", "S", "f"),
    Participant("bo", "Bo Berg", "M", "m"),
    Participant("cai", "Cai Carlsson", "V", "x"),
    Participant("dora", "Dora Dahl", "C", "f"),
    Participant("sam", "Sam Svensson", "M", "m", may_propose=False),  # substitute, not serving
    Participant("jon", "Jon Jansson", "L", "m", jav=True),  # jäv on the item
    Participant("away", "Alva Ek", "KD", "f", present=False),
)


class Debate:
    """One scenario: fold the given events, then decide a command against them."""

    item = ITEM
    t0 = T0

    def __init__(self) -> None:
        self.state = DebateState()
        self.chamber = StaticChamber(PEOPLE, current_item=ITEM)

    def given(self, *events: DebateEvent) -> Debate:
        for event in events:
            self.state.apply(event, T0)
        return self

    def _chamber(self, actor: str | None, chair: bool, item: str | None) -> StaticChamber:
        chamber = self.chamber.acting(actor, chair=chair or actor == "chair")
        return StaticChamber(chamber.people, item, chamber.actor, chamber.actor_is_chair)

    def when(
        self,
        command: DebateCommand,
        actor: str | None = "anna",
        *,
        chair: bool = False,
        now: int = T0,
        item: str | None = ITEM,
    ) -> list[DebateEvent]:
        """The events the command yields; checks that deciding changed nothing."""
        before = copy.deepcopy(self.state)
        events = decide(self.state, command, self._chamber(actor, chair, item), now)
        assert self.state == before
        return events

    def refused(
        self,
        command: DebateCommand,
        actor: str | None = "anna",
        *,
        chair: bool = False,
        now: int = T0,
        item: str | None = ITEM,
    ) -> str:
        """The code of the DebateError the command raises."""
        before = copy.deepcopy(self.state)
        with pytest.raises(DebateError) as caught:
            decide(self.state, command, self._chamber(actor, chair, item), now)
        assert self.state == before
        return caught.value.code

    def run(
        self, command: DebateCommand, actor: str | None = "anna", *, now: int = T0
    ) -> list[DebateEvent]:
        """Execute a command as set-up for a later step."""
        return execute(self.state, command, self._chamber(actor, False, ITEM), now)

    # --- event builders, with the default settings' limits -----------------
    @staticmethod
    def requested(
        request: str, person: str, kind: RequestKind = RequestKind.SPEECH, target: str | None = None
    ) -> FloorRequested:
        return FloorRequested(ITEM, request, person, kind, target)

    @staticmethod
    def floor(
        request: str,
        person: str,
        kind: RequestKind = RequestKind.SPEECH,
        *,
        at: int = T0,
        first: bool | None = None,
        target: str | None = None,
    ) -> FloorGiven:
        first_speech = kind is RequestKind.SPEECH if first is None else first
        settings = DebateSettings()
        limit = settings.limit_ms(kind, first_speech)
        found = next(p for p in PEOPLE if p.id == person)
        return FloorGiven(
            item=ITEM,
            request=request,
            person=person,
            kind=kind,
            first_speech=first_speech,
            target=target,
            party=found.party,
            gender=found.gender,
            started_at=at,
            limit_ms=limit,
            warn_at_ms=settings.warn_at_ms(limit),
            replik_limit=settings.replik_limit if kind is RequestKind.SPEECH else 0,
        )

    @staticmethod
    def finished(
        request: str, person: str, *, at: int, duration: int, over: bool = False
    ) -> SpeechFinished:
        return SpeechFinished(ITEM, request, person, at, duration, over)

    def spoke(self, request: str, person: str, *, at: int = T0, ms: int = 60_000) -> Debate:
        """Given: ``person`` asked for and made a speech of ``ms``."""
        return self.given(
            self.requested(request, person),
            self.floor(request, person, at=at),
            self.finished(request, person, at=at + ms, duration=ms),
        )

    def waiting(self) -> list[tuple[str, str, str]]:
        """(request, person, kind) of everyone waiting, in order."""
        return [(r.id, r.person, str(r.kind)) for r in self.state.item(ITEM).waiting]


@pytest.fixture
def debate() -> Debate:
    return Debate()


def plain(value: Any) -> bool:
    """True when ``value`` holds only what msgpack carries unchanged."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(plain(v) for v in value)
    return value is None or type(value) in (str, int, bool)


@pytest.fixture
def is_plain() -> Any:
    return plain
