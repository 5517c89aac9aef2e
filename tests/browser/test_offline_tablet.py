"""A tablet whose Wi-Fi goes silent in the middle of a vote (no close, no error:
frames just stop), in a real Chromium against a running hub: the heartbeat
notices, the ballot card says so in plain words, a ballot pressed offline says
it will be sent and is, once the link is back, and it counts once."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Engine

from tests.browser.screens import open_screen
from tests.browser.test_attendance_page import chromium
from tests.browser.test_poor_wifi import ballots_in_the_log
from tests.support.actors import connect_as
from tests.support.hubs import HubProcess

# While window.__offline is true the link is dead both ways, as on Wi-Fi that
# drops without telling anyone: nothing sent arrives, nothing arrives, and no
# new connection can be made.
SILENT_LINK = """
window.__offline = false;
const send = WebSocket.prototype.send;
WebSocket.prototype.send = function (data) {
  if (!window.__offline) send.call(this, data);
};
const listen = WebSocket.prototype.addEventListener;
WebSocket.prototype.addEventListener = function (type, handler, options) {
  const guarded =
    type === "message" ? (event) => window.__offline || handler(event) : handler;
  return listen.call(this, type, guarded, options);
};
const fetchOnline = window.fetch;
window.fetch = (...args) =>
  window.__offline ? Promise.reject(new TypeError("offline")) : fetchOnline(...args);
"""
DETECTED_MS = 15_000  # the heartbeat gives up on a silent link after about ten seconds
BACK_MS = 30_000  # the reconnection backs off while the link is down


async def test_a_tablet_that_goes_offline_in_a_vote_says_so_and_its_ballot_counts_once(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    chair = await connect_as(hub.url, demo_engine, "m1", role="chair")
    members = [await connect_as(hub.url, demo_engine, f"m{i}") for i in range(3, 40)]
    for client in (chair, *members):
        await client.command("attendance.check_in")
    async with chromium() as browser:
        tablet = await open_screen(browser, hub, demo_engine, "tablet", "/m/demo/tablet", "m2")
        page = tablet.page
        try:
            await page.add_init_script(SILENT_LINK)
            await page.reload()
            await page.wait_for_selector('#connection[data-state="connected"]')
            await page.click("#attendance-button")
            await page.wait_for_selector('#my-presence[data-presence="present"]')
            await chair.command("agenda.start_item", item="3")
            await chair.command("vote.open", question="Bifall till motionen?")
            await page.wait_for_selector('#ballot[data-status="open"]')
            assert await page.locator("#ballot .ballot-offline").count() == 0

            await page.evaluate("window.__offline = true")
            await page.wait_for_selector(
                '#connection:not([data-state="connected"])', timeout=DETECTED_MS
            )
            notice = await page.inner_text("#ballot .ballot-offline")
            assert "Ingen anslutning" in notice and "skickas när anslutningen" in notice

            # Pressed offline: the card says it waits, and it is not counted yet.
            await page.click('#ballot button[data-choice="ja"]')
            await page.wait_for_selector('#ballot-status[data-kind="queued"]')
            assert "skickas när anslutningen" in await page.inner_text("#ballot-status")
            assert "inte registrerad" in await page.inner_text("#ballot .ballot-offline")
            vote = chair.view["current_vote"]
            assert chair.view["votes"]["votes"][vote]["voted"] == 0

            # Back online: it goes out by itself, once, and the card says it counted.
            await page.evaluate("window.__offline = false")
            await page.wait_for_selector('#connection[data-state="connected"]', timeout=BACK_MS)
            await page.wait_for_selector('#ballot button[data-choice="ja"][aria-pressed="true"]')
            await page.wait_for_selector('#ballot-status[data-kind="ack"]')
            assert await page.locator("#ballot .ballot-offline").count() == 0
            assert "igen" not in await page.inner_text("#ballot-status")
            await chair.wait_for(lambda c: c.view["votes"]["votes"][vote]["voted"] == 1)
            assert tablet.errors == []
        finally:
            await tablet.close()

    assert ballots_in_the_log(demo_engine) == [("m2", "ja")]
    for client in (chair, *members):
        await client.close()
