"""The durable archive of meeting logs in SQL.

An entry is inserted here, in one transaction per batch, before it reaches
Redis or any client: the primary key (meeting, seq) refuses a second writer
of the same position, so SQL is where the order is settled and kept.
"""

from __future__ import annotations

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from ..log.chain import LogEntry
from .models import LogRow


class ArchiveConflict(Exception):
    """Another writer already holds one of these sequence numbers."""


class Archive:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def append(self, meeting: str, entries: list[LogEntry]) -> None:
        """Store entries atomically; raise ArchiveConflict if any seq is taken."""
        rows = [
            LogRow(meeting_id=meeting, seq=e.seq, prev=e.prev, data=e.data, hash=e.hash)
            for e in entries
        ]
        try:
            with Session(self.engine) as session:
                session.add_all(rows)
                session.commit()
        except IntegrityError as exc:
            raise ArchiveConflict(meeting) from exc

    def head(self, meeting: str) -> int:
        with Session(self.engine) as session:
            stmt = select(func.max(LogRow.seq)).where(LogRow.meeting_id == meeting)
            return session.exec(stmt).one() or 0

    def read(self, meeting: str, after: int = 0, limit: int | None = None) -> list[LogEntry]:
        with Session(self.engine) as session:
            stmt = (
                select(LogRow)
                .where(LogRow.meeting_id == meeting, col(LogRow.seq) > after)
                .order_by(col(LogRow.seq))
            )
            if limit is not None:
                stmt = stmt.limit(limit)
            return [LogEntry(r.seq, r.prev, r.data, r.hash) for r in session.exec(stmt)]

    def meetings(self) -> list[str]:
        with Session(self.engine) as session:
            return list(session.exec(select(LogRow.meeting_id).distinct()))
