"""A Room runs one meeting inside one hub process.

It folds the meeting's log into the aggregate, decides the commands its
clients send (every command of one event-loop tick in one batch: group
commit), and pushes each audience the patch of its view after each batch.

It keeps two folds of the log. ``meeting`` is what every view shows and is
only ever folded from entries that are durable; ``_draft`` is where a batch
is decided, and runs ahead of ``meeting`` only while a batch is being
written. When the batch is durable its entries are folded into ``meeting``
too; when it fails, the draft is thrown away and copied from ``meeting``.
Several processes may hold a Room for the same meeting; the log store's
lease and SQL's primary key keep their writes in one order.
"""

from __future__ import annotations

import asyncio
import copy
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ..audit import checkpoint
from ..domain.aggregate import EVENTS, Meeting
from ..domain.base import PRESIDIUM, Actor, Event
from ..domain.errors import OrdetError
from ..domain.votes import urn_size
from ..log.chain import GENESIS, Envelope, LogEntry, decode_envelope, encode_envelope, seal, verify
from ..log.errors import LiveLogUnavailable, LogConflict
from ..log.meeting_log import MeetingLog
from ..protocol import outgoing
from .batch import (
    Outcome,
    Pending,
    decide_batch,
    needs_checkpoint,
    secret_votes_touched,
    take_batch,
)
from .fanout import Fanout
from .lot_seeds import LotSeeds
from .room_client import Client
from .urn import UrnError, open_urn, seal_urn
from .urn_keys import UrnKeys

log = logging.getLogger("ordet.room")


class Unavailable(OrdetError):
    default_code = "server.unavailable"


class MeetingNotOpened(OrdetError):
    default_code = "meeting.not_opened"


