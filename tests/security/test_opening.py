"""An anonymous visitor cannot fix a meeting: before someone logged in to it opens
it, a public screen or a download writes nothing, and the secretary may still
change the roster and the agenda."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
import websockets
from sqlalchemy.engine import Engine

from tests.support.actors import connect_as
from tests.support.hubs import HubProcess
from voting_server.client import HubClient, fetch_ticket
from voting_server.store.archive import Archive


async def test_anonymous_requests_leave_an_unopened_meeting_untouched(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    async with httpx.AsyncClient(base_url=hub.url) as http:
        public = await fetch_ticket(http, "demo", "public")
        with pytest.raises(websockets.InvalidStatus) as refused:
            await HubClient(hub.url, public).connect()
        assert refused.value.response.status_code == 409
        assert b"meeting.not_opened" in refused.value.response.body
        csv = await http.get("/api/meetings/demo/speaking-stats.csv")
        assert csv.status_code == 409 and csv.json()["error"] == "meeting.not_opened"
        minutes = await http.get("/api/meetings/demo/replay")
        assert minutes.status_code in (401, 404, 409)
        assert Archive(demo_engine).head("demo") == 0
        # A member who logs in opens it; then the public screen follows it.
        member = await connect_as(hub.url, demo_engine, "m2")
        assert Archive(demo_engine).head("demo") > 0
        screen = HubClient(hub.url, await fetch_ticket(http, "demo", "public"))
        await screen.connect()
        await screen.wait_for(lambda c: c.seq > 0)
        await screen.close()
        await member.close()
