"""Errors of meeting scripts.

ScenarioError
├── ScriptError       a script that cannot be read (also a ValueError)
├── VariableError     a variable that is not defined or not set yet
└── StepFailed        a step whose expectation did not hold
"""

from __future__ import annotations


class ScenarioError(Exception):
    """Root of the errors of ``voting_server.scenario``."""
