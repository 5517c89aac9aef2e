"""A vote opened by mistake is declared void while it is open: with a reason,
logged, counting nothing, and leaving the item as if it had not been opened."""

from __future__ import annotations

from test_elections import open_proportional, request
from test_secret import open_election
from votes_world import SECRETARY, actor_for, delegate, world

from voting_server.domain.votes import commands as vc
from voting_server.domain.votes import events as ev

REASON = "Fel ärende: omröstningen öppnades på punkt 3 i stället för punkt 4."


def test_an_open_vote_declared_void_counts_nothing_and_frees_the_item() -> None:
    w = world()
    w.open_question()
    w.cast("v1", "m2", "ja")
    assert w.do(vc.VoidVote("v1", REASON)) == [ev.VoteVoided("v1", REASON)]
    record = w.votes.vote("v1")
    assert not record.is_open and record.voided == ev.VoteVoided("v1", REASON)
    assert record.outcome is None and w.votes.current is None
    # Nothing more happens to it; a new vote on the item takes the next number.
    assert w.refused(vc.CastVote("v1", choice="nej"), actor_for("m3")) == "vote.closed"
    assert w.refused(vc.CloseVote("v1")) == "vote.closed"
    assert w.refused(vc.AnnounceDecision("v1", "Bifall")) == "vote.void"
    assert w.refused(vc.EnterReservation(vote="v1"), delegate("m4")) == "vote.void"
    assert w.open_question().vote == "v2"  # type: ignore[attr-defined]


def test_only_the_chair_voids_only_an_open_vote_and_only_with_a_reason() -> None:
    w = world()
    w.open_question()
    assert w.refused(vc.VoidVote("v1", "  ")) == "vote.void_reason_required"
    assert w.refused(vc.VoidVote("v1", REASON), delegate("m2")) == "auth.forbidden"
    assert w.refused(vc.VoidVote("v1", REASON), SECRETARY) == "auth.forbidden"
    assert w.refused(vc.VoidVote("v9", REASON)) == "vote.unknown"
    for person in ("m1", "m2", "m3", "m4"):
        w.cast("v1", person, "ja")
    w.close("v1")
    # A counted vote stands: only an appeal can set its decision aside.
    assert w.refused(vc.VoidVote("v1", REASON)) == "vote.closed"


def test_a_void_secret_election_keeps_no_ballot() -> None:
    w = world()
    open_election(w)
    w.cast("v1", "m2", names=("Anna",))
    (voided,) = w.do(vc.VoidVote("v1", REASON))
    assert voided == ev.VoteVoided("v1", REASON)
    assert w.refused(vc.CloseVote("v1")) == "vote.closed"


def test_a_void_proportional_election_leaves_its_request_for_the_next() -> None:
    w = world()
    request(w, 3, ("m6", "m7"))
    open_proportional(w)
    w.do(vc.VoidVote("v1", REASON))
    open_proportional(w)  # the granted request still binds the seats
    assert w.votes.vote("v2").opened.request == "r1"


def test_a_void_round_of_a_kontraproposition_is_voted_again() -> None:
    w = world()
    w.do(vc.StartKontraproposition(("A", "B", "C"), "A"))
    w.do(vc.DemandVote("k1"), delegate("m4"))
    w.do(vc.OpenVote("B mot C", procedure="k1"))
    w.do(vc.VoidVote("v1", REASON))
    assert w.votes.procedure("k1").vote is None
    (again,) = w.do(vc.OpenVote("B mot C", procedure="k1"))
    assert isinstance(again, ev.VoteOpened) and again.round == 1 and again.vote == "v2"
