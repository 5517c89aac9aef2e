"""``ordet scenario run`` plays the example scripts against a real hub."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from tests.support.hubs import HubProcess
from voting_server.scenario.script import ScriptError, load
from voting_server.store.models import AssemblyRow, settings_of

SCENARIO_DIR = Path(__file__).resolve().parents[1] / "scenarios"
SCENARIOS = sorted(SCENARIO_DIR.glob("*.toml"))

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


CLOCKED = """
[actors]
chair = { principal = "m1", role = "chair" }

[[steps]]
clock = "2031-06-20T09:00"

[[steps]]
actor = "chair"
send = "attendance.check_in"
"""


def test_a_clock_step_needs_a_hub_that_shares_its_clock(
    start_hub: Callable[..., HubProcess], tmp_path: Path
) -> None:
    script = tmp_path / "clocked.toml"
    script.write_text(CLOCKED)
    code, report = run_scenarios(start_hub(), script)
    [scenario] = report["scenarios"]
    assert code != 0
    assert "ORDET_CLOCK=file:" in scenario["error"]


@pytest.mark.parametrize(
    ("steps", "error"),
    [
        ('[[steps]]\nclock = "13:30"\n', "give the first clock step a date"),
        ('[[steps]]\nclock = "den 16 mars"\n', "is no date and time"),
        ('[[steps]]\nclock = "2026-03-16T09:00"\nactor = "m1"\n', "nobody acts in a clock step"),
    ],
)
def test_a_bad_clock_step_is_named(tmp_path: Path, steps: str, error: str) -> None:
    script = tmp_path / "bad.toml"
    script.write_text(steps)
    with pytest.raises(ScriptError, match=error):
        load(script)


def test_a_clock_time_alone_is_on_the_day_before_it(tmp_path: Path) -> None:
    script = tmp_path / "day.toml"
    script.write_text('[[steps]]\nclock = "2026-03-16T09:00"\n\n[[steps]]\nclock = "9:30"\n')
    assert [s.instant for s in load(script).steps] == ["2026-03-16T09:00", "2026-03-16T09:30"]


@pytest.mark.parametrize(
    ("kind", "passes"), [(None, True), ("fullmaktige", True), ("namnd", False)]
)
def test_only_a_namnd_applies_an_order_written_into_its_settings_around_the_portal(
    start_hub: Callable[..., HubProcess], demo_engine: Engine, kind: str | None, passes: bool
) -> None:
    """The demo fullmäktige with an order naming S, C and L for V: its V seat must stay empty;
    were the demo a nämnd, the same settings would seat an S substitute there."""
    with Session(demo_engine) as s:
        row = s.get(AssemblyRow, "demo")
        assert row is not None
        settings = settings_of(row.settings)
        settings["seating"] = {"substitute_order": {"V": ["V", "S", "C", "L"]}}
        if kind is not None:
            settings["body"] = kind
        row.settings = json.dumps(settings)
        s.add(row)
        s.commit()
    script = SCENARIO_DIR / "law_fullmaktige_own_substitutes.toml"
    code, report = run_scenarios(start_hub(), script)
    [scenario] = report["scenarios"]
    assert (code == 0) is passes
    assert scenario["ok"] is passes, scenario["error"]
    if not passes:
        assert "me.seat = 56" in scenario["error"]  # an S substitute sat on the V seat
