"""Errors of the SQL store.

StoreError
├── ArchiveConflict   another writer holds one of these sequence numbers (a LogConflict)
└── DocumentCorrupt   a stored file no longer matches its SHA-256 (documents.py)
"""

from __future__ import annotations


class StoreError(Exception):
    """Root of the errors of ``voting_server.store``."""
