"""The live connections of a script's actors, opened on first use."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from sqlalchemy.engine import Engine

from ..client import HubClient, fetch_ticket, login
from ..store.directory import Directory
from .errors import ScenarioError
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
        self._opened = False

    async def connect(self, names: tuple[str, ...]) -> None:
        """Connect every named actor not yet connected, and wait for their views."""
        missing = [n for n in dict.fromkeys(names) if n not in self.clients]
        if missing and not self._opened:
            await asyncio.wait_for(self._open(), CONNECT_TIMEOUT)
        if missing:
            await asyncio.wait_for(
                asyncio.gather(*(self._connect(n) for n in missing)), CONNECT_TIMEOUT
            )

    async def _open(self) -> None:
        """Open the meeting as the presidium would before anyone else connects.

        Only the chair or the secretary begins a meeting's log, and a script may
        connect its members first: the runner opens it for them.
        """
        openers = await asyncio.to_thread(self.directory.openers, self.meeting)
        if not openers:
            raise ScenarioError(f"nobody may open meeting {self.meeting!r}: it has no chair")
        await self._ticket(Actor("opener", openers[0]))
        self._opened = True

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
