"""Errors of the meeting log.

LogError
├── ChainError          an entry does not continue the chain (a gap, an edit, a reorder)
│   └── UntrustedEntry  a Redis stream entry without this installation's MAC
├── LogConflict         another writer took one of these positions first (a lost race)
└── LiveLogUnavailable  the live copy (Redis) cannot be reached
"""

from __future__ import annotations


class LogError(Exception):
    """Root of the errors of ``voting_server.log``."""


class LogConflict(LogError):
    """Another writer already holds one of these positions: catch up and decide again."""


class LiveLogUnavailable(LogError):
    """The live copy of the log cannot be reached; the durable one may still be."""
