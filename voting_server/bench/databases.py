"""The databases a benchmark runs on: a throwaway SQLite file, or a schema of
its own in a PostgreSQL server (``ORDET_BENCH_POSTGRES``, by default the one
on 127.0.0.1:5432), dropped at the end."""

from __future__ import annotations

import os
import secrets
import socket
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import text

from ..store.db import make_engine

KINDS = ("sqlite", "postgresql")
POSTGRES_ENV = "ORDET_BENCH_POSTGRES"
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"


class NoDatabase(RuntimeError):
    """The database asked for is not reachable here."""


def postgres_base() -> str:
    """The server a PostgreSQL benchmark uses; NoDatabase if nothing listens there."""
    url = os.environ.get(POSTGRES_ENV, DEFAULT_POSTGRES)
    where = urlsplit(url)
    try:
        socket.create_connection((where.hostname or "127.0.0.1", where.port or 5432), 1).close()
    except OSError:
        where_to = f"{where.hostname}:{where.port}"
        raise NoDatabase(f"no PostgreSQL at {where_to}; set {POSTGRES_ENV}") from None
    return url


def create(kind: str, data: Path) -> tuple[str, str | None]:
    """A fresh database's URL, and the PostgreSQL schema to drop afterwards."""
    if kind == "sqlite":
        return f"sqlite:///{data / 'ordet.db'}", None
    base = postgres_base()
    schema = f"bench_{secrets.token_hex(6)}"
    admin = make_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    finally:
        admin.dispose()
    return f"{base}?options=-csearch_path%3D{schema}", schema


def drop(schema: str) -> None:
    admin = make_engine(postgres_base())
    try:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    finally:
        admin.dispose()
