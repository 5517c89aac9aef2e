"""The live log in a real Redis: ordered, gapless, and guarded by the expected version."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
import redis.asyncio as aioredis

from voting_server.log.chain import GENESIS, seal, verify
from voting_server.log.redis_log import EntryMac, RedisLog, meeting_keys


@pytest.fixture
async def live_log(redis_url: str) -> AsyncIterator[RedisLog]:
    client = aioredis.Redis.from_url(redis_url)
    yield RedisLog(client, EntryMac("a secret of at least thirty-two characters"))
    await client.aclose()


async def test_appends_are_gapless_and_ordered(live_log: RedisLog) -> None:
    head, digest = 0, GENESIS
    for batch in range(10):
        entries = seal(head, digest, [f"{batch}.{i}".encode() for i in range(3)])
        result = await live_log.append("m", head, entries)
        assert result.ok and result.head == head + 3
        head, digest = result.head, entries[-1].hash
    stored = await live_log.read("m")
    assert [e.seq for e in stored] == list(range(1, 31))
    assert verify(stored) == digest
    assert await live_log.head("m") == (30, digest)


async def test_a_stale_writer_meets_a_version_conflict(live_log: RedisLog) -> None:
    first = seal(0, GENESIS, [b"a"])
    assert (await live_log.append("m", 0, first)).ok
    stale = seal(0, GENESIS, [b"b"])
    result = await live_log.append("m", 0, stale)
    assert not result.ok and result.head == 1
    assert [e.data for e in await live_log.read("m")] == [b"a"]


async def test_racing_writers_never_interleave(live_log: RedisLog) -> None:
    async def writer(name: str) -> int:
        written = 0
        while written < 20:
            head, digest = await live_log.head("m")
            entries = seal(head, digest, [f"{name}{written}".encode()])
            if (await live_log.append("m", head, entries)).ok:
                written += 1
        return written

    assert await asyncio.gather(writer("x"), writer("y"), writer("z")) == [20, 20, 20]
    stored = await live_log.read("m")
    assert len(stored) == 60 and len({e.data for e in stored}) == 60
    verify(stored)


async def test_reading_after_a_sequence_number(live_log: RedisLog) -> None:
    await live_log.append("m", 0, seal(0, GENESIS, [b"1", b"2", b"3", b"4"]))
    assert [e.seq for e in await live_log.read("m", after=2)] == [3, 4]


def test_a_meetings_keys_share_one_cluster_slot() -> None:
    log_key, head_key = meeting_keys("kf-2026-11")
    tag = "{m:kf-2026-11}"
    assert tag in log_key and tag in head_key
