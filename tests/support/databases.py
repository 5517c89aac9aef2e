"""Fresh databases for a test: an SQLite file, or a PostgreSQL schema of its own."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import text

from voting_server.store.db import make_engine


@contextlib.contextmanager
def fresh_database(kind: str, tmp_path: Path, postgres_base: Callable[[], str]) -> Iterator[str]:
    """The URL of an empty database of ``kind`` ("sqlite" or "postgresql")."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'ordet.db'}"
        return
    base = postgres_base()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield f"{base}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
