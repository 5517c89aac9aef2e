"""Majority and proportional elections, with ties decided by lot."""

from __future__ import annotations

import json

from votes_world import HEAD, MEMBERS, SECRETARY, SEED, World, actor_for, world

from voting_server.domain.base import Event
from voting_server.domain.votes import commands as vc
from voting_server.domain.votes import draw_order
from voting_server.domain.votes import events as ev
from voting_server.domain.votes.model import (
    DecidedBy,
    GroupCount,
    GroupSeats,
    Method,
    OptionCount,
    Outcome,
    Status,
    Tally,
    Valsedel,
)

CANDIDATES = ("Anna", "Bo", "Cia")


def election(seats: int = 1, secret: bool = False) -> World:
    w = world()
    w.do(
        vc.OpenVote(
            "Val av revisor",
            method=Method.MAJORITY,
            secret=secret,
            options=CANDIDATES,
            seats=seats,
        )
    )
    return w


def vote_for(w: World, ballots: dict[str, tuple[str, ...]]) -> None:
    for person, names in ballots.items():
        w.do(vc.CastVote("v1", names=names), actor_for(person))


def test_the_most_votes_wins_and_blank_ballots_count_as_ballots() -> None:
    w = election()
    vote_for(w, {"m1": ("Anna",), "m2": ("Bo",), "m3": ("Anna",), "m4": ()})
    (closed,) = w.close("v1")
    assert isinstance(closed, ev.VoteClosed)
    assert closed.tally == Tally(
        4, (OptionCount("Anna", 2), OptionCount("Bo", 1), OptionCount("Cia", 0)), blank=1
    )
    assert closed.outcome == Outcome(Status.DECIDED, DecidedBy.VOTES, elected=("Anna",))


def test_several_seats_go_to_the_most_votes() -> None:
    w = election(seats=2)
    vote_for(w, {"m1": ("Anna", "Bo"), "m2": ("Cia", "Bo"), "m3": ("Anna", "Bo")})
    w.close("v1")
    assert w.votes.vote("v1").outcome == Outcome(
        Status.DECIDED, DecidedBy.VOTES, elected=("Bo", "Anna")
    )


def test_a_candidate_without_votes_is_not_elected() -> None:
    w = election(seats=2)
    vote_for(w, {"m1": ("Anna",)})
    w.close("v1")
    assert w.votes.vote("v1").outcome == Outcome(
        Status.DECIDED, DecidedBy.VOTES, elected=("Anna",), unfilled=1
    )


def test_an_election_ballot_names_at_most_the_seats_and_only_candidates() -> None:
    w = election(seats=1)
    cast = vc.CastVote("v1", names=("Anna", "Bo"))
    assert w.refused(cast, actor_for("m2")) == "vote.bad_ballot"
    assert w.refused(vc.CastVote("v1", names=("Dan",)), actor_for("m2")) == "vote.bad_ballot"
    assert w.refused(vc.CastVote("v1", choice="ja"), actor_for("m2")) == "vote.bad_ballot"
    assert w.refused(vc.CastVote("v1", names=("Anna", "Anna")), actor_for("m2")) == (
        "vote.bad_ballot"
    )


def test_the_order_of_names_on_a_majority_ballot_does_not_matter() -> None:
    w = election(seats=2)
    vote_for(w, {"m2": ("Bo", "Anna")})
    assert w.do(vc.CastVote("v1", names=("Anna", "Bo")), actor_for("m2")) == []


def test_a_tie_for_the_last_seat_is_decided_by_lot() -> None:
    w = election(seats=2)
    w.do(vc.CommitLotSeed("v1"))  # committed before anyone voted
    vote_for(w, {"m1": ("Anna", "Bo"), "m2": ("Anna", "Cia"), "m3": ("Anna",)})
    w.close("v1")
    assert w.votes.vote("v1").outcome == Outcome(
        Status.LOT_NEEDED, elected=("Anna",), tied=("Bo", "Cia")
    )
    (drawn,) = w.do(vc.DrawLot("v1"))
    order = draw_order(SEED, HEAD, ("Bo", "Cia"))
    winner = order[0]
    assert drawn == ev.LotDrawn(
        "v1",
        SEED,
        HEAD,
        ("Bo", "Cia"),
        order,
        Outcome(Status.DECIDED, DecidedBy.LOT, elected=("Anna", winner)),
    )


