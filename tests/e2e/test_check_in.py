"""A member checks in and the display sees quorum change, over a real uvicorn."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Engine

from tests.support.actors import connect_as
from tests.support.hubs import HubProcess


async def test_check_in_moves_quorum_on_the_display(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    display = await connect_as(hub.url, demo_engine, "display")
    assert display.view["attendance"]["quorum"] is False
    members = [await connect_as(hub.url, demo_engine, f"m{i}") for i in range(1, 37)]
    for member in members:
        await member.command("attendance.check_in")
    await display.wait_for(lambda c: c.view["attendance"]["filled"] == 36)
    assert display.view["attendance"]["quorum"] is True
    assert display.gaps == 0
    for client in [display, *members]:
        await client.close()
