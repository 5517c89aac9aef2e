"""Who has a device connected, as the chair's console is told, across two hub
processes that share one Redis: a member who connects shows up, one whose
device goes away drops out, and nobody else is ever told."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Engine

from tests.support.actors import connect_as
from tests.support.hubs import HubProcess

REFRESH = 12  # seconds to wait for a few refreshes (hub/devices.py refreshes every 3 s)


async def test_the_chair_sees_which_members_have_a_device_on_any_process(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    first, second = start_hub(), start_hub()
    chair = await connect_as(first.url, demo_engine, "m1", role="chair")
    display = await connect_as(first.url, demo_engine, "display")
    anna = await connect_as(second.url, demo_engine, "m2")
    bo = await connect_as(first.url, demo_engine, "m3")
    try:
        await chair.wait_for(lambda c: {"m2", "m3"} <= set(c.follower.devices or ()), REFRESH)
        assert "m1" in (chair.follower.devices or ())  # the chair's own console is a device

        await anna.close()  # the tablet served by the other process goes away
        await chair.wait_for(lambda c: "m2" not in (c.follower.devices or ()), REFRESH)
        assert "m3" in (chair.follower.devices or ())
        # Only the presidium is told who is connected.
        assert display.follower.devices is None and bo.follower.devices is None
        assert not [f for f in display.frames if f.get("type") == "devices"]
    finally:
        for client in (chair, display, anna, bo):
            await client.close()
