"""``ordet bench burst`` runs on the production database beside the embedded
one, and leaves nothing behind; the election benchmark checks what it counted
(tiny sizes: the figures are not the point)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from voting_server.bench import databases
from voting_server.bench.burst import measure_size
from voting_server.bench.displays import measure_displays
from voting_server.bench.election import KINDS, measure
from voting_server.bench.logins import measure as measure_logins
from voting_server.bench.meetings import measure as measure_meetings
from voting_server.store.db import make_engine


def bench_schemas(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'bench_%'")
            )
            return {row[0] for row in rows}
    finally:
        engine.dispose()


@pytest.mark.parametrize("kind", databases.KINDS)
async def test_a_burst_on_each_database(
    kind: str, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(databases.POSTGRES_ENV, postgres_url)
    before = bench_schemas(postgres_url)
    line = await measure_size(5, 1, None, http_max=5, database=kind)
    assert line["database"] == kind
    assert line["ordet"]["errors"] == 0 and line["ordet"]["tickets_via"] == "http"
    assert bench_schemas(postgres_url) == before


async def test_no_postgresql_is_said_not_failed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(databases.POSTGRES_ENV, "postgresql://postgres@127.0.0.1:1/postgres")
    line = await measure_size(5, 1, None, http_max=5, database="postgresql")
    assert "no PostgreSQL at 127.0.0.1:1" in line["skipped"]


async def test_idle_displays_receive_the_result_from_their_own_processes() -> None:
    line = await measure_displays(30, seats=5)
    assert (line["received"], line["client_processes"]) == (30, 1)
    assert line["hub_bytes_per_display"] > 0


def test_the_election_benchmark_counts_what_it_encrypted() -> None:
    for kind in KINDS:
        line = measure(kind, 12, "skipped")
        assert line["record_ok"] and line["refused"] == 0
        assert sum(line["counts"]) == sum(s % (line["limit"] + 1) for s in range(12))


async def test_members_log_in_through_the_portal_to_a_socket() -> None:
    line = await measure_logins(3, "sqlite")
    assert line["logins"] == 2 and line["failed"] == 0, line
    assert line["total_p99_ms"] >= line["login_p99_ms"] > 0


async def test_several_meetings_vote_at_once_on_two_hubs() -> None:
    line = await measure_meetings(2, 4, 2, 1, "sqlite")
    assert (line["meetings"], line["hub_processes"], line["refused"]) == (2, 2, 0), line
    assert line["votes_per_s"] > 0
