"""The portal's HTTP interface: pages under /portal/, JSON under /portal/api/.

Every POST needs a JSON body and, if the browser sent an Origin, an allowed
one; the session cookie is http-only and SameSite=Strict. Together these
keep other sites from acting with a member's session (CSRF).
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

from sqlalchemy.engine import Engine
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from ..auth.origins import origin_allowed
from ..clock import CLOCK
from ..settings import Settings
from ..store.directory import SESSION_TTL, Directory, token_hash
from ..store.models import SessionRow
from . import accounts, audit, forms, login, overview
from .errors import PortalError, forbidden, unauthorized
from .openapi import openapi_document
from .secretariat import Secretariat
from .sessions import Sessions
from .vault import seal_plain_secrets

P = ParamSpec("P")
T = TypeVar("T")
Handler = Callable[[Request], Awaitable[Response]]
PAGES = Path(__file__).resolve().parents[2] / "display" / "pages"


class Portal:
    """What the portal's routes share; ``sessions.on_session_revoked`` is the hook."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self.directory = Directory(engine)
        self.sessions = Sessions(engine)
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


def _address(request: Request) -> str:
    return request.client.host if request.client else ""


def _error(err: PortalError) -> JSONResponse:
    headers = {"Retry-After": str(err.retry_after)} if isinstance(err, login.SlowDown) else None
    body: dict[str, object] = {"error": err.code, "message": err.message}
    if isinstance(err, login.SlowDown):
        body["retry_after"] = err.retry_after
    return JSONResponse(body, status_code=err.status, headers=headers)


