"""A database made by an earlier Ordet opens with its data and today's schema."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text
from sqlmodel import Session, select

from voting_server.store.db import make_engine
from voting_server.store.models import AssemblyRow, PartyRow

EARLIER_SCHEMA = (
    "CREATE TABLE assembly (id VARCHAR NOT NULL PRIMARY KEY, name VARCHAR NOT NULL, "
    "settings VARCHAR NOT NULL)",
    "CREATE TABLE party (id VARCHAR NOT NULL PRIMARY KEY, assembly_id VARCHAR NOT NULL "
    "REFERENCES assembly (id), name VARCHAR NOT NULL, color VARCHAR NOT NULL, "
    "position INTEGER NOT NULL)",
    "CREATE INDEX ix_party_assembly_id ON party (assembly_id)",
    "INSERT INTO assembly VALUES ('rf', 'Regionfullmäktige', '{}')",
    "INSERT INTO party VALUES ('S', 'rf', 'Socialdemokraterna', '#b5121b', 0)",
)


def test_parties_once_keyed_by_id_alone_are_keyed_per_body(database_url: str) -> None:
    raw = create_engine(database_url.replace("postgresql://", "postgresql+psycopg://"))
    with raw.begin() as conn:
        for statement in EARLIER_SCHEMA:
            conn.execute(text(statement))
    raw.dispose()

    engine = make_engine(database_url)
    make_engine(database_url).dispose()  # a second start changes nothing
    key = inspect(engine).get_pk_constraint("party")["constrained_columns"]
    assert sorted(key) == ["assembly_id", "id"]
    with Session(engine) as s:
        s.add(AssemblyRow(id="hsn", name="Hälso- och sjukvårdsnämnden"))
        s.flush()
        s.add(PartyRow(id="S", assembly_id="hsn", name="Socialdemokraterna"))
        s.commit()
        rows = s.exec(select(PartyRow).order_by(PartyRow.assembly_id)).all()
    assert [(p.assembly_id, p.id, p.color) for p in rows] == [
        ("hsn", "S", "#777777"),
        ("rf", "S", "#b5121b"),
    ]
    engine.dispose()
