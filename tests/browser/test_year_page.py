"""The secretary's year in a real Chromium: the meetings with their attendance
against the goal, drawn as a chart, the tables in Swedish and English, and the
files to download."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Engine

from tests.browser.screens import watch_errors
from tests.browser.test_attendance_page import chromium
from tests.support.hubs import HubProcess
from tests.support.year_meeting import body_settings, play_a_short_meeting
from voting_server.store.directory import Directory


async def test_the_year_page_shows_attendance_against_the_goal_and_offers_the_files(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    body_settings(demo_engine)
    hub = start_hub()
    await play_a_short_meeting(hub, demo_engine)
    async with chromium() as browser:
        context = await browser.new_context(viewport={"width": 1440, "height": 900})
        page = await context.new_page()
        errors: list[str] = []
        watch_errors(page, errors)
        try:
            token = Directory(demo_engine).mint_login_link("sekr")
            await page.goto(f"{hub.url}/login/{token}?next=/portal/admin/")
            await page.click("#year-link")
            await page.wait_for_selector('#year-summary[data-goal="missed"]')
            summary = await page.inner_text("#year-summary")
            assert "40 av 71 platser deltog" in summary and "75 %" in summary, summary
            assert "inte nått" in summary
            row = await page.inner_text('#year-meetings tr[data-key="demo"]')
            assert "ja" in row and "40 / 71" in row  # held, quorum, seats
            assert await page.locator("#year-allowances tbody tr").count() == 40
            assert "halvdag" in await page.inner_text("#year-allowances")
            # The chart is drawn: one bar for the one meeting held.
            bars = "() => globalThis.Chart.getChart('year-chart').data.datasets[0].data"
            await page.wait_for_function("() => globalThis.Chart?.getChart('year-chart')")
            assert await page.evaluate(bars) == [56]  # 40 of 71 seats, rounded

            async with page.expect_download() as downloading:
                await page.click('#year-files a[href*="table=allowances"]')
            download = await downloading.value
            assert download.suggested_filename.endswith("-allowances.csv")

            await page.click('#lang-switch button[data-lang="en"]')
            await page.wait_for_function(
                "() => document.querySelector('#year-summary').textContent"
                ".includes('seats took part')"
            )
            assert "Hours served" in await page.inner_text("#year-allowances thead")
            assert errors == []
        finally:
            await context.close()
