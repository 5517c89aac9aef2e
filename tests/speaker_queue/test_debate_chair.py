"""The chair's controls: floor, clock, order of the list, streck, settings."""

from __future__ import annotations

from speaker_queue import (
    ChangeDebateSettings,
    CloseList,
    DebateSettings,
    DebateSettingsChanged,
    FinishSpeech,
    FloorGiven,
    GiveFloor,
    ListClosed,
    ListReopened,
    MoveRequest,
    NamePerson,
    NextSpeaker,
    PauseSpeech,
    PersonNamed,
    ReaddRequest,
    RemoveRequest,
    ReopenList,
    RequestFloor,
    RequestKind,
    RequestMoved,
    RequestReadded,
    RequestRemoved,
    RequestReplik,
    RequestSkipped,
    ResumeSpeech,
    SkipRequest,
    SpeechFinished,
    SpeechPaused,
    SpeechResumed,
    end_item,
)

ITEM = "item-1"
SPEECH, REPLIK = RequestKind.SPEECH, RequestKind.REPLIK
KONTRA, ORDER = RequestKind.KONTRAREPLIK, RequestKind.POINT_OF_ORDER
MIN = 60_000


# --- giving the floor ---------------------------------------------------------


def test_the_first_waiting_gets_the_floor_with_the_first_speech_limit(debate):
    debate.given(debate.requested("q1", "anna"), debate.requested("q2", "bo"))
    now = debate.t0 + 5_000
    assert debate.when(GiveFloor(), "chair", now=now) == [
        FloorGiven(
            item=ITEM,
            request="q1",
            person="anna",
            kind=SPEECH,
            first_speech=True,
            target=None,
            party="S",
            gender="f",
            started_at=now,
            limit_ms=300_000,
            warn_at_ms=270_000,
            replik_limit=2,
        )
    ]


def test_a_later_speech_has_the_shorter_limit(debate):
    debate.spoke("q1", "anna").given(debate.requested("q2", "anna"))
    [given] = debate.when(GiveFloor(), "chair")
    assert (given.first_speech, given.limit_ms, given.warn_at_ms) == (False, 180_000, 150_000)


def test_each_kind_of_speech_has_its_limit(debate):
    debate.spoke("q1", "anna").given(
        debate.requested("q2", "bo", REPLIK, "q1"),
        debate.floor("q2", "bo", REPLIK, target="q1"),
        debate.requested("q3", "anna", KONTRA, "q2"),
        debate.finished("q2", "bo", at=debate.t0 + MIN, duration=MIN),
    )
    [kontra] = debate.when(GiveFloor(), "chair")
    assert (kontra.kind, kontra.limit_ms, kontra.target, kontra.replik_limit) == (
        KONTRA,
        60_000,
        "q2",
        0,
    )
    debate.given(debate.requested("q4", "cai", ORDER))
    [order] = debate.when(GiveFloor(), "chair")
    assert (order.person, order.kind, order.limit_ms) == ("cai", ORDER, 60_000)


def test_a_replik_has_its_limit(debate):
    debate.spoke("q1", "anna").given(debate.requested("q2", "bo", REPLIK, "q1"))
    [replik] = debate.when(GiveFloor(), "chair")
    assert (replik.kind, replik.limit_ms, replik.warn_at_ms) == (REPLIK, 120_000, 90_000)


def test_the_chair_gives_the_floor_to_a_named_request(debate):
    debate.given(debate.requested("q1", "anna"), debate.requested("q2", "bo"))
    [given] = debate.when(GiveFloor("q2"), "chair")
    assert (given.request, given.person) == ("q2", "bo")


def test_give_floor_refusals(debate):
    assert debate.refused(GiveFloor(), "chair") == "debate.queue_empty"
    debate.given(debate.requested("q1", "anna"))
    assert debate.refused(GiveFloor("q7"), "chair") == "debate.unknown_request"
    debate.given(debate.floor("q1", "anna"), debate.requested("q2", "bo"))
    assert debate.refused(GiveFloor(), "chair") == "debate.floor_taken"


