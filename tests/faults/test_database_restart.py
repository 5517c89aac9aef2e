"""The database dies in the middle of a vote and comes back.

While PostgreSQL is away the hub answers ``server.unavailable`` and never an
ack: an ack means durable in SQL. Once it is back, the same ballots go
through, and every acknowledged ballot is in the archive; none is there
twice."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from tests.support.actors import connect_as
from tests.support.hubs import HubProcess, hub_env
from tests.support.services import private_postgres
from voting_server.client import HubClient
from voting_server.domain.aggregate import EVENTS
from voting_server.domain.votes.events import BallotCast
from voting_server.log.chain import decode_envelope, verify
from voting_server.store.archive import Archive
from voting_server.store.db import make_engine
from voting_server.store.seed import seed_demo


async def cast(member: HubClient, vote: str) -> dict[str, object]:
    return await member.send({"type": "vote.cast", "vote": vote, "choice": "ja"})


async def test_no_ack_while_the_database_is_away_and_nothing_acknowledged_is_lost(
    redis_url: str, tmp_path: Path
) -> None:
    with private_postgres() as database:
        engine = make_engine(database.url)
        seed_demo(engine)
        hub = HubProcess(hub_env(database.url, redis_url, tmp_path)).start()
        chair = await connect_as(hub.url, engine, "m1", role="chair")
        # A quorum checks in (m1..m40); twenty of them vote, ten before the crash.
        members = [await connect_as(hub.url, engine, f"m{i}") for i in range(2, 41)]
        voters = members[:20]
        try:
            await asyncio.gather(*(c.command("attendance.check_in") for c in [chair, *members]))
            await chair.command("agenda.start_item", item="3")
            await chair.command("vote.open", question="Bifall?")
            await chair.wait_for(lambda c: "current_vote" in c.view)
            vote = chair.view["current_vote"]
            early = await asyncio.gather(*(cast(m, vote) for m in voters[:10]))
            assert {a["type"] for a in early} == {"ack"}

            database.stop()
            away = await asyncio.gather(*(cast(m, vote) for m in voters[10:]))
            assert {a.get("code") for a in away} == {"server.unavailable"}, away

            database.start()
            deadline = time.monotonic() + 30
            later: list[dict[str, object]] = []
            for member in voters[10:]:
                while (answer := await cast(member, vote))["type"] != "ack":
                    assert answer.get("code") == "server.unavailable", answer
                    assert time.monotonic() < deadline, "the hub did not recover"
                    await asyncio.sleep(0.2)
                later.append(answer)
            await chair.command("vote.close", vote=vote)
            entries = Archive(engine).read("demo")
        finally:
            for client in (chair, *members):
                await client.close()
            hub.stop()
            engine.dispose()
        verify(entries)
        cast_by = [
            e.event.person
            for e in (decode_envelope(x.data, EVENTS) for x in entries)
            if isinstance(e.event, BallotCast) and e.event.vote == vote
        ]
    assert sorted(cast_by) == sorted(f"m{i}" for i in range(2, 22))  # each once
    assert len(later) == 10
