"""D'Hondt's method, against known cases and a brute-force search."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voting_server.domain.votes import dhondt, first_in


def test_a_known_allocation() -> None:
    # Comparison numbers: A 100, 50, 33.3, 25; B 80, 40, 26.7; C 30. Seats 1-5:
    # A 100, B 80, A 50, B 40, A 33.3.
    allocation = dhondt({"A": 100, "B": 80, "C": 30}, 5)
    assert dict(allocation.seats) == {"A": 3, "B": 2, "C": 0}
    assert allocation.order == ("A", "B", "A", "B", "A")
    assert allocation.tied == () and allocation.unfilled == 0


def test_a_decisive_tie_is_reported_or_broken() -> None:
    open_tie = dhondt({"A": 10, "B": 10, "C": 5}, 1)
    assert open_tie.tied == ("A", "B") and open_tie.unfilled == 1
    assert dict(open_tie.seats) == {"A": 0, "B": 0, "C": 0}
    broken = dhondt({"A": 10, "B": 10, "C": 5}, 1, first_in(("B", "A")))
    assert dict(broken.seats) == {"A": 0, "B": 1, "C": 0}


def test_a_tie_with_seats_for_all_of_the_tied_is_not_decisive() -> None:
    allocation = dhondt({"A": 10, "B": 10, "C": 5}, 2)
    assert dict(allocation.seats) == {"A": 1, "B": 1, "C": 0} and allocation.tied == ()


def test_capacity_caps_a_group_and_groups_without_votes_take_nothing() -> None:
    allocation = dhondt({"A": 100, "B": 1, "C": 0}, 4, capacity={"A": 2, "B": 1, "C": 5})
    assert dict(allocation.seats) == {"A": 2, "B": 1, "C": 0}
    assert allocation.unfilled == 1


def test_a_tie_break_that_does_not_choose_is_an_error() -> None:
    with pytest.raises(ValueError):
        dhondt({"A": 1, "B": 1}, 1, lambda tied, seats: ("C",))
    with pytest.raises(ValueError):
        dhondt({"A": -1}, 1)


def compositions(total: int, parts: int) -> Iterator[tuple[int, ...]]:
    if parts == 1:
        yield (total,)
        return
    for first in range(total + 1):
        for rest in compositions(total - first, parts - 1):
            yield (first, *rest)


def brute_force(votes: dict[str, int], seats: int) -> set[tuple[int, ...]]:
    """Every allocation whose smallest winning comparison number is at least
    the largest losing one: the allocations d'Hondt may give."""
    names = sorted(votes)
    voting = [n for n in names if votes[n] > 0]
    if not voting:
        return {tuple(0 for _ in names)}
    found = set()
    for split in compositions(seats, len(voting)):
        won = dict(zip(voting, split, strict=True))
        lowest_in = min((Fraction(votes[n], won[n]) for n in voting if won[n] > 0), default=None)
        highest_out = max(Fraction(votes[n], won[n] + 1) for n in voting)
        if lowest_in is None or lowest_in >= highest_out:
            found.add(tuple(won.get(n, 0) for n in names))
    return found


@settings(max_examples=200, deadline=None)
@given(
    votes=st.dictionaries(
        st.sampled_from("ABCD"), st.integers(min_value=0, max_value=12), min_size=1
    ),
    seats=st.integers(min_value=0, max_value=6),
    data=st.data(),
)
def test_dhondt_agrees_with_brute_force(
    votes: dict[str, int], seats: int, data: st.DataObject
) -> None:
    names = sorted(votes)
    valid = brute_force(votes, seats)
    plain = dhondt(votes, seats)
    order = data.draw(st.permutations(names))
    broken = dhondt(votes, seats, first_in(order))
    as_tuple = tuple(broken.seats[n] for n in names)
    if any(votes.values()):
        assert as_tuple in valid
        assert sum(as_tuple) == seats
    else:
        assert sum(as_tuple) == 0
    # A tie is reported exactly when more than one allocation would be right.
    assert bool(plain.tied) == (len(valid) > 1)
    if not plain.tied:
        assert plain.seats == broken.seats
        assert len(plain.order) == sum(plain.seats.values())
