"""A login link logs in once and only for minutes: a second use, or a late one,
opens no session."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from tests.support.actors import open_meeting
from tests.support.hubs import HubProcess
from voting_server.store.directory import LOGIN_LINK_TTL, Directory
from voting_server.store.models import SessionRow


def sessions(engine: Engine) -> int:
    with Session(engine) as s:
        return int(s.exec(select(func.count()).select_from(SessionRow)).one())


async def test_a_login_link_opens_one_session_and_is_then_spent(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    await open_meeting(hub.url, demo_engine)  # the chair opens it; members follow
    token = Directory(demo_engine).mint_login_link("display")
    async with (
        httpx.AsyncClient(base_url=hub.url) as first,
        httpx.AsyncClient(base_url=hub.url) as thief,
    ):
        used = await first.get(f"/login/{token}?next=/m/demo/display")
        assert used.status_code == 303
        assert (await first.get("/api/ticket?meeting=demo")).status_code == 200
        before = sessions(demo_engine)
        again = await thief.get(f"/login/{token}?next=/m/demo/display")
        assert again.status_code == 403
        assert (await thief.get("/api/ticket?meeting=demo&role=display")).status_code != 200
    assert sessions(demo_engine) == before


async def test_a_late_login_link_opens_nothing(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    late = Directory(demo_engine).mint_login_link("m2", ttl_seconds=-1)
    before = sessions(demo_engine)
    async with httpx.AsyncClient(base_url=hub.url) as http:
        assert (await http.get(f"/login/{late}")).status_code == 403
    assert sessions(demo_engine) == before
    assert LOGIN_LINK_TTL <= 15 * 60
