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


async def test_a_senders_new_status_comes_with_its_ack_and_anyone_elses_on_its_own(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    chair = await connect_as(hub.url, demo_engine, "m1", role="chair")
    member = await connect_as(hub.url, demo_engine, "m2")
    other = await connect_as(hub.url, demo_engine, "m3")
    try:
        await chair.command("attendance.check_in")
        before = len(member.frames)
        await member.command("attendance.check_in")
        answered = member.frames[before:]
        ack = next(f for f in answered if f["type"] == "ack")
        assert ack["me"]["presence"] == "present" and ack["me_seq"] >= ack["seq"]
        assert not [f for f in answered if f["type"] == "me"]  # one frame, not two
        assert member.me["presence"] == "present"

        # The chair checks m3 in: m3 sent nothing, so its status comes as a frame.
        await chair.command("attendance.check_in", person="m3")
        await other.wait_for(lambda c: c.me.get("presence") == "present")
        assert [f for f in other.frames if f["type"] == "me"][-1]["me"]["presence"] == "present"
    finally:
        for client in (chair, member, other):
            await client.close()
