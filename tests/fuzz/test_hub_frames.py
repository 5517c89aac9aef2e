"""Bad frames at a real hub: each one gets its own error, the link stays up, the log
does not move. Seeded, so a failure replays."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import msgpack
from sqlalchemy.engine import Engine

from tests.support.actors import ticket_for
from tests.support.hubs import HubProcess
from voting_server.bench.driver import Conn
from voting_server.domain.aggregate import authorize
from voting_server.domain.base import Actor, Role
from voting_server.domain.errors import OrdetError
from voting_server.protocol.commands import command_from
from voting_server.protocol.frames import MAX_FRAME_BYTES, decode
from voting_server.store.archive import Archive

from .strategies import VALID_FRAMES

ME = Actor(Role.DELEGATE, "m2")


def refusal(raw: bytes) -> str | None:
    """The code the hub must answer with, or None if the frame is a valid command."""
    try:
        frame = decode(raw)
        if frame["type"] == "ping":
            return None
        authorize(command_from(frame), ME)
    except OrdetError as err:
        return err.code
    return None


def bad_payloads(rng: random.Random, count: int) -> list[bytes]:
    payloads = [
        b"",
        b"\xc1",
        msgpack.packb([1, 2, 3]),
        msgpack.packb({"type": 7}),
        msgpack.packb({"type": "vote.cast", "rid": True}),
        msgpack.packb({"type": "nope", "rid": "x"}),
        msgpack.packb({"type": "vote.open", "rid": "y", "question": "q"}),  # not the chair's
        msgpack.packb({"type": "x", "pad": "a" * MAX_FRAME_BYTES}),
        b"\x81\xa4type" + b"\x91" * 200 + b"\xc0",
    ]
    while len(payloads) < count:
        raw = bytearray(msgpack.packb(rng.choice(VALID_FRAMES)))
        for _ in range(rng.randint(1, 4)):
            if raw:
                raw[rng.randrange(len(raw))] = rng.randrange(256)
        if rng.random() < 0.2:
            raw = bytearray(rng.randbytes(rng.randint(0, 64)))
        if refusal(bytes(raw)) is not None:
            payloads.append(bytes(raw))
    return payloads


async def test_every_bad_frame_gets_an_error_and_changes_nothing(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    received: list[dict[str, Any]] = []
    ticket = await ticket_for(hub.url, demo_engine, "m2")
    conn = await Conn.open(hub.url.replace("http", "ws", 1) + f"/ws?ticket={ticket}",
                           received.append)  # fmt: skip
    try:
        await conn.request({"type": "ping", "rid": "start"}, "start")
        head = len(Archive(demo_engine).read("demo"))
        for i, raw in enumerate(bad_payloads(random.Random(8), 150)):
            first = len(received)
            await conn.ws.send(raw)
            await conn.request({"type": "ping", "rid": f"p{i}"}, f"p{i}")
            answers = [f for f in received[first:] if f.get("type") in ("error", "ack")]
            assert [a.get("code") for a in answers] == [refusal(raw)], raw
        assert len(Archive(demo_engine).read("demo")) == head
    finally:
        await conn.close()
