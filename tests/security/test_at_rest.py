"""What a copy of the database gives away: no member's second factor, and the
SQLite file itself is readable by its owner only."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session

from tests.portal.web import enrol_over_http, log_in
from tests.support.hubs import HubProcess
from voting_server.portal import totp
from voting_server.store.db import make_engine
from voting_server.store.portal_models import PortalAccountRow


async def test_a_copy_of_the_database_holds_no_totp_secret(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    async with httpx.AsyncClient(base_url=hub.url) as http:
        member = await enrol_over_http(http, demo_engine, "m5")
        with Session(demo_engine) as s:
            stored = s.get(PortalAccountRow, "m5")
            assert stored is not None
        assert member.secret not in stored.totp_secret and stored.totp_secret.startswith("v1:")
        path = Path(str(demo_engine.url.database))
        for file in (path, Path(f"{path}-wal")):
            if file.exists():
                assert member.secret.encode() not in file.read_bytes(), file
        # The hub, holding the key, still checks the codes.
        assert (await log_in(http, member, member.next_code())).status_code == 200


async def test_a_secret_stored_in_the_clear_is_sealed_at_the_next_start(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    plain = totp.new_secret()
    with Session(demo_engine) as s:
        s.add(PortalAccountRow(person_id="m8", username="m8", totp_secret=plain))
        s.commit()
    start_hub()
    with Session(demo_engine) as s:
        row = s.get(PortalAccountRow, "m8")
        assert (
            row is not None and row.totp_secret.startswith("v1:") and plain not in row.totp_secret
        )


def test_the_database_file_is_the_owners_alone(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'ordet.db'}")
    engine.dispose()
    mode = stat.S_IMODE((tmp_path / "ordet.db").stat().st_mode)
    assert mode & (stat.S_IRWXG | stat.S_IRWXO) == 0, oct(mode)
