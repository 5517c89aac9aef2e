"""A request for a proportional election, recorded from the chair's console in a
real Chromium: the count says when there are enough voters behind it, and the
granted request is then there to choose in the vote form."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Engine

from tests.browser.screens import chair_takes_up, confirm, members_checked_in, open_screen
from tests.browser.test_attendance_page import chromium
from tests.support.hubs import HubProcess


async def test_the_console_records_a_granted_request_for_a_proportional_election(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    members = await members_checked_in(hub, demo_engine)
    async with chromium() as browser:
        chair = await open_screen(browser, hub, demo_engine, "chair", "/m/demo/chair", "m1")
        c = chair.page
        try:
            await chair_takes_up(c, "2")
            await c.select_option("#vote-method", "proportional")
            await c.wait_for_selector("#request-supporters")
            await c.fill("#request-seats", "3")
            # 37 serve (m1 and m4-m39): ⌈37 ÷ 4⌉ = 10 voters are needed for three seats.
            await c.select_option("#request-supporters", [f"m{i}" for i in range(4, 13)])
            await c.wait_for_selector('#request-count[data-enough="no"]')
            assert "9 markerade; 10 av 37" in await c.inner_text("#request-count")
            await c.select_option("#request-supporters", [f"m{i}" for i in range(4, 14)])
            await c.wait_for_selector('#request-count[data-enough="yes"]')
            await c.click("#request-proportional")
            await confirm(c)
            await c.wait_for_selector('#request-result[data-kind="ack"]')
            await c.wait_for_function(
                "() => [...document.querySelectorAll('#vote-request option')]"
                ".some((o) => o.textContent.includes('3 platser'))"
            )
            await members[0].wait_for(lambda m: bool(m.view["votes"].get("requests")))
            request = next(iter(members[0].view["votes"]["requests"].values()))
            assert request["granted"] and request["seats"] == 3
            assert chair.errors == []
        finally:
            await chair.close()
            for member in members:
                await member.close()
