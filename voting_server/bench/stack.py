"""The real stack for one run: a throwaway database (SQLite, or a PostgreSQL
schema: ``databases.py``), Redis, and hub processes.

Redis is a private ``redis-server`` with persistence off (so a fault run may
kill and restart it empty), or the server REDIS_URL names. Every run uses a
meeting id of its own, so a shared Redis never mixes two runs' logs.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import redis

from ..auth.tickets import TicketSigner
from ..embedded_redis import EmbeddedRedis, start_redis
from ..hub_process import HubProcess
from ..log.redis_log import meeting_keys
from ..store.db import make_engine
from . import databases
from .assembly import TicketBook, seed_assembly


@dataclass
class Stack:
    seats: int
    meeting: str = field(default_factory=lambda: f"bench-{secrets.token_hex(4)}")
    secret: str = field(default_factory=lambda: secrets.token_hex(32))
    data: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="ordet-bench-")))
    embedded: EmbeddedRedis | None = None
    redis_url: str = ""
    hubs: list[HubProcess] = field(default_factory=list)
    private_redis: bool = False  # fault runs restart Redis, so never use a shared one
    database: str = "sqlite"  # or "postgresql"

    def __post_init__(self) -> None:
        try:
            self.database_url, self.schema = databases.create(self.database, self.data)
        except databases.NoDatabase:
            shutil.rmtree(self.data, ignore_errors=True)
            raise
        self.engine = make_engine(self.database_url)
        try:
            seed_assembly(self.engine, self.seats, self.meeting)
        except Exception:
            self.engine.dispose()
            if self.schema is not None:
                databases.drop(self.schema)
            raise
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
            ORDET_SECURE_COOKIES="0",  # a hub on plain http on 127.0.0.1
            PYTHONUNBUFFERED="1",
        )
        return env

    def start_hub(self, port: int = 0) -> HubProcess:
        hub = HubProcess(self.env, ("-m", "voting_server.bench.serve")).start(port)
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
        if self.schema is not None:
            databases.drop(self.schema)
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
