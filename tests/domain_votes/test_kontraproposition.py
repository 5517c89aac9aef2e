"""Kontrapropositionsvotering with 3, 4 and 5 proposals: rounds by acclamation or by vote."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from votes_world import MEMBERS, SECRETARY, World, actor_for, delegate, world

from voting_server.domain.meeting import commands as mc
from voting_server.domain.votes import Round, next_round
from voting_server.domain.votes import commands as vc
from voting_server.domain.votes import events as ev
from voting_server.domain.votes.model import Method


def test_three_proposals_take_one_pairwise_round_and_a_final() -> None:
    assert next_round(("A", "B", "C"), "A", []) == Round(1, "B", "C", final=False)
    assert next_round(("A", "B", "C"), "A", ["C"]) == Round(2, "A", "C", final=True)
    assert next_round(("A", "B", "C"), "A", ["C", "A"]) is None


def test_four_proposals_put_the_survivor_against_the_next() -> None:
    props = ("A", "B", "C", "D")
    assert next_round(props, "B", []) == Round(1, "A", "C", final=False)
    assert next_round(props, "B", ["C"]) == Round(2, "C", "D", final=False)
    assert next_round(props, "B", ["C", "C"]) == Round(3, "B", "C", final=True)


@settings(max_examples=100, deadline=None)
@given(
    count=st.sampled_from((3, 4, 5)),
    data=st.data(),
)
def test_rounds_end_with_the_main_proposal_against_the_strongest_other(
    count: int, data: st.DataObject
) -> None:
    proposals = tuple("ABCDE"[:count])
    main = data.draw(st.sampled_from(proposals))
    preference = data.draw(st.permutations(proposals))  # the meeting's ranking, best first
    winners: list[str] = []
    rounds: list[Round] = []
    while (current := next_round(proposals, main, winners)) is not None:
        assert current.ja != current.nej
        assert current.number == len(rounds) + 1
        rounds.append(current)
        winners.append(min((current.ja, current.nej), key=preference.index))
    assert len(rounds) == count - 1
    *pairwise, final = rounds
    assert final.final and not any(r.final for r in pairwise)
    assert final.ja == main
    assert main not in {side for r in pairwise for side in (r.ja, r.nej)}
    others = [p for p in proposals if p != main]
    assert final.nej == min(others, key=preference.index)  # the motförslag
    assert {side for r in pairwise for side in (r.ja, r.nej)} == set(others)
    losers = [r.nej if w == r.ja else r.ja for r, w in zip(rounds, winners, strict=True)]
    for i, loser in enumerate(losers):
        assert all(loser not in (r.ja, r.nej) for r in rounds[i + 1 :])  # out for good
    assert winners[-1] == min(proposals, key=preference.index)


def started(proposals: tuple[str, ...] = ("A", "B", "C"), main: str = "A") -> World:
    w = world()
    w.do(vc.StartKontraproposition(proposals, main))
    return w


def test_starting_needs_three_distinct_proposals_with_the_main_among_them() -> None:
    w = world()
    start = vc.StartKontraproposition
    assert w.refused(start(("A", "B"), "A")) == "kontra.too_few_proposals"
    assert w.refused(start(("A", "B", "B"), "A")) == "kontra.duplicate_proposal"
    assert w.refused(start(("A", "B", "C"), "D")) == "kontra.unknown_main"
    assert w.do(start(("A", "B", "C"), "A")) == [
        ev.KontrapropositionStarted("k1", "i1", ("A", "B", "C"), "A")
    ]
    assert w.refused(start(("D", "E", "F"), "D")) == "kontra.in_progress"


def test_three_proposals_settled_by_acclamation() -> None:
    w = started()
    assert w.refused(vc.SettleRound("k1", "A")) == "kontra.bad_winner"
    assert w.do(vc.SettleRound("k1", "C")) == [ev.RoundSettled("k1", 1, "B", "C", "C", False)]
    # The final round by acclamation is a decision, recorded as one.
    assert w.do(vc.SettleRound("k1", "A")) == [
        ev.RoundSettled("k1", 2, "A", "C", "A", True),
        ev.DecisionAcclaimed("d1", "i1", "Bifall till A", "A", "k1", MEMBERS),
    ]
    assert w.do(vc.EnterReservation(decision="d1"), delegate("m4"))
    assert w.refused(vc.SettleRound("k1", "A")) == "kontra.finished"
    assert w.votes.procedure("k1").finished


def test_a_demanded_vote_replaces_acclamation_for_that_round() -> None:
    w = started()
    assert w.do(vc.DemandVote("k1"), delegate("m4")) == [ev.VoteDemanded("k1", 1, "m4")]
    assert w.do(vc.DemandVote("k1"), delegate("m5")) == []  # one demand is enough
    assert w.refused(vc.SettleRound("k1", "B")) == "kontra.vote_demanded"
    (opened,) = w.do(vc.OpenVote("B mot C", procedure="k1"))
    assert isinstance(opened, ev.VoteOpened)
    assert (opened.ja, opened.nej, opened.round) == ("B", "C", 1)
    assert w.refused(vc.SettleRound("k1", "B")) == "kontra.vote_pending"
    for person in ("m1", "m2", "m3"):
        w.cast("v1", person, "nej")
    _closed, settled = w.close("v1")
    assert settled == ev.RoundSettled("k1", 1, "B", "C", "C", False, vote="v1")
    # The next round starts again with acclamation.
    assert w.do(vc.SettleRound("k1", "C"))[0] == ev.RoundSettled("k1", 2, "A", "C", "C", True)


def test_a_tied_round_vote_waits_for_the_chair() -> None:
    w = started(("A", "B", "C", "D"), "D")
    w.do(vc.OpenVote("A mot B", procedure="k1"))
    w.cast("v1", "m2", "ja")
    w.cast("v1", "m3", "nej")
    assert len(w.close("v1")) == 1  # a tie: no round settled yet
    assert w.refused(vc.SettleRound("k1", "A")) == "kontra.vote_pending"
    assert w.refused(vc.OpenVote("again", procedure="k1")) == "kontra.vote_pending"
    assert w.do(vc.DecideTie("v1", "nej")) == [
        ev.TieDecided("v1", "nej"),
        ev.RoundSettled("k1", 1, "A", "B", "B", False, vote="v1"),
    ]
    assert w.do(vc.SettleRound("k1", "C")) == [ev.RoundSettled("k1", 2, "B", "C", "C", False)]
    assert w.do(vc.SettleRound("k1", "D"))[0] == ev.RoundSettled("k1", 3, "D", "C", "D", True)


@pytest.mark.parametrize("count", [3, 4, 5])
def test_every_round_by_vote_and_a_reservation_against_the_final(count: int) -> None:
    proposals = tuple("ABCDE"[:count])
    w = started(proposals, "A")
    for number in range(1, count):
        vote = f"v{number}"
        w.do(vc.OpenVote("round", procedure="k1"))
        for person in ("m1", "m2", "m3", "m4"):
            w.cast(vote, person, "nej")  # the challenger wins every time
        w.cast(vote, "m5", "ja")
        _closed, settled = w.close(vote)
        assert isinstance(settled, ev.RoundSettled)
        assert settled.round == number and settled.final == (number == count - 1)
        if not settled.final:
            assert w.refused(vc.EnterReservation(vote), delegate("m5")) == (
                "reservation.not_a_decision"
            )
    procedure = w.votes.procedure("k1")
    assert procedure.finished
    assert procedure.rounds[-1].winner == proposals[-1]
    assert len(procedure.rounds) == count - 1
    assert w.do(vc.EnterReservation(f"v{count - 1}"), delegate("m5")) == [
        ev.ReservationEntered(f"v{count - 1}", "m5")
    ]


def test_a_round_vote_is_an_open_question_on_the_current_round() -> None:
    w = started()
    assert w.refused(vc.OpenVote("x", procedure="k1", secret=True)) == ("vote.secret_not_election")
    election = vc.OpenVote("x", procedure="k1", method=Method.MAJORITY, options=("A",))
    assert w.refused(election) == "kontra.open_question_only"
    assert w.refused(vc.OpenVote("x", procedure="k1", ja="A")) == "kontra.wrong_round"
    assert w.refused(vc.OpenVote("x", procedure="nope")) == "kontra.unknown"


def test_who_may_demand_a_vote() -> None:
    w = world(present=("m1", "m2", "m3", "m4", "m5", "m6", "m7", "e1"))
    w.do(vc.StartKontraproposition(("A", "B", "C"), "A"))
    assert w.refused(vc.DemandVote("k1"), delegate("e1")) == "kontra.not_entitled"
    assert w.refused(vc.DemandVote("k1"), SECRETARY) == "kontra.not_entitled"
    assert w.do(vc.DemandVote("k1", person="m2"), SECRETARY) == [ev.VoteDemanded("k1", 1, "m2")]
    assert w.refused(vc.DemandVote("nope"), actor_for("m3")) == "kontra.unknown"


def test_a_procedure_belongs_to_its_item() -> None:
    w = started()
    w.meet(mc.FinishItem())
    w.meet(mc.StartItem("i2"))
    assert w.refused(vc.SettleRound("k1", "B")) == "kontra.other_item"
    assert w.refused(vc.DemandVote("k1"), delegate("m2")) == "kontra.other_item"
    assert w.refused(vc.OpenVote("x", procedure="k1")) == "kontra.other_item"
    (second,) = w.do(vc.StartKontraproposition(("D", "E", "F"), "D"))
    assert isinstance(second, ev.KontrapropositionStarted) and second.procedure == "k2"
