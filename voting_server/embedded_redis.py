"""Start a private Redis when REDIS_URL is not set.

Ordet runs the real ``redis-server`` (from PATH; the setup installs the OS
package), on a free loopback port, with persistence off: the SQL archive is
what makes the log durable, so this Redis keeps nothing on disk.

The server ends with the process that started it, however that process
ends: on Linux the kernel sends it SIGTERM when its parent dies (even by
SIGKILL), and a normal exit stops it as well.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

_PR_SET_PDEATHSIG = 1


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
        if self.process.poll() is not None:
            return
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
        preexec_fn=_die_with(os.getpid()),
    )
    server = EmbeddedRedis(process, port)
    atexit.register(server.stop)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2) as conn:
                conn.sendall(b"PING\r\n")
                if conn.recv(16).startswith(b"+PONG"):
                    return server
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"redis-server did not start on port {port}")


def _die_with(parent: int) -> Callable[[], None] | None:
    """In the child before exec: end when ``parent`` ends (Linux's parent-death signal).

    The signal follows the thread that forked; Ordet starts Redis from its main
    thread, which lives as long as the process.
    """
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(None, use_errno=True)

    def arm() -> None:
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before the signal was armed
            os._exit(1)

    return arm


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
