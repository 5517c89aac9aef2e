"""Errors of the audit tools.

AuditError
├── ExportError       an export file that cannot be read or does not verify
└── RulesError        a body's allowance rules or attendance goal that make no sense
"""

from __future__ import annotations


class AuditError(Exception):
    """Root of the errors of ``voting_server.audit``."""


class RulesError(AuditError):
    """A body's settings for the year's figures that cannot be used."""
