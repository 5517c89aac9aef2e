"""A secret election on the tablet, in a real Chromium against a running hub: too
many names are refused before anything is sent, the ballot is read back before
it is cast, and a blank ballot needs its own button."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Engine

from tests.browser.screens import confirm, members_checked_in, open_screen
from tests.browser.test_attendance_page import chromium
from tests.support.actors import connect_as
from tests.support.hubs import HubProcess

CANDIDATES = ["Anna Nilsson", "Bo Ek", "Cia Berg"]


def voted(chair: object, vote: str) -> int:
    return int(chair.view["votes"]["votes"][vote]["voted"])  # type: ignore[attr-defined]


async def test_a_secret_ballot_is_read_back_before_it_is_cast_and_blank_is_chosen(
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
            await chair.command("agenda.start_item", item="2")
            await chair.command(
                "vote.open",
                question="Val av revisor",
                method="majority",
                options=CANDIDATES,
                seats=1,
                secret=True,
            )
            await chair.wait_for(lambda c: bool(c.view.get("current_vote")))
            vote = chair.view["current_vote"]
            await a.wait_for_selector('#ballot[data-status="open"]')

            # Two names for one seat: refused on the tablet, nothing sent.
            await a.check("#ballot input.candidate-box[value='Anna Nilsson']")
            await a.check("#ballot input.candidate-box[value='Bo Ek']")
            await a.click("#cast-election")
            await a.wait_for_selector('#ballot-status[data-kind="error"]')
            assert await a.locator("dialog#confirm-dialog[open]").count() == 0

            # One name: read back, and nothing is cast when the member thinks again.
            await a.uncheck("#ballot input.candidate-box[value='Bo Ek']")
            await a.click("#cast-election")
            await a.wait_for_selector("dialog#confirm-dialog[open]")
            question = await a.inner_text("#confirm-text")
            assert "Anna Nilsson" in question and "Bo Ek" not in question
            assert "kan inte ändras" in question
            await a.click("#confirm-cancel")
            assert voted(chair, vote) == 0
            await a.click("#cast-election")
            await confirm(a)
            await a.wait_for_selector('#ballot-status[data-kind="ack"]')
            await chair.wait_for(lambda c: voted(c, vote) == 1)

            # Nothing ticked is not a blank ballot; the blank button is, after a question.
            await b.wait_for_selector('#ballot[data-status="open"]')
            await b.click("#cast-election")
            await b.wait_for_selector('#ballot-status[data-kind="info"]')
            assert "Rösta blankt" in await b.inner_text("#ballot-status")
            assert await b.locator("dialog#confirm-dialog[open]").count() == 0
            await b.click("#cast-blank")
            await b.wait_for_selector("dialog#confirm-dialog[open]")
            assert "blankt" in await b.inner_text("#confirm-text")
            await confirm(b)
            await b.wait_for_selector('#ballot-status[data-kind="ack"]')
            await chair.wait_for(lambda c: voted(c, vote) == 2)

            await chair.command("vote.close", vote=vote)
            await chair.wait_for(lambda c: c.view["votes"]["votes"][vote]["status"] == "closed")
            tally = chair.view["votes"]["votes"][vote]["tally"]
            assert tally["blank"] == 1
            assert {c["option"]: c["votes"] for c in tally["counts"]}["Anna Nilsson"] == 1
            assert anna.errors == [] and bo.errors == []
        finally:
            await anna.close()
            await bo.close()
            for client in (chair, *members):
                await client.close()