class Room:
    def __init__(
        self,
        meeting_id: str,
        store: MeetingLog,
        clock: Callable[[], int],
        secret: str,
        urn_keys: UrnKeys,
        signing_key: Ed25519PrivateKey | None = None,
    ) -> None:
        self.signing_key = signing_key
        self.meeting_id = meeting_id
        self.store = store
        self.clock = clock
        self.lot_seeds = LotSeeds(meeting_id, secret)
        self.urn_keys = urn_keys
        self.meeting = Meeting()  # folded from durable entries only
        self._draft = Meeting()  # where batches are decided (see the module's docstring)
        self.history: list[tuple[Event, int]] = []
        self.head_seq = 0
        self.head_hash = GENESIS
        self.request_seq: dict[str, int] = {}  # request key -> last seq it produced
        self.request_command: dict[str, str] = {}  # request key -> digest of its command
        self.lock = asyncio.Lock()
        self.fanout = Fanout(self._schedule_flush)
        self._flusher: asyncio.Task[None] | None = None
        self._pending: list[Pending] = []
        self._committer: asyncio.Task[None] | None = None
        self.devices: frozenset[str] = frozenset()  # who has a device connected (hub/devices.py)

    # --- loading and following -------------------------------------------------
    async def load(self, genesis: Callable[[], Awaitable[list[Event]]] | None) -> None:
        """Fold the durable log; write the genesis entry if the log is empty.

        Without ``genesis`` an empty log is left empty: ``MeetingNotOpened``.
        """
        async with self.lock:
            entries = await self.store.read_durable(self.meeting_id, 0)
            if not entries and genesis is None:
                raise MeetingNotOpened(message="the meeting has not been opened yet")
            if not entries:
                assert genesis is not None
                envelopes = [Envelope(e, self.clock()) for e in await genesis()]
                entries = seal(0, GENESIS, [encode_envelope(e) for e in envelopes])
                try:
                    await self.store.persist(self.meeting_id, entries)
                except LogConflict:
                    entries = await self.store.read_durable(self.meeting_id, 0)
            self._fold_entries(entries)
            await self.store.sync_live(self.meeting_id)
            await self._forget_closed_urns()

    async def _forget_closed_urns(self) -> None:
        """Erase any urn key a close left behind (a process that died right after it)."""
        for vote, record in self.meeting.votes.votes.items():
            if record.opened.secret and not record.is_open:
                await self.urn_keys.erase(self.meeting_id, vote)

    async def receive(self, entries: list[LogEntry]) -> None:
        """Entries another process appended (from the Redis follower)."""
        if not entries or entries[-1].seq <= self.head_seq:
            return  # our own writes coming back: no need to wait for the lock
        async with self.lock:
            fresh = [e for e in entries if e.seq > self.head_seq]
            if not fresh:
                return
            if fresh[0].seq != self.head_seq + 1:
                fresh = await self.store.read_durable(self.meeting_id, self.head_seq)
            before = self.head_seq
            envelopes = self._fold_entries(fresh)
            self.fanout.publish(self.meeting, before, self.head_seq, envelopes)

    def _fold_entries(self, entries: list[LogEntry]) -> list[Envelope]:
        self.head_hash = verify(entries, self.head_seq, self.head_hash)
        envelopes = []
        for entry in entries:
            envelope = decode_envelope(entry.data, EVENTS)
            self.meeting.apply(envelope.event, envelope.at)
            self._draft.apply(envelope.event, envelope.at)
            self.history.append((envelope.event, envelope.at))
            self._remember_request(envelope, entry.seq)
            self.head_seq = entry.seq
            envelopes.append(envelope)
        return envelopes

    def attach(self, client: Client, since: int | None) -> list[bytes]:
        """Register a client; return the frames that bring it up to date.

        Call with ``lock`` held, so that no batch lands between the catch-up
        and the registration.
        """
        return self.fanout.attach(self.meeting, self.head_seq, client, since)

    def detach(self, client: Client) -> None:
        self.fanout.detach(client)

    def show_devices(self, online: frozenset[str]) -> None:
        """Tell the presidium who has a device connected, when that changed."""
        if online == self.devices:
            return
        self.devices = online
        frame = outgoing.devices(sorted(online))
        for client in self.fanout.clients_of(PRESIDIUM):
            client.send(frame)

    def _schedule_flush(self, delay: float) -> None:
        def start() -> None:
            self._flusher = asyncio.create_task(self._flush())

        asyncio.get_running_loop().call_later(delay, start)

    async def _flush(self) -> None:
        async with self.lock:
            self.fanout.flush(self.meeting, self.head_seq)

    # --- commands ----------------------------------------------------------------
    def submit(self, command: Any, actor: Actor, rid: str | None) -> asyncio.Future[int]:
        """Queue a command for this tick's batch; the future gives its last seq."""
        future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._pending.append(Pending(command, actor, rid, future))
        if self._committer is None or self._committer.done():
            self._committer = asyncio.create_task(self._commit_loop())
        return future

    async def _commit_loop(self) -> None:
        await asyncio.sleep(0)  # let every command of this tick join the batch
        while self._pending:
            batch, self._pending = take_batch(self._pending)
            try:
                await self._commit(batch)
            except Exception:  # never leave a caller waiting
                log.exception("commit failed for meeting %s", self.meeting_id)
                _fail(batch, Unavailable(message="the hub could not save this; try again"))

    async def _commit(self, batch: list[Pending]) -> None:
        async with self.lock:
            try:
                token = await self.store.acquire(self.meeting_id)
            except LiveLogUnavailable as exc:
                log.warning("meeting %s: %s", self.meeting_id, exc)
                _fail(batch, Unavailable(message="the live store is unreachable; try again"))
                return
            try:
                caught_up = await self.store.catch_up(self.meeting_id, self.head_seq)
                if caught_up:
                    before = self.head_seq
                    envelopes = self._fold_entries(caught_up)
                    self.fanout.publish(self.meeting, before, self.head_seq, envelopes)
                before = self.head_seq
                decided = await self._decide_and_persist(batch)
                if decided is None:
                    return
                outcomes, written, envelopes = decided
                if written:
                    self.fanout.publish(
                        self.meeting, before, self.head_seq, envelopes, acks_follow=True
                    )
                # Clients see the change before the ack that confirms it, or with it:
                # an ack carries the sender's changed ``me``; the rest follow the acks.
                _settle(batch, outcomes, before, self.request_seq)
                asyncio.get_running_loop().call_soon(self.fanout.send_me)
                if written:
                    await self._publish(written)
            finally:
                await _quietly(self.store.release(self.meeting_id, token))

    async def _decide_and_persist(
        self, batch: list[Pending]
    ) -> tuple[list[Outcome], list[LogEntry], list[Envelope]] | None:
        """Decide the batch and make its events durable; None if it all failed.

        The rules fold accepted events into the draft as they decide; the
        room's ``meeting`` takes them only once they are durable. Whatever goes
        wrong before that (a rule that crashes, sealing, the database) throws
        the draft away: the room never holds a state that is not in the log.
        """
        for _ in range(5):
            urns = await self._open_urns(secret_votes_touched(self._draft, batch))
            try:
                decided = decide_batch(
                    self._draft,
                    batch,
                    self.clock(),
                    head_hash=self.head_hash,
                    known_requests=self.request_seq,
                    known_commands=self.request_command,
                    lot_seeds=self.lot_seeds,
                    urns=urns,
                )
                envelopes, outcomes = decided.envelopes, decided.outcomes
                if not envelopes:
                    return outcomes, [], []
                payloads = [encode_envelope(e) for e in envelopes]
                entries = seal(self.head_seq, self.head_hash, payloads)
                if self.signing_key is not None and needs_checkpoint(envelopes):
                    envelopes, entries = self._with_checkpoint(envelopes, entries)
                sealed = await self._seal_urns(urns, decided.deposits, decided.emptied)
                await self.store.persist(self.meeting_id, entries, sealed, decided.emptied)
            except LogConflict:
                # Another process got there first: drop the draft, catch up, decide again.
                self._drop_draft()
                self._fold_entries(await self.store.read_durable(self.meeting_id, self.head_seq))
                continue
            except Exception:
                self._drop_draft()
                log.exception("meeting %s: a batch failed before it was durable", self.meeting_id)
                _fail(batch, Unavailable(message="the hub could not save this; try again"))
                return None
            self._record(entries, envelopes, decided_in_draft=len(decided.envelopes))
            await self._forget_urn_keys(decided.emptied)
            return outcomes, entries, envelopes
        self._drop_draft()
        _fail(batch, Unavailable(message="too much contention, try again"))
        return None

    async def _forget_urn_keys(self, votes: list[str]) -> None:
        """After a close is durable; a key left behind is erased at the next load."""
        for vote in votes:
            try:
                await self.urn_keys.erase(self.meeting_id, vote)
            except OSError:
                log.warning("meeting %s: urn key of %s not erased yet", self.meeting_id, vote)

    def _with_checkpoint(
        self, envelopes: list[Envelope], entries: list[LogEntry]
    ) -> tuple[list[Envelope], list[LogEntry]]:
        """Add a signed checkpoint of the log up to the batch's last entry."""
        assert self.signing_key is not None
        last = entries[-1]
        point = checkpoint.sign(self.signing_key, self.meeting_id, last.seq, last.hash)
        envelope = Envelope(point, envelopes[-1].at, role="system")
        sealed = seal(last.seq, last.hash, [encode_envelope(envelope)])
        return [*envelopes, envelope], [*entries, *sealed]

    async def _open_urns(self, votes: list[str]) -> dict[str, list[str]]:
        """The ballots in the urns of these secret votes; a vote whose urn is lost is left out."""
        urns: dict[str, list[str]] = {}
        for vote in votes:
            sealed = await self.store.urn(self.meeting_id, vote)
            key = await self.urn_keys.key(self.meeting_id, vote, create=sealed is None)
            if sealed is None:
                urns[vote] = []
                continue
            try:
                if key is None:
                    raise UrnError("no copy of the urn key is left")
                urns[vote] = open_urn(key, self.meeting_id, vote, sealed)
            except UrnError as exc:
                log.error(
                    "meeting %s: the urn of %s cannot be opened: %s", self.meeting_id, vote, exc
                )
        return urns

    async def _seal_urns(
        self, urns: dict[str, list[str]], deposits: dict[str, list[str]], emptied: list[str]
    ) -> dict[str, bytes]:
        """Each urn that gained ballots, sealed whole again in a fresh order."""
        sealed: dict[str, bytes] = {}
        for vote, fresh in deposits.items():
            if vote in emptied:
                continue
            key = await self.urn_keys.key(self.meeting_id, vote, create=False)
            if key is None:
                raise UrnError(f"the urn key of {vote} is gone")
            size = urn_size(self._draft.votes.votes[vote])
            sealed[vote] = seal_urn(key, self.meeting_id, vote, [*urns[vote], *fresh], size)
        return sealed

    async def _publish(self, entries: list[LogEntry]) -> None:
        try:
            await self.store.publish(self.meeting_id, entries)
        except LiveLogUnavailable:
            log.warning("meeting %s: Redis behind SQL until it is back", self.meeting_id)

    def _record(
        self, entries: list[LogEntry], envelopes: list[Envelope], *, decided_in_draft: int
    ) -> None:
        """A durable batch: its events enter ``meeting`` (the draft has those it decided)."""
        for index, (entry, envelope) in enumerate(zip(entries, envelopes, strict=True)):
            self.meeting.apply(envelope.event, envelope.at)
            if index >= decided_in_draft:  # the signed checkpoint, added after deciding
                self._draft.apply(envelope.event, envelope.at)
            self.history.append((envelope.event, envelope.at))
            self._remember_request(envelope, entry.seq)
        self.head_seq, self.head_hash = entries[-1].seq, entries[-1].hash

    def _remember_request(self, envelope: Envelope, seq: int) -> None:
        if envelope.rid is not None:
            self.request_seq[envelope.rid] = seq
            if envelope.command is not None:
                self.request_command[envelope.rid] = envelope.command

    def _drop_draft(self) -> None:
        """Forget decided but unwritten events: the draft starts again from ``meeting``."""
        self._draft = copy.deepcopy(self.meeting)


def _settle(
    batch: list[Pending], outcomes: list[Outcome], base: int, known: dict[str, int]
) -> None:
    """Resolve each caller's future with the last seq its command produced, or its error.

    An int outcome counts the batch's envelopes up to and including the command's
    own, after the head ``base`` the batch started from; a str outcome is the rid
    of a retry, answered with its original seq.
    """
    for pending, outcome in zip(batch, outcomes, strict=True):
        if pending.future.done():
            continue
        if isinstance(outcome, OrdetError):
            pending.future.set_exception(outcome)
        elif isinstance(outcome, int):
            pending.future.set_result(base + outcome)
        else:
            pending.future.set_result(known.get(outcome, base))


def _fail(batch: list[Pending], error: OrdetError) -> None:
    for pending in batch:
        if not pending.future.done():
            pending.future.set_exception(error)


async def _quietly(awaitable: Awaitable[Any]) -> None:
    try:
        await awaitable
    except LiveLogUnavailable:
        log.warning("could not release a writer lease; it expires by itself")
