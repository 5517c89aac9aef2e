"""A Python client of the hub protocol, as a tablet or a screen would speak it.

Used by the scenario runner, the tests, the benchmarks and the load tests:
it logs in with a login link, fetches a ticket, keeps the role's view up to
date from snapshots and patches, and resumes after a dropped connection.
"""

from __future__ import annotations

import asyncio
import itertools
import secrets
from typing import Any

import httpx
import msgpack
import websockets

from .protocol.follower import ViewFollower


class CommandRefused(Exception):
    def __init__(self, frame: dict[str, Any]) -> None:
        self.code: str = frame.get("code", "")
        self.frame = frame
        super().__init__(f"{self.code}: {frame.get('message', '')}")


async def login(base_url: str, token: str) -> httpx.AsyncClient:
    """An HTTP session logged in through an administrator's login link."""
    http = httpx.AsyncClient(base_url=base_url, timeout=30)
    response = await http.get(f"/login/{token}")
    if response.status_code not in (200, 303, 307):
        raise PermissionError(f"login link refused: {response.status_code}")
    return http


async def fetch_ticket(http: httpx.AsyncClient, meeting: str, role: str = "") -> str:
    params = {"meeting": meeting}
    if role:
        params["role"] = role
    response = await http.get("/api/ticket", params=params)
    if response.status_code != 200:
        raise PermissionError(response.json().get("error", response.status_code))
    return str(response.json()["ticket"])


class HubClient:
    """One live connection: send commands, follow the view."""

    def __init__(self, base_url: str, ticket: str, origin: str | None = None) -> None:
        self.ws_url = base_url.replace("http", "ws", 1).rstrip("/") + "/ws"
        self.ticket = ticket
        self.origin = origin
        self.follower = ViewFollower()
        self.frames: list[dict[str, Any]] = []  # every frame received, for tests
        self._ws: Any = None
        self._reader: asyncio.Task[None] | None = None
        self.closed: websockets.ConnectionClosed | None = None  # how the hub closed it
        self._waiting: dict[Any, asyncio.Future[dict[str, Any]]] = {}
        self._changed = asyncio.Event()
        # Request ids unique to this client: the hub answers a reused id with the first
        # answer, so a second client of the same person must never count from r1 again.
        self._rid_prefix = f"r{secrets.token_hex(4)}-"
        self._rids = itertools.count(1)

    async def connect(self, since: int | None = None, ticket: str | None = None) -> None:
        url = f"{self.ws_url}?ticket={ticket or self.ticket}"
        if since is not None:
            url += f"&since={since}"
        headers = {"Origin": self.origin} if self.origin else None
        self._ws = await websockets.connect(url, additional_headers=headers, max_size=2**24)
        self.closed = None
        self._reader = asyncio.create_task(self._read())

    async def resume(self, ticket: str | None = None) -> None:
        """Reconnect and ask for what we missed since our last seq."""
        await self.drop()
        await self.connect(since=self.seq, ticket=ticket)

    async def drop(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
        if self._ws is not None:
            await self._ws.close()

    close = drop

    async def send(self, frame: dict[str, Any]) -> dict[str, Any]:
        """Send a frame with a fresh rid (unless it has one); wait for its answer.

        A frame the hub held back (``rate.limited``) was not applied: it is sent
        again, with the same rid, once the hub says it may.
        """
        frame = dict(frame)
        frame.setdefault("rid", f"{self._rid_prefix}{next(self._rids)}")
        for _ in range(50):
            answer = await self.send_raw(msgpack.packb(frame), frame["rid"])
            if answer.get("code") != "rate.limited":
                break
            await asyncio.sleep(float(answer.get("retry_after", 0.1)))
        return answer

    async def send_raw(self, raw: bytes | str, rid: Any = None) -> dict[str, Any]:
        future = asyncio.get_running_loop().create_future()
        self._waiting[rid] = future
        await self._ws.send(raw)
        return await asyncio.wait_for(future, 30)

    async def command(self, type_: str, **fields: Any) -> int:
        """Send a command; return its seq, or raise CommandRefused."""
        answer = await self.send({"type": type_, **fields})
        if answer["type"] == "error":
            raise CommandRefused(answer)
        return int(answer["seq"])

    async def wait_for(self, predicate: Any, timeout: float = 10) -> None:
        """Wait until ``predicate(self)`` holds for the live view."""

        async def until() -> None:
            while not predicate(self):
                self._changed.clear()
                await self._changed.wait()

        await asyncio.wait_for(until(), timeout)

    async def _read(self) -> None:
        """Follow the frames until the hub closes the connection (kept in ``closed``)."""
        try:
            async for raw in self._ws:
                frame = msgpack.unpackb(raw)
                self.frames.append(frame)
                self._on_frame(frame)
                self._changed.set()
        except websockets.ConnectionClosed as closed:
            self.closed = closed
        self._changed.set()

    async def wait_closed(self, timeout: float = 10) -> websockets.ConnectionClosed | None:
        """How the hub closed this connection, once it has."""
        if self._reader is not None:
            await asyncio.wait_for(asyncio.shield(self._reader), timeout)
        return self.closed

    # The view as the follower holds it (protocol/follower.py).
    @property
    def view(self) -> dict[str, Any]:
        return self.follower.view

    @property
    def me(self) -> dict[str, Any]:
        return self.follower.me

    @property
    def seq(self) -> int:
        return self.follower.seq

    @property
    def welcome(self) -> dict[str, Any]:
        return self.follower.welcome

    @property
    def gaps(self) -> int:
        return self.follower.gaps

    @property
    def snapshots(self) -> int:
        return self.follower.snapshots

    def _on_frame(self, frame: dict[str, Any]) -> None:
        kind = frame.get("type")
        self.follower.take(frame)
        if kind in ("ack", "error", "pong"):
            future = self._waiting.pop(frame.get("rid"), None)
            if future is not None and not future.done():
                future.set_result(frame)
