"""Ending sessions: the revocation hook, logging out everywhere, the admin command."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from tests.portal.conftest import PASSWORD, T0, Enrolled
from voting_server.cli import main
from voting_server.portal import accounts
from voting_server.portal.login import log_in
from voting_server.portal.sessions import Sessions, revoke_session
from voting_server.store.db import make_engine
from voting_server.store.directory import Directory, token_hash


def test_every_revocation_calls_the_hook_once(engine: Engine, member: Enrolled) -> None:
    sessions = Sessions(engine)
    ended: list[str] = []
    sessions.on_session_revoked = ended.append
    tokens = [
        log_in(engine, "m5", PASSWORD, code, "192.0.2.1", now=T0 + 60)[1]
        for code in member.recovery_codes[:3]
    ]
    hashes = [token_hash(t) for t in tokens]
    assert sessions.revoke(hashes[0])
    assert not sessions.revoke(hashes[0])  # already ended: no second call
    assert sorted(sessions.revoke_all("m5")) == sorted(hashes[1:])
    assert sorted(ended) == sorted(hashes)
    directory = Directory(engine)
    assert all(directory.session(h) is None for h in hashes)


def test_revoke_session_reports_an_unknown_session(engine: Engine) -> None:
    calls: list[str] = []
    assert not revoke_session(engine, "no-such-session", calls.append)
    assert calls == []


def test_the_admin_command_prints_an_enrolment_link(
    sqlite_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    monkeypatch.setenv("ORDET_DATA", str(tmp_path))
    assert main(["admin", "seed-demo"]) == 0
    assert main(["admin", "create-account", "m4", "--base-url", "https://ordet.example"]) == 0
    url = capsys.readouterr().out.strip().splitlines()[-1]
    assert url.startswith("https://ordet.example/portal/enrol/")
    token = url.rsplit("/", 1)[1]
    engine = make_engine(sqlite_url)
    try:
        assert accounts.enrolment(engine, token).person == "m4"
    finally:
        engine.dispose()
