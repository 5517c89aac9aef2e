"""Kinds of body, and the ersättarordning: whose substitutes serve for a party.

Rules (DOMAIN.md, "Preparing meetings and the year around them"):
- only a party's own substitutes serve in fullmäktige (KL 5 kap.);
- in a nämnd (the styrelse is one) the assembly may decide an order naming,
  for each party, the other parties whose substitutes serve, in turn, when
  the party has none present (KL 6 kap.); a beredning follows the order its
  fullmäktige sets for it.

A party's own substitutes always come first; the order names the others.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .errors import DomainError


class BodyKind(StrEnum):
    FULLMAKTIGE = "fullmaktige"
    STYRELSE = "styrelse"
    NAMND = "namnd"
    BEREDNING = "beredning"


#: The bodies whose seats substitutes of other parties may fill.
CROSS_PARTY_BODIES = frozenset({BodyKind.STYRELSE, BodyKind.NAMND, BodyKind.BEREDNING})


class BodyRuleError(DomainError):
    """Settings a body may not have: the law or the roster does not allow them."""

    default_code = "body.invalid"


@dataclass(frozen=True, slots=True)
class SubstituteOrder:
    """``party``'s seats, when it has no substitute present, go to ``then``'s in turn."""

    party: str
    then: tuple[str, ...]


def body_kind(raw: object) -> BodyKind:
    """The kind a body's settings name; fullmäktige, the strictest, when none."""
    if raw in (None, ""):
        return BodyKind.FULLMAKTIGE
    try:
        return BodyKind(str(raw))
    except ValueError:
        raise BodyRuleError("body.unknown_kind", f"no kind of body {raw!r}") from None


def substitute_orders(
    kind: BodyKind, raw: object, parties: Collection[str]
) -> tuple[SubstituteOrder, ...]:
    """The ersättarordning from settings (``{"S": ["S", "MP", "L"], …}``), checked.

    Refused: any order in fullmäktige, an unknown party, a party named twice.
    """
    if raw in (None, {}):
        return ()
    if not isinstance(raw, Mapping):
        raise BodyRuleError("body.bad_substitute_order", "an order per party: {party: [parties]}")
    orders: list[SubstituteOrder] = []
    for party, listed in sorted(raw.items()):
        _check_party(party, parties)
        if not isinstance(listed, list | tuple):
            raise BodyRuleError("body.bad_substitute_order", f"{party}: a list of parties")
        then: list[str] = []
        for other in listed:
            _check_party(other, parties)
            if other in then:
                raise BodyRuleError("body.bad_substitute_order", f"{party}: {other} named twice")
            if other != party:
                then.append(other)
        if then:
            orders.append(SubstituteOrder(party, tuple(then)))
    if orders and kind not in CROSS_PARTY_BODIES:
        raise BodyRuleError(
            "body.cross_party_substitutes",
            f"in a {kind} only a party's own substitutes serve",
        )
    return tuple(orders)


def _check_party(party: Any, parties: Collection[str]) -> None:
    if not isinstance(party, str) or party not in parties:
        raise BodyRuleError("body.unknown_party", f"no party {party!r} in this body")


def serving_parties(party: str, orders: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The parties whose substitutes may fill ``party``'s seat, in turn."""
    return (party, *orders.get(party, ()))
