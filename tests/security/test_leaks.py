"""What Ordet lets slip: no internals in errors, no formulas in spreadsheets, no
closed body's meetings for anonymous users, and links that a forged Host header
cannot redirect."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session

from tests.portal.web import enrolled_session
from tests.support.actors import connect_as, item_under_debate
from tests.support.hubs import HubProcess
from voting_server.store.models import AssemblyRow, PersonRow
from voting_server.store.seed import add_meeting


async def test_a_malformed_frame_is_answered_without_internals(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    member = await connect_as(hub.url, demo_engine, "m2")
    try:
        for raw in (b"\xc1", b"\x93\x01", b"\x81\xa4type\xa3abc\x00"):
            answer = await member.send_raw(raw)
            assert answer["code"] == "frame.malformed"
            text = answer["message"]
            assert "Error" not in text and "/" not in text and "msgpack." not in text, text
    finally:
        await member.close()


async def test_a_name_that_looks_like_a_formula_stays_text_in_the_spreadsheet(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    with Session(demo_engine) as s:
        person = s.get(PersonRow, "m2")
        assert person is not None
        person.name = '=HYPERLINK("https://evil.example","Klicka")'
        s.add(person)
        s.commit()
    hub = start_hub()
    async with item_under_debate(hub.url, demo_engine) as (chair, member):
        await member.command("debate.request_floor")
        await chair.command("debate.give_floor")
        await chair.command("debate.finish_speech")
        async with httpx.AsyncClient(base_url=hub.url) as http:
            text = (await http.get("/api/meetings/demo/speaking-stats.csv")).text
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert '\'=HYPERLINK("https://evil.example","Klicka")' in cells
    assert not any(c[:1] in ("=", "+", "@") for c in cells)


async def test_anonymous_users_see_only_the_meetings_of_public_bodies(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    with Session(demo_engine) as s:
        s.add(
            AssemblyRow(
                id="nämnd", name="Krisledningsnämnden", settings=json.dumps({"public": False})
            )
        )
        s.add(PersonRow(id="k1", assembly_id="nämnd", name="Kris Ledamot", kind="member", seat=1))
        s.commit()
    add_meeting(
        demo_engine, "nämnd", "kris-1", "Krisledningsnämnden", "k1", [("1", "Läget", "arende", "")]
    )
    hub = start_hub()
    async with httpx.AsyncClient(base_url=hub.url) as http:
        anonymous = {m["id"] for m in (await http.get("/api/meetings")).json()}
    assert "demo" in anonymous and "kris-1" not in anonymous
    member, _ = await enrolled_session(hub.url, demo_engine, "k1")
    try:
        own = {m["id"] for m in (await member.get("/api/meetings")).json()}
    finally:
        await member.aclose()
    assert "kris-1" in own


async def test_an_enrolment_link_ignores_a_forged_host_header(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    secretary, _ = await enrolled_session(hub.url, demo_engine, "sekr")
    try:
        made = await secretary.post(
            "/portal/api/admin/people/m12/account", json={}, headers={"Host": "evil.example"}
        )
    finally:
        await secretary.aclose()
    assert made.status_code == 200, made.text
    assert made.json()["enrol_url"].startswith(f"{hub.url}/portal/enrol/")
