"""The year's figures over a real hub: a meeting played over WebSockets, then
the secretary's JSON, CSV and workbook, and the same figures recomputed by an
auditor from the exported log alone."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy.engine import Engine

from tests.portal.web import enrolled_session
from tests.support.hubs import HubProcess
from tests.support.year_meeting import body_settings, play_a_short_meeting
from voting_server.audit import export, year_files
from voting_server.audit.attendance import meeting_attendance
from voting_server.audit.year_source import envelopes_of, exported_year
from voting_server.domain.swedish_time import swedish_time
from voting_server.store.archive import Archive


async def test_the_secretarys_files_and_the_auditors_recount_agree(
    start_hub: Callable[..., HubProcess], demo_engine: Engine, tmp_path: Path
) -> None:
    settings = body_settings(demo_engine)
    hub = start_hub()
    await play_a_short_meeting(hub, demo_engine)
    entries = Archive(demo_engine).read("demo")
    started = meeting_attendance(envelopes_of(entries)).started_at
    assert started is not None
    year = swedish_time(started).year  # the Swedish year the meeting was held in
    http, _ = await enrolled_session(hub.url, demo_engine, "sekr")
    try:
        page = (await http.get(f"/portal/api/admin/assemblies/demo/year/{year}")).json()
        csv_file = await http.get(
            f"/portal/api/admin/assemblies/demo/year/{year}?format=csv&table=allowances"
        )
        book = await http.get(f"/portal/api/admin/assemblies/demo/year/{year}?format=xlsx")
        refused = await http.get(f"/portal/api/admin/assemblies/demo/year/{year}?format=pdf")
    finally:
        await http.aclose()
    assert refused.status_code == 400 and refused.json()["error"] == "year.bad_format"

    demo = next(m for m in page["meetings"] if m["meeting"] == "demo")
    # 40 of 71 seats: m1..m40 but m5, and m5's seat by the substitute e3.
    assert (demo["held"], demo["quorum"], demo["seats_taking_part"]) == (True, True, 40)
    assert demo["substitutes_served"] == 1
    rows = {r["person"]: r for r in page["allowances"] if r["meeting"] == "demo"}
    assert len(rows) == 40 and rows["m2"]["left"] <= rows["m1"]["left"]
    assert {r["rate"] for r in rows.values()} == {"halvdag"}  # a short meeting
    assert page["goal"] == 0.75 and page["meets_goal"] is False
    members = {m["person"]: m for m in page["members"]}
    assert (members["m5"]["present"], members["m5"]["substituted"]) == (0, 1)

    # The payroll file and the workbook say what the page says.
    lines = csv_file.text.splitlines()
    assert lines[0].split(",")[:4] == ["person", "name", "date", "body"]
    assert len(lines) == 1 + len(page["allowances"])
    assert "attachment" in csv_file.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(book.content))["allowances"]
    assert sheet.max_row == len(lines)

    # An auditor with the exported log alone finds the same figures.
    path = tmp_path / "demo.json"
    export.write(export.build("demo", entries, set()), path)
    recount = exported_year([export.load(path).entries], page["body"], year, settings)
    assert year_files.to_json(recount) == page
