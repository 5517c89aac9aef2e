"""Invariants under any interleaving of casts, changes, retries and the close."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from votes_world import MEMBERS, actor_for, world

from voting_server.domain.errors import DomainError
from voting_server.domain.votes import commands as vc
from voting_server.domain.votes import events as ev
from voting_server.domain.votes.model import Method

SEAT = {m: i + 1 for i, m in enumerate(MEMBERS)}
CAST = st.tuples(
    st.just("cast"), st.sampled_from(MEMBERS), st.sampled_from(("ja", "nej", "avstar"))
)
OPS = st.lists(st.one_of(CAST, CAST, CAST, st.just(("close", "", ""))), max_size=30)


@settings(max_examples=200, deadline=None)
@given(ops=OPS, allow_change=st.booleans(), secret=st.booleans())
def test_one_ballot_per_seat_and_the_tally_sums_to_the_ballots(
    ops: list[tuple[str, str, str]], allow_change: bool, secret: bool
) -> None:
    w = world()
    if secret:  # only an election may be secret: the same three names as candidates
        options = ("ja", "nej", "avstar")
        w.do(vc.OpenVote("Val", method=Method.MAJORITY, options=options, secret=True))
    else:
        w.open_question(allow_change=allow_change)
    expected: dict[int, str] = {}  # the model: seat -> the ballot that should count
    closed: ev.VoteClosed | None = None
    for op, person, choice in [*ops, ("close", "", "")]:
        if op == "close":
            if closed is None:
                (closed_event, *_) = w.close()
                assert isinstance(closed_event, ev.VoteClosed)
                closed = closed_event
            else:
                assert w.refused(vc.CloseVote("v1")) == "vote.closed"
            continue
        command = vc.CastVote("v1", names=(choice,)) if secret else vc.CastVote("v1", choice=choice)
        seat = SEAT[person]
        try:
            events = w.do(command, actor_for(person))
        except DomainError as refused:
            assert closed is not None or (seat in expected and (secret or not allow_change))
            assert refused.code in ("vote.closed", "vote.already_voted")
            continue
        assert closed is None
        if secret:
            assert seat not in expected
        else:
            assert seat not in expected or allow_change or expected[seat] == choice
            assert len(events) == (0 if expected.get(seat) == choice else 1)
        expected[seat] = choice
    assert closed is not None
    tally = closed.tally
    assert tally.ballots == len(expected) == len(w.votes.vote("v1").voted_seats)
    assert sum(c.votes for c in tally.counts) == tally.ballots
    for option in ("ja", "nej", "avstar"):
        assert tally.votes_for(option) == sum(1 for c in expected.values() if c == option)
    if not secret:
        assert [line.seat for line in closed.named] == sorted(SEAT.values())
        cast = {line.seat: line.ballot.choice for line in closed.named if line.ballot}
        assert cast == expected
        assert sum(p.voted for p in closed.by_party) == tally.ballots


NAMES = st.lists(st.sampled_from(("A", "B", "C", "D")), unique=True, max_size=2)


@settings(max_examples=100, deadline=None)
@given(ballots=st.dictionaries(st.sampled_from(MEMBERS), NAMES))
def test_an_election_tally_counts_every_ballot_once(ballots: dict[str, list[str]]) -> None:
    w = world()
    options = ("A", "B", "C", "D")
    w.do(vc.OpenVote("Val", method=Method.MAJORITY, options=options, seats=2))
    for person, names in ballots.items():
        w.do(vc.CastVote("v1", names=tuple(names)), actor_for(person))
    (closed, *_) = w.close()
    assert isinstance(closed, ev.VoteClosed)
    tally = closed.tally
    assert tally.ballots == len(ballots)
    assert tally.blank == sum(1 for names in ballots.values() if not names)
    assert sum(c.votes for c in tally.counts) == sum(len(n) for n in ballots.values())
    elected = closed.outcome.elected
    assert len(elected) <= 2 and len(set(elected)) == len(elected)
