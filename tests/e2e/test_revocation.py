"""Ending a login session closes its live WebSocket at once, on every hub process."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Engine

from tests.support.actors import open_meeting
from tests.support.hubs import HubProcess
from voting_server.client import HubClient, fetch_ticket, login
from voting_server.store.directory import Directory


async def test_logging_out_closes_the_sessions_connections_on_both_processes(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    first, second = start_hub(), start_hub()
    await open_meeting(first.url, demo_engine)  # the chair opens it; members follow
    http = await login(first.url, Directory(demo_engine).mint_login_link("m5"))
    here = HubClient(first.url, await fetch_ticket(http, "demo"))
    there = HubClient(second.url, await fetch_ticket(http, "demo"))
    for client in (here, there):
        await client.connect()
        await client.wait_for(lambda c: c.seq > 0)

    response = await http.post("/portal/api/logout", json={})
    assert response.status_code == 200
    for client in (here, there):
        await client.wait_for(
            lambda c: any(f.get("code") == "auth.session_revoked" for f in c.frames)
        )
        await client._ws.wait_closed()
        assert client._ws.close_code == 4401
    # The session's cookie no longer gets a ticket.
    assert (await http.get("/api/ticket", params={"meeting": "demo"})).status_code == 401
    await http.aclose()
