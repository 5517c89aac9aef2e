"""Faults against the real stack: hub SIGKILLs and a Redis restart mid-vote, a
reconnect storm, duplicated frames and ballots racing the close.

The SQL archive is held against every ack the clients got: nothing acknowledged
is lost, no ballot is counted twice or after the close, and no client sees a
gap in the sequence. Small sizes keep the run short; ``ordet bench faults``
runs the same at full size.
"""

from __future__ import annotations

from voting_server.bench.faults import run_faults


async def test_no_acknowledged_ballot_is_lost_duplicated_or_late_under_faults() -> None:
    report = await run_faults(seed=8, kills=3, voters=30, storm=150)

    faults = report["faults"]
    assert faults["hub_sigkill"] == 4  # three mid-vote kills and the storm's
    assert faults["redis_restart"] == 1
    assert faults["close_race"] == 1
    assert report["votes_acknowledged"] >= 30 * 6  # every vote but the raced one is complete
    assert report["ballots_persisted"] == report["votes_acknowledged"]
    assert report["lost"] == 0
    assert report["duplicated"] == 0
    assert report["accepted_after_close"] == 0
    assert report["ack_seq_mismatch"] == 0
    assert report["duplicate_answers_disagree"] == 0
    assert report["gaps"] == 0
    assert faults["storm_screens_wrong"] == 0
    # Every screen, each in a worker process, came back after the storm's kill.
    assert report["storm_resync_ms"]["resynced"] == 150
    assert report["resync_after_hub_back_ms"]["count"] >= 31  # the tablets and chair
    assert report["hub_restart_ms"]["p50"] > 0
    assert set(report["refused"]) <= {"vote.closed"}
