"""A throwaway hub for ``ordet scenario run`` without ``--url``.

Redis: REDIS_URL if set, else a private redis-server. Database: a fresh
SQLite file in a temporary directory, seeded with the demo assembly. The hub
runs as ``ordet serve --port 0`` in a subprocess and is stopped at the end.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..embedded_redis import start_redis
from ..store.db import make_engine
from ..store.seed import seed_demo

_BANNER = "Ordet listening on "
START_TIMEOUT = 30.0


@dataclass(frozen=True)
class HubEnvironment:
    url: str
    database_url: str


@contextlib.contextmanager
def local_hub() -> Iterator[HubEnvironment]:
    with tempfile.TemporaryDirectory(prefix="ordet-scenario-") as tmp, _redis() as redis_url:
        data = Path(tmp)
        database_url = f"sqlite:///{data / 'ordet.db'}"
        engine = make_engine(database_url)
        try:
            seed_demo(engine)
        finally:
            engine.dispose()
        env = dict(os.environ)
        env.update(
            DATABASE_URL=database_url,
            REDIS_URL=redis_url,
            ORDET_DATA=str(data),
            ORDET_SECRET=secrets.token_hex(32),
            PYTHONUNBUFFERED="1",
        )
        log_path = data / "hub.log"
        with log_path.open("w") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "voting_server.cli", "serve", "--port", "0"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            yield HubEnvironment(_wait_for_banner(process, log_path), database_url)
        finally:
            _stop(process)


@contextlib.contextmanager
def _redis() -> Iterator[str]:
    if os.environ.get("REDIS_URL"):
        yield os.environ["REDIS_URL"]
        return
    server = start_redis()
    try:
        yield server.url
    finally:
        server.stop()


def _wait_for_banner(process: subprocess.Popen[bytes], log_path: Path) -> str:
    """The hub's base URL, from the line it prints once it listens."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and process.poll() is None:
        for line in log_path.read_text().splitlines():
            if line.startswith(_BANNER):
                return line.removeprefix(_BANNER).strip().rstrip("/")
        time.sleep(0.05)
    raise RuntimeError("the hub did not start:\n" + log_path.read_text())


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
