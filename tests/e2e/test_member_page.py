"""The member's page lists what the log says: my ballots, and minutes awaiting my signature."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from sqlalchemy.engine import Engine

from tests.support.actors import connect_as
from tests.support.hubs import HubProcess
from voting_server.portal.overview import overview


async def test_the_justerare_and_the_chair_see_the_minutes_they_must_sign(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    chair = await connect_as(hub.url, demo_engine, "m1", role="chair")
    members = [await connect_as(hub.url, demo_engine, f"m{i}") for i in range(2, 41)]
    await asyncio.gather(*(c.command("attendance.check_in") for c in [chair, *members]))
    await chair.command("agenda.start_item", item="2")
    await chair.command("minutes.elect_justerare", persons=["m2", "m3"])
    await chair.command("agenda.finish_item")
    await chair.command("agenda.start_item", item="3")
    vote = await chair.command("vote.open", question="Bifall?")
    await chair.wait_for(lambda c: "current_vote" in c.view)
    vote_id = chair.view["current_vote"]
    await members[0].command("vote.cast", vote=vote_id, choice="nej")
    assert vote > 0
    await chair.command("vote.close", vote=vote_id)
    await chair.command("agenda.finish_item")
    assert overview(demo_engine, "m2")["justering"] == []  # not before the adjournment
    await chair.command("meeting.adjourn")

    page = overview(demo_engine, "m2")
    assert [(j["meeting"], j["role"]) for j in page["justering"]] == [("demo", "justerare")]
    assert page["votes"][0]["ballot"]["choice"] == "nej"
    assert overview(demo_engine, "m1")["justering"][0]["role"] == "chair"
    assert overview(demo_engine, "m4")["justering"] == []
    for client in (chair, *members):
        await client.close()
