"""One WebSocket client: its identity, and an outbox drained by its own task.

Fan-out only puts frames in outboxes, so one slow tablet never holds up the
room. A client whose outbox overflows is closed; it reconnects and resumes.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from starlette.websockets import WebSocket

from ..auth.tickets import TicketError
from ..domain.base import Role
from ..domain.errors import NotAllowed
from ..protocol import outgoing
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
        self.close_code = 1000

    def send(self, frame: bytes) -> None:
        if self.outbox.qsize() >= OUTBOX_LIMIT:
            self.close_code = 1013  # try again later: the client resumes from its seq
            self.outbox.put_nowait(None)
            return
        self.outbox.put_nowait(frame)

    def close_soon(self, code: int | None = None) -> None:
        if code is not None:
            self.close_code = code
        self.outbox.put_nowait(None)

    def lose_chair(self) -> None:
        self.send(outgoing.error(NotAllowed("chair.not_presiding", "another member presides")))
        # After the acks of this batch (the handover's own among them) have gone out.
        asyncio.get_running_loop().call_later(0.25, self.close_soon, 4403)

    def end_session(self) -> None:
        """The login behind this connection ended: say so, and close."""
        self.send(outgoing.error(TicketError("auth.session_revoked", "the session has ended")))
        self.close_soon(4401)

    async def pump(self) -> None:
        """Send queued frames in order until told to stop."""
        while (frame := await self.outbox.get()) is not None:
            await self.websocket.send_bytes(frame)
        with contextlib.suppress(Exception):
            await self.websocket.close(self.close_code)
