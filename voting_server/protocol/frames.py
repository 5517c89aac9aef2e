"""Frames on the WebSocket: msgpack maps with a ``type`` tag and a request id.

Every client frame is checked here before any rule sees it: binary, at most
``MAX_FRAME_BYTES``, nested at most ``MAX_DEPTH`` deep, a map with a string
``type`` and an optional ``rid`` (string or integer). docs/protocol.md lists
every frame. What the hub sends is built in outgoing.py.
"""

from __future__ import annotations

from typing import Any

import msgpack

from ..domain.errors import ProtocolError

MAX_FRAME_BYTES = 16 * 1024
MAX_DEPTH = 6
MAX_RID_LENGTH = 64
#: The longest text a frame may carry in one field: a yrkande or a reservation's
#: reason runs to a few thousand characters, and everything is kept for good.
MAX_TEXT = 4000


def decode(raw: bytes) -> dict[str, Any]:
    """A client frame as a map, or ProtocolError with a stable code."""
    if len(raw) > MAX_FRAME_BYTES:
        raise ProtocolError("frame.too_large", f"frames are limited to {MAX_FRAME_BYTES} bytes")
    try:
        frame = msgpack.unpackb(
            raw,
            raw=False,
            strict_map_key=True,
            max_str_len=MAX_FRAME_BYTES,
            max_bin_len=MAX_FRAME_BYTES,
            max_array_len=1024,
            max_map_len=256,
        )
    except Exception:  # msgpack raises several unrelated types
        raise ProtocolError("frame.malformed", "not a msgpack frame") from None
    if not isinstance(frame, dict):
        raise ProtocolError("frame.not_a_map", "a frame must be a map")
    _check_depth(frame, 1)
    if not isinstance(frame.get("type"), str):
        raise ProtocolError("frame.missing_type", "a frame needs a string 'type'")
    rid = frame.get("rid")
    if rid is not None and not _valid_rid(rid):
        raise ProtocolError("frame.bad_rid", "'rid' must be a short string or an integer")
    return frame


def request_id(frame: object) -> str | int | None:
    """The rid of a frame if it has a usable one (for error replies)."""
    if isinstance(frame, dict):
        rid = frame.get("rid")
        if _valid_rid(rid):
            return rid
    return None


def _valid_rid(rid: object) -> bool:
    if isinstance(rid, bool):
        return False
    if isinstance(rid, int):
        return 0 <= rid < 2**53
    return isinstance(rid, str) and 0 < len(rid) <= MAX_RID_LENGTH


def _check_depth(value: Any, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise ProtocolError("frame.too_deep", f"frames are nested at most {MAX_DEPTH} deep")
    if isinstance(value, dict):
        for item in value.values():
            _check_depth(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_depth(item, depth + 1)


def check_texts(value: Any) -> None:
    """Refuse a frame with a text longer than ``MAX_TEXT`` anywhere in it."""
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise ProtocolError("frame.text_too_long", f"a text is at most {MAX_TEXT} characters")
    elif isinstance(value, dict):
        for item in value.values():
            check_texts(item)
    elif isinstance(value, list):
        for item in value:
            check_texts(item)
