"""Security headers on every HTTP response.

Pages load scripts, styles and images from Ordet alone (and one inline script,
the import map, by its hash) and talk only to it
(``connect-src 'self'`` covers the WebSocket); nothing may frame them, except
the public results screen on the sites its assembly names
(``"embed_origins"`` in the assembly's settings). A route that sets one of
these headers itself keeps its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..portal.pages import IMPORT_MAP_HASH

CSP = (
    f"default-src 'self'; script-src 'self' {IMPORT_MAP_HASH}; style-src 'self'; "
    "img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors {ancestors}"
)


def content_security_policy(frame_ancestors: Iterable[str] = ()) -> str:
    allowed = " ".join(["'self'", *frame_ancestors]) if frame_ancestors else "'none'"
    return CSP.format(ancestors=allowed)


def security_headers(secure: bool) -> dict[str, str]:
    headers = {
        "Content-Security-Policy": content_security_policy(),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",  # a login link's token stays out of Referer
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    if secure:
        headers["Strict-Transport-Security"] = "max-age=31536000"
    return headers


class SecurityHeaders:
    def __init__(self, app: ASGIApp, *, secure: bool) -> None:
        self.app = app
        self.headers = security_headers(secure)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                own_policy = "content-security-policy" in headers
                for name, value in self.headers.items():
                    if name in headers or (own_policy and name == "X-Frame-Options"):
                        continue  # a route's own policy (the embeddable screen) decides
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
