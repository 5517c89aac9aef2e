"""An ack never lies: a request id answered as a retry only when it asks for the
same command, on a fresh connection and after the hub was killed and restarted."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Engine

from tests.support.actors import connect_as
from tests.support.hubs import HubProcess


async def test_a_reused_request_id_for_another_command_is_refused_and_changes_nothing(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    member = await connect_as(hub.url, demo_engine, "m9")
    first = await member.send({"type": "attendance.check_in", "rid": "r1"})
    assert first["type"] == "ack"
    await member.close()

    # A client that reconnects and counts its requests from r1 again.
    again = await connect_as(hub.url, demo_engine, "m9")
    reused = await again.send({"type": "attendance.check_out", "rid": "r1"})
    assert reused["type"] == "error" and reused["code"] == "request.rid_reused"
    retry = await again.send({"type": "attendance.check_in", "rid": "r1"})
    assert retry == {**retry, "type": "ack", "seq": first["seq"]}
    assert again.view["attendance"]["presence"]["m9"] == "present"
    await again.close()

    # The log remembers what each request asked for, across a kill of the hub.
    hub.kill()
    restarted = start_hub()
    after = await connect_as(restarted.url, demo_engine, "m9")
    assert (await after.send({"type": "attendance.check_out", "rid": "r1"}))["code"] == (
        "request.rid_reused"
    )
    assert after.view["attendance"]["presence"]["m9"] == "present"
    fresh = await after.send({"type": "attendance.check_out", "rid": "r2"})
    assert fresh["type"] == "ack" and fresh["seq"] > first["seq"]
    await after.close()


async def test_another_member_may_use_the_same_request_id(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    anna = await connect_as(hub.url, demo_engine, "m9")
    bo = await connect_as(hub.url, demo_engine, "m10")
    assert (await anna.send({"type": "attendance.check_in", "rid": "r1"}))["type"] == "ack"
    assert (await bo.send({"type": "attendance.check_in", "rid": "r1"}))["type"] == "ack"
    await bo.wait_for(lambda c: c.view["attendance"]["presence"].get("m9") == "present")
    assert bo.view["attendance"]["presence"]["m10"] == "present"
    await anna.close()
    await bo.close()
