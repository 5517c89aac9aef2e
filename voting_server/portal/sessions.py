"""Server-side sessions: who is logged in where, and ending them.

Every revocation calls ``on_session_revoked(id_hash)``, so that the hub can
close the live WebSockets opened with that session's tickets.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from ..clock import CLOCK
from ..store.models import SessionRow

SessionRevokedHook = Callable[[str], None]


def _nothing(_id_hash: str) -> None:
    """The default hook: nothing is listening."""


class Sessions:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        #: Called with the id hash of every session that ends; the lead wires it
        #: to close that session's WebSockets.
        self.on_session_revoked: SessionRevokedHook = _nothing

    def live(self, principal: str, now: float | None = None) -> list[SessionRow]:
        at = CLOCK.now() if now is None else now
        with Session(self.engine) as s:
            stmt = (
                select(SessionRow)
                .where(
                    SessionRow.principal == principal,
                    col(SessionRow.revoked).is_(False),
                    SessionRow.expires_at > at,
                )
                .order_by(col(SessionRow.created_at))
            )
            return list(s.exec(stmt))

    def get(self, id_hash: str) -> SessionRow | None:
        with Session(self.engine) as s:
            return s.get(SessionRow, id_hash)

    def revoke(self, id_hash: str) -> bool:
        return revoke_session(self.engine, id_hash, self.on_session_revoked)

    def revoke_all(self, principal: str) -> list[str]:
        """Log out everywhere: every live session of the principal ends."""
        ended = [row.id_hash for row in self.live(principal)]
        for id_hash in ended:
            self.revoke(id_hash)
        return ended


def revoke_session(
    engine: Engine, id_hash: str, on_session_revoked: SessionRevokedHook = _nothing
) -> bool:
    """End one session; True if it was live. Calls the hook either way it ended now."""
    with Session(engine) as s:
        result = s.exec(
            update(SessionRow)
            .where(col(SessionRow.id_hash) == id_hash, col(SessionRow.revoked).is_(False))
            .values(revoked=True)
        )
        s.commit()
        ended = bool(result.rowcount)
    if ended:
        on_session_revoked(id_hash)
    return ended
