"""What a refused login tells an attacker over HTTP: that it failed, never which
factor was wrong; and new recovery codes need the password and a fresh code."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import httpx
from sqlalchemy.engine import Engine

from tests.portal.web import PASSWORD, enrol_over_http, enrolled_session, log_in
from tests.support.hubs import HubProcess


async def test_a_wrong_password_and_a_wrong_code_look_the_same(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    async with httpx.AsyncClient(base_url=hub.url) as http:
        member = await enrol_over_http(http, demo_engine, "m5")
        bad_password = await http.post(
            "/portal/api/login",
            json={"username": "m5", "password": "not it at all", "code": member.next_code()},
        )
        bad_code = await log_in(http, member, "000000")
        nobody = await http.post(
            "/portal/api/login", json={"username": "nobody", "password": PASSWORD, "code": "1"}
        )
        answers = {(r.status_code, r.text) for r in (bad_password, bad_code, nobody)}
        assert answers == {(401, bad_code.text)}
        assert bad_code.json()["error"] == "auth.login_failed"
        # A guesser keeps going: after a few failures each try waits longer. Once the
        # wait is a few seconds, even the right code is refused, and told how long.
        for guess in range(10):
            answer = await log_in(http, member, f"{guess:06d}")
            if answer.status_code == 429 and answer.json()["retry_after"] >= 2:
                break
            if answer.status_code == 429:
                await asyncio.sleep(answer.json()["retry_after"])
        slowed = await log_in(http, member, member.next_code())
        assert slowed.status_code == 429 and int(slowed.headers["Retry-After"]) >= 1
        assert (await http.get("/portal/api/me")).status_code == 401


async def test_new_recovery_codes_need_a_fresh_code_as_well(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    http, member = await enrolled_session(hub.url, demo_engine, "m6")
    try:
        # Someone at an unlocked tablet who knows the password, but has no phone.
        stolen = await http.post("/portal/api/recovery-codes", json={"password": PASSWORD})
        assert stolen.status_code == 400
        guessed = await http.post(
            "/portal/api/recovery-codes", json={"password": PASSWORD, "code": "123456"}
        )
        assert guessed.status_code == 401 and "recovery_codes" not in guessed.json()
        renewed = await http.post(
            "/portal/api/recovery-codes", json={"password": PASSWORD, "code": member.next_code()}
        )
        assert renewed.status_code == 200 and len(renewed.json()["recovery_codes"]) == 10
    finally:
        await http.aclose()
