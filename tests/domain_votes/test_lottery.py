"""Lottning: committed before the draw, reproducible from the log alone."""

from __future__ import annotations

import hashlib

import pytest
from votes_world import CHAIR, HEAD, SEED, World, actor_for, world

from voting_server.domain.context import Context
from voting_server.domain.errors import DomainError, NotAllowed
from voting_server.domain.votes import VotesState, commitment_of, draw_order, execute
from voting_server.domain.votes import commands as vc
from voting_server.domain.votes import events as ev
from voting_server.domain.votes.model import Method, Status


def test_the_recipe_byte_for_byte() -> None:
    seed, head = bytes.fromhex(SEED), bytes.fromhex(HEAD)
    assert commitment_of(SEED) == hashlib.sha256(seed).hexdigest()
    key = hashlib.sha256(seed + head).digest()
    names = ("Bo", "Åsa", "Cia")
    tickets = {n: hashlib.sha256(key + n.encode("utf-8")).digest() for n in names}
    assert draw_order(SEED, HEAD, names) == tuple(sorted(names, key=tickets.__getitem__))


def test_the_order_depends_on_seed_and_head_but_not_on_the_entrants_order() -> None:
    names = tuple(f"c{i}" for i in range(8))
    order = draw_order(SEED, HEAD, names)
    assert sorted(order) == sorted(names)
    assert draw_order(SEED, HEAD, tuple(reversed(names))) == order
    assert draw_order("22" * 32, HEAD, names) != order
    assert draw_order(SEED, "cd" * 32, names) != order


def test_weak_seeds_and_bad_heads_are_refused() -> None:
    with pytest.raises(DomainError, match=r"lot\.bad_seed"):
        draw_order("11" * 16, HEAD, ("a",))
    with pytest.raises(DomainError, match=r"lot\.bad_seed"):
        commitment_of("zz" * 32)
    with pytest.raises(DomainError, match=r"lot\.bad_head"):
        draw_order(SEED, "", ("a",))


def tied_election() -> World:
    w = world()
    w.do(vc.OpenVote("Val", method=Method.MAJORITY, options=("Anna", "Bo"), seats=1))
    w.do(vc.CastVote("v1", names=("Anna",)), actor_for("m2"))
    w.do(vc.CastVote("v1", names=("Bo",)), actor_for("m3"))
    return w


def test_the_draw_needs_a_prior_commitment_that_the_seed_matches() -> None:
    w = tied_election()
    assert w.refused(vc.DrawLot("v1")) == "vote.still_open"
    w.close("v1")
    assert w.refused(vc.DrawLot("v1")) == "lot.not_committed"
    assert w.do(vc.CommitLotSeed("v1")) == [ev.LotSeedCommitted("v1", commitment_of(SEED))]
    assert w.refused(vc.CommitLotSeed("v1")) == "lot.already_committed"
    w.seed = "22" * 32  # a seed other than the one committed to
    assert w.refused(vc.DrawLot("v1")) == "lot.seed_mismatch"
    w.seed, w.head = SEED, ""  # no log head to mix in
    assert w.refused(vc.DrawLot("v1")) == "lot.bad_head"
    w.head = HEAD
    (drawn,) = w.do(vc.DrawLot("v1"))
    assert isinstance(drawn, ev.LotDrawn)
    assert (drawn.seed, drawn.head) == (SEED, HEAD)
    assert drawn.entrants == ("Anna", "Bo")
    assert drawn.outcome.elected == (drawn.order[0],)
    assert w.refused(vc.DrawLot("v1")) == "lot.not_needed"


def test_without_seeds_from_the_hub_there_is_no_lottery() -> None:
    w = tied_election()
    with pytest.raises(DomainError, match=r"lot\.no_seed"):
        execute(w.votes, w.meeting.core, vc.CommitLotSeed("v1"), CHAIR, Context(w.now))


def test_a_question_is_never_decided_by_lot() -> None:
    w = world()
    w.open_question()
    assert w.refused(vc.CommitLotSeed("v1")) == "lot.not_an_election"


def test_only_the_chair_draws() -> None:
    w = tied_election()
    with pytest.raises(NotAllowed):
        w.do(vc.CommitLotSeed("v1"), actor_for("m2"))


def test_a_replay_of_the_log_reproduces_the_draw() -> None:
    w = tied_election()
    w.close("v1")
    w.do(vc.CommitLotSeed("v1"))
    (drawn,) = w.do(vc.DrawLot("v1"))
    assert isinstance(drawn, ev.LotDrawn)

    replayed = VotesState()
    for at, event in enumerate(w.log):
        replayed.apply(event, at)
    record = replayed.vote("v1")
    assert record.outcome == drawn.outcome
    assert record.outcome.status is Status.DECIDED
    # An auditor checks the draw from the logged events alone.
    (committed,) = [e for e in w.log if isinstance(e, ev.LotSeedCommitted)]
    assert commitment_of(drawn.seed) == committed.commitment
    assert draw_order(drawn.seed, drawn.head, drawn.entrants) == drawn.order
