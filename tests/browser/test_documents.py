"""Handlingar in a real Chromium: the secretary uploads a PDF for an item, a
member reads it in the viewer (PDF.js), and on the day the tablet offers it
while the item is under way."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from fpdf import FPDF
from sqlalchemy.engine import Engine

from tests.browser.screens import open_screen, watch_errors
from tests.browser.test_attendance_page import WAIT_MS, chromium
from tests.support.actors import connect_as
from tests.support.hubs import HubProcess
from voting_server.store.directory import Directory


def two_pages(path: Path) -> bytes:
    pdf = FPDF()
    for text in ("Regionplan och budget 2027", "Bilaga: investeringar"):
        pdf.add_page()
        pdf.set_font("helvetica", size=18)
        pdf.cell(text=text)
    path.write_bytes(bytes(pdf.output()))
    return path.read_bytes()


async def test_a_document_goes_from_the_secretary_to_the_viewer_and_the_tablet(
    start_hub: Callable[..., HubProcess], demo_engine: Engine, tmp_path: Path
) -> None:
    hub = start_hub()
    data = two_pages(tmp_path / "budget.pdf")
    errors: list[str] = []
    async with chromium() as browser:
        context = await browser.new_context(viewport={"width": 1280, "height": 1000})
        context.set_default_timeout(WAIT_MS)
        page = await context.new_page()
        watch_errors(page, errors)
        try:
            token = Directory(demo_engine).mint_login_link("sekr")
            await page.goto(f"{hub.url}/login/{token}?next=/portal/admin/")
            await page.click('#admin-meetings li[data-meeting="demo"] button')
            await page.wait_for_selector("#meeting-files:not([hidden])")
            await page.set_input_files("#file-input", str(tmp_path / "budget.pdf"))
            await page.fill("#file-title", "Budgetförslag")
            await page.select_option("#file-item", "3")
            await page.click("#file-form button[type=submit]")
            link = page.locator("#file-list li a")
            await link.wait_for()
            assert "Budgetförslag" in await link.inner_text()

            # The viewer draws both pages and shows the digest of what it received.
            document = (await link.get_attribute("href") or "").rsplit("/", 1)[-1]
            await page.goto(f"{hub.url}/portal/documents/{document}/view")
            await page.wait_for_selector('body[data-rendered="2"]')
            assert await page.locator("canvas.document-page").count() == 2
            digest = hashlib.sha256(data).hexdigest()
            assert digest in await page.inner_text("#document-digest")
        finally:
            await context.close()

        chair = await connect_as(hub.url, demo_engine, "m1", role="chair")
        try:
            tablet = await open_screen(browser, hub, demo_engine, "tablet", "/m/demo/tablet", "m2")
            try:
                assert await tablet.page.is_hidden("#current-documents")
                await chair.command("agenda.start_item", item="3")
                offered = tablet.page.locator("#current-documents li a")
                await offered.wait_for()
                assert await offered.inner_text() == "Budgetförslag"
                assert (await offered.get_attribute("href") or "").endswith(f"/{document}/view")
                await chair.command("agenda.finish_item")
                await tablet.page.wait_for_selector("#current-documents", state="hidden")
                errors += tablet.errors
            finally:
                await tablet.page.context.close()
        finally:
            await chair.close()
    assert errors == []
