"""Given events, when a command, then events (or a refusal): attendance and seats."""

from __future__ import annotations

import pytest

from tests.domain.meeting_fixtures import (
    CHAIR,
    arrived,
    delegate,
    given,
    present,
    refused,
    started,
    when,
)
from tests.domain.test_deadlines import stockholm_ms
from voting_server.domain.base import Actor, Role
from voting_server.domain.errors import DomainError
from voting_server.domain.meeting import commands as c
from voting_server.domain.meeting.events import (
    CheckedIn,
    CheckedOut,
    ItemFinished,
    RollCallConfirmed,
    RollCallOpened,
    SeatingRulesSet,
    SeatTaken,
    SeatVacated,
)


def test_a_member_checks_in_and_takes_their_seat() -> None:
    meeting = given()
    assert when(meeting, c.CheckIn(), delegate("m2")) == [CheckedIn("m2"), SeatTaken(2, "m2")]
    assert meeting.core.seated == {2: "m2"}


def test_quorum_needs_more_than_half_of_the_seats() -> None:
    meeting = given(*present("m1", "m2"))
    assert not meeting.core.quorum
    when(meeting, c.CheckIn(), delegate("m4"))
    assert meeting.core.quorum


def test_a_delegate_may_check_in_only_themselves() -> None:
    assert refused(given(), c.CheckIn("m3"), delegate("m2")) == "auth.not_yourself"


def test_the_secretary_checks_in_a_member_without_a_tablet() -> None:
    secretary = Actor(Role.SECRETARY, "sekr")
    assert when(given(), c.CheckIn("m3"), secretary) == [CheckedIn("m3"), SeatTaken(3, "m3")]


def test_checking_in_twice_is_refused() -> None:
    assert refused(given(*present("m2")), c.CheckIn(), delegate("m2")) == (
        "attendance.already_present"
    )


def test_a_member_who_left_may_not_return() -> None:
    meeting = given(*present("m2"), CheckedOut("m2"))
    assert refused(meeting, c.CheckIn(), delegate("m2")) == "attendance.left_meeting"


def test_a_substitute_serves_for_an_absent_member_of_the_same_party_in_order() -> None:
    meeting = given(*present("m1", "m2", "m4"))
    assert when(meeting, c.CheckIn(), delegate("e2")) == [CheckedIn("e2"), SeatTaken(3, "e2")]
    # e1 ranks first but arrives second: the serving substitute keeps the seat.
    assert when(meeting, c.CheckIn(), delegate("e1")) == [CheckedIn("e1")]
    assert meeting.core.seated[3] == "e2"


def test_a_substitute_never_serves_for_another_party() -> None:
    meeting = given(*present("m1", "m2", "m3", "m4"))
    assert when(meeting, c.CheckIn(), delegate("e1")) == [CheckedIn("e1")]
    assert 5 not in meeting.core.seated


def test_a_late_member_takes_the_seat_back_only_between_items() -> None:
    meeting = arrived("m2", "m3", "e1", item="1")
    assert meeting.core.seated[1] == "e1"
    assert when(meeting, c.CheckIn(), delegate("m1")) == [CheckedIn("m1")]
    assert meeting.core.seated[1] == "e1"
    assert when(meeting, c.FinishItem(), CHAIR) == [
        ItemFinished("1"),
        SeatVacated(1, "e1"),
        SeatTaken(1, "m1"),
    ]


def test_a_member_arriving_between_items_takes_the_seat_at_once() -> None:
    meeting = arrived("m2", "m3", "e1")
    assert when(meeting, c.CheckIn(), delegate("m1")) == [
        CheckedIn("m1"),
        SeatVacated(1, "e1"),
        SeatTaken(1, "m1"),
    ]


def test_a_member_leaving_hands_the_seat_to_a_present_substitute() -> None:
    meeting = arrived("m1", "m2", "m3", "e1")
    assert when(meeting, c.CheckOut(), delegate("m2")) == [
        CheckedOut("m2"),
        SeatVacated(2, "m2"),
        SeatTaken(2, "e1"),
    ]


