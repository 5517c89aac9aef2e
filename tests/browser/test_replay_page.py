"""The replay page in a real Chromium: scrubbing the timeline changes the display."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Engine

from tests.browser.screens import watch_errors
from tests.browser.test_attendance_page import SCREENSHOTS, WAIT_MS, chromium
from tests.support.actors import connect_as
from tests.support.hubs import HubProcess
from voting_server.store.archive import Archive


async def short_meeting(hub: HubProcess, engine: Engine) -> int:
    """Four members arrive, m2 speaks on item 1, the meeting is adjourned; the log's size."""
    chair = await connect_as(hub.url, engine, "m1", role="chair")
    members = [await connect_as(hub.url, engine, f"m{i}") for i in (2, 3, 4)]
    try:
        for client in (chair, *members):
            await client.command("attendance.check_in")
        await chair.command("agenda.start_item", item="1")
        await members[0].command("debate.request_floor")
        await chair.command("debate.give_floor")
        await chair.command("debate.finish_speech")
        await chair.command("agenda.finish_item")
        await chair.command("meeting.adjourn")
    finally:
        for client in (chair, *members):
            await client.close()
    return len(Archive(engine).read("demo"))


async def test_scrubbing_the_timeline_shows_the_display_as_it_was(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    hub = start_hub()
    size = await short_meeting(hub, demo_engine)
    async with chromium() as browser:
        context = await browser.new_context(viewport={"width": 1280, "height": 1000})
        context.set_default_timeout(WAIT_MS)
        page = await context.new_page()
        errors: list[str] = []
        watch_errors(page, errors)
        try:
            # An adjourned meeting is public: no login needed.
            await page.goto(f"{hub.url}/m/demo/replay")
            await page.wait_for_selector(f'#display[data-seq="{size}"]')
            assert await page.inner_text("#d-status") == "Sammanträdet är avslutat."
            assert await page.get_attribute("#scrubber", "max") == str(size)
            assert await page.inner_text("#d-filled") == "4 / 71"

            await page.focus("#scrubber")
            await page.keyboard.press("Home")  # the keyboard moves the timeline
            await page.wait_for_selector('#display[data-seq="1"]')
            assert await page.inner_text("#d-status") == "Sammanträdet pågår."
            assert await page.inner_text("#d-filled") == "0 / 71"
            assert await page.get_attribute("#events li[aria-current]", "data-seq") == "1"

            for step in range(2, 6):  # four check-ins, one step at a time
                await page.click("#forward")
                await page.wait_for_selector(f'#display[data-seq="{step}"]')
            filled = await page.inner_text("#d-filled")
            assert filled != "0 / 71" and filled.endswith("/ 71")
            await page.focus("#scrubber")
            for _ in range(40):
                if await page.inner_text("#d-speaker") != "Ingen talar.":
                    break
                before = await page.get_attribute("#display", "data-seq")
                await page.keyboard.press("ArrowRight")
                await page.wait_for_function(
                    "prev => document.getElementById('display').dataset.seq !== prev",
                    arg=before,
                )
            assert (await page.inner_text("#d-speaker")).startswith("Talar: ")
            assert "anförande" in await page.inner_text("#d-speaker")
            assert await page.locator('#d-agenda li[data-status="current"]').count() == 1
            await page.screenshot(path=SCREENSHOTS / "replay-sv.png", full_page=True)

            await page.click("#last")
            await page.wait_for_selector(f'#display[data-seq="{size}"]')
            assert await page.locator('#d-agenda li[data-status="current"]').count() == 0
            assert errors == []
        finally:
            await context.close()
