"""Real services for the tests: Redis and PostgreSQL, started if not running.

REDIS_URL and TEST_DATABASE_URL point at running servers; otherwise the
loopback defaults are tried, and if nothing answers, a private server is
started from the binaries on this machine.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

from voting_server.embedded_redis import free_port, start_redis


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


@contextmanager
def redis_server() -> Iterator[str]:
    """A Redis base URL (without db number)."""
    if os.environ.get("REDIS_URL"):
        yield os.environ["REDIS_URL"].rsplit("/", 1)[0]
    elif reachable("127.0.0.1", 6379):
        yield "redis://127.0.0.1:6379"
    else:
        server = start_redis()
        try:
            yield f"redis://127.0.0.1:{server.port}"
        finally:
            server.stop()


@contextmanager
def postgres_server() -> Iterator[str]:
    """A PostgreSQL URL of a database the tests may use freely."""
    if os.environ.get("TEST_DATABASE_URL"):
        yield os.environ["TEST_DATABASE_URL"]
    elif reachable("127.0.0.1", 5432):
        yield "postgresql://postgres@127.0.0.1:5432/test"
    else:
        with _private_postgres() as url:
            yield url


@contextmanager
def _private_postgres() -> Iterator[str]:
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    if not bins:
        raise RuntimeError("PostgreSQL is not installed: run scripts/setup")
    initdb, pg_ctl = f"{bins[-1]}/initdb", f"{bins[-1]}/pg_ctl"
    data = tempfile.mkdtemp(prefix="ordet-pg-")
    port = free_port()
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(data, "postgres")
    subprocess.run(
        [*as_postgres, initdb, "-D", data, "-A", "trust", "-U", "postgres"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *as_postgres,
            pg_ctl,
            "-D",
            data,
            "-w",
            "-o",
            f"-p {port} -k {data} -c listen_addresses=127.0.0.1",
            "start",
        ],
        check=True,
        capture_output=True,
    )
    try:
        deadline = time.monotonic() + 20
        while not reachable("127.0.0.1", port) and time.monotonic() < deadline:
            time.sleep(0.1)
        subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "postgres",
                "-c",
                "CREATE DATABASE test",
            ],
            check=True,
            capture_output=True,
        )
        yield f"postgresql://postgres@127.0.0.1:{port}/test"
    finally:
        subprocess.run(
            [*as_postgres, pg_ctl, "-D", data, "-m", "immediate", "stop"], capture_output=True
        )
