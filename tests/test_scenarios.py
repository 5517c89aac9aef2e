"""``ordet scenario run`` plays the example scripts against a real hub."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.support.hubs import HubProcess

SCENARIOS = sorted((Path(__file__).resolve().parents[1] / "scenarios").glob("*.toml"))

FAILING = """
name = "A wrong expectation"

[actors]
display = "display"

[[steps]]
actor = "m5"
send = "attendance.check_in"

[[steps]]
name = "two seats filled, which is wrong"
actor = "display"
wait = { "attendance.filled" = 2 }
timeout = 0.5

[[steps]]
actor = "m6"
send = "attendance.check_in"
"""


def run_scenarios(hub: HubProcess, *files: Path) -> tuple[int, dict[str, Any]]:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "voting_server.cli",
            "scenario",
            "run",
            *map(str, files),
            "--url",
            hub.url,
        ],
        env=hub.env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.stdout, done.stderr
    return done.returncode, json.loads(done.stdout)


def test_every_example_scenario_passes(start_hub: Callable[..., HubProcess]) -> None:
    assert SCENARIOS
    code, report = run_scenarios(start_hub(), *SCENARIOS)
    errors = {s["file"]: s["error"] for s in report["scenarios"] if not s["ok"]}
    assert errors == {}
    assert code == 0
    assert report["passed"] == len(SCENARIOS)
    assert report["failed"] == 0
    # Each script plays in a meeting of its own, so none sees another's check-ins.
    assert len({s["meeting"] for s in report["scenarios"]}) == len(SCENARIOS)


def test_a_failing_expectation_exits_non_zero_and_names_the_step(
    start_hub: Callable[..., HubProcess], tmp_path: Path
) -> None:
    script = tmp_path / "wrong.toml"
    script.write_text(FAILING)
    code, report = run_scenarios(start_hub(), script)
    assert code != 0
    assert (report["passed"], report["failed"]) == (0, 1)
    [scenario] = report["scenarios"]
    assert not scenario["ok"]
    assert scenario["error"].startswith("step 2 (two seats filled, which is wrong): display:")
    assert "attendance.filled = 1 (expected 2)" in scenario["error"]
    assert [s["ok"] for s in scenario["steps"]] == [True, False]  # step 3 never ran
