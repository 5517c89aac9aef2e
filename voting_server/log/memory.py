"""A meeting log held in this process's memory: the contract of
``meeting_log.MeetingLog`` without servers, for tests of rooms and fan-out.

Each ``MemoryLog`` is one installation's log. Rooms that share an instance
see each other's writes as processes sharing Redis and SQL do.
"""

from __future__ import annotations

import asyncio
import secrets
from collections import defaultdict
from collections.abc import Mapping, Sequence

from .chain import LogEntry
from .errors import LogConflict


class MemoryLog:
    def __init__(self) -> None:
        self._entries: dict[str, list[LogEntry]] = defaultdict(list)
        self._urns: dict[tuple[str, str], bytes] = {}
        self._leases: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._holders: dict[str, str] = {}

    async def acquire(self, meeting: str) -> str:
        await self._leases[meeting].acquire()
        token = secrets.token_hex(8)
        self._holders[meeting] = token
        return token

    async def release(self, meeting: str, token: str) -> None:
        if self._holders.get(meeting) == token:
            del self._holders[meeting]
            self._leases[meeting].release()

    async def persist(
        self,
        meeting: str,
        entries: list[LogEntry],
        urns: Mapping[str, bytes] | None = None,
        emptied: Sequence[str] = (),
    ) -> None:
        log = self._entries[meeting]
        taken = {entry.seq for entry in log}
        if any(entry.seq in taken for entry in entries):
            raise LogConflict(meeting)
        log.extend(entries)
        log.sort(key=lambda entry: entry.seq)
        for vote, sealed in (urns or {}).items():
            self._urns[meeting, vote] = sealed
        for vote in emptied:
            self._urns.pop((meeting, vote), None)

    async def urn(self, meeting: str, vote: str) -> bytes | None:
        return self._urns.get((meeting, vote))

    async def publish(self, meeting: str, entries: list[LogEntry]) -> None:
        """Nothing to do: the durable entries are the live ones."""

    async def sync_live(self, meeting: str) -> int:
        log = self._entries[meeting]
        return log[-1].seq if log else 0

    async def read_durable(self, meeting: str, after: int) -> list[LogEntry]:
        return [entry for entry in self._entries[meeting] if entry.seq > after]

    async def catch_up(self, meeting: str, local_head: int) -> list[LogEntry]:
        return await self.read_durable(meeting, local_head)
