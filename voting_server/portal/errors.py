"""The portal's refusals, each with a stable code and an HTTP status."""

from __future__ import annotations

from ..domain.errors import OrdetError


class PortalError(OrdetError):
    default_code = "portal.refused"

    def __init__(self, code: str, message: str = "", status: int = 400) -> None:
        super().__init__(code, message)
        self.status = status


def unauthorized(code: str, message: str = "") -> PortalError:
    return PortalError(code, message, 401)


def forbidden(code: str = "auth.forbidden", message: str = "") -> PortalError:
    return PortalError(code, message, 403)


def not_found(code: str, message: str = "") -> PortalError:
    return PortalError(code, message, 404)
