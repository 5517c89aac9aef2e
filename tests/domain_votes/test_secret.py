"""Sluten omröstning: only in an election; who voted is logged, what was voted goes to the urn."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from votes_world import MEMBERS, SECRETARY, World, delegate, world

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

CANDIDATES = ("Anna", "Bo", "Cia")


def open_election(w: World, **kwargs: object) -> None:
    fields = {"method": Method.MAJORITY, "options": CANDIDATES, "secret": True, **kwargs}
    w.do(vc.OpenVote("Val av revisor", **fields))  # type: ignore[arg-type]


def refused_close(w: World, vote: str, urn: tuple[str, ...]) -> str:
    """The code a close gets when the urn is ``urn`` instead of the one the ballots filled."""
    kept = w.urns.get(vote, [])
    w.urns[vote] = list(urn)
    code = w.refused(vc.CloseVote(vote))
    w.urns[vote] = kept
    return code


def test_only_an_election_may_be_secret() -> None:
    w = world()
    assert w.refused(vc.OpenVote("Bifall?", secret=True)) == "vote.secret_not_election"
    open_election(w)
    assert w.votes.vote("v1").opened.secret


def test_a_members_request_makes_the_items_elections_secret() -> None:
    w = world()
    assert w.do(vc.RequestSecretElection(), delegate("m4")) == [
        ev.SecretElectionRequested("i1", "m4")
    ]
    assert w.refused(vc.RequestSecretElection(), delegate("m4")) == (
        "election.secret_already_requested"
    )
    assert w.refused(vc.RequestSecretElection(person="m5"), delegate("m4")) == "auth.not_yourself"
    open_by_name = vc.OpenVote("Val", method=Method.MAJORITY, options=CANDIDATES)
    assert w.refused(open_by_name) == "vote.secret_requested"
    open_election(w)  # with closed ballots it opens
    assert w.votes.secret_requests == {"i1": ["m4"]}
    # A question on the item is still open by name: only elections are secret.
    w.close()
    w.open_question()


def test_who_may_ask_for_closed_ballots_and_when() -> None:
    w = world(present=(*MEMBERS, "e1"))
    assert w.refused(vc.RequestSecretElection(), delegate("e1")) == "election.not_serving"
    w.do(vc.OpenVote("Val", method=Method.MAJORITY, options=CANDIDATES))
    assert w.refused(vc.RequestSecretElection(), delegate("m2")) == (
        "election.open_ballots_started"
    )
    assert world(item=None).refused(vc.RequestSecretElection(), delegate("m2")) == "vote.no_item"


def test_a_secret_ballot_logs_the_voter_only() -> None:
    w = world()
    open_election(w)
    command = vc.CastVote("v1", names=("Bo",))
    assert w.do(command, delegate("m3")) == [ev.SecretBallotCast("v1", 3)]
    assert urn_deposit(w.votes, command) == '["Bo"]'
    assert w.votes.vote("v1").ballots == {}


def test_a_secret_ballot_is_cast_once_and_in_person() -> None:
    w = world()
    open_election(w, allow_change=True)
    opened = w.votes.vote("v1").opened
    assert opened.allow_change is False
    assert w.refused(vc.CastVote("v1", names=("Dan",)), delegate("m3")) == "vote.bad_ballot"
    w.cast("v1", "m3", names=("Anna",))
    assert w.refused(vc.CastVote("v1", names=("Anna",)), delegate("m3")) == "vote.already_voted"
    assert w.refused(vc.CastVote("v1", names=("Anna",), person="m4"), SECRETARY) == (
        "vote.secret_in_person"
    )


def test_the_close_counts_the_urn_sorted() -> None:
    w = world()
    open_election(w)
    for person, name in [("m2", "Bo"), ("m3", "Anna"), ("m4", "Anna"), ("m5", "")]:
        w.cast("v1", person, names=(name,) if name else ())
    (closed,) = w.close()
    assert closed == ev.VoteClosed(
        vote="v1",
        tally=Tally(4, (OptionCount("Anna", 2), OptionCount("Bo", 1), OptionCount("Cia", 0)), 1),
        outcome=Outcome(Status.DECIDED, DecidedBy.VOTES, elected=("Anna",)),
        urn=('["Anna"]', '["Anna"]', '["Bo"]', "[]"),
    )


def test_the_urn_must_match_the_voters_and_hold_valid_ballots() -> None:
    w = world()
    open_election(w)
    w.cast("v1", "m2", names=("Anna",))
    w.cast("v1", "m3", names=("Anna",))
    one = '["Anna"]'
    assert refused_close(w, "v1", (one,)) == "vote.urn_mismatch"
    assert refused_close(w, "v1", (one, one, one)) == "vote.urn_mismatch"
    assert refused_close(w, "v1", (one, "kanske")) == "vote.urn_invalid"


def test_an_election_urn_entry_is_canonical() -> None:
    w = world()
    w.do(vc.OpenVote("Val", method=Method.MAJORITY, secret=True, options=("A", "B", "C"), seats=2))
    w.cast("v1", "m2", names=("B", "A"))
    w.cast("v1", "m3")
    assert w.urns["v1"] == ['["A","B"]', "[]"]
    assert refused_close(w, "v1", ('["B","A"]', "[]")) == "vote.urn_invalid"
    assert refused_close(w, "v1", ('["A", "B"]', "[]")) == "vote.urn_invalid"
    assert refused_close(w, "v1", ('["A","D"]', "[]")) == "vote.urn_invalid"
    assert refused_close(w, "v1", ("{", "[]")) == "vote.urn_invalid"
    w.close("v1")
    assert w.votes.vote("v1").outcome == Outcome(
        Status.DECIDED, DecidedBy.VOTES, elected=("A", "B")
    )


def test_a_tied_secret_election_is_decided_by_lot() -> None:
    w = world()
    open_election(w)
    w.cast("v1", "m1", names=("Anna",))
    w.cast("v1", "m2", names=("Bo",))
    w.close()
    outcome = w.votes.vote("v1").outcome
    assert outcome is not None
    assert (outcome.status, outcome.tied) == (Status.LOT_NEEDED, ("Anna", "Bo"))


def test_the_host_asks_for_an_urn_entry_only_for_a_secret_vote() -> None:
    w = world()
    w.open_question()
    with pytest.raises(InvalidState) as caught:
        urn_deposit(w.votes, vc.CastVote("v1", choice="ja"))
    assert caught.value.code == "vote.not_secret"


NAMES = st.sampled_from(((), *((c,) for c in CANDIDATES)))


@settings(max_examples=60, deadline=None)
@given(
    ballots=st.lists(st.tuples(st.sampled_from(MEMBERS), NAMES), unique_by=lambda b: b[0]),
    data=st.data(),
)
def test_the_log_of_a_secret_vote_links_no_voter_to_a_choice(
    ballots: list[tuple[str, tuple[str, ...]]], data: st.DataObject
) -> None:
    """Two different cast orders: same close, and no choice anywhere before it."""
    shuffled = data.draw(st.permutations(ballots))
    closes = []
    for sequence in (ballots, shuffled):
        w = world()
        open_election(w)
        start = len(w.log)
        for person, names in sequence:
            w.cast("v1", person, names=names)
        for event in w.log[start:]:
            assert isinstance(event, ev.SecretBallotCast)
            assert {f.name for f in dataclasses.fields(event)} == {"vote", "seat"}
        (closed,) = w.close()
        assert isinstance(closed, ev.VoteClosed)
        assert closed.named == () and closed.by_party == ()
        assert list(closed.urn) == sorted(closed.urn)
        closes.append(closed)
    assert closes[0] == closes[1]
