"""Agenda items are ärenden or val; jäv has no place in an election (KL 5 kap. 47 §)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session

from tests.domain.meeting_fixtures import ROSTER, delegate, refused, when
from voting_server.domain.aggregate import fold
from voting_server.domain.base import Actor, Role
from voting_server.domain.meeting import commands as c
from voting_server.domain.meeting.events import AgendaItem, ItemKind, JavDeclared
from voting_server.domain.meeting.rules import open_meeting
from voting_server.domain.wire import from_wire, to_wire
from voting_server.store.db import make_engine
from voting_server.store.models import AgendaItemRow, MeetingRow

AGENDA = (
    AgendaItem("1", "Val av ordförande i revisionen", ItemKind.VAL),
    AgendaItem("2", "Detaljplan för Norra hamnen", ItemKind.ARENDE, "KS 2026/118"),
)
SECRETARY = Actor(Role.SECRETARY, "sekr")


def test_jav_cannot_be_declared_on_an_election() -> None:
    meeting = fold([(e, 0) for e in open_meeting("t", "Test", ROSTER, AGENDA)])
    assert refused(meeting, c.DeclareJav("1"), delegate("m2")) == "jav.election"
    assert refused(meeting, c.DeclareJav("1", "m2"), SECRETARY) == "jav.election"
    assert when(meeting, c.DeclareJav("2"), delegate("m2")) == [JavDeclared("m2", "2")]


def test_an_item_keeps_its_kind_and_diarienummer_in_the_log() -> None:
    (opened, *_) = open_meeting("t", "Test", ROSTER, AGENDA)
    back = from_wire(type(opened), to_wire(opened))
    assert back.agenda == AGENDA  # type: ignore[attr-defined]
    # A log written before items had kinds reads as ärenden without a diarienummer.
    old = {"id": "9", "title": "Gammalt ärende"}
    assert from_wire(AgendaItem, old) == AgendaItem("9", "Gammalt ärende", ItemKind.ARENDE, "")


def test_a_database_made_before_item_kinds_gets_the_new_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE agenda_item (meeting_id VARCHAR NOT NULL, position INTEGER NOT NULL,"
            " item_id VARCHAR NOT NULL, title VARCHAR NOT NULL, PRIMARY KEY (meeting_id, position))"
        )
        db.execute("INSERT INTO agenda_item VALUES ('m', 0, '1', 'Gammalt')")
    engine = make_engine(f"sqlite:///{path}")
    with Session(engine) as s:
        row = s.get(AgendaItemRow, ("m", 0))
        assert row is not None and (row.kind, row.diarienummer) == ("arende", "")
        assert (row.title_en, row.proposal) == ("", "")
    engine.dispose()


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_the_new_columns_reach_an_old_postgresql_database_too(database_url: str) -> None:
    engine = make_engine(database_url)
    with engine.begin() as conn:
        for column in ("kind", "diarienummer", "title_en", "proposal"):
            conn.execute(text(f"ALTER TABLE agenda_item DROP COLUMN {column}"))
        conn.execute(text("ALTER TABLE meeting DROP COLUMN place"))
        conn.execute(text("INSERT INTO assembly (id, name, settings) VALUES ('a', 'A', '{}')"))
        conn.execute(
            text(
                "INSERT INTO meeting (id, assembly_id, title, starts_at, chair_id)"
                " VALUES ('m', 'a', 'M', '', '')"
            )
        )
        conn.execute(text("INSERT INTO agenda_item VALUES ('m', 0, '1', 'Gammalt')"))
    engine.dispose()
    engine = make_engine(database_url)
    with Session(engine) as s:
        row = s.get(AgendaItemRow, ("m", 0))
        assert row is not None and (row.kind, row.diarienummer) == ("arende", "")
        meeting = s.get(MeetingRow, "m")
        assert meeting is not None and meeting.place == ""
    engine.dispose()
