"""Fixtures for the portal: a seeded database and enrolled accounts at a chosen time."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from voting_server.portal import accounts, totp
from voting_server.store.db import make_engine
from voting_server.store.models import AssemblyRow, PersonRow

T0 = 1_800_000_000.0  # a fixed clock for TOTP tests; the step starts here
PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class Enrolled:
    person: str
    secret: str
    recovery_codes: list[str]
    enrolled_at: float

    def code(self, now: float) -> str:
        return totp.code_at(self.secret, totp.step_at(now))


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An assembly of twenty members, in SQLite and in PostgreSQL."""
    engine = make_engine(database_url)
    with Session(engine) as s:
        s.add(AssemblyRow(id="demo", name="Demo"))
        s.flush()
        for seat in range(1, 21):
            s.add(PersonRow(id=f"m{seat}", assembly_id="demo", name=f"M {seat}", kind="member"))
        s.commit()
    yield engine
    engine.dispose()


def enrol(engine: Engine, person: str, now: float = T0) -> Enrolled:
    token = accounts.create_account(engine, person, now=now)
    secret = accounts.enrolment(engine, token, now=now).secret
    code = totp.code_at(secret, totp.step_at(now))
    _, codes = accounts.complete_enrolment(engine, token, PASSWORD, code, now=now)
    return Enrolled(person, secret, codes, now)


@pytest.fixture
def member(engine: Engine) -> Enrolled:
    return enrol(engine, "m5")
