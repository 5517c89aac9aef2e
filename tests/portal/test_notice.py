"""The notice (kallelse): published from the portal, mailed to every member and
substitute through a real SMTP server, posted on the anslagstavla, and each later
change published as an ändrad kallelse that says what changed."""

from __future__ import annotations

import email
from collections.abc import Callable, Iterator
from datetime import timedelta
from email.policy import default
from pathlib import Path
from typing import Any

import httpx
import pytest
from icalendar import Calendar
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from tests.portal.web import enrolled_session
from tests.support.hubs import HubProcess, hub_env
from tests.support.mail import free_port, plain_text, smtp_server
from voting_server.clock import CLOCK
from voting_server.store.models import MembershipRow, PersonRow
from voting_server.store.seed import NAMND

NOTICE = "/portal/api/admin/meetings/{}/notice"


@pytest.fixture
def mail_hub(
    sqlite_url: str, redis_url: str, tmp_path: Path, demo_engine: Engine
) -> Iterator[Callable[[int], HubProcess]]:
    """A hub that sends mail through an SMTP server on the given port."""
    started: list[HubProcess] = []

    def start(smtp_port: int) -> HubProcess:
        env = hub_env(sqlite_url, redis_url, tmp_path)
        env["ORDET_SMTP"] = f"smtp://127.0.0.1:{smtp_port}"
        env["ORDET_MAIL_FROM"] = "Region Demo <kansliet@region.example>"
        env["ORDET_BASE_URL"] = "http://ordet.example"
        started.append(HubProcess(env).start())
        return started[-1]

    yield start
    for hub in started:
        hub.stop()


def give_addresses(engine: Engine, body: str, *, missing: str) -> list[str]:
    """An address for everyone with a place in the body but ``missing``; returns them."""
    with Session(engine) as s:
        ids = set(s.exec(select(PersonRow.id).where(PersonRow.assembly_id == body)))
        ids |= set(s.exec(select(MembershipRow.person_id).where(MembershipRow.assembly_id == body)))
        for person in s.exec(select(PersonRow).where(col(PersonRow.id).in_(ids))):
            person.email = "" if person.id == missing else f"{person.id}@region.example"
        s.commit()
        kinds = {p.id: p.kind for p in s.exec(select(PersonRow).where(col(PersonRow.id).in_(ids)))}
    called = [p for p in ids if p != missing and kinds.get(p) != "official"]
    return sorted(called)


def meeting(day: str, place: str, items: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "id": "nmd-notice",
        "title": "Hälso- och sjukvårdsnämnden",
        "starts_at": f"{day}T13:00",
        "chair": "n1",
        "place": place,
        "items": [{"id": i, "title": title, "diarienummer": f"HSN 2027/{i}"} for i, title in items],
    }


ITEMS = [("1", "Mötets öppnande"), ("2", "Verksamhetsplan"), ("3", "Delegationsbeslut")]


async def test_the_kallelse_reaches_every_member_and_substitute_and_a_change_is_shown(
    mail_hub: Callable[[int], HubProcess], demo_engine: Engine
) -> None:
    port = free_port()
    called = give_addresses(demo_engine, NAMND, missing="ne15")
    day = (CLOCK.today() + timedelta(days=30)).isoformat()
    later = (CLOCK.today() + timedelta(days=31)).isoformat()
    hub = mail_hub(port)
    secretary, _ = await enrolled_session(hub.url, demo_engine, "sekr")
    member, _ = await enrolled_session(hub.url, demo_engine, "n2")
    anonymous = httpx.AsyncClient(base_url=hub.url)
    path = f"/portal/api/admin/assemblies/{NAMND}/meetings"
    try:
        with smtp_server(port) as inbox:
            saved = await secretary.post(path, json=meeting(day, "", ITEMS))
            assert saved.status_code == 200, saved.text
            no_place = await secretary.post(NOTICE.format("nmd-notice"), json={"public": True})
            await secretary.post(path, json=meeting(day, "Regionens hus, sal A", ITEMS))
            refused = await member.post(NOTICE.format("nmd-notice"), json={"public": True})
            first = await secretary.post(NOTICE.format("nmd-notice"), json={"public": True})
            again = await secretary.post(NOTICE.format("nmd-notice"), json={"public": True})
            first_mail = list(inbox.messages)
            moved = [*ITEMS, ("4", "Remissvar om vårdval")]
            await secretary.post(path, json=meeting(later, "Regionens hus, sal A", moved))
            pending = (await secretary.get(NOTICE.format("nmd-notice"))).json()
            # Posted once, posted always: the ändrad kallelse goes on the board too.
            second = await secretary.post(NOTICE.format("nmd-notice"), json={"public": False})
            board = (await anonymous.get("/portal/api/anslagstavla")).json()
    finally:
        for http in (secretary, member, anonymous):
            await http.aclose()

    assert no_place.json()["error"] == "notice.no_place"
    assert refused.status_code == 403
    assert first.status_code == 200, first.text
    assert again.json()["error"] == "notice.unchanged"
    status = first.json()
    assert status["published"] == 1
    assert status["delivered"] == {"sent": len(called), "failed": 0}
    [without] = [m for m in status["mail"] if not m["sent"]]
    assert without == {
        "version": 1,
        "person": "ne15",
        "address": "",
        "sent": False,
        "error": "no e-mail address",
    }
    assert sorted(m["To"] for m in first_mail) == sorted(f"{p}@region.example" for p in called)
    kallelse = next(m for m in first_mail if m["To"] == "n2@region.example")
    assert kallelse["From"] == "Region Demo <kansliet@region.example>"
    assert str(kallelse["Subject"]).startswith("Kallelse: ")
    text = plain_text(kallelse)
    assert "Plats: Regionens hus, sal A" in text and "2. Verksamhetsplan (HSN 2027/2)" in text
    assert "http://ordet.example/portal/" in text
    [ics] = [part for part in kallelse.iter_attachments()]
    [event] = Calendar.from_ical(ics.get_content()).walk("VEVENT")
    assert str(event["location"]) == "Regionens hus, sal A"
    assert str(event["uid"]) == "nmd-notice@ordet"

    assert {c["kind"] for c in pending["unpublished"]} == {"time", "item_added"}
    changed = second.json()
    assert changed["published"] == 2 and changed["unpublished"] == []
    assert [v["version"] for v in changed["versions"]] == [1, 2]
    assert changed["versions"][1]["changes"] == [
        {"kind": "time", "subject": f"{later}T13:00"},
        {"kind": "item_added", "subject": "Remissvar om vårdval"},
    ]
    revised = [m for m in inbox.to("n2@region.example") if m not in first_mail]
    [notice] = revised
    assert str(notice["Subject"]).startswith("Ändrad kallelse: ")
    body = plain_text(notice)
    assert "- Nytt ärende Remissvar om vårdval" in body and "- New time" in body

    [posted] = [p for p in board if p["meeting"] == "nmd-notice"]
    assert posted["posted_on"] == CLOCK.today().isoformat()
    assert posted["starts_at"] == f"{later}T13:00" and len(posted["items"]) == 4
    assert [v["late"] for v in posted["versions"]] == [False, False]  # a nämnd has no deadline
    assert [v["public"] for v in posted["versions"]] == [True, True]


