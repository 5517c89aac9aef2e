"""Öppen omröstning: opening with a fixed roster, casting, changing, closing."""

from __future__ import annotations

import pytest
from votes_world import CHAIR, DISPLAY, MEMBERS, ROSTER, SECRETARY, delegate, world

from voting_server.domain.context import Context
from voting_server.domain.errors import InvalidState, NotAllowed
from voting_server.domain.meeting import commands as mc
from voting_server.domain.meeting.events import (
    AgendaItem,
    CheckedIn,
    ItemStarted,
    JavDeclared,
    MeetingOpened,
    SeatTaken,
)
from voting_server.domain.meeting.state import MeetingState
from voting_server.domain.votes import VotesState, decide
from voting_server.domain.votes import commands as vc
from voting_server.domain.votes import events as ev
from voting_server.domain.votes.model import (
    QUESTION_OPTIONS,
    Ballot,
    DecidedBy,
    Method,
    NamedBallot,
    OptionCount,
    Outcome,
    PartyCount,
    Status,
    Tally,
    Voter,
)
from voting_server.domain.votes.opening import voters_of

PARTIES = ("s", "s", "s", "m", "m", "v", "v")
ALL_SEATED = tuple(
    Voter(i + 1, m, p) for i, (m, p) in enumerate(zip(MEMBERS, PARTIES, strict=True))
)


def test_open_fixes_the_roster_of_seated_members() -> None:
    w = world()
    assert w.do(vc.OpenVote("Bifall?", ja="p1", nej="p2")) == [
        ev.VoteOpened(
            vote="v1",
            item="i1",
            method=Method.QUESTION,
            secret=False,
            question="Bifall?",
            options=QUESTION_OPTIONS,
            seats=1,
            allow_change=True,
            voters=ALL_SEATED,
            ja="p1",
            nej="p2",
        )
    ]


def test_a_serving_substitute_votes_for_the_absent_members_seat() -> None:
    w = world(present=("m1", "m3", "m4", "m5", "m6", "e1"))
    (opened,) = w.do(vc.OpenVote("Bifall?"))
    assert isinstance(opened, ev.VoteOpened)
    assert Voter(2, "e1", "s") in opened.voters
    assert {v.person for v in opened.voters} == {"m1", "e1", "m3", "m4", "m5", "m6"}


def test_a_member_with_jav_is_left_out_and_the_substitute_serves() -> None:
    w = world(present=(*MEMBERS, "e1"), jav=("m2",))
    (opened,) = w.do(vc.OpenVote("Bifall?"))
    assert isinstance(opened, ev.VoteOpened)
    assert Voter(2, "e1", "s") in opened.voters
    assert "m2" not in {v.person for v in opened.voters}


def test_jav_leaves_a_seated_person_out_of_questions_but_not_elections() -> None:
    state = MeetingState()
    for event in (
        MeetingOpened("m", "t", ROSTER, (AgendaItem("i1", "x"),)),
        CheckedIn("m2"),
        SeatTaken(2, "m2"),
        JavDeclared("m2", "i1"),
        ItemStarted("i1"),
    ):
        state.apply(event, 0)
    assert voters_of(state, Method.QUESTION) == ()
    assert voters_of(state, Method.MAJORITY) == (Voter(2, "m2", "s"),)


def test_a_member_with_jav_votes_in_an_election_instead_of_the_substitute() -> None:
    w = world(present=(*MEMBERS, "e1"), jav=("m2",))
    assert w.meeting.core.seated[2] == "e1"  # the substitute serves during the item
    (opened,) = w.do(vc.OpenVote("Val", method=Method.MAJORITY, options=("A", "B")))
    assert isinstance(opened, ev.VoteOpened)
    assert Voter(2, "m2", "s") in opened.voters
    assert "e1" not in {v.person for v in opened.voters}


def test_opening_needs_an_item_quorum_and_no_other_open_vote() -> None:
    assert world(item=None).refused(vc.OpenVote("q")) == "vote.no_item"
    assert world(present=("m1", "m2", "m3")).refused(vc.OpenVote("q")) == "meeting.no_quorum"
    w = world()
    w.open_question()
    assert w.refused(vc.OpenVote("q")) == "vote.another_open"
    w.close("v1")
    (reopened,) = w.do(vc.OpenVote("q"))
    assert isinstance(reopened, ev.VoteOpened) and reopened.vote == "v2"  # the next id


