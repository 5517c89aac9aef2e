"""Start a private Redis when REDIS_URL is not set.

Ordet runs the real ``redis-server`` (from PATH; the setup installs the OS
package), on a free loopback port, with persistence off: the SQL archive is
what makes the log durable, so this Redis keeps nothing on disk.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass


class RedisNotFound(RuntimeError):
    pass


@dataclass
class EmbeddedRedis:
    process: subprocess.Popen[bytes]
    port: int

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_redis(port: int | None = None) -> EmbeddedRedis:
    binary = shutil.which("redis-server")
    if binary is None:
        raise RedisNotFound(
            "redis-server is not on PATH: run scripts/setup (it installs the OS package) "
            "or set REDIS_URL to a running Redis"
        )
    port = port or free_port()
    workdir = tempfile.mkdtemp(prefix="ordet-redis-")
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            workdir,
            "--logfile",
            "",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2) as conn:
                conn.sendall(b"PING\r\n")
                if conn.recv(16).startswith(b"+PONG"):
                    return EmbeddedRedis(process, port)
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"redis-server did not start on port {port}")


@contextlib.contextmanager
def redis_for_this_run() -> Iterator[str]:
    """REDIS_URL if set, else a private redis-server for as long as the block runs."""
    if os.environ.get("REDIS_URL"):
        yield os.environ["REDIS_URL"]
        return
    server = start_redis()
    try:
        yield server.url
    finally:
        server.stop()
