"""The attendance page in a real Chromium: quorum live, and a member checking in."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from tests.browser.screens import watch_errors
from tests.support.actors import connect_as, login_ticket, open_meeting
from tests.support.hubs import HubProcess
from voting_server.store.directory import Directory

WAIT_MS = 5_000
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPO = Path(__file__).resolve().parents[2]
MSGPACK_ESM = REPO / "display/node_modules/@msgpack/msgpack/dist.esm/index.mjs"
SCREENSHOTS = REPO / "artifacts" / "screenshots"


@contextlib.asynccontextmanager
async def chromium() -> AsyncIterator[Any]:
    """A real Chromium; fails the test (never skips) when something is not installed."""
    try:
        from playwright.async_api import async_playwright
    except ImportError:
        pytest.fail("Playwright is missing: .venv/bin/pip install playwright", pytrace=False)
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: apt-get install chromium", pytrace=False)
    if not MSGPACK_ESM.exists():
        pytest.fail("@msgpack/msgpack is missing: run npm install in display/", pytrace=False)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True, timeout=15_000
        )
        try:
            yield browser
        finally:
            await browser.close()


@pytest.fixture
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


async def _logged_in_page(
    browser: Any, hub: HubProcess, engine: Engine, principal: str
) -> tuple[Any, list[str]]:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(WAIT_MS)
    page = await context.new_page()
    errors: list[str] = []
    watch_errors(page, errors)
    await open_meeting(hub.url, engine, "demo")
    token = Directory(engine).mint_login_link(principal)
    await page.goto(f"{hub.url}/login/{token}?next=/m/demo/")
    assert page.url == f"{hub.url}/m/demo/"
    await page.wait_for_selector('#connection[data-state="connected"]')
    return page, errors


async def test_display_shows_quorum_reached(
    start_hub: Callable[..., HubProcess], demo_engine: Engine, screenshots: Path
) -> None:
    async with chromium() as browser:
        await _display_shows_quorum(browser, start_hub(), demo_engine, screenshots)


async def test_member_checks_in_from_the_page(
    start_hub: Callable[..., HubProcess], demo_engine: Engine, screenshots: Path
) -> None:
    async with chromium() as browser:
        await _member_checks_in(browser, start_hub(), demo_engine, screenshots)


async def test_public_view_without_a_session(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    async with chromium() as browser:
        await _public_view(browser, start_hub(), demo_engine)


async def _display_shows_quorum(
    browser: Any, hub: HubProcess, demo_engine: Engine, screenshots: Path
) -> None:
    page, errors = await _logged_in_page(browser, hub, demo_engine, "display")
    try:
        await page.wait_for_selector('#quorum[data-quorum="no"]')
        assert await page.inner_text("#quorum-text") == "Inte beslutfört"
        assert await page.inner_text("#meeting-title") != ""
        assert await page.locator("#seats > li").count() == 71
        assert await page.is_hidden("#me-panel")

        members = [await connect_as(hub.url, demo_engine, f"m{i}") for i in range(1, 37)]
        try:
            for member in members:
                await member.command("attendance.check_in")
        finally:
            for member in members:
                await member.close()

        await page.wait_for_selector('#quorum[data-quorum="yes"]')
        assert await page.inner_text("#quorum-text") == "Beslutfört"
        assert await page.inner_text("#filled") == "36"
        assert await page.inner_text("#needed") == "36"
        assert await page.locator("#seats > li.filled").count() == 36
        assert await page.get_attribute("#quorum", "aria-live") == "polite"
        await page.screenshot(path=screenshots / "attendance-display-sv.png", full_page=True)

        await page.click('#lang-switch button[data-lang="en"]')
        await page.wait_for_function(
            "() => document.querySelector('#quorum-text').textContent === 'Quorum reached'",
            timeout=WAIT_MS,
        )
        assert await page.get_attribute("html", "lang") == "en"
        assert await page.inner_text("#connection-text") == "Connected"
        await page.screenshot(path=screenshots / "attendance-display-en.png", full_page=True)
        assert errors == []
    finally:
        await page.context.close()


async def _member_checks_in(
    browser: Any, hub: HubProcess, demo_engine: Engine, screenshots: Path
) -> None:
    page, errors = await _logged_in_page(browser, hub, demo_engine, "m5")
    try:
        await page.wait_for_selector("#me-panel:not([hidden])")
        status = page.locator("#my-presence")
        assert await status.get_attribute("data-presence") == "absent"
        assert await status.inner_text() == "Inte incheckad"
        button = page.locator("#attendance-button")
        assert await button.inner_text() == "Checka in"

        await button.focus()
        await page.keyboard.press("Enter")
        await page.wait_for_selector('#my-presence[data-presence="present"]')
        assert await status.inner_text() == "Närvarande"
        await page.wait_for_selector('#my-result[data-kind="ack"]')
        assert await page.inner_text("#my-result") == "Klart – du är incheckad."
        assert await button.inner_text() == "Checka ut"
        assert await page.get_attribute('#seats > li[data-seat="5"]', "data-person") == "m5"
        await page.screenshot(path=screenshots / "attendance-member-sv.png", full_page=True)

        await page.click('#lang-switch button[data-lang="en"]')
        await page.wait_for_function(
            "() => document.querySelector('#my-presence').textContent === 'Present'",
            timeout=WAIT_MS,
        )
        assert await button.inner_text() == "Check out"
        await page.screenshot(path=screenshots / "attendance-member-en.png", full_page=True)
        assert errors == []
    finally:
        await page.context.close()


async def _public_view(browser: Any, hub: HubProcess, engine: Engine) -> None:
    context = await browser.new_context()
    context.set_default_timeout(WAIT_MS)
    try:
        page = await context.new_page()
        await page.goto(f"{hub.url}/")
        link = page.locator('#meetings a[href="/m/demo/"]')
        await link.wait_for()
        await link.click()
        # The chair has not opened the meeting: the public page says it waits for that.
        await page.wait_for_selector('#connection[data-state="reconnecting"]')
        await page.wait_for_function(
            "() => document.querySelector('#connection-text').textContent"
            ".includes('Väntar på att ordföranden öppnar sammanträdet')"
        )
        with pytest.raises(PermissionError, match=r"meeting\.not_opened"):
            await login_ticket(hub.url, engine, "m2", "", "demo")  # a member cannot open it
        await open_meeting(hub.url, engine, "demo")
        await page.wait_for_selector('#connection[data-state="connected"]', timeout=20_000)
        assert "allmänheten" in await page.inner_text("#role")
        await page.wait_for_selector('#quorum[data-quorum="no"]')
        assert await page.is_hidden("#me-panel")
    finally:
        await context.close()


async def test_page_reconnects_after_the_hub_restarts(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    async with chromium() as browser:
        hub = start_hub()
        page, errors = await _logged_in_page(browser, hub, demo_engine, "display")
        try:
            hub.stop()
            await page.wait_for_selector('#connection[data-state="reconnecting"]')
            assert "Återansluter" in await page.inner_text("#connection-text")
            again = start_hub(hub.port)
            await page.wait_for_selector('#connection[data-state="connected"]', timeout=10_000)
            member = await connect_as(again.url, demo_engine, "m7")
            try:
                await member.command("attendance.check_in")
            finally:
                await member.close()
            await page.wait_for_function(
                "() => document.querySelector('#filled').textContent === '1'", timeout=WAIT_MS
            )
            assert errors == []
        finally:
            await page.context.close()
