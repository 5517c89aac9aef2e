"""The four screens in a real Chromium: a meeting played by the chair, two
delegates on their tablets, the chamber display and the public screen."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from tests.browser.screens import Screen, confirm, open_screen
from tests.browser.test_attendance_page import chromium
from tests.support.actors import connect_as
from tests.support.hubs import HubProcess
from voting_server.client import HubClient

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


async def shoot_all(screens: list[Screen], folder: Path, moment: str) -> None:
    """Every page in Swedish, then in English, then back to Swedish."""
    for screen in screens:
        await screen.shot(folder, moment, "sv")
        await screen.set_language("en")
        await screen.shot(folder, moment, "en")
        await screen.set_language("sv")


async def test_a_meeting_on_the_four_screens(
    start_hub: Callable[..., HubProcess], demo_engine: Engine, screenshots: Path
) -> None:
    hub = start_hub()
    members = [await connect_as(hub.url, demo_engine, f"m{i}") for i in range(4, 41)]
    async with chromium() as browser:
        chair = await open_screen(browser, hub, demo_engine, "chair", "/m/demo/chair", "m1")
        anna = await open_screen(browser, hub, demo_engine, "tablet", "/m/demo/tablet", "m2")
        bo = await open_screen(
            browser, hub, demo_engine, "phone", "/m/demo/tablet", "m3", viewport=PHONE
        )
        display = await open_screen(
            browser, hub, demo_engine, "display", "/m/demo/display", "display"
        )
        public = await open_screen(browser, hub, demo_engine, "public", "/m/demo/public", None)
        screens = [chair, anna, bo, display, public]
        try:
            await play_meeting(chair, anna, bo, display, public, members, screenshots)
            for screen in screens:
                assert screen.errors == [], screen.name
        finally:
            for screen in screens:
                await screen.close()
            for member in members:
                await member.close()


async def play_meeting(
    chair: Screen,
    anna: Screen,
    bo: Screen,
    display: Screen,
    public: Screen,
    members: list[HubClient],
    screenshots: Path,
) -> None:
    c, a, b, d, p = chair.page, anna.page, bo.page, display.page, public.page
    assert "allmänheten" in await p.inner_text("#role")

    # Roll call: 37 members through the protocol, the chair and two tablets on the pages.
    for member in members:
        await member.command("attendance.check_in")
    await c.click('#presence button[data-person="m1"]')
    await c.wait_for_selector('#presence button[data-person="m1"][data-presence="present"]')
    for tablet in (a, b):
        await tablet.click("#attendance-button")
        await tablet.wait_for_selector('#my-presence[data-presence="present"]')
    await c.click("#rollcall-open")
    await c.wait_for_selector('#rollcall-state[data-state="open"]')
    await c.click("#rollcall-confirm")
    await confirm(c)
    await c.wait_for_selector('#rollcall-state[data-state="confirmed"]')
    assert "40" in await c.inner_text("#rollcall-state")
    await c.wait_for_selector('#quorum[data-quorum="yes"]')
    await d.wait_for_selector('#quorum-line[data-quorum="yes"]')
    assert "40 av 71" in await d.inner_text("#quorum-line")

    # The debate: both ask for the floor, the chair gives it with the keyboard.
    await c.click('#agenda button[data-item="3"]')
    await d.wait_for_function(
        "() => document.querySelector('#current-item').textContent.includes('2027')"
    )
    anna_name = (await a.inner_text("#my-name")).split(" (")[0]
    bo_name = (await b.inner_text("#my-name")).split(" (")[0]
    await a.click("#ask-floor")
    await b.click("#ask-floor")
    await d.wait_for_function("() => document.querySelectorAll('#waiting li').length === 2")
    assert anna_name in await d.inner_text("#waiting li:first-child")
    await a.wait_for_selector("#my-requests li")
    assert "nummer 1" in await a.inner_text("#my-requests")

    await c.focus("main")
    await c.keyboard.press("n")
    await d.wait_for_selector('#speaker[data-speaking="yes"]')
    assert await d.inner_text('#speaker [data-part="name"]') == anna_name
    clock = await d.inner_text('#speaker [data-part="clock"]')
    assert clock.startswith(("4:", "5:")), clock  # a first speech of 5 minutes counts down
    await c.keyboard.press("n")
    await d.wait_for_function(
        f"() => document.querySelector('#speaker [data-part=name]').textContent === {bo_name!r}"
    )
    # Anna has spoken on the item, so she may reply to Bo.
    await a.click("#ask-replik")
    await a.wait_for_selector('#floor-result[data-kind="ack"]')
    await d.wait_for_selector("#waiting li.kind-replik")
    await c.keyboard.press("n")
    await d.wait_for_function(
        f"() => document.querySelector('#speaker [data-part=name]').textContent === {anna_name!r}"
    )
    assert "Replik" in await d.inner_text('#speaker [data-part="detail"]')
    await a.select_option("#proposal-kind", "bifall")
    await a.click("#proposal-submit")
    await a.wait_for_selector('#proposal-result[data-kind="ack"]')
    await b.select_option("#proposal-kind", "andring")
    await b.fill("#proposal-text", "Anslaget till kollektivtrafiken höjs med 20 miljoner kronor.")
    await b.click("#proposal-submit")
    await b.wait_for_selector('#proposal-result[data-kind="ack"]')
    await c.wait_for_function(
        "() => document.querySelectorAll('#proposals li[data-proposal]').length === 2"
    )
    await shoot_all([chair, anna, bo, display, public], screenshots, "debate")
    await c.focus("main")
    await c.keyboard.press("f")
    await d.wait_for_selector('#speaker[data-speaking="no"]')
    await d.wait_for_selector("#stats-party tr[data-key='S']")

    # The vote: Ja stands for Anna's proposal.
    proposal = await c.get_attribute("#proposals li[data-proposal]:first-child", "data-proposal")
    await c.select_option("#vote-ja", proposal)
    await c.fill("#vote-question", "Bifall till budgetförslaget?")
    await c.click("#open-vote")
    await confirm(c)
    await a.wait_for_selector('#ballot[data-status="open"]')
    await d.wait_for_function("() => document.querySelector('#vote').dataset.vote")
    vote = await d.get_attribute("#vote", "data-vote")
    assert vote
    await a.click('#ballot button[data-choice="ja"]')
    await a.wait_for_selector('#ballot button[data-choice="ja"][aria-pressed="true"]')
    assert "Registrerad" in await a.inner_text('#ballot button[data-choice="ja"]')
    # Changed before the close: only the new choice shows as recorded.
    await a.click('#ballot button[data-choice="nej"]')
    await a.wait_for_selector('#ballot button[data-choice="nej"][aria-pressed="true"]')
    assert await a.get_attribute('#ballot button[data-choice="ja"]', "aria-pressed") == "false"
    await a.wait_for_function(
        "() => document.querySelector('#ballot-status')"
        ".textContent.startsWith('Registrerad röst: Nej')"
    )
    await b.click('#ballot button[data-choice="ja"]')
    await b.wait_for_selector('#ballot button[data-choice="ja"][aria-pressed="true"]')
    choices = ["ja"] * 20 + ["nej"] * 12 + ["avstar"] * 5
    for member, choice in zip(members, choices, strict=True):
        await member.command("vote.cast", vote=vote, choice=choice)
    await c.click('#vote-actions button.my-ballot[data-choice="ja"]')
    await c.wait_for_selector('#has-voted li[data-person="m1"]')
    assert await c.locator("#has-voted li").count() == 40
    await d.wait_for_function(
        "() => document.querySelector('#vote .vote-progress').textContent.startsWith('40 av 40')"
    )
    # While open: the count only, never a choice.
    for screen in (d, p):
        assert await screen.locator("#vote .vote-chart").count() == 0
        assert await screen.locator("#vote .seat-map").count() == 0
    await shoot_all([chair, anna, bo, display, public], screenshots, "vote")

    await c.focus("main")
    await c.keyboard.press("c")
    await confirm(c)
    await c.wait_for_selector('#votes-result[data-kind="ack"]')
    # Within a second of the acknowledged close: the result, its chart and the seat map.
    for screen in (d, p):
        await screen.wait_for_selector('#vote[data-status="closed"] .vote-chart', timeout=1_000)
        await screen.wait_for_selector("#vote .seat-map circle", timeout=1_000)
    counts = {
        option: await d.inner_text(f'#vote .vote-chart tr[data-option="{option}"] td.num')
        for option in ("ja", "nej", "avstar")
    }
    assert counts == {"ja": "22", "nej": "13", "avstar": "5"}
    assert await d.locator('#vote .seat-map circle[data-choice="ja"]').count() == 22
    assert await d.locator('#vote .seat-map circle[data-choice="nej"]').count() == 13
    assert await d.locator("#vote .seat-map circle").count() == 71
    assert await d.locator("#vote .party-table tbody tr").count() == 3  # S, M and SD sat
    assert "Beslut: Ja" in await d.inner_text("#vote .vote-result")
    await a.wait_for_selector('#vote-result .vote-chart tr[data-option="ja"]')

    await c.click("#announce")
    await confirm(c)
    await d.wait_for_selector("#vote .decision")
    await p.wait_for_selector("#vote .decision")
    await shoot_all([chair, anna, bo, display, public], screenshots, "result")


async def page_text(screen: Screen) -> str:
    return str(await screen.page.inner_text("main"))


async def same_text(old: Screen, new: Screen) -> bool:
    """Whether both pages come to show the same text (the fresh one may still be loading)."""
    for _ in range(50):
        if await page_text(old) == await page_text(new):
            return True
        await asyncio.sleep(0.1)
    return await page_text(old) == await page_text(new)


async def test_the_screens_lose_nothing_when_the_hub_restarts(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    members = [await connect_as(hub.url, demo_engine, f"m{i}") for i in range(2, 40)]
    chair_client = await connect_as(hub.url, demo_engine, "m1", role="chair")
    for member in members:
        await member.command("attendance.check_in")
    await chair_client.command("agenda.start_item", item="3")
    await members[0].command("debate.request_floor")
    for client in (chair_client, *members):
        await client.close()
    pages = [
        ("tablet", "/m/demo/tablet", "m2"),
        ("chair", "/m/demo/chair", "m1"),
        ("display", "/m/demo/display", "display"),
        ("public", "/m/demo/public", None),
    ]
    async with chromium() as browser:
        screens = [await open_screen(browser, hub, demo_engine, *spec) for spec in pages]
        fresh: list[Screen] = []
        try:
            for screen in screens:
                await screen.page.wait_for_selector("li.waiting[data-person='m2']")
                await screen.page.context.route("**/api/ticket*", lambda route: route.abort())
            hub.stop()
            for screen in screens:
                await screen.page.wait_for_selector('#connection[data-state="reconnecting"]')
            # A change made while the pages are cut off from the hub.
            again = start_hub(hub.port)
            late = await connect_as(again.url, demo_engine, "m40")
            await late.command("attendance.check_in")
            await late.command("debate.request_floor")
            await late.close()
            for screen in screens:
                await screen.page.context.unroute("**/api/ticket*")
            for screen in screens:
                await screen.page.wait_for_selector(
                    '#connection[data-state="connected"]', timeout=30_000
                )
                await screen.page.wait_for_selector("li.waiting[data-person='m40']")
            # What each resumed page shows equals what a page loaded afresh shows.
            fresh = [await open_screen(browser, again, demo_engine, *spec) for spec in pages]
            for old, new in zip(screens, fresh, strict=True):
                assert await same_text(old, new), old.name
                assert old.errors == [] and new.errors == [], old.name
        finally:
            for screen in [*screens, *fresh]:
                await screen.close()
