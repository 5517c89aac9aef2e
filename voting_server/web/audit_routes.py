"""Replay, minutes and justering over HTTP.

Who may see what: an adjourned meeting's replay and minutes are public
(council records are public documents). While the meeting is under way the
replay is for the chair, the secretary and auditors, and the draft minutes
also for members (the justerare read them before a paragraph is verified).

Signing (``POST /api/meetings/{m}/minutes/sign``) needs the session of the
chair or one of the two justerare and a fresh TOTP code from their
authenticator: a step-up, checked with the portal's replay protection, so a
code that was used once (for the login, or for another signature) is refused.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from ..audit import minutes_report
from ..audit.minutes_justering import deadlines_json
from ..audit.minutes_model import local
from ..audit.replay import snapshot, state_at
from ..clock import CLOCK
from ..domain.base import Actor, Role
from ..domain.errors import OrdetError
from ..domain.justering.events import CHAIR, RecordNotice, SignMinutes
from ..domain.justering.state import signatory_role
from ..domain.votes.commands import GiveReservationReason
from ..domain.votes.decisions import REASON_LIMIT
from ..hub.hub import Hub
from ..hub.room import MeetingNotOpened, Room
from ..portal import accounts, audit, forms, totp
from ..portal.errors import PortalError, forbidden, not_found, unauthorized
from ..portal.http import Portal
from ..portal.login import PAIR, Throttle
from ..portal.pages import page_response

REPLAY_ROLES = frozenset({Role.CHAIR, Role.SECRETARY, Role.AUDITOR})
MINUTES_ROLES = REPLAY_ROLES | {Role.DELEGATE}
_UNSAFE_IN_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")
Handler = Callable[[Request], Awaitable[Response]]


def audit_routes(hub: Hub, portal: Portal) -> list[BaseRoute]:
    def guarded(handler: Handler) -> Handler:
        async def wrapped(request: Request) -> Response:
            try:
                return await handler(request)
            except PortalError as err:
                return JSONResponse({"error": err.code, "message": err.message}, err.status)

        return wrapped

    async def principal(request: Request) -> str | None:
        try:
            return (await portal.session(request)).principal
        except PortalError:
            return None

    async def room_for(request: Request, allowed: frozenset[Role]) -> tuple[Room, str | None]:
        """The meeting's room, if the caller may read it (see the module's docstring)."""
        meeting = request.path_params["meeting"]
        # Ask the database first: a URL must not load a room for any id typed in.
        if await asyncio.to_thread(portal.directory.meeting, meeting) is None:
            raise not_found("meeting.unknown", "no such meeting")
        person = await principal(request)
        try:
            room = await hub.room(meeting, may_open=False)  # reading never begins a log
        except MeetingNotOpened as err:
            raise PortalError(err.code, err.message, 409) from None
        if room.meeting.core.adjourned:
            return room, person
        if person is None:
            raise unauthorized("auth.no_session", "log in first")
        roles = await asyncio.to_thread(portal.directory.roles_of, person, meeting)
        if not roles & allowed:
            raise forbidden("auth.role_not_granted", "not while the meeting is under way")
        return room, person

    async def rendered(room: Room) -> minutes_report.Rendered:
        async with room.lock:  # a consistent log, never one half through a batch
            pairs = list(room.history)
        return await asyncio.to_thread(minutes_report.render, pairs)

    # --- pages ------------------------------------------------------------------------
    def page(name: str) -> Handler:
        async def serve(request: Request) -> Response:
            return page_response(name)

        return serve

    # --- replay -------------------------------------------------------------------------
    async def replay(request: Request) -> Response:
        """``?at=SEQ``: the chamber display after entry SEQ, and the entries around it."""
        room, _ = await room_for(request, REPLAY_ROLES)
        entries = await hub.store.read_durable(room.meeting_id, 0)
        size = len(entries)
        raw = request.query_params.get("at", "")
        at = int(raw) if raw.isdigit() else size
        at = max(0, min(at, size))
        display, around = await asyncio.to_thread(_replay_at, entries, at)
        return JSONResponse(
            {
                "meeting": room.meeting_id,
                "seq": at,
                "size": size,
                "time": around["time"],
                "display": display,
                "events": around["events"],
            },
            headers={"Cache-Control": "no-store"},
        )

    # --- minutes ------------------------------------------------------------------------
    async def minutes_html(request: Request) -> Response:
        """The HTML document exactly as signed: its SHA-256 is the document hash."""
        room, _ = await room_for(request, MINUTES_ROLES)
        result = await rendered(room)
        return Response(
            result.document,
            media_type="text/html; charset=utf-8",
            headers={
                "Cache-Control": "no-store",
                "ETag": f'"{result.document_hash}"',
                "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
            },
        )

    async def minutes_pdf(request: Request) -> Response:
        room, _ = await room_for(request, MINUTES_ROLES)
        result = await rendered(room)
        data = await asyncio.to_thread(minutes_report.pdf, result)
        name = f"protokoll-{_UNSAFE_IN_FILENAME.sub('-', room.meeting_id)}.pdf"
        return Response(
            data,
            media_type="application/pdf",
            headers={
                "Content-Disposition": f'inline; filename="{name}"',
                "Cache-Control": "no-store",
            },
        )

    async def minutes_status(request: Request) -> Response:
        room, person = await room_for(request, MINUTES_ROLES)
        result = await rendered(room)
        async with room.lock:
            role = signatory_role(room.meeting, person) if person else None
            finished = set(room.meeting.core.finished_items)
            adjourned = room.meeting.core.adjourned
        body = _status_json(result, room.meeting_id, adjourned, finished, person, role)
        body.update(deadlines_json(result.status.deadlines, CLOCK.today()))
        body["today"] = CLOCK.today().isoformat()
        if person is not None:
            roles = await asyncio.to_thread(portal.directory.roles_of, person, room.meeting_id)
            body["me"]["secretary"] = Role.SECRETARY in roles
        return JSONResponse(body, headers={"Cache-Control": "no-store"})

    async def sign(request: Request) -> Response:
        """Sign the minutes or one paragraph: the hash seen, and a fresh TOTP code."""
        body = await forms.json_body(request)
        paragraph = forms.text(body, "paragraph", limit=64, required=False)
        document_hash = forms.text(body, "document_hash", limit=64)
        code = forms.text(body, "code", limit=40)
        room, person = await room_for(request, MINUTES_ROLES)
        if person is None:
            raise unauthorized("auth.no_session", "log in first")
        result = await rendered(room)
        async with room.lock:
            role = signatory_role(room.meeting, person)
        if role is None:
            raise forbidden("minutes.not_a_signatory", "only the chair and the justerare sign")
        expected = result.hash_of(paragraph)
        if expected is None:
            raise not_found("minutes.unknown_paragraph", f"no paragraph {paragraph!r}")
        if document_hash != expected:
            raise PortalError(
                "minutes.document_changed", "the minutes changed; read them again", 409
            )
        await asyncio.to_thread(_step_up, portal, person, code, _address(request))
        actor = Actor(Role.CHAIR if role == CHAIR else Role.DELEGATE, person)
        seq = await _submitted(room, SignMinutes(paragraph, document_hash), actor)
        await asyncio.to_thread(
            audit.record,
            portal.engine,
            "minutes.sign",
            actor=person,
            subject=room.meeting_id,
            reason=f"{paragraph or 'protokoll'} {document_hash}",
            address=_address(request),
        )
        return JSONResponse({"seq": seq, "paragraph": paragraph, "role": role})

    async def reservation_reason(request: Request) -> Response:
        """A member hands in the written reason of their reservation (until the justering)."""
        body = await forms.json_body(request)
        vote = forms.text(body, "vote", limit=64, required=False)
        decision = forms.text(body, "decision", limit=64, required=False)
        if bool(vote) == bool(decision):
            raise forms.bad("name the vote or the decision the reservation is against")
        reason = forms.text(body, "reason", limit=REASON_LIMIT)
        room, person = await room_for(request, MINUTES_ROLES)
        if person is None:
            raise unauthorized("auth.no_session", "log in first")
        command = GiveReservationReason(vote, reason, decision=decision)
        seq = await _submitted(room, command, Actor(Role.DELEGATE, person))
        return JSONResponse({"seq": seq, "vote": vote, "decision": decision})

    async def record_notice(request: Request) -> Response:
        """The secretary records the day the notice of the verified minutes was posted."""
        body = await forms.json_body(request)
        day = forms.text(body, "day", limit=10)
        room, person = await room_for(request, MINUTES_ROLES)
        if person is None:
            raise unauthorized("auth.no_session", "log in first")
        roles = await asyncio.to_thread(portal.directory.roles_of, person, room.meeting_id)
        if Role.SECRETARY not in roles:
            raise forbidden("auth.role_not_granted", "the secretary records the notice")
        seq = await _submitted(room, RecordNotice(day), Actor(Role.SECRETARY, person))
        await asyncio.to_thread(
            audit.record,
            portal.engine,
            "minutes.notice",
            actor=person,
            subject=room.meeting_id,
            reason=day,
            address=_address(request),
        )
        return JSONResponse({"seq": seq, "day": day})

    return [
        Route("/m/{meeting}/replay", page("replay.html")),
        Route("/m/{meeting}/minutes", page("minutes.html")),
        Route("/api/meetings/{meeting}/replay", guarded(replay)),
        Route("/api/meetings/{meeting}/minutes.html", guarded(minutes_html)),
        Route("/api/meetings/{meeting}/minutes.pdf", guarded(minutes_pdf)),
        Route("/api/meetings/{meeting}/minutes/status", guarded(minutes_status)),
        Route("/api/meetings/{meeting}/minutes/sign", guarded(sign), methods=["POST"]),
        Route("/api/meetings/{meeting}/minutes/notice", guarded(record_notice), methods=["POST"]),
        Route(
            "/api/meetings/{meeting}/reservations/reason",
            guarded(reservation_reason),
            methods=["POST"],
        ),
    ]


def _replay_at(entries: list[Any], at: int) -> tuple[dict[str, Any], dict[str, Any]]:
    return state_at(entries, at), snapshot(entries, at, around=4)


async def _submitted(room: Room, command: Any, actor: Actor) -> int:
    """A command through the meeting's room; a refusal becomes the portal's error."""
    try:
        return await room.submit(command, actor, None)
    except OrdetError as err:
        status = 403 if err.code.startswith("auth.") else 409
        raise PortalError(err.code, err.message, status) from None


def _step_up(portal: Portal, person: str, code: str, address: str) -> None:
    """A current TOTP code of the person's own authenticator, never used before."""
    now = CLOCK.now()
    throttle = Throttle(portal.engine)
    # Waits grow after a few wrong codes, as for a login from one address.
    attempt = throttle.begin({f"stepup:{person}": PAIR}, now)
    account = accounts.account_of(portal.engine, person)
    if account is None or not account.enrolled:
        raise forbidden("auth.no_second_factor", "enrol an authenticator in the portal first")
    step = totp.matching_step(accounts.totp_secret_of(account), code, now)
    if step is None:
        audit.record(
            portal.engine, "stepup.failure", actor=person, reason="auth.bad_code", address=address
        )
        raise unauthorized("auth.bad_code", "the code does not match")
    if not accounts.consume_step(portal.engine, person, step):
        audit.record(
            portal.engine, "stepup.failure", actor=person, reason="auth.code_used", address=address
        )
        raise unauthorized("auth.code_used", "this code has been used already")
    throttle.forget(attempt)


