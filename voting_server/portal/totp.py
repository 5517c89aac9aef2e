"""Time-based one-time codes: pure functions of a secret, a code and a clock.

The clock is passed in (``now``, epoch seconds) so that tests decide the time.
Replay protection lives in the store: a code names a time step, and the
account keeps the last step it accepted (see ``accounts.consume_step``).
"""

from __future__ import annotations

import hmac
import re
import unicodedata

import pyotp

STEP_SECONDS = 30
DRIFT_STEPS = 1  # one step of clock drift either way
_SIX_DIGITS = re.compile(r"[0-9]{6}")


def new_secret() -> str:
    return pyotp.random_base32()


def normalize_code(raw: str) -> str | None:
    """Six ASCII digits, or None.

    NFKC folds compatibility forms (full-width "１２３４５６") onto the ASCII
    digits they stand for, so one code has one spelling and a replay in
    another form is still a replay. Anything else is refused.
    """
    folded = unicodedata.normalize("NFKC", raw).strip()
    return folded if _SIX_DIGITS.fullmatch(folded) else None


def step_at(now: float) -> int:
    return int(now) // STEP_SECONDS


def code_at(secret: str, step: int) -> str:
    return pyotp.TOTP(secret).at(step * STEP_SECONDS)


def matching_step(secret: str, raw_code: str, now: float) -> int | None:
    """The latest time step within the drift window whose code this is, or None."""
    code = normalize_code(raw_code)
    if code is None:
        return None
    current = step_at(now)
    for step in range(current + DRIFT_STEPS, current - DRIFT_STEPS - 1, -1):
        if hmac.compare_digest(code_at(secret, step), code):
            return step
    return None


def provisioning_uri(secret: str, account: str, issuer: str = "Ordet") -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=issuer)


def qr_svg_data_uri(uri: str) -> str:
    """The otpauth URI as a QR code, an SVG data URI for an <img> on the page."""
    import segno

    return str(segno.make(uri, error="m").svg_data_uri(scale=5, border=2))
