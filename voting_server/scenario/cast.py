"""The live connections of a script's actors, opened on first use."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from sqlalchemy.engine import Engine

from ..client import HubClient, fetch_ticket, login
from ..store.directory import Directory
from .script import Actor

PUBLIC = "public"
CONNECT_TIMEOUT = 30.0
_PARALLEL_LOGINS = 8  # enough to be quick, few enough not to look like a flood


class Cast:
    def __init__(self, url: str, engine: Engine, meeting: str, actors: dict[str, Actor]) -> None:
        self.url = url
        self.directory = Directory(engine)
        self.meeting = meeting
        self.actors = actors
        self.clients: dict[str, HubClient] = {}
        self._logins = asyncio.Semaphore(_PARALLEL_LOGINS)

    async def connect(self, names: tuple[str, ...]) -> None:
        """Connect every named actor not yet connected, and wait for their views."""
        missing = [n for n in dict.fromkeys(names) if n not in self.clients]
        # Those logged in first: the public screen cannot open a meeting.
        logged_in = [n for n in missing if self.actors[n].principal != PUBLIC]
        public = [n for n in missing if n not in logged_in]
        for group in (logged_in, public):
            if group:
                await asyncio.wait_for(
                    asyncio.gather(*(self._connect(n) for n in group)), CONNECT_TIMEOUT
                )

    def __getitem__(self, name: str) -> HubClient:
        return self.clients[name]

    async def close(self) -> None:
        for client in self.clients.values():
            await client.close()
        self.clients.clear()

    async def _connect(self, name: str) -> None:
        actor = self.actors[name]
        async with self._logins:
            ticket = await self._ticket(actor)
        client = HubClient(self.url, ticket)
        await client.connect()
        self.clients[name] = client
        await client.wait_for(lambda c: c.seq > 0, CONNECT_TIMEOUT)

    async def _ticket(self, actor: Actor) -> str:
        if actor.principal == PUBLIC:
            # The public needs no login: anyone may watch.
            async with httpx.AsyncClient(base_url=self.url, timeout=CONNECT_TIMEOUT) as http:
                return await fetch_ticket(http, self.meeting, PUBLIC)
        token = await asyncio.to_thread(self.directory.mint_login_link, actor.principal)
        http = await login(self.url, token)
        try:
            return await fetch_ticket(http, self.meeting, actor.role)
        finally:
            await http.aclose()


def merged_view(client: HubClient) -> dict[str, Any]:
    """The role's view with the personal ``me`` status under the key ``me``."""
    return {**client.view, "me": client.me}