def _address(request: Request) -> str:
    return request.client.host if request.client else ""


def _status_json(
    result: minutes_report.Rendered,
    meeting: str,
    adjourned: bool,
    finished: set[str],
    person: str | None,
    role: str | None,
) -> dict[str, Any]:
    minutes, status = result.minutes, result.status

    def who(p: str) -> dict[str, str]:
        return {"person": p, "name": minutes.name(p), "party": minutes.party(p)}

    return {
        "meeting": meeting,
        "title": minutes.title,
        "adjourned": adjourned,
        "document_hash": result.document_hash,
        "paragraphs": [
            {
                "item": p.item,
                "number": p.number,
                "title": p.title,
                "hash": result.paragraph_hashes[p.item],
                "finished": p.item in finished,
                "verified": p.item in status.verified_paragraphs,
            }
            for p in minutes.paragraphs
        ],
        "chair": who(status.chair) if status.chair else None,
        "chairs": [who(c) for c in status.chairs],
        "justerare": [who(p) for p in status.justerare],
        "signatures": [
            {
                "paragraph": s.paragraph,
                **who(s.person),
                "role": s.role,
                "document_hash": s.document_hash,
                "signed_at": local(s.signed_at).isoformat(timespec="minutes"),
                "holds": s.holds,
            }
            for s in status.signatures
        ],
        "verified": status.verified,
        "verified_at": local(status.verified_at).isoformat(timespec="minutes")
        if status.verified_at
        else None,
        "me": {"person": person, "role": role},
    }
