"""Errors of the benchmarks.

BenchError
└── Refused           the hub refused a command the benchmark needed
"""

from __future__ import annotations


class BenchError(Exception):
    """Root of the errors of ``voting_server.bench``."""
