"""Errors raised by Ordet's rules and protocol.

Every error carries a stable ``code`` that clients translate into their own
language; the message is for logs and developers.

    OrdetError
    ├── DomainError          a rule refuses a command (sent to the caller only)
    │   ├── NotAllowed       the actor may not do this
    │   ├── InvalidState     the meeting is not in a state that allows it
    │   ├── BadBallot        a ballot the vote's method does not allow (votes/ballots.py)
    │   ├── RequestReused    a request id used before for another command (hub/batch.py)
    │   └── UrnUnavailable   a secret vote's urn that cannot be opened (hub/batch.py)
    ├── ProtocolError        a frame is malformed, too big or of unknown type
    ├── TicketError          a WebSocket ticket that is missing, forged or expired (auth/)
    ├── PortalError          a portal request refused, with its HTTP status (portal/)
    │   ├── LoginFailed      a login refused, saying no more (portal/login.py)
    │   └── SlowDown         a login attempt that must wait (portal/login.py)
    ├── Unavailable          Redis or the database cannot be reached (hub/room.py)
    └── MeetingNotOpened     the chair or a secretary has not opened the meeting yet (hub/room.py)

Errors that never reach a client have one root per package, drawn in each
package's ``errors.py``: ``LogError``, ``StoreError``, ``HubError``,
``AuditError``, ``ScenarioError``, ``BenchError``; the speaker list has
``speaker_queue.DebateError``.
"""

from __future__ import annotations


class OrdetError(Exception):
    """Root of all of Ordet's own errors."""

    default_code = "error"

    def __init__(self, code: str | None = None, message: str = "") -> None:
        self.code = code or self.default_code
        self.message = message or self.code
        super().__init__(f"{self.code}: {self.message}")


class DomainError(OrdetError):
    """A rule refuses a command. Nothing is appended to the log."""

    default_code = "domain.refused"


class NotAllowed(DomainError):
    """The actor's role or person may not send this command."""

    default_code = "auth.forbidden"


class InvalidState(DomainError):
    """The meeting is not in a state where the command applies."""

    default_code = "meeting.invalid_state"


class ProtocolError(OrdetError):
    """A frame cannot be understood; nothing is changed."""

    default_code = "frame.malformed"
