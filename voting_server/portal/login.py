"""Logging in: password, then a TOTP or recovery code, under a throttle.

The throttle slows an attacker and not the member. Failures are rows in SQL,
so it holds across sessions and hub processes, counted under three keys:

- the account *from one address*: after a few failures each next attempt
  waits longer (1 s, 2 s, 4 s … up to 15 minutes). A member who mistypes
  waits seconds; nobody elsewhere can make them wait.
- the account from *anywhere outside the chamber's own networks*: a guesser
  who spreads over many addresses is slowed to one try a minute.
- one address *outside the chamber's networks*, whatever the account: a
  guesser who tries many accounts is slowed the same way. The chamber's
  tablets share one address, so its networks (``ORDET_CHAMBER_NETWORKS``)
  are exempt from the last two.

An attempt is counted before it is checked, so concurrent guesses cannot
slip past. A refused login says only that it failed, never which factor was
wrong; the security log keeps the reason.
"""

from __future__ import annotations

import contextlib
import ipaddress
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from ..clock import CLOCK
from ..store.directory import Directory
from ..store.portal_models import LoginFailureRow
from . import accounts, audit, credentials, totp
from .errors import PortalError

WINDOW = 60 * 60  # failures older than this are forgotten


@dataclass(frozen=True)
class Rule:
    """After ``free`` failures, the next attempt waits ``2^(n - free)`` s, at most ``cap``."""

    free: int
    cap: int

    def wait(self, failures: int) -> int:
        if failures < self.free:
            return 0
        return int(min(2 ** (failures - self.free), self.cap))


PAIR = Rule(free=3, cap=15 * 60)
ACCOUNT = Rule(free=10, cap=60)
ADDRESS = Rule(free=30, cap=60)


class LoginFailed(PortalError):
    """A refused login: the client is told no more than that; ``reason`` is for the log."""

    def __init__(self, reason: str) -> None:
        super().__init__("auth.login_failed", "wrong username, password or code", 401)
        self.reason = reason


class SlowDown(PortalError):
    def __init__(self, retry_after: int) -> None:
        super().__init__("auth.slow_down", f"too many failed attempts: wait {retry_after} s", 429)
        self.retry_after = retry_after


@dataclass(frozen=True)
class LoggedIn:
    person: str
    used_recovery_code: bool


def in_networks(address: str, networks: Sequence[str]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(n, strict=False) for n in networks)


def attempt_keys(username: str, address: str, chamber: Sequence[str]) -> dict[str, Rule]:
    account = username.strip().lower()
    keys = {f"pair:{account}@{address}": PAIR}
    if not in_networks(address, chamber):
        keys[f"account:{account}"] = ACCOUNT
        keys[f"address:{address}"] = ADDRESS
    return keys


class Throttle:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def begin(self, keys: dict[str, Rule], now: float) -> list[int]:
        """Count this attempt under every key; refuse it while any key must wait."""
        with Session(self.engine) as s:
            rows = [LoginFailureRow(key=key, at=int(now)) for key in keys]
            s.add_all(rows)
            s.commit()
            ids = [row.id for row in rows if row.id is not None]
            wait = 0
            for key, rule in keys.items():
                earlier = (
                    col(LoginFailureRow.key) == key,
                    col(LoginFailureRow.at) > now - WINDOW,
                    col(LoginFailureRow.id).not_in(ids),
                )
                count, last = s.exec(
                    select(func.count(), func.max(LoginFailureRow.at)).where(*earlier)
                ).one()
                if count:
                    wait = max(wait, int(last) + rule.wait(int(count)) - int(now))
        if wait > 0:
            self.forget(ids)  # a refused attempt checks nothing, so it is no failure
            raise SlowDown(wait)
        return ids

    def forget(self, ids: list[int]) -> None:
        """Not a failure after all (a success, or refused by the throttle itself)."""
        with Session(self.engine) as s:
            s.exec(delete(LoginFailureRow).where(col(LoginFailureRow.id).in_(ids)))
            s.commit()


def authenticate(
    engine: Engine,
    username: str,
    password: str,
    code: str,
    address: str,
    now: float | None = None,
    chamber: Sequence[str] = (),
) -> LoggedIn:
    """Check all three factors or raise; a failure is logged and counted."""
    at = CLOCK.now() if now is None else now

    def refused(err: LoginFailed) -> None:
        audit.record(
            engine, "login.failure", subject=username[:100], reason=err.reason, address=address
        )

    with _throttled(engine, attempt_keys(username, address, chamber), at, refused):
        result = _check(engine, username, password, code, at)
    audit.record(
        engine,
        "login.recovery_code" if result.used_recovery_code else "login.success",
        actor=result.person,
        subject=result.person,
        address=address,
    )
    return result


def confirm_identity(
    engine: Engine,
    person: str,
    password: str,
    code: str,
    address: str,
    now: float | None = None,
    chamber: Sequence[str] = (),
) -> None:
    """A logged-in person proves it again (password and a fresh TOTP code), throttled."""
    at = CLOCK.now() if now is None else now
    account = accounts.account_of(engine, person)
    username = account.username if account is not None else person

    def refused(err: LoginFailed) -> None:
        audit.record(engine, "confirm.failure", actor=person, reason=err.reason, address=address)

    with _throttled(engine, attempt_keys(username, address, chamber), at, refused):
        if totp.normalize_code(code) is None:
            raise LoginFailed("auth.code_required")
        result = _check(engine, username, password, code, at)
        if result.person != person:
            raise LoginFailed("auth.bad_credentials")


@contextlib.contextmanager
def _throttled(
    engine: Engine, keys: dict[str, Rule], at: float, refused: Callable[[LoginFailed], None]
) -> Iterator[None]:
    """Count the attempt before it is checked; forget it once it succeeded."""
    throttle = Throttle(engine)
    attempt = throttle.begin(keys, at)
    try:
        yield
    except LoginFailed as err:
        refused(err)
        raise
    throttle.forget(attempt)


def _check(engine: Engine, username: str, password: str, code: str, now: float) -> LoggedIn:
    account = accounts.account_for(engine, username.strip())
    stored = account.password_hash if account is not None and account.enrolled else ""
    if not credentials.password_matches(stored, password) or account is None:
        raise LoginFailed("auth.bad_credentials")
    if totp.normalize_code(code) is not None:
        step = totp.matching_step(accounts.totp_secret_of(account), code, now)
        if step is None:
            raise LoginFailed("auth.bad_code")
        if not accounts.consume_step(engine, account.person_id, step):
            raise LoginFailed("auth.code_used")
        return LoggedIn(account.person_id, used_recovery_code=False)
    if accounts.consume_recovery_code(engine, account.person_id, code, now):
        return LoggedIn(account.person_id, used_recovery_code=True)
    raise LoginFailed("auth.bad_code")


def log_in(
    engine: Engine,
    username: str,
    password: str,
    code: str,
    address: str,
    now: float | None = None,
    chamber: Sequence[str] = (),
) -> tuple[LoggedIn, str]:
    """Authenticate, then open a server-side session; return it with its cookie token."""
    result = authenticate(engine, username, password, code, address, now, chamber)
    return result, Directory(engine).open_session(result.person)
