"""The real stack for one run: a temp SQLite database, Redis, and hub processes.

Redis is a private ``redis-server`` with persistence off (so a fault run may
kill and restart it empty), or the server REDIS_URL names. Every run uses a
meeting id of its own, so a shared Redis never mixes two runs' logs.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import redis

from ..auth.tickets import TicketSigner
from ..embedded_redis import EmbeddedRedis, start_redis
from ..log.redis_log import meeting_keys
from ..store.db import make_engine
from .assembly import TicketBook, seed_assembly


@dataclass
class HubProc:
    """One ``ordet serve --port 0`` subprocess."""

    env: dict[str, str]
    data: Path
    process: subprocess.Popen[bytes] | None = None
    url: str = ""

    def start(self, port: int = 0) -> HubProc:
        log_path = self.data / f"hub-{time.monotonic_ns()}.log"
        with log_path.open("w") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "voting_server.bench.serve", "--port", str(port)],
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and self.process.poll() is None:
            for line in log_path.read_text().splitlines():
                if line.startswith("Ordet listening on "):
                    self.url = line.split()[-1].rstrip("/")
                    return self
            time.sleep(0.02)
        raise RuntimeError("hub did not start:\n" + log_path.read_text())

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as in a crash."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


@dataclass
class Stack:
    seats: int
    meeting: str = field(default_factory=lambda: f"bench-{secrets.token_hex(4)}")
    secret: str = field(default_factory=lambda: secrets.token_hex(16))
    data: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="ordet-bench-")))
    embedded: EmbeddedRedis | None = None
    redis_url: str = ""
    hubs: list[HubProc] = field(default_factory=list)
    private_redis: bool = False  # fault runs restart Redis, so never use a shared one

    def __post_init__(self) -> None:
        self.database_url = f"sqlite:///{self.data / 'ordet.db'}"
        self.engine = make_engine(self.database_url)
        seed_assembly(self.engine, self.seats, self.meeting)
        self.book = TicketBook(TicketSigner(self.secret), self.meeting)
        if os.environ.get("REDIS_URL") and not self.private_redis:
            self.redis_url = os.environ["REDIS_URL"]
        else:
            self.embedded = start_redis()
            self.redis_url = self.embedded.url

    @property
    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            DATABASE_URL=self.database_url,
            REDIS_URL=self.redis_url,
            ORDET_DATA=str(self.data),
            ORDET_SECRET=self.secret,
            PYTHONUNBUFFERED="1",
        )
        return env

    def start_hub(self, port: int = 0) -> HubProc:
        hub = HubProc(self.env, self.data).start(port)
        self.hubs.append(hub)
        return hub

    def restart_redis(self) -> None:
        """Kill the private Redis and start it again, empty, on the same port."""
        if self.embedded is None:
            raise RuntimeError("restarting Redis needs the private Redis (unset REDIS_URL)")
        self.embedded.process.kill()
        self.embedded.process.wait()
        self.embedded = start_redis(self.embedded.port)

    def close(self) -> None:
        for hub in self.hubs:
            hub.stop()
        self.engine.dispose()
        if self.embedded is not None:
            self.embedded.stop()
        else:
            client = redis.Redis.from_url(self.redis_url)
            keys = [*meeting_keys(self.meeting), f"ordet:{{m:{self.meeting}}}:lease"]
            client.delete(*keys)
            client.close()
        shutil.rmtree(self.data, ignore_errors=True)

    def __enter__(self) -> Stack:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
