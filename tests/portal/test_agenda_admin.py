"""The secretary prepares a meeting's agenda; once the meeting opens it is the log's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Engine

from tests.portal.test_http import security_log
from tests.portal.web import enrolled_session
from tests.support.actors import connect_as, open_meeting
from tests.support.hubs import HubProcess
from voting_server.portal.agenda_admin import agenda_change

MEETINGS = "/portal/api/admin/assemblies/demo/meetings"
ITEMS = [
    {"id": "1", "title": "Öppnande", "title_en": "Opening", "kind": "arende"},
    {
        "id": "2",
        "title": "Delårsrapport",
        "title_en": "Interim report",
        "kind": "arende",
        "diarienummer": "RS 2026/7",
        "proposal": "Regionfullmäktige godkänner delårsrapporten.",
    },
    {"id": "3", "title": "Val av revisorer", "kind": "val"},
]


def meeting(items: list[dict[str, Any]], **changes: Any) -> dict[str, Any]:
    return {
        "id": "rf-prep",
        "title": "Regionfullmäktige",
        "starts_at": "2099-03-16T09:00",
        "chair": "m1",
        "items": items,
        **changes,
    }


async def test_the_agenda_changes_until_the_meeting_opens_and_then_is_the_logs(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    secretary, _ = await enrolled_session(hub.url, demo_engine, "sekr")
    try:
        made = await secretary.post(MEETINGS, json=meeting(ITEMS))
        reordered = await secretary.post(MEETINGS, json=meeting([ITEMS[2], ITEMS[0], ITEMS[1]]))
        twice = await secretary.post(MEETINGS, json=meeting([ITEMS[0], ITEMS[0]]))
        await secretary.post(MEETINGS, json=meeting(ITEMS))
        await open_meeting(hub.url, demo_engine, "rf-prep")
        display = await connect_as(hub.url, demo_engine, "display", meeting="rf-prep")
        try:
            agenda = display.view["agenda"]
        finally:
            await display.close()
        retitled = await secretary.post(MEETINGS, json=meeting(ITEMS, title="Nytt namn"))
        moved = await secretary.post(MEETINGS, json=meeting(ITEMS, starts_at="2099-03-17T09:00"))
        one_more = await secretary.post(MEETINGS, json=meeting([*ITEMS, {"id": "4", "title": "X"}]))
        rechaired = await secretary.post(MEETINGS, json=meeting(ITEMS, chair="m2"))
        documents = [{"title": "Handlingar", "url": "https://docs.example/rf.pdf"}]
        with_documents = await secretary.post(MEETINGS, json=meeting(ITEMS, documents=documents))
    finally:
        await secretary.aclose()

    assert made.status_code == 200, made.text
    [prepared] = [m for m in made.json() if m["id"] == "rf-prep"]
    assert prepared["items"][1] == {**ITEMS[1], "kind": "arende"}
    assert prepared["items"][2]["title_en"] == "" and prepared["items"][2]["kind"] == "val"
    assert not prepared["opened"]
    [after] = [m for m in reordered.json() if m["id"] == "rf-prep"]
    assert [i["id"] for i in after["items"]] == ["3", "1", "2"]
    assert twice.status_code == 400
    # The opening copied the agenda into the log, English titles and proposals too.
    assert [(i["id"], i["title_en"]) for i in agenda] == [
        ("1", "Opening"),
        ("2", "Interim report"),
        ("3", ""),
    ]
    assert agenda[1]["proposal"] == "Regionfullmäktige godkänner delårsrapporten."
    assert agenda[1]["diarienummer"] == "RS 2026/7"
    for refused in (retitled, moved, one_more):
        assert refused.status_code == 409 and refused.json()["error"] == "meeting.opened"
    assert rechaired.json()["error"] == "meeting.chair_in_log"
    assert with_documents.status_code == 200  # documents may still be added
    saves = [reason for action, _, subject, reason in security_log(demo_engine)
             if action == "meeting.save" and subject == "rf-prep"]  # fmt: skip
    assert saves[0] == "demo: 3 items; added 1, 2, 3"
    assert saves[1] == "demo: 3 items; reordered"


def test_the_log_says_what_a_save_did_to_the_agenda() -> None:
    one, two, three = ({"id": n, "title": n} for n in "123")
    assert agenda_change([one, two], [two, one]) == "2 items; reordered"
    assert agenda_change([one, two], [one, {**two, "title": "Två"}, three]) == (
        "3 items; added 3; changed 2"
    )
    assert agenda_change([one, two, three], [three]) == "1 item; removed 1, 2"
    assert agenda_change([one], [one]) == "1 item"