def test_a_tie_that_does_not_matter_needs_no_lot() -> None:
    w = election(seats=2)
    vote_for(w, {"m1": ("Bo", "Cia")})
    w.close("v1")
    assert w.votes.vote("v1").outcome == Outcome(
        Status.DECIDED, DecidedBy.VOTES, elected=("Bo", "Cia")
    )
    assert w.refused(vc.DrawLot("v1")) == "lot.not_needed"
    assert w.refused(vc.CommitLotSeed("v1")) == "lot.not_needed"


def test_a_secret_election_is_counted_from_the_urn() -> None:
    w = election(secret=True)
    vote_for(w, {"m1": ("Cia",), "m2": ("Cia",), "m3": ()})
    w.close("v1")  # the world hands the rules the urn the ballots filled
    assert w.votes.vote("v1").outcome == Outcome(Status.DECIDED, DecidedBy.VOTES, elected=("Cia",))


# --- proportional elections (lag 2022:629) -----------------------------------


def request(w: World, seats: int, supporters: tuple[str, ...]) -> Event:
    (requested,) = w.do(vc.RequestProportionalElection(seats, supporters), SECRETARY)
    return requested


def test_a_proportional_election_is_granted_at_the_threshold() -> None:
    w = world()  # 7 present; 3 seats: threshold ⌈7/4⌉ = 2
    assert request(w, 3, ("m6",)) == ev.ProportionalElectionRequested(
        "r1", "i1", 3, ("m6",), 7, 2, False
    )
    assert request(w, 3, ("m7", "m6")) == ev.ProportionalElectionRequested(
        "r2", "i1", 3, ("m6", "m7"), 7, 2, True
    )


def test_a_request_needs_serving_supporters_and_two_seats() -> None:
    w = world(present=(*MEMBERS, "e1"))
    req = vc.RequestProportionalElection
    assert w.refused(req(1, ("m6",)), SECRETARY) == "election.bad_seats"
    assert w.refused(req(3, ("e1",)), SECRETARY) == "supporters.not_serving"
    assert w.refused(req(3, ("m6", "m6")), SECRETARY) == "supporters.duplicate"


def open_proportional(w: World, seats: int = 3, rid: str = "r1") -> None:
    w.do(
        vc.OpenVote(
            "Val av nämnd",
            method=Method.PROPORTIONAL,
            secret=True,
            seats=seats,
            request=rid,
        )
    )


def test_a_proportional_election_needs_a_granted_request_and_a_secret_ballot() -> None:
    w = world()
    request(w, 3, ("m6",))  # r1: too few supporters
    request(w, 3, ("m6", "m7"))  # r2: granted
    prop = vc.OpenVote
    method = Method.PROPORTIONAL
    assert w.refused(prop("q", method=method, seats=3, request="r2")) == (
        "vote.proportional_secret"
    )
    for rid, seats in [("r1", 3), ("r2", 2), ("nope", 3)]:
        command = prop("q", method=method, secret=True, seats=seats, request=rid)
        assert w.refused(command) == "vote.proportional_not_requested"
    open_proportional(w, rid="r2")
    w.close("v1")
    again = prop("q", method=method, secret=True, seats=3, request="r2")
    assert w.refused(again) == "vote.proportional_not_requested"


def proportional(ballots: dict[str, tuple[str, tuple[str, ...]]], seats: int = 3) -> World:
    w = world()
    request(w, seats, ("m1", "m2", "m3"))
    open_proportional(w, seats)
    for person, (label, names) in ballots.items():
        w.do(vc.CastVote("v1", label=label, names=names), actor_for(person))
    w.close("v1")
    return w


def test_seats_go_to_groups_by_dhondt_and_to_names_in_list_order() -> None:
    s_list = ("Sara", "Sven", "Siv")
    w = proportional(
        {
            "m1": ("S", s_list),
            "m2": ("S", s_list),
            "m3": ("S", s_list),
            "m4": ("M", ("Max", "Mia")),
            "m5": ("M", ("Max", "Mia")),
            "m6": ("", ()),
        }
    )
    closed = w.votes.vote("v1").closed
    assert closed is not None
    assert closed.tally == Tally(
        6, blank=1, groups=(GroupCount("S", s_list, 3), GroupCount("M", ("Max", "Mia"), 2))
    )
    # Comparison numbers: S 3, 1.5, 1; M 2, 1. Seats: S, M, S.
    assert closed.outcome == Outcome(
        Status.DECIDED,
        DecidedBy.VOTES,
        elected=("Sara", "Max", "Sven"),
        groups=(
            GroupSeats("S", s_list, 2, ("Sara", "Sven")),
            GroupSeats("M", ("Max", "Mia"), 1, ("Max",)),
        ),
    )


