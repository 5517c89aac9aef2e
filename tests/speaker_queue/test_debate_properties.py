"""Invariants of the speaker list over random sequences of commands."""

from __future__ import annotations

import copy
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

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
requests = st.sampled_from([f"q{n}" for n in range(1, 16)])
proposals = st.sampled_from([f"p{n}" for n in range(1, 6)])

member_commands = st.one_of(
    st.builds(RequestFloor),
    st.builds(RequestReplik),
    st.builds(RequestKontrareplik),
    st.builds(RaisePointOfOrder),
    st.builds(WithdrawRequest, requests),
    st.builds(SubmitProposal, proposals, st.sampled_from(ProposalKind), st.just("text")),
    st.builds(WithdrawProposal, proposals),
)
chair_commands = st.one_of(
    st.builds(RequestFloor, persons, st.booleans()),
    st.builds(RequestReplik, persons, st.booleans()),
    st.builds(RequestKontrareplik, persons),
    st.builds(RaisePointOfOrder, persons),
    st.builds(NamePerson, persons),
    st.builds(GiveFloor, st.none() | requests),
    st.builds(NextSpeaker),
    st.builds(FinishSpeech),
    st.builds(PauseSpeech),
    st.builds(ResumeSpeech),
    st.builds(SkipRequest, st.none() | requests),
    st.builds(RemoveRequest, requests),
    st.builds(MoveRequest, requests, st.sampled_from(["up", "down"])),
    st.builds(ReaddRequest, requests),
    st.builds(CloseList, st.booleans(), st.booleans()),
    st.builds(ReopenList),
    st.builds(WithdrawProposal, proposals, st.booleans()),
    st.builds(
        MergeProposals,
        proposals,
        st.lists(proposals, min_size=2, max_size=3).map(tuple),
        st.just("merged"),
        st.booleans(),
    ),
    st.builds(
        ChangeDebateSettings,
        st.builds(
            DebateSettings,
            replik_limit=st.integers(0, 3),
            replik_requires_spoken=st.booleans(),
            proposal_queues_author=st.booleans(),
        ),
    ),
)
# (command, actor, actor is chair, item under debate, milliseconds since the last step)
steps = st.one_of(
    st.tuples(member_commands, persons, st.just(False)),
    st.tuples(chair_commands, st.just("chair"), st.just(True)),
).flatmap(
    lambda s: st.tuples(
        st.just(s[0]),
        st.just(s[1]),
        st.just(s[2]),
        st.sampled_from(["item-1", "item-1", "item-1", "item-2"]),
        st.integers(0, 400_000),
    )
)


def check_invariants(state: DebateState) -> None:
    for debate in state.items.values():
        kinds = [r.kind for r in debate.waiting]
        # A point of order is always first among those waiting; kinds stay in order.
        ranks = [PRIORITY[k] for k in kinds]
        assert ranks == sorted(ranks)
        # No member waits twice for the same kind of speech.
        pairs = Counter((r.person, r.kind) for r in debate.waiting)
        assert all(n == 1 for n in pairs.values())
        # Replik counts never exceed the limit, and match the repliks themselves.
        round_ = debate.round
        if round_ is not None:
            repliks = [(r.person, r.target) for r in debate.waiting if r.kind is REPLIK]
            repliks += [(s.person, s.target) for s in debate.records if s.kind is REPLIK]
            if debate.current is not None and debate.current.kind is REPLIK:
                repliks.append((debate.current.person, debate.current.target))
            on_round = sorted(person for person, target in repliks if target == round_.speech)
            assert on_round == sorted(round_.repliers)
            assert len(round_.repliers) <= round_.limit
        # A replik gets at most one kontrareplik.
        answers = [r.target for r in debate.waiting if r.kind is KONTRA]
        answers += [s.target for s in debate.records if s.kind is KONTRA]
        if debate.current is not None and debate.current.kind is KONTRA:
            answers.append(debate.current.target)
        assert len(answers) == len(set(answers))
    # Statistics add up exactly to the recorded speeches.
    stats = meeting_stats(state)
    records = state.records()
    assert stats.meeting.total.speeches == len(records)
    assert stats.meeting.total.ms == sum(r.duration_ms for r in records)
    for figures in [stats.meeting, *stats.items.values()]:
        for tallies in figures.groups().values():
            assert sum(t.speeches for t in tallies.values()) == figures.total.speeches
            assert sum(t.ms for t in tallies.values()) == figures.total.ms
    assert sum(f.total.ms for f in stats.items.values()) == stats.meeting.total.ms


@settings(max_examples=200, deadline=None)
@given(st.lists(steps, max_size=60))
def test_random_debates_keep_the_rules(script):
    state = DebateState()
    chamber = StaticChamber(PEOPLE)
    log: list[tuple[DebateEvent, int]] = []
    now = 1_700_000_000_000
    for command, actor, is_chair, item, pause in script:
        now += pause
        assert isinstance(command, DebateCommand)
        acting = StaticChamber(PEOPLE, item, actor, is_chair)
        before = copy.deepcopy(state)
        try:
            events = execute(state, command, acting, now)
        except DebateError:
            assert state == before  # a refusal changes nothing
            continue
        log.extend((event, now) for event in events)
        check_invariants(state)
    assert chamber.people == PEOPLE
    # Determinism: the log alone rebuilds the same state.
    assert fold(log) == state
