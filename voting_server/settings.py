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
    secure_cookies: bool = True
    data_dir: Path = Path("var")  # the signing key and, by default, the SQLite file
    chamber_networks: tuple[str, ...] = ()  # CIDRs of the chamber's own networks
    base_url: str = ""  # where members reach Ordet, for links sent to them
    #: Where the handlingar are kept: "" for the data directory, or s3://host:port/bucket/prefix.
    documents_url: str = ""
    documents_access_key: str = ""
    documents_secret_key: str = ""
    #: Where the kallelse is sent: "" writes each mail to the data directory's mail/
    #: folder; smtp://host:port, smtp+starttls://host:587 or smtps://host:465.
    smtp_url: str = ""
    smtp_user: str = ""
    smtp_password: str = ""
    mail_from: str = "Ordet <ordet@localhost>"

    @property
    def session_cookie(self) -> str:
        """``__Host-`` binds the cookie to this host over https; plain http needs the bare name."""
        return "__Host-ordet_session" if self.secure_cookies else "ordet_session"

    @classmethod
    def from_env(cls, *, redis_url: str | None = None, data_dir: Path | None = None) -> Settings:
        data = data_dir or Path(os.environ.get("ORDET_DATA", "var"))
        data.mkdir(parents=True, exist_ok=True)
        origins = os.environ.get("ORDET_ALLOWED_ORIGINS", "")
        return cls(
            database_url=os.environ.get("DATABASE_URL") or f"sqlite:///{data / 'ordet.db'}",
            redis_url=redis_url or os.environ.get("REDIS_URL", ""),
            secret=_checked_secret(os.environ.get("ORDET_SECRET")) or _stored_secret(data),
            allowed_origins=frozenset(o.strip() for o in origins.split(",") if o.strip()),
            secure_cookies=os.environ.get("ORDET_SECURE_COOKIES", "1") != "0",
            data_dir=data,
            chamber_networks=_networks(os.environ.get("ORDET_CHAMBER_NETWORKS", "")),
            base_url=os.environ.get("ORDET_BASE_URL", "").rstrip("/"),
            documents_url=os.environ.get("ORDET_DOCUMENTS", ""),
            documents_access_key=os.environ.get("ORDET_DOCUMENTS_ACCESS_KEY", ""),
            documents_secret_key=os.environ.get("ORDET_DOCUMENTS_SECRET_KEY", ""),
            smtp_url=os.environ.get("ORDET_SMTP", ""),
            smtp_user=os.environ.get("ORDET_SMTP_USER", ""),
            smtp_password=os.environ.get("ORDET_SMTP_PASSWORD", ""),
            mail_from=os.environ.get("ORDET_MAIL_FROM", "") or "Ordet <ordet@localhost>",
        )


def installation_secret() -> str:
    """The secret every process of this installation shares, as ``from_env`` finds it."""
    data = Path(os.environ.get("ORDET_DATA", "var"))
    data.mkdir(parents=True, exist_ok=True)
    return _checked_secret(os.environ.get("ORDET_SECRET")) or _stored_secret(data)


def _checked_secret(secret: str | None) -> str | None:
    """ORDET_SECRET signs every ticket and seals every urn key: refuse a guessable one."""
    if secret is None or secret == "":
        return None
    if len(secret) < 32 or len(set(secret)) < 10:
        raise SystemExit(
            "ORDET_SECRET is too weak: use at least 32 random characters "
            "(e.g. the output of `openssl rand -hex 32`)"
        )
    return secret


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
