"""Pushing each role's view of a meeting to its clients, as patches.

After every batch the view of each kind is computed once (the public kind is
shared by the public, the display and the delegates; the presidium kind by
the chair, the secretary and the auditor), diffed against what each audience
last saw, encoded once, and queued to every client of the audience. The
roster never changes after the opening, so it travels in snapshots only.
A delegate's own status (``me``) is refreshed only for the people a batch
touched, unless the batch changed something that concerns everyone.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import speaker_queue

from ..domain.aggregate import Meeting
from ..domain.allowances.events import ALLOWANCE_EVENTS
from ..domain.base import Role
from ..domain.checkpoints import AUDIT_EVENTS
from ..domain.justering.events import JUSTERING_EVENTS, JusterareElected, NoticePosted
from ..domain.meeting import events as mev
from ..domain.votes import VOTE_EVENTS
from ..domain.votes import events as vev
from ..log.chain import Envelope
from ..protocol import outgoing
from ..protocol.patch import diff
from ..protocol.views import (
    core_part,
    debate_part,
    live_view,
    personal_view,
    roster_view,
    view_kind,
    votes_part,
)
from .room_client import Client

PATCH_BUFFER = 512  # batches a reconnecting client can catch up on without a snapshot
CROWD = 32  # an audience with more clients than this gets coalesced patches
FLUSH_INTERVAL = 0.05  # seconds: at most 20 patches a second to a crowd

VOTE_EVENT_TYPES = frozenset(VOTE_EVENTS)
#: Events no live view shows (they are for the auditor and the minutes); the
#: notice is shown on the public screen, the justerare in the meeting's part.
UNSEEN_EVENTS = frozenset({*AUDIT_EVENTS, *JUSTERING_EVENTS, *ALLOWANCE_EVENTS}) - {
    NoticePosted,
    JusterareElected,
}

#: Events that change only the own status of the people they name or who sent them.
PERSONAL_EVENTS = frozenset(
    {
        vev.BallotCast,
        vev.SecretBallotCast,
        mev.CheckedIn,
        mev.CheckedOut,
        mev.SeatTaken,
        mev.SeatVacated,
        mev.JavDeclared,
        mev.JavWithdrawn,
    }
)


@dataclass
class Audience:
    """The clients of one role, their shared view, and its recent patches."""

    clients: set[Client] = field(default_factory=set)
    view: dict[str, Any] | None = None
    seq: int = 0  # the log position the view was computed at
    changed: int = 0  # the last position where the view changed: a patch's "from"
    patches: deque[tuple[int, int, bytes | None]] = field(
        default_factory=lambda: deque(maxlen=PATCH_BUFFER)
    )
    dirty: bool = False  # a crowd with changes not yet pushed
    pushed_at: float = 0.0  # time.monotonic() of the last push


@dataclass
class Changes:
    """Which parts of the views a batch may have changed."""

    everything: bool = False
    debate: bool = False
    votes: bool = False
    all_votes: bool = False
    vote_ids: set[str] = field(default_factory=set)


@dataclass
class Parts:
    """One kind of view, kept in the parts that change independently."""

    seq: int
    core: dict[str, Any]
    debate: dict[str, Any]
    votes: dict[str, Any]

    def view(self) -> dict[str, Any]:
        return {**self.core, "debate": self.debate, **self.votes}


class Fanout:
    def __init__(self, schedule_flush: Callable[[float], None] | None = None) -> None:
        """``schedule_flush(delay)`` asks the room to call ``flush`` under its lock later."""
        self.audiences: dict[Role, Audience] = {}
        self._roster: dict[str, Any] | None = None
        self._parts: dict[str, Parts] = {}
        self._schedule_flush = schedule_flush
        self._flush_scheduled = False
        self._me_unsent: list[Client] = []

    def attach(self, meeting: Meeting, head: int, client: Client, since: int | None) -> list[bytes]:
        """Register a client; return the frames that bring it up to date."""
        audience = self.audiences.setdefault(client.role, Audience())
        if audience.view is None:
            audience.view = live_view(meeting, client.role)
            audience.seq = audience.changed = head
        elif audience.seq != head:
            self._push(meeting, client.role, audience, head, live_view(meeting, client.role))
        audience.clients.add(client)
        frames = _catch_up(audience, since, head)
        if frames is None:
            if self._roster is None:
                self._roster = roster_view(meeting.core)
            view = {"roster": self._roster, **audience.view}
            frames = [outgoing.snapshot(head, view)]
        client.seq = head
        if client.person is not None:
            client.me = personal_view(meeting, client.person)
            frames.append(outgoing.me(head, client.me))
        return frames

    def clients_of(self, roles: frozenset[Role]) -> list[Client]:
        return [c for role in roles for c in self.audiences.get(role, Audience()).clients]

    def detach(self, client: Client) -> None:
        audience = self.audiences.get(client.role)
        if audience is not None:
            audience.clients.discard(client)

    def publish(
        self,
        meeting: Meeting,
        before: int,
        head: int,
        envelopes: list[Envelope],
        *,
        acks_follow: bool = False,
    ) -> None:
        """Push the change from ``before`` to ``head`` to every audience.

        A crowd (many delegates, the public) gets at most one patch per
        ``FLUSH_INTERVAL``: during a burst of ballots the screens that count
        (the display, the chair) stay exact batch by batch, while a thousand
        tablets are not sent a thousand progress updates each.

        A person's changed ``me`` goes with the ack of their own command when
        ``acks_follow`` (one frame, not two); the room then calls ``send_me``
        for the rest once the batch's acks are out.
        """
        if any(isinstance(e.event, mev.ChairHandedOver) for e in envelopes):
            chairs = self.audiences.get(Role.CHAIR)
            for client in list(chairs.clients if chairs else ()):
                if client.person != meeting.core.presiding:
                    client.lose_chair()
        fresh: dict[str, dict[str, Any]] = {}
        touched = _touched_people(envelopes)
        changes = _changes(envelopes)
        now = time.monotonic()
        for role, audience in self.audiences.items():
            kind = view_kind(role)
            if kind not in fresh:
                fresh[kind] = self._view(meeting, role, before, head, changes)
            if len(audience.clients) > CROWD and now - audience.pushed_at < FLUSH_INTERVAL:
                audience.dirty = True
                self._ask_for_flush()
            else:
                self._push(meeting, role, audience, head, fresh[kind])
            if touched is None:
                for client in audience.clients:
                    if client.person is not None:
                        _refresh_me(meeting, client, head, self._me_unsent)
            else:
                for client in audience.clients:
                    if client.person in touched:
                        _refresh_me(meeting, client, head, self._me_unsent)
        if not acks_follow:
            self.send_me()

    def send_me(self) -> None:
        """Send each changed ``me`` that no ack carried (after the batch's acks)."""
        unsent, self._me_unsent = self._me_unsent, []
        for client in unsent:
            client.send_me()

    def flush(self, meeting: Meeting, head: int) -> None:
        """Push what crowds have not been sent yet (call with the room's lock held)."""
        self._flush_scheduled = False
        for role, audience in self.audiences.items():
            if audience.dirty:
                self._push(meeting, role, audience, head, live_view(meeting, role))

    def _ask_for_flush(self) -> None:
        if not self._flush_scheduled and self._schedule_flush is not None:
            self._flush_scheduled = True
            self._schedule_flush(FLUSH_INTERVAL)

    def _push(
        self, meeting: Meeting, role: Role, audience: Audience, head: int, new: dict[str, Any]
    ) -> None:
        """Send an audience the patch from what it last got to ``new``, the view at ``head``.

        Audiences keep their patches even while empty, so that a screen that
        lost its connection can resume without a snapshot.
        """
        assert audience.view is not None
        patch = diff(audience.view, new)
        frame = None
        if patch:
            frame = outgoing.patch(audience.changed, head, patch)
            audience.changed = head
        audience.patches.append((audience.seq, head, frame))
        audience.view, audience.seq = new, head
        audience.dirty, audience.pushed_at = False, time.monotonic()
        for client in list(audience.clients):
            if frame is not None:
                client.send(frame)
            client.seq = head

    def _view(
        self, meeting: Meeting, role: Role, before: int, head: int, changes: Changes
    ) -> dict[str, Any]:
        """The live view of a role's kind at ``head``, rebuilding only what changed."""
        kind = view_kind(role)
        parts = self._parts.get(kind)
        if parts is None or parts.seq != before or changes.everything:
            parts = Parts(head, core_part(meeting, role), debate_part(meeting), {})
            parts.votes = votes_part(meeting, role)
        else:
            parts.seq = head
            if changes.debate:
                parts.debate = debate_part(meeting)
            if changes.votes:
                known = {} if changes.all_votes else dict(parts.votes["votes"]["votes"])
                for vote in changes.vote_ids:
                    known.pop(vote, None)
                parts.votes = votes_part(meeting, role, known)
        self._parts[kind] = parts
        return parts.view()


def _changes(envelopes: list[Envelope]) -> Changes:
    changes = Changes()
    for envelope in envelopes:
        event = envelope.event
        if isinstance(event, speaker_queue.DebateEvent):
            changes.debate = True
        elif type(event) in VOTE_EVENT_TYPES:
            changes.votes = True
            vote = getattr(event, "vote", None)
            if isinstance(vote, str):
                changes.vote_ids.add(vote)
            else:
                changes.all_votes = True
        elif type(event) not in UNSEEN_EVENTS:
            changes.everything = True
    return changes


def _catch_up(audience: Audience, since: int | None, head: int) -> list[bytes] | None:
    """The patches after ``since``, or None when only a snapshot will do."""
    if since is None or since > head:
        return None
    if since == head:
        return []
    frames: list[bytes] = []
    expected = since
    for start, end, frame in audience.patches:
        if end <= since:
            continue
        if start != expected:
            return None
        if frame is not None:
            frames.append(frame)
        expected = end
    return frames if expected == head else None


def _touched_people(envelopes: list[Envelope]) -> set[str] | None:
    """Whose own status a batch may have changed; None for everyone."""
    people: set[str] = set()
    for envelope in envelopes:
        event = envelope.event
        if isinstance(event, speaker_queue.DebateEvent):
            continue
        if type(event) not in PERSONAL_EVENTS:
            return None
        if envelope.by is not None:
            people.add(envelope.by)
        person = getattr(event, "person", None)
        if person is not None:
            people.add(person)
    return people


def _refresh_me(meeting: Meeting, client: Client, head: int, unsent: list[Client]) -> None:
    assert client.person is not None
    me = personal_view(meeting, client.person)
    if me != client.me:
        client.me, client.me_unsent = me, head
        unsent.append(client)
