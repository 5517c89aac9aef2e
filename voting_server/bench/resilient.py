"""A client that survives faults the way a tablet must.

When its connection drops it reconnects with ``since=<last seq>`` (a fresh
ticket each time, as a tablet fetches one with its session cookie), waits
until it has caught up, and sends again every request that was not
answered, with the SAME rid: the hub answers a retry with the original result.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from websockets.exceptions import ConnectionClosed, InvalidHandshake

from ..domain.base import Role
from .assembly import TicketBook
from .chamber import Address, ws_url
from .driver import Conn, Follower, follow_ordet

RETRY_CODES = frozenset({"server.unavailable", "server.error"})
CONNECT_GIVE_UP_S = 60


class Resilient:
    def __init__(self, hub: Address, book: TicketBook, principal: str, role: Role) -> None:
        self.hub = hub
        self.book = book
        self.principal = principal
        self.role = role
        self.view = Follower(follow_ordet)
        self.conn: Conn | None = None
        self.answers: dict[Any, list[dict[str, Any]]] = {}
        self.resyncs: list[float] = []  # seconds from a drop noticed to caught up
        self.spans: list[tuple[float, float]] = []  # each resync's start and end, perf_counter()
        self.retries = 0
        self._syncs = 0

    def ticket(self) -> str:
        if self.role is Role.PUBLIC:
            return self.book.public()
        return self.book.ticket(self.principal, self.role)

    def on_frame(self, frame: dict[str, Any]) -> None:
        self.view.on_frame(frame)
        if frame.get("type") in ("ack", "error"):
            self.answers.setdefault(frame.get("rid"), []).append(frame)

    @property
    def connected(self) -> bool:
        return self.conn is not None and not self.conn.closed.is_set()

    async def ensure(self) -> None:
        """Connected and caught up: reconnect (since our seq) if the link is down."""
        if self.connected:
            return
        started = time.perf_counter()
        first = self.conn is None
        deadline = time.monotonic() + CONNECT_GIVE_UP_S
        while True:
            since = self.view.seq if self.view.seq > 0 else None
            try:
                self.conn = await Conn.open(ws_url(self.hub, self.ticket(), since), self.on_frame)
                # The hub queues the catch-up frames before it reads our ping.
                self._syncs += 1
                rid = f"sync-{self._syncs}"
                await self.conn.request({"type": "ping", "rid": rid}, rid, timeout=15)
                break
            except (OSError, InvalidHandshake, ConnectionClosed, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.05)
        if not first:
            done = time.perf_counter()
            self.resyncs.append(done - started)
            self.spans.append((started, done))

    async def request(self, frame: dict[str, Any]) -> dict[str, Any]:
        """Send until answered; retries keep the frame's rid."""
        while True:
            await self.ensure()
            assert self.conn is not None
            try:
                answer = await self.conn.request(frame, frame["rid"], timeout=15)
            except (ConnectionClosed, ConnectionError, TimeoutError):
                self.retries += 1
                await self.drop()
                continue
            if answer.get("type") == "error" and answer.get("code") in RETRY_CODES:
                self.retries += 1
                await asyncio.sleep(0.05)
                continue
            return answer

    async def drop(self) -> None:
        """Let go of a broken link (the next ``ensure`` reconnects)."""
        if self.conn is not None and not self.conn.closed.is_set():
            await self.conn.close()

    async def close(self) -> None:
        if self.conn is not None:
            await self.conn.close()
