"""The locust meeting runs headless against a real hub: users log in, vote, follow."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.engine import Engine

from tests.support.hubs import HubProcess
from voting_server.store.archive import Archive

LOCUSTFILE = Path(__file__).resolve().parents[2] / "loadtests" / "locustfile.py"


def test_a_short_headless_run_votes_without_failures(
    start_hub: Callable[..., HubProcess], demo_engine: Engine, sqlite_url: str, tmp_path: Path
) -> None:
    hub = start_hub()
    env = dict(os.environ, DATABASE_URL=sqlite_url, ORDET_MEETING="demo")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "-u",
            "6",
            "-r",
            "6",
            "-t",
            "8s",
            "--host",
            hub.url,
            "--csv",
            str(tmp_path / "run"),
            "--only-summary",
            "Delegate",
            "Chair",
            "Viewer",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    with (tmp_path / "run_stats.csv").open() as f:
        rows = {row["Name"]: row for row in csv.DictReader(f)}
    assert int(rows["Aggregated"]["Failure Count"]) == 0
    assert int(rows["attendance.check_in"]["Request Count"]) >= 2
    assert "vote.open" in rows
    assert len(Archive(demo_engine).read("demo")) > 3  # the meeting really moved
