"""The portal's HTTP interface: pages under /portal/, JSON under /portal/api/.

Login and sessions, enrolment and the member's page are here; the
administration API is in admin_routes.py, and what both share in http.py.
"""

from __future__ import annotations

import functools
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from ..clock import CLOCK
from . import accounts, audit, calendar, documents, forms, login, overview
from .admin_routes import admin_routes
from .errors import PortalError
from .http import Portal, address, api, page, run, run_password_check
from .notice_routes import notice_routes
from .openapi import openapi_document
from .year_routes import year_routes


def portal_routes(portal: Portal) -> list[BaseRoute]:
    # --- login and sessions -----------------------------------------------------------
    async def do_login(request: Request) -> Response:
        """Log in with username, password and a TOTP or recovery code."""
        # The code is checked against the time it arrived: a login waiting its turn
        # behind a thousand others (each an Argon2 hash) keeps the code it came with.
        received = CLOCK.now()
        body = await forms.json_body(request)
        username = forms.text(body, "username", limit=100)
        password = forms.text(body, "password", limit=1000)
        code = forms.text(body, "code", limit=40)
        result, token = await run_password_check(
            login.log_in,
            portal.engine,
            username,
            password,
            code,
            address(request),
            now=received,
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
        """End every session of the logged-in person, and the calendar feed's address."""
        session = await portal.session(request)
        ended = await run(portal.sessions.revoke_all, session.principal)
        await run(calendar.end_feed, portal.engine, session.principal)
        await run(
            audit.record,
            portal.engine,
            "logout.everywhere",
            actor=session.principal,
            subject=session.principal,
            address=address(request),
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
        await run_password_check(
            login.confirm_identity,
            portal.engine,
            session.principal,
            password,
            code,
            address(request),
            chamber=portal.settings.chamber_networks,
        )
        codes = await run(accounts.renew_recovery_codes, portal.engine, session.principal)
        await run(
            audit.record,
            portal.engine,
            "recovery_codes.renew",
            actor=session.principal,
            subject=session.principal,
            address=address(request),
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
        person, codes = await run_password_check(
            accounts.complete_enrolment, portal.engine, request.path_params["token"], password, code
        )
        await run(
            audit.record,
            portal.engine,
            "enrol",
            actor=person,
            subject=person,
            address=address(request),
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

    async def document(request: Request) -> Response:
        """One version of a document, as the PDF it was uploaded as."""
        raw = request.path_params["document"]
        if not raw.isdigit() or len(raw) > 15:  # beyond any id, and beyond SQL's integers
            raise PortalError("document.unknown", "no such document", 404)
        principal = await portal.principal_or_none(request)  # a public one needs no login
        row, data = await run(documents.read, portal.engine, portal.documents, int(raw), principal)
        name = (row.filename or f"{row.title}.pdf").replace('"', "")
        return Response(
            data,
            media_type="application/pdf",
            headers={
                "Content-Disposition": f"inline; filename*=UTF-8''{quote(name)}",
                "ETag": f'"{row.sha256}"',
                "Cache-Control": "private, no-cache" if not row.public else "public, max-age=300",
                "X-Content-Type-Options": "nosniff",
            },
        )

    async def meeting_documents(request: Request) -> Response:
        """A meeting's documents for the tablet and the portal: all of them for the
        body's people, the public ones for anyone else."""
        meeting = forms.path_ident(request.path_params["meeting"])
        principal = await portal.principal_or_none(request)
        return JSONResponse(await run(documents.for_reader, portal.engine, meeting, principal))

    async def meeting_ics(request: Request) -> Response:
        """One meeting as an iCalendar file, to add to a calendar."""
        session = await portal.session(request)
        meeting = forms.path_ident(request.path_params["meeting"])
        data = await run(
            calendar.meeting_calendar,
            portal.engine,
            meeting,
            session.principal,
            portal.settings.base_url,
        )
        return _ics(data, f"{meeting}.ics")

    async def new_calendar_feed(request: Request) -> Response:
        """A new secret address of my calendar feed; the one before stops working."""
        session = await portal.session(request)
        token = await run(calendar.new_feed, portal.engine, session.principal)
        await run(
            audit.record,
            portal.engine,
            "calendar.new_feed",
            actor=session.principal,
            subject=session.principal,
            address=address(request),
        )
        return JSONResponse({"url": f"/portal/calendar/{token}.ics"})

    async def calendar_feed(request: Request) -> Response:
        """Every meeting of my bodies, for a calendar application (no login: the address is
        the secret)."""
        token = request.path_params["token"]
        person = await run(calendar.feed_owner, portal.engine, token)
        data = await run(calendar.person_calendar, portal.engine, person, portal.settings.base_url)
        return _ics(data, "ordet.ics")

    async def openapi(request: Request) -> Response:
        return JSONResponse(openapi_document())

    async def portal_root(request: Request) -> Response:
        return RedirectResponse("/portal/", 307)

    endpoint = functools.partial(api, portal)
    return [
        Route("/openapi.json", openapi),
        Route("/portal", portal_root),
        Route("/portal/", page("portal.html")),
        Route("/portal/login", page("portal-login.html")),
        Route("/portal/enrol/{token}", page("portal-enrol.html")),
        Route("/portal/admin/", page("portal-admin.html")),
        Route("/portal/admin/year", page("portal-year.html")),
        Route("/portal/api/login", endpoint(do_login), methods=["POST"]),
        Route("/portal/api/logout", endpoint(do_logout), methods=["POST"]),
        Route("/portal/api/logout-everywhere", endpoint(do_logout_everywhere), methods=["POST"]),
        Route("/portal/api/sessions", endpoint(my_sessions), methods=["GET"]),
        Route("/portal/api/recovery-codes", endpoint(renew_codes), methods=["POST"]),
        Route("/portal/api/enrol/{token}", endpoint(enrol_info), methods=["GET"]),
        Route("/portal/api/enrol/{token}", endpoint(enrol), methods=["POST"]),
        Route("/portal/api/me", endpoint(me), methods=["GET"]),
        Route("/portal/documents/{document}", endpoint(document), methods=["GET"]),
        Route(
            "/portal/api/meetings/{meeting}/calendar.ics", endpoint(meeting_ics), methods=["GET"]
        ),
        Route("/portal/api/calendar-feed", endpoint(new_calendar_feed), methods=["POST"]),
        Route("/portal/calendar/{token}.ics", endpoint(calendar_feed), methods=["GET"]),
        Route(
            "/portal/api/meetings/{meeting}/documents",
            endpoint(meeting_documents),
            methods=["GET"],
        ),
        Route("/portal/documents/{document}/view", page("document-viewer.html")),
        *admin_routes(portal),
        *year_routes(portal),
        *notice_routes(portal),
    ]


def _ics(data: bytes, name: str) -> Response:
    return Response(
        data,
        media_type="text/calendar; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )
