"""Fixtures: real Redis and PostgreSQL, seeded databases, and hub processes."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from sqlalchemy import text
from sqlalchemy.engine import Engine

from tests.support.hubs import HubProcess, hub_env
from tests.support.services import postgres_server, redis_server
from voting_server.store.db import make_engine
from voting_server.store.seed import seed_demo


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
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ordet.db'}"
        return
    base: str = request.getfixturevalue("postgres_url")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    yield f"{base}?options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


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
