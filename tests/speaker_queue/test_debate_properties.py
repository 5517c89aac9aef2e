"""Invariants of the speaker list over random sequences of commands.

A state machine sends random commands through ``execute``; refusals are
allowed and must change nothing. Request and proposal ids are drawn from the
state at the time, so that most commands meet something to act on.
"""

from __future__ import annotations

import copy
from collections import Counter

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from speaker_queue import (
    PRIORITY,
    ChangeDebateSettings,
    CloseList,
    DebateCommand,
    DebateError,
    DebateEvent,
    DebateSettings,
    DebateState,
    FinishSpeech,
    GiveFloor,
    ItemDebate,
    MergeProposals,
    MoveRequest,
    NamePerson,
    NextSpeaker,
    Participant,
    PauseSpeech,
    ProposalKind,
    RaisePointOfOrder,
    ReaddRequest,
    RemoveRequest,
    ReopenList,
    RequestFloor,
    RequestKind,
    RequestKontrareplik,
    RequestReplik,
    ResumeSpeech,
    SkipRequest,
    StaticChamber,
    SubmitProposal,
    WithdrawProposal,
    WithdrawRequest,
    execute,
    fold,
    meeting_stats,
)

REPLIK, KONTRA = RequestKind.REPLIK, RequestKind.KONTRAREPLIK
PEOPLE = (
    Participant("anna", party="S", gender="f"),
    Participant("bo", party="M", gender="m"),
    Participant("cai", party="V", gender="x"),
    Participant("dora", party="S", gender="f"),
    Participant("sam", party="M", gender="m", may_propose=False),
    Participant("jon", party="L", jav=True),
    Participant("away", party="C", present=False),
)
persons = st.sampled_from([p.id for p in PEOPLE])
chair_or_self = st.booleans()
kinds = st.sampled_from([ProposalKind.ANDRING, ProposalKind.AVSLAG])  # merge material


def check_debate(debate: ItemDebate) -> None:
    # A point of order is always first among those waiting; the kinds stay in order.
    ranks = [PRIORITY[r.kind] for r in debate.waiting]
    assert ranks == sorted(ranks)
    # No member waits twice for the same kind of speech.
    assert max(Counter((r.person, r.kind) for r in debate.waiting).values(), default=1) == 1
    speeches = list(debate.records)
    current = debate.current
    # Replik counts never exceed the limit, and match the repliks themselves.
    if debate.round is not None:
        targets = [(r.person, r.target) for r in debate.waiting if r.kind is REPLIK]
        targets += [(s.person, s.target) for s in speeches if s.kind is REPLIK]
        if current is not None and current.kind is REPLIK:
            targets.append((current.person, current.target))
        on_round = sorted(p for p, target in targets if target == debate.round.speech)
        assert on_round == sorted(debate.round.repliers)
        assert len(debate.round.repliers) <= debate.round.limit
    # A replik gets at most one kontrareplik.
    answers = [r.target for r in debate.waiting if r.kind is KONTRA]
    answers += [s.target for s in speeches if s.kind is KONTRA]
    if current is not None and current.kind is KONTRA:
        answers.append(current.target)
    assert len(answers) == len(set(answers))


def check_stats(state: DebateState) -> None:
    """The statistics add up exactly to the recorded speeches."""
    stats = meeting_stats(state)
    records = state.records()
    assert stats.meeting.total.speeches == len(records)
    assert stats.meeting.total.ms == sum(r.duration_ms for r in records)
    for figures in [stats.meeting, *stats.items.values()]:
        for tallies in figures.groups().values():
            assert sum(t.speeches for t in tallies.values()) == figures.total.speeches
            assert sum(t.ms for t in tallies.values()) == figures.total.ms
    assert sum(f.total.ms for f in stats.items.values()) == stats.meeting.total.ms


