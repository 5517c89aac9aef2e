"""Speaking-time statistics, the CSV export and the screen view."""

from __future__ import annotations

from speaker_queue import (
    DebateState,
    FloorGiven,
    FloorRequested,
    ListClosed,
    ProposalKind,
    ProposalSubmitted,
    RequestKind,
    SpeechFinished,
    SpeechPaused,
    StaticChamber,
    Tally,
    debate_view,
    meeting_stats,
    to_csv,
)

ITEM = "item-1"
MIN = 60_000
REPLIK = RequestKind.REPLIK


def _a_debate(debate):
    """anna speaks 3 min, bo replies 1 min; on item-2 cai speaks 2 min."""
    debate.spoke("q1", "anna", ms=3 * MIN).given(
        debate.requested("q2", "bo", REPLIK, "q1"),
        debate.floor("q2", "bo", REPLIK, at=debate.t0 + 4 * MIN, target="q1"),
        debate.finished("q2", "bo", at=debate.t0 + 5 * MIN, duration=MIN),
        FloorRequested("item-2", "q3", "cai", RequestKind.SPEECH),
        FloorGiven(
            item="item-2",
            request="q3",
            person="cai",
            kind=RequestKind.SPEECH,
            first_speech=True,
            target=None,
            party="V",
            gender="x",
            started_at=debate.t0 + 10 * MIN,
            limit_ms=300_000,
            warn_at_ms=270_000,
            replik_limit=2,
        ),
        SpeechFinished("item-2", "q3", "cai", debate.t0 + 12 * MIN, 2 * MIN, False),
    )
    return debate


def test_speaking_time_per_member_party_gender_and_kind(debate):
    stats = meeting_stats(_a_debate(debate).state)
    item = stats.items[ITEM]
    assert item.total == Tally(2, 4 * MIN)
    assert item.by_person == {"anna": Tally(1, 3 * MIN), "bo": Tally(1, MIN)}
    assert item.by_party == {"M": Tally(1, MIN), "S": Tally(1, 3 * MIN)}
    assert item.by_gender == {"f": Tally(1, 3 * MIN), "m": Tally(1, MIN)}
    assert item.by_kind == {"replik": Tally(1, MIN), "speech": Tally(1, 3 * MIN)}
    assert stats.meeting.total == Tally(3, 6 * MIN)
    assert stats.meeting.by_gender == {
        "f": Tally(1, 3 * MIN),
        "m": Tally(1, MIN),
        "x": Tally(1, 2 * MIN),
    }


def test_a_speech_under_way_is_not_yet_counted(debate):
    debate.given(debate.requested("q1", "anna"), debate.floor("q1", "anna"))
    assert meeting_stats(debate.state).meeting.total == Tally(0, 0)


def test_csv_export(debate):
    text = to_csv(meeting_stats(_a_debate(debate).state), name=debate.chamber.name)
    lines = text.splitlines()
    assert lines[0] == "scope,item,group,key,name,speeches,speaking_ms"
    assert "item,item-1,total,,,2,240000" in lines
    assert "item,item-1,person,anna,Anna Andersson,1,180000" in lines
    assert "item,item-2,party,V,,1,120000" in lines
    assert "meeting,,total,,,3,360000" in lines
    assert "meeting,,gender,x,,1,120000" in lines
    # header; item-1: total + 4 groups of 2; item-2: total + 4 of 1; meeting: total + 3+3+3+2
    assert len(lines) == 1 + (1 + 8) + (1 + 4) + (1 + 11)


def test_csv_of_an_empty_meeting():
    assert to_csv(meeting_stats(DebateState())) == (
        "scope,item,group,key,name,speeches,speaking_ms\nmeeting,,total,,,0,0\n"
    )


def test_the_view_of_a_speech_under_way(debate, is_plain):
    t = debate.t0
    debate.spoke("q1", "bo").given(
        debate.requested("q2", "anna"),
        debate.floor("q2", "anna", at=t + 2 * MIN),
        debate.requested("q3", "cai"),
        debate.requested("q4", "bo", REPLIK, "q2"),
        debate.requested("q5", "away"),
        ProposalSubmitted(ITEM, "y1", "anna", ProposalKind.AVSLAG, "Avslag"),
        ListClosed(ITEM, True, False),
    )
    view = debate_view(debate.state, debate.chamber, now=t + 7 * MIN + 1)
    assert is_plain(view)
    current = view["current"]
    assert current["person"] == "anna"
    assert current["name"] == "Anna Andersson"
    assert (current["party"], current["kind"], current["started_at"]) == (
        "S",
        "speech",
        t + 2 * MIN,
    )
    assert (current["limit_ms"], current["warn_at_ms"], current["paused"]) == (
        300_000,
        270_000,
        False,
    )
    assert current["elapsed_now_ms"] == 5 * MIN + 1
    assert current["warning"] and current["over_time"]
    assert [(w["request"], w["kind"], w["present"]) for w in view["waiting"]] == [
        ("q4", "replik", True),
        ("q3", "speech", True),
        ("q5", "speech", False),
    ]
    assert (view["closed"], view["replik_allowed"]) == (True, False)
    assert view["replik"] == {
        "person": "anna",
        "name": "Anna Andersson",
        "party": "S",
        "speech": "q2",
        "count": 1,
        "limit": 2,
    }
    assert view["proposals"][0]["kind"] == "avslag"
    assert view["proposals"][0]["authors"][0]["name"] == "Anna Andersson"
    assert view["stats"]["item"]["speeches"] == 1
    assert view["stats"]["meeting"]["by_party"] == [{"key": "M", "speeches": 1, "ms": MIN}]


def test_the_view_of_a_paused_speech(debate):
    t = debate.t0
    debate.given(
        debate.requested("q1", "anna"),
        debate.floor("q1", "anna", at=t),
        SpeechPaused(ITEM, "q1", t + MIN, MIN),
    )
    current = debate_view(debate.state, debate.chamber, now=t + 90 * MIN)["current"]
    assert (current["paused"], current["elapsed_ms"], current["running_since"]) == (True, MIN, None)
    assert (current["elapsed_now_ms"], current["over_time"]) == (MIN, False)
    current = debate_view(debate.state, debate.chamber)["current"]
    assert (current["elapsed_now_ms"], current["over_time"]) == (None, False)


def test_the_view_between_items(debate, is_plain):
    view = debate_view(_a_debate(debate).state, StaticChamber())
    assert is_plain(view)
    assert (view["item"], view["current"], view["waiting"]) == (None, None, [])
    assert view["stats"]["meeting"]["speeches"] == 3
