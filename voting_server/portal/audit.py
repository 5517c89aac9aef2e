"""The system log of security-relevant acts."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from ..clock import CLOCK
from ..store.portal_models import SecurityEventRow


def record(
    engine: Engine,
    action: str,
    *,
    actor: str = "",
    subject: str = "",
    reason: str = "",
    address: str = "",
    now: float | None = None,
) -> None:
    with Session(engine) as s:
        s.add(
            SecurityEventRow(
                at=int(CLOCK.now() if now is None else now),
                actor=actor,
                action=action,
                subject=subject,
                reason=reason,
                address=address,
            )
        )
        s.commit()


def events(engine: Engine, limit: int = 200) -> list[SecurityEventRow]:
    with Session(engine) as s:
        stmt = select(SecurityEventRow).order_by(col(SecurityEventRow.id).desc()).limit(limit)
        return list(s.exec(stmt))
