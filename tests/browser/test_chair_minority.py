"""The chair's console in a real Chromium: the minority right with its reason, and
the dissent against a decision by acclamation, as the chair and a tablet see them."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Engine

from tests.browser.screens import confirm, open_screen
from tests.browser.test_attendance_page import chromium
from tests.support.actors import connect_as
from tests.support.hubs import HubProcess

REASON = "Konsekvenserna för kollektivtrafiken är inte utredda."


async def test_the_console_records_the_minority_right_and_lists_the_dissent(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    members = {f"m{i}": await connect_as(hub.url, demo_engine, f"m{i}") for i in range(4, 40)}
    async with chromium() as browser:
        chair = await open_screen(browser, hub, demo_engine, "chair", "/m/demo/chair", "m1")
        anna = await open_screen(browser, hub, demo_engine, "tablet", "/m/demo/tablet", "m2")
        c, a = chair.page, anna.page
        try:
            for member in members.values():
                await member.command("attendance.check_in")
            await c.click('#presence button[data-person="m1"]')
            await a.click("#attendance-button")
            await c.wait_for_selector('#quorum[data-quorum="yes"]')
            await c.click('#agenda button[data-item="3"]')
            await c.wait_for_selector("#dissent li.muted")

            # Without a proposal to send back, there is nothing to demand.
            assert await c.is_disabled("#minority-invoke")
            assert "Inget yrkande" in await c.inner_text("#minority-none")
            await members["m4"].command(
                "debate.submit_proposal", kind="aterremiss", text="Ärendet återremitteras."
            )
            motion = "#minority-motion option[data-kind='aterremiss']"
            await c.wait_for_selector(motion, state="attached")

            # 38 serve, so 13 are needed; the count says when there are enough.
            await c.wait_for_function(
                "() => document.querySelectorAll('#minority-supporters button').length === 38"
            )
            for i in range(4, 16):
                await c.click(f'#minority-supporters button[data-person="m{i}"]')
            await c.wait_for_selector('#minority-count[data-enough="no"]')
            assert "12 markerade, 13 av 38" in await c.inner_text("#minority-count")
            await c.click('#minority-supporters button[data-person="m16"]')
            await c.wait_for_selector('#minority-count[data-enough="yes"]')
            # An återremiss needs the minority's reason before it can be recorded.
            assert await c.is_disabled("#minority-invoke")
            await c.fill("#minority-reason", REASON)
            await c.click("#minority-invoke")
            await confirm(c)
            await c.wait_for_selector('#minority-result[data-kind="ack"]')
            await c.wait_for_selector('#minority-records li[data-forced="yes"]')
            record = await c.inner_text("#minority-records")
            assert "13 bakom kravet, 13 av 38 krävdes" in record and REASON in record
            # The marks are cleared for the next demand; the tablet shows the record.
            await c.wait_for_selector('#minority-count[data-enough="no"]')
            await a.wait_for_selector('#minority-records li[data-forced="yes"]')
            assert REASON in await a.inner_text("#minority-records")

            # The decision that follows, and three kinds of dissent against it.
            await c.fill("#acclaim-text", "Ärendet återremitteras till regionstyrelsen.")
            await c.click("#acclaim")
            await confirm(c)
            await c.wait_for_selector('#votes-result[data-kind="ack"]')
            await a.click("#decisions button.reserve-decision")
            await confirm(a)
            await a.wait_for_selector('#decisions-result[data-kind="ack"]')
            m5 = members["m5"]
            await m5.wait_for(lambda client: bool(client.view["votes"].get("decisions")))
            decision = next(iter(m5.view["votes"]["decisions"]))
            await m5.command("decision.no_part", decision=decision)
            await members["m6"].command(
                "decision.note", decision=decision, text="Vi vill se en ny utredning."
            )
            entry_selector = f'#dissent li[data-decision="{decision}"]'
            await c.wait_for_selector(f'{entry_selector} [data-dissent="note"]')
            entry = c.locator(entry_selector)
            assert await entry.locator('[data-dissent="reservation"]').count() == 1
            assert await entry.locator('[data-dissent="no_part"]').count() == 1
            text = await entry.inner_text()
            assert "Ärendet återremitteras till regionstyrelsen." in text
            assert "Vi vill se en ny utredning." in text

            await chair.set_language("en")
            assert "13 backed it, 13 of 38 needed" in await c.inner_text("#minority-records")
            assert "Minutes note" in await c.inner_text("#dissent")
            for screen in (chair, anna):
                assert screen.errors == [], screen.name
        finally:
            await chair.close()
            await anna.close()
            for member in members.values():
                await member.close()
