"""The SQL archive on SQLite and on PostgreSQL: the durable, version-checked log."""

from __future__ import annotations

import pytest

from voting_server.log.chain import GENESIS, seal, verify
from voting_server.store.archive import Archive, ArchiveConflict
from voting_server.store.db import make_engine


def test_entries_round_trip_exactly(database_url: str) -> None:
    archive = Archive(make_engine(database_url))
    entries = seal(0, GENESIS, [b"\x00binary\xff", "åäö".encode(), b""])
    archive.append("m", entries)
    assert archive.read("m") == entries
    assert archive.head("m") == 3
    verify(archive.read("m"))
    archive.engine.dispose()


def test_a_taken_sequence_number_is_a_conflict_and_nothing_is_half_written(
    database_url: str,
) -> None:
    archive = Archive(make_engine(database_url))
    archive.append("m", seal(0, GENESIS, [b"a", b"b"]))
    overlapping = seal(1, archive.read("m")[0].hash, [b"x", b"y", b"z"])
    with pytest.raises(ArchiveConflict):
        archive.append("m", overlapping)
    assert [e.data for e in archive.read("m")] == [b"a", b"b"]
    archive.engine.dispose()


def test_meetings_are_kept_apart(database_url: str) -> None:
    archive = Archive(make_engine(database_url))
    archive.append("one", seal(0, GENESIS, [b"1"]))
    archive.append("two", seal(0, GENESIS, [b"2", b"2"]))
    assert (archive.head("one"), archive.head("two")) == (1, 2)
    assert [e.seq for e in archive.read("two", after=1)] == [2]
    archive.engine.dispose()
