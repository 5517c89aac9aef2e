"""Ajournering from the chair's console in a real Chromium: the chair breaks off
until a clock time, every screen says until when, nothing is debated in the
break, and the chair resumes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine

from tests.browser.conftest import hub_now
from tests.browser.screens import confirm, open_screen
from tests.browser.test_attendance_page import chromium
from tests.support.actors import connect_as
from tests.support.hubs import HubProcess
from voting_server.client import CommandRefused


async def test_the_chair_adjourns_for_a_break_and_resumes(
    evening_safe_hub: HubProcess, demo_engine: Engine
) -> None:
    hub = evening_safe_hub
    chair_client = await connect_as(hub.url, demo_engine, "m1", role="chair")
    member = await connect_as(hub.url, demo_engine, "m4")
    resumes = (hub_now() + timedelta(minutes=45)).strftime("%H:%M")
    async with chromium() as browser:
        chair = await open_screen(browser, hub, demo_engine, "chair", "/m/demo/chair", "m1")
        display = await open_screen(browser, hub, demo_engine, "display", "/m/demo/display", None)
        c, d = chair.page, display.page
        try:
            await chair_client.command("attendance.check_in")
            await member.command("attendance.check_in")
            await chair_client.command("agenda.start_item", item="3")
            assert await d.is_hidden("#recess-line")

            await c.fill("#recess-until", resumes)
            await c.click("#recess")
            await c.wait_for_selector("dialog#confirm-dialog[open]")
            assert resumes in await c.inner_text("#confirm-text")
            await confirm(c)
            await d.wait_for_selector("#recess-line:not([hidden])")
            line = await d.inner_text("#recess-line")
            assert "ajournerat" in line and resumes.replace(":", ".") in line.replace(":", ".")
            await c.wait_for_selector("#resume:not([hidden])")
            assert await c.is_hidden("#recess-form")

            with pytest.raises(CommandRefused) as refusal:
                await member.command("debate.request_floor")
            assert refusal.value.code == "meeting.in_recess"

            await c.click("#resume")
            await d.wait_for_selector("#recess-line", state="hidden")
            await member.command("debate.request_floor")
            assert chair.errors == [] and display.errors == []
        finally:
            await chair.close()
            await display.close()
            await chair_client.close()
            await member.close()
