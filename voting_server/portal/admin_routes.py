"""The portal's administration API: assemblies, parties, people and rosters,
meetings, accounts and second factors, sessions, and the security log.

What each person may do is the Secretariat's to decide (secretariat.py);
every change is written to the security log (audit.py).
"""

from __future__ import annotations

import functools

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from ..domain.meeting.commands import FileDocument
from . import accounts, agenda_admin, audit, calendar, documents, forms
from .errors import PortalError
from .http import Portal, address, api, base_url, run
from .http import secretariat as secretariat_for


def admin_routes(portal: Portal) -> list[BaseRoute]:
    secretariat = functools.partial(secretariat_for, portal)

    async def assemblies(request: Request) -> Response:
        """Assemblies (GET), or create or change one: name, link tiles, kind and
        ersättarordning (POST; kind and order stay as they were when both are absent)."""
        sec = await secretariat(request)
        if request.method == "POST":
            body = await forms.json_body(request)
            rules = None
            if "kind" in body or "substitute_order" in body:
                kind = forms.text(body, "kind", limit=20, required=False)
                rules = (kind, forms.party_order(body, "substitute_order"))
            await run(
                sec.save_assembly,
                forms.ident(body, "id"),
                forms.text(body, "name"),
                forms.links(body),
                rules,
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
                "email": forms.email(body, "email"),
            }
            await run(sec.save_person, assembly, fields)
        return JSONResponse(await run(sec.people, assembly))

    async def upload_document(request: Request) -> Response:
        """A PDF as the body (application/pdf); ``item``, ``title``, ``public`` and
        ``replaces`` (the series of a document this is a new version of) in the query."""
        sec = await secretariat(request)
        meeting = forms.path_ident(request.path_params["meeting"])
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "application/pdf":
            raise PortalError("document.not_pdf", "send the file as application/pdf", 415)
        query = dict(request.query_params)
        up = documents.Upload(
            meeting=meeting,
            item=forms.ident(query, "item", required=False),
            title=forms.text(query, "title"),
            filename=forms.text(query, "filename", required=False),
            public=query.get("public") == "true",
            replaces=forms.ident(query, "replaces", required=False),
        )
        data = await forms.capped_body(request, documents.MAX_DOCUMENT)
        row = await run(documents.prepare, sec, portal.documents, up, data, documents.MAX_DOCUMENT)
        filed = FileDocument(row.item_id, row.title, row.version, row.sha256)
        await portal.file_in_log(meeting, filed, sec.person)  # an open meeting's log first
        return JSONResponse({"id": await run(documents.save, sec, row)})

    async def remove_place(request: Request) -> Response:
        """Take away a person's place in a further body; their own body's row stays."""
        sec = await secretariat(request)
        assembly = forms.path_ident(request.path_params["assembly"])
        person = forms.path_ident(request.path_params["person"])
        await run(sec.remove_place, assembly, person)
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
                    "title": forms.text(i, "title", limit=500),
                    "title_en": forms.text(i, "title_en", limit=500, required=False),
                    "kind": forms.choice(i, "kind", ("arende", "val")),
                    "diarienummer": forms.text(i, "diarienummer", limit=64, required=False),
                    "proposal": forms.text(i, "proposal", limit=10_000, required=False),
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
                "place": forms.text(body, "place", required=False),
                "items": agenda,
                "documents": forms.links(body, "documents"),
            }
            await run(agenda_admin.save_meeting, sec, assembly, fields)
        return JSONResponse(await run(agenda_admin.meetings, sec, assembly))

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
            address=address(request),
        )
        return JSONResponse({"enrol_url": f"{base_url(portal.settings)}/portal/enrol/{token}"})

    async def reset_second_factor(request: Request) -> Response:
        """Reset a person's second factor (with a reason); ends their sessions and their
        calendar feed's address."""
        sec = await secretariat(request)
        person = forms.path_ident(request.path_params["person"])
        await run(sec.check_person, person)
        body = await forms.json_body(request)
        reason = forms.text(body, "reason", limit=500)
        token = await run(accounts.reset_second_factor, portal.engine, person)
        ended = await run(portal.sessions.revoke_all, person)
        await run(calendar.end_feed, portal.engine, person)
        await run(
            audit.record,
            portal.engine,
            "second_factor.reset",
            actor=sec.person,
            subject=person,
            reason=reason,
            address=address(request),
        )
        return JSONResponse(
            {
                "enrol_url": f"{base_url(portal.settings)}/portal/enrol/{token}",
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
            address=address(request),
        )
        return JSONResponse({"ended": int(ended)})

    async def security_events(request: Request) -> Response:
        """The latest security events: who did what, when, to whom and why."""
        sec = await secretariat(request)
        rows = await run(audit.events, portal.engine)
        people = set(sec.bodies)
        for body in sec.bodies:
            people |= {p["id"] for p in await run(sec.people, body)}
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

    endpoint = functools.partial(api, portal)
    return [
        Route("/portal/api/admin/assemblies", endpoint(assemblies), methods=["GET", "POST"]),
        Route(
            "/portal/api/admin/assemblies/{assembly}/parties",
            endpoint(parties),
            methods=["GET", "POST"],
        ),
        Route(
            "/portal/api/admin/assemblies/{assembly}/people",
            endpoint(people),
            methods=["GET", "POST"],
        ),
        Route(
            "/portal/api/admin/meetings/{meeting}/documents",
            endpoint(upload_document),
            methods=["POST"],
        ),
        Route(
            "/portal/api/admin/assemblies/{assembly}/people/{person}/remove-place",
            endpoint(remove_place),
            methods=["POST"],
        ),
        Route("/portal/api/admin/assemblies/{assembly}/roster", endpoint(roster), methods=["POST"]),
        Route(
            "/portal/api/admin/assemblies/{assembly}/meetings",
            endpoint(meetings),
            methods=["GET", "POST"],
        ),
        Route(
            "/portal/api/admin/people/{person}/account", endpoint(create_account), methods=["POST"]
        ),
        Route(
            "/portal/api/admin/people/{person}/reset-second-factor",
            endpoint(reset_second_factor),
            methods=["POST"],
        ),
        Route(
            "/portal/api/admin/people/{person}/sessions", endpoint(person_sessions), methods=["GET"]
        ),
        Route("/portal/api/admin/sessions/revoke", endpoint(revoke), methods=["POST"]),
        Route("/portal/api/admin/security-events", endpoint(security_events), methods=["GET"]),
    ]
