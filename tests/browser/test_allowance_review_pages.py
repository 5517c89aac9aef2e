"""The basis for allowances reviewed from the pages alone, in a real Chromium:
a member on a phone questions their figures in the portal, the secretary
corrects them from the question with a reason and approves the meeting, and
the member then sees the corrected, approved figures."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Engine

from tests.browser.screens import watch_errors
from tests.browser.test_attendance_page import chromium
from tests.support.hubs import HubProcess
from tests.support.year_meeting import body_settings, play_a_short_meeting
from voting_server.store.directory import Directory

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
NO_SIDEWAYS = "() => document.documentElement.scrollWidth <= window.innerWidth"


async def logged_in(
    browser: Any,
    hub: HubProcess,
    engine: Engine,
    who: str,
    path: str,
    size: dict[str, int],
    errors: list[str],
) -> Any:
    context = await browser.new_context(viewport=size)
    context.set_default_timeout(15_000)
    page = await context.new_page()
    watch_errors(page, errors)
    token = Directory(engine).mint_login_link(who)
    await page.goto(f"{hub.url}/login/{token}?next={path}")
    return page


async def test_a_question_corrected_and_approved_from_the_pages(
    noon_hub: HubProcess, demo_engine: Engine
) -> None:
    body_settings(demo_engine)
    await play_a_short_meeting(noon_hub, demo_engine)
    errors: list[str] = []
    async with chromium() as browser:
        member = await logged_in(browser, noon_hub, demo_engine, "m2", "/portal/", PHONE, errors)
        card = '#allowances article[data-meeting="demo"]'
        await member.wait_for_selector(f'{card}[data-allowance="to_approve"]')
        assert "halvdag" in await member.inner_text(card)
        await member.click(f"{card} summary")
        await member.fill(f"{card} textarea", "Jag checkades ut av misstag men var kvar.")
        await member.click(f'{card} button[type="submit"]')
        await member.wait_for_selector(f'{card}[data-allowance="questioned"]')
        assert "väntar på svar" in await member.inner_text(card)
        assert await member.evaluate(NO_SIDEWAYS)

        secretary = await logged_in(
            browser, noon_hub, demo_engine, "sekr", "/portal/admin/year", LAPTOP, errors
        )
        review = '#year-review tr[data-key="demo"]'
        await secretary.wait_for_selector(f'{review}[data-allowance="questioned"]')
        assert await secretary.locator(f"{review} button").count() == 0  # not while asked
        question = '#year-questions li[data-person="m2"][data-open="true"]'
        assert "checkades ut av misstag" in await secretary.inner_text(question)
        await secretary.click(f"{question} button[data-correct]")
        assert await secretary.input_value("#correct-person") == "m2"
        await secretary.fill("#correct-arrived", "08:00")
        await secretary.fill("#correct-left", "09:30")
        await secretary.fill("#correct-served", "1:30")
        await secretary.fill("#correct-reason", "Utcheckad av misstag; närvaro enligt protokollet")
        await secretary.click('#correct-form button[type="submit"]')
        await secretary.wait_for_selector(f'{review}[data-allowance="to_approve"]')
        assert "Rättelsen är sparad" in await secretary.inner_text("#review-message")
        assert "närvaro enligt protokollet" in await secretary.inner_text("#year-allowances")
        await secretary.click(f"{review} button[data-approve]")
        await secretary.wait_for_selector(f'{review}[data-allowance="approved"]')
        assert "av sekr" in await secretary.inner_text(review)
        await secretary.click('#lang-switch button[data-lang="en"]')
        await secretary.wait_for_function(
            "() => document.querySelector('#year-review-heading').textContent.startsWith('Review')"
        )
        assert "Approved" in await secretary.inner_text(review)

        await member.reload()
        await member.wait_for_selector(f'{card}[data-allowance="approved"]')
        text = await member.inner_text(card)
        assert "Kom 08:00, gick 09:30" in text and "Godkänt" in text, text
        assert "Rättat: Utcheckad av misstag" in text
        assert await member.evaluate(NO_SIDEWAYS)
    assert errors == []
