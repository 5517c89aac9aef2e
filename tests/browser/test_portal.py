"""The portal in a real Chromium: enrol, log in with two factors, join the chamber."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from tests.browser.screens import watch_errors
from tests.browser.test_attendance_page import WAIT_MS, chromium, screenshots
from tests.support.actors import open_meeting
from tests.support.hubs import HubProcess
from voting_server.clock import CLOCK
from voting_server.portal import accounts, totp
from voting_server.store.directory import Directory

__all__ = ["screenshots"]  # the fixture, shared with the attendance page's tests
PASSWORD = "ett långt lösenord"


@pytest.mark.any_day
async def test_a_member_enrols_logs_in_and_joins_the_chamber(
    start_hub: Callable[..., HubProcess], demo_engine: Engine, screenshots: Path
) -> None:
    hub = start_hub()
    enrol_urls = accounts.give_demo_portal_accounts(demo_engine, hub.url)
    assert set(enrol_urls) == {"chair (m1)", "member (m2)", "secretary (sekr)"}
    async with chromium() as browser:
        context = await browser.new_context(viewport={"width": 1100, "height": 900})
        context.set_default_timeout(WAIT_MS)
        try:
            page = await context.new_page()
            await _enrol_log_in_and_join(page, hub, demo_engine, enrol_urls, screenshots)
        finally:
            await context.close()


async def _enrol_log_in_and_join(
    page: Any, hub: HubProcess, engine: Engine, enrol_urls: dict[str, str], screenshots: Path
) -> None:
    errors: list[str] = []
    watch_errors(page, errors)

    # Enrolment: the secret is on the page as text, beside its QR code.
    await page.goto(enrol_urls["member (m2)"])
    secret_el = page.locator("#totp-secret")
    await page.wait_for_selector("#enrol-steps:not([hidden])")
    secret = (await secret_el.inner_text()).strip()
    assert (await page.get_attribute("#totp-qr", "src") or "").startswith("data:image/svg+xml")
    await page.screenshot(path=screenshots / "portal-enrol-sv.png", full_page=True)
    await page.fill("#new-password", PASSWORD)
    await page.fill("#enrol-code", totp.code_at(secret, totp.step_at(CLOCK.now())))
    await page.click("#enrol-form button[type=submit]")
    await page.wait_for_selector("#codes-panel:not([hidden])")
    assert await page.locator("#recovery-codes li").count() == 10
    # The codes can be kept off the screen: downloaded as a file (or printed).
    codes = await page.locator("#recovery-codes li").all_inner_texts()
    async with page.expect_download() as downloading:
        await page.click('.code-actions button[data-action="download"]')
    download = await downloading.value
    assert download.suggested_filename == "ordet-reservkoder.txt"
    saved = Path(await download.path()).read_text(encoding="utf-8")
    assert all(code in saved for code in codes) and "gäller en gång" in saved

    # Login: password and the next code (the enrolment spent the current one).
    await page.click("#to-login")
    await page.wait_for_url(f"{hub.url}/portal/login")
    await page.fill("#username", "m2")
    await page.fill("#password", PASSWORD)
    await page.fill("#code", totp.code_at(secret, totp.step_at(CLOCK.now()) + 1))
    await page.click("#login-form button[type=submit]")
    await page.wait_for_url(f"{hub.url}/portal/")
    await page.wait_for_selector('#today article[data-meeting="demo"][data-status="planned"]')
    assert "Välkommen" in await page.inner_text("#me-heading")
    assert await page.locator("#links a").count() == 2
    assert await page.is_hidden("#admin-link")
    await page.screenshot(path=screenshots / "portal-member-sv.png", full_page=True)

    # Join the chamber in one click: today's meeting opens on the tablet, as this member,
    # which waits until the chair opens the meeting.
    await page.click('#today article[data-meeting="demo"] a.join')
    await page.wait_for_url(f"{hub.url}/m/demo/tablet")
    await page.wait_for_function(
        "() => document.querySelector('#connection-text').textContent"
        ".includes('Väntar på att ordföranden öppnar sammanträdet')"
    )
    await open_meeting(hub.url, engine, "demo")
    await page.wait_for_selector('#connection[data-state="connected"]', timeout=10_000)
    await page.wait_for_selector("#me-panel:not([hidden])")
    assert "ledamot" in await page.inner_text("#role")
    await page.click("#attendance-button")
    await page.wait_for_selector('#my-presence[data-presence="present"]')

    # Back in the portal, the meeting shows as running, still first.
    await page.goto(f"{hub.url}/portal/")
    await page.wait_for_selector('#today article[data-meeting="demo"][data-status="running"]')
    assert errors == []


async def test_the_secretariat_page_shows_names_not_internal_values(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    async with chromium() as browser:
        context = await browser.new_context(viewport={"width": 1440, "height": 900})
        page = await context.new_page()
        try:
            token = Directory(demo_engine).mint_login_link("sekr")
            await page.goto(f"{hub.url}/login/{token}?next=/portal/admin/")
            await page.wait_for_selector('#people tr[data-person="sekr"]')
            row = await page.inner_text('#people tr[data-person="sekr"]')
            assert "sekreterare, granskare" in row and "secretary" not in row
            kinds = set(await page.locator("#people tr td:nth-child(3)").all_inner_texts())
            assert kinds <= {"ledamot", "ersättare", "tjänsteperson"}, kinds
            assert "ersättare" in kinds
        finally:
            await context.close()
