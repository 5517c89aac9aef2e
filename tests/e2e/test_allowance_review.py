"""The basis for allowances reviewed over a real hub: a member questions their
own figures in the portal, the secretary answers, corrects with a reason and
approves by the digest read; others are refused; the payroll file holds only
what was approved; and an auditor's recount from the export agrees.

The hub and this process both run at noon Swedish time (``noon_hub``), so a
correction's clock times lie before "now" on whatever day the test runs.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from tests.portal.web import enrolled_session
from tests.support.e_board import seed_bodies
from tests.support.hubs import HubProcess
from tests.support.year_meeting import body_settings, play_a_short_meeting
from voting_server.audit import export, year_files
from voting_server.audit.year_source import envelopes_of, exported_year
from voting_server.clock import CLOCK
from voting_server.store.archive import Archive


def meeting_line(year: dict[str, object]) -> dict[str, object]:
    return next(m for m in year["meetings"] if m["meeting"] == "demo")  # type: ignore[attr-defined,index]


async def test_question_answer_correct_and_approve(
    noon_hub: HubProcess, demo_engine: Engine, tmp_path: Path
) -> None:
    settings = body_settings(demo_engine)
    await play_a_short_meeting(noon_hub, demo_engine)
    year = CLOCK.today().year
    figures = f"/portal/api/admin/assemblies/demo/year/{year}"
    act = "/portal/api/meetings/demo/allowances"
    secretary, _ = await enrolled_session(noon_hub.url, demo_engine, "sekr")
    m2, _ = await enrolled_session(noon_hub.url, demo_engine, "m2")
    m3, _ = await enrolled_session(noon_hub.url, demo_engine, "m3")
    try:
        own = (await m2.get(f"/portal/api/me/allowances?year={year}")).json()
        demo = next(m for m in own["meetings"] if m["meeting"] == "demo")
        assert demo["row"]["person"] == "m2" and demo["allowance"] == "to_approve"

        asked = await m2.post(f"{act}/question", json={"reason": "Jag stannade till lunch."})
        assert asked.status_code == 200, asked.text
        again = await m2.post(f"{act}/question", json={"reason": "Hallå?"})
        assert again.json()["error"] == "allowance.question_open"

        page = (await secretary.get(figures)).json()
        line = meeting_line(page)
        assert line["allowance"] == "questioned"
        early = await secretary.post(f"{act}/approve", json={"digest": line["digest"]})
        assert (early.status_code, early.json()["error"]) == (409, "allowance.questions_open")

        # A member may neither approve nor answer nor correct, not even their own.
        for path, body in (
            ("approve", {"digest": line["digest"]}),
            ("answer", {"person": "m2", "answer": "Godkänt"}),
            (
                "correct",
                {
                    "person": "m3",
                    "arrived": "09:00",
                    "left": "11:00",
                    "served": "2:00",
                    "reason": "x",
                },
            ),
        ):
            refused = await m3.post(f"{act}/{path}", json=body)
            assert refused.status_code == 403, (path, refused.text)
        bad = await secretary.post(
            f"{act}/correct",
            json={
                "person": "m2",
                "arrived": "9.00",
                "left": "11:30",
                "served": "2:30",
                "reason": "x",
            },
        )
        assert bad.status_code == 400

        fixed = await secretary.post(
            f"{act}/correct",
            json={
                "person": "m2",
                "arrived": "08:00",
                "left": "09:30",
                "served": "1:30",
                "reason": "Utcheckad av misstag",
            },
        )
        assert fixed.status_code == 200, fixed.text
        page = (await secretary.get(figures)).json()
        row = next(r for r in page["allowances"] if r["person"] == "m2")
        assert (row["arrived"], row["left"], row["served_hours"], row["correction"]) == (
            "08:00", "09:30", 1.5, "Utcheckad av misstag",
        )  # fmt: skip
        assert page["questions"][0]["corrected"] is True

        stale = await secretary.post(f"{act}/approve", json={"digest": "0" * 64})
        assert stale.json()["error"] == "allowance.figures_changed"
        line = meeting_line(page)
        approved = await secretary.post(f"{act}/approve", json={"digest": line["digest"]})
        assert approved.status_code == 200, approved.text
        assert approved.json()["rows"] == 40

        payroll = await secretary.get(f"{figures}?format=csv&table=payroll")
        lines = payroll.text.splitlines()
        assert len(lines) == 41 and lines[0].endswith("correction,approved")
        page = (await secretary.get(figures)).json()
        assert meeting_line(page)["allowance"] == "approved"
        own = (await m2.get(f"/portal/api/me/allowances?year={year}")).json()
        demo = next(m for m in own["meetings"] if m["meeting"] == "demo")
        assert demo["row"]["approved"] == CLOCK.today().isoformat()
        assert demo["questions"][0]["answer"] == "Utcheckad av misstag"
    finally:
        for http in (secretary, m2, m3):
            await http.aclose()

    # The review is in the meeting's log: the export gives the same figures.
    entries = Archive(demo_engine).read("demo")
    kinds = [e.event.type for e in envelopes_of(entries)]
    assert kinds[-4:] == [
        "allowance.questioned", "allowance.corrected", "allowance.approved",
        "audit.checkpoint_signed",
    ]  # fmt: skip
    path = tmp_path / "demo.json"
    export.write(export.build("demo", entries, set()), path)
    recount = exported_year([export.load(path).entries], page["body"], year, settings)
    assert year_files.to_json(recount) == page


async def test_no_review_while_the_meeting_runs(noon_hub: HubProcess, demo_engine: Engine) -> None:
    http, _ = await enrolled_session(noon_hub.url, demo_engine, "sekr")
    try:
        response = await http.post(
            "/portal/api/meetings/demo/allowances/approve", json={"digest": "0" * 64}
        )
        unknown = await http.post(
            "/portal/api/meetings/nope/allowances/approve", json={"digest": "0" * 64}
        )
    finally:
        await http.aclose()
    assert response.status_code == 409
    assert unknown.status_code == 404


async def test_another_bodys_secretary_and_member_are_refused(
    noon_hub: HubProcess, demo_engine: Engine
) -> None:
    body_settings(demo_engine)
    seed_bodies(demo_engine)
    await play_a_short_meeting(noon_hub, demo_engine)
    act = "/portal/api/meetings/demo/allowances"
    stranger, _ = await enrolled_session(noon_hub.url, demo_engine, "en-sekr")
    outsider, _ = await enrolled_session(noon_hub.url, demo_engine, "en3")
    try:
        approve = await stranger.post(f"{act}/approve", json={"digest": "0" * 64})
        correct = await stranger.post(
            f"{act}/correct",
            json={
                "person": "m2",
                "arrived": "08:00",
                "left": "09:00",
                "served": "1:00",
                "reason": "x",
            },
        )
        asked = await outsider.post(f"{act}/question", json={"reason": "Mina timmar?"})
    finally:
        await stranger.aclose()
        await outsider.aclose()
    assert (approve.status_code, approve.json()["error"]) == (403, "auth.other_assembly")
    assert correct.status_code == 403
    assert (asked.status_code, asked.json()["error"]) == (403, "auth.role_not_granted")
    kinds = {e.event.type for e in envelopes_of(Archive(demo_engine).read("demo"))}
    assert not any(kind.startswith("allowance.") for kind in kinds)
