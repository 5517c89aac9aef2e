"""How fast one connection may send commands: a token bucket.

A chamber's tablet sends a command every few seconds at most, a chair's
console a few a second; a script that floods the permanent log with
yrkanden is held to the bucket's rate. Pings and refused frames cost nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BURST = 100  # commands at once
PER_SECOND = 20.0  # commands a second, sustained


@dataclass
class RateLimit:
    burst: int = BURST
    per_second: float = PER_SECOND
    tokens: float = field(init=False)
    at: float = field(default=0.0)

    def __post_init__(self) -> None:
        self.tokens = float(self.burst)

    def take(self, now: float) -> float:
        """Spend a token if there is one: 0; otherwise the seconds until there is."""
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.per_second)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.per_second
