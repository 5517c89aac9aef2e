"""One WebSocket client: its identity, and an outbox drained by its own task.

Fan-out only puts frames in outboxes, so one slow tablet never holds up the
room. A client whose outbox overflows is closed; it reconnects and resumes.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from starlette.websockets import WebSocket

from ..domain.base import Role
from .room_client import Client

OUTBOX_LIMIT = 1024


class WebSocketClient(Client):
    def __init__(self, websocket: WebSocket, role: Role, person: str | None) -> None:
        self.websocket = websocket
        self.role = role
        self.person = person
        self.seq = 0
        self.me: dict[str, Any] | None = None
        self.outbox: asyncio.Queue[bytes | None] = asyncio.Queue()
        self.overflowed = False

    def send(self, frame: bytes) -> None:
        if self.outbox.qsize() >= OUTBOX_LIMIT:
            self.overflowed = True
            self.outbox.put_nowait(None)
            return
        self.outbox.put_nowait(frame)

    def close_soon(self) -> None:
        self.outbox.put_nowait(None)

    async def pump(self) -> None:
        """Send queued frames in order until told to stop."""
        while (frame := await self.outbox.get()) is not None:
            await self.websocket.send_bytes(frame)
        code = 1013 if self.overflowed else 1000
        with contextlib.suppress(Exception):
            await self.websocket.close(code)
