"""Checks at the door: the Origin allowlist, and the session cookie's name on plain http."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import HTTPConnection

SESSION_COOKIE = "ordet_session"


def origin_allowed(conn: HTTPConnection, allowlist: frozenset[str]) -> bool:
    """Same-origin pages and listed origins may connect; clients without Origin too.

    Browsers always send Origin on a WebSocket handshake, so a page on another
    site cannot ride a member's cookie into the hub. Programs that send no
    Origin still need a valid ticket.
    """
    origin = conn.headers.get("origin")
    if origin is None:
        return True
    if origin in allowlist:
        return True
    parts = urlsplit(origin)
    host = conn.headers.get("host", "")
    return bool(parts.scheme in ("http", "https") and parts.netloc == host)
