"""Short-lived signed tickets that let a logged-in session open a WebSocket.

A ticket names the session, the person or device, the role and the meeting,
and expires after ``TICKET_TTL`` seconds. It is signed with the server's
secret (HMAC via itsdangerous), so any hub process sharing the secret can
check it without a database round trip.
"""

from __future__ import annotations

from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer

from ..clock import CLOCK
from ..domain.base import Role
from ..domain.errors import OrdetError

TICKET_TTL = 60


class TicketError(OrdetError):
    default_code = "auth.ticket_invalid"


@dataclass(frozen=True, slots=True)
class Ticket:
    session: str  # the session id hash ("" for the public screen)
    principal: str  # a person id, a device id, or "public"
    role: Role
    person: str | None
    meeting: str


class _ClockSigner(TimestampSigner):
    """Stamps and checks tickets by Ordet's clock, as every other expiry is."""

    def get_timestamp(self) -> int:
        return int(CLOCK.now())


class TicketSigner:
    def __init__(self, secret: str, ttl: int = TICKET_TTL) -> None:
        self._serializer = URLSafeTimedSerializer(
            secret, salt="ordet.ws-ticket", signer=_ClockSigner
        )
        self.ttl = ttl

    def mint(self, ticket: Ticket) -> str:
        payload = [
            ticket.session,
            ticket.principal,
            str(ticket.role),
            ticket.person,
            ticket.meeting,
        ]
        return self._serializer.dumps(payload)

    def verify(self, token: str) -> Ticket:
        try:
            session, principal, role, person, meeting = self._serializer.loads(
                token, max_age=self.ttl
            )
        except SignatureExpired:
            raise TicketError("auth.ticket_expired", "the ticket has expired") from None
        except (BadSignature, ValueError, TypeError):
            raise TicketError("auth.ticket_invalid", "the ticket is not valid") from None
        return Ticket(session, principal, Role(role), person, meeting)
