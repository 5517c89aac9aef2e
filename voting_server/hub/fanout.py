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

from collections import deque
from dataclasses import dataclass, field
from typing import Any

import speaker_queue

from ..domain.aggregate import Meeting
from ..domain.base import Role
from ..domain.meeting import events as mev
from ..domain.votes import events as vev
from ..log.chain import Envelope
from ..protocol.frames import encode
from ..protocol.patch import diff
from ..protocol.views import live_view, personal_view, roster_view, view_kind
from .room_client import Client

PATCH_BUFFER = 512  # batches a reconnecting client can catch up on without a snapshot

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


class Fanout:
    def __init__(self) -> None:
        self.audiences: dict[Role, Audience] = {}
        self._roster: dict[str, Any] | None = None

    def attach(self, meeting: Meeting, head: int, client: Client, since: int | None) -> list[bytes]:
        """Register a client; return the frames that bring it up to date."""
        audience = self.audiences.setdefault(client.role, Audience())
        if audience.view is None or audience.seq != head:
            audience.view = live_view(meeting, client.role)
            audience.seq = audience.changed = head
            audience.patches.clear()
        audience.clients.add(client)
        frames = _catch_up(audience, since, head)
        if frames is None:
            if self._roster is None:
                self._roster = roster_view(meeting.core)
            view = {"roster": self._roster, **audience.view}
            frames = [encode({"type": "snapshot", "seq": head, "view": view})]
        client.seq = head
        if client.person is not None:
            client.me = personal_view(meeting, client.person)
            frames.append(encode({"type": "me", "seq": head, "me": client.me}))
        return frames

    def detach(self, client: Client) -> None:
        audience = self.audiences.get(client.role)
        if audience is not None:
            audience.clients.discard(client)

    def publish(self, meeting: Meeting, before: int, head: int, envelopes: list[Envelope]) -> None:
        """Push the change from ``before`` to ``head`` to every audience."""
        fresh: dict[str, dict[str, Any]] = {}
        touched = _touched_people(envelopes)
        # Audiences keep their patches even while empty, so that a screen
        # that lost its connection can resume without a snapshot.
        for role, audience in self.audiences.items():
            assert audience.view is not None
            if audience.seq != before:  # fell behind: later resumes get a snapshot
                audience.patches.clear()
            kind = view_kind(role)
            if kind not in fresh:
                fresh[kind] = live_view(meeting, role)
            new = fresh[kind]
            patch = diff(audience.view, new)
            frame = None
            if patch:
                frame = encode(
                    {"type": "patch", "from": audience.changed, "seq": head, "patch": patch}
                )
                audience.changed = head
            audience.view, audience.seq = new, head
            audience.patches.append((before, head, frame))
            for client in list(audience.clients):
                if frame is not None:
                    client.send(frame)
                client.seq = head
                if client.person is not None and (touched is None or client.person in touched):
                    _refresh_me(meeting, client, head)


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


def _refresh_me(meeting: Meeting, client: Client, head: int) -> None:
    assert client.person is not None
    me = personal_view(meeting, client.person)
    if me != client.me:
        client.me = me
        client.send(encode({"type": "me", "seq": head, "me": me}))
