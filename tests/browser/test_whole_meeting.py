"""A whole council meeting from the pages alone, in a real Chromium: the chair's
console, the vice chair's, three tablets, the chamber display and the public
screen act out every procedure of the meeting, once in Swedish and once in
English, on a phone (390×844), a laptop (1366×768) and a projector (1920×1080).
No frame is sent by hand: the pages send them all."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from sqlalchemy.engine import Engine

from tests.browser import meeting_acts as act
from tests.browser.screens import FITS, Screen, confirm, open_screen
from tests.browser.test_attendance_page import chromium
from tests.support.hubs import HubProcess
from voting_server.domain.aggregate import EVENTS
from voting_server.log.chain import decode_envelope
from voting_server.store.archive import Archive

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
PROJECTOR = {"width": 1920, "height": 1080}
# A text still naming its translation key ("chair.close_vote"), not a translation.
RAW_KEY = re.compile(r"\b[a-z]+\.[a-z]+_[a-z_]+\b")
RESERVATION_REASON = "Budgeten underskattar kostnaderna för vården."
# What the meeting leaves in its log, whatever the language of the pages.
EVENTS_OF_THE_MEETING = {
    "CheckedIn", "RollCallOpened", "RollCallConfirmed", "ItemStarted", "ItemFinished",
    "DecisionAcclaimed", "SecretElectionRequested", "VoteOpened", "SecretBallotCast",
    "LotSeedCommitted", "VoteClosed", "LotDrawn", "DecisionAnnounced", "JusterareElected",
    "ProportionalElectionRequested", "VoteVoided", "MeetingRecessed", "MeetingResumed",
    "OrderProposed", "OrderApproved", "KontrapropositionStarted", "RoundSettled",
    "VoteDemanded", "BallotCast", "ReservationEntered", "MinutesNoteEntered",
    "ChairHandedOver", "MinorityRightInvoked", "MeetingAdjourned", "ReservationReasonGiven",
}  # fmt: skip


@dataclass(frozen=True)
class Setting:
    lang: str
    chair: dict[str, int]
    tablets: dict[str, int]
    public: dict[str, int]


SETTINGS = [
    Setting("sv", chair=LAPTOP, tablets=PHONE, public=PROJECTOR),
    Setting("en", chair=PROJECTOR, tablets=LAPTOP, public=PHONE),
]


def events_in_the_log(engine: Engine) -> set[str]:
    return {
        type(decode_envelope(entry.data, EVENTS).event).__name__
        for entry in Archive(engine).read("demo")
    }


async def in_language(screen: Screen, lang: str) -> Screen:
    if lang != "sv":
        await screen.set_language(lang)
    return screen


async def panels_fit_below_the_bar(chair: Screen) -> None:
    """Each panel, reached from the bar's links, is whole on the screen below the bar."""
    c = chair.page
    links = await c.eval_on_selector_all("#now-bar a.now-link", "links => links.map(a => a.hash)")
    assert len(links) == 8
    for link in links:
        await c.click(f'#now-bar a.now-link[href="{link}"]')
        await c.wait_for_timeout(50)
        top, bottom = await c.evaluate(
            "(id) => { const r = document.querySelector(id).getBoundingClientRect();"
            " return [r.top, r.bottom]; }",
            link,
        )
        bar = await c.evaluate(
            "() => document.querySelector('#now-bar').getBoundingClientRect().bottom"
        )
        assert top >= bar - 1 and bottom <= LAPTOP["height"] + 1, link


@pytest.mark.parametrize("setting", SETTINGS, ids=[s.lang for s in SETTINGS])
async def test_a_whole_meeting_from_the_pages_alone(
    evening_safe_hub: HubProcess, demo_engine: Engine, setting: Setting
) -> None:
    hub, lang = evening_safe_hub, setting.lang
    async with chromium() as browser:

        async def screen(name: str, path: str, who: str | None, size: dict[str, int]) -> Screen:
            opened = await open_screen(browser, hub, demo_engine, name, path, who, size)
            return await in_language(opened, lang)

        screens = [
            await screen("chair", "/m/demo/chair", "m1", setting.chair),
            await screen("anna", "/m/demo/tablet", "m2", setting.tablets),
            await screen("bo", "/m/demo/tablet", "m3", setting.tablets),
            await screen("cia", "/m/demo/tablet", "m4", PHONE),
            await screen("display", "/m/demo/display", "display", PROJECTOR),
            await screen("public", "/m/demo/public", None, setting.public),
        ]
        chair, anna, bo, cia, display, public = screens
        names = {"m2": await act.member_name(anna.page), "m3": await act.member_name(bo.page)}
        names["m4"] = await act.member_name(cia.page)
        m = act.Chamber(chair, anna, bo, cia, display, public, names)
        vice: Screen | None = None
        c = m.chair.page
        try:
            await act.roll_call(m)
            await act.next_item(c, "1")
            await act.acclaim(c, "Sammanträdet förklaras öppnat.")
            await act.next_item(c, "2")
            elected = await act.justerare_election(m)
            assert await m.display.page.evaluate(FITS), "the projector scrolls"
            await act.proportional_election(m)
            await act.next_item(c, "3")
            await act.debate(m)
            await act.void_vote(m)
            await act.recess(m)
            await act.kontraproposition(m)
            if setting.chair == LAPTOP:
                await panels_fit_below_the_bar(m.chair)

            # The chair hands over to the vice chair for the next item, and takes it back.
            await act.next_item(c, "4")
            await act.hand_over(c, "m27")
            vice = await screen("vice", "/m/demo/chair", "m27", setting.chair)
            await act.minority_right(m, vice)
            await act.hand_over(vice.page, "m1")
            await c.wait_for_selector("#handover-to option[value='m27']", state="attached")

            await act.next_item(c, "5")
            await act.acclaim(c, "Sammanträdet förklaras avslutat.")
            await c.click("#adjourn")
            await confirm(c)
            await c.wait_for_selector("#adjourn[disabled]")

            assert vice is not None
            for shown in [*screens, vice]:
                assert shown.errors == [], shown.name
                assert await shown.page.evaluate("() => document.documentElement.lang") == lang
                wide = "() => document.documentElement.scrollWidth <= window.innerWidth"
                assert await shown.page.evaluate(wide), f"{shown.name} scrolls sideways"
                text = await shown.page.inner_text("main")
                assert not RAW_KEY.findall(text), (shown.name, RAW_KEY.findall(text))

            # In the portal, Bo finds the reason for his reservation still to write.
            b = m.bo.page
            await b.goto(f"{hub.url}/portal/")
            await b.wait_for_selector('#today article[data-meeting="demo"]')
            await b.fill("#justering form.reason-form textarea", RESERVATION_REASON)
            await b.click("#justering form.reason-form button[type=submit]")
            await b.wait_for_selector("#justering form.reason-form", state="detached")

            missing = EVENTS_OF_THE_MEETING - events_in_the_log(demo_engine)
            assert not missing, f"not in the log: {sorted(missing)}"
            # The minutes, written from the log, hold what the pages did.
            await c.goto(f"{hub.url}/api/meetings/demo/minutes.html")
            minutes = await c.inner_text("body")
            for text in (act.VOID_REASON, act.MINORITY_REASON, RESERVATION_REASON, act.NOTE):
                assert text in minutes
            assert all(names[p] in minutes for p in elected)
        finally:
            for shown in [*screens, *([vice] if vice else [])]:
                await shown.close()
