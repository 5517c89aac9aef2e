"""How a meeting was called and what was filed during it, in its log and minutes: the
opening records every version of the notice, a handling filed while the meeting is
open is logged first and reaches the tablets, and nothing is filed after the end."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest
from sqlalchemy.engine import Engine

from tests.portal.test_documents import MEETINGS, PDF, SECOND, upload
from tests.portal.web import enrolled_session
from tests.support.actors import connect_as
from tests.support.hubs import HubProcess
from voting_server.audit.minutes_report import pairs_of, render
from voting_server.client import CommandRefused
from voting_server.clock import CLOCK
from voting_server.domain.meeting.events import DocumentFiled, FiledDocument, NoticesRecorded
from voting_server.domain.notice import ChangeKind, NoticeChange
from voting_server.store.archive import Archive

NOTICE = "/portal/api/admin/meetings/demo/notice"
THIRD = PDF.replace(b"Catalog", b"Catalog /Lang (en)")


async def test_the_minutes_tell_how_the_meeting_was_called_and_what_was_filed_during_it(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    secretary, _ = await enrolled_session(hub.url, demo_engine, "sekr")
    reader, _ = await enrolled_session(hub.url, demo_engine, "m3")

    async def titles() -> list[str]:
        return [
            d["title"] for d in (await reader.get("/portal/api/meetings/demo/documents")).json()
        ]

    try:
        demo = next(m for m in (await secretary.get(MEETINGS)).json() if m["id"] == "demo")
        await secretary.post(MEETINGS, json={**demo, "place": "Fullmäktigesalen"})
        first = await secretary.post(NOTICE, json={})
        items = [{**i, "title": "Budget 2027"} if i["id"] == "3" else i for i in demo["items"]]
        await secretary.post(MEETINGS, json={**demo, "place": "Fullmäktigesalen", "items": items})
        second = await secretary.post(NOTICE, json={})
        assert first.status_code == second.status_code == 200, second.text
        late_addition = await upload(secretary, PDF, title="Bilaga")  # never announced
        assert late_addition.status_code == 200, late_addition.text

        chair = await connect_as(hub.url, demo_engine, "m1", role="chair")
        member = await connect_as(hub.url, demo_engine, "m2")
        clerk = await connect_as(hub.url, demo_engine, "sekr", role="secretary")
        try:
            await chair.command("agenda.start_item", item="3")
            after_opening = await secretary.post(NOTICE, json={})
            with pytest.raises(CommandRefused) as forged:  # only the portal files, by digest
                await clerk.command(
                    "meeting.file_document", item="3", title="Falsk", version=1, sha256="0" * 64
                )
            during = await upload(secretary, SECOND, title="Reviderat förslag")
            await member.wait_for(lambda c: c.view["meeting"].get("documents_filed") == 1)
            listed = await titles()
            await chair.command("agenda.finish_item")
            await chair.command("meeting.adjourn")
            after_end = await upload(secretary, THIRD, title="För sent")
            at_the_end = await titles()
        finally:
            for client in (chair, member, clerk):
                await client.close()
    finally:
        await secretary.aclose()
        await reader.aclose()

    assert after_opening.status_code == 409 and after_opening.json()["error"] == "meeting.opened"
    assert forged.value.code == "frame.unknown_type"
    assert during.status_code == 200, during.text
    assert "Reviderat förslag" in listed
    assert after_end.status_code == 409 and after_end.json()["error"] == "meeting.adjourned"
    assert "För sent" not in at_the_end

    pairs = pairs_of(Archive(demo_engine).read("demo"))
    [recorded] = [e for e, _ in pairs if isinstance(e, NoticesRecorded)]
    today = CLOCK.today().isoformat()
    assert [(n.version, n.published_on, n.public) for n in recorded.notices] == [
        (1, today, True),
        (2, today, True),
    ]
    assert recorded.notices[1].changes == (NoticeChange(ChangeKind.ITEM_CHANGED, "Budget 2027"),)
    assert recorded.unannounced == (NoticeChange(ChangeKind.DOCUMENT_ADDED, "Bilaga"),)
    [filed] = [e for e, _ in pairs if isinstance(e, DocumentFiled)]
    digest = hashlib.sha256(SECOND).hexdigest()
    assert filed.document == FiledDocument("3", "Reviderat förslag", 1, digest)

    minutes = render(pairs).document.decode()
    called = minutes.split('class="kallelse"', 1)[1].split("</section>", 1)[0]
    assert f"Kallelse utfärdad {today}, anslagen på anslagstavlan (efter fristen" in called
    assert "Ändrad kallelse (version 2)" in called and "ändrat ärende: Budget 2027" in called
    assert "Ändringar som inte kungjorts: ny handling: Bilaga." in called
    paragraph = minutes.split('id="p-3"', 1)[1].split("</section>", 1)[0]
    assert (
        f"Reviderat förslag, version 1, SHA-256 <code>{digest}</code>, inlämnad under" in paragraph
    )
