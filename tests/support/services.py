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
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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


class PrivatePostgres:
    """A PostgreSQL server of this test run's own, on a free port: one a test
    may stop and start again (a database restart in the middle of a vote)."""

    def __init__(self) -> None:
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
        if not bins:
            raise RuntimeError("PostgreSQL is not installed: run scripts/setup")
        self.initdb, self.pg_ctl = f"{bins[-1]}/initdb", f"{bins[-1]}/pg_ctl"
        self.data = tempfile.mkdtemp(prefix="ordet-pg-")
        self.port = free_port()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_postgres:
            shutil.chown(self.data, "postgres")
        subprocess.run(
            [*self.as_postgres, self.initdb, "-D", self.data, "-A", "trust", "-U", "postgres"],
            check=True,
            capture_output=True,
        )

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/test"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1"
        # The server logs to a file: left on our pipes, it would hold them open
        # and this call would wait for it to exit.
        log = f"{self.data}/server.log"
        subprocess.run(
            [
                *self.as_postgres,
                self.pg_ctl,
                "-D",
                self.data,
                "-w",
                "-l",
                log,
                "-o",
                options,
                "start",
            ],
            check=True,
            capture_output=True,
        )
        deadline = time.monotonic() + 20
        while not reachable("127.0.0.1", self.port) and time.monotonic() < deadline:
            time.sleep(0.1)

    def stop(self) -> None:
        """As a crash would: no checkpoint, every connection cut."""
        subprocess.run(
            [*self.as_postgres, self.pg_ctl, "-D", self.data, "-m", "immediate", "stop"],
            capture_output=True,
        )

    def create_test_database(self) -> None:
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
             "-c", "CREATE DATABASE test"],
            check=True, capture_output=True,
        )  # fmt: skip


@contextmanager
def private_postgres() -> Iterator[PrivatePostgres]:
    server = PrivatePostgres()
    server.start()
    try:
        server.create_test_database()
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.data, ignore_errors=True)


@contextmanager
def _private_postgres() -> Iterator[str]:
    with private_postgres() as server:
        yield server.url


@contextmanager
def object_store() -> Iterator[str]:
    """An S3-compatible object store of this test run's own, in a process of its own
    (moto's server, spoken to over HTTP as any object store); yields ``host:port``."""
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while not reachable("127.0.0.1", port):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the object store did not start")
            time.sleep(0.1)
        yield f"127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)
