"""A year of meetings played from scenario scripts on a real hub whose clock
the scripts move: four meetings of the 14-seat e-board and ten of its
preparatory group of five. The figures are checked per meeting, against the
75 % goal, and in the allowance file (a member who left early, a substitute
who served for part of a meeting), and an auditor's recount of the exported
logs gives the same."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from tests.support.e_board import RULES, seed_bodies
from tests.support.hubs import HubProcess, hub_env
from voting_server.audit import export, year_files
from voting_server.audit.year_source import body_year, exported_year
from voting_server.clock import CLOCK
from voting_server.store.archive import Archive

SCRIPTS = Path(__file__).resolve().parents[1] / "audit" / "year_scripts"
GROUP_MEETING = """\
name = "Beredningsgruppen 2026-{month:02d}-03"
meeting = "beredning"

[actors]
chair = {{ principal = "bg1", role = "chair" }}

[[steps]]
clock = "2026-{month:02d}-03T13:00"

[[steps]]
actors = ["chair", "bg2..bg4"]
send = "attendance.check_in"

[[steps]]
clock = "14:00"

[[steps]]
actor = "chair"
send = "meeting.adjourn"
"""


@pytest.fixture
def shared_clock_hub(
    sqlite_url: str, redis_url: str, tmp_path: Path, demo_engine: Engine
) -> Iterator[HubProcess]:
    """A hub whose clock, and this process's, follow the file a script's clock steps write."""
    clock_file = tmp_path / "clock"
    env = hub_env(sqlite_url, redis_url, tmp_path)
    env["ORDET_CLOCK"] = f"file:{clock_file}"
    followed, offset = CLOCK.shared, CLOCK.offset
    CLOCK.shared = clock_file
    hub = HubProcess(env).start()
    try:
        yield hub
    finally:
        hub.stop()
        CLOCK.shared, CLOCK.offset = followed, offset


def play(hub: HubProcess, files: list[Path]) -> dict[str, object]:
    command = [sys.executable, "-m", "voting_server.cli", "scenario", "run", *map(str, files)]
    done = subprocess.run(
        [*command, "--url", hub.url],
        env=hub.env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.stdout, done.stderr
    report: dict[str, object] = json.loads(done.stdout)
    return report


def test_a_year_played_from_scripts(
    shared_clock_hub: HubProcess, demo_engine: Engine, tmp_path: Path
) -> None:
    seed_bodies(demo_engine)
    group = []
    for month in range(1, 11):
        path = tmp_path / f"group_{month:02d}.toml"
        path.write_text(GROUP_MEETING.format(month=month), encoding="utf-8")
        group.append(path)
    report = play(shared_clock_hub, [*sorted(SCRIPTS.glob("board_*.toml")), *group])
    failed = {s["file"]: s["error"] for s in report["scenarios"] if not s["ok"]}  # type: ignore[attr-defined]
    assert failed == {}
    assert report["passed"] == 14

    board = body_year(demo_engine, "e-namnd", 2026)
    lines = [(m.date, m.time, m.seats_taking_part, m.quorum) for m in board.meetings if m.held]
    assert lines == [
        ("2026-03-16", "09:00", 9, True),
        ("2026-06-10", "09:00", 12, True),
        ("2026-09-21", "13:00", 7, False),
        ("2026-12-07", "09:00", 10, True),
    ]
    assert round(board.meetings[0].rate * 100) == 64  # "9 av 14, ca 64 %"
    assert (board.total.took_part, board.total.of, board.meets_goal) == (38, 56, False)
    preparatory = body_year(demo_engine, "beredning", 2026)
    assert len([m for m in preparatory.meetings if m.held]) == 10
    assert (preparatory.total.took_part, preparatory.total.of) == (40, 50)
    assert preparatory.meets_goal is True

    june = next(m.meeting for m in board.meetings if m.date == "2026-06-10")
    rows = {r.person: r for r in board.allowances if r.meeting == june}
    assert (rows["en1"].arrived, rows["en1"].left, rows["en1"].rate) == ("09:00", "15:00", "heldag")
    assert (rows["en2"].left, rows["en2"].served_hours, rows["en2"].rate) == (
        "10:00",
        1.0,
        "halvdag",
    )
    assert (rows["ee12"].served_hours, rows["ee12"].rate) == (1.5, "halvdag")
    assert rows["ee11"].served_hours == 6.0 and "en11" not in rows
    members = {m.person: m for m in board.members}
    assert (members["en12"].present, members["en12"].substituted) == (0, 1)
    csv = year_files.to_csv(board, "allowances").splitlines()
    assert len(csv) == 1 + 9 + 12 + 7 + 10

    # The auditor's recount, from the exported logs alone.
    archive = Archive(demo_engine)
    logs = []
    for line in board.meetings:
        path = tmp_path / f"{line.meeting}.json"
        export.write(export.build(line.meeting, archive.read(line.meeting), set()), path)
        logs.append(export.load(path).entries)
    recount = exported_year(logs, board.body, 2026, RULES)
    assert year_files.to_json(recount) == year_files.to_json(board)
