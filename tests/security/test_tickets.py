"""A socket for any role but the public screen needs a live login behind it: a
ticket without a session opens nothing, and a socket closes when its session ends."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
import websockets
from sqlalchemy.engine import Engine
from sqlmodel import Session

from tests.support.actors import open_meeting
from tests.support.hubs import TEST_SECRET, HubProcess
from voting_server.auth.tickets import Ticket, TicketSigner
from voting_server.client import HubClient
from voting_server.clock import CLOCK
from voting_server.domain.base import Role
from voting_server.store.directory import Directory, token_hash
from voting_server.store.models import SessionRow


async def refused(hub: HubProcess, ticket: str) -> int:
    with pytest.raises(websockets.InvalidStatus) as info:
        await HubClient(hub.url, ticket).connect()
    return int(info.value.response.status_code)


async def test_a_ticket_without_a_live_session_opens_no_socket(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    signer = TicketSigner(TEST_SECRET)
    # Even someone holding the signing secret cannot skip the login ...
    for role, person in ((Role.CHAIR, "m1"), (Role.DISPLAY, None), (Role.SECRETARY, "sekr")):
        assert await refused(hub, signer.mint(Ticket("", "m1", role, person, "demo"))) == 401
    # ... nor dress a chair up as the public screen, nor borrow someone else's session.
    forged_public = Ticket("", "m1", Role.PUBLIC, "m1", "demo")
    assert await refused(hub, signer.mint(forged_public)) == 401
    theirs = token_hash(Directory(demo_engine).open_session("m2"))
    assert await refused(hub, signer.mint(Ticket(theirs, "m1", Role.CHAIR, "m1", "demo"))) == 401


async def test_a_socket_closes_when_its_session_runs_out(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    await open_meeting(hub.url, demo_engine)  # the chair opens it; members follow
    session = token_hash(Directory(demo_engine).open_session("m4"))
    with Session(demo_engine) as s:
        row = s.get(SessionRow, session)
        assert row is not None
        row.expires_at = int(CLOCK.now()) + 2
        s.add(row)
        s.commit()
    ticket = TicketSigner(TEST_SECRET).mint(Ticket(session, "m4", Role.DELEGATE, "m4", "demo"))
    client = HubClient(hub.url, ticket)
    await client.connect()
    await client.wait_for(lambda c: c.seq > 0)
    await client.wait_for(
        lambda c: any(f.get("code") == "auth.session_revoked" for f in c.frames), timeout=10
    )
    await asyncio.wait_for(client._ws.wait_closed(), 5)
    assert client._ws.close_code == 4401
