"""``ordet audit verify-election``: anyone with the record checks the election
offline, and a record that was tampered with fails with the reason."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from tests.encrypted.election import run_election
from voting_server.domain.encrypted.record import tracker
from voting_server.domain.encrypted.record_wire import read_record, record_wire

VALSEDLAR = ("S", "M", "SD", "V")


def audit(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "voting_server.cli", "audit", "verify-election", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_a_record_reads_back_and_verifies_offline(tmp_path: Path) -> None:
    record = run_election(VALSEDLAR, 1, [(0,), (1,), (0,), (), (3,)], present=(2, 3))
    assert read_record(json.loads(json.dumps(record_wire(record)))) == record
    file, trackers = tmp_path / "record.json", tmp_path / "trackers.txt"
    file.write_text(json.dumps(record_wire(record)), encoding="utf-8")
    trackers.write_text("\n".join(tracker(record.election, v, b) for v, b in record.ballots))
    ok = audit(str(file), "--trackers", str(trackers))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "5 ballots, proofs hold" in ok.stdout and "trustees [2, 3] of 3" in ok.stdout
    assert "     2  S" in ok.stdout and "All 5 trackers are in the record" in ok.stdout


def test_a_tampered_record_fails_with_the_reason(tmp_path: Path) -> None:
    record = run_election(VALSEDLAR, 1, [(0,), (1,), (0,)])
    file = tmp_path / "record.json"
    file.write_text(json.dumps(record_wire(replace(record, counts=(1, 2, 0, 0)))))
    failed = audit(str(file))
    assert failed.returncode == 1
    assert (
        "FAIL the published counts [1, 2, 0, 0] are not the ballots' [2, 1, 0, 0]" in failed.stdout
    )
    file.write_text('{"ceremony": {}}')
    broken = audit(str(file))
    assert broken.returncode == 2 and "not an election record" in broken.stderr
