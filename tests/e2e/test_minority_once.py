"""The minority right applies once per ärende: the next meeting's log knows it came back."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy.engine import Engine

from tests.support.actors import connect_as
from tests.support.hubs import HubProcess
from voting_server.clock import CLOCK
from voting_server.store.seed import DEMO_AGENDA, add_demo_meeting


async def sent_back(hub: HubProcess, engine: Engine, meeting: str) -> dict:  # type: ignore[type-arg]
    """Item 3 (RS 2026/412) sent back by 24 of 36: the last minority invocation's view."""
    chair = await connect_as(hub.url, engine, "m1", role="chair", meeting=meeting)
    members = [await connect_as(hub.url, engine, f"m{i}", meeting=meeting) for i in range(2, 37)]
    await asyncio.gather(*(c.command("attendance.check_in") for c in [chair, *members]))
    await chair.command("agenda.start_item", item="3")
    supporters = [f"m{i}" for i in range(2, 14)]  # 12 of 36: a third
    await chair.command(
        "minority.invoke",
        motion="y1",
        kind="aterremiss",
        supporters=supporters,
        reason="Konsekvenserna för kollektivtrafiken är inte utredda.",
    )
    await chair.wait_for(lambda c: bool(c.view.get("votes", {}).get("minority")))
    invoked = dict(chair.view["votes"]["minority"][-1])
    for client in (chair, *members):
        await client.close()
    return invoked


async def test_a_second_minority_aterremiss_of_the_same_arende_is_not_forced(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    assert DEMO_AGENDA[2][3] == "RS 2026/412"  # item 3's diarienummer, in both meetings
    add_demo_meeting(demo_engine, "next", CLOCK.today() + timedelta(days=30))
    hub = start_hub()
    first = await sent_back(hub, demo_engine, "demo")
    assert first["forced"] is True
    again = await sent_back(hub, demo_engine, "next")
    assert (again["forced"], again.get("repeat")) == (False, True)
