"""The secretariat in a real Chromium: a nämnd's ersättarordning, a person of
fullmäktige given a place in the nämnd, and a meeting with three items."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from tests.browser.screens import watch_errors
from tests.browser.test_attendance_page import WAIT_MS, chromium
from tests.browser.test_portal import screenshots
from tests.support.hubs import HubProcess
from voting_server.store.directory import Directory
from voting_server.store.models import AgendaItemRow, AssemblyRow, MembershipRow, settings_of
from voting_server.store.seed import NAMND

__all__ = ["screenshots"]


async def test_the_secretary_sets_the_order_seats_a_person_and_prepares_a_meeting(
    start_hub: Callable[..., HubProcess], demo_engine: Engine, screenshots: Path
) -> None:
    hub = start_hub()
    errors: list[str] = []
    async with chromium() as browser:
        context = await browser.new_context(viewport={"width": 1280, "height": 1000})
        context.set_default_timeout(WAIT_MS)
        page = await context.new_page()
        watch_errors(page, errors)
        try:
            token = Directory(demo_engine).mint_login_link("sekr")
            await page.goto(f"{hub.url}/login/{token}?next=/portal/admin/")
            await page.wait_for_selector('#people tr[data-person="sekr"]')
            await page.select_option("#assembly", NAMND)
            await page.wait_for_selector('#people tr[data-person="n1"]')
            assert await page.input_value("#body-kind") == "namnd"
            assert await page.input_value('#order-rows input[data-party="V"]') == "S"

            # The ersättarordning: V's seats go to S's substitutes, then C's.
            await page.fill('#order-rows input[data-party="V"]', "S, C")
            await page.click("#body-form button[type=submit]")
            await page.wait_for_selector('#admin-message[data-kind="ok"]')
            # Fullmäktige has none: choosing it locks the order.
            await page.select_option("#body-kind", "fullmaktige")
            assert await page.is_disabled('#order-rows input[data-party="V"]')
            assert "bara partiets egna" in await page.inner_text("#order-note")
            await page.select_option("#body-kind", "namnd")

            # A fullmäktige member gets a place in the nämnd as an M substitute.
            await page.fill("#person-id", "m27")
            await page.fill("#person-name", "-")
            await page.select_option("#person-kind", "substitute")
            await page.select_option("#person-party", "M")
            await page.fill("#person-order", "5")
            await page.click("#person-form button[type=submit]")
            row = page.locator('#people tr[data-person="m27"]')
            await row.wait_for()
            assert "från Regionfullmäktige" in await row.inner_text()

            # A meeting of three items, the third moved up to second.
            await page.click("#new-meeting")
            await page.fill("#meeting-id", "hsn-prep")
            await page.fill("#meeting-title", "Hälso- och sjukvårdsnämnden, mars")
            await page.fill("#meeting-starts", "2099-03-16T13:00")
            await page.fill("#meeting-chair", "n1")
            titles = ["Öppnande", "Tertialrapport", "Vårdval"]
            for title in titles:
                await page.click("#add-item")
                await page.locator('#meeting-items li:last-child [data-field="title"]').fill(title)
            last = page.locator("#meeting-items li").nth(2)
            await last.locator('[data-field="proposal"]').fill("Nämnden godkänner vårdvalet.")
            await last.locator('[data-field="title_en"]').fill("Choice of care")
            await last.locator('[data-field="diarienummer"]').fill("HSN 2026/131")
            await last.get_by_role("button", name="Flytta upp").click()
            await page.click("#meeting-form button[type=submit]")
            await page.wait_for_selector('#admin-meetings li[data-meeting="hsn-prep"]')
            assert "3 punkter" in await page.inner_text(
                '#admin-meetings li[data-meeting="hsn-prep"]'
            )
            await page.screenshot(path=screenshots / "secretariat-sv.png", full_page=True)
        finally:
            await context.close()
    assert errors == []

    with Session(demo_engine) as s:
        body = s.get(AssemblyRow, NAMND)
        assert body is not None
        order = settings_of(body.settings)["seating"]["substitute_order"]
        assert order["V"] == ["V", "S", "C"]
        assert s.get(MembershipRow, (NAMND, "m27")) is not None
        items = s.exec(
            select(AgendaItemRow)
            .where(AgendaItemRow.meeting_id == "hsn-prep")
            .order_by(col(AgendaItemRow.position))
        ).all()
    assert [i.title for i in items] == ["Öppnande", "Vårdval", "Tertialrapport"]
    moved = items[1]
    assert (moved.item_id, moved.title_en, moved.diarienummer) == (
        "3",
        "Choice of care",
        "HSN 2026/131",
    )
    assert moved.proposal == "Nämnden godkänner vårdvalet."
