"""A tablet whose connection drops right after it sent a vote: the vote counts once."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Engine

from tests.browser.screens import open_screen
from tests.browser.test_attendance_page import chromium
from tests.support.actors import connect_as
from tests.support.hubs import HubProcess
from voting_server.domain.aggregate import EVENTS
from voting_server.domain.votes.events import BallotCast
from voting_server.log.chain import decode_envelope
from voting_server.store.archive import Archive


def ballots_in_the_log(engine: Engine) -> list[tuple[str, str]]:
    """Every open ballot the durable log holds for the demo meeting: (person, choice)."""
    return [
        (event.person, event.ballot.choice)
        for entry in Archive(engine).read("demo")
        if isinstance(event := decode_envelope(entry.data, EVENTS).event, BallotCast)
    ]


# Close the socket right after the next frame leaves, before its ack can arrive.
DROP_AFTER_NEXT_SEND = """() => {
window.__sockets = new Set();
const send = WebSocket.prototype.send;
WebSocket.prototype.send = function (data) {
  window.__sockets.add(this);
  send.call(this, data);
  if (window.__dropNext) {
    window.__dropNext = false;
    this.close();
  }
};
}"""


async def test_a_vote_sent_as_the_connection_drops_is_resent_and_counted_once(
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
            await page.click("#attendance-button")
            await page.wait_for_selector('#my-presence[data-presence="present"]')
            await chair.command("agenda.start_item", item="3")
            await chair.command("vote.open", question="Bifall?")
            await page.wait_for_selector('#ballot[data-status="open"]')

            await page.evaluate(DROP_AFTER_NEXT_SEND)
            await page.evaluate("window.__dropNext = true")
            await page.click('#ballot button[data-choice="ja"]')
            await page.wait_for_selector('#ballot button[data-choice="ja"][aria-pressed="true"]')
            # The command itself was answered with its ack, after the resend.
            await page.wait_for_selector('#ballot-status[data-kind="ack"]')
            await page.wait_for_selector('#connection[data-state="connected"]')
            assert await page.evaluate("window.__sockets.size") >= 2, "it reconnected"
            assert tablet.errors == []
        finally:
            await tablet.close()

    assert ballots_in_the_log(demo_engine) == [("m2", "ja")]
    for client in (chair, *members):
        await client.close()
