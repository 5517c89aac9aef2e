"""The debate rules an assembly has agreed on (arbetsordning)."""

from __future__ import annotations

from dataclasses import dataclass

from .kinds import RequestKind


@dataclass(frozen=True, slots=True)
class DebateSettings:
    """Per assembly. Times are in seconds; a time limit of 0 means none.

    Time limits are agreements: the clock shows a countdown and a warning,
    and never ends a speech by itself.
    """

    replik_limit: int = 2  # repliks allowed on one speech
    first_speech_s: int = 300
    later_speech_s: int = 180
    replik_s: int = 120
    kontrareplik_s: int = 60
    point_of_order_s: int = 60
    warning_s: int = 30  # the warning shows this long before the limit
    replik_requires_spoken: bool = True  # replik only by who has spoken or was named
    proposal_queues_author: bool = True  # a yrkande puts its author on the list

    def problems(self) -> list[str]:
        """What is wrong with these settings; empty when they can be used."""
        numbers = {
            "replik_limit": self.replik_limit,
            "first_speech_s": self.first_speech_s,
            "later_speech_s": self.later_speech_s,
            "replik_s": self.replik_s,
            "kontrareplik_s": self.kontrareplik_s,
            "point_of_order_s": self.point_of_order_s,
            "warning_s": self.warning_s,
        }
        return [f"{name} must not be negative" for name, value in numbers.items() if value < 0]

    def limit_ms(self, kind: RequestKind, first_speech: bool) -> int:
        """The agreed length of a speech of this kind, in milliseconds (0: none)."""
        seconds = {
            RequestKind.SPEECH: self.first_speech_s if first_speech else self.later_speech_s,
            RequestKind.REPLIK: self.replik_s,
            RequestKind.KONTRAREPLIK: self.kontrareplik_s,
            RequestKind.POINT_OF_ORDER: self.point_of_order_s,
        }[kind]
        return seconds * 1000

    def warn_at_ms(self, limit_ms: int) -> int:
        """Elapsed time at which the warning shows (0 when there is no limit)."""
        if limit_ms == 0:
            return 0
        return max(limit_ms - self.warning_s * 1000, 0)
