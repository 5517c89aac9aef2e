"""``ordet audit`` end to end: export from the archive, then open data, verify and replay."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.audit import tamper
from tests.audit.meeting_log import MEETING, MeetingLog, run_meeting
from voting_server.audit import checkpoint, export
from voting_server.cli import main
from voting_server.store.archive import Archive
from voting_server.store.db import make_engine


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "var"
    monkeypatch.setenv("ORDET_DATA", str(data))
    return data


def archived(database_url: str, log: MeetingLog, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    engine = make_engine(database_url)
    Archive(engine).append(MEETING, log.entries)
    engine.dispose()


def test_export_writes_the_log_as_stored_with_the_keys(
    database_url: str, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = checkpoint.load_or_create_signing_key(data_dir)
    log = run_meeting(key)
    archived(database_url, log, monkeypatch)
    out = tmp_path / "meeting.json"
    assert main(["audit", "export", MEETING, "-o", str(out)]) == 0
    document = json.loads(out.read_text())
    assert document["format"] == "ordet-audit-export" and document["version"] == 1
    assert document["meeting"] == MEETING
    assert document["public_keys"] == [log.public_key]
    assert document["size"] == len(log.entries)
    assert document["head"] == log.entries[-1].hash.hex()
    assert export.load(out).entries == log.entries


def test_export_of_an_unknown_meeting_fails(
    sqlite_url: str,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    assert main(["audit", "export", "nothing"]) == 1
    assert "no log for meeting 'nothing'" in capsys.readouterr().err


@pytest.fixture
def exported(tmp_path: Path) -> tuple[MeetingLog, Path]:
    log = run_meeting()
    path = tmp_path / "meeting.json"
    export.write(export.build(MEETING, log.entries, [log.public_key]), path)
    return log, path


def test_verify_prints_the_parts_and_exits_0_when_all_holds(
    exported: tuple[MeetingLog, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    log, path = exported
    assert main(["audit", "verify", str(path), "--key", log.public_key.upper()]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "OK    checkpoints: 3 signed checkpoints hold" in out
    assert "OK    votes: 2 closed votes recounted equal to the record" in out
    assert out[-1] == "RESULT: the file holds"


def test_verify_names_the_tampered_entry_and_exits_1(
    exported: tuple[MeetingLog, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, path = exported
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(tamper.drop(json.loads(path.read_text()), 14)))
    assert main(["audit", "verify", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "FAIL  entry 14: entry 14 is missing: deleted from the file  [chain.missing]" in out
    assert main(["audit", "verify", str(bad), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert [(f["seq"], f["code"]) for f in report["findings"]] == [(14, "chain.missing")]


def test_verify_refuses_a_file_that_is_no_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"hello": 1}')
    assert main(["audit", "verify", str(path)]) == 2
    assert "not an Ordet audit export" in capsys.readouterr().err


def test_replay_prints_the_state_at_an_entry(
    exported: tuple[MeetingLog, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    log, path = exported
    at = log.marks["debate"]
    assert main(["audit", "replay", str(path), "--at", str(at)]) == 0
    out = capsys.readouterr().out
    assert f"after entry {at} of {len(log.entries)}" in out
    assert "seat   5  e3  Ersättare B1 (b), serving for m5" in out
    assert "speaking Bo Två (a) [speech]; waiting Cia Tre (a) [speech]" in out
    assert main(["audit", "replay", str(path), "--json"]) == 0
    state = json.loads(capsys.readouterr().out)
    assert state["meeting"]["adjourned"] is True
    assert [v["recount"]["holds"] for v in state["votes"]] == [True, True]


def test_open_data_lists_each_member_of_open_votes(
    exported: tuple[MeetingLog, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, path = exported
    assert main(["audit", "open-data", "--from-export", str(path)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["vote"], r["seat"], r["person"], r["choice"]) for r in rows] == [
        ("v1", "1", "m1", "ja"),
        ("v1", "2", "m2", "ja"),
        ("v1", "3", "m3", "avstar"),
        ("v1", "4", "m4", "nej"),
        ("v1", "5", "e3", ""),
    ]  # the secret v2 is not there; e3 did not vote in v1
    assert rows[4]["voted"] == "0" and rows[4]["name"] == "Ersättare B1"
    assert main(["audit", "open-data", "--from-export", str(path), "--format", "json"]) == 0
    as_json = json.loads(capsys.readouterr().out)
    assert as_json[0]["voted"] is True and as_json[0]["seat"] == 1
    assert [r["choice"] for r in as_json] == [r["choice"] for r in rows]


def test_open_data_without_votes_is_just_the_header(
    sqlite_url: str,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    archived(sqlite_url, run_meeting(votes=False), monkeypatch)
    assert main(["audit", "open-data", MEETING]) == 0
    assert capsys.readouterr().out.startswith("meeting,vote,item,question,method,closed_at,seat,")
    assert main(["audit", "open-data", MEETING, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
