"""What the hub sends with every page: a cookie bound to the host, and headers that
keep other sites from framing, sniffing or scripting Ordet. A guessable secret
stops the hub before it serves anything."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from tests.support.hubs import HubProcess, hub_env
from voting_server.store.directory import Directory
from voting_server.store.models import AssemblyRow

PAGES = [
    "/",
    "/m/demo/",
    "/m/demo/tablet",
    "/m/demo/chair",
    "/m/demo/display",
    "/m/demo/public",
    "/portal/",
    "/api/meetings",
]


@pytest.fixture
def production_hub(
    sqlite_url: str, redis_url: str, tmp_path: Path, demo_engine: Engine
) -> Iterator[HubProcess]:
    """A hub as in production: Secure cookies (its default)."""
    env = hub_env(sqlite_url, redis_url, tmp_path)
    env.pop("ORDET_SECURE_COOKIES")
    hub = HubProcess(env).start()
    yield hub
    hub.stop()


async def test_the_session_cookie_is_secure_and_bound_to_the_host(
    production_hub: HubProcess, demo_engine: Engine
) -> None:
    token = Directory(demo_engine).mint_login_link("display")
    async with httpx.AsyncClient(base_url=production_hub.url) as http:
        answer = await http.get(f"/login/{token}")
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith("__Host-ordet_session=")
    attributes = {a.strip().split("=")[0].lower() for a in cookie.split(";")[1:]}
    assert {"secure", "httponly", "path", "samesite"} <= attributes
    assert "domain" not in attributes
    assert "samesite=strict" in cookie.lower()


async def test_every_page_forbids_framing_sniffing_and_foreign_scripts(
    production_hub: HubProcess,
) -> None:
    async with httpx.AsyncClient(base_url=production_hub.url) as http:
        for path in PAGES:
            headers = (await http.get(path)).headers
            policy = headers["content-security-policy"]
            assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy, path
            assert "object-src 'none'" in policy and "base-uri 'none'" in policy, path
            assert headers["x-content-type-options"] == "nosniff", path
            assert headers["referrer-policy"] == "no-referrer", path
            assert headers["x-frame-options"] == "DENY", path
            assert "strict-transport-security" in headers, path


async def test_the_public_screen_may_be_framed_only_where_its_assembly_says(
    production_hub: HubProcess, demo_engine: Engine
) -> None:
    with Session(demo_engine) as s:
        assembly = s.get(AssemblyRow, "demo")
        assert assembly is not None
        settings = json.loads(assembly.settings or "{}")
        settings["embed_origins"] = ["https://www.region.example", "https://x; script-src *"]
        assembly.settings = json.dumps(settings)
        s.add(assembly)
        s.commit()
    async with httpx.AsyncClient(base_url=production_hub.url) as http:
        public = (await http.get("/m/demo/public")).headers
        chamber = (await http.get("/m/demo/display")).headers
    assert "frame-ancestors 'self' https://www.region.example" in public["content-security-policy"]
    assert "script-src *" not in public["content-security-policy"]
    assert "x-frame-options" not in public
    assert "frame-ancestors 'none'" in chamber["content-security-policy"]


@pytest.mark.parametrize("secret", ["test-secret", "a" * 64, "0123456789" * 2])
def test_a_guessable_secret_stops_the_hub(
    secret: str, sqlite_url: str, redis_url: str, tmp_path: Path, demo_engine: Engine
) -> None:
    env = hub_env(sqlite_url, redis_url, tmp_path)
    env["ORDET_SECRET"] = secret
    with pytest.raises(RuntimeError, match="ORDET_SECRET is too weak"):
        HubProcess(env).start()