def test_opening_refuses_options_that_do_not_fit_the_method() -> None:
    w = world()
    assert w.refused(vc.OpenVote("q", options=("a",))) == "vote.bad_options"
    assert w.refused(vc.OpenVote("q", seats=2)) == "vote.bad_seats"
    election = vc.OpenVote("q", method=Method.MAJORITY, options=("a", "a"))
    assert w.refused(election) == "vote.bad_options"
    assert w.refused(vc.OpenVote("q", method=Method.MAJORITY)) == "vote.bad_options"
    assert w.refused(vc.OpenVote("q", request="r1")) == "vote.request_not_expected"


def test_only_the_chair_opens_and_closes() -> None:
    w = world()
    with pytest.raises(NotAllowed):
        w.do(vc.OpenVote("q"), delegate("m2"))
    w.open_question()
    with pytest.raises(NotAllowed):
        w.do(vc.CloseVote("v1"), DISPLAY)


def test_a_ballot_is_cast_by_name() -> None:
    w = world()
    w.open_question()
    assert w.cast("v1", "m2", "ja") == [ev.BallotCast("v1", 2, "m2", Ballot(choice="ja"))]


def test_an_identical_retry_changes_nothing() -> None:
    w = world()
    w.open_question()
    w.cast("v1", "m2", "ja")
    assert w.cast("v1", "m2", "ja") == []
    assert w.votes.vote("v1").ballots == {2: Ballot(choice="ja")}


def test_a_ballot_may_change_until_the_close_when_the_vote_allows() -> None:
    w = world()
    w.open_question()
    w.cast("v1", "m2", "ja")
    assert w.cast("v1", "m2", "nej") == [ev.BallotCast("v1", 2, "m2", Ballot(choice="nej"))]
    assert w.votes.vote("v1").ballots == {2: Ballot(choice="nej")}


def test_a_ballot_may_not_change_when_the_vote_forbids() -> None:
    w = world()
    w.open_question(allow_change=False)
    w.cast("v1", "m2", "ja")
    assert w.cast("v1", "m2", "ja") == []
    assert w.refused(vc.CastVote("v1", choice="nej"), delegate("m2")) == "vote.already_voted"


def test_refused_ballots() -> None:
    w = world(present=(*MEMBERS, "e1"))
    w.open_question()
    assert w.refused(vc.CastVote("v1", choice="kanske"), delegate("m2")) == "vote.bad_ballot"
    assert w.refused(vc.CastVote("v1", choice="ja", names=("x",)), delegate("m2")) == (
        "vote.bad_ballot"
    )
    assert w.refused(vc.CastVote("v1", choice="ja"), delegate("e1")) == "vote.not_entitled"
    assert w.refused(vc.CastVote("v1", choice="ja"), SECRETARY) == "vote.not_entitled"
    assert w.refused(vc.CastVote("v1", choice="ja", person="m3"), delegate("m2")) == (
        "auth.not_yourself"
    )
    assert w.refused(vc.CastVote("nope", choice="ja"), delegate("m2")) == "vote.unknown"


def test_the_secretary_may_register_a_ballot_for_a_member() -> None:
    w = world()
    w.open_question()
    assert w.do(vc.CastVote("v1", choice="nej", person="m3"), SECRETARY) == [
        ev.BallotCast("v1", 3, "m3", Ballot(choice="nej"))
    ]


def test_a_member_who_left_may_not_vote() -> None:
    w = world()
    w.open_question()
    w.meet(mc.CheckOut("m7"), SECRETARY)
    assert w.refused(vc.CastVote("v1", choice="ja"), delegate("m7")) == "vote.not_present"


def test_a_ballot_after_the_close_is_refused() -> None:
    w = world()
    w.open_question()
    w.close()
    assert w.refused(vc.CastVote("v1", choice="ja"), delegate("m2")) == "vote.closed"
    assert w.refused(vc.CloseVote("v1")) == "vote.closed"


