"""Database engines: SQLite by default, PostgreSQL when DATABASE_URL says so."""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel, create_engine

from . import (
    models,
    portal_models,  # noqa: F401  (registers the portal's tables)
)


def make_engine(url: str) -> Engine:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite"):
        _owner_only(url)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True, pool_size=5)
    SQLModel.metadata.create_all(engine)
    _add_new_columns(engine)
    _key_parties_per_body(engine)
    _drop_retired_tables(engine)
    return engine


#: Tables an earlier Ordet made and no longer uses. ``urn_ballot`` kept one row
#: per secret ballot in the order cast, which could link a ballot to its voter.
RETIRED_TABLES = ("urn_ballot",)


def _drop_retired_tables(engine: Engine) -> None:
    with engine.begin() as conn:
        for name in RETIRED_TABLES:
            conn.execute(text(f'DROP TABLE IF EXISTS "{name}"'))


def _owner_only(url: str) -> None:
    """Create the SQLite file readable by its owner only (it holds every log and account)."""
    path = url.split(":///", 1)[-1]
    if not path or path == ":memory:" or path.startswith("file:"):
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def _add_new_columns(engine: Engine) -> None:
    """Columns a table gained since the database was made, added with their defaults.

    ``create_all`` makes missing tables only; an installation upgraded in place
    keeps its data and gets the new columns (``str``, ``int`` or ``bool`` with a
    default, as every column added so far has).
    """
    inspector = inspect(engine)
    with engine.begin() as conn:
        for table in SQLModel.metadata.sorted_tables:
            if not inspector.has_table(table.name):
                continue
            present = {c["name"] for c in inspector.get_columns(table.name)}
            for column in table.columns:
                if column.name in present:
                    continue
                default = getattr(column.default, "arg", None)
                if isinstance(default, bool):
                    literal = "TRUE" if default else "FALSE"
                elif isinstance(default, int):
                    literal = str(default)
                elif isinstance(default, str):
                    literal = "'" + default.replace("'", "''") + "'"
                else:
                    raise RuntimeError(f"{table.name}.{column.name}: add it by hand")
                kind = column.type.compile(dialect=engine.dialect)
                conn.execute(
                    text(
                        f'ALTER TABLE "{table.name}" ADD COLUMN "{column.name}" {kind} '
                        f"NOT NULL DEFAULT {literal}"
                    )
                )


def _key_parties_per_body(engine: Engine) -> None:
    """Party ids were once global; each body now has its own (key: assembly and id)."""
    key = inspect(engine).get_pk_constraint("party")
    if key.get("constrained_columns") != ["id"]:
        return
    columns = "id, assembly_id, name, color, position"
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text(f'ALTER TABLE party DROP CONSTRAINT "{key["name"]}"'))
            conn.execute(text("ALTER TABLE party ADD PRIMARY KEY (assembly_id, id)"))
            return
        # SQLite cannot change a primary key: build the table anew and copy the rows.
        conn.execute(text("ALTER TABLE party RENAME TO party_global_ids"))
        conn.execute(text("DROP INDEX IF EXISTS ix_party_assembly_id"))
        models.PartyRow.__table__.create(conn)  # type: ignore[attr-defined]
        conn.execute(text(f"INSERT INTO party ({columns}) SELECT {columns} FROM party_global_ids"))
        conn.execute(text("DROP TABLE party_global_ids"))


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers work during a write; FULL makes each commit durable.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=30000")
    # Deleted content (a closed vote's urn) is overwritten, not left in free pages.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()
