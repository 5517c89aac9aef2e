"""How many must ask: proportional elections and the minority right.

"Present" counts the members serving now (the seats filled), as the law
speaks of the members present (närvarande ledamöter).
"""

from __future__ import annotations


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def proportional_threshold(present: int, seats: int) -> int:
    """Lag (2022:629): at least ⌈present ÷ (seats + 1)⌉ voters ask for a proportional election."""
    return _ceil_div(present, seats + 1)


def minority_threshold(present: int) -> int:
    """Minority right: at least ⌈present ÷ 3⌉ can force återremiss or bordläggning."""
    return _ceil_div(present, 3)
