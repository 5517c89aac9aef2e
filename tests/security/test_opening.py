"""Only the presidium begins a meeting's log: before the chair or the secretary
opens it, nobody else (a member, the chamber display, a public screen or a
download) writes anything, and the secretary may still change the roster and
the agenda."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
import websockets
from sqlalchemy.engine import Engine

from tests.support.actors import connect_as, login_ticket
from tests.support.hubs import TEST_SECRET, HubProcess
from voting_server.auth.tickets import Ticket, TicketSigner
from voting_server.client import HubClient, fetch_ticket
from voting_server.domain.base import Role
from voting_server.store.archive import Archive
from voting_server.store.directory import Directory, token_hash


async def test_nobody_but_the_presidium_begins_a_meeting(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    async with httpx.AsyncClient(base_url=hub.url) as http:
        with pytest.raises(PermissionError, match=r"meeting\.not_opened"):
            await fetch_ticket(http, "demo", "public")
        csv = await http.get("/api/meetings/demo/speaking-stats.csv")
        assert csv.status_code == 409 and csv.json()["error"] == "meeting.not_opened"
        minutes = await http.get("/api/meetings/demo/replay")
        assert minutes.status_code in (401, 404, 409)
    # A member and the chamber display are told to wait, over HTTP and over a socket.
    for principal in ("m2", "display"):
        with pytest.raises(PermissionError, match=r"meeting\.not_opened"):
            await login_ticket(hub.url, demo_engine, principal, "", "demo")
    # Tickets signed without asking (as if issued before): the socket refuses them too.
    session = token_hash(Directory(demo_engine).open_session("m2"))
    signer = TicketSigner(TEST_SECRET)
    for ticket in (
        Ticket(session, "m2", Role.DELEGATE, "m2", "demo"),
        Ticket("", "public", Role.PUBLIC, None, "demo"),
    ):
        with pytest.raises(websockets.InvalidStatus) as refused:
            await HubClient(hub.url, signer.mint(ticket)).connect()
        assert refused.value.response.status_code == 409
        assert b"meeting.not_opened" in refused.value.response.body
    assert Archive(demo_engine).head("demo") == 0

    # The secretary opens it; then members, the display and the public follow.
    await login_ticket(hub.url, demo_engine, "sekr", "", "demo")
    assert Archive(demo_engine).head("demo") > 0
    member = await connect_as(hub.url, demo_engine, "m2")
    async with httpx.AsyncClient(base_url=hub.url) as http:
        screen = HubClient(hub.url, await fetch_ticket(http, "demo", "public"))
    await screen.connect()
    await screen.wait_for(lambda c: c.seq > 0)
    await screen.close()
    await member.close()


async def test_the_chair_opens_the_meeting(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    chair = await connect_as(hub.url, demo_engine, "m1", "chair")
    assert Archive(demo_engine).head("demo") > 0
    assert chair.view["meeting"]["presiding"] == "m1"
    await chair.close()
