"""Sluten omröstning: who voted is logged, what was voted goes to the urn."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from votes_world import MEMBERS, SECRETARY, World, actor_for, delegate, world

from voting_server.domain.errors import InvalidState
from voting_server.domain.votes import commands as vc
from voting_server.domain.votes import events as ev
from voting_server.domain.votes import urn_deposit
from voting_server.domain.votes.model import (
    DecidedBy,
    Method,
    OptionCount,
    Outcome,
    Status,
    Tally,
)


def cast_secretly(w: World, vote: str, person: str, urn: list[str], **ballot: object) -> None:
    """What the hub does: decide, then deposit the urn entry beside the event."""
    command = vc.CastVote(vote, **ballot)  # type: ignore[arg-type]
    w.do(command, actor_for(person))
    urn.append(urn_deposit(w.votes, command))


def test_a_secret_ballot_logs_the_voter_only() -> None:
    w = world()
    w.open_question(secret=True)
    command = vc.CastVote("v1", choice="nej")
    assert w.do(command, delegate("m3")) == [ev.SecretBallotCast("v1", 3)]
    assert urn_deposit(w.votes, command) == "nej"
    assert w.votes.vote("v1").ballots == {}


def test_a_secret_ballot_is_cast_once_and_in_person() -> None:
    w = world()
    w.open_question(secret=True, allow_change=True)
    opened = w.votes.vote("v1").opened
    assert opened.allow_change is False
    assert w.refused(vc.CastVote("v1", choice="x"), delegate("m3")) == "vote.bad_ballot"
    w.cast("v1", "m3", "ja")
    assert w.refused(vc.CastVote("v1", choice="ja"), delegate("m3")) == "vote.already_voted"
    assert w.refused(vc.CastVote("v1", choice="ja", person="m4"), SECRETARY) == (
        "vote.secret_in_person"
    )


def test_the_close_counts_the_urn_sorted() -> None:
    w = world()
    w.open_question(secret=True)
    urn: list[str] = []
    for person, choice in [("m2", "nej"), ("m3", "ja"), ("m4", "ja"), ("m5", "avstar")]:
        cast_secretly(w, "v1", person, urn, choice=choice)
    (closed,) = w.close(urn=tuple(urn))
    assert closed == ev.VoteClosed(
        vote="v1",
        tally=Tally(4, (OptionCount("ja", 2), OptionCount("nej", 1), OptionCount("avstar", 1))),
        outcome=Outcome(Status.DECIDED, DecidedBy.VOTES, "ja"),
        urn=("avstar", "ja", "ja", "nej"),
    )


def test_the_urn_must_match_the_voters_and_hold_valid_ballots() -> None:
    w = world()
    w.open_question(secret=True)
    w.cast("v1", "m2", "ja")
    w.cast("v1", "m3", "ja")
    assert w.refused(vc.CloseVote("v1", urn=("ja",))) == "vote.urn_mismatch"
    assert w.refused(vc.CloseVote("v1", urn=("ja", "ja", "nej"))) == "vote.urn_mismatch"
    assert w.refused(vc.CloseVote("v1", urn=("ja", "kanske"))) == "vote.urn_invalid"


def test_an_election_urn_entry_is_canonical() -> None:
    w = world()
    w.do(
        vc.OpenVote(
            "Val", vote="e", method=Method.MAJORITY, secret=True, options=("A", "B", "C"), seats=2
        )
    )
    urn: list[str] = []
    cast_secretly(w, "e", "m2", urn, names=("B", "A"))
    cast_secretly(w, "e", "m3", urn)
    assert urn == ['["A","B"]', "[]"]
    assert w.refused(vc.CloseVote("e", urn=('["B","A"]', "[]"))) == "vote.urn_invalid"
    assert w.refused(vc.CloseVote("e", urn=('["A", "B"]', "[]"))) == "vote.urn_invalid"
    assert w.refused(vc.CloseVote("e", urn=('["A","D"]', "[]"))) == "vote.urn_invalid"
    assert w.refused(vc.CloseVote("e", urn=("{", "[]"))) == "vote.urn_invalid"
    w.close("e", urn=tuple(urn))
    assert w.votes.vote("e").outcome == Outcome(Status.DECIDED, DecidedBy.VOTES, elected=("A", "B"))


def test_a_tied_secret_question_awaits_the_chair() -> None:
    w = world()
    w.open_question(secret=True)
    w.cast("v1", "m1", "ja")
    w.cast("v1", "m2", "nej")
    w.close(urn=("ja", "nej"))
    assert w.votes.vote("v1").outcome == Outcome(Status.TIE)


def test_the_host_asks_for_an_urn_entry_only_for_a_secret_vote() -> None:
    w = world()
    w.open_question()
    with pytest.raises(InvalidState) as caught:
        urn_deposit(w.votes, vc.CastVote("v1", choice="ja"))
    assert caught.value.code == "vote.not_secret"


CHOICES = st.sampled_from(("ja", "nej", "avstar"))


@settings(max_examples=60, deadline=None)
@given(
    ballots=st.lists(st.tuples(st.sampled_from(MEMBERS), CHOICES), unique_by=lambda b: b[0]),
    data=st.data(),
)
def test_the_log_of_a_secret_vote_links_no_voter_to_a_choice(
    ballots: list[tuple[str, str]], data: st.DataObject
) -> None:
    """Two different cast orders: same close, and no choice anywhere before it."""
    shuffled = data.draw(st.permutations(ballots))
    closes = []
    for sequence in (ballots, shuffled):
        w = world()
        w.open_question(secret=True)
        urn: list[str] = []
        start = len(w.log)
        for person, choice in sequence:
            cast_secretly(w, "v1", person, urn, choice=choice)
        for event in w.log[start:]:
            assert isinstance(event, ev.SecretBallotCast)
            assert {f.name for f in dataclasses.fields(event)} == {"vote", "seat"}
        (closed,) = w.close(urn=tuple(urn))
        assert isinstance(closed, ev.VoteClosed)
        assert closed.named == () and closed.by_party == ()
        assert list(closed.urn) == sorted(closed.urn)
        closes.append(closed)
    assert closes[0] == closes[1]