def test_ballots_with_the_same_label_but_another_list_form_another_group() -> None:
    w = proportional(
        {"m1": ("S", ("Sara", "Sven")), "m2": ("S", ("Sven", "Sara")), "m3": ("S", ("Sara",))},
        seats=2,
    )
    closed = w.votes.vote("v1").closed
    assert closed is not None
    assert len(closed.tally.groups) == 3
    assert closed.outcome.status is Status.LOT_NEEDED  # three groups of one vote, two seats


def test_a_name_elected_through_one_group_is_skipped_in_another() -> None:
    w = proportional(
        {
            "m1": ("A", ("Ada", "Bea")),
            "m2": ("A", ("Ada", "Bea")),
            "m3": ("A", ("Ada", "Bea")),
            "m4": ("B", ("Ada",)),
            "m5": ("B", ("Ada",)),
        },
        seats=2,
    )
    outcome = w.votes.vote("v1").outcome
    assert outcome is not None
    # A takes seat 1 (Ada); B's only name is taken, so seat 2 goes to A again (Bea).
    assert outcome.elected == ("Ada", "Bea")
    assert [g.seats for g in outcome.groups] == [2, 0]


def test_a_proportional_tie_is_decided_by_lot() -> None:
    w = proportional({"m1": ("A", ("Ada",)), "m2": ("B", ("Bo",)), "m3": ("C", ("Cy",))}, 2)
    outcome = w.votes.vote("v1").outcome
    assert outcome is not None and outcome.status is Status.LOT_NEEDED
    assert len(outcome.tied) == 3
    w.do(vc.CommitLotSeed("v1"))
    (drawn,) = w.do(vc.DrawLot("v1"))
    assert isinstance(drawn, ev.LotDrawn)
    assert drawn.outcome.status is Status.DECIDED
    assert drawn.outcome.decided_by is DecidedBy.LOT
    assert len(drawn.outcome.elected) == 2
    winners = {g.label for g in drawn.outcome.groups if g.seats}
    assert winners == {json.loads(gid)[0] for gid in drawn.order[:2]}


def test_a_granted_request_binds_the_election_of_those_seats() -> None:
    w = world()
    request(w, 3, ("m6", "m7"))
    by_majority = vc.OpenVote("Val", method=Method.MAJORITY, options=CANDIDATES, seats=3)
    assert w.refused(by_majority) == "vote.proportional_requested"
    secretly = vc.OpenVote("Val", method=Method.MAJORITY, options=CANDIDATES, seats=3, secret=True)
    assert w.refused(secretly) == "vote.proportional_requested"
    # Another number of seats is another election.
    w.do(vc.OpenVote("Val", method=Method.MAJORITY, options=CANDIDATES, seats=1))
    w.close("v1")
    open_proportional(w)


def test_the_parties_valsedlar_are_registered_at_the_opening() -> None:
    w = world()
    request(w, 3, ("m6", "m7"))
    s = Valsedel("S", ("Sara", "Sven", "Siv"))
    m = Valsedel("M", ("Mona", "Mats"))

    def opening(*ballots: Valsedel) -> vc.OpenVote:
        return vc.OpenVote(
            "Val av nämnd",
            method=Method.PROPORTIONAL,
            secret=True,
            seats=3,
            request="r1",
            ballots=ballots,
        )

    assert w.refused(opening(s, Valsedel("S", ("Sune",)))) == "vote.duplicate_valsedel"
    assert w.refused(opening(s, Valsedel("V", ()))) == "vote.bad_valsedel"
    assert w.refused(opening(Valsedel("V", ("Vera", "Vera")))) == "vote.bad_valsedel"
    w.do(opening(s, m))
    assert w.votes.vote("v1").opened.ballots == (s, m)
    for person, ballot in (("m1", s), ("m2", s), ("m3", s), ("m4", m), ("m7", m)):
        w.do(vc.CastVote("v1", label=ballot.label, names=ballot.names), actor_for(person))
    own = vc.CastVote("v1", label="Egen", names=("Egon",))  # a ballot of one's own stays possible
    w.do(own, actor_for("m5"))
    w.do(vc.CastVote("v1"), actor_for("m6"))  # blank
    w.close("v1")
    outcome = w.votes.vote("v1").outcome
    assert outcome is not None and set(outcome.elected) == {"Sara", "Sven", "Mona"}
    plain = vc.OpenVote("Bifall?", ballots=(s,))
    assert w.refused(plain) == "vote.request_not_expected"
