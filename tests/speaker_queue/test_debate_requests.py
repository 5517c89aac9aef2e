"""Requests from the floor: begära ordet, replik, kontrareplik, ordningsfråga."""

from __future__ import annotations

import pytest

from speaker_queue import (
    CloseList,
    DebateSettings,
    DebateSettingsChanged,
    FloorRequested,
    ListClosed,
    PersonNamed,
    RaisePointOfOrder,
    RequestFloor,
    RequestKind,
    RequestKontrareplik,
    RequestReplik,
    RequestWithdrawn,
    WithdrawRequest,
)

ITEM = "item-1"
SPEECH, REPLIK = RequestKind.SPEECH, RequestKind.REPLIK
KONTRA, ORDER = RequestKind.KONTRAREPLIK, RequestKind.POINT_OF_ORDER


# --- begära ordet (asking for the floor) -------------------------------------


def test_a_member_asks_for_the_floor(debate):
    assert debate.when(RequestFloor(), "anna") == [FloorRequested(ITEM, "q1", "anna", SPEECH)]


def test_speakers_wait_in_the_order_they_asked(debate):
    debate.given(debate.requested("q1", "anna"))
    assert debate.when(RequestFloor(), "bo") == [FloorRequested(ITEM, "q2", "bo", SPEECH)]
    debate.run(RequestFloor(), "bo")
    assert debate.waiting() == [("q1", "anna", "speech"), ("q2", "bo", "speech")]


def test_nobody_waits_twice_for_a_speech(debate):
    debate.given(debate.requested("q1", "anna"))
    assert debate.refused(RequestFloor(), "anna") == "debate.already_waiting"


def test_the_current_speaker_may_ask_for_a_later_speech(debate):
    debate.given(debate.requested("q1", "anna"), debate.floor("q1", "anna"))
    assert debate.when(RequestFloor(), "anna") == [FloorRequested(ITEM, "q2", "anna", SPEECH)]


def test_debate_needs_an_item(debate):
    assert debate.refused(RequestFloor(), "anna", item=None) == "debate.no_item"


@pytest.mark.parametrize(
    ("person", "code"),
    [("away", "debate.not_present"), ("ghost", "debate.not_present"), ("jon", "debate.jav")],
)
def test_absent_and_disqualified_persons_are_refused(debate, person, code):
    assert debate.refused(RequestFloor(), person) == code
    assert debate.refused(RaisePointOfOrder(), person) == code


def test_a_substitute_who_is_not_serving_may_speak(debate):
    assert debate.when(RequestFloor(), "sam") == [FloorRequested(ITEM, "q1", "sam", SPEECH)]


def test_a_member_acts_only_for_themselves(debate):
    assert debate.refused(RequestFloor(person="bo"), "anna") == "debate.not_yourself"


def test_the_chair_asks_for_the_floor_for_a_member(debate):
    assert debate.when(RequestFloor(person="bo"), "chair") == [
        FloorRequested(ITEM, "q1", "bo", SPEECH)
    ]


def test_an_actor_without_a_person_must_name_one(debate):
    assert debate.refused(RequestFloor(), None, chair=True) == "debate.person_required"
    assert debate.when(RequestFloor(person="bo"), None, chair=True)


def test_a_member_withdraws_their_request(debate):
    debate.given(debate.requested("q1", "anna"), debate.requested("q2", "bo"))
    assert debate.when(WithdrawRequest("q1"), "anna") == [RequestWithdrawn(ITEM, "q1")]
    debate.run(WithdrawRequest("q1"), "anna")
    assert debate.waiting() == [("q2", "bo", "speech")]


def test_a_member_cannot_withdraw_another_request(debate):
    debate.given(debate.requested("q1", "anna"))
    assert debate.refused(WithdrawRequest("q1"), "bo") == "debate.not_yourself"
    assert debate.when(WithdrawRequest("q1"), "chair") == [RequestWithdrawn(ITEM, "q1")]


def test_withdrawing_an_unknown_request_is_refused(debate):
    assert debate.refused(WithdrawRequest("q9"), "anna") == "debate.unknown_request"


def test_no_new_names_after_the_streck(debate):
    debate.given(ListClosed(ITEM, keep_waiting=True, replik_allowed=True))
    assert debate.refused(RequestFloor(), "anna") == "debate.list_closed"


def test_the_chair_may_add_a_name_after_the_streck(debate):
    debate.given(ListClosed(ITEM, keep_waiting=True, replik_allowed=True))
    command = RequestFloor(person="anna", chair_override=True)
    assert debate.when(command, "chair") == [FloorRequested(ITEM, "q1", "anna", SPEECH)]


