"""A vote opened by mistake, declared void from the chair's console in a real
Chromium: the reason is required and confirmed, the tablet and the display say
so in plain words, nothing is counted, and a new vote opens on the same item."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Engine

from tests.browser.screens import chair_takes_up, confirm, members_checked_in, open_screen
from tests.browser.test_attendance_page import chromium
from tests.support.hubs import HubProcess

REASON = "Omröstningen öppnades med fel fråga"


async def test_the_chair_declares_a_vote_void_with_a_reason(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    members = await members_checked_in(hub, demo_engine)
    async with chromium() as browser:
        chair = await open_screen(browser, hub, demo_engine, "chair", "/m/demo/chair", "m1")
        tablet = await open_screen(browser, hub, demo_engine, "tablet", "/m/demo/tablet", "m2")
        display = await open_screen(browser, hub, demo_engine, "display", "/m/demo/display", None)
        c, a, d = chair.page, tablet.page, display.page
        try:
            await chair_takes_up(c, "3")
            await a.click("#attendance-button")
            await a.wait_for_selector('#my-presence[data-presence="present"]')
            # A secret election with candidates: the chair reads what opens before it does.
            await c.select_option("#vote-method", "majority")
            await c.fill("#vote-question", "Val av fel revisor?")
            await c.fill("#vote-candidates", "Erik Lund\nAnna Nilsson")
            await c.check("#vote-secret")
            await c.click("#open-vote")
            await c.wait_for_selector("dialog#confirm-dialog[open]")
            summary = await c.inner_text("#confirm-text")
            assert "Val av fel revisor?" in summary and "Regionplan och budget" in summary
            assert "sluten" in summary and "Erik Lund, Anna Nilsson" in summary
            await c.click("#confirm-cancel")
            assert await a.get_attribute("#ballot", "data-status") != "open"  # nothing opened
            await c.select_option("#vote-method", "question")
            await c.fill("#vote-question", "Bifall till fel motion?")
            await c.click("#open-vote")
            await confirm(c)
            await a.wait_for_selector('#ballot[data-status="open"]')
            await a.click('#ballot button[data-choice="ja"]')
            await a.wait_for_selector('#ballot button[data-choice="ja"][aria-pressed="true"]')

            # Without a reason the hub refuses, and says why.
            await c.click("#vote-actions details.void-vote summary")
            await c.click("#void-vote")
            await c.wait_for_selector('#votes-result[data-kind="error"]')
            assert "varför" in await c.inner_text("#votes-result")
            await c.fill("#void-reason", REASON)
            await c.click("#void-vote")
            await confirm(c)
            await c.wait_for_selector('#votes-result[data-kind="ack"]')

            for page in (c, a, d):
                await page.wait_for_selector("#vote-result .status-void, #vote .status-void")
            shown = await d.inner_text("#vote")
            assert "ogiltig" in shown and REASON in shown and "Ingen röst räknades" in shown
            assert REASON in await a.inner_text("#vote-result")
            assert await a.locator("#ballot button[data-choice]").count() == 0

            # The form is back for a new vote on the same item.
            await c.wait_for_selector("#vote-form:not([hidden])")
            await c.fill("#vote-question", "Bifall till motionen?")
            await c.click("#open-vote")
            await confirm(c)
            await a.wait_for_selector('#ballot[data-status="open"]')
            assert await a.get_attribute('#ballot button[data-choice="ja"]', "aria-pressed") == (
                "false"
            )

            # m5's tablet dies: the console marks m5 as present without a device.
            await members[1].close()
            await c.wait_for_selector(
                '#presence button[data-person="m5"][data-device="none"]', timeout=15_000
            )
            assert "utan ansluten platta" in await c.inner_text("#devices-missing")
            # m5 says "ja" aloud; the chair records it for them.
            await c.click("#vote-actions details.proxy-vote summary")
            await c.select_option("#proxy-person", "m5")
            await c.click('#vote-actions .proxy-ballot[data-choice="ja"]')
            await confirm(c)
            await c.wait_for_selector('#has-voted li[data-person="m5"]')
            assert await c.locator('#proxy-person option[value="m5"]').count() == 0

            # The next item starts from an empty form: no old question, kind or candidates.
            await c.click("#close-vote")
            await confirm(c)
            await c.wait_for_selector("#vote[data-status='closed']")

            # After the vote the member leaves a minutes note from the tablet.
            entry = "#decisions li.decision-entry[data-vote]"
            await a.wait_for_selector(entry)
            await a.click(f"{entry} details.note-form summary")
            await a.fill(f"{entry} .note-text", "Underlaget kom sent.")
            await a.click(f"{entry} .add-note")
            await a.wait_for_selector('#decisions-result[data-kind="ack"]')
            await a.wait_for_selector(f"{entry} >> text=Du har lämnat en protokollsanteckning")
            # The form shows only the fields of the kind chosen (and only between votes).
            assert await c.is_hidden("#vote-candidates")
            await c.select_option("#vote-method", "majority")
            await c.fill("#vote-candidates", "Kvar från förra ärendet")
            assert await c.is_hidden("#vote-ja")
            await c.click("#finish-item")
            await confirm(c)
            await c.click('#agenda button[data-item="4"]')
            await c.wait_for_selector('#agenda li[data-item="4"][aria-current="step"]')
            assert await c.input_value("#vote-method") == "question"
            assert await c.input_value("#vote-candidates") == ""
            assert await c.input_value("#vote-question") == "Bifall till förslaget?"
            assert not await c.is_checked("#vote-secret")
            for screen in (chair, tablet, display):
                assert screen.errors == []
        finally:
            for screen in (chair, tablet, display):
                await screen.close()
            for member in members:
                await member.close()