def test_a_speaker_who_left_cannot_be_given_the_floor(debate):
    debate.given(debate.requested("q1", "away"))
    assert debate.refused(GiveFloor(), "chair") == "debate.not_present"


def test_a_new_speech_waits_for_the_repliks(debate):
    debate.spoke("q1", "anna").given(
        debate.requested("q2", "dora"), debate.requested("q3", "bo", REPLIK, "q1")
    )
    assert debate.refused(GiveFloor("q2"), "chair") == "debate.repliks_waiting"


def test_next_speaker_ends_the_speech_and_calls_the_next(debate):
    debate.given(
        debate.requested("q1", "anna"), debate.floor("q1", "anna"), debate.requested("q2", "bo")
    )
    now = debate.t0 + 2 * MIN
    finished, given = debate.when(NextSpeaker(), "chair", now=now)
    assert finished == SpeechFinished(ITEM, "q1", "anna", now, 2 * MIN, False)
    assert (given.person, given.started_at) == ("bo", now)


def test_next_speaker_with_nobody_waiting_only_ends_the_speech(debate):
    debate.given(debate.requested("q1", "anna"), debate.floor("q1", "anna"))
    assert debate.when(NextSpeaker(), "chair", now=debate.t0 + MIN) == [
        SpeechFinished(ITEM, "q1", "anna", debate.t0 + MIN, MIN, False)
    ]


def test_next_speaker_with_nothing_to_do(debate):
    assert debate.refused(NextSpeaker(), "chair") == "debate.queue_empty"


# --- the clock: shown, never enforced -----------------------------------------


def test_the_clock_never_cuts_a_speaker_off(debate):
    debate.given(debate.requested("q1", "anna"), debate.floor("q1", "anna"))
    late = debate.t0 + 60 * MIN
    # Nothing ends the speech but the chair: an hour later it is still under way.
    assert debate.state.item(ITEM).current is not None
    assert debate.when(FinishSpeech(), "chair", now=late) == [
        SpeechFinished(ITEM, "q1", "anna", late, 60 * MIN, True)
    ]


def test_finish_needs_a_speaker(debate):
    assert debate.refused(FinishSpeech(), "chair") == "debate.no_speaker"
    assert debate.refused(PauseSpeech(), "chair") == "debate.no_speaker"
    assert debate.refused(ResumeSpeech(), "chair") == "debate.no_speaker"


def test_pause_and_resume_keep_the_elapsed_time(debate):
    t = debate.t0
    debate.given(debate.requested("q1", "anna"), debate.floor("q1", "anna", at=t))
    assert debate.when(PauseSpeech(), "chair", now=t + MIN) == [
        SpeechPaused(ITEM, "q1", t + MIN, MIN)
    ]
    debate.given(SpeechPaused(ITEM, "q1", t + MIN, MIN))
    assert debate.refused(PauseSpeech(), "chair") == "debate.already_paused"
    assert debate.when(ResumeSpeech(), "chair", now=t + 5 * MIN) == [
        SpeechResumed(ITEM, "q1", t + 5 * MIN, MIN)
    ]
    debate.given(SpeechResumed(ITEM, "q1", t + 5 * MIN, MIN))
    assert debate.refused(ResumeSpeech(), "chair") == "debate.not_paused"
    # The four paused minutes do not count.
    assert debate.when(FinishSpeech(), "chair", now=t + 6 * MIN) == [
        SpeechFinished(ITEM, "q1", "anna", t + 6 * MIN, 2 * MIN, False)
    ]


def test_finishing_a_paused_speech(debate):
    t = debate.t0
    debate.given(
        debate.requested("q1", "anna"),
        debate.floor("q1", "anna", at=t),
        SpeechPaused(ITEM, "q1", t + MIN, MIN),
    )
    [finished] = debate.when(FinishSpeech(), "chair", now=t + 9 * MIN)
    assert finished.duration_ms == MIN


def test_finishing_the_item_ends_its_speech(debate):
    debate.given(debate.requested("q1", "anna"), debate.floor("q1", "anna"))
    assert end_item(debate.state, ITEM, debate.t0 + MIN) == [
        SpeechFinished(ITEM, "q1", "anna", debate.t0 + MIN, MIN, False)
    ]
    assert end_item(debate.state, "item-2", debate.t0) == []


