"""Fixtures for the browser tests."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from tests.support.hubs import HubProcess, hub_env
from voting_server.domain.swedish_time import STOCKHOLM


def hub_clock_offset() -> int:
    """Late in the evening the hub runs two hours behind, so a break never crosses midnight."""
    return -7200 if datetime.now(STOCKHOLM).hour >= 22 else 0


def hub_now() -> datetime:
    """The Swedish time on the hub started by ``evening_safe_hub``."""
    return datetime.fromtimestamp(time.time() + hub_clock_offset(), STOCKHOLM)


@pytest.fixture
def evening_safe_hub(
    sqlite_url: str, redis_url: str, tmp_path: Path, demo_engine: Engine
) -> Iterator[HubProcess]:
    """A hub on the demo meeting whose clock leaves room for a break before midnight."""
    env = hub_env(sqlite_url, redis_url, tmp_path)
    env["ORDET_CLOCK"] = f"{hub_clock_offset():+d}"
    process = HubProcess(env).start()
    yield process
    process.stop()
