"""One contract, two meeting logs: the in-memory log that in-process tests use,
and the real one (SQL, then Redis) that hubs use, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
import redis.asyncio as aioredis

from tests.support.databases import fresh_database
from tests.support.hubs import TEST_SECRET
from voting_server.hub.log_store import LogStore
from voting_server.log.chain import GENESIS, LogEntry, seal
from voting_server.log.errors import LogConflict
from voting_server.log.meeting_log import MeetingLog
from voting_server.log.memory import MemoryLog
from voting_server.store.archive import Archive
from voting_server.store.db import make_engine

#: A factory of logs of one installation: each call is another process's view of it.
Installation = Callable[[], MeetingLog]


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
async def installation(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[Installation]:
    """``memory``: one MemoryLog; else LogStores on the real Redis and that database."""
    if request.param == "memory":
        shared = MemoryLog()
        yield lambda: shared
        return
    redis_url = request.getfixturevalue("redis_url")

    def postgres() -> str:
        return str(request.getfixturevalue("postgres_url"))

    clients: list[aioredis.Redis] = []
    with fresh_database(request.param, tmp_path, postgres) as url:
        engine = make_engine(url)

        def process() -> MeetingLog:
            client = aioredis.Redis.from_url(redis_url)
            clients.append(client)
            return LogStore(Archive(engine), client, TEST_SECRET)

        yield process
        for client in clients:
            await client.aclose()
        engine.dispose()


def entries(after: int = 0, prev: bytes = GENESIS, *payloads: bytes) -> list[LogEntry]:
    return seal(after, prev, list(payloads) or [b"one", b"two"])


async def test_persisted_entries_read_back_in_order(installation: Installation) -> None:
    log = installation()
    first = entries(0, GENESIS, b"a", b"b")
    await log.persist("m", first)
    more = entries(2, first[-1].hash, b"c")
    await log.persist("m", more)
    assert await log.read_durable("m", 0) == [*first, *more]
    assert await log.read_durable("m", 2) == more
    assert await log.read_durable("other", 0) == []


async def test_a_taken_position_is_a_conflict_and_writes_nothing(
    installation: Installation,
) -> None:
    one, other = installation(), installation()
    mine = entries(0, GENESIS, b"mine")
    await one.persist("m", mine)
    theirs = entries(0, GENESIS, b"theirs", b"and more")
    with pytest.raises(LogConflict):
        await other.persist("m", theirs, {"v1": b"sealed"})
    assert await other.read_durable("m", 0) == mine
    assert await other.urn("m", "v1") is None


async def test_urns_change_with_the_entries_that_change_them(
    installation: Installation,
) -> None:
    log = installation()
    first = entries(0, GENESIS, b"cast")
    await log.persist("m", first, {"v1": b"urn-1", "v2": b"urn-2"})
    assert (await log.urn("m", "v1"), await log.urn("m", "v2")) == (b"urn-1", b"urn-2")
    closing = entries(1, first[-1].hash, b"close")
    await log.persist("m", closing, {"v2": b"urn-2b"}, emptied=["v1"])
    assert await log.urn("m", "v1") is None
    assert await log.urn("m", "v2") == b"urn-2b"
    assert await log.urn("elsewhere", "v2") is None


async def test_a_writer_catches_up_with_what_another_wrote(installation: Installation) -> None:
    one, other = installation(), installation()
    token = await one.acquire("m")
    written = entries(0, GENESIS, b"x", b"y")
    await one.persist("m", written)
    await one.publish("m", written)
    await one.release("m", token)
    token = await other.acquire("m")
    assert await other.catch_up("m", 0) == written
    assert await other.catch_up("m", 2) == []
    await other.release("m", token)
    assert await other.sync_live("m") == 2


async def test_the_lease_has_one_holder_at_a_time(installation: Installation) -> None:
    one, other = installation(), installation()
    token = await one.acquire("m")
    waiting = asyncio.create_task(other.acquire("m"))
    await asyncio.sleep(0.2)
    assert not waiting.done()
    await other.release("m", "not-the-token")  # a stranger's token frees nothing
    await asyncio.sleep(0.1)
    assert not waiting.done()
    await one.release("m", token)
    second = await asyncio.wait_for(waiting, 5)
    assert second != token
    await other.release("m", second)
    assert await asyncio.wait_for(one.acquire("m"), 5)
