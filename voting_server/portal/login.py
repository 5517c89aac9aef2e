"""Logging in: password, then a TOTP or recovery code, under a throttle.

Failed attempts are rows in SQL, so the limits hold across sessions and hub
processes: at most ``ACCOUNT_LIMIT`` failures per account and
``ADDRESS_LIMIT`` per client address within ``WINDOW`` seconds. An attempt
is counted before it is checked, so concurrent guesses cannot slip past.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from ..clock import CLOCK
from ..store.directory import Directory
from ..store.portal_models import LoginFailureRow
from . import accounts, audit, credentials, totp
from .errors import PortalError, unauthorized

WINDOW = 15 * 60
ACCOUNT_LIMIT = 5
ADDRESS_LIMIT = 20


@dataclass(frozen=True)
class LoggedIn:
    person: str
    used_recovery_code: bool


class Throttle:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def begin(self, keys: dict[str, int], now: float) -> list[int]:
        """Count this attempt under every key; refuse if any limit is passed."""
        with Session(self.engine) as s:
            rows = [LoginFailureRow(key=key, at=int(now)) for key in keys]
            s.add_all(rows)
            s.commit()
            ids = [row.id for row in rows if row.id is not None]
            for key, limit in keys.items():
                count = s.exec(
                    select(func.count())
                    .select_from(LoginFailureRow)
                    .where(LoginFailureRow.key == key, LoginFailureRow.at > now - WINDOW)
                ).one()
                if count > limit:
                    self.forget(ids)
                    raise PortalError(
                        "auth.throttled", "too many failed attempts; try again later", 429
                    )
        return ids

    def forget(self, ids: list[int]) -> None:
        """Not a failure after all (a success, or refused by the throttle itself)."""
        with Session(self.engine) as s:
            s.exec(delete(LoginFailureRow).where(col(LoginFailureRow.id).in_(ids)))
            s.commit()

    def failures(self, key: str, now: float) -> int:
        with Session(self.engine) as s:
            return int(
                s.exec(
                    select(func.count())
                    .select_from(LoginFailureRow)
                    .where(LoginFailureRow.key == key, LoginFailureRow.at > now - WINDOW)
                ).one()
            )


def account_key(username: str) -> str:
    return f"account:{username.strip().lower()}"


def address_key(address: str) -> str:
    return f"address:{address}"


def authenticate(
    engine: Engine,
    username: str,
    password: str,
    code: str,
    address: str,
    now: float | None = None,
) -> LoggedIn:
    """Check all three factors or raise; a failure is logged and counted."""
    at = CLOCK.now() if now is None else now
    throttle = Throttle(engine)
    attempt = throttle.begin(
        {account_key(username): ACCOUNT_LIMIT, address_key(address): ADDRESS_LIMIT}, at
    )
    try:
        result = _check(engine, username, password, code, at)
    except PortalError as err:
        audit.record(
            engine, "login.failure", subject=username[:100], reason=err.code, address=address
        )
        raise
    throttle.forget(attempt)
    audit.record(
        engine,
        "login.recovery_code" if result.used_recovery_code else "login.success",
        actor=result.person,
        subject=result.person,
        address=address,
    )
    return result


def _check(engine: Engine, username: str, password: str, code: str, now: float) -> LoggedIn:
    account = accounts.account_for(engine, username.strip())
    stored = account.password_hash if account is not None and account.enrolled else ""
    if not credentials.password_matches(stored, password) or account is None:
        raise unauthorized("auth.bad_credentials", "wrong username or password")
    if totp.normalize_code(code) is not None:
        step = totp.matching_step(account.totp_secret, code, now)
        if step is None:
            raise unauthorized("auth.bad_code", "the code does not match")
        if not accounts.consume_step(engine, account.person_id, step):
            raise unauthorized("auth.code_used", "this code has been used already")
        return LoggedIn(account.person_id, used_recovery_code=False)
    if accounts.consume_recovery_code(engine, account.person_id, code, now):
        return LoggedIn(account.person_id, used_recovery_code=True)
    raise unauthorized("auth.bad_code", "the code does not match")


def log_in(
    engine: Engine,
    username: str,
    password: str,
    code: str,
    address: str,
    now: float | None = None,
) -> tuple[LoggedIn, str]:
    """Authenticate, then open a server-side session; return it with its cookie token."""
    result = authenticate(engine, username, password, code, address, now)
    return result, Directory(engine).open_session(result.person)
