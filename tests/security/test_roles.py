"""A secretary cannot widen anyone's access: roles come from a fixed list, only an
administrator grants admin or secretary, and every change is in the security log."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from tests.portal.web import enrolled_session
from tests.support.hubs import HubProcess
from voting_server.portal.secretariat import set_roles_as_operator
from voting_server.store.models import PersonRow
from voting_server.store.portal_models import SecurityEventRow

PEOPLE = "/portal/api/admin/assemblies/demo/people"
ROSTER = "/portal/api/admin/assemblies/demo/roster"
CSV_HEAD = "id,name,kind,party,seat,order,gender,roles\n"


def roles(engine: Engine, person: str) -> str:
    with Session(engine) as s:
        row = s.get(PersonRow, person)
        assert row is not None
        return row.roles


def person(person_id: str, roles: str) -> dict[str, object]:
    return {"id": person_id, "name": "Sekreteraren", "kind": "official", "roles": roles}


def make_admin(engine: Engine, person_id: str) -> None:
    """The operator's own step (``ordet admin set-roles``): the first administrator."""
    assert set_roles_as_operator(engine, person_id, "admin") == f"{person_id}: roles - -> admin"


async def test_a_secretary_cannot_make_anyone_admin_or_secretary(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    secretary, _ = await enrolled_session(hub.url, demo_engine, "sekr")
    try:
        for attempt in ("secretary,auditor,admin", "admin"):
            refused = await secretary.post(PEOPLE, json=person("sekr", attempt))
            assert refused.status_code == 403
        # Nor a member, nor through the CSV import, nor with a role that does not exist.
        member = {"id": "m5", "name": "X", "kind": "member", "seat": 5, "roles": "secretary"}
        assert (await secretary.post(PEOPLE, json=member)).status_code == 403
        rows = CSV_HEAD + "sekr,Sekreteraren,official,,,,,admin\n"
        assert (await secretary.post(ROSTER, json={"csv": rows})).status_code == 403
        odd = await secretary.post(PEOPLE, json=person("sekr", "secretary,auditor,root"))
        assert odd.status_code == 400 and odd.json()["error"] == "person.bad_role"
        # Taking away a secretary is an administrator's act too.
        assert (await secretary.post(PEOPLE, json=person("sekr", "auditor"))).status_code == 403
        # What a secretary may do: make someone an auditor.
        m7 = {"id": "m7", "name": "Sju", "kind": "member", "seat": 7, "roles": "auditor"}
        assert (await secretary.post(PEOPLE, json=m7)).status_code == 200
    finally:
        await secretary.aclose()
    assert roles(demo_engine, "sekr") == "secretary,auditor"
    assert roles(demo_engine, "m5") == ""
    assert roles(demo_engine, "m7") == "auditor"


async def test_an_administrator_grants_and_reads_every_change_in_the_log(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    make_admin(demo_engine, "m70")
    hub = start_hub()
    admin, _ = await enrolled_session(hub.url, demo_engine, "m70")
    try:
        m12 = {"id": "m12", "name": "Tolv", "kind": "member", "seat": 12, "roles": "secretary"}
        granted = await admin.post(PEOPLE, json=m12)
        assert granted.status_code == 200, granted.text
        rows = CSV_HEAD + "m72,Ny Ledamot,member,S,72,,f,auditor\n"
        assert (await admin.post(ROSTER, json={"csv": rows})).status_code == 200
        log = (await admin.get("/portal/api/admin/security-events")).json()
    finally:
        await admin.aclose()
    assert roles(demo_engine, "m12") == "secretary"
    changes = [(e["action"], e["actor"], e["subject"]) for e in log]
    assert ("person.save", "m70", "m12") in changes
    assert ("roster.import", "m70", "demo") in changes
    with Session(demo_engine) as s:
        saved = s.exec(select(SecurityEventRow).where(SecurityEventRow.subject == "m12")).all()
    assert any("roles - -> secretary" in e.reason for e in saved)
