"""Kontrapropositionsvotering from the chair's console in a real Chromium: three
proposals, a round settled by acclamation, a vote demanded from a tablet for the
main vote, opened, counted and adopted, with no frame sent by hand for it."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Engine

from tests.browser.screens import FITS, chair_takes_up, confirm, members_checked_in, open_screen
from tests.browser.test_attendance_page import chromium
from tests.browser.test_screens import SCREENSHOTS
from tests.support.hubs import HubProcess

LAPTOP = {"width": 1366, "height": 768}
PROJECTOR = {"width": 1920, "height": 1080}


async def test_the_console_runs_a_kontraproposition_to_the_end(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    members = await members_checked_in(hub, demo_engine)
    async with chromium() as browser:
        chair = await open_screen(browser, hub, demo_engine, "chair", "/m/demo/chair", "m1", LAPTOP)
        tablet = await open_screen(browser, hub, demo_engine, "tablet", "/m/demo/tablet", "m2")
        display = await open_screen(
            browser, hub, demo_engine, "display", "/m/demo/display", None, PROJECTOR
        )
        c, a, d = chair.page, tablet.page, display.page
        try:
            await chair_takes_up(c, "3")
            await a.click("#attendance-button")
            await a.wait_for_selector('#my-presence[data-presence="present"]')
            assert await c.is_disabled("#kontra-start-button")  # fewer than three proposals
            for member, kind in zip(members, ("bifall", "avslag", "aterremiss"), strict=False):
                await member.command("debate.submit_proposal", kind=kind, text=f"Yrkande om {kind}")
            await c.wait_for_selector("#kontra-start-button:not([disabled])")

            main = await c.get_attribute("#kontra-main option:first-child", "value")
            await c.select_option("#kontra-main", main)
            await c.click("#kontra-start-button")
            await confirm(c)
            await c.wait_for_selector('#kontra-round .kontra-now[data-round="1"]')
            assert "Omgång 1" in await c.inner_text("#kontra-round")

            # Round 1 by acclamation: the chair finds one side won.
            winner = await c.get_attribute(
                "#kontra-round .kontra-settle:first-child", "data-winner"
            )
            await c.click("#kontra-round .kontra-settle:first-child")
            await confirm(c)
            await c.wait_for_selector('#kontra-round .kontra-now[data-round="2"]')
            assert "Huvudvoteringen" in await c.inner_text("#kontra-round .kontra-now")
            assert await c.locator("#kontra-round .kontra-rounds li").count() == 1

            # A member demands a vote from the tablet; the console opens it.
            await a.wait_for_selector("#demand-vote:not([hidden])")
            await a.click("#demand-vote")
            await a.wait_for_selector('#me-result[data-kind="ack"]')
            await c.wait_for_selector("#kontra-open-vote")
            assert await c.locator("#kontra-round .kontra-settle").count() == 0
            await c.click("#kontra-open-vote")
            await confirm(c)
            await a.wait_for_selector('#ballot[data-status="open"]')
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            await c.locator("#votes-panel").screenshot(
                path=SCREENSHOTS / "chair-kontraproposition-1366.png"
            )
            await d.wait_for_selector('#vote[data-status="open"]')
            await d.screenshot(path=SCREENSHOTS / "display-kontraproposition-1920.png")
            # The projector shows the whole view without scrolling.
            assert await d.evaluate(FITS), "the chamber display scrolls at 1920×1080"
            meaning = await a.inner_text('#ballot button[data-choice="ja"]')
            assert "bifall till" in meaning  # Ja says which proposal it stands for
            await members[0].wait_for(lambda m: bool(m.view.get("current_vote")))
            vote_id = members[0].view["current_vote"]
            for member in members[:25]:
                await member.command("vote.cast", vote=vote_id, choice="ja")
            # On the laptop the current step stays at hand, however far down the chair is.
            await c.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
            close = c.locator('#now-bar button[data-target="close-vote"]')
            box = await close.bounding_box()
            assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 768
            assert "Omröstningen pågår: 25 av" in await c.inner_text("#now-bar")
            await close.click()
            await confirm(c)
            await c.wait_for_selector("#kontra-start:not([hidden])")  # the procedure is over
            await members[0].wait_for(lambda m: "adopted" in m.view["votes"]["procedures"]["k1"])
            procedure = members[0].view["votes"]["procedures"]["k1"]
            assert procedure["adopted"] == main
            assert [r["winner"] for r in procedure["rounds"]] == [winner, main]

            # "Nästa ärende" finishes this item and takes up the next; then the meeting closes.
            await c.click("#next-item")
            await c.wait_for_selector("dialog#confirm-dialog[open]")
            assert "Motion om politikerportal" in await c.inner_text("#confirm-text")
            await confirm(c)
            await c.wait_for_selector('#agenda li[data-item="4"][aria-current="step"]')
            assert "finished" in (await c.get_attribute('#agenda li[data-item="3"]', "class") or "")
            await c.click("#adjourn")
            await confirm(c)
            await members[0].wait_for(lambda m: bool(m.view["meeting"]["adjourned"]))
            await c.wait_for_selector("#adjourn[disabled]")
            assert chair.errors == [] and tablet.errors == [] and display.errors == []
        finally:
            await chair.close()
            await tablet.close()
            await display.close()
            for member in members:
                await member.close()
