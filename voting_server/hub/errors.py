"""The hub's internal errors (a client is told an OrdetError, never these).

    HubError
    └── UrnError          an urn that does not open with its key, or a malformed entry

What clients are told derives from ``domain.errors.OrdetError``: ``Unavailable``
and ``MeetingNotOpened`` (room.py), ``RequestReused`` and ``UrnUnavailable`` (batch.py).
"""

from __future__ import annotations


class HubError(Exception):
    """Root of the errors of ``voting_server.hub``."""
