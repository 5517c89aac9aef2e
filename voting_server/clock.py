"""The one clock of an Ordet process, and Swedish time.

Everything that needs "now" or "today" reads ``CLOCK`` (or takes the time as
an argument, as the pure rules do). Tests and demos of another day move the
clock with ``CLOCK.start_at`` or, for a whole process such as a hub started
by a test, with ``ORDET_CLOCK=2031-06-20T10:00+02:00`` (the clock starts at
that instant and runs on in real time) or ``ORDET_CLOCK=+86400`` (it runs
that many seconds ahead of real time, the same in every process given it),
or ``ORDET_CLOCK=file:/tmp/clock`` (every process given it follows the offset
written in that file, so a scenario can move a running hub's time; see
``Clock.move_shared``). Never set it in production. Dates that people see or that the
law counts are Swedish dates (``STOCKHOLM``), whatever the server's zone.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .domain.swedish_time import STOCKHOLM, parse_instant, swedish_day

__all__ = ["CLOCK", "STOCKHOLM", "Clock"]
CLOCK_ENV = "ORDET_CLOCK"


@dataclass
class Clock:
    """Wall-clock time, shifted by ``offset`` seconds (0 in production)."""

    offset: float = 0.0
    #: A file whose text is the offset, shared by the processes of a test or scenario.
    shared: Path | None = None
    _seen: tuple[int, int] = field(default=(0, 0), repr=False)  # the file's inode and mtime

    def now(self) -> float:
        """Epoch seconds."""
        return time.time() + self._offset()

    def now_ms(self) -> int:
        return int(time.time_ns() // 1_000_000 + self._offset() * 1000)

    def _offset(self) -> float:
        if self.shared is not None:
            self._follow(self.shared)
        return self.offset

    def _follow(self, path: Path) -> None:
        try:
            stat = path.stat()
        except FileNotFoundError:
            return
        if (stat.st_ino, stat.st_mtime_ns) != self._seen:
            self._seen = (stat.st_ino, stat.st_mtime_ns)
            self.offset = float(path.read_text().strip() or 0)

    def move_shared(self, instant: datetime) -> None:
        """Set every process that follows the shared file to ``instant`` (running on from it)."""
        if self.shared is None:
            raise RuntimeError("this clock follows no shared file (ORDET_CLOCK=file:PATH)")
        offset = instant.timestamp() - time.time()
        staged = self.shared.with_suffix(".new")
        staged.write_text(f"{offset:.6f}")
        staged.replace(self.shared)  # a new inode: the followers see the change at once
        self.offset = offset

    def today(self) -> date:
        """Today's date in Sweden."""
        return swedish_day(self.now_ms())

    def start_at(self, instant: datetime | None) -> None:
        """Run from ``instant`` on (an aware datetime), or from real time with None."""
        self.offset = 0.0 if instant is None else instant.timestamp() - time.time()

    @classmethod
    def from_env(cls) -> Clock:
        clock = cls()
        value = os.environ.get(CLOCK_ENV, "").strip()
        if value.startswith("file:"):
            clock.shared = Path(value.removeprefix("file:"))
        elif value[:1] in ("+", "-"):
            clock.offset = float(value)
        elif value:
            clock.start_at(parse_instant(value))
        return clock


CLOCK = Clock.from_env()