# --- the order of the list ----------------------------------------------------


def _three_waiting(debate):
    return debate.given(
        debate.requested("q1", "anna"), debate.requested("q2", "bo"), debate.requested("q3", "cai")
    )


def test_skip_the_first_waiting(debate):
    _three_waiting(debate)
    assert debate.when(SkipRequest(), "chair") == [RequestSkipped(ITEM, "q1")]
    assert debate.when(SkipRequest("q2"), "chair") == [RequestSkipped(ITEM, "q2")]
    assert debate.refused(SkipRequest("q9"), "chair") == "debate.unknown_request"


def test_skip_with_nobody_waiting(debate):
    assert debate.refused(SkipRequest(), "chair") == "debate.queue_empty"


def test_a_skipped_speaker_is_put_back_in_their_place(debate):
    _three_waiting(debate).given(RequestSkipped(ITEM, "q1"), RequestRemoved(ITEM, "q2"))
    assert debate.waiting() == [("q3", "cai", "speech")]
    assert debate.when(ReaddRequest("q2"), "chair") == [RequestReadded(ITEM, "q2")]
    debate.given(RequestReadded(ITEM, "q2"), RequestReadded(ITEM, "q1"))
    assert debate.waiting() == [
        ("q1", "anna", "speech"),
        ("q2", "bo", "speech"),
        ("q3", "cai", "speech"),
    ]


def test_readd_refusals(debate):
    _three_waiting(debate)
    assert debate.refused(ReaddRequest("q1"), "chair") == "debate.unknown_request"
    debate.given(RequestRemoved(ITEM, "q1"), debate.requested("q4", "anna"))
    assert debate.refused(ReaddRequest("q1"), "chair") == "debate.already_waiting"


def test_a_replik_cannot_be_put_back_after_its_speech(debate):
    debate.spoke("q1", "anna").given(
        debate.requested("q2", "bo", REPLIK, "q1"), RequestRemoved(ITEM, "q2")
    )
    debate.spoke("q3", "cai", at=debate.t0 + 10 * MIN)
    assert debate.refused(ReaddRequest("q2"), "chair") == "debate.replik_expired"


def test_a_replik_put_back_counts_against_the_limit(debate):
    debate.spoke("q1", "anna").given(
        debate.requested("q2", "bo", REPLIK, "q1"),
        RequestRemoved(ITEM, "q2"),
        PersonNamed(ITEM, "q1", "cai"),
        PersonNamed(ITEM, "q1", "dora"),
        debate.requested("q3", "cai", REPLIK, "q1"),
        debate.requested("q4", "dora", REPLIK, "q1"),
    )
    assert debate.refused(ReaddRequest("q2"), "chair") == "debate.replik_limit"


def test_remove_a_request(debate):
    _three_waiting(debate)
    assert debate.when(RemoveRequest("q2"), "chair") == [RequestRemoved(ITEM, "q2")]
    assert debate.refused(RemoveRequest("q9"), "chair") == "debate.unknown_request"


def test_move_up_and_down(debate):
    _three_waiting(debate)
    assert debate.when(MoveRequest("q3", "up"), "chair") == [RequestMoved(ITEM, "q3", 1)]
    debate.given(RequestMoved(ITEM, "q3", 1))
    assert debate.waiting() == [
        ("q1", "anna", "speech"),
        ("q3", "cai", "speech"),
        ("q2", "bo", "speech"),
    ]
    assert debate.when(MoveRequest("q1", "down"), "chair") == [RequestMoved(ITEM, "q1", 1)]


def test_moves_stop_at_the_ends_and_at_other_kinds(debate):
    _three_waiting(debate).given(debate.requested("q4", "dora", ORDER))
    assert debate.refused(MoveRequest("q1", "up"), "chair") == "debate.move_blocked"
    assert debate.refused(MoveRequest("q3", "down"), "chair") == "debate.move_blocked"
    assert debate.refused(MoveRequest("q4", "down"), "chair") == "debate.move_blocked"
    assert debate.refused(MoveRequest("q9", "down"), "chair") == "debate.unknown_request"


