"""Every frame the hub sends, one constructor each, encoded as msgpack.

docs/protocol.md describes them; ``follower.ViewFollower`` reads the view's
frames back on the client side.
"""

from __future__ import annotations

from typing import Any

import msgpack

from ..domain.errors import OrdetError

Rid = str | int | None


def encode(frame: dict[str, Any]) -> bytes:
    return msgpack.packb(frame, use_bin_type=True)  # type: ignore[no-any-return]


def welcome(role: str, person: str | None, meeting: str, server_time: int) -> bytes:
    return encode(
        {
            "type": "welcome",
            "role": role,
            "person": person,
            "meeting": meeting,
            "server_time": server_time,
        }
    )


def snapshot(seq: int, view: dict[str, Any]) -> bytes:
    return encode({"type": "snapshot", "seq": seq, "view": view})


def patch(changed: int, seq: int, diff: dict[str, Any]) -> bytes:
    """The change of a view from seq ``changed`` (where it last changed) to ``seq``."""
    return encode({"type": "patch", "from": changed, "seq": seq, "patch": diff})


def me(seq: int, status: dict[str, Any] | None) -> bytes:
    return encode({"type": "me", "seq": seq, "me": status})


def devices(online: list[str]) -> bytes:
    """To the presidium: the people with a device connected to the meeting now."""
    return encode({"type": "devices", "online": online})


def ack(rid: Rid, seq: int, me: tuple[int, dict[str, Any] | None] | None = None) -> bytes:
    """A command applied at ``seq``; with the sender's changed ``me`` (its seq and status)."""
    frame: dict[str, Any] = {"type": "ack", "rid": rid, "seq": seq}
    if me is not None:
        frame["me_seq"], frame["me"] = me
    return encode(frame)


def pong(rid: Rid, server_time: int) -> bytes:
    return encode({"type": "pong", "rid": rid, "server_time": server_time})


def error_map(error: OrdetError, rid: Rid = None) -> dict[str, Any]:
    frame: dict[str, Any] = {"type": "error", "code": error.code, "message": error.message}
    if rid is not None:
        frame["rid"] = rid
    return frame


def error(error: OrdetError, rid: Rid = None, *, retry_after: float | None = None) -> bytes:
    frame = error_map(error, rid)
    if retry_after is not None:
        frame["retry_after"] = round(retry_after, 3)
    return encode(frame)


class InternalError(OrdetError):
    """Something Ordet did not foresee; the log says what (never the client)."""

    default_code = "server.error"


def internal_error(rid: Rid) -> bytes:
    return error(InternalError(message="internal error"), rid)
