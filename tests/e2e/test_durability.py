"""An acknowledged command survives a SIGKILL of the hub and a restart of Redis.

Redis here is a private server with persistence off, killed and started again
empty on the same port, as after a crash of the machine that runs it.
"""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

from sqlalchemy.engine import Engine

from tests.support.actors import connect_as
from tests.support.hubs import HubProcess, hub_env
from voting_server.client import HubClient
from voting_server.embedded_redis import start_redis
from voting_server.log.chain import verify
from voting_server.store.archive import Archive


async def _check_in_until_killed(members: list[HubClient], hub: HubProcess) -> set[str]:
    """Send every check-in at once, SIGKILL the hub after the first acks; return the acked."""
    acked: set[str] = set()

    async def one(member: HubClient) -> None:
        with contextlib.suppress(Exception):
            await member.command("attendance.check_in")
            acked.add(str(member.welcome["person"]))

    tasks = [asyncio.create_task(one(m)) for m in members]
    while len(acked) < 5:
        await asyncio.sleep(0.001)
    hub.kill()
    await asyncio.wait(tasks, timeout=35)
    return acked


async def test_acknowledged_commands_survive_a_hub_kill_and_a_redis_restart(
    sqlite_url: str, demo_engine: Engine, tmp_path: Path
) -> None:
    redis = start_redis()
    env = hub_env(sqlite_url, redis.url, tmp_path)
    hub = HubProcess(env).start()
    members = [await connect_as(hub.url, demo_engine, f"m{i}") for i in range(1, 61)]
    acked = await _check_in_until_killed(members, hub)
    for member in members:
        await member.close()

    redis.process.kill()  # persistence is off: everything in Redis is gone
    redis.process.wait()
    redis = start_redis(redis.port)
    restarted = HubProcess(env).start()
    try:
        display = await connect_as(restarted.url, demo_engine, "display")
        presence = display.view["attendance"]["presence"]
        assert acked <= {person for person, state in presence.items() if state == "present"}
        entries = Archive(demo_engine).read("demo")
        verify(entries)
        # The new process carries on the same chain.
        late = await connect_as(restarted.url, demo_engine, "m70")
        seq = await late.command("attendance.check_in")
        assert seq == len(entries) + 1 or seq > len(entries)
        verify(Archive(demo_engine).read("demo"))
        await display.close()
        await late.close()
    finally:
        restarted.stop()
        redis.stop()


async def test_a_redis_restart_under_a_running_hub_loses_nothing(
    sqlite_url: str, demo_engine: Engine, tmp_path: Path
) -> None:
    redis = start_redis()
    hub = HubProcess(hub_env(sqlite_url, redis.url, tmp_path)).start()
    try:
        first = await connect_as(hub.url, demo_engine, "m1")
        await first.command("attendance.check_in")
        redis.process.kill()
        redis.process.wait()
        redis = start_redis(redis.port)
        second = await connect_as(hub.url, demo_engine, "m2")
        await second.command("attendance.check_in")
        display = await connect_as(hub.url, demo_engine, "display")
        assert display.view["attendance"]["filled"] == 2
        verify(Archive(demo_engine).read("demo"))
        for client in (first, second, display):
            await client.close()
    finally:
        hub.stop()
        redis.stop()
