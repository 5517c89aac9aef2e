"""The portal over HTTP on a real hub: cookies, CSRF, the member's page, admin, tickets."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import cast

import httpx
import pytest
import websockets
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select
from starlette.routing import Route

from tests.portal.web import enrol_over_http, enrolled_session, log_in
from tests.support.actors import open_meeting
from tests.support.hubs import TEST_SECRET, HubProcess
from voting_server.client import HubClient, fetch_ticket
from voting_server.hub.hub import Hub
from voting_server.portal.http import Portal
from voting_server.portal.openapi import openapi_document
from voting_server.portal.routes import portal_routes
from voting_server.store.archive import Archive
from voting_server.store.models import AssemblyRow, SessionRow
from voting_server.store.portal_models import PortalAccountRow, SecurityEventRow
from voting_server.web.allowance_routes import allowance_routes


def session_count(engine: Engine, person: str) -> int:
    with Session(engine) as s:
        return int(
            s.exec(
                select(func.count()).select_from(SessionRow).where(SessionRow.principal == person)
            ).one()
        )


def security_log(engine: Engine) -> list[tuple[str, str, str, str]]:
    with Session(engine) as s:
        return [(e.action, e.actor, e.subject, e.reason) for e in s.exec(select(SecurityEventRow))]


@pytest.mark.any_day
async def test_login_sets_a_strict_http_only_cookie_and_opens_the_page(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    async with httpx.AsyncClient(base_url=hub.url) as http:
        member = await enrol_over_http(http, demo_engine, "m5")
        response = await log_in(http, member, member.next_code())
        assert response.status_code == 200, response.text
        cookie = response.headers["set-cookie"].lower()
        assert "httponly" in cookie
        assert "samesite=strict" in cookie
        page = (await http.get("/portal/api/me")).json()
    assert page["me"]["id"] == "m5"
    assert [m["id"] for m in page["today"]] == ["demo"]  # seeded on today's Swedish date
    assert page["today"][0]["chamber"] == "/m/demo/tablet"  # one click into the chamber
    assert len(page["today"][0]["agenda"]) == 5
    assert page["justering"] == []
    assert page["recovery_codes_left"] == 10


async def test_a_post_from_a_foreign_origin_changes_nothing(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    async with httpx.AsyncClient(base_url=hub.url) as http:
        member = await enrol_over_http(http, demo_engine, "m5")
        response = await http.post(
            "/portal/api/login",
            json={
                "username": "m5",
                "password": "correct horse battery",
                "code": member.next_code(),
            },
            headers={"Origin": "https://evil.example"},
        )
        assert response.status_code == 403
        assert response.json()["error"] == "auth.origin_not_allowed"
        assert "set-cookie" not in response.headers
        # Nor does a form post (not JSON) get through.
        form = await http.post(
            "/portal/api/login",
            data={"username": "m5", "password": "x", "code": member.next_code()},
        )
        assert form.status_code == 415
    assert session_count(demo_engine, "m5") == 0
    # The code refused above is still unspent: the member can use it now.
    async with httpx.AsyncClient(base_url=hub.url) as http:
        assert (await log_in(http, member, member.next_code())).status_code == 200


def _account(engine: Engine, person: str) -> PortalAccountRow:
    with Session(engine) as s:
        row = s.get(PortalAccountRow, person)
        assert row is not None
        return row


async def test_join_the_chamber_with_a_ticket_from_the_portal_session(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    await open_meeting(hub.url, demo_engine)  # the chair opens it; members follow
    http, _ = await enrolled_session(hub.url, demo_engine, "m8")
    try:
        ticket = await fetch_ticket(http, "demo")
        client = HubClient(hub.url, ticket)
        await client.connect()
        try:
            await client.wait_for(lambda c: c.seq > 0)
            assert client.welcome["person"] == "m8"
            assert client.welcome["role"] == "delegate"
            await client.command("attendance.check_in")
        finally:
            await client.close()
        page = (await http.get("/portal/api/me")).json()
    finally:
        await http.aclose()
    [record] = page["attendance"]
    assert record["meeting"] == "demo"
    [span] = record["intervals"]
    assert span["arrived"] > 0 and span["left"] is None


async def test_a_ticket_of_a_revoked_session_is_refused(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    await open_meeting(hub.url, demo_engine)  # the chair opens it; members follow
    http, _ = await enrolled_session(hub.url, demo_engine, "m9")
    try:
        ticket = await fetch_ticket(http, "demo")
        ended = await http.post("/portal/api/logout-everywhere", json={})
        assert ended.json() == {"ended": 1}
        assert (await http.get("/portal/api/me")).status_code == 401
    finally:
        await http.aclose()
    head = Archive(demo_engine).head("demo")
    with pytest.raises(websockets.InvalidStatus) as info:
        await HubClient(hub.url, ticket).connect()
    assert info.value.response.status_code == 401
    assert b"auth.session_revoked" in info.value.response.body
    assert Archive(demo_engine).head("demo") == head


async def test_an_expired_ticket_is_refused(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    await open_meeting(hub.url, demo_engine)  # the chair opens it; members follow
    http, _ = await enrolled_session(hub.url, demo_engine, "m10")
    try:
        fresh = await fetch_ticket(http, "demo")
    finally:
        await http.aclose()
    # The same ticket, signed with the hub's secret but two minutes ago.
    serializer = URLSafeTimedSerializer(TEST_SECRET, salt="ordet.ws-ticket")
    payload = serializer.loads(fresh)

    class TwoMinutesAgo(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time()) - 120

    old = URLSafeTimedSerializer(TEST_SECRET, salt="ordet.ws-ticket", signer=TwoMinutesAgo).dumps(
        payload
    )
    head = Archive(demo_engine).head("demo")
    with pytest.raises(websockets.InvalidStatus) as info:
        await HubClient(hub.url, old).connect()
    assert info.value.response.status_code == 401
    assert b"auth.ticket_expired" in info.value.response.body
    assert Archive(demo_engine).head("demo") == head


async def test_the_secretary_administers_accounts_and_sessions(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    secretary, _ = await enrolled_session(hub.url, demo_engine, "sekr")
    member, _ = await enrolled_session(hub.url, demo_engine, "m11")
    try:
        # A member is no secretary.
        refused = await member.post("/portal/api/admin/people/m12/account", json={})
        assert refused.status_code == 403
        created = await secretary.post("/portal/api/admin/people/m12/account", json={})
        assert created.json()["enrol_url"].startswith(f"{hub.url}/portal/enrol/")
        people = (await secretary.get("/portal/api/admin/assemblies/demo/people")).json()
        assert {p["id"]: p["account"] for p in people}["m12"] == "pending"
        assert {p["id"]: p["account"] for p in people}["m11"] == "enrolled"

        [live] = (await secretary.get("/portal/api/admin/people/m11/sessions")).json()
        revoked = await secretary.post(
            "/portal/api/admin/sessions/revoke",
            json={"session": live["id"], "reason": "lost tablet"},
        )
        assert revoked.json() == {"ended": 1}
        assert (await member.get("/portal/api/me")).status_code == 401

        no_reason = await secretary.post(
            "/portal/api/admin/people/m11/reset-second-factor", json={}
        )
        assert no_reason.status_code == 400
        reset = await secretary.post(
            "/portal/api/admin/people/m11/reset-second-factor",
            json={"reason": "new phone"},
        )
        assert reset.status_code == 200
        assert not _account(demo_engine, "m11").enrolled
    finally:
        await secretary.aclose()
        await member.aclose()
    log = security_log(demo_engine)
    assert ("session.revoke", "sekr", "m11", "lost tablet") in log
    assert ("second_factor.reset", "sekr", "m11", "new phone") in log
    assert ("account.create", "sekr", "m12", "") in log


async def test_the_secretary_sets_up_an_assembly(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    secretary, _ = await enrolled_session(hub.url, demo_engine, "sekr")
    try:
        links = [{"title": "Mail", "url": "https://mail.example"}]
        saved = await secretary.post(
            "/portal/api/admin/assemblies", json={"id": "demo", "name": "RF", "links": links}
        )
        assert saved.status_code == 200, saved.text
        csv = "id,name,kind,party,seat,order,gender,roles\nm72,Ny Ledamot,member,S,72,,f,\n"
        imported = await secretary.post(
            "/portal/api/admin/assemblies/demo/roster", json={"csv": csv}
        )
        assert imported.json() == {"imported": 1}
        meeting = {
            "id": "rf-2027-01",
            "title": "RF januari",
            "starts_at": "2099-01-20T09:00",
            "chair": "m1",
            "items": [{"id": "1", "title": "Öppnande"}],
            "documents": [{"title": "Kallelse", "url": "https://docs.example/kallelse.pdf"}],
        }
        made = await secretary.post("/portal/api/admin/assemblies/demo/meetings", json=meeting)
        assert made.status_code == 200, made.text
        other = await secretary.get("/portal/api/admin/assemblies/elsewhere/people")
        assert other.status_code == 403
        page = (await secretary.get("/portal/api/me")).json()
    finally:
        await secretary.aclose()
    assert page["links"] == links
    upcoming = {m["id"]: m for m in page["meetings"]}
    assert upcoming["rf-2027-01"]["documents"][0]["title"] == "Kallelse"
    with Session(demo_engine) as s:
        assembly = s.get(AssemblyRow, "demo")
        assert assembly is not None and json.loads(assembly.settings)["links"] == links


async def test_a_body_gets_its_kind_and_ersattarordning_and_fullmaktige_refuses_one(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    secretary, _ = await enrolled_session(hub.url, demo_engine, "sekr")
    route = "/portal/api/admin/assemblies"
    body = {"id": "demo", "name": "Regionfullmäktige"}
    try:
        refusals = [
            await secretary.post(route, json={**body, "substitute_order": {"V": ["V", "S"]}}),
            await secretary.post(
                route, json={**body, "kind": "namnd", "substitute_order": {"V": ["V", "X"]}}
            ),
            await secretary.post(route, json={**body, "kind": "kommun"}),
            await secretary.post(route, json={**body, "substitute_order": {"V": "S"}}),
        ]
        before = json.loads(settings_of_demo(demo_engine))
        order = {"V": ["S", "C"], "S": ["S"]}
        saved = await secretary.post(
            route, json={**body, "kind": "namnd", "substitute_order": order}
        )
        listed = {a["id"]: a for a in (await secretary.get(route)).json()}
    finally:
        await secretary.aclose()
    assert [r.json()["error"] for r in refusals] == [
        "body.cross_party_substitutes",
        "body.unknown_party",
        "body.unknown_kind",
        "request.invalid",
    ]
    assert "body" not in before and "seating" not in before  # nothing half-saved
    assert saved.status_code == 200, saved.text
    # The party's own substitutes come first, whether the order names them or not.
    assert listed["demo"]["kind"] == "namnd"
    assert listed["demo"]["substitute_order"] == {"V": ["V", "S", "C"]}
    saves = [e for e in security_log(demo_engine) if e[0] == "assembly.save"]
    assert saves[-1][1:3] == ("sekr", "demo")
    assert "ersättarordning V: V S C" in saves[-1][3]


def settings_of_demo(engine: Engine) -> str:
    with Session(engine) as s:
        row = s.get(AssemblyRow, "demo")
        assert row is not None
        return row.settings


def test_every_portal_route_is_in_the_openapi_document() -> None:
    portal = Portal.__new__(Portal)
    document = openapi_document()
    hub = cast(Hub, None)  # only the routes' paths are read
    for route in [*portal_routes(portal), *allowance_routes(hub, portal)]:
        assert isinstance(route, Route)
        if not route.path.startswith("/portal/api/"):
            continue
        assert route.path in document["paths"], route.path
        methods = set(route.methods or ()) - {"HEAD"}
        assert methods <= {m.upper() for m in document["paths"][route.path]}, route.path
