"""The private redis-server a hub starts (no REDIS_URL) ends with the hub, however it ends."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from tests.support.hubs import HubProcess, hub_env


def children_named(pid: int, name: str) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            comm = Path(f"/proc/{child}/comm")
            if comm.exists() and comm.read_text().strip() == name:
                found.append(int(child))
    return found


def ended(pid: int) -> bool:
    """Gone, or a zombie waiting to be reaped: either way it runs no more."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state in ("Z", "X")


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process tree from /proc")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_the_private_redis_ends_with_the_hub(
    how: signal.Signals, sqlite_url: str, tmp_path: Path, demo_engine: Engine
) -> None:
    env = hub_env(sqlite_url, "", tmp_path)
    del env["REDIS_URL"]
    hub = HubProcess(env).start()
    try:
        [redis_pid] = children_named(hub.pid, "redis-server")
        assert not ended(redis_pid)
        os.kill(hub.pid, how)
        assert hub.process is not None
        hub.process.wait(15)
        deadline = time.monotonic() + 10
        while not ended(redis_pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ended(redis_pid), f"redis-server {redis_pid} outlived its hub ({how.name})"
    finally:
        hub.stop()