def portal_routes(portal: Portal) -> list[BaseRoute]:
    def api(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def wrapped(request: Request) -> Response:
            try:
                if request.method == "POST" and not origin_allowed(
                    request, portal.settings.allowed_origins
                ):
                    raise forbidden("auth.origin_not_allowed", "this Origin may not post here")
                return await handler(request)
            except PortalError as err:
                return _error(err)

        return wrapped

    def page(name: str) -> Handler:
        async def serve(request: Request) -> Response:
            return FileResponse(PAGES / name, headers={"Cache-Control": "no-store"})

        return serve

    def run(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Awaitable[T]:
        return asyncio.to_thread(fn, *args, **kwargs)

    async def secretariat(request: Request) -> Secretariat:
        session = await portal.session(request)
        return await run(Secretariat, portal.engine, session.principal)

    # --- login and sessions -----------------------------------------------------------
    async def do_login(request: Request) -> Response:
        """Log in with username, password and a TOTP or recovery code."""
        body = await forms.json_body(request)
        username = forms.text(body, "username", limit=100)
        password = forms.text(body, "password", limit=1000)
        code = forms.text(body, "code", limit=40)
        result, token = await run(
            login.log_in,
            portal.engine,
            username,
            password,
            code,
            _address(request),
            chamber=portal.settings.chamber_networks,
        )
        left = await run(accounts.recovery_codes_left, portal.engine, result.person)
        response = JSONResponse(
            {
                "person": result.person,
                "used_recovery_code": result.used_recovery_code,
                "recovery_codes_left": left,
            }
        )
        portal.set_cookie(response, token)
        return response

    async def do_logout(request: Request) -> Response:
        """End this session."""
        session = await portal.session(request)
        await run(portal.sessions.revoke, session.id_hash)
        await run(audit.record, portal.engine, "logout", actor=session.principal)
        response = JSONResponse({"ended": 1})
        portal.delete_cookie(response)
        return response

    async def do_logout_everywhere(request: Request) -> Response:
        """End every session of the logged-in person."""
        session = await portal.session(request)
        ended = await run(portal.sessions.revoke_all, session.principal)
        await run(
            audit.record,
            portal.engine,
            "logout.everywhere",
            actor=session.principal,
            subject=session.principal,
            address=_address(request),
        )
        response = JSONResponse({"ended": len(ended)})
        portal.delete_cookie(response)
        return response

    async def my_sessions(request: Request) -> Response:
        """The logged-in person's live sessions."""
        session = await portal.session(request)
        rows = await run(portal.sessions.live, session.principal)
        return JSONResponse(
            [
                {
                    "created_at": r.created_at,
                    "expires_at": r.expires_at,
                    "current": r.id_hash == session.id_hash,
                }
                for r in rows
            ]
        )

    async def renew_codes(request: Request) -> Response:
        """New recovery codes, after the password and a fresh code are given again."""
        session = await portal.session(request)
        body = await forms.json_body(request)
        password = forms.text(body, "password", limit=1000)
        code = forms.text(body, "code", limit=40)
        await run(
            login.confirm_identity,
            portal.engine,
            session.principal,
            password,
            code,
            _address(request),
            chamber=portal.settings.chamber_networks,
        )
        codes = await run(accounts.renew_recovery_codes, portal.engine, session.principal)
        await run(
            audit.record,
            portal.engine,
            "recovery_codes.renew",
            actor=session.principal,
            subject=session.principal,
            address=_address(request),
        )
        return JSONResponse({"recovery_codes": codes})

    # --- enrolment ----------------------------------------------------------------------
    async def enrol_info(request: Request) -> Response:
        """The secret (as text and QR code) behind a one-time enrolment link."""
        info = await run(accounts.enrolment, portal.engine, request.path_params["token"])
        return JSONResponse(
            {
                "person": info.person,
                "name": info.name,
                "username": info.username,
                "secret": info.secret,
                "uri": info.uri,
                "qr": info.qr,
            }
        )

    async def enrol(request: Request) -> Response:
        """Choose a password and confirm the authenticator with its first code."""
        body = await forms.json_body(request)
        password = forms.text(body, "password", limit=1000)
        code = forms.text(body, "code", limit=40)
        person, codes = await run(
            accounts.complete_enrolment, portal.engine, request.path_params["token"], password, code
        )
        await run(
            audit.record,
            portal.engine,
            "enrol",
            actor=person,
            subject=person,
            address=_address(request),
        )
        return JSONResponse({"person": person, "recovery_codes": codes})

    # --- the member's page ----------------------------------------------------------------
    async def me(request: Request) -> Response:
        """Upcoming meetings, my attendance and votes, justering, and link tiles."""
        session = await portal.session(request)
        data = await run(overview.overview, portal.engine, session.principal, CLOCK.today())
        data["recovery_codes_left"] = await run(
            accounts.recovery_codes_left, portal.engine, session.principal
        )
        return JSONResponse(data)

    # --- administration -----------------------------------------------------------------
    async def assemblies(request: Request) -> Response:
        """Assemblies (GET), or create or rename one with its link tiles (POST)."""
        sec = await secretariat(request)
        if request.method == "POST":
            body = await forms.json_body(request)
            await run(
                sec.save_assembly,
                forms.ident(body, "id"),
                forms.text(body, "name"),
                forms.links(body),
            )
        return JSONResponse(await run(sec.assemblies))

    async def parties(request: Request) -> Response:
        """An assembly's parties (GET), or add or change one (POST)."""
        sec = await secretariat(request)
        assembly = forms.path_ident(request.path_params["assembly"])
        if request.method == "POST":
            body = await forms.json_body(request)
            await run(
                sec.save_party,
                assembly,
                forms.ident(body, "id"),
                forms.text(body, "name"),
                forms.text(body, "color", limit=7, required=False) or "#777777",
                forms.number(body, "position") or 0,
            )
        return JSONResponse(await run(sec.parties, assembly))

    async def people(request: Request) -> Response:
        """Members, substitutes and officials (GET), or add or change one (POST)."""
        sec = await secretariat(request)
        assembly = forms.path_ident(request.path_params["assembly"])
        if request.method == "POST":
            body = await forms.json_body(request)
            fields = {
                "id": forms.ident(body, "id"),
                "name": forms.text(body, "name"),
                "kind": forms.text(body, "kind", limit=20),
                "party": forms.ident(body, "party", required=False),
                "seat": forms.number(body, "seat", low=1),
                "order": forms.number(body, "order", low=1),
                "gender": forms.text(body, "gender", limit=10, required=False),
                "roles": forms.text(body, "roles", limit=100, required=False),
            }
            await run(sec.save_person, assembly, fields)
        return JSONResponse(await run(sec.people, assembly))

    async def roster(request: Request) -> Response:
        """Import people from CSV text: id,name,kind,party,seat,order,gender,roles."""
        sec = await secretariat(request)
        assembly = forms.path_ident(request.path_params["assembly"])
        body = await forms.json_body(request)
        count = await run(
            sec.import_csv,
            assembly,
            forms.text(body, "name", required=False),
            forms.text(body, "csv", limit=200_000),
        )
        session = await portal.session(request)
        await run(
            audit.record,
            portal.engine,
            "roster.import",
            actor=session.principal,
            subject=assembly,
            reason=f"{count} people",
        )
        return JSONResponse({"imported": count})

    async def meetings(request: Request) -> Response:
        """Meetings with agenda and documents (GET), or create or replace one (POST)."""
        sec = await secretariat(request)
        assembly = forms.path_ident(request.path_params["assembly"])
        if request.method == "POST":
            body = await forms.json_body(request)
            agenda = [
                {
                    "id": forms.ident(i, "id"),
                    "title": forms.text(i, "title"),
                    "kind": forms.choice(i, "kind", ("arende", "val")),
                    "diarienummer": forms.text(i, "diarienummer", limit=64, required=False),
                }
                for i in forms.items(body, "items")
            ]
            if len({i["id"] for i in agenda}) != len(agenda):
                raise forms.bad("items: ids must differ")
            fields = {
                "id": forms.ident(body, "id"),
                "title": forms.text(body, "title"),
                "starts_at": forms.local_time(body, "starts_at"),
                "chair": forms.ident(body, "chair", required=False),
                "items": agenda,
                "documents": forms.links(body, "documents"),
            }
            await run(sec.save_meeting, assembly, fields)
        return JSONResponse(await run(sec.meetings, assembly))

    async def create_account(request: Request) -> Response:
        """Give a person a portal account; returns a one-time enrolment link."""
        sec = await secretariat(request)
        person = forms.path_ident(request.path_params["person"])
        await run(sec.check_person, person)
        body = await forms.json_body(request)
        username = forms.text(body, "username", limit=100, required=False)
        token = await run(accounts.create_account, portal.engine, person, username)
        await run(
            audit.record,
            portal.engine,
            "account.create",
            actor=sec.person,
            subject=person,
            address=_address(request),
        )
        return JSONResponse({"enrol_url": f"{_base(portal.settings)}/portal/enrol/{token}"})

    async def reset_second_factor(request: Request) -> Response:
        """Reset a person's second factor (with a reason); ends their sessions."""
        sec = await secretariat(request)
        person = forms.path_ident(request.path_params["person"])
        await run(sec.check_person, person)
        body = await forms.json_body(request)
        reason = forms.text(body, "reason", limit=500)
        token = await run(accounts.reset_second_factor, portal.engine, person)
        ended = await run(portal.sessions.revoke_all, person)
        await run(
            audit.record,
            portal.engine,
            "second_factor.reset",
            actor=sec.person,
            subject=person,
            reason=reason,
            address=_address(request),
        )
        return JSONResponse(
            {
                "enrol_url": f"{_base(portal.settings)}/portal/enrol/{token}",
                "sessions_ended": len(ended),
            }
        )

    async def person_sessions(request: Request) -> Response:
        """A person's live sessions, with the ids an administrator revokes by."""
        sec = await secretariat(request)
        person = forms.path_ident(request.path_params["person"])
        await run(sec.check_person, person)
        rows = await run(portal.sessions.live, person)
        return JSONResponse(
            [
                {"id": r.id_hash, "created_at": r.created_at, "expires_at": r.expires_at}
                for r in rows
            ]
        )

    async def revoke(request: Request) -> Response:
        """Revoke one session (with a reason); its WebSockets are closed."""
        sec = await secretariat(request)
        body = await forms.json_body(request)
        id_hash = forms.text(body, "session", limit=64)
        reason = forms.text(body, "reason", limit=500)
        row = await run(portal.sessions.get, id_hash)
        if row is None:
            raise PortalError("session.unknown", "no such session", 404)
        await run(sec.check_person, row.principal)
        ended = await run(portal.sessions.revoke, id_hash)
        await run(
            audit.record,
            portal.engine,
            "session.revoke",
            actor=sec.person,
            subject=row.principal,
            reason=reason,
            address=_address(request),
        )
        return JSONResponse({"ended": int(ended)})

    async def security_events(request: Request) -> Response:
        """The latest security events: who did what, when, to whom and why."""
        sec = await secretariat(request)
        rows = await run(audit.events, portal.engine)
        people = {p["id"] for p in await run(sec.people, sec.home)} | {sec.home}
        return JSONResponse(
            [
                {
                    "at": e.at,
                    "actor": e.actor,
                    "action": e.action,
                    "subject": e.subject,
                    "reason": e.reason,
                    "address": e.address,
                }
                for e in rows
                if sec.everywhere or {e.actor, e.subject} & people
            ]
        )

    async def openapi(request: Request) -> Response:
        return JSONResponse(openapi_document())

    async def portal_root(request: Request) -> Response:
        return RedirectResponse("/portal/", 307)

    return [
        Route("/openapi.json", openapi),
        Route("/portal", portal_root),
        Route("/portal/", page("portal.html")),
        Route("/portal/login", page("portal-login.html")),
        Route("/portal/enrol/{token}", page("portal-enrol.html")),
        Route("/portal/admin/", page("portal-admin.html")),
        Route("/portal/api/login", api(do_login), methods=["POST"]),
        Route("/portal/api/logout", api(do_logout), methods=["POST"]),
        Route("/portal/api/logout-everywhere", api(do_logout_everywhere), methods=["POST"]),
        Route("/portal/api/sessions", api(my_sessions), methods=["GET"]),
        Route("/portal/api/recovery-codes", api(renew_codes), methods=["POST"]),
        Route("/portal/api/enrol/{token}", api(enrol_info), methods=["GET"]),
        Route("/portal/api/enrol/{token}", api(enrol), methods=["POST"]),
        Route("/portal/api/me", api(me), methods=["GET"]),
        Route("/portal/api/admin/assemblies", api(assemblies), methods=["GET", "POST"]),
        Route(
            "/portal/api/admin/assemblies/{assembly}/parties",
            api(parties),
            methods=["GET", "POST"],
        ),
        Route(
            "/portal/api/admin/assemblies/{assembly}/people", api(people), methods=["GET", "POST"]
        ),
        Route("/portal/api/admin/assemblies/{assembly}/roster", api(roster), methods=["POST"]),
        Route(
            "/portal/api/admin/assemblies/{assembly}/meetings",
            api(meetings),
            methods=["GET", "POST"],
        ),
        Route("/portal/api/admin/people/{person}/account", api(create_account), methods=["POST"]),
        Route(
            "/portal/api/admin/people/{person}/reset-second-factor",
            api(reset_second_factor),
            methods=["POST"],
        ),
        Route("/portal/api/admin/people/{person}/sessions", api(person_sessions), methods=["GET"]),
        Route("/portal/api/admin/sessions/revoke", api(revoke), methods=["POST"]),
        Route("/portal/api/admin/security-events", api(security_events), methods=["GET"]),
    ]


def _base(settings: Settings) -> str:
    """Where a link sent to a member points: the configured address, never the Host header."""
    if not settings.base_url:
        raise PortalError("settings.base_url_missing", "set ORDET_BASE_URL", 503)
    return settings.base_url
