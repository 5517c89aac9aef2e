"""The durable archive of meeting logs in SQL.

An entry is inserted here, in one transaction per batch, before it reaches
Redis or any client: the primary key (meeting, seq) refuses a second writer
of the same position, so SQL is where the order is settled and kept.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import func, insert
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, select

from ..log.chain import LogEntry
from ..log.errors import LogConflict
from .errors import StoreError
from .models import LogRow, UrnRow


class ArchiveConflict(StoreError, LogConflict):
    """Another writer already holds one of these sequence numbers."""


class Archive:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def append(
        self,
        meeting: str,
        entries: list[LogEntry],
        urns: Mapping[str, bytes] | None = None,
        emptied: Sequence[str] = (),
    ) -> None:
        """Store entries atomically; raise ArchiveConflict if any seq is taken.

        ``urns`` (vote to sealed urn) replace those votes' urns and the urns of
        the ``emptied`` votes are removed, in the same transaction.
        """
        # Plain INSERTs, not ORM objects: this runs for every batch of commands.
        rows = [
            {"meeting_id": meeting, "seq": e.seq, "prev": e.prev, "data": e.data, "hash": e.hash}
            for e in entries
        ]
        urns = urns or {}
        try:
            with Session(self.engine) as session:
                session.execute(insert(LogRow), rows)
                for vote in [*urns, *emptied]:
                    session.exec(
                        delete(UrnRow).where(
                            col(UrnRow.meeting_id) == meeting, col(UrnRow.vote_id) == vote
                        )
                    )
                if urns:
                    session.execute(
                        insert(UrnRow),
                        [
                            {"meeting_id": meeting, "vote_id": v, "sealed": s}
                            for v, s in urns.items()
                        ],
                    )
                session.commit()
        except IntegrityError as exc:
            raise ArchiveConflict(meeting) from exc

    def urn(self, meeting: str, vote: str) -> bytes | None:
        """The sealed urn of a secret vote, or None before its first ballot."""
        with Session(self.engine) as session:
            stmt = select(UrnRow.sealed).where(UrnRow.meeting_id == meeting, UrnRow.vote_id == vote)
            return session.exec(stmt).first()

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