# --- streck i debatten (closing the list) -------------------------------------


def test_streck_keeps_those_waiting_by_default(debate):
    _three_waiting(debate)
    assert debate.when(CloseList(), "chair") == [ListClosed(ITEM, True, True, ())]
    debate.run(CloseList(), "chair")
    assert len(debate.waiting()) == 3


def test_streck_can_drop_the_waiting_speeches(debate):
    debate.spoke("q1", "anna").given(
        debate.requested("q2", "bo"),
        debate.requested("q3", "cai", ORDER),
        debate.requested("q4", "bo", REPLIK, "q1"),
    )
    assert debate.when(CloseList(keep_waiting=False), "chair") == [
        ListClosed(ITEM, False, True, ("q2",))
    ]
    debate.run(CloseList(keep_waiting=False), "chair")
    assert debate.waiting() == [("q3", "cai", "ordningsfraga"), ("q4", "bo", "replik")]
    # A name dropped by mistake can be put back.
    assert debate.when(ReaddRequest("q2"), "chair") == [RequestReadded(ITEM, "q2")]


def test_streck_and_reopen_refusals(debate):
    assert debate.refused(ReopenList(), "chair") == "debate.not_closed"
    debate.given(ListClosed(ITEM, True, False))
    assert debate.refused(CloseList(), "chair") == "debate.already_closed"
    assert debate.when(ReopenList(), "chair") == [ListReopened(ITEM)]


def test_a_reopened_list_takes_names_and_repliks_again(debate):
    debate.spoke("q1", "bo").spoke("q2", "anna", at=debate.t0 + 10 * MIN)
    debate.given(ListClosed(ITEM, True, False), ListReopened(ITEM))
    assert debate.when(RequestFloor(), "cai")
    assert debate.when(RequestReplik(), "bo")


# --- naming and settings ------------------------------------------------------


def test_the_chair_records_who_the_speaker_named(debate):
    assert debate.refused(NamePerson("cai"), "chair") == "debate.no_speech_to_answer"
    debate.spoke("q1", "anna")
    assert debate.when(NamePerson("cai"), "chair") == [PersonNamed(ITEM, "q1", "cai")]
    assert debate.refused(NamePerson("anna"), "chair") == "debate.own_speech"
    debate.given(PersonNamed(ITEM, "q1", "cai"))
    assert debate.refused(NamePerson("cai"), "chair") == "debate.already_named"


def test_the_chair_changes_the_settings(debate):
    settings = DebateSettings(replik_limit=1, first_speech_s=240, warning_s=60)
    command = ChangeDebateSettings(settings)
    assert debate.when(command, "chair", item=None) == [DebateSettingsChanged(settings)]
    debate.given(DebateSettingsChanged(settings), debate.requested("q1", "anna"))
    [given] = debate.when(GiveFloor(), "chair")
    assert (given.limit_ms, given.warn_at_ms, given.replik_limit) == (240_000, 180_000, 1)


def test_settings_must_not_be_negative(debate):
    command = ChangeDebateSettings(DebateSettings(replik_s=-1))
    assert debate.refused(command, "chair") == "debate.bad_settings"


def test_a_limit_of_zero_means_no_limit(debate):
    settings = DebateSettings(first_speech_s=0)
    debate.given(DebateSettingsChanged(settings), debate.requested("q1", "anna"))
    [given] = debate.when(GiveFloor(), "chair")
    assert (given.limit_ms, given.warn_at_ms) == (0, 0)
    debate.given(given)
    [finished] = debate.when(FinishSpeech(), "chair", now=debate.t0 + 99 * MIN)
    assert not finished.over_time


def test_a_running_speech_keeps_the_limit_it_started_with(debate):
    debate.given(
        debate.requested("q1", "anna"),
        debate.floor("q1", "anna"),
        DebateSettingsChanged(DebateSettings(first_speech_s=60)),
    )
    [finished] = debate.when(FinishSpeech(), "chair", now=debate.t0 + 2 * MIN)
    assert not finished.over_time
