"""The Starlette application: routes, and the hub's start and stop."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import (
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles

from ..audit.checkpoint import load_or_create_signing_key, public_key_hex
from ..auth.tickets import Ticket, TicketSigner
from ..domain.base import PRESIDIUM, Role
from ..domain.swedish_time import local_iso
from ..hub.hub import Hub
from ..hub.room import MeetingNotOpened
from ..log.chain import ChainError
from ..portal.http import Portal
from ..portal.pages import page_response
from ..portal.routes import portal_routes
from ..settings import Settings
from ..store.archive import Archive
from ..store.db import make_engine
from ..store.directory import Directory, token_hash
from . import exports
from .allowance_routes import allowance_routes
from .audit_routes import audit_routes
from .filing import file_in_log
from .headers import SecurityHeaders, content_security_policy
from .websocket import hub_socket

DISPLAY_DIR = Path(__file__).resolve().parents[2] / "display"
#: The npm packages the pages load, each served from its folder in display/node_modules.
VENDOR = (
    ("/vendor/msgpack", "node_modules/@msgpack/msgpack/dist.esm", "msgpack"),
    ("/vendor/chart.js", "node_modules/chart.js/dist", "chart.js"),
    ("/vendor/pdfjs", "node_modules/pdfjs-dist/build", "pdfjs"),
    ("/vendor/noble-curves", "node_modules/@noble/curves", "noble-curves"),
    ("/vendor/noble-hashes", "node_modules/@noble/hashes", "noble-hashes"),
    ("/vendor/preact", "node_modules/preact/dist", "preact"),
)


def create_app(settings: Settings) -> Starlette:
    engine = make_engine(settings.database_url)
    directory = Directory(engine)
    signing_key = load_or_create_signing_key(settings.data_dir)
    hub = Hub(
        directory,
        Archive(engine),
        settings.redis_url,
        settings.secret,
        signing_key,
        urn_key_dir=settings.data_dir / "urn-keys",
    )
    signer = TicketSigner(settings.secret)
    # The members' portal, tied to the hub by its two hooks (portal/http.py).
    portal = Portal(engine, settings)
    portal.sessions.on_session_revoked = hub.session_revoked
    portal.file_in_log = file_in_log(hub)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await hub.start()
        yield
        await hub.stop()

    async def login_link(request: Request) -> Response:
        principal = await asyncio.to_thread(
            directory.redeem_login_link, request.path_params["token"]
        )
        if principal is None:
            return PlainTextResponse("Länken är ogiltig eller har gått ut. / Invalid link.", 403)
        token = await asyncio.to_thread(directory.open_session, principal)
        target = request.query_params.get("next", "/")
        if not target.startswith("/") or target.startswith("//"):
            target = "/"
        response = RedirectResponse(target, 303)
        portal.set_cookie(response, token)
        return response

    async def ticket(request: Request) -> Response:
        meeting = request.query_params.get("meeting", "")
        wanted = request.query_params.get("role", "")
        if await asyncio.to_thread(directory.meeting, meeting) is None:
            return _error(404, "meeting.unknown", "no such meeting")
        if wanted == Role.PUBLIC:
            if waiting := await _not_open_yet(hub, meeting, may_open=False):
                return waiting
            public = Ticket("", "public", Role.PUBLIC, None, meeting)
            return JSONResponse({"ticket": signer.mint(public), "role": "public"})
        cookie = request.cookies.get(settings.session_cookie)
        session = None
        if cookie:
            session = await asyncio.to_thread(directory.session, token_hash(cookie))
        if session is None:
            return _error(401, "auth.no_session", "log in first")
        roles = await asyncio.to_thread(directory.roles_of, session.principal, meeting)
        may_ask_to_chair = wanted == Role.CHAIR and Role.DELEGATE in roles
        if wanted and wanted not in roles and not may_ask_to_chair:
            return _error(403, "auth.role_not_granted", f"not allowed as {wanted}")
        # Only the presidium opens a meeting (writes its first entries); the
        # rest wait for it, and until then the secretary may still change it.
        if waiting := await _not_open_yet(hub, meeting, may_open=bool(roles & PRESIDIUM)):
            return waiting
        if Role.CHAIR in roles or may_ask_to_chair:
            # The console is the presiding member's alone: an ålderspresident too.
            presiding = await _presiding(hub, meeting)
            if presiding == session.principal:
                roles.add(Role.CHAIR)
            elif presiding and Role.CHAIR in roles:
                roles.discard(Role.CHAIR)
                if wanted == Role.CHAIR:
                    return _error(403, "chair.not_presiding", "another member presides now")
        role = _pick_role(roles, wanted)
        if role is None:
            return _error(403, "auth.role_not_granted", f"not allowed as {wanted or 'any role'}")
        person = None if role in (Role.DISPLAY, Role.PUBLIC) else session.principal
        granted = Ticket(session.id_hash, session.principal, role, person, meeting)
        return JSONResponse(
            {
                "ticket": signer.mint(granted),
                "role": str(role),
                "person": person,
                "roles": sorted(str(r) for r in roles),
            }
        )

    async def meetings(request: Request) -> Response:
        cookie = request.cookies.get(settings.session_cookie)
        session = await asyncio.to_thread(directory.session, token_hash(cookie)) if cookie else None
        principal = session.principal if session is not None else None
        rows = await asyncio.to_thread(directory.meetings, principal)
        return JSONResponse(
            [{"id": m.id, "title": m.title, "starts_at": local_iso(m.starts_at)} for m in rows]
        )

    async def page(request: Request) -> Response:
        return page_response("attendance.html")

    async def index(request: Request) -> Response:
        return page_response("index.html")

    async def signing_key_view(request: Request) -> Response:
        """The public key that verifies this installation's checkpoints."""
        return JSONResponse({"algorithm": "Ed25519", "public_key": public_key_hex(signing_key)})

    async def healthz(request: Request) -> Response:
        await hub.client.ping()
        return JSONResponse({"ok": True})

    routes = [
        Route("/", index),
        Route("/healthz", healthz),
        Route("/login/{token}", login_link),
        Route("/api/ticket", ticket),
        Route("/api/meetings", meetings),
        Route("/api/signing-key", signing_key_view),
        Route("/api/meetings/{meeting}/speaking-stats.csv", exports.debate_stats_csv),
        Route("/m/{meeting}/", page),
        WebSocketRoute("/ws", hub_socket),
        Mount("/static", StaticFiles(directory=DISPLAY_DIR / "static"), name="static"),
        *(
            Mount(path, StaticFiles(directory=DISPLAY_DIR / folder, check_dir=False), name=name)
            for path, folder, name in VENDOR
        ),
    ]
    routes += portal_routes(portal)
    routes += audit_routes(hub, portal)
    routes += allowance_routes(hub, portal)
    routes += [Route(f"/m/{{meeting}}/{name}", _screen(name, directory)) for name in SCREENS]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[Middleware(SecurityHeaders, secure=settings.secure_cookies)],
    )
    app.state.hub = hub
    app.state.signer = signer
    app.state.directory = directory
    app.state.settings = settings
    app.state.portal = portal
    return app


