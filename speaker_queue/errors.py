"""The one error of the debate rules.

    DebateError      a debate rule refuses a command; nothing is changed

Every refusal carries a stable ``code`` (``"debate.list_closed"``) that
clients translate into their own language; ``message`` is for logs and
developers. docs/debate.md lists the codes.
"""

from __future__ import annotations


class DebateError(Exception):
    """A debate rule refuses a command. The state is left as it was."""

    def __init__(self, code: str, message: str = "") -> None:
        self.code = code
        self.message = message or code
        super().__init__(f"{code}: {self.message}")
