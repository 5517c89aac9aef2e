"""Every page checked by axe-core in a real Chromium against WCAG 2.1 A and AA,
in Swedish and in English, in a meeting under way: members in, a speaker, a
waiting list, proposals and a vote open; then again with the vote's result.

One hub and one browser serve every case; the meeting only moves forward, so the
cases that need the result come after those that need the vote open.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import pytest_asyncio
import redis
from sqlalchemy.engine import Engine

from tests.browser.screens import WAIT_MS, opened_by_the_chair, watch_errors
from tests.browser.test_attendance_page import REPO, chromium
from tests.support.actors import connect_as
from tests.support.hubs import HubProcess, hub_env
from voting_server.client import HubClient
from voting_server.store.db import make_engine
from voting_server.store.directory import Directory
from voting_server.store.seed import seed_demo

pytestmark = pytest.mark.asyncio(loop_scope="module")

AXE = REPO / "display/node_modules/axe-core/axe.min.js"
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
VOTE_OPEN, VOTE_CLOSED = "vote-open", "vote-closed"
MINUTES = "/api/meetings/demo/minutes.html"  # the document the minutes page frames
BAD_LOGIN = """(() => {
  for (const [id, value] of [["username", "nobody"], ["password", "wrong"], ["code", "123456"]]) {
    document.getElementById(id).value = value;
  }
  delete document.getElementById("login-message").dataset.kind;
  document.getElementById("login-form").requestSubmit();
})()"""
# Finite animations (the quorum's colour change) end before a check: axe measures
# the colours of the moment, and a fading background is no colour at all.
ANIMATIONS_ENDED = """Promise.all(document.getAnimations()
  .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
  .map((a) => a.finished))"""


@dataclass(frozen=True)
class PageCase:
    name: str
    path: str
    principal: str | None
    ready: str  # a JavaScript expression that holds once the page shows its content
    moment: str = VOTE_OPEN
    prepare: str = ""  # JavaScript that brings up a state worth checking (a dialog, an error)
    shown: str = ""  # and the expression that holds once that state shows
    languages: tuple[str, ...] = ("sv", "en")
    viewport: tuple[int, int] = (1280, 900)


def live(selector: str = "") -> str:
    """A hub page connected to the hub and, if given, showing selector."""
    shows = f" && !!document.querySelector({selector!r})" if selector else ""
    return f"document.querySelector('#connection')?.dataset.state === 'connected'{shows}"


def filled(selector: str) -> str:
    return f"document.querySelector({selector!r}).textContent.length > 0"


PHONE = (390, 844)
CASES = [
    PageCase("attendance", "/m/demo/", "m5", live()),
    PageCase("attendance-public", "/m/demo/", None, live()),
    PageCase("tablet", "/m/demo/tablet", "m2", live("#ballot button")),
    PageCase("phone", "/m/demo/tablet", "m3", live("#ballot button"), viewport=PHONE),
    PageCase("chair", "/m/demo/chair", "m1", live("#has-voted li")),
    PageCase(
        "chair-confirm",
        "/m/demo/chair",
        "m1",
        live("#close-vote"),
        prepare="document.querySelector('#close-vote').click()",
        shown="!!document.querySelector('#confirm-dialog')?.open",
    ),
    PageCase("display", "/m/demo/display", "display", live("#vote .vote-progress")),
    PageCase("public", "/m/demo/public", None, live("#vote .vote-progress")),
    PageCase("portal-login", "/portal/login", None, filled("#login-heading")),
    PageCase(
        "portal-login-refused",
        "/portal/login",
        None,
        filled("#login-heading"),
        prepare=BAD_LOGIN,
        shown="document.querySelector('#login-message').dataset.kind === 'error'",
    ),
    PageCase("anslagstavla", "/anslagstavla", None, filled("#board-notices")),
    PageCase("replay", "/m/demo/replay", "m1", "!!document.querySelector('#display').dataset.seq"),
    PageCase("minutes", "/m/demo/minutes", "m1", filled("#verified")),
    PageCase("minutes-document", MINUTES, "m1", filled("body"), languages=("sv",)),
    PageCase(
        "tablet-result", "/m/demo/tablet", "m2", live("#vote-result .vote-chart"), VOTE_CLOSED
    ),
    PageCase("chair-result", "/m/demo/chair", "m1", live("#vote-actions"), VOTE_CLOSED),
    PageCase("display-result", "/m/demo/display", "display", live("#vote .seat-map"), VOTE_CLOSED),
    PageCase("public-result", "/m/demo/public", None, live("#vote .decision"), VOTE_CLOSED),
    PageCase(  # the web-TV overlay: no top bar, so no language switch
        "public-overlay",
        "/m/demo/public?embed=1&bg=transparent",
        None,
        live("#vote .decision"),
        VOTE_CLOSED,
        languages=("sv",),
    ),
]


class Meeting:
    """The demo meeting on its own hub, brought forward to the moment a case needs."""

    def __init__(self, hub: HubProcess, engine: Engine) -> None:
        self.hub, self.engine = hub, engine
        self.moment = ""
        self.vote = ""
        self.chair: HubClient | None = None

    async def reach(self, moment: str) -> None:
        # The meeting only moves forward: CASES lists the open vote's cases first.
        assert (self.moment, moment) != (VOTE_CLOSED, VOTE_OPEN), "the vote is closed already"
        if moment == self.moment:
            return
        if not self.moment:
            await self._open_vote()
        if moment == VOTE_CLOSED:
            await self._close_vote()
        self.moment = moment

    async def _open_vote(self) -> None:
        """40 members in, item 3 under way, m2 speaking and m3 waiting, a vote half cast."""
        url, engine = self.hub.url, self.engine
        self.chair = await connect_as(url, engine, "m1", role="chair")
        members = [await connect_as(url, engine, f"m{i}") for i in range(2, 41)]
        try:
            for client in (self.chair, *members):
                await client.command("attendance.check_in")
            await self.chair.command("agenda.start_item", item="3")
            await members[0].command("debate.request_floor")
            await members[1].command("debate.request_floor")
            await self.chair.command("debate.give_floor")
            await members[0].command("debate.submit_proposal", kind="bifall", text="")
            await members[1].command(
                "debate.submit_proposal", kind="andring", text="Anslaget höjs med 20 miljoner."
            )
            await self.chair.command("vote.open", question="Bifall till budgetförslaget?")
            await self.chair.wait_for(lambda c: "current_vote" in c.view)
            self.vote = self.chair.view["current_vote"]
            choices = ["ja"] * 12 + ["nej"] * 8 + ["avstar"] * 3
            for member, choice in zip(members[2:25], choices, strict=True):
                await member.command("vote.cast", vote=self.vote, choice=choice)
        finally:
            for member in members:
                await member.close()

    async def _close_vote(self) -> None:
        assert self.chair is not None
        await self.chair.command("vote.cast", vote=self.vote, choice="ja")
        await self.chair.command("vote.close", vote=self.vote)
        await self.chair.command("decision.announce", vote=self.vote, text="Bifall.")

    async def close(self) -> None:
        if self.chair is not None:
            await self.chair.close()


@pytest.fixture(scope="module")
def hub(redis_base: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubProcess]:
    """One hub for the whole module, with its own database and Redis namespace."""
    folder = tmp_path_factory.mktemp("accessibility")
    database_url = f"sqlite:///{folder / 'ordet.db'}"
    engine = make_engine(database_url)
    seed_demo(engine)
    engine.dispose()
    namespace = f"test-{uuid.uuid4().hex[:12]}"
    env = hub_env(database_url, f"{redis_base}/0", folder)
    env["ORDET_REDIS_NAMESPACE"] = namespace
    process = HubProcess(env).start()
    try:
        yield process
    finally:
        process.stop()
        client = redis.Redis.from_url(f"{redis_base}/0")
        keys = list(client.scan_iter(match=f"{namespace}:*", count=1000))
        if keys:
            client.delete(*keys)
        client.close()


@pytest.fixture(scope="module")
def engine(hub: HubProcess) -> Iterator[Engine]:
    engine = make_engine(hub.env["DATABASE_URL"])
    yield engine
    engine.dispose()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def meeting(hub: HubProcess, engine: Engine) -> AsyncIterator[Meeting]:
    meeting = Meeting(hub, engine)
    try:
        yield meeting
    finally:
        await meeting.close()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def browser() -> AsyncIterator[Any]:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run npm ci in display/", pytrace=False)
    async with chromium() as browser:
        yield browser


async def open_page(
    browser: Any, hub: HubProcess, engine: Engine, case: PageCase
) -> tuple[Any, list[str]]:
    """The page of the case, loaded, with the JavaScript errors it raises."""
    # The minutes document forbids every script; axe is injected all the same.
    width, height = case.viewport
    context = await browser.new_context(
        viewport={"width": width, "height": height}, bypass_csp=True
    )
    context.set_default_timeout(WAIT_MS)
    page = await context.new_page()
    errors: list[str] = []
    watch_errors(page, errors)
    await opened_by_the_chair(hub, engine, case.path)
    if case.principal is None:
        await page.goto(f"{hub.url}{case.path}")
    else:
        token = Directory(engine).mint_login_link(case.principal)
        await page.goto(f"{hub.url}/login/{token}?next={case.path}")
    await page.wait_for_function(f"() => {case.ready}")
    return page, errors


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        first = v["nodes"][0]["target"] if v["nodes"] else "?"
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} at {first} [{len(v['nodes'])}]")
    return "\n".join(lines)


async def violations_of(page: Any) -> list[dict[str, Any]]:
    await page.evaluate(ANIMATIONS_ENDED)
    if not await page.evaluate("typeof window.axe === 'object'"):
        await page.add_script_tag(path=str(AXE))
    result = await page.evaluate("options => axe.run(document, options)", WCAG_21_AA)
    return list(result["violations"])


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
async def test_the_page_meets_wcag_21_aa(
    case: PageCase, meeting: Meeting, browser: Any, hub: HubProcess, engine: Engine
) -> None:
    await meeting.reach(case.moment)
    page, errors = await open_page(browser, hub, engine, case)
    try:
        found = {}
        for lang in case.languages:
            if lang != "sv":
                await page.click(f'#lang-switch button[data-lang="{lang}"]')
            await page.wait_for_function(f"() => document.documentElement.lang === '{lang}'")
            await page.wait_for_function(f"() => {case.ready}")
            if case.prepare:
                await page.evaluate(case.prepare)
                await page.wait_for_function(f"() => {case.shown}")
            found[lang] = await violations_of(page)
            if case.prepare:
                await page.keyboard.press("Escape")  # closes a dialog, so the switch is reachable
        report = {lang: describe(v) for lang, v in found.items() if v}
        assert not report, "\n".join(f"[{lang}]\n{text}" for lang, text in report.items())
        assert errors == []
    finally:
        await page.context.close()


async def test_the_tablet_checks_in_with_the_keyboard_alone(
    browser: Any, hub: HubProcess, engine: Engine
) -> None:
    case = PageCase("tablet", "/m/demo/tablet", "m41", live())
    page, errors = await open_page(browser, hub, engine, case)
    try:
        await page.wait_for_selector('#my-presence[data-presence="absent"]')
        for _ in range(40):
            await page.keyboard.press("Tab")
            if await page.evaluate("document.activeElement.id") == "attendance-button":
                break
        assert await page.evaluate("document.activeElement.id") == "attendance-button"
        await page.keyboard.press("Enter")
        await page.wait_for_selector('#my-presence[data-presence="present"]')
        assert await page.inner_text("#my-presence") == "Närvarande"
        assert errors == []
    finally:
        await page.context.close()
