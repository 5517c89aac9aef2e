"""Two-factor login: replays, drift, the throttle and recovery codes, with a set clock."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from tests.portal.conftest import PASSWORD, T0, Enrolled, enrol
from voting_server.portal import accounts, totp
from voting_server.portal.errors import PortalError
from voting_server.portal.login import (
    ACCOUNT,
    PAIR,
    LoginFailed,
    SlowDown,
    confirm_identity,
    log_in,
)
from voting_server.portal.login import (
    ADDRESS as ADDRESS_RULE,
)
from voting_server.store.db import make_engine
from voting_server.store.models import SessionRow
from voting_server.store.portal_models import RecoveryCodeRow, SecurityEventRow

ADDRESS = "192.0.2.10"


@dataclass(frozen=True)
class Snapshot:
    last_step: int
    sessions: int
    unused_recovery_codes: int


def snapshot(engine: Engine, person: str) -> Snapshot:
    account = accounts.account_of(engine, person)
    assert account is not None
    with Session(engine) as s:
        sessions = s.exec(
            select(func.count()).select_from(SessionRow).where(SessionRow.principal == person)
        ).one()
        unused = s.exec(
            select(func.count())
            .select_from(RecoveryCodeRow)
            .where(RecoveryCodeRow.person_id == person, col(RecoveryCodeRow.used_at).is_(None))
        ).one()
    return Snapshot(account.last_step, sessions, unused)


CHAMBER = ("10.20.0.0/16",)


def refused(
    engine: Engine,
    member: Enrolled,
    code: str,
    now: float,
    expected: str,
    address: str = ADDRESS,
) -> PortalError:
    """The login is refused for ``expected`` and leaves the account as it was.

    The client is told only ``auth.login_failed`` (or to slow down); the
    reason is the one the security log keeps.
    """
    before = snapshot(engine, member.person)
    with pytest.raises(PortalError) as caught:
        log_in(engine, member.person, PASSWORD, code, address, now=now, chamber=CHAMBER)
    error = caught.value
    if expected == "auth.slow_down":
        assert isinstance(error, SlowDown) and error.code == "auth.slow_down"
    else:
        assert isinstance(error, LoginFailed) and error.code == "auth.login_failed"
        assert error.reason == expected
    assert snapshot(engine, member.person) == before
    return error


def full_width(code: str) -> str:
    return "".join(chr(0xFF10 + int(d)) for d in code)


def test_a_fresh_code_logs_in_and_opens_a_session(engine: Engine, member: Enrolled) -> None:
    now = T0 + 30
    result, token = log_in(engine, "m5", PASSWORD, member.code(now), ADDRESS, now=now)
    assert result.person == "m5"
    assert token
    assert snapshot(engine, "m5") == Snapshot(totp.step_at(now), 1, 10)


def test_a_replayed_code_is_refused_in_any_digit_form(engine: Engine, member: Enrolled) -> None:
    now = T0 + 30
    code = member.code(now)
    log_in(engine, "m5", PASSWORD, code, ADDRESS, now=now)
    assert full_width(code) != code
    refused(engine, member, code, now, "auth.code_used")
    refused(engine, member, full_width(code), now + 1, "auth.code_used")
    refused(engine, member, f" {full_width(code)} ", now + 2, "auth.code_used")


def test_the_enrolment_code_cannot_be_replayed_to_log_in(engine: Engine, member: Enrolled) -> None:
    refused(engine, member, member.code(T0), T0, "auth.code_used")


def test_an_earlier_step_is_refused_after_a_later_one(engine: Engine, member: Enrolled) -> None:
    now = T0 + 90
    log_in(engine, "m5", PASSWORD, member.code(now + 30), ADDRESS, now=now)
    refused(engine, member, member.code(now), now, "auth.code_used")


def test_one_step_of_drift_is_tolerated_either_way(engine: Engine) -> None:
    late = enrol(engine, "m6")
    early = enrol(engine, "m7")
    now = T0 + 300
    log_in(engine, "m6", PASSWORD, late.code(now - 30), ADDRESS, now=now)
    log_in(engine, "m7", PASSWORD, early.code(now + 30), ADDRESS, now=now)
    assert snapshot(engine, "m6").sessions == snapshot(engine, "m7").sessions == 1


def test_a_code_two_steps_off_is_refused(engine: Engine, member: Enrolled) -> None:
    now = T0 + 300
    refused(engine, member, member.code(now - 60), now, "auth.bad_code")
    refused(engine, member, member.code(now + 60), now, "auth.bad_code")


@pytest.mark.parametrize("code", ["١٢٣٤٥٦", "12345", "1234567", "12 3456", "abcdef", ""])
def test_anything_but_six_digits_is_not_a_totp_code(
    engine: Engine, member: Enrolled, code: str
) -> None:
    assert totp.normalize_code(code) is None
    refused(engine, member, code, T0 + 60, "auth.bad_code")


def test_a_wrong_password_is_refused_even_with_a_good_code(
    engine: Engine, member: Enrolled
) -> None:
    now = T0 + 60
    before = snapshot(engine, "m5")
    with pytest.raises(LoginFailed) as wrong_password:
        log_in(engine, "m5", "wrong password!", member.code(now), ADDRESS, now=now)
    assert wrong_password.value.reason == "auth.bad_credentials"
    assert snapshot(engine, "m5") == before
    # A wrong code after the right password tells the client exactly as much.
    with pytest.raises(LoginFailed) as wrong_code:
        log_in(engine, "m5", PASSWORD, "000000", ADDRESS, now=now + 1)
    assert (wrong_code.value.code, wrong_code.value.message, wrong_code.value.status) == (
        wrong_password.value.code,
        wrong_password.value.message,
        wrong_password.value.status,
    )


def test_a_guesser_at_one_address_waits_longer_each_time_and_the_member_not(
    engine: Engine, member: Enrolled
) -> None:
    now = T0 + 600
    good = member.code(now + 40)
    wrong = [c for c in (f"{n:06d}" for n in range(20)) if c != good]
    for i in range(PAIR.free):
        refused(engine, member, wrong[i], now + i, "auth.bad_code")
    # Three failures: the next try from there waits 1 s, then 2 s, 4 s ...
    last = now + PAIR.free - 1
    slowed = refused(engine, member, good, last, "auth.slow_down")
    assert isinstance(slowed, SlowDown) and slowed.retry_after == 1
    refused(engine, member, wrong[5], last + 1, "auth.bad_code")
    again = refused(engine, member, good, last + 2, "auth.slow_down")
    assert isinstance(again, SlowDown) and again.retry_after == 1
    # Another process (its own engine) sees the same counters.
    other = make_engine(str(engine.url.render_as_string(hide_password=False)))
    try:
        with pytest.raises(SlowDown):
            log_in(other, "m5", PASSWORD, good, ADDRESS, now=last + 2)
    finally:
        other.dispose()
    # Meanwhile the member on their own tablet logs in at once.
    log_in(engine, "m5", PASSWORD, good, "198.51.100.7", now=last + 2)


def test_the_waits_grow_to_at_most_a_quarter_of_an_hour() -> None:
    waits = [PAIR.wait(n) for n in range(20)]
    assert waits[: PAIR.free] == [0] * PAIR.free
    assert waits[PAIR.free : PAIR.free + 4] == [1, 2, 4, 8]
    assert max(waits) == 15 * 60 and waits == sorted(waits)


def test_guesses_spread_over_many_addresses_slow_the_account_outside_the_chamber(
    engine: Engine, member: Enrolled
) -> None:
    now = T0 + 1200
    good = member.code(now + 30)
    for i in range(ACCOUNT.free):
        refused(engine, member, f"{i:06d}", now, "auth.bad_code", address=f"203.0.113.{i}")
    refused(engine, member, good, now, "auth.slow_down", address="203.0.113.200")
    # In the chamber the member is not slowed by what happened elsewhere.
    log_in(engine, "m5", PASSWORD, good, "10.20.3.4", now=now, chamber=CHAMBER)


def test_one_address_trying_many_accounts_is_slowed_unless_it_is_the_chamber(
    engine: Engine, member: Enrolled
) -> None:
    now = T0 + 1800
    for address in ("192.0.2.50", "10.20.0.1"):
        for i in range(ADDRESS_RULE.free):
            with pytest.raises(LoginFailed):
                log_in(engine, f"nobody{i}", "guess", "000000", address, now=now, chamber=CHAMBER)
    refused(engine, member, member.code(now), now, "auth.slow_down", address="192.0.2.50")
    # The chamber's tablets share one address: its members still get in.
    log_in(engine, "m5", PASSWORD, member.code(now), "10.20.0.1", now=now, chamber=CHAMBER)


def test_new_recovery_codes_need_the_password_and_a_fresh_code(
    engine: Engine, member: Enrolled
) -> None:
    now = T0 + 2400
    with pytest.raises(LoginFailed) as no_code:
        confirm_identity(engine, "m5", PASSWORD, member.recovery_codes[0], ADDRESS, now=now)
    assert no_code.value.reason == "auth.code_required"
    with pytest.raises(LoginFailed):
        confirm_identity(engine, "m5", "not it", member.code(now), ADDRESS, now=now + 1)
    confirm_identity(engine, "m5", PASSWORD, member.code(now), ADDRESS, now=now + 2)
    with pytest.raises(LoginFailed) as replayed:
        confirm_identity(engine, "m5", PASSWORD, member.code(now), ADDRESS, now=now + 3)
    assert replayed.value.reason == "auth.code_used"
    # It is throttled like a login: three failures, then a wait.
    with pytest.raises(SlowDown):
        confirm_identity(engine, "m5", PASSWORD, member.code(now + 30), ADDRESS, now=now + 3)


def test_a_recovery_code_works_once(engine: Engine, member: Enrolled) -> None:
    code = member.recovery_codes[3]
    result, _ = log_in(engine, "m5", PASSWORD, code.lower(), ADDRESS, now=T0 + 60)
    assert result.used_recovery_code
    assert snapshot(engine, "m5").unused_recovery_codes == 9
    refused(engine, member, code, T0 + 61, "auth.bad_code")


def test_renewed_recovery_codes_replace_the_old(engine: Engine, member: Enrolled) -> None:
    fresh = accounts.renew_recovery_codes(engine, "m5")
    assert len(set(fresh)) == 10
    assert not set(fresh) & set(member.recovery_codes)
    refused(engine, member, member.recovery_codes[0], T0 + 60, "auth.bad_code")
    log_in(engine, "m5", PASSWORD, fresh[0], ADDRESS, now=T0 + 61)


def test_concurrent_logins_with_one_code_let_one_through(engine: Engine, member: Enrolled) -> None:
    step = totp.step_at(T0 + 120)
    outcomes: list[bool] = []
    barrier = threading.Barrier(8)

    def race() -> None:
        barrier.wait()
        outcomes.append(accounts.consume_step(engine, "m5", step))

    threads = [threading.Thread(target=race) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [False] * 7 + [True]


def test_logins_and_failures_are_in_the_security_log(engine: Engine, member: Enrolled) -> None:
    now = T0 + 60
    log_in(engine, "m5", PASSWORD, member.code(now), ADDRESS, now=now)
    with pytest.raises(PortalError):
        log_in(engine, "m5", PASSWORD, "000000", ADDRESS, now=now)
    with Session(engine) as s:
        actions = [(e.action, e.subject, e.address) for e in s.exec(select(SecurityEventRow))]
    assert ("login.success", "m5", ADDRESS) in actions
    assert ("login.failure", "m5", ADDRESS) in actions


def test_enrolment_needs_a_valid_first_code(engine: Engine) -> None:
    token = accounts.create_account(engine, "m9", now=T0)
    secret = accounts.enrolment(engine, token, now=T0).secret
    with pytest.raises(PortalError) as caught:
        accounts.complete_enrolment(
            engine, token, PASSWORD, totp.code_at(secret, totp.step_at(T0) - 2), now=T0
        )
    assert caught.value.code == "auth.bad_code"
    account = accounts.account_of(engine, "m9")
    assert account is not None and not account.enrolled
    accounts.complete_enrolment(engine, token, PASSWORD, totp.code_at(secret, 60_000_000), now=T0)
    with pytest.raises(PortalError) as again:
        accounts.enrolment(engine, token, now=T0)
    assert again.value.code == "enrol.invalid"
