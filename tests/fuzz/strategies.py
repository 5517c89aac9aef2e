"""Hypothesis strategies for hostile frames: any msgpack value, valid frames mutated."""

from __future__ import annotations

from typing import Any

import msgpack
from hypothesis import strategies as st

from voting_server.domain.aggregate import COMMANDS

MSGPACK_INT = st.integers(min_value=-(2**63), max_value=2**64 - 1)
SCALARS = st.none() | st.booleans() | MSGPACK_INT | st.floats() | st.text(max_size=40)
SCALARS |= st.binary(max_size=40)
FIELD_NAMES = st.sampled_from(
    (
        "type", "rid", "vote", "choice", "question", "item", "person", "names", "options",
        "secret", "method", "seats", "seat", "reason", "text", "id", "request", "urn",
        "kind", "proposals", "position", "allow_change", "ja", "nej", "procedure",
    )
)  # fmt: skip

#: Any value msgpack can carry, nested.
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=6)
        | st.dictionaries(st.text(max_size=12) | FIELD_NAMES, inner, max_size=6)
    ),
    max_leaves=30,
)

#: Command frames that look plausible: a known (or unknown) type and fields of any type.
COMMAND_FRAMES = st.fixed_dictionaries(
    {"type": st.sampled_from(COMMANDS.tags()) | st.text(max_size=20)},
    optional={"rid": st.text(max_size=70) | MSGPACK_INT | VALUES},
).flatmap(
    lambda head: st.dictionaries(FIELD_NAMES, VALUES, max_size=6).map(
        lambda fields: {**fields, **head}
    )
)

VALID_FRAMES: tuple[dict[str, Any], ...] = (
    {"type": "attendance.check_in", "rid": "r1"},
    {"type": "vote.cast", "rid": "r2", "vote": "v9", "choice": "ja"},
    {"type": "vote.open", "rid": 3, "question": "Bifall?"},
    {"type": "vote.close", "rid": "r4", "vote": "v9"},
    {"type": "debate.request_floor", "rid": "r5"},
    {"type": "agenda.start_item", "rid": "r6", "item": "2"},
    {"type": "ping", "rid": "r7"},
)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A valid frame's bytes with bytes flipped, inserted, deleted or cut off."""
    raw = bytearray(msgpack.packb(draw(st.sampled_from(VALID_FRAMES))))
    for _ in range(draw(st.integers(1, 6))):
        if not raw:
            break
        at = draw(st.integers(0, len(raw) - 1))
        action = draw(st.sampled_from(("flip", "insert", "delete", "truncate")))
        if action == "flip":
            raw[at] ^= draw(st.integers(1, 255))
        elif action == "insert":
            raw[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif action == "delete":
            del raw[at]
        else:
            del raw[at:]
    return bytes(raw)


def nested(depth: int, container: str) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value] if container == "list" else {"k": value}
    return value
