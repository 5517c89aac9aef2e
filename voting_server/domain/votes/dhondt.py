"""D'Hondt's method: seats to groups by comparison numbers votes/1, votes/2, votes/3 ...

Seats are given one at a time to the highest comparison number. Equal
numbers matter only when there are more of them than seats left (a decisive
tie); then ``tie_break`` chooses, or the allocation stops and reports the tie
so that lots can be drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

#: Given the tied contenders (sorted) and the seats left for them (fewer than
#: the contenders), the ones that take those seats, or None to leave it open.
TieBreak = Callable[[tuple[str, ...], int], tuple[str, ...] | None]


@dataclass(frozen=True, slots=True)
class Allocation:
    seats: Mapping[str, int]  # group -> seats won
    order: tuple[str, ...]  # the group that took each seat, in turn
    tied: tuple[str, ...] = ()  # a decisive tie nobody broke
    unfilled: int = 0  # seats left: a tie awaiting a lot, or no group able to take them


def first_in(order: Sequence[str]) -> TieBreak:
    """A tie break that prefers whoever comes first in ``order`` (e.g. a lottery's)."""
    rank = {name: i for i, name in enumerate(order)}

    def choose(tied: tuple[str, ...], seats: int) -> tuple[str, ...] | None:
        if any(name not in rank for name in tied):
            return None
        return tuple(sorted(tied, key=rank.__getitem__)[:seats])

    return choose


def dhondt(
    groups: Mapping[str, int],
    seats: int,
    tie_break: TieBreak | None = None,
    *,
    capacity: Mapping[str, int] | None = None,
) -> Allocation:
    """Allocate ``seats`` among ``groups`` (group -> votes).

    A group without votes takes no seat; ``capacity`` caps a group's seats
    (e.g. the length of its list of names).
    """
    if seats < 0 or any(v < 0 for v in groups.values()):
        raise ValueError("seats and votes must not be negative")
    won = dict.fromkeys(groups, 0)
    order: list[str] = []
    left = seats
    while left > 0:
        able = [
            g
            for g in sorted(groups)
            if groups[g] > 0 and (capacity is None or won[g] < capacity.get(g, 0))
        ]
        if not able:
            break
        number = {g: Fraction(groups[g], won[g] + 1) for g in able}
        best = max(number.values())
        takers = tuple(g for g in able if number[g] == best)
        if len(takers) > left:
            chosen = tie_break(takers, left) if tie_break is not None else None
            if chosen is None:
                return Allocation(won, tuple(order), takers, left)
            if len(chosen) != left or len(set(chosen)) != left or not set(chosen) <= set(takers):
                raise ValueError("a tie break must choose as many of the tied as seats are left")
            takers = chosen
        # Equal numbers that all get a seat may go in any order: each taker's
        # next number is lower than the others' current one.
        for g in takers:
            won[g] += 1
            order.append(g)
        left -= len(takers)
    return Allocation(won, tuple(order), (), left)