def test_jav_on_the_current_item_gives_the_seat_to_a_substitute() -> None:
    meeting = arrived("m1", "m2", "m3", "e1", item="2")
    events = when(meeting, c.DeclareJav("2"), delegate("m2"))
    assert events[1:] == [SeatVacated(2, "m2"), SeatTaken(2, "e1")]
    assert meeting.core.is_present("m2")
    when(meeting, c.FinishItem(), CHAIR)
    assert meeting.core.seated[2] == "m2"


def test_jav_cannot_be_withdrawn_during_the_item() -> None:
    meeting = given(*present("m2"), *started("2"))
    when(meeting, c.DeclareJav("2"), delegate("m2"))
    assert refused(meeting, c.WithdrawJav("2"), delegate("m2")) == "jav.item_in_progress"


def test_the_chair_opens_and_confirms_the_roll_call() -> None:
    meeting = given(*present("m1", "m4"))
    assert when(meeting, c.OpenRollCall(), CHAIR) == [RollCallOpened()]
    assert when(meeting, c.ConfirmRollCall(), CHAIR) == [
        RollCallConfirmed(("m1", "m4"), ((1, "m1"), (4, "m4")))
    ]


def test_confirming_a_roll_call_that_is_not_open_is_refused() -> None:
    assert refused(given(), c.ConfirmRollCall(), CHAIR) == "rollcall.not_open"


def test_a_delegate_may_not_run_the_agenda() -> None:
    assert refused(given(), c.StartItem("1"), delegate("m2")) == "auth.forbidden"


def test_items_run_one_at_a_time_and_once() -> None:
    meeting = given(*started("1"))
    assert refused(meeting, c.StartItem("2"), CHAIR) == "agenda.item_in_progress"
    when(meeting, c.FinishItem(), CHAIR)
    assert refused(meeting, c.StartItem("1"), CHAIR) == "agenda.item_finished"
    assert refused(meeting, c.StartItem("9"), CHAIR) == "agenda.unknown_item"


def test_nothing_is_accepted_after_adjournment() -> None:
    meeting = given()
    when(meeting, c.Adjourn(), CHAIR)
    assert refused(meeting, c.CheckIn(), delegate("m2")) == "meeting.adjourned"


def test_a_refusal_leaves_the_state_unchanged() -> None:
    meeting = given(*present("m2"))
    before = (dict(meeting.core.seated), dict(meeting.core.presence))
    refused(meeting, c.CheckIn(), delegate("m2"))
    assert (meeting.core.seated, meeting.core.presence) == before


def test_a_member_who_stepped_out_for_jav_comes_back_for_the_next_item() -> None:
    meeting = arrived("m1", "m2", "m3", "e1", item="2")
    when(meeting, c.DeclareJav("2"), delegate("m2"))
    when(meeting, c.CheckOut(), delegate("m2"))  # leaves the room during the item
    assert when(meeting, c.CheckIn(), delegate("m2"))[0] == CheckedIn("m2")
    assert meeting.core.seated[2] == "e1"  # not during the item of the jäv ...
    when(meeting, c.FinishItem(), CHAIR)
    assert meeting.core.seated[2] == "m2"  # ... but for the next one


def test_the_bar_on_coming_back_lasts_the_swedish_day_only() -> None:
    evening = stockholm_ms(2027, 11, 24, 21, 30)
    meeting = given(*present("m2"))
    when(meeting, c.CheckOut(), delegate("m2"), now=evening)
    same_night = stockholm_ms(2027, 11, 24, 23, 59)
    with pytest.raises(DomainError) as caught:
        when(meeting, c.CheckIn(), delegate("m2"), now=same_night)
    assert caught.value.code == "attendance.left_meeting"
    # 00.30 Swedish time is the next day (still 23.30 on the 24th in UTC).
    next_morning = stockholm_ms(2027, 11, 25, 0, 30)
    assert when(meeting, c.CheckIn(), delegate("m2"), now=next_morning) == [
        CheckedIn("m2"),
        SeatTaken(2, "m2"),
    ]


def test_an_assembly_may_let_a_late_member_take_the_seat_at_once() -> None:
    meeting = given(SeatingRulesSet(late_member_waits=False), *present("m2", "m3", "e1"))
    when(meeting, c.StartItem("1"), CHAIR)
    assert meeting.core.seated[1] == "e1"
    assert when(meeting, c.CheckIn(), delegate("m1")) == [
        CheckedIn("m1"),
        SeatVacated(1, "e1"),
        SeatTaken(1, "m1"),
    ]
