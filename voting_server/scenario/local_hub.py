"""A throwaway hub for ``ordet scenario run`` without ``--url``.

Its clock and the runner's follow one file, so a script's clock steps move
both (``ORDET_CLOCK=file:``, see ``clock.py``).

Redis: REDIS_URL if set, else a private redis-server. Database: a fresh
SQLite file in a temporary directory, seeded with the demo assembly. The hub
runs as ``ordet serve --port 0`` in a subprocess and is stopped at the end.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..clock import CLOCK
from ..embedded_redis import redis_for_this_run
from ..hub_process import HubProcess
from ..store.db import make_engine
from ..store.seed import seed_demo


@dataclass(frozen=True)
class HubEnvironment:
    url: str
    database_url: str


@contextlib.contextmanager
def local_hub() -> Iterator[HubEnvironment]:
    with (
        tempfile.TemporaryDirectory(prefix="ordet-scenario-") as tmp,
        redis_for_this_run() as redis,
    ):
        data = Path(tmp)
        database_url = f"sqlite:///{data / 'ordet.db'}"
        clock_file = data / "clock"  # clock steps move the hub's time and ours alike
        followed, offset = CLOCK.shared, CLOCK.offset
        CLOCK.shared = clock_file
        engine = make_engine(database_url)
        try:
            seed_demo(engine)
        finally:
            engine.dispose()
        env = dict(os.environ)
        env.update(
            DATABASE_URL=database_url,
            REDIS_URL=redis,
            ORDET_DATA=str(data),
            ORDET_SECRET=secrets.token_hex(32),
            ORDET_SECURE_COOKIES="0",  # a hub on plain http on 127.0.0.1
            PYTHONUNBUFFERED="1",
            ORDET_CLOCK=f"file:{clock_file}",
        )
        hub = HubProcess(env).start()
        try:
            yield HubEnvironment(hub.url, database_url)
        finally:
            hub.stop()
            CLOCK.shared, CLOCK.offset = followed, offset
