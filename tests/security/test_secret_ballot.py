"""The secret ballot against an operator who reads everything, on SQLite and PostgreSQL.

While the vote is open, an operator who can read every table, file and Redis
key, but not ``ORDET_SECRET``, learns neither a choice nor the running count
nor which sealed ballot is whose. After the close, a backup taken during the
vote cannot be opened even with every secret of the installation.
"""

from __future__ import annotations

import asyncio
import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from tests.support.actors import connect_as
from tests.support.hubs import TEST_SECRET, HubProcess, hub_env
from voting_server.client import HubClient
from voting_server.hub.urn import KeyWrap, UrnError, open_urn
from voting_server.log.redis_log import namespace
from voting_server.store.db import make_engine
from voting_server.store.seed import seed_demo

SHORT, LONG = "Li", "Maximiliana Östergren-Lindqvist"
SECRET = TEST_SECRET


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    seed_demo(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def hub(database_url: str, redis_url: str, tmp_path: Path, engine: Engine) -> Iterator[HubProcess]:
    process = HubProcess(hub_env(database_url, redis_url, tmp_path)).start()
    yield process
    process.stop()


def everything_in_sql(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, with PostgreSQL's transaction ids where there are any."""
    postgres = engine.dialect.name == "postgresql"
    tables: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as conn:
        for table in inspect(engine).get_table_names():
            columns = "xmin::text AS xmin, *" if postgres else "*"
            rows = conn.execute(text(f'SELECT {columns} FROM "{table}"'))
            tables[table] = [dict(r._mapping) for r in rows]
    return tables


def everything_in_redis(url: str) -> list[bytes]:
    client = redis.Redis.from_url(url)
    values: list[bytes] = []
    for key in client.scan_iter(match=f"{namespace()}:*"):
        kind = client.type(key)
        if kind == b"string":
            values.append(client.get(key) or b"")
        elif kind == b"stream":
            for _, fields in client.xrange(key):
                values.extend(fields.values())
    client.close()
    return values


def files_of(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def database_files(engine: Engine) -> list[Path]:
    """The files the database keeps on disk: SQLite's file and WAL, or PostgreSQL's WAL."""
    if engine.dialect.name == "sqlite":
        path = Path(str(engine.url.database))
        return [p for p in (path, Path(f"{path}-wal")) if p.exists()]
    with engine.connect() as conn:
        data = Path(conn.execute(text("SHOW data_directory")).scalar_one())
    return [p for p in (data / "pg_wal").iterdir() if p.is_file()]


def the_urn(tables: dict[str, list[dict[str, Any]]], vote: str) -> bytes:
    rows = [r for r in tables["urn"] if r["vote_id"] == vote]
    assert len(rows) == 1, "one sealed urn per vote, never a row per ballot"
    return bytes(rows[0]["sealed"])


def keys_anyone_could_try(*sources: list[bytes]) -> list[bytes]:
    """Every 32-byte value and every 32-byte window of a short value: would-be urn keys."""
    found = []
    for source in sources:
        for value in source:
            if len(value) <= 128:
                found.extend(value[i : i + 32] for i in range(max(len(value) - 31, 0)))
    return found


def opens(key: bytes, meeting: str, vote: str, sealed: bytes) -> bool:
    try:
        open_urn(key, meeting, vote, sealed)
    except UrnError:
        return False
    return True


async def election(chair: HubClient, display: HubClient) -> str:
    await chair.command(
        "vote.open",
        question="Val av revisor",
        method="majority",
        secret=True,
        options=[SHORT, LONG],
    )
    await display.wait_for(lambda d: d.view.get("current_vote") is not None)
    return str(display.view["current_vote"])


async def test_nothing_an_operator_reads_tells_a_choice_and_a_backup_never_opens(
    hub: HubProcess, engine: Engine, redis_url: str, tmp_path: Path
) -> None:
    chair = await connect_as(hub.url, engine, "m1", role="chair")
    members = list(
        await asyncio.gather(*(connect_as(hub.url, engine, f"m{i}") for i in range(2, 41)))
    )
    display = await connect_as(hub.url, engine, "display")
    try:
        await asyncio.gather(*(c.command("attendance.check_in") for c in [chair, *members]))
        await chair.command("agenda.start_item", item="2")

        # Two elections with the same number of ballots: all for the short name, all for the long.
        lengths = []
        for name in (SHORT, LONG):
            vote = await election(chair, display)
            for member in members[:12]:
                await member.command("vote.cast", vote=vote, names=[name])
            lengths.append(len(the_urn(everything_in_sql(engine), vote)))
            await chair.command("vote.close", vote=vote)
        assert lengths[0] == lengths[1], "the urn's length depends on the choices in it"

        # A third election, cast one by one: after each ballot the operator looks at everything.
        vote = await election(chair, display)
        choices = [SHORT, LONG, LONG, SHORT, LONG, SHORT, SHORT, LONG, LONG, LONG]
        sizes = []
        for member, name in zip(members[12:], choices, strict=False):
            await member.command("vote.cast", vote=vote, names=[name])
            tables = everything_in_sql(engine)
            sealed = the_urn(tables, vote)
            sizes.append(len(sealed))
            log_bytes = [bytes(r["data"]) for r in tables["log_entry"]]
            cells = [v for rows in tables.values() for r in rows for v in r.values()]
            cell_bytes = [v if isinstance(v, bytes) else str(v).encode() for v in cells]
            redis_values = everything_in_redis(redis_url)
            data_files = list(files_of(tmp_path).values())
            # Without the secret nothing opens the urn, and no entry of the log names a choice.
            tries = keys_anyone_could_try(cell_bytes, redis_values, data_files)
            assert not any(opens(k, "demo", vote, sealed) for k in tries)
            marks = [d for d in log_bytes if b"vote.secret_ballot_cast" in d]
            assert marks and all(LONG.encode() not in d and b'"Li"' not in d for d in marks)
        # Each ballot adds the same number of bytes, whatever it says.
        assert len({b - a for a, b in itertools.pairwise(sizes)}) == 1

        # The test could see it: with the secret, the key in Redis opens the urn while it is open.
        wrap = KeyWrap(SECRET)
        keys = [
            wrap.unwrap("demo", vote, value)
            for value in everything_in_redis(redis_url)
            if len(value) == 60
        ]
        urn = next(
            open_urn(k, "demo", vote, sealed) for k in keys if opens(k, "demo", vote, sealed)
        )
        assert sorted(urn) == sorted(f'["{n}"]' for n in choices)
        urn_key = next(k for k in keys if opens(k, "demo", vote, sealed))
        # The key itself never touched the database's files, the log or Redis in the clear.
        for path in database_files(engine):
            assert urn_key not in path.read_bytes(), path
        assert all(urn_key not in v for v in redis_values + data_files)

        # A backup taken now, during the vote.
        backup = tmp_path / "backup"
        backup.mkdir()
        for path in database_files(engine) if engine.dialect.name == "sqlite" else []:
            shutil.copy(path, backup / path.name)
        backup_urn = sealed

        await chair.command("vote.close", vote=vote)
        await display.wait_for(lambda d: d.view["votes"]["votes"][vote]["status"] == "closed")
        tally = display.view["votes"]["votes"][vote]["tally"]
        assert tally, "the close counted the urn"

        # After the close: the urn, its key in Redis and its key file are gone. Whoever holds
        # the secret, every file of the data directory and every Redis value cannot open the
        # backup's urn.
        tables = everything_in_sql(engine)
        assert not [r for r in tables["urn"] if r["vote_id"] == vote]
        after_redis = everything_in_redis(redis_url)
        after_files = [v for p, v in files_of(tmp_path).items() if backup not in p.parents]
        unwrapped = []
        for value in after_redis + after_files:
            try:
                unwrapped.append(wrap.unwrap("demo", vote, value))
            except UrnError:
                continue
        tries = unwrapped + keys_anyone_could_try(after_redis, after_files)
        assert not any(opens(k, "demo", vote, backup_urn) for k in tries)
        for path in backup.iterdir():
            assert urn_key not in path.read_bytes()
    finally:
        for client in (chair, display, *members):
            await client.close()


def void(vote: str, reason: str) -> dict[str, Any]:
    return {"type": "vote.void", "vote": vote, "reason": reason}


async def test_a_void_secret_election_leaves_no_urn_that_opens(
    hub: HubProcess, engine: Engine, redis_url: str, tmp_path: Path
) -> None:
    chair = await connect_as(hub.url, engine, "m1", role="chair")
    members = list(
        await asyncio.gather(*(connect_as(hub.url, engine, f"m{i}") for i in range(2, 41)))
    )
    display = await connect_as(hub.url, engine, "display")
    try:
        await asyncio.gather(*(c.command("attendance.check_in") for c in [chair, *members]))
        await chair.command("agenda.start_item", item="2")
        vote = await election(chair, display)
        for member in members[:5]:
            await member.command("vote.cast", vote=vote, names=[LONG])
        sealed = the_urn(everything_in_sql(engine), vote)

        assert (await chair.send(void(vote, "  ")))["code"] == "vote.void_reason_required"
        assert (await members[0].send(void(vote, "Fel val")))["code"] == "auth.forbidden"
        await chair.command("vote.void", vote=vote, reason="Fel kandidatlista")
        await display.wait_for(lambda d: d.view["votes"]["votes"][vote]["status"] == "void")
        shown = display.view["votes"]["votes"][vote]
        assert shown["void_reason"] == "Fel kandidatlista" and "tally" not in shown
        assert display.view.get("current_vote") is None

        # Nothing is counted later, and nothing left anywhere opens what was cast.
        late = await members[6].send({"type": "vote.cast", "vote": vote, "names": [SHORT]})
        assert late["code"] == "vote.closed"
        assert (await chair.send({"type": "vote.close", "vote": vote}))["code"] == "vote.closed"
        assert not [r for r in everything_in_sql(engine)["urn"] if r["vote_id"] == vote]
        values = everything_in_redis(redis_url) + list(files_of(tmp_path).values())
        unwrapped = []
        for value in values:
            try:
                unwrapped.append(KeyWrap(SECRET).unwrap("demo", vote, value))
            except UrnError:
                continue
        tries = unwrapped + keys_anyone_could_try(values)
        assert not any(opens(k, "demo", vote, sealed) for k in tries)

        # The item goes on: a new election opens with the next number.
        again = await election(chair, display)
        assert again != vote
    finally:
        for client in (chair, display, *members):
            await client.close()
