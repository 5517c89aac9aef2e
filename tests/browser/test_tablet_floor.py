"""The speaker's own tablet, in a real Chromium against a running hub: "Du har
ordet" with the clock at the top, and no replik offered to oneself."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Engine

from tests.browser.screens import members_checked_in, open_screen
from tests.browser.test_attendance_page import chromium
from tests.support.actors import connect_as
from tests.support.hubs import HubProcess


async def test_the_speakers_tablet_says_you_have_the_floor_and_offers_no_replik(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    chair = await connect_as(hub.url, demo_engine, "m1", role="chair")
    await chair.command("attendance.check_in")
    members = await members_checked_in(hub, demo_engine)
    async with chromium() as browser:
        anna = await open_screen(browser, hub, demo_engine, "tablet", "/m/demo/tablet", "m2")
        bo = await open_screen(browser, hub, demo_engine, "tablet-2", "/m/demo/tablet", "m3")
        a, b = anna.page, bo.page
        try:
            for page in (a, b):
                await page.click("#attendance-button")
                await page.wait_for_selector('#my-presence[data-presence="present"]')
            await chair.command("agenda.start_item", item="3")
            assert await a.is_hidden("#my-floor")
            await a.click("#ask-floor")
            await a.wait_for_selector('#floor-result[data-kind="ack"]')
            await chair.command("debate.next_speaker")

            await a.wait_for_selector("#my-floor:not([hidden])")
            assert "Du har ordet" in await a.inner_text("#my-floor")
            await a.wait_for_function(
                "() => /\\d:\\d\\d/.test(document.querySelector('#my-floor .clock').textContent)"
            )
            # #my-floor comes first in the page, above the member's own panel.
            first = await a.evaluate("() => document.querySelector('main').children[1].id")
            assert first == "my-floor"
            assert await a.is_disabled("#ask-replik")
            # Someone else may ask for a replik on the speech; their tablet says nothing.
            await b.wait_for_selector("#ask-replik:not([disabled])")
            assert await b.is_hidden("#my-floor")

            await chair.command("debate.finish_speech")
            await a.wait_for_selector("#my-floor", state="hidden")
            assert anna.errors == [] and bo.errors == []
        finally:
            await anna.close()
            await bo.close()
            for client in (chair, *members):
                await client.close()
