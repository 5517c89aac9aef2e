"""What the portal's routes share: the Portal (engine, settings, sessions,
cookies), and the way every JSON endpoint is wrapped.

Every POST needs a JSON body and, if the browser sent an Origin, an allowed
one; the session cookie is http-only and SameSite=Strict. Together these
keep other sites from acting with a member's session (CSRF).
"""

from __future__ import annotations

import asyncio
import functools
import os
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from sqlalchemy.engine import Engine
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..auth.origins import origin_allowed
from ..domain.meeting.commands import FileDocument
from ..settings import Settings
from ..store.directory import SESSION_TTL, Directory, token_hash
from ..store.documents import document_files
from ..store.models import SessionRow
from . import login
from .errors import PortalError, forbidden, unauthorized
from .mail import Mailer
from .pages import page_response
from .secretariat import Secretariat
from .sessions import Sessions
from .vault import seal_plain_secrets

P = ParamSpec("P")
T = TypeVar("T")
Handler = Callable[[Request], Awaitable[Response]]


async def _no_log(meeting: str, command: FileDocument, person: str) -> None:
    """Without a hub (the portal alone), no meeting is open to log a handling in."""


class Portal:
    """What the portal's routes share. Two hooks tie it to the hub: ``sessions.
    on_session_revoked``, and ``file_in_log``, which writes a handling filed during an
    open meeting into its log (a PortalError when the meeting refuses it)."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self.directory = Directory(engine)
        self.sessions = Sessions(engine)
        self.documents = document_files(
            settings.data_dir,
            settings.documents_url,
            settings.documents_access_key,
            settings.documents_secret_key,
        )
        self.mailer = Mailer(settings)
        self.file_in_log: Callable[[str, FileDocument, str], Awaitable[None]] = _no_log
        seal_plain_secrets(engine)  # an installation upgraded in place

    def set_cookie(self, response: Response, token: str) -> None:
        response.set_cookie(
            self.settings.session_cookie,
            token,
            max_age=SESSION_TTL,
            path="/",
            httponly=True,
            samesite="strict",
            secure=self.settings.secure_cookies,
        )

    def delete_cookie(self, response: Response) -> None:
        response.delete_cookie(
            self.settings.session_cookie,
            path="/",
            httponly=True,
            samesite="strict",
            secure=self.settings.secure_cookies,
        )

    async def session(self, request: Request) -> SessionRow:
        cookie = request.cookies.get(self.settings.session_cookie)
        row = None
        if cookie:
            row = await asyncio.to_thread(self.directory.session, token_hash(cookie))
        if row is None:
            raise unauthorized("auth.no_session", "log in first")
        return row

    async def principal_or_none(self, request: Request) -> str | None:
        """Who is logged in, or None: for what anyone may read in part (public documents)."""
        try:
            return (await self.session(request)).principal
        except PortalError:
            return None


def address(request: Request) -> str:
    return request.client.host if request.client else ""


def error_response(err: PortalError) -> JSONResponse:
    headers = {"Retry-After": str(err.retry_after)} if isinstance(err, login.SlowDown) else None
    body: dict[str, object] = {"error": err.code, "message": err.message}
    if isinstance(err, login.SlowDown):
        body["retry_after"] = err.retry_after
    return JSONResponse(body, status_code=err.status, headers=headers)


def api(portal: Portal, handler: Handler) -> Handler:
    """A JSON endpoint: its PortalErrors as JSON, POSTs only from allowed Origins."""

    @functools.wraps(handler)
    async def wrapped(request: Request) -> Response:
        try:
            if request.method == "POST" and not origin_allowed(
                request, portal.settings.allowed_origins
            ):
                raise forbidden("auth.origin_not_allowed", "this Origin may not post here")
            return await handler(request)
        except PortalError as err:
            return error_response(err)

    return wrapped


def page(name: str) -> Handler:
    async def serve(request: Request) -> Response:
        return page_response(name)

    return serve


def run(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Awaitable[T]:
    """Database work off the event loop."""
    return asyncio.to_thread(fn, *args, **kwargs)


#: Password hashing (Argon2, ~170 ms of CPU each) runs on threads of its own, one per
#: core: a crowd logging in waits for the cores, and the tickets and sockets of those
#: already past the password do not wait behind them.
_PASSWORDS = ThreadPoolExecutor(max_workers=os.cpu_count() or 2, thread_name_prefix="password")


def run_password_check(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Awaitable[T]:
    """Work that verifies or hashes a password, off the event loop and the shared pool."""
    call = functools.partial(fn, *args, **kwargs)
    return asyncio.get_running_loop().run_in_executor(_PASSWORDS, call)


async def secretariat(portal: Portal, request: Request) -> Secretariat:
    """The secretariat as the logged-in person may use it (or PortalError)."""
    session = await portal.session(request)
    return await run(Secretariat, portal.engine, session.principal)


def base_url(settings: Settings) -> str:
    """Where a link sent to a member points: the configured address, never the Host header."""
    if not settings.base_url:
        raise PortalError("settings.base_url_missing", "set ORDET_BASE_URL", 503)
    return settings.base_url
