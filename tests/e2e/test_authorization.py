"""Roles are bound to a meeting: the chair of one meeting is a member in another."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import msgpack
import pytest
import websockets
from sqlalchemy.engine import Engine

from tests.support.actors import connect_as, open_meeting
from tests.support.hubs import HubProcess
from voting_server.client import CommandRefused, login
from voting_server.store.directory import Directory
from voting_server.store.seed import DEMO_AGENDA, add_meeting


async def test_the_chair_of_one_meeting_cannot_chair_another(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    add_meeting(demo_engine, "demo", "other", "Another meeting", "m2", DEMO_AGENDA)
    hub = start_hub()
    await open_meeting(hub.url, demo_engine, "other")  # by its own chair, m2
    http = await login(hub.url, Directory(demo_engine).mint_login_link("m1"))
    refused = await http.get("/api/ticket", params={"meeting": "other", "role": "chair"})
    assert refused.status_code == 403
    assert refused.json()["error"] == "auth.role_not_granted"

    # In the other meeting m1 is a delegate: chair commands are refused and change nothing.
    member = await connect_as(hub.url, demo_engine, "m1", meeting="other")
    assert member.welcome["role"] == "delegate"
    with pytest.raises(CommandRefused) as info:
        await member.command("agenda.start_item", item="1")
    assert info.value.code == "auth.forbidden"
    assert "current_item" not in member.view
    await member.close()
    await http.aclose()


async def test_a_ticket_is_bound_to_its_meeting(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    """The hub takes the meeting from the signed ticket, never from the client."""
    add_meeting(demo_engine, "demo", "other", "Another meeting", "m2", DEMO_AGENDA)
    hub = start_hub()
    chair = await connect_as(hub.url, demo_engine, "m1", role="chair")
    url = hub.url.replace("http", "ws", 1) + f"/ws?meeting=other&ticket={chair.ticket}"
    async with websockets.connect(url) as ws:
        welcome = msgpack.unpackb(await ws.recv())
    assert (welcome["meeting"], welcome["role"]) == ("demo", "chair")
    await chair.close()


async def test_an_unknown_meeting_gets_a_clear_error(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    async with httpx.AsyncClient(base_url=hub.url) as http:
        response = await http.get("/api/ticket", params={"meeting": "nope", "role": "public"})
    assert response.status_code == 404 and response.json()["error"] == "meeting.unknown"
