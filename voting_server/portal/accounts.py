"""Portal accounts: creation with an enrolment link, enrolment, resets, recovery codes."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from ..clock import CLOCK
from ..store.directory import token_hash
from ..store.models import AssemblyRow, PersonRow
from ..store.portal_models import PortalAccountRow, RecoveryCodeRow
from . import credentials, totp
from .errors import PortalError, not_found
from .vault import vault

ENROL_TTL = 7 * 24 * 3600


@dataclass(frozen=True)
class Enrolment:
    person: str
    name: str
    username: str
    secret: str
    uri: str
    qr: str  # an SVG data URI


def _now(now: float | None) -> int:
    return int(CLOCK.now() if now is None else now)


def create_account(
    engine: Engine, person_id: str, username: str = "", now: float | None = None
) -> str:
    """Give a person an account (or a new enrolment link); return the one-time token.

    An enrolled account is left alone: resetting it is a separate, logged act.
    """
    token = secrets.token_urlsafe(24)
    at = _now(now)
    with Session(engine) as s:
        if s.get(PersonRow, person_id) is None:
            raise not_found("person.unknown", f"no person {person_id!r}")
        name = username.strip() or person_id
        clash = s.exec(
            select(PortalAccountRow).where(
                PortalAccountRow.username == name, PortalAccountRow.person_id != person_id
            )
        ).first()
        if clash is not None:
            raise PortalError("account.username_taken", f"{name!r} is taken", 409)
        account = s.get(PortalAccountRow, person_id)
        if account is not None and account.enrolled:
            raise PortalError("account.exists", "already enrolled; reset it instead", 409)
        account = account or PortalAccountRow(
            person_id=person_id, username=name, totp_secret="", created_at=at
        )
        account.username = name
        account.totp_secret = vault().seal(person_id, totp.new_secret())
        account.enrol_token_hash = token_hash(token)
        account.enrol_expires_at = at + ENROL_TTL
        s.add(account)
        s.commit()
    return token


def totp_secret_of(account: PortalAccountRow) -> str:
    """The account's TOTP secret in the clear, for checking a code or enrolling."""
    return vault().open(account.person_id, account.totp_secret)


def _pending(s: Session, token: str, at: int) -> PortalAccountRow:
    account = s.exec(
        select(PortalAccountRow).where(PortalAccountRow.enrol_token_hash == token_hash(token))
    ).first()
    if account is None or account.enrolled or account.enrol_expires_at < at:
        raise not_found("enrol.invalid", "the enrolment link is not valid")
    return account


def enrolment(engine: Engine, token: str, now: float | None = None) -> Enrolment:
    """What the enrolment page shows: the secret as text and as a QR code."""
    with Session(engine) as s:
        account = _pending(s, token, _now(now))
        person = s.get(PersonRow, account.person_id)
        secret = totp_secret_of(account)
        uri = totp.provisioning_uri(secret, account.username)
        return Enrolment(
            person=account.person_id,
            name=person.name if person else account.person_id,
            username=account.username,
            secret=secret,
            uri=uri,
            qr=totp.qr_svg_data_uri(uri),
        )


def complete_enrolment(
    engine: Engine, token: str, password: str, code: str, now: float | None = None
) -> tuple[str, list[str]]:
    """Set the password and confirm the authenticator with a first valid code.

    Returns the person and the recovery codes, which are shown this once.
    """
    at = _now(now)
    if len(password) < credentials.MIN_PASSWORD_LENGTH:
        raise PortalError("enrol.password_too_short", "at least 10 characters")
    with Session(engine) as s:
        account = _pending(s, token, at)
        step = totp.matching_step(totp_secret_of(account), code, at)
        if step is None:
            raise PortalError("auth.bad_code", "the code does not match")
        # One statement decides: a second, concurrent enrolment finds no pending row.
        result = s.exec(
            update(PortalAccountRow)
            .where(
                col(PortalAccountRow.person_id) == account.person_id,
                col(PortalAccountRow.enrol_token_hash) == token_hash(token),
                col(PortalAccountRow.enrolled).is_(False),
            )
            .values(
                password_hash=credentials.hash_password(password),
                enrolled=True,
                last_step=step,
                enrol_token_hash=None,
            )
        )
        if result.rowcount != 1:
            raise not_found("enrol.invalid", "the enrolment link is not valid")
        codes = _replace_recovery_codes(s, account.person_id)
        s.commit()
        return account.person_id, codes


def _replace_recovery_codes(s: Session, person_id: str) -> list[str]:
    s.exec(delete(RecoveryCodeRow).where(col(RecoveryCodeRow.person_id) == person_id))
    codes = [credentials.new_recovery_code() for _ in range(credentials.RECOVERY_CODE_COUNT)]
    for code in codes:
        salt = secrets.token_hex(16)
        s.add(
            RecoveryCodeRow(
                person_id=person_id, salt=salt, code_hash=credentials.recovery_hash(salt, code)
            )
        )
    return codes


