"""Replaying a log: the state at any entry, folded again with the hub's own code."""

from __future__ import annotations

import msgpack
import pytest

from tests.audit.meeting_log import MeetingLog, run_meeting
from voting_server.audit.records import decode_all
from voting_server.audit.replay import snapshot, state_at
from voting_server.audit.timeline import fold_records
from voting_server.domain.wire import to_wire


@pytest.fixture(scope="module")
def log() -> MeetingLog:
    return run_meeting()


def test_the_display_at_every_entry_is_what_the_live_meeting_showed(log: MeetingLog) -> None:
    assert len(log.views) > 20
    for seq, live in log.views.items():
        assert state_at(log.entries, seq) == live, f"after entry {seq}"


def test_the_display_changes_along_the_meeting(log: MeetingLog) -> None:
    start = state_at(log.entries, 1)
    assert start["attendance"]["filled"] == 0 and not start["attendance"]["quorum"]
    arrived = state_at(log.entries, log.marks["arrived"])
    assert arrived["attendance"]["seated"]["5"] == "e3"
    assert arrived["attendance"]["quorum"]
    end = state_at(log.entries, len(log.entries))
    assert end["meeting"]["adjourned"]


def test_a_snapshot_shows_seats_debate_votes_and_the_events_around(log: MeetingLog) -> None:
    at = log.marks["debate"]
    state = snapshot(log.entries, at)
    assert state["seq"] == at and state["size"] == len(log.entries)
    assert state["current_item"] == "2"
    assert state["attendance"]["seating"][4] == {
        "seat": 5,
        "person": "e3",
        "name": "Ersättare B1",
        "party": "b",
        "serving_for": "m5",
    }
    assert state["debate"]["current"]["person"] == "m2"
    assert [w["person"] for w in state["debate"]["waiting"]] == ["m3"]
    assert state["votes"] == []
    assert [e["seq"] for e in state["events"]] == list(range(at - 3, at + 4))
    assert [e["here"] for e in state["events"]].index(True) == 3
    assert state["events"][3]["type"] == "debate.floor_requested"


def test_a_snapshot_shows_votes_under_way_and_recounted(log: MeetingLog) -> None:
    during = snapshot(log.entries, log.marks["v1 cast"])["votes"]
    assert during == [
        {
            "vote": "v1",
            "item": "2",
            "question": "Bifall till budgeten?",
            "method": "question",
            "secret": False,
            "status": "open",
            "voted": 4,
        }
    ]
    after = snapshot(log.entries)["votes"]
    v1, v2 = after
    assert v1["tally"]["counts"] == [
        {"option": "ja", "votes": 2},
        {"option": "nej", "votes": 1},
        {"option": "avstar", "votes": 1},
    ]
    assert v1["outcome"]["choice"] == "ja" and v1["recount"] == {"holds": True, "problems": []}
    assert v2["secret"] and v2["tally"]["ballots"] == 4 and v2["recount"]["holds"]


def test_every_recorded_result_is_reproduced_byte_for_byte(log: MeetingLog) -> None:
    recounts = fold_records(decode_all(log.entries)).recounts
    assert [r.vote for r in recounts] == ["v1", "v2"]
    for result in recounts:
        assert result.recomputed is not None
        again = msgpack.packb(to_wire(result.recomputed), use_bin_type=True)
        assert again == msgpack.packb(to_wire(result.recorded), use_bin_type=True)


def test_a_replay_beyond_the_end_stops_at_the_end(log: MeetingLog) -> None:
    assert snapshot(log.entries, 10_000)["seq"] == len(log.entries)
    assert snapshot(log.entries, 0)["meeting"]["opened"] is False
