"""Someone who can write to Redis cannot put an event into a meeting: a stream entry
that continues the hash chain perfectly, but that Ordet did not write, is refused."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import redis.asyncio as aioredis
from sqlalchemy.engine import Engine

from tests.support.actors import connect_as
from tests.support.hubs import HubProcess
from voting_server.domain.meeting.events import CheckedIn
from voting_server.log.chain import Envelope, encode_envelope, seal
from voting_server.log.redis_log import meeting_keys
from voting_server.store.archive import Archive


async def test_a_forged_stream_entry_never_reaches_a_view_or_the_record(
    start_hub: Callable[..., HubProcess], demo_engine: Engine, redis_url: str
) -> None:
    hub = start_hub()
    display = await connect_as(hub.url, demo_engine, "display")
    member = await connect_as(hub.url, demo_engine, "m3")
    try:
        await member.command("attendance.check_in")
        durable = Archive(demo_engine).read("demo")
        last = durable[-1]
        # A perfect continuation of the chain: the attacker can compute every hash.
        forged_event = Envelope(CheckedIn("m70"), last.seq, role="chair")
        [forged] = seal(last.seq, last.hash, [encode_envelope(forged_event)])
        stream, head = meeting_keys("demo")
        client = aioredis.Redis.from_url(redis_url)
        await client.xadd(
            stream, {"p": forged.prev, "d": forged.data, "h": forged.hash}, id=f"{forged.seq}-0"
        )
        await client.hset(head, mapping={"seq": forged.seq, "hash": forged.hash})
        await client.aclose()
        await asyncio.sleep(1.5)  # the hubs' followers have read the stream by now
        assert "m70" not in display.view["attendance"]["presence"]
        # The meeting goes on, from the record in SQL; the forged entry is not in it.
        other = await connect_as(hub.url, demo_engine, "m4")
        await other.command("attendance.check_in")
        await display.wait_for(lambda d: "m4" in d.view["attendance"]["presence"])
        assert "m70" not in display.view["attendance"]["presence"]
        assert forged.data not in [e.data for e in Archive(demo_engine).read("demo")]
        await other.close()
    finally:
        await display.close()
        await member.close()