def test_only_the_chair_may_override(debate):
    command = RequestFloor(chair_override=True)
    assert debate.refused(command, "anna") == "debate.not_chair"


# --- replik (a short reply to the latest speech) ------------------------------


def _anna_speaks(debate):
    """Given: bo spoke earlier; anna now has the floor."""
    return debate.spoke("q1", "bo").given(
        debate.requested("q2", "anna"), debate.floor("q2", "anna", at=debate.t0 + 100_000)
    )


def test_a_member_who_has_spoken_may_reply(debate):
    _anna_speaks(debate)
    assert debate.when(RequestReplik(), "bo") == [FloorRequested(ITEM, "q3", "bo", REPLIK, "q2")]


def test_replik_needs_a_speech(debate):
    assert debate.refused(RequestReplik(), "bo") == "debate.no_speech_to_answer"


def test_no_replik_on_ones_own_speech(debate):
    _anna_speaks(debate)
    assert debate.refused(RequestReplik(), "anna") == "debate.own_speech"


def test_replik_only_by_who_has_spoken_or_was_named(debate):
    _anna_speaks(debate)
    assert debate.refused(RequestReplik(), "cai") == "debate.replik_not_allowed"


def test_a_named_member_may_reply(debate):
    _anna_speaks(debate).given(PersonNamed(ITEM, "q2", "cai"))
    assert debate.when(RequestReplik(), "cai") == [FloorRequested(ITEM, "q3", "cai", REPLIK, "q2")]


def test_the_chair_may_grant_a_replik_anyway(debate):
    _anna_speaks(debate)
    command = RequestReplik(person="cai", chair_override=True)
    assert debate.when(command, "chair") == [FloorRequested(ITEM, "q3", "cai", REPLIK, "q2")]


def test_the_spoken_rule_can_be_switched_off(debate):
    _anna_speaks(debate).given(DebateSettingsChanged(DebateSettings(replik_requires_spoken=False)))
    assert debate.when(RequestReplik(), "cai")


def test_at_most_two_repliks_per_speech(debate):
    _anna_speaks(debate).given(
        debate.requested("q3", "bo", REPLIK, "q2"),
        PersonNamed(ITEM, "q2", "cai"),
        PersonNamed(ITEM, "q2", "dora"),
    )
    debate.run(RequestReplik(), "cai")
    assert debate.refused(RequestReplik(), "dora") == "debate.replik_limit"


def test_a_withdrawn_replik_frees_its_place(debate):
    _anna_speaks(debate).given(
        debate.requested("q3", "bo", REPLIK, "q2"),
        debate.requested("q4", "cai", REPLIK, "q2"),
        RequestWithdrawn(ITEM, "q4"),
        PersonNamed(ITEM, "q2", "dora"),
    )
    assert debate.when(RequestReplik(), "dora")


def test_one_replik_per_member_and_speech(debate):
    _anna_speaks(debate).given(
        debate.requested("q3", "bo", REPLIK, "q2"),
        debate.floor("q3", "bo", REPLIK, target="q2"),
        debate.finished("q3", "bo", at=debate.t0 + 200_000, duration=30_000),
    )
    assert debate.refused(RequestReplik(), "bo") == "debate.already_replied"


def test_nobody_waits_twice_for_a_replik(debate):
    _anna_speaks(debate).given(debate.requested("q3", "bo", REPLIK, "q2"))
    assert debate.refused(RequestReplik(), "bo") == "debate.already_waiting"


def test_a_replik_answers_the_latest_speech(debate):
    debate.spoke("q1", "bo").spoke("q2", "anna", at=debate.t0 + 100_000)
    assert debate.when(RequestReplik(), "bo") == [FloorRequested(ITEM, "q3", "bo", REPLIK, "q2")]


def test_repliks_after_the_streck_when_allowed(debate):
    _anna_speaks(debate).given(ListClosed(ITEM, keep_waiting=True, replik_allowed=True))
    assert debate.when(RequestReplik(), "bo")


def test_no_repliks_after_a_streck_that_shuts_them_out(debate):
    _anna_speaks(debate).given(ListClosed(ITEM, keep_waiting=True, replik_allowed=False))
    assert debate.refused(RequestReplik(), "bo") == "debate.list_closed"
    command = RequestReplik(person="bo", chair_override=True)
    assert debate.when(command, "chair")


def test_repliks_wait_before_ordinary_speeches(debate):
    _anna_speaks(debate).given(debate.requested("q3", "dora"))
    debate.run(RequestReplik(), "bo")
    assert debate.waiting() == [("q4", "bo", "replik"), ("q3", "dora", "speech")]


