"""Errors of the audit tools.

AuditError
└── ExportError       an export file that cannot be read or does not verify
"""

from __future__ import annotations


class AuditError(Exception):
    """Root of the errors of ``voting_server.audit``."""