async def test_a_mail_server_that_is_away_loses_nothing(
    mail_hub: Callable[[int], HubProcess], demo_engine: Engine
) -> None:
    port = free_port()
    called = give_addresses(demo_engine, NAMND, missing="")
    day = (CLOCK.today() + timedelta(days=3)).isoformat()
    hub = mail_hub(port)
    secretary, _ = await enrolled_session(hub.url, demo_engine, "sekr")
    anonymous = httpx.AsyncClient(base_url=hub.url)
    try:
        path = f"/portal/api/admin/assemblies/{NAMND}/meetings"
        await secretary.post(path, json=meeting(day, "Sal B", ITEMS))
        published = await secretary.post(NOTICE.format("nmd-notice"), json={})
        with smtp_server(port) as inbox:
            resent = await secretary.post(NOTICE.format("nmd-notice") + "/resend", json={})
            twice = await secretary.post(NOTICE.format("nmd-notice") + "/resend", json={})
        board = (await anonymous.get("/portal/api/anslagstavla")).json()
    finally:
        await secretary.aclose()
        await anonymous.aclose()
    assert published.status_code == 200, published.text
    assert published.json()["delivered"] == {"sent": 0, "failed": len(called)}
    assert all(m["error"].startswith("smtp") for m in published.json()["mail"])
    assert resent.json()["delivered"] == {"sent": len(called), "failed": 0}
    assert all(m["sent"] and not m["error"] for m in resent.json()["mail"])
    assert twice.json()["delivered"] == {"sent": 0, "failed": 0}  # nobody gets it twice
    assert len(inbox.messages) == len(called)
    assert "nmd-notice" not in [p["meeting"] for p in board]  # a nämnd's, not made public


async def test_fullmaktige_is_always_posted_and_a_late_notice_is_marked(
    start_hub: Callable[..., HubProcess], demo_engine: Engine, tmp_path: Path
) -> None:
    """With no mail server (the embedded default) the mails are files under the data
    directory; fullmäktige's notice is public whatever is asked, and one posted less than
    a week before the meeting day is marked late (kommunallagen 5 kap. 53 §)."""
    with Session(demo_engine) as s:
        s.get(PersonRow, "m2").email = "m2@region.example"  # type: ignore[union-attr]
        s.commit()
    hub = start_hub()
    secretary, _ = await enrolled_session(hub.url, demo_engine, "sekr")
    anonymous = httpx.AsyncClient(base_url=hub.url)
    day = (CLOCK.today() + timedelta(days=6)).isoformat()
    try:
        saved = await secretary.post(
            "/portal/api/admin/assemblies/demo/meetings",
            json={
                "id": "kf-notice",
                "title": "Regionfullmäktige",
                "starts_at": f"{day}T09:00",
                "chair": "m1",
                "place": "Fullmäktigesalen",
                "items": [{"id": "1", "title": "Budget"}],
            },
        )
        assert saved.status_code == 200, saved.text
        published = await secretary.post(NOTICE.format("kf-notice"), json={"public": False})
        board = (await anonymous.get("/portal/api/anslagstavla")).json()
    finally:
        await secretary.aclose()
        await anonymous.aclose()
    assert published.status_code == 200, published.text
    [version] = published.json()["versions"]
    assert version["public"] is True and version["late"] is True
    assert version["announce_by"] == (CLOCK.today() - timedelta(days=1)).isoformat()
    assert published.json()["delivered"]["sent"] == 1  # only m2 has an address
    [posted] = [p for p in board if p["meeting"] == "kf-notice"]
    assert posted["place"] == "Fullmäktigesalen"
    [file] = list((tmp_path / "mail").glob("*.eml"))
    message = email.message_from_bytes(file.read_bytes(), policy=default)
    assert message["To"] == "m2@region.example"
