"""What the server brings to a decision, beside the command.

A command is only what its sender asked for. The values no client may choose
reach the rules here: the time, the hash of the log's last entry (mixed into
a lottery draw), the lottery's seeds and the contents of a secret vote's urn.

Ids need nothing from outside: each kind of thing is numbered from the state
it is added to (``v3`` is the meeting's third vote, ``y2`` its second
proposal, as ``q5`` is its fifth request to speak), so every hub process, a
replay and a test name it alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .errors import InvalidState


def no_lot_seeds(vote: str, draw: int) -> str:
    raise InvalidState("lot.no_seed", "lottery seeds come from the hub")


def empty_urn(vote: str) -> tuple[str, ...]:
    return ()


@dataclass(frozen=True)
class Context:
    now: int  # epoch milliseconds
    #: The hash of the log entry before this command's first (a lottery mixes it in).
    head: bytes = b""
    #: The seed of a vote's ``draw``-th lottery (0 for the first): secret until the draw.
    lot_seed: Callable[[str, int], str] = no_lot_seeds
    #: A secret vote's urn: every ballot cast, as sealed entries, opened for the count.
    urn: Callable[[str], tuple[str, ...]] = empty_urn
