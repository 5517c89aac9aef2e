"""The meeting before the meeting, from the browser alone: the secretariat creates a
nämnd with its parties, people and ersättarordning, prepares a meeting of three items
with a handling and publishes the kallelse; a member gets the mail, enrols and logs in,
reads the handling, adds the meeting to a calendar, and on the day finds the same
handling on the tablet while its item is under way."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from sqlalchemy.engine import Engine
from sqlmodel import Session

from tests.browser.screens import watch_errors
from tests.browser.test_attendance_page import WAIT_MS, chromium
from tests.browser.test_documents import two_pages
from tests.browser.test_portal import screenshots
from tests.portal.web import PASSWORD
from tests.support.actors import connect_as
from tests.support.hubs import HubProcess, hub_env
from tests.support.mail import Inbox, free_port, plain_text, smtp_server
from voting_server.clock import CLOCK
from voting_server.portal import totp
from voting_server.store.directory import Directory
from voting_server.store.models import PersonRow

__all__ = ["screenshots"]

PEOPLE = (  # id, name, kind, party, seat or order
    ("bn1", "Berit Nilsson", "member", "S", "1"),
    ("bn2", "Bo Lind", "member", "M", "2"),
    ("bn3", "Sara Ek", "substitute", "S", "1"),
    ("bn4", "Per Holm", "substitute", "M", "1"),
)


@pytest.fixture
def mailed_hub(
    sqlite_url: str, redis_url: str, tmp_path: Path, demo_engine: Engine
) -> Iterator[tuple[HubProcess, Inbox]]:
    smtp, web = free_port(), free_port()
    env = hub_env(sqlite_url, redis_url, tmp_path)
    env["ORDET_SMTP"] = f"smtp://127.0.0.1:{smtp}"
    env["ORDET_BASE_URL"] = f"http://127.0.0.1:{web}"  # the address links in mail point to
    with smtp_server(smtp) as inbox:
        hub = HubProcess(env).start(web)
        try:
            yield hub, inbox
        finally:
            hub.stop()


async def test_a_namnd_is_prepared_called_and_read_from_the_browser(
    mailed_hub: tuple[HubProcess, Inbox], demo_engine: Engine, tmp_path: Path, screenshots: Path
) -> None:
    hub, inbox = mailed_hub
    with Session(demo_engine) as s:  # the secretariat's administrator may create bodies
        sekr = s.get(PersonRow, "sekr")
        assert sekr is not None
        sekr.roles = "secretary,auditor,admin"
        s.commit()
    two_pages(tmp_path / "bygglov.pdf")
    today = CLOCK.today().isoformat()
    errors: list[str] = []
    async with chromium() as browser:
        context = await browser.new_context(viewport={"width": 1280, "height": 1000})
        context.set_default_timeout(WAIT_MS)
        page = await context.new_page()
        watch_errors(page, errors)
        try:
            enrol_url = await prepare_and_publish(page, hub, demo_engine, tmp_path, today)
            await page.screenshot(path=screenshots / "notice-secretariat-sv.png", full_page=True)
        finally:
            await context.close()

        kallelse, revised = inbox.to("bo.lind@region.example")
        assert len(inbox.messages) == 2 * len(PEOPLE)
        assert str(revised["Subject"]).startswith("Ändrad kallelse: Byggnadsnämnden")
        assert "- Ändrat ärende Övriga frågor" in plain_text(revised)
        text = plain_text(kallelse)
        assert "Plats: Stadshuset, sal 3" in text and "2. Bygglov Kvarnen 4 (BN 2026/77)" in text
        assert f"{hub.url}/portal/" in text

        member = await browser.new_context(viewport={"width": 1280, "height": 1000})
        member.set_default_timeout(WAIT_MS)
        page = await member.new_page()
        watch_errors(page, errors)
        try:
            await enrol_and_log_in(page, hub, enrol_url, "bn2")
            card = page.locator('article[data-meeting="bn-1"]')
            await card.wait_for()
            assert "Stadshuset, sal 3" in await card.inner_text()
            lines = await card.locator(".notice-line").all_inner_texts()
            assert lines[0].startswith("Kallelse publicerad")
            assert lines[1].startswith("Ändrad kallelse (version 2)")
            assert "Ändrat ärende: Övriga frågor" in lines[1]
            async with page.expect_download() as downloading:
                await card.locator("a.add-to-calendar").click()
            ics = Path(await (await downloading.value).path()).read_bytes()
            [event] = Calendar.from_ical(ics).walk("VEVENT")
            assert str(event["location"]) == "Stadshuset, sal 3"
            await page.screenshot(path=screenshots / "notice-member-sv.png", full_page=True)
            document = card.locator('li[data-item="2"] a')
            view = await document.get_attribute("href")
            await document.click()
            await page.wait_for_selector('body[data-rendered="2"]')

            # On the day: the tablet, from the member's page, offers the same handling.
            chair = await connect_as(hub.url, demo_engine, "bn1", role="chair", meeting="bn-1")
            try:
                await page.goto(f"{hub.url}/portal/")
                await page.click('article[data-meeting="bn-1"] a.join')
                await page.wait_for_url(f"{hub.url}/m/bn-1/tablet")
                await page.wait_for_selector('#connection[data-state="connected"]')
                await chair.command("agenda.start_item", item="2")
                offered = page.locator("#current-documents li a")
                await offered.wait_for()
                assert await offered.inner_text() == "Bygglov, ritningar"
                assert await offered.get_attribute("href") == view
            finally:
                await chair.close()
        finally:
            await member.close()

        anyone = await browser.new_page()
        watch_errors(anyone, errors)
        await anyone.goto(f"{hub.url}/anslagstavla")
        posted = anyone.locator('article.board-notice[data-meeting="bn-1"]')
        await posted.wait_for()
        board = await posted.inner_text()
        assert "Byggnadsnämnden" in board and "Stadshuset, sal 3" in board
        assert "Bygglov Kvarnen 4 (BN 2026/77)" in board and "Ändrad kallelse (version 2)" in board
        assert await posted.locator("a").count() == 0  # the handling is not public
        await anyone.screenshot(path=screenshots / "anslagstavla-sv.png", full_page=True)
        await anyone.click("#lang-switch button:has-text('English')")
        await anyone.wait_for_selector("text=Revised notice (version 2)")
        await anyone.close()
    assert errors == []


async def prepare_and_publish(
    page: Any, hub: HubProcess, engine: Engine, tmp_path: Path, today: str
) -> str:
    """The secretariat's part; returns the enrolment link it gave bo Lind (bn2)."""
    token = Directory(engine).mint_login_link("sekr")
    await page.goto(f"{hub.url}/login/{token}?next=/portal/admin/")
    await page.wait_for_selector('#people tr[data-person="sekr"]')
    await page.click("text=Nytt organ")
    await page.fill("#new-body-id", "bn")
    await page.fill("#new-body-name", "Byggnadsnämnden")
    await page.click("#new-body-form button[type=submit]")
    await page.wait_for_function("() => document.querySelector('#assembly').value === 'bn'")
    for party, name in (("S", "Socialdemokraterna"), ("M", "Moderaterna")):
        await page.fill("#party-id", party)
        await page.fill("#party-name", name)
        await page.click("#party-form button[type=submit]")
        await page.wait_for_selector(f'#order-rows input[data-party="{party}"]')
    await page.select_option("#body-kind", "namnd")
    await page.fill('#order-rows input[data-party="M"]', "S")
    await page.click("#body-form button[type=submit]")
    await page.wait_for_selector('#admin-message[data-kind="ok"]')

    for pid, name, kind, party, place in PEOPLE:
        await page.fill("#person-id", pid)
        await page.fill("#person-name", name)
        await page.select_option("#person-kind", kind)
        await page.select_option("#person-party", party)
        await page.fill("#person-seat" if kind == "member" else "#person-order", place)
        await page.fill("#person-seat" if kind != "member" else "#person-order", "")
        await page.fill("#person-email", f"{name.lower().replace(' ', '.')}@region.example")
        await page.click("#person-form button[type=submit]")
        await page.wait_for_selector(f'#people tr[data-person="{pid}"]')
    await page.click('#people tr[data-person="bn2"] button')
    await page.wait_for_function(
        "() => document.querySelector('#admin-message').textContent.includes('/portal/enrol/')"
    )
    found = re.search(r"https?://\S+/portal/enrol/[\w-]+", await page.inner_text("#admin-message"))
    assert found is not None

    await page.click("#new-meeting")
    await page.fill("#meeting-id", "bn-1")
    await page.fill("#meeting-title", "Byggnadsnämnden")
    await page.fill("#meeting-starts", f"{today}T09:00")
    await page.fill("#meeting-place", "Stadshuset, sal 3")
    await page.fill("#meeting-chair", "bn1")
    agenda = (("Mötets öppnande", ""), ("Bygglov Kvarnen 4", "BN 2026/77"), ("Avslut", ""))
    for title, dnr in agenda:
        await page.click("#add-item")
        row = page.locator("#meeting-items li:last-child")
        await row.locator('[data-field="title"]').fill(title)
        await row.locator('[data-field="diarienummer"]').fill(dnr)
    await page.click("#meeting-form button[type=submit]")
    await page.wait_for_selector('#admin-meetings li[data-meeting="bn-1"]')
    await page.wait_for_selector("#meeting-files:not([hidden])")
    await page.set_input_files("#file-input", str(tmp_path / "bygglov.pdf"))
    await page.fill("#file-title", "Bygglov, ritningar")
    await page.select_option("#file-item", "2")
    await page.click("#file-form button[type=submit]")
    await page.wait_for_selector("#file-list li a")

    await page.wait_for_selector("#meeting-notice:not([hidden])")
    assert await page.inner_text("#notice-publish") == "Publicera kallelsen"
    assert await page.is_enabled("#notice-public")  # a nämnd chooses; fullmäktige always posts
    await page.check("#notice-public")
    await page.click("#notice-publish")
    await page.wait_for_selector('#notice-versions li[data-version="1"]')
    assert await page.locator('#notice-mail tr[data-sent="true"]').count() == len(PEOPLE)
    assert "4 av 4" in await page.inner_text("#notice-mail-summary")

    # A change after publishing is shown, and goes out as an ändrad kallelse.
    await page.fill("#meeting-place", "Stadshuset, sal 3")
    await page.fill('#meeting-items li:nth-child(3) [data-field="title"]', "Övriga frågor")
    await page.click("#meeting-form button[type=submit]")
    await page.wait_for_selector("#notice-unpublished li")
    assert "Ändrat ärende: Övriga frågor" in await page.inner_text("#notice-unpublished")
    assert await page.inner_text("#notice-publish") == "Publicera ändrad kallelse"
    await page.click("#notice-publish")
    revised = page.locator('#notice-versions li[data-version="2"]')
    await revised.wait_for()
    assert "Ändrad kallelse (version 2)" in await revised.inner_text()
    return found[0]


async def enrol_and_log_in(page: Any, hub: HubProcess, enrol_url: str, person: str) -> None:
    await page.goto(enrol_url)
    await page.wait_for_selector("#enrol-steps:not([hidden])")
    secret = (await page.locator("#totp-secret").inner_text()).strip()
    await page.fill("#new-password", PASSWORD)
    await page.fill("#enrol-code", totp.code_at(secret, totp.step_at(CLOCK.now())))
    await page.click("#enrol-form button[type=submit]")
    await page.wait_for_selector("#codes-panel:not([hidden])")
    await page.click("#to-login")
    await page.fill("#username", person)
    await page.fill("#password", PASSWORD)
    await page.fill("#code", totp.code_at(secret, totp.step_at(CLOCK.now()) + 1))
    await page.click("#login-form button[type=submit]")
    await page.wait_for_url(f"{hub.url}/portal/")