def test_the_close_keeps_every_seat_the_parties_and_the_result() -> None:
    w = world()
    w.open_question()
    for person, choice in [("m1", "ja"), ("m2", "ja"), ("m3", "avstar"), ("m4", "nej")]:
        w.cast("v1", person, choice)
    w.cast("v1", "m6", "ja")
    (closed,) = w.close()
    assert closed == ev.VoteClosed(
        vote="v1",
        tally=Tally(5, _counts(3, 1, 1)),
        outcome=Outcome(Status.DECIDED, DecidedBy.VOTES, "ja"),
        named=(
            NamedBallot(1, "m1", "s", Ballot(choice="ja")),
            NamedBallot(2, "m2", "s", Ballot(choice="ja")),
            NamedBallot(3, "m3", "s", Ballot(choice="avstar")),
            NamedBallot(4, "m4", "m", Ballot(choice="nej")),
            NamedBallot(5, "m5", "m", None),
            NamedBallot(6, "m6", "v", Ballot(choice="ja")),
            NamedBallot(7, "m7", "v", None),
        ),
        by_party=(
            PartyCount("m", 2, 1, _counts(0, 1, 0)),
            PartyCount("s", 3, 3, _counts(2, 0, 1)),
            PartyCount("v", 2, 1, _counts(1, 0, 0)),
        ),
    )
    assert w.votes.current is None


def _counts(ja: int, nej: int, avstar: int) -> tuple[OptionCount, ...]:
    return (OptionCount("ja", ja), OptionCount("nej", nej), OptionCount("avstar", avstar))


def test_nothing_is_decided_before_the_meeting_opens_or_after_it_adjourns() -> None:
    with pytest.raises(InvalidState) as caught:
        decide(VotesState(), MeetingState(), vc.OpenVote("q"), CHAIR, Context(0))
    assert caught.value.code == "meeting.not_opened"
    w = world()
    w.open_question()
    w.meet(mc.Adjourn())
    assert w.refused(vc.CastVote("v1", choice="ja"), delegate("m2")) == "meeting.adjourned"


def test_jav_declared_while_a_question_is_open_takes_the_seat_off_its_roster() -> None:
    """The roster is fixed at the opening; jäv after it removes the person, ballot and all."""
    w = world(present=(*MEMBERS, "e1"))
    w.votes = w.meeting.votes  # one state, so the aggregate sees the open vote
    w.open_question()
    w.cast("v1", "m2", "ja")
    w.cast("v1", "m3", "nej")
    declared = w.meet(mc.DeclareJav("i1", "m2"), SECRETARY)
    assert ev.VoterExcused("v1", 2, "m2", discarded=True) in declared
    assert w.meeting.core.seated[2] == "e1"  # the substitute serves for the item ...
    assert w.refused(vc.CastVote("v1", "ja"), delegate("e1")) == "vote.not_entitled"
    assert w.refused(vc.CastVote("v1", "ja"), delegate("m2")) == "vote.not_entitled"
    # ... and one who had not voted yet leaves the roster too, with nothing set aside.
    assert ev.VoterExcused("v1", 4, "m4", discarded=False) in w.meet(
        mc.DeclareJav("i1", "m4"), SECRETARY
    )
    w.cast("v1", "m5", "nej")
    (closed, *_) = w.close()
    assert isinstance(closed, ev.VoteClosed)
    assert closed.tally.ballots == 2  # m3 and m5: the ja of m2 is not counted
    assert closed.outcome.choice == "nej"
    assert {line.person for line in closed.named} == {"m1", "m3", "m5", "m6", "m7"}
    assert sum(p.voters for p in closed.by_party) == 5


def test_jav_during_an_election_leaves_its_roster_as_it_is() -> None:
    w = world()
    w.votes = w.meeting.votes
    w.do(vc.OpenVote("Val", method=Method.MAJORITY, options=("A", "B")))
    declared = w.meet(mc.DeclareJav("i1", "m2"), SECRETARY)
    assert not any(isinstance(e, ev.VoterExcused) for e in declared)
    assert "m2" in {v.person for v in w.votes.vote("v1").voters}
