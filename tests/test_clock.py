"""The process clock: real time, a fixed offset, or a file several processes follow."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from voting_server.clock import CLOCK_ENV, Clock
from voting_server.domain.swedish_time import STOCKHOLM


def test_clocks_that_follow_one_file_move_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CLOCK_ENV, f"file:{tmp_path / 'clock'}")
    runner, hub = Clock.from_env(), Clock.from_env()
    assert abs(hub.now() - runner.now()) < 1  # no file yet: real time
    runner.move_shared(datetime(2026, 3, 16, 9, 0, tzinfo=STOCKHOLM))
    assert hub.today().isoformat() == "2026-03-16"
    runner.move_shared(datetime(2030, 6, 21, 23, 59, tzinfo=STOCKHOLM))
    assert hub.today().isoformat() == "2030-06-21"  # midsommarafton, Swedish time
    assert abs(hub.now_ms() - runner.now_ms()) < 1000


def test_a_clock_without_a_file_cannot_move_others() -> None:
    with pytest.raises(RuntimeError, match="ORDET_CLOCK=file:"):
        Clock().move_shared(datetime(2026, 3, 16, 9, 0, tzinfo=STOCKHOLM))
