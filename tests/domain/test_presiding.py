"""Who presides: the log records the ordförande at the opening and every handover."""

from __future__ import annotations

from tests.domain.meeting_fixtures import CHAIR, arrived, delegate, refused, when
from voting_server.domain.base import Actor, Role
from voting_server.domain.meeting import commands as c
from voting_server.domain.meeting.events import ChairHandedOver
from voting_server.domain.votes import commands as vc
from voting_server.domain.votes.model import Choice, DecidedBy

SECRETARY = Actor(Role.SECRETARY, "sekr")
VICE = Actor(Role.CHAIR, "m2")


def test_the_one_presiding_hands_over_the_chair() -> None:
    meeting = arrived("m1", "m2", "m3", "m4", item="2")
    assert meeting.core.presiding == "m1"
    assert refused(meeting, c.HandOverChair("m2"), VICE) == "chair.not_presiding"
    assert refused(meeting, c.HandOverChair("m5"), CHAIR) == "chair.not_present"
    assert refused(meeting, c.HandOverChair("e1"), CHAIR) == "chair.not_a_member"
    assert refused(meeting, c.HandOverChair("m1"), CHAIR) == "chair.already_presiding"
    assert refused(meeting, c.HandOverChair("m2"), SECRETARY) == "chair.present"
    assert when(meeting, c.HandOverChair("m2"), CHAIR)[0] == ChairHandedOver("m2", "m1")
    assert meeting.core.presiding == "m2"
    assert meeting.core.presided == ["m1", "m2"]
    assert meeting.core.presided_items["2"] == ["m1", "m2"]


def test_the_console_rights_follow_the_chair() -> None:
    meeting = arrived("m1", "m2", "m3", "m4", item="2")
    when(meeting, c.HandOverChair("m2"), CHAIR)
    assert refused(meeting, c.FinishItem(), CHAIR) == "chair.not_presiding"
    when(meeting, c.FinishItem(), VICE)
    # The ordförande is a member again, voting from the tablet.
    when(meeting, c.StartItem("3"), VICE)
    when(meeting, vc.OpenVote("Bifall?"), VICE)
    assert refused(meeting, vc.CastVote("v1", choice="ja"), CHAIR) == "chair.not_presiding"
    when(meeting, vc.CastVote("v1", choice="ja"), delegate("m1"))


def test_the_casting_vote_belongs_to_the_one_presiding() -> None:
    meeting = arrived("m1", "m2", "m3", "m4", item="2")
    when(meeting, c.HandOverChair("m2"), CHAIR)
    when(meeting, vc.OpenVote("Bifall?"), VICE)
    for person, choice in (("m1", "ja"), ("m2", "nej"), ("m3", "ja"), ("m4", "nej")):
        actor = VICE if person == "m2" else delegate(person)
        when(meeting, vc.CastVote("v1", choice=choice), actor)
    when(meeting, vc.CloseVote("v1"), VICE)
    outcome = meeting.votes.vote("v1").outcome
    assert outcome is not None
    assert (outcome.choice, outcome.decided_by) == (Choice.NEJ, DecidedBy.CASTING_VOTE)


def test_a_chair_with_jav_hands_over_for_that_item() -> None:
    meeting = arrived("m1", "m2", "m3", "m4", item="2")
    when(meeting, c.DeclareJav("2"), CHAIR)
    assert refused(meeting, c.FinishItem(), CHAIR) == "chair.jav"
    when(meeting, c.HandOverChair("m2"), CHAIR)  # still allowed: the way out
    assert refused(meeting, c.HandOverChair("m1"), VICE) == "chair.jav"  # not back on that item
    when(meeting, c.FinishItem(), VICE)
    when(meeting, c.HandOverChair("m1"), VICE)
    assert meeting.core.presiding == "m1"


def test_the_secretary_hands_over_when_the_chair_is_away() -> None:
    meeting = arrived("m1", "m2", "m3", "m4", item="2")
    when(meeting, c.CheckOut(), CHAIR)
    assert when(meeting, c.HandOverChair("m3"), SECRETARY)[0] == ChairHandedOver("m3", "sekr")
    assert meeting.core.presiding == "m3"
