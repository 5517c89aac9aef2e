"""A view pushed while someone works the page changes only what changed: the
chair's focused button stays the same button for the same request, and a
half-typed decision keeps its words, in a real Chromium against a running hub."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Engine

from tests.browser.screens import chair_takes_up, members_checked_in, open_screen
from tests.browser.test_attendance_page import chromium
from tests.support.actors import connect_as
from tests.support.hubs import HubProcess

FOCUSED_IS_KEPT = """(request) => {
  const now = document.activeElement;
  return now === window.keptFocus && now.isConnected && now.dataset.request === request;
}"""


async def test_a_pushed_view_keeps_the_chairs_focus_on_the_same_request(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    members = await members_checked_in(hub, demo_engine)
    async with chromium() as browser:
        chair = await open_screen(browser, hub, demo_engine, "chair", "/m/demo/chair", "m1")
        c = chair.page
        try:
            await chair_takes_up(c, "3")
            for member in members[:3]:
                await member.command("debate.request_floor")
            await c.wait_for_function("() => document.querySelectorAll('#queue li').length === 3")

            # The chair tabs to "move down" on the second speaker's row.
            first = await c.get_attribute("#queue li:nth-child(1)", "data-request")
            second = await c.get_attribute("#queue li:nth-child(2)", "data-request")
            await c.focus(f'#queue li[data-request="{second}"] button[data-action="down"]')
            await c.evaluate("() => { window.keptFocus = document.activeElement; }")

            # The first speaker withdraws and another asks: every row changes.
            await members[0].command("debate.withdraw_request", request=first)
            await members[3].command("debate.request_floor")
            await c.wait_for_function(
                "(second) => document.querySelector('#queue li').dataset.request === second"
                " && document.querySelectorAll('#queue li').length === 3",
                arg=second,
            )
            assert await c.evaluate(FOCUSED_IS_KEPT, second)
            assert chair.errors == []
        finally:
            await chair.close()
            for member in members:
                await member.close()


async def test_a_pushed_view_keeps_the_ballot_being_filled_in(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    chair = await connect_as(hub.url, demo_engine, "m1", role="chair")
    others = [await connect_as(hub.url, demo_engine, f"m{i}") for i in range(4, 40)]  # a quorum
    async with chromium() as browser:
        tablet = await open_screen(browser, hub, demo_engine, "tablet", "/m/demo/tablet", "m2")
        page = tablet.page
        try:
            for member in [chair, *others]:
                await member.command("attendance.check_in")
            await page.click("#attendance-button")
            await page.wait_for_selector('#my-presence[data-presence="present"]')
            await chair.command("agenda.start_item", item="3")
            await chair.command(
                "vote.open",
                question="Val av ordförande",
                method="majority",
                options=["Erik Lund", "Anna Nilsson", "Karin Berg"],
                seats=1,
                secret=True,
            )
            box = "#ballot input.candidate-box[value='Anna Nilsson']"
            await page.check(box)
            await page.evaluate("(box) => { window.keptFocus = document.querySelector(box); }", box)
            await chair.wait_for(lambda client: bool(client.view.get("current_vote")))
            vote = chair.view["current_vote"]

            # Others vote while the member decides: the progress line changes.
            for member in others[:3]:
                await member.command("vote.cast", vote=vote, names=["Erik Lund"])
            await page.wait_for_function(
                "() => document.querySelector('#ballot .vote-progress').textContent.includes('3')"
            )
            assert await page.evaluate(
                "(box) => document.querySelector(box) === window.keptFocus"
                " && document.activeElement === window.keptFocus",
                box,
            )
            assert await page.is_checked(box)
            assert tablet.errors == []
        finally:
            await tablet.close()
            for member in [chair, *others]:
                await member.close()
