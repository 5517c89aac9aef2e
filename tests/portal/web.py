"""Portal accounts through the HTTP interface of a running hub, on the real clock."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
from sqlalchemy.engine import Engine

from voting_server.clock import CLOCK
from voting_server.portal import accounts, totp

PASSWORD = "correct horse battery"


@dataclass
class Member:
    person: str
    secret: str
    recovery_codes: list[str]

    def next_code(self) -> str:
        """The code of the next time step: within the drift window, and not yet spent."""
        return totp.code_at(self.secret, totp.step_at(CLOCK.now()) + 1)


async def enrol_over_http(http: httpx.AsyncClient, engine: Engine, person: str) -> Member:
    token = accounts.create_account(engine, person)
    info = (await http.get(f"/portal/api/enrol/{token}")).json()
    code = totp.code_at(info["secret"], totp.step_at(CLOCK.now()))
    response = await http.post(
        f"/portal/api/enrol/{token}", json={"password": PASSWORD, "code": code}
    )
    assert response.status_code == 200, response.text
    return Member(person, info["secret"], response.json()["recovery_codes"])


async def log_in(http: httpx.AsyncClient, member: Member, code: str) -> httpx.Response:
    return await http.post(
        "/portal/api/login",
        json={"username": member.person, "password": PASSWORD, "code": code},
    )


async def enrolled_session(
    base_url: str, engine: Engine, person: str
) -> tuple[httpx.AsyncClient, Member]:
    """An HTTP client logged in as a freshly enrolled person (with a recovery code)."""
    http = httpx.AsyncClient(base_url=base_url)
    member = await enrol_over_http(http, engine, person)
    response = await log_in(http, member, member.recovery_codes.pop())
    assert response.status_code == 200, response.text
    return http, member
