"""A debate through the hub: the chair, three members and the display."""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy.engine import Engine
from sqlmodel import Session

from tests.support.actors import connect_as
from tests.support.hubs import HubProcess
from voting_server.client import HubClient
from voting_server.store.models import AssemblyRow


def speaker(display: HubClient) -> str | None:
    current = display.view["debate"].get("current")
    return current["person"] if current else None


def waiting(display: HubClient) -> list[tuple[str, str]]:
    return [(w["person"], w["kind"]) for w in display.view["debate"]["waiting"]]


async def test_a_debate_with_replik_kontrareplik_and_a_point_of_order(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    chair = await connect_as(hub.url, demo_engine, "m1", role="chair")
    members = {p: await connect_as(hub.url, demo_engine, p) for p in ("m2", "m3", "m4")}
    display = await connect_as(hub.url, demo_engine, "display")
    for client in (chair, *members.values()):
        await client.command("attendance.check_in")
    await chair.command("agenda.start_item", item="3")

    await members["m2"].command("debate.request_floor")
    await members["m3"].command("debate.request_floor")
    await display.wait_for(lambda d: waiting(d) == [("m2", "speech"), ("m3", "speech")])

    await chair.command("debate.give_floor")
    await display.wait_for(lambda d: speaker(d) == "m2")
    current = display.view["debate"]["current"]
    assert current["limit_ms"] > 0 and current["started_at"] > 0

    # m3 has not spoken on the item, so the chair names m3 to allow a replik.
    await chair.command("debate.name_person", person="m3")
    await members["m3"].command("debate.request_replik")
    await members["m4"].command("debate.raise_point_of_order")
    await display.wait_for(lambda d: waiting(d)[:2] == [("m4", "ordningsfraga"), ("m3", "replik")])

    await chair.command("debate.next_speaker")
    await display.wait_for(lambda d: speaker(d) == "m4")
    await chair.command("debate.next_speaker")
    await display.wait_for(lambda d: speaker(d) == "m3")
    await members["m2"].command("debate.request_kontrareplik")

    await chair.command("debate.close_list")
    await display.wait_for(lambda d: d.view["debate"]["closed"] is True)
    refused = await members["m4"].send({"type": "debate.request_floor"})
    assert refused["type"] == "error"

    await chair.command("debate.next_speaker")
    await display.wait_for(lambda d: speaker(d) == "m2")
    assert display.view["debate"]["current"]["kind"] == "kontrareplik"

    assert display.gaps == 0
    for client in (chair, display, *members.values()):
        await client.close()


async def test_the_assemblys_debate_rules_are_written_into_the_log_at_the_opening(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    with Session(demo_engine) as session:
        assembly = session.get(AssemblyRow, "demo")
        assert assembly is not None
        assembly.settings = json.dumps({"debate": {"replik_limit": 1, "first_speech_s": 240}})
        session.add(assembly)
        session.commit()
    hub = start_hub()
    display = await connect_as(hub.url, demo_engine, "display")
    rules = display.view["debate"]["settings"]
    assert (rules["replik_limit"], rules["first_speech_s"], rules["replik_s"]) == (1, 240, 120)
    await display.close()
