"""``ordet demo`` holds today's meeting; the meetings of earlier days stay where members look."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from tests.support.actors import connect_as
from tests.support.hubs import HubProcess, hub_env
from voting_server.clock import CLOCK, CLOCK_ENV
from voting_server.domain.swedish_time import STOCKHOLM
from voting_server.portal.overview import overview
from voting_server.store.db import make_engine
from voting_server.store.seed import demo_meeting_id, prepare_demo

MIDSOMMARAFTON = date(2030, 6, 21)


def set_day(day: date, monkeypatch: pytest.MonkeyPatch) -> None:
    CLOCK.start_at(datetime(day.year, day.month, day.day, 10, 0, tzinfo=STOCKHOLM))
    monkeypatch.setenv(CLOCK_ENV, f"{CLOCK.offset:+.3f}")


async def test_yesterdays_demo_meeting_stays_among_the_past_ones(
    sqlite_url: str, redis_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = make_engine(sqlite_url)
    try:
        set_day(MIDSOMMARAFTON, monkeypatch)
        first = prepare_demo(engine, CLOCK.today())
        assert first == "demo-2030-06-21"
        hub = HubProcess(hub_env(sqlite_url, redis_url, tmp_path)).start()
        try:
            member = await connect_as(hub.url, engine, "m2", meeting=first)
            await member.command("attendance.check_in")
            await member.close()
        finally:
            hub.stop()

        set_day(MIDSOMMARAFTON + timedelta(days=3), monkeypatch)
        second = prepare_demo(engine, CLOCK.today())
        assert second == demo_meeting_id(date(2030, 6, 24))
        assert prepare_demo(engine, CLOCK.today()) == second  # once a day, not once a run
        page = overview(engine, "m2", CLOCK.today())
        assert [m["id"] for m in page["today"]] == [second]
        [past] = page["past"]
        assert past["id"] == first and past["day"] == "2030-06-21"
        assert past["attendance"], "the earlier meeting keeps its log"

        prepare_demo(engine, CLOCK.today(), fresh=True)
        assert [m["id"] for m in overview(engine, "m2", CLOCK.today())["past"]] == []
    finally:
        CLOCK.start_at(None)
        engine.dispose()


@pytest.mark.any_day
def test_ordet_demo_prints_links_to_todays_meeting(tmp_path: Path) -> None:
    """The README's first command, on embedded defaults: SQLite and its own Redis."""
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    env.update(ORDET_DATA=str(tmp_path), PYTHONUNBUFFERED="1")
    demo = HubProcess(env, command=("-m", "voting_server.cli", "demo")).start()
    try:
        assert demo.log_path is not None
        banner = demo.log_path.read_text()
        meeting = demo_meeting_id(CLOCK.today())
        assert f"meeting '{meeting}'" in banner
        assert f"/m/{meeting}/tablet" in banner and f"/m/{meeting}/public" in banner
        # The secretary's link opens the administration, a page the secretary may use.
        secretary = next(line for line in banner.splitlines() if "secretary (sekr)" in line)
        assert secretary.endswith("?next=/portal/admin/")
        listed = httpx.get(f"{demo.url}/api/meetings").json()
        assert meeting in [m["id"] for m in listed]
    finally:
        demo.stop()
    assert (tmp_path / "ordet.db").exists()
