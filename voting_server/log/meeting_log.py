"""The one interface through which a room reads and writes its meeting's log.

Two implementations keep the same contract (``tests/log/test_contract.py``
runs one suite on both):

- ``hub.log_store.LogStore``: SQL is the durable record and Redis the live
  copy that other hub processes follow (see docs/durability.md);
- ``log.memory.MemoryLog``: everything in this process's memory, for tests
  of rooms and fan-out that need no servers.

The write path of one batch: ``acquire`` the meeting's writer lease,
``catch_up`` with what others wrote, ``persist`` (the durable point: a
position already taken raises ``LogConflict`` and writes nothing),
``publish`` to the live copy, ``release``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from .chain import LogEntry


class MeetingLog(Protocol):
    async def acquire(self, meeting: str) -> str:
        """Take the meeting's writer lease, waiting while another holds it; its token."""
        ...

    async def release(self, meeting: str, token: str) -> None:
        """Give the lease back (only the holder's token does)."""
        ...

    async def persist(
        self,
        meeting: str,
        entries: list[LogEntry],
        urns: Mapping[str, bytes] | None = None,
        emptied: Sequence[str] = (),
    ) -> None:
        """Make entries durable with the urns they change, all or nothing.

        ``urns`` replace those votes' sealed urns, and the urns of the
        ``emptied`` votes are erased. Raises ``LogConflict`` when another
        writer already took one of the positions.
        """
        ...

    async def urn(self, meeting: str, vote: str) -> bytes | None:
        """The sealed urn of a secret vote, None if it has none (yet, or any more)."""
        ...

    async def publish(self, meeting: str, entries: list[LogEntry]) -> None:
        """Hand durable entries to the live copy that other processes follow."""
        ...

    async def sync_live(self, meeting: str) -> int:
        """Bring the live copy up to the durable log; return the head."""
        ...

    async def read_durable(self, meeting: str, after: int) -> list[LogEntry]:
        """The durable entries after position ``after``, in order."""
        ...

    async def catch_up(self, meeting: str, local_head: int) -> list[LogEntry]:
        """Entries others wrote after ``local_head`` (call with the lease held)."""
        ...
