"""Locust load test: a meeting played over the real protocol (msgpack over WebSockets).

Users: ``Delegate`` (log in, check in, ask for the floor, vote when a vote is
open), ``Chair`` (m1: start an item, give the floor, open and close votes) and
``Viewer`` (a public screen that only follows the view). Every command is a
locust request of type ``ws`` named after the command, timed to its ack.

Run headless against a hub (README, "Load tests"):

    DATABASE_URL=sqlite:///var/ordet.db locust -f loadtests/locustfile.py --headless \\
        -u 200 -r 50 -t 2m --host http://127.0.0.1:8000 Delegate Chair Viewer

DATABASE_URL must be the hub's database: the users mint their own login links
there, as an administrator would hand them out. ORDET_MEETING names the meeting
(default: today's meeting of ``ordet demo``), ORDET_MEMBERS how many members
m1..mN it has (default 71).
"""

from __future__ import annotations

import itertools
import os
import secrets
import time
from typing import Any

import httpx
import msgpack
from locust import User, between, events, task
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from voting_server.clock import CLOCK
from voting_server.protocol.follower import ViewFollower
from voting_server.store.db import make_engine
from voting_server.store.directory import Directory
from voting_server.store.seed import demo_meeting_id

MEETING = os.environ.get("ORDET_MEETING") or demo_meeting_id(CLOCK.today())
MEMBERS = int(os.environ.get("ORDET_MEMBERS", "71"))
_seats = itertools.count(2)  # m1 is the chair; delegates take m2, m3, ...
_directory: Directory | None = None


def directory() -> Directory:
    global _directory
    if _directory is None:
        _directory = Directory(
            make_engine(os.environ.get("DATABASE_URL", "sqlite:///var/ordet.db"))
        )
    return _directory


class Link:
    """One hub connection: the role's view, the delegate's own status, commands."""

    def __init__(self, host: str, principal: str | None, role: str = "") -> None:
        params: dict[str, str] = {"meeting": MEETING}
        with httpx.Client(base_url=host, timeout=30) as http:
            if principal is None:
                params["role"] = "public"
            else:
                http.get(f"/login/{directory().mint_login_link(principal)}")
                if role:
                    params["role"] = role
            ticket = self._ticket(http, params)
        url = host.replace("http", "ws", 1).rstrip("/") + f"/ws?ticket={ticket}"
        self.ws: ClientConnection = connect(url, max_size=2**24)
        self.follower = ViewFollower()
        # Unique to this link: a request id used again for another command is refused.
        self.rid_prefix = f"r{secrets.token_hex(4)}-"
        self.rids = itertools.count(1)

    @staticmethod
    def _ticket(http: httpx.Client, params: dict[str, str]) -> str:
        """Everyone but the chair waits (409) until the chair has opened the meeting."""
        for _ in range(120):
            answer = http.get("/api/ticket", params=params)
            if answer.status_code != 409:
                break
            time.sleep(0.5)
        answer.raise_for_status()
        return str(answer.json()["ticket"])

    def follow(self, seconds: float) -> int:
        """Apply whatever arrives for a while; return how many frames came."""
        count, until = 0, time.monotonic() + seconds
        while (left := until - time.monotonic()) > 0:
            try:
                self.follower.take(msgpack.unpackb(self.ws.recv(timeout=left)))
            except TimeoutError:
                break
            count += 1
        return count

    def command(self, type_: str, **fields: Any) -> dict[str, Any]:
        """Send a command, apply frames until its answer; report it to locust."""
        rid = f"{self.rid_prefix}{next(self.rids)}"
        started = time.perf_counter()
        self.ws.send(msgpack.packb({"type": type_, "rid": rid, **fields}))
        answer: dict[str, Any] = {}
        while answer.get("rid") != rid:
            answer = msgpack.unpackb(self.ws.recv(timeout=30))
            self.follower.take(answer)
        error = None
        if answer["type"] == "error" and not answer["code"].startswith(EXPECTED_REFUSALS):
            error = RuntimeError(answer["code"])
        events.request.fire(
            request_type="ws",
            name=type_,
            response_time=(time.perf_counter() - started) * 1000,
            response_length=0,
            exception=error,
            context={},
        )
        return answer

    def open_vote(self) -> str | None:
        view = self.follower.view
        vote = view.get("current_vote")
        if vote and view["votes"]["votes"][vote]["status"] == "open":
            return str(vote)
        return None

    def close(self) -> None:
        self.ws.close()


#: Refusals a real meeting produces all the time (already voted, list closed, ...).
EXPECTED_REFUSALS = ("vote.", "debate.", "agenda.", "attendance.", "meeting.")


class Delegate(User):
    wait_time = between(0.5, 2)
    weight = 20

    def on_start(self) -> None:
        self.link = Link(self.host, f"m{2 + (next(_seats) - 2) % (MEMBERS - 1)}")
        self.link.command("attendance.check_in")

    @task(5)
    def vote(self) -> None:
        self.link.follow(0.05)
        vote = self.link.open_vote()
        if vote and self.link.follower.me.get("vote", {}).get("ballot") is None:
            self.link.command("vote.cast", vote=vote, choice=("ja", "nej", "avstar")[id(self) % 3])

    @task(1)
    def ask_for_the_floor(self) -> None:
        self.link.command("debate.request_floor")

    def on_stop(self) -> None:
        self.link.close()


class Chair(User):
    wait_time = between(2, 4)
    fixed_count = 1

    def on_start(self) -> None:
        self.link = Link(self.host, "m1", role="chair")
        self.link.command("attendance.check_in")
        self.link.command("agenda.start_item", item="3")
        self.link.command("vote.open", question="Bifall till förslaget?")

    @task(3)
    def run_the_vote(self) -> None:
        self.link.follow(0.05)
        vote = self.link.open_vote()
        if vote is None:
            self.link.command("vote.open", question="Bifall till förslaget?")
        else:
            self.link.command("vote.close", vote=vote)

    @task(1)
    def next_speaker(self) -> None:
        self.link.command("debate.next_speaker")

    def on_stop(self) -> None:
        self.link.close()


class Viewer(User):
    """A public screen: it only follows the view."""

    wait_time = between(0, 0.1)
    weight = 5

    def on_start(self) -> None:
        self.link = Link(self.host, None)

    @task
    def watch(self) -> None:
        started = time.perf_counter()
        try:
            frames = self.link.follow(1.0)
        except ConnectionClosed as exc:
            frames, error = 0, exc
        else:
            error = None
        if frames or error:
            events.request.fire(
                request_type="ws",
                name="screen.frames",
                response_time=(time.perf_counter() - started) * 1000,
                response_length=frames,
                exception=error,
                context={},
            )

    def on_stop(self) -> None:
        self.link.close()
