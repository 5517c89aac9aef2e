"""An approved propositionsordning becomes the question put from the console, in a
real Chromium: nothing typed again, Ja and Nej stand for the proposals in order."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Engine

from tests.browser.screens import chair_takes_up, confirm, members_checked_in, open_screen
from tests.browser.test_attendance_page import chromium
from tests.support.hubs import HubProcess


async def test_the_approved_order_fills_the_vote_form(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    members = await members_checked_in(hub, demo_engine)
    async with chromium() as browser:
        chair = await open_screen(browser, hub, demo_engine, "chair", "/m/demo/chair", "m1")
        c = chair.page
        try:
            await chair_takes_up(c, "3")
            await members[0].command("debate.submit_proposal", kind="bifall", text="Bifall.")
            await members[1].command("debate.submit_proposal", kind="avslag", text="Avslag.")
            await c.wait_for_function(
                "() => document.querySelectorAll('#proposals li[data-proposal]').length === 2"
            )
            ids = await c.eval_on_selector_all(
                "#proposals li[data-proposal]", "items => items.map(i => i.dataset.proposal)"
            )
            for proposal in ids:
                await c.check(f'#proposals li[data-proposal="{proposal}"] input[type=checkbox]')
            await c.click("#propose-order")
            await c.wait_for_selector("#approve-order:not([disabled])")
            await c.click("#approve-order")
            await confirm(c)

            await c.wait_for_function(
                "(ja) => document.querySelector('#vote-ja').value === ja", arg=ids[0]
            )
            assert await c.input_value("#vote-nej") == ids[1]
            question = await c.input_value("#vote-question")
            assert " mot " in question and "Bifall" in question and "Avslag" in question
            await c.click("#open-vote")
            await confirm(c)
            await members[2].wait_for(lambda m: bool(m.view.get("current_vote")))
            vote = members[2].view["votes"]["votes"][members[2].view["current_vote"]]
            assert (vote["ja"], vote["nej"], vote["question"]) == (ids[0], ids[1], question)
            assert chair.errors == []
        finally:
            await chair.close()
            for member in members:
                await member.close()