def renew_recovery_codes(engine: Engine, person_id: str) -> list[str]:
    """New codes; the old ones, used or not, stop working."""
    with Session(engine) as s:
        codes = _replace_recovery_codes(s, person_id)
        s.commit()
        return codes


def recovery_codes_left(engine: Engine, person_id: str) -> int:
    with Session(engine) as s:
        rows = s.exec(
            select(RecoveryCodeRow).where(
                RecoveryCodeRow.person_id == person_id, col(RecoveryCodeRow.used_at).is_(None)
            )
        )
        return len(list(rows))


def reset_second_factor(engine: Engine, person_id: str, now: float | None = None) -> str:
    """A new secret, no recovery codes, enrolment again; return the new link's token."""
    token = secrets.token_urlsafe(24)
    at = _now(now)
    with Session(engine) as s:
        account = s.get(PortalAccountRow, person_id)
        if account is None:
            raise not_found("account.unknown", f"{person_id!r} has no portal account")
        account.totp_secret = vault().seal(person_id, totp.new_secret())
        account.enrolled = False
        account.enrol_token_hash = token_hash(token)
        account.enrol_expires_at = at + ENROL_TTL
        s.add(account)
        s.exec(delete(RecoveryCodeRow).where(col(RecoveryCodeRow.person_id) == person_id))
        s.commit()
    return token


def account_for(engine: Engine, username: str) -> PortalAccountRow | None:
    with Session(engine) as s:
        return s.exec(select(PortalAccountRow).where(PortalAccountRow.username == username)).first()


def account_of(engine: Engine, person_id: str) -> PortalAccountRow | None:
    with Session(engine) as s:
        return s.get(PortalAccountRow, person_id)


def consume_step(engine: Engine, person_id: str, step: int) -> bool:
    """Accept a code's time step once: check-and-set in one UPDATE.

    Of two logins racing with the same code, the database lets one row
    update through; the other sees ``rowcount == 0`` and is refused.
    """
    with Session(engine) as s:
        result = s.exec(
            update(PortalAccountRow)
            .where(
                col(PortalAccountRow.person_id) == person_id,
                col(PortalAccountRow.enrolled).is_(True),
                col(PortalAccountRow.last_step) < step,
            )
            .values(last_step=step)
        )
        s.commit()
        return bool(result.rowcount == 1)


def consume_recovery_code(
    engine: Engine, person_id: str, code: str, now: float | None = None
) -> bool:
    """Spend a matching unused recovery code; False if none matches."""
    with Session(engine) as s:
        rows = s.exec(
            select(RecoveryCodeRow).where(
                RecoveryCodeRow.person_id == person_id, col(RecoveryCodeRow.used_at).is_(None)
            )
        ).all()
        for row in rows:
            if credentials.recovery_matches(row.salt, row.code_hash, code):
                result = s.exec(
                    update(RecoveryCodeRow)
                    .where(
                        col(RecoveryCodeRow.id) == row.id, col(RecoveryCodeRow.used_at).is_(None)
                    )
                    .values(used_at=_now(now))
                )
                s.commit()
                return bool(result.rowcount == 1)
        return False


DEMO_LINKS = [
    {"title": "E-post / Mail", "url": "https://outlook.office.com/mail/"},
    {
        "title": "Reseräkningar och ersättningar / Expense claims",
        "url": "https://example.org/ersattningar",
    },
]


def give_demo_portal_accounts(engine: Engine, base_url: str) -> dict[str, str]:
    """Portal accounts for the demo's chair (m1), one member (m2) and the secretary.

    Also sets the demo assembly's link tiles. Returns label -> enrolment URL;
    an account already enrolled keeps its credentials and is left out.
    """
    with Session(engine) as s:
        assembly = s.get(AssemblyRow, "demo")
        if assembly is not None:
            settings = json.loads(assembly.settings or "{}")
            settings.setdefault("links", DEMO_LINKS)
            assembly.settings = json.dumps(settings)
            s.add(assembly)
            s.commit()
    urls = {}
    for label, person in (
        ("chair (m1)", "m1"),
        ("member (m2)", "m2"),
        ("secretary (sekr)", "sekr"),
    ):
        try:
            token = create_account(engine, person)
        except PortalError:
            continue
        urls[label] = f"{base_url}/portal/enrol/{token}"
    return urls


def create_account_from_cli(engine: Engine, person_id: str, username: str, base_url: str) -> str:
    """``ordet admin create-account``: the enrolment URL, and a line in the security log."""
    from . import audit

    try:
        token = create_account(engine, person_id, username)
    except PortalError as err:
        raise SystemExit(f"{person_id}: {err.message}") from None
    audit.record(engine, "account.create", actor="cli", subject=person_id)
    return f"{base_url.rstrip('/')}/portal/enrol/{token}"