# --- kontrareplik (the speaker's answer to a replik) -------------------------


def _bo_replies(debate):
    """Given: anna spoke; bo's replik on it is under way; cai waits with another."""
    _anna_speaks(debate).given(
        debate.finished("q2", "anna", at=debate.t0 + 150_000, duration=50_000),
        PersonNamed(ITEM, "q2", "cai"),
        debate.requested("q3", "bo", REPLIK, "q2"),
        debate.requested("q4", "cai", REPLIK, "q2"),
        debate.floor("q3", "bo", REPLIK, at=debate.t0 + 160_000, target="q2"),
    )
    return debate


def test_the_speaker_answers_a_replik(debate):
    _bo_replies(debate)
    assert debate.when(RequestKontrareplik(), "anna") == [
        FloorRequested(ITEM, "q5", "anna", KONTRA, "q3")
    ]


def test_a_kontrareplik_comes_right_after_its_replik(debate):
    _bo_replies(debate).run(RequestKontrareplik(), "anna")
    assert debate.waiting() == [("q5", "anna", "kontrareplik"), ("q4", "cai", "replik")]


def test_a_kontrareplik_may_follow_a_finished_replik(debate):
    _bo_replies(debate).given(debate.finished("q3", "bo", at=debate.t0 + 200_000, duration=40_000))
    assert debate.when(RequestKontrareplik(), "anna")


def test_only_the_speaker_replied_to_may_answer(debate):
    _bo_replies(debate)
    assert debate.refused(RequestKontrareplik(), "cai") == "debate.no_replik_to_answer"


def test_no_kontrareplik_without_a_replik(debate):
    _anna_speaks(debate)
    assert debate.refused(RequestKontrareplik(), "anna") == "debate.no_replik_to_answer"


def test_one_kontrareplik_per_replik(debate):
    _bo_replies(debate).run(RequestKontrareplik(), "anna")
    assert debate.refused(RequestKontrareplik(), "anna") == "debate.already_answered"


def test_the_chance_to_answer_passes_with_the_next_replik(debate):
    _bo_replies(debate).given(
        debate.finished("q3", "bo", at=debate.t0 + 200_000, duration=40_000),
        debate.floor("q4", "cai", REPLIK, at=debate.t0 + 210_000, target="q2"),
    )
    assert debate.when(RequestKontrareplik(), "anna") == [
        FloorRequested(ITEM, "q5", "anna", KONTRA, "q4")
    ]


def test_a_point_of_order_does_not_end_the_chance_to_answer(debate):
    _bo_replies(debate).given(
        debate.finished("q3", "bo", at=debate.t0 + 200_000, duration=40_000),
        debate.requested("q5", "dora", ORDER),
        debate.floor("q5", "dora", ORDER, at=debate.t0 + 210_000),
    )
    assert debate.when(RequestKontrareplik(), "anna") == [
        FloorRequested(ITEM, "q6", "anna", KONTRA, "q3")
    ]


# --- ordningsfråga (point of order) -------------------------------------------


def test_a_point_of_order_goes_before_everyone_waiting(debate):
    _bo_replies(debate).given(debate.requested("q5", "dora"))
    debate.run(RequestKontrareplik(), "anna")
    debate.run(RaisePointOfOrder(), "sam")
    assert debate.waiting()[0] == ("q7", "sam", "ordningsfraga")
    assert [kind for _, _, kind in debate.waiting()] == [
        "ordningsfraga",
        "kontrareplik",
        "replik",
        "speech",
    ]


def test_points_of_order_keep_their_own_order(debate):
    debate.given(debate.requested("q1", "anna"), debate.requested("q2", "bo", ORDER))
    debate.run(RaisePointOfOrder(), "cai")
    assert debate.waiting() == [
        ("q2", "bo", "ordningsfraga"),
        ("q3", "cai", "ordningsfraga"),
        ("q1", "anna", "speech"),
    ]


def test_a_point_of_order_is_allowed_after_the_streck(debate):
    debate.given(ListClosed(ITEM, keep_waiting=True, replik_allowed=False))
    assert debate.when(RaisePointOfOrder(), "anna") == [FloorRequested(ITEM, "q1", "anna", ORDER)]


def test_one_point_of_order_at_a_time(debate):
    debate.given(debate.requested("q1", "anna", ORDER))
    assert debate.refused(RaisePointOfOrder(), "anna") == "debate.already_waiting"
    assert debate.when(RequestFloor(), "anna")


def test_closing_the_list_is_the_chairs(debate):
    # Roles are the host's check: a delegate's CloseList never reaches decide.
    assert "delegate" not in CloseList.roles
