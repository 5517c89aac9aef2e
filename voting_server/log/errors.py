"""Errors of the meeting log.

LogError
└── ChainError        an entry does not continue the chain (a gap, an edit, a reorder)
    └── UntrustedEntry  a Redis stream entry without this installation's MAC
"""

from __future__ import annotations


class LogError(Exception):
    """Root of the errors of ``voting_server.log``."""
