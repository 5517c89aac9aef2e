"""``ordet bench logins``: N members log in at once, the way a tablet does: the
portal's login (username, password, TOTP code), a ticket, and the WebSocket
until its first frame. Printed: the wall time for all N, each step's p50 and
p99, and one Argon2 verification on this machine, which bounds the rest.

The accounts are written in bulk (one Argon2 hash, made once, for every
account; each its own sealed TOTP secret): what is measured is logging in,
not enrolling. The chamber's network is 127.0.0.0/8, as a chamber's tablets
share one address behind its router (docs/portal.md, the throttle).
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import httpx
from sqlmodel import Session

from ..client import fetch_ticket
from ..clock import CLOCK
from ..hub_process import HubProcess
from ..portal import credentials, totp
from ..portal.vault import Vault
from ..store.portal_models import PortalAccountRow
from .assembly import member
from .chamber import ws_url
from .databases import NoDatabase
from .driver import Conn, ms, p50, p99
from .limits import raise_open_files
from .stack import Stack

PASSWORD = "bench password of every member"


def seed_accounts(stack: Stack, count: int) -> dict[str, str]:
    """An enrolled account for m1..m<count>; returns each person's TOTP secret."""
    hashed = credentials.hash_password(PASSWORD)
    vault, secrets = Vault(stack.secret), {}
    with Session(stack.engine) as s:
        for i in range(1, count + 1):
            person = member(i)
            secrets[person] = totp.new_secret()
            s.add(
                PortalAccountRow(
                    person_id=person,
                    username=person,
                    password_hash=hashed,
                    totp_secret=vault.seal(person, secrets[person]),
                    enrolled=True,
                    created_at=int(CLOCK.now()),
                )
            )
        s.commit()
    return secrets


async def log_in(hub: HubProcess, meeting: str, person: str, secret: str) -> dict[str, float]:
    """One member's way in; the seconds each step took."""
    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=hub.url, timeout=120) as http:
        code = totp.code_at(secret, totp.step_at(CLOCK.now()))
        answer = await http.post(
            "/portal/api/login", json={"username": person, "password": PASSWORD, "code": code}
        )
        if answer.status_code != 200:
            raise RuntimeError(f"{person}: {answer.status_code} {answer.text[:200]}")
        logged_in = time.perf_counter()
        ticket = await fetch_ticket(http, meeting)
    ticketed = time.perf_counter()
    first: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    conn = await Conn.open(
        ws_url(hub, ticket), lambda _frame: None if first.done() else first.set_result(None)
    )
    await asyncio.wait_for(first, 120)
    connected = time.perf_counter()
    await conn.close()
    return {
        "login": logged_in - started,
        "ticket": ticketed - logged_in,
        "socket": connected - ticketed,
        "total": connected - started,
    }


def argon2_ms() -> float:
    hashed = credentials.hash_password(PASSWORD)
    started = time.perf_counter()
    for _ in range(5):
        credentials.password_matches(hashed, PASSWORD)
    return ms((time.perf_counter() - started) / 5)


async def measure(count: int, database: str) -> dict[str, Any]:
    with Stack(count, database=database) as stack:
        secrets = seed_accounts(stack, count)
        env = {**stack.env, "ORDET_CHAMBER_NETWORKS": "127.0.0.0/8"}
        hub = HubProcess(env, ("-m", "voting_server.bench.serve")).start()
        stack.hubs.append(hub)
        # The chair opens the meeting first, as in the chamber.
        await log_in(hub, stack.meeting, member(1), secrets[member(1)])
        people = [member(i) for i in range(2, count + 1)]
        started = time.perf_counter()
        steps = await asyncio.gather(
            *(log_in(hub, stack.meeting, p, secrets[p]) for p in people), return_exceptions=True
        )
        wall = time.perf_counter() - started
    done = [s for s in steps if isinstance(s, dict)]
    line: dict[str, Any] = {
        "logins": len(people),
        "database": database,
        "all_in_s": round(wall, 2),
        "failed": len(people) - len(done),
        "argon2_verify_ms": argon2_ms(),
    }
    for step in ("login", "ticket", "socket", "total"):
        values = [s[step] for s in done]
        line[f"{step}_p50_ms"], line[f"{step}_p99_ms"] = ms(p50(values)), ms(p99(values))
    errors = [str(s) for s in steps if isinstance(s, BaseException)]
    if errors:
        line["first_error"] = errors[0][:300]
    return line


def main(count: int, databases: tuple[str, ...]) -> int:
    raise_open_files()
    for database in databases:
        try:
            print(json.dumps(asyncio.run(measure(count, database))), flush=True)
        except NoDatabase as missing:
            print(json.dumps({"logins": count, "database": database, "skipped": str(missing)}))
    return 0
