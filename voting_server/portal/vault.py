"""TOTP secrets at rest: sealed with a key that is not in the database.

A copy of the database (a backup, a stolen disk) then gives nobody the
members' second factors. The key is derived from the installation's secret
(``ORDET_SECRET``, or ``var/secret``), which lives with the hub, not in SQL.
A secret stored before sealing existed is read as it is and sealed at the
next start (``seal_plain_secrets``).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from ..settings import installation_secret
from ..store.portal_models import PortalAccountRow

PREFIX = "v1:"


class Vault:
    def __init__(self, secret: str) -> None:
        self._aead = AESGCM(hashlib.sha256(f"ordet-totp-secrets:{secret}".encode()).digest())

    def seal(self, person: str, totp_secret: str) -> str:
        nonce = os.urandom(12)
        body = self._aead.encrypt(nonce, totp_secret.encode(), person.encode())
        return PREFIX + base64.urlsafe_b64encode(nonce + body).decode()

    def open(self, person: str, stored: str) -> str:
        if not stored.startswith(PREFIX):
            return stored  # from before sealing; sealed at the next start
        raw = base64.urlsafe_b64decode(stored[len(PREFIX) :])
        return self._aead.decrypt(raw[:12], raw[12:], person.encode()).decode()


@functools.cache
def _vault_for(secret_env: str | None, data_env: str | None) -> Vault:
    return Vault(installation_secret())


def vault() -> Vault:
    """The installation's vault (its key from the installation's secret).

    Found once per setting of ``ORDET_SECRET`` and ``ORDET_DATA``, not at every
    code checked: finding it reads the environment and maybe a file.
    """
    return _vault_for(os.environ.get("ORDET_SECRET"), os.environ.get("ORDET_DATA"))


def seal_plain_secrets(engine: Engine) -> int:
    """Seal every TOTP secret still stored in the clear; return how many."""
    sealed = 0
    with Session(engine) as s:
        for account in s.exec(select(PortalAccountRow)):
            if account.totp_secret and not account.totp_secret.startswith(PREFIX):
                account.totp_secret = vault().seal(account.person_id, account.totp_secret)
                s.add(account)
                sealed += 1
        s.commit()
    return sealed