class RandomDebate(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.state = DebateState()
        self.log: list[tuple[DebateEvent, int]] = []
        self.now = 1_700_000_000_000
        self.item: str | None = "item-1"

    @property
    def debate(self) -> ItemDebate:
        return self.state.item(self.item) if self.item else ItemDebate()

    def send(self, command: DebateCommand, actor: str | None, chair: bool = False) -> None:
        chamber = StaticChamber(PEOPLE, self.item, actor, chair or actor is None)
        before = copy.deepcopy(self.state)
        try:
            events = execute(self.state, command, chamber, self.now)
        except DebateError:
            assert self.state == before  # a refusal changes nothing
            return
        self.log.extend((event, self.now) for event in events)

    def chair(self, command: DebateCommand) -> None:
        self.send(command, "chair", chair=True)

    def member(self, command: DebateCommand, person: str, by_chair: bool) -> None:
        # A member asks for themselves, or the chair asks for them.
        if by_chair:
            self.chair(command)
        else:
            self.send(command, person)

    def pick_request(self, data: st.DataObject, pool: list[str]) -> str:
        return data.draw(st.sampled_from([*pool, "q999"]))

    @initialize()
    def a_debate_under_way(self) -> None:
        # Start where the rules have something to bite on: anna has spoken, bo speaks.
        for person in ("anna", "bo", "cai"):
            self.send(RequestFloor(), person)
        self.chair(NextSpeaker())
        self.now += 90_000
        self.chair(NextSpeaker())

    # --- the world around the debate -------------------------------------
    @rule(ms=st.integers(0, 400_000))
    def time_passes(self, ms: int) -> None:
        self.now += ms

    @rule(item=st.sampled_from(["item-1"] * 4 + ["item-2"] * 2 + [None]))
    def agenda_moves(self, item: str | None) -> None:
        self.item = item

    # --- requests -------------------------------------------------------------
    @rule(person=persons, by_chair=chair_or_self, override=st.booleans())
    def request_floor(self, person: str, by_chair: bool, override: bool) -> None:
        command = RequestFloor(person if by_chair else None, override and by_chair)
        self.member(command, person, by_chair)

    @rule(data=st.data(), by_chair=chair_or_self, override=st.booleans())
    def request_replik(self, data: st.DataObject, by_chair: bool, override: bool) -> None:
        round_ = self.debate.round
        entitled = self.debate.spoken | (round_.named if round_ else set())
        likely = sorted(entitled - {round_.speaker if round_ else ""}) or ["anna"]
        person = data.draw(st.sampled_from(likely) | persons)
        command = RequestReplik(person if by_chair else None, override and by_chair)
        self.member(command, person, by_chair)

    @rule(data=st.data(), by_chair=chair_or_self)
    def request_kontrareplik(self, data: st.DataObject, by_chair: bool) -> None:
        speaker = self.debate.round.speaker if self.debate.round else "anna"
        person = data.draw(st.sampled_from([speaker] * 3 + [p.id for p in PEOPLE]))
        self.member(RequestKontrareplik(person if by_chair else None), person, by_chair)

    @rule(person=persons, by_chair=chair_or_self)
    def raise_point_of_order(self, person: str, by_chair: bool) -> None:
        self.member(RaisePointOfOrder(person if by_chair else None), person, by_chair)

    @rule(data=st.data(), by_chair=chair_or_self)
    def withdraw_request(self, data: st.DataObject, by_chair: bool) -> None:
        waiting = {r.id: r.person for r in self.debate.waiting}
        request = self.pick_request(data, list(waiting))
        self.member(WithdrawRequest(request), waiting.get(request, "anna"), by_chair)

    # --- the chair ----------------------------------------------------------
    @rule(person=persons)
    def name_person(self, person: str) -> None:
        self.chair(NamePerson(person))

    @rule(data=st.data(), named=st.booleans())
    def give_floor(self, data: st.DataObject, named: bool) -> None:
        waiting = [r.id for r in self.debate.waiting]
        self.chair(GiveFloor(self.pick_request(data, waiting) if named else None))

    @rule()
    def next_speaker(self) -> None:
        self.chair(NextSpeaker())

    @rule()
    def finish_speech(self) -> None:
        self.chair(FinishSpeech())

    @rule()
    def pause(self) -> None:
        self.chair(PauseSpeech())

    @rule()
    def resume(self) -> None:
        self.chair(ResumeSpeech())

    @rule(data=st.data(), named=st.booleans())
    def skip(self, data: st.DataObject, named: bool) -> None:
        waiting = [r.id for r in self.debate.waiting]
        self.chair(SkipRequest(self.pick_request(data, waiting) if named else None))

    @rule(data=st.data())
    def remove(self, data: st.DataObject) -> None:
        self.chair(RemoveRequest(self.pick_request(data, [r.id for r in self.debate.waiting])))

    @rule(data=st.data(), up=st.booleans())
    def move(self, data: st.DataObject, up: bool) -> None:
        request = self.pick_request(data, [r.id for r in self.debate.waiting])
        self.chair(MoveRequest(request, "up" if up else "down"))

    @rule(data=st.data())
    def readd(self, data: st.DataObject) -> None:
        self.chair(ReaddRequest(self.pick_request(data, list(self.debate.set_aside))))

    @rule(keep_waiting=st.booleans(), replik_allowed=st.booleans())
    def close_list(self, keep_waiting: bool, replik_allowed: bool) -> None:
        self.chair(CloseList(keep_waiting, replik_allowed))

    @rule()
    def reopen_list(self) -> None:
        self.chair(ReopenList())

    @rule(
        limit=st.integers(0, 3),
        spoken=st.booleans(),
        queues=st.booleans(),
        seconds=st.integers(0, 300),
    )
    def change_settings(self, limit: int, spoken: bool, queues: bool, seconds: int) -> None:
        settings = DebateSettings(
            replik_limit=limit,
            first_speech_s=seconds,
            later_speech_s=seconds,
            replik_s=seconds,
            kontrareplik_s=seconds,
            point_of_order_s=seconds,
            replik_requires_spoken=spoken,
            proposal_queues_author=queues,
        )
        self.chair(ChangeDebateSettings(settings))

    # --- proposals ----------------------------------------------------------
    @rule(person=persons, by_chair=chair_or_self, kind=st.sampled_from(ProposalKind) | kinds)
    def submit_proposal(self, person: str, by_chair: bool, kind: ProposalKind) -> None:
        command = SubmitProposal(kind, "text", person if by_chair else None)
        self.member(command, person, by_chair)

    @rule(data=st.data(), by_chair=chair_or_self, agrees=st.booleans())
    def withdraw_proposal(self, data: st.DataObject, by_chair: bool, agrees: bool) -> None:
        active = {p.id: p.authors[0] for p in self.debate.active_proposals()}
        proposal = data.draw(st.sampled_from([*active, "p999"]))
        command = WithdrawProposal(proposal, agrees)
        self.member(command, active.get(proposal, "anna"), by_chair)

    @rule(data=st.data(), agrees=st.booleans())
    def merge_proposals(self, data: st.DataObject, agrees: bool) -> None:
        by_kind: dict[ProposalKind, list[str]] = {}
        for proposal in self.debate.active_proposals():
            by_kind.setdefault(proposal.kind, []).append(proposal.id)
        groups = [ids for ids in by_kind.values() if len(ids) > 1] or [["p999", "p998"]]
        group = data.draw(st.sampled_from(groups))
        sources = data.draw(st.lists(st.sampled_from(group), min_size=2, max_size=3))
        self.chair(MergeProposals(tuple(sources), "merged", agrees))

    # --- what must always hold ------------------------------------------------
    @invariant()
    def rules_hold(self) -> None:
        for debate in self.state.items.values():
            check_debate(debate)
        check_stats(self.state)

    def teardown(self) -> None:
        # Determinism: folding the log into a fresh state gives the same state.
        assert fold(self.log) == self.state


TestRandomDebate = RandomDebate.TestCase
TestRandomDebate.settings = settings(max_examples=200, stateful_step_count=40, deadline=None)
