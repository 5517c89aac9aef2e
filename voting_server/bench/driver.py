"""The benchmark's own WebSocket client, used alike for Ordet and the reference.

``Conn`` sends msgpack frames and matches answers to requests; it unpacks only
small frames (answers are small, view snapshots are not), because voters in a
burst need their acks, not the view. ``Follower`` keeps what a screen shows
(Ordet's view from snapshots and patches, or the reference's tally) and
resolves a watch at the first frame after which a condition holds.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

import msgpack
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from ..protocol.follower import ViewFollower

ANSWER_MAX_BYTES = 4096  # acks and errors are far smaller; snapshots far larger
ANSWERS = ("ack", "error", "pong")


def answer_key(frame: dict[str, Any]) -> Any:
    """Which request a frame answers: Ordet's ``rid``, the reference's ``seq``, or None."""
    if frame.get("type") in ANSWERS:
        return frame.get("rid")
    if frame.get("t") == "ack":
        return frame.get("seq")
    if frame.get("t") == "ok":
        return "ok"
    return None


class Conn:
    """One connection that sends requests and awaits their answers."""

    def __init__(self, ws: ClientConnection, on_frame: Callable[[dict[str, Any]], None] | None):
        self.ws = ws
        self.on_frame = on_frame
        self.waiting: dict[Any, asyncio.Future[dict[str, Any]]] = {}
        self.closed = asyncio.Event()
        self.reader = asyncio.create_task(self._read())

    @classmethod
    async def open(cls, url: str, on_frame: Callable[[dict[str, Any]], None] | None = None) -> Conn:
        ws = await connect(url, max_size=2**26, open_timeout=60, ping_interval=None)
        return cls(ws, on_frame)

    async def request(self, frame: dict[str, Any], key: Any, timeout: float = 60) -> dict[str, Any]:
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self.waiting[key] = future
        await self.ws.send(msgpack.packb(frame))
        return await asyncio.wait_for(future, timeout)

    async def send(self, frame: dict[str, Any]) -> None:
        await self.ws.send(msgpack.packb(frame))

    async def _read(self) -> None:
        try:
            async for raw in self.ws:
                if self.on_frame is None and len(raw) > ANSWER_MAX_BYTES:
                    continue
                frame = msgpack.unpackb(raw)
                if self.on_frame is not None:
                    self.on_frame(frame)
                future = self.waiting.pop(answer_key(frame), None)
                if future is not None and not future.done():
                    future.set_result(frame)
        except ConnectionClosed:
            pass
        finally:
            self.closed.set()
            for future in self.waiting.values():
                if not future.done():
                    future.set_exception(ConnectionError("connection closed"))
            self.waiting.clear()

    async def close(self) -> None:
        await self.ws.close()
        await self.reader


class Follower:
    """What a screen shows, and watches on it."""

    def __init__(self, apply: Callable[[Follower, dict[str, Any]], None]) -> None:
        self.apply = apply
        self.state: dict[str, Any] = {}
        self.seq = 0
        self.gaps = 0
        self.frames = 0
        self.view = ViewFollower()  # Ordet's frames, followed as every client does
        self._watches: list[tuple[Callable[[Follower], bool], asyncio.Future[float]]] = []

    def on_frame(self, frame: dict[str, Any]) -> None:
        self.frames += 1
        self.apply(self, frame)
        for watch in list(self._watches):
            condition, future = watch
            if not future.done() and condition(self):
                future.set_result(time.perf_counter())
                self._watches.remove(watch)

    def watch(self, condition: Callable[[Follower], bool]) -> asyncio.Future[float]:
        """Resolves with the time of the first frame after which ``condition`` holds."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._watches.append((condition, future))
        return future

    async def until(self, condition: Callable[[Follower], bool], timeout: float = 60) -> None:
        if not condition(self):
            await asyncio.wait_for(self.watch(condition), timeout)


def follow_ordet(follower: Follower, frame: dict[str, Any]) -> None:
    """Ordet's view, as hub.js and HubClient keep it."""
    view = follower.view
    if view.take(frame):
        follower.state, follower.seq, follower.gaps = view.view, view.seq, view.gaps


def follow_reference(follower: Follower, frame: dict[str, Any]) -> None:
    if frame.get("t") == "tally":
        follower.state = frame


async def open_many(urls: Sequence[str | Callable[[], str]], concurrency: int = 256) -> list[Conn]:
    """Connect to every URL, at most ``concurrency`` handshakes at a time.

    A URL may be a function, called right before its handshake (to put a
    freshly minted ticket in it: tickets live 60 s).
    """
    gate = asyncio.Semaphore(concurrency)

    async def one(url: str | Callable[[], str]) -> Conn:
        async with gate:
            return await Conn.open(url if isinstance(url, str) else url())

    return list(await asyncio.gather(*(one(u) for u in urls)))


async def close_all(conns: Sequence[Conn]) -> None:
    await asyncio.gather(*(c.close() for c in conns), return_exceptions=True)


def p50(values: Sequence[float]) -> float:
    """The median sample, taken as vote_burst.py takes it."""
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0.0


def p99(values: Sequence[float]) -> float:
    """The 99th percentile sample (nearest rank), as vote_burst.py takes it."""
    ordered = sorted(values)
    return ordered[max(int(len(ordered) * 0.99) - 1, 0)] if ordered else 0.0


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else 0.0


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)
