"""Settings from the environment, with embedded defaults for a laptop."""

from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    database_url: str
    redis_url: str
    secret: str
    allowed_origins: frozenset[str] = field(default_factory=frozenset)
    secure_cookies: bool = False
    data_dir: Path = Path("var")  # the signing key and, by default, the SQLite file
    chamber_networks: tuple[str, ...] = ()  # CIDRs of the chamber's own networks

    @classmethod
    def from_env(cls, *, redis_url: str | None = None, data_dir: Path | None = None) -> Settings:
        data = data_dir or Path(os.environ.get("ORDET_DATA", "var"))
        data.mkdir(parents=True, exist_ok=True)
        origins = os.environ.get("ORDET_ALLOWED_ORIGINS", "")
        return cls(
            database_url=os.environ.get("DATABASE_URL") or f"sqlite:///{data / 'ordet.db'}",
            redis_url=redis_url or os.environ.get("REDIS_URL", ""),
            secret=os.environ.get("ORDET_SECRET") or _stored_secret(data),
            allowed_origins=frozenset(o.strip() for o in origins.split(",") if o.strip()),
            secure_cookies=os.environ.get("ORDET_SECURE_COOKIES", "") == "1",
            data_dir=data,
            chamber_networks=_networks(os.environ.get("ORDET_CHAMBER_NETWORKS", "")),
        )


def _networks(text: str) -> tuple[str, ...]:
    """``10.1.0.0/16,192.0.2.0/24``, each checked, so a typo stops the start."""
    networks = tuple(n.strip() for n in text.split(",") if n.strip())
    for network in networks:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError:
            raise SystemExit(f"ORDET_CHAMBER_NETWORKS: {network!r} is not a network") from None
    return networks


def _stored_secret(data: Path) -> str:
    """A per-installation secret, so that tickets survive a restart."""
    path = data / "secret"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