#: The four screens of a meeting and their pages (see display/pages); the public
#: screen is the chamber display's page, which reads its audience from the address.
SCREENS = {"tablet": "tablet", "chair": "chair", "display": "display", "public": "display"}


def _screen(name: str, directory: Directory) -> Callable[[Request], Awaitable[Response]]:
    async def screen(request: Request) -> Response:
        response = page_response(f"{SCREENS[name]}.html")
        if name == "public":
            # The public screen may be framed by the sites its assembly names.
            settings = await asyncio.to_thread(
                directory.assembly_settings, request.path_params["meeting"]
            )
            origins = [o for o in settings.get("embed_origins", []) if _is_origin(o)]
            if origins:
                response.headers["Content-Security-Policy"] = content_security_policy(origins)
        return response

    return screen


def _is_origin(value: object) -> bool:
    """``https://www.region.se``: a scheme and a host, nothing that could widen the policy."""
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return (
        parts.scheme in ("https", "http")
        and bool(parts.hostname)
        and value == f"{parts.scheme}://{parts.netloc}"
        and not any(c in value for c in " ;,'\"")
    )


async def _not_open_yet(hub: Hub, meeting: str, *, may_open: bool) -> JSONResponse | None:
    """Why no ticket can be given yet (the log has not begun, or is broken), or None.

    With ``may_open`` the log is begun if it has not been.
    """
    try:
        await hub.room(meeting, may_open=may_open)
    except MeetingNotOpened:
        return _error(409, "meeting.not_opened", "the chair or a secretary has not opened it yet")
    except ChainError as broken:
        return _error(503, "log.broken", f"the meeting's log does not verify: {broken}")
    return None


async def _presiding(hub: Hub, meeting: str) -> str:
    """Who presides the meeting now, from its log (already begun: see ticket())."""
    room = await hub.room(meeting, may_open=False)
    async with room.lock:
        return room.meeting.core.presiding


def _pick_role(roles: set[Role], wanted: str) -> Role | None:
    if wanted:
        return Role(wanted) if wanted in roles else None
    for role in (Role.CHAIR, Role.SECRETARY, Role.DELEGATE, Role.DISPLAY, Role.AUDITOR):
        if role in roles:
            return role
    return None


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": code, "message": message}, status_code=status)
