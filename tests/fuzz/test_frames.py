"""Fuzzing the frame decoder: random and mutated bytes, deep nesting, huge sizes.

Whatever arrives, ``decode`` either returns a map with a string ``type`` and a
usable ``rid``, or raises ProtocolError with a stable code; nothing else.
"""

from __future__ import annotations

from typing import Any

import msgpack
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voting_server.domain.errors import OrdetError, ProtocolError
from voting_server.protocol.frames import MAX_DEPTH, MAX_FRAME_BYTES, decode, request_id

from .strategies import COMMAND_FRAMES, VALUES, mutated, nested

FUZZ = settings(max_examples=300, deadline=None)


def decoded_or_refused(raw: bytes) -> dict[str, Any] | ProtocolError:
    try:
        frame = decode(raw)
    except ProtocolError as err:
        assert err.code.startswith("frame.")
        return err
    assert isinstance(frame, dict) and isinstance(frame["type"], str)
    rid = frame.get("rid")
    assert rid is None or request_id(frame) == rid
    return frame


@FUZZ
@given(st.binary(max_size=512))
def test_random_bytes_decode_to_a_frame_or_a_protocol_error(raw: bytes) -> None:
    decoded_or_refused(raw)


@FUZZ
@given(mutated())
def test_mutated_frames_decode_to_a_frame_or_a_protocol_error(raw: bytes) -> None:
    decoded_or_refused(raw)


@FUZZ
@given(VALUES)
def test_any_msgpack_value_is_a_frame_only_if_it_is_a_map_with_a_string_type(value: Any) -> None:
    result = decoded_or_refused(msgpack.packb(value))
    if not isinstance(value, dict) or not isinstance(value.get("type"), str):
        assert isinstance(result, ProtocolError)


@FUZZ
@given(COMMAND_FRAMES)
def test_command_shaped_frames_keep_their_type_and_fields(frame: dict[str, Any]) -> None:
    result = decoded_or_refused(msgpack.packb(frame))
    if isinstance(result, dict):
        assert result["type"] == frame["type"]
        assert set(result) == set(frame)


def packed_nested(depth: int, container: str) -> bytes:
    """{"type": "vote.cast", "choice": <depth containers around "x">}, packed by hand
    (msgpack itself refuses to pack very deep values)."""
    header = b"\x91" if container == "list" else b"\x81" + msgpack.packb("k")
    head = b"\x82" + b"".join(msgpack.packb(s) for s in ("type", "vote.cast", "choice"))
    return head + header * depth + msgpack.packb("x")


@pytest.mark.parametrize("container", ["list", "map"])
@pytest.mark.parametrize("depth", [MAX_DEPTH - 2, MAX_DEPTH - 1, MAX_DEPTH, 50, 5000])
def test_nesting_beyond_the_limit_is_refused(container: str, depth: int) -> None:
    raw = packed_nested(depth, container)
    if depth + 2 > MAX_DEPTH:  # the frame is level 1, its leaf is level depth + 2
        with pytest.raises(ProtocolError) as info:
            decode(raw)
        assert info.value.code in ("frame.too_deep", "frame.too_large", "frame.malformed")
    else:
        assert decode(raw)["choice"] == nested(depth, container)


@pytest.mark.parametrize(
    "frame",
    [
        {"type": "x", "text": "a" * MAX_FRAME_BYTES},
        {"type": "x", "names": list(range(5000))},
        {"type": "x", "blob": b"\0" * (MAX_FRAME_BYTES + 1)},
        {"type": "x", **{f"k{i}": i for i in range(300)}},
    ],
    ids=["long-string", "long-array", "big-binary", "wide-map"],
)
def test_huge_frames_are_refused(frame: dict[str, Any]) -> None:
    with pytest.raises(OrdetError) as info:
        decode(msgpack.packb(frame))
    assert info.value.code in ("frame.too_large", "frame.malformed")


def test_huge_lengths_declared_in_a_small_frame_are_refused() -> None:
    # A map header claiming 2**32-1 entries, an array of 2**32-1, a string of 2**32-1 bytes.
    for raw in (b"\xdf\xff\xff\xff\xff", b"\xdd\xff\xff\xff\xff", b"\xdb\xff\xff\xff\xff"):
        with pytest.raises(ProtocolError):
            decode(raw)
