"""Helpers for the screen tests: logged-in pages in their own browser contexts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from tests.support.actors import connect_as, open_meeting
from tests.support.hubs import HubProcess
from voting_server.client import HubClient
from voting_server.store.directory import Directory

WAIT_MS = 5_000
SIZE = {"width": 1280, "height": 800}
# Every panel shown ends inside the screen, and none is cut off.
FITS = """() => {
  const panels = [...document.querySelectorAll("main > section")].filter((s) => s.offsetParent);
  return panels.every((s) => s.getBoundingClientRect().bottom <= window.innerHeight + 1
    && s.scrollHeight <= s.clientHeight + 1);
}"""


@dataclass
class Screen:
    """One page of one user, with the JavaScript errors it raised."""

    name: str
    page: Any
    errors: list[str] = field(default_factory=list)

    async def close(self) -> None:
        await self.page.context.close()

    async def shot(self, folder: Path, moment: str, lang: str) -> None:
        await self.page.screenshot(path=folder / f"screen-{self.name}-{moment}-{lang}.png")

    async def set_language(self, lang: str) -> None:
        await self.page.click(f'#lang-switch button[data-lang="{lang}"]')
        await self.page.wait_for_function(f"() => document.documentElement.lang === '{lang}'")


def watch_errors(page: Any, errors: list[str]) -> None:
    """Collect the page's uncaught errors and anything its Content-Security-Policy blocked."""
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.on(
        "console",
        lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )


async def opened_by_the_chair(hub: HubProcess, engine: Engine, path: str) -> None:
    """Open the meeting a page of ``/m/<meeting>/...`` shows, as its chair would first."""
    found = re.match(r"/m/([^/?]+)", path)
    if found:
        await open_meeting(hub.url, engine, found.group(1))


async def open_screen(
    browser: Any,
    hub: HubProcess,
    engine: Engine,
    name: str,
    path: str,
    principal: str | None,
    viewport: dict[str, int] | None = None,
) -> Screen:
    """Open path as principal (through a login link), or without a login.

    The chair has opened the meeting before (see ``opened_by_the_chair``).
    """
    await opened_by_the_chair(hub, engine, path)
    context = await browser.new_context(viewport=viewport or SIZE)
    context.set_default_timeout(WAIT_MS)
    page = await context.new_page()
    screen = Screen(name, page)
    watch_errors(page, screen.errors)
    if principal is None:
        await page.goto(f"{hub.url}{path}")
    else:
        token = Directory(engine).mint_login_link(principal)
        await page.goto(f"{hub.url}/login/{token}?next={path}")
    assert page.url.split("?")[0] == f"{hub.url}{path}".split("?")[0]
    await page.wait_for_selector('#connection[data-state="connected"]')
    await page.wait_for_function(
        "() => document.querySelector('#meeting-title').textContent.length > 0"
    )
    return screen


async def confirm(page: Any) -> None:
    """Accept the page's confirmation dialog."""
    await page.wait_for_selector("dialog#confirm-dialog[open]")
    await page.click("#confirm-ok")
    await page.wait_for_selector("dialog#confirm-dialog", state="hidden")


async def members_checked_in(hub: HubProcess, engine: Engine, first: int = 4) -> list[HubClient]:
    """Members m<first>…m39 connected and checked in: with the chair, a quorum of the 71."""
    members = [await connect_as(hub.url, engine, f"m{i}") for i in range(first, 40)]
    for member in members:
        await member.command("attendance.check_in")
    return members


async def chair_takes_up(page: Any, item: str) -> None:
    """On the console: the chair checks in, sees the quorum, and takes up ``item``."""
    await page.click('#presence button[data-person="m1"]')
    await page.wait_for_selector('#quorum[data-quorum="yes"]')
    await page.click(f'#agenda button[data-item="{item}"]')
    # Until the hub's view has the item under way, the console may still reset
    # its vote form for the new item (and undo a method chosen too early).
    await page.wait_for_selector(f'#agenda li[data-item="{item}"][aria-current="step"]')
