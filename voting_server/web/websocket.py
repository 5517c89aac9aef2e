"""The hub's one WebSocket endpoint: handshake checks, then frames both ways.

Handshake: the Origin must be allowed, and ``?ticket=`` must carry a valid,
unexpired ticket for a live session. ``?since=SEQ`` resumes from a sequence
number. Every frame after that is decoded, checked against the sender's role,
and answered with ``ack`` or ``error`` carrying the frame's ``rid``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Any

from starlette.responses import JSONResponse
from starlette.websockets import WebSocket, WebSocketDisconnect

from ..auth.origins import origin_allowed
from ..auth.tickets import Ticket, TicketError, TicketSigner
from ..clock import CLOCK
from ..domain.aggregate import authorize
from ..domain.base import PRESIDIUM, Actor, Role
from ..domain.errors import OrdetError, ProtocolError
from ..hub.connection import WebSocketClient
from ..hub.hub import Hub, now_ms
from ..hub.room import MeetingNotOpened, Room
from ..log.chain import ChainError
from ..protocol import outgoing
from ..protocol.commands import command_from
from ..protocol.frames import decode, request_id
from ..protocol.rate import RateLimit

log = logging.getLogger("ordet.ws")


async def hub_socket(websocket: WebSocket) -> None:
    app = websocket.app
    hub: Hub = app.state.hub
    if not origin_allowed(websocket, app.state.settings.allowed_origins):
        await _deny(websocket, 403, "auth.origin_not_allowed", "this Origin may not connect")
        return
    try:
        ticket, expires_at = await _check_ticket(websocket, app.state.signer)
        room = await hub.room(ticket.meeting, may_open=ticket.role in PRESIDIUM)
    except MeetingNotOpened as err:
        await _deny(websocket, 409, err.code, err.message)
        return
    except OrdetError as err:
        await _deny(websocket, 401, err.code, err.message)
        return
    except LookupError:
        await _deny(websocket, 404, "meeting.unknown", "no such meeting")
        return
    except ChainError as broken:
        log.critical("meeting log does not verify: %s", broken)
        await _deny(websocket, 503, "log.broken", f"the meeting's log does not verify: {broken}")
        return
    presiding = room.meeting.core.presiding
    if ticket.role is Role.CHAIR and presiding and ticket.person != presiding:
        # A chair's ticket from before a handover opens no console.
        await _deny(websocket, 403, "chair.not_presiding", "another member presides now")
        return
    await websocket.accept()
    client = WebSocketClient(websocket, ticket.role, ticket.person)
    since = _int_param(websocket.query_params.get("since"))
    async with room.lock:
        frames = room.attach(client, since)
    client.send(outgoing.welcome(str(ticket.role), ticket.person, ticket.meeting, now_ms()))
    for frame in frames:
        client.send(frame)
    if ticket.role in PRESIDIUM:
        client.send(outgoing.devices(sorted(room.devices)))
    if ticket.person:
        hub.devices.joined(ticket.meeting, ticket.person)
    pump = asyncio.create_task(client.pump())
    actor = Actor(ticket.role, ticket.person)
    expiry = None
    if ticket.session:
        hub.register(ticket.session, client)
        # The login behind the socket runs out: the socket goes with it.
        left = max(expires_at - CLOCK.now(), 0) if expires_at is not None else 0
        expiry = asyncio.get_running_loop().call_later(left, client.end_session)
    try:
        await _receive_loop(websocket, client, room, actor, ticket)
    finally:
        if expiry is not None:
            expiry.cancel()
        if ticket.session:
            hub.unregister(ticket.session, client)
        room.detach(client)
        if ticket.person:
            hub.devices.left(ticket.meeting, ticket.person)
        client.close_soon()
        with contextlib.suppress(Exception):
            await pump


async def _receive_loop(
    websocket: WebSocket, client: WebSocketClient, room: Room, actor: Actor, ticket: Ticket
) -> None:
    rate = RateLimit()
    while True:
        try:
            message = await websocket.receive()
        except (WebSocketDisconnect, RuntimeError):
            return
        if message["type"] == "websocket.disconnect":
            return
        raw = message.get("bytes")
        if raw is None:
            refusal = ProtocolError("frame.not_binary", "send msgpack as binary frames")
            client.send(outgoing.error(refusal))
            continue
        frame: Any = None
        try:
            frame = decode(raw)
            _handle(frame, client, room, actor, ticket, rate)
        except OrdetError as err:
            client.send(outgoing.error(err, request_id(frame)))


def _handle(
    frame: dict[str, Any],
    client: WebSocketClient,
    room: Room,
    actor: Actor,
    ticket: Ticket,
    rate: RateLimit,
) -> None:
    rid = frame.get("rid")
    if frame["type"] == "ping":
        client.send(outgoing.pong(rid, now_ms()))
        return
    command = command_from(frame)
    authorize(command, actor)
    wait = rate.take(time.monotonic())
    if wait:
        error = ProtocolError("rate.limited", f"too many commands: wait {wait:.2f} s")
        client.send(outgoing.error(error, rid, retry_after=wait))
        return
    request_key = None if rid is None else f"{ticket.principal}:{rid}"
    future = room.submit(command, actor, request_key)
    future.add_done_callback(lambda f: _answer(client, rid, f))


def _answer(client: WebSocketClient, rid: Any, future: asyncio.Future[int]) -> None:
    error = future.exception()
    if error is None:
        client.send(outgoing.ack(rid, future.result(), client.take_me()))
    elif isinstance(error, OrdetError):
        client.send(outgoing.error(error, rid))
    else:
        log.error("unexpected error for rid %r: %r", rid, error)
        client.send(outgoing.internal_error(rid))


async def _check_ticket(websocket: WebSocket, signer: TicketSigner) -> tuple[Ticket, int | None]:
    """The ticket, and when its session ends (None for the public screen, which has none).

    Every role but ``public`` must name a session that is live now.
    """
    token = websocket.query_params.get("ticket")
    if not token:
        raise TicketError("auth.ticket_missing", "connect with ?ticket=")
    ticket = signer.verify(token)
    if ticket.role is Role.PUBLIC:
        if ticket.session or ticket.person is not None:
            raise TicketError("auth.ticket_invalid", "the ticket is not valid")
        return ticket, None
    if not ticket.session:
        raise TicketError("auth.session_required", "this role needs a login")
    directory = websocket.app.state.directory
    session = await asyncio.to_thread(directory.session, ticket.session)
    if session is None or session.principal != ticket.principal:
        raise TicketError("auth.session_revoked", "the session has ended")
    return ticket, session.expires_at


async def _deny(websocket: WebSocket, status: int, code: str, message: str) -> None:
    await websocket.send_denial_response(
        JSONResponse({"error": code, "message": message}, status_code=status)
    )


def _int_param(value: str | None) -> int | None:
    if value is None or not value.isdigit():
        return None
    return int(value)
