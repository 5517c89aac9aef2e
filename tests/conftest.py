"""Fixtures: real Redis and PostgreSQL, seeded databases, and hub processes."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
import redis
from sqlalchemy.engine import Engine

from tests.support.databases import fresh_database
from tests.support.hubs import TEST_SECRET, HubProcess, hub_env
from tests.support.services import postgres_server, redis_server
from voting_server.clock import CLOCK, CLOCK_ENV
from voting_server.domain.swedish_time import STOCKHOLM, parse_instant
from voting_server.store.db import make_engine
from voting_server.store.seed import seed_demo

# This process seals and opens TOTP secrets with the same key as the hubs it starts.
os.environ.setdefault("ORDET_SECRET", TEST_SECRET)

#: Besides today, the days (Swedish time) on which tests marked ``any_day`` run:
#: years ahead, a Saturday, midsommarafton and nyårsafton.
OTHER_DAYS = {
    "years-ahead": "2031-03-12T10:15",
    "saturday": "2029-09-15T10:15",
    "midsommarafton": "2030-06-21T10:15",
    "nyarsafton": "2032-12-31T10:15",
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "any_day: also run with the clock set to each of conftest.OTHER_DAYS"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if metafunc.definition.get_closest_marker("any_day"):
        metafunc.fixturenames.append("run_day")
        metafunc.parametrize("run_day", ["today", *OTHER_DAYS])


@pytest.fixture(autouse=True)
def test_clock(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Set this process's clock, and that of every hub it starts, to the test's day.

    Runs before every other fixture, so a seeded demo meeting is on that day too.
    """
    callspec = getattr(request.node, "callspec", None)
    day = callspec.params.get("run_day", "today") if callspec else "today"
    if day == "today":
        yield
        return
    CLOCK.start_at(parse_instant(OTHER_DAYS[day]))
    monkeypatch.setenv(CLOCK_ENV, f"{CLOCK.offset:+.3f}")
    yield
    CLOCK.start_at(None)


@pytest.fixture(scope="session")
def redis_base() -> Iterator[str]:
    with redis_server() as url:
        yield url


@pytest.fixture
def redis_url(redis_base: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A Redis with a key namespace of its own, removed after the test.

    Namespaces, not database numbers, keep tests apart: several test runs
    may share one Redis at the same time.
    """
    namespace = f"test-{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv("ORDET_REDIS_NAMESPACE", namespace)
    url = f"{redis_base}/0"
    yield url
    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(match=f"{namespace}:*", count=1000))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database: an SQLite file, or a schema of its own in PostgreSQL."""
    with fresh_database(
        request.param, tmp_path, lambda: str(request.getfixturevalue("postgres_url"))
    ) as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ordet.db'}"


@pytest.fixture
def demo_engine(sqlite_url: str) -> Iterator[Engine]:
    engine = make_engine(sqlite_url)
    seed_demo(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def start_hub(
    sqlite_url: str, redis_url: str, tmp_path: Path, demo_engine: Engine
) -> Iterator[Callable[..., HubProcess]]:
    """Start hub processes on the seeded demo database; all stopped at the end."""
    started: list[HubProcess] = []

    def start(port: int = 0) -> HubProcess:
        hub = HubProcess(hub_env(sqlite_url, redis_url, tmp_path)).start(port)
        started.append(hub)
        return hub

    yield start
    for hub in started:
        hub.stop()


@pytest.fixture
def noon_hub(
    sqlite_url: str, redis_url: str, tmp_path: Path, demo_engine: Engine
) -> Iterator[HubProcess]:
    """A hub on the demo database, it and this process at noon Swedish time of today:
    the morning is over whenever the test runs, and the evening still to come."""
    today = datetime.now(STOCKHOLM).date()
    noon = datetime(today.year, today.month, today.day, 12, 0, tzinfo=STOCKHOLM)
    offset = int(noon.timestamp() - time.time())
    env = hub_env(sqlite_url, redis_url, tmp_path)
    env["ORDET_CLOCK"] = f"{offset:+d}"
    before, CLOCK.offset = CLOCK.offset, float(offset)
    hub = HubProcess(env).start()
    try:
        yield hub
    finally:
        hub.stop()
        CLOCK.offset = before
