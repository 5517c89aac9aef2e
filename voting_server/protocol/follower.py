"""What a client knows of its role's view: one pure follower of the frames.

The hub sends a ``snapshot`` (the whole view), then ``patch`` frames (JSON
merge patches from one seq to the next) and ``me`` frames (the person's own
status). ``ViewFollower.take`` applies one frame; the Python client, the
benchmark's screens, the load test's users and the scenario player all
follow the view through it, as ``display/static/hub.js`` does in the pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .patch import merge


@dataclass
class ViewFollower:
    view: dict[str, Any] = field(default_factory=dict)
    me: dict[str, Any] = field(default_factory=dict)
    welcome: dict[str, Any] = field(default_factory=dict)
    seq: int = 0
    snapshots: int = 0
    gaps: int = 0  # patches that did not continue from the view we hold
    devices: list[str] | None = None  # the presidium's: who has a device connected

    def take(self, frame: dict[str, Any]) -> bool:
        """Apply one frame; whether it was one of the view's (welcome, snapshot, patch, me)."""
        kind = frame.get("type")
        if kind == "welcome":
            self.welcome = frame
        elif kind == "snapshot":
            self.view, self.seq = frame["view"], frame["seq"]
            self.snapshots += 1
        elif kind == "patch":
            if frame["from"] > self.seq:  # "from" is where the view last changed
                self.gaps += 1
            self.view = merge(self.view, frame["patch"])
            self.seq = frame["seq"]
        elif kind == "me":
            self.me = frame["me"]
        elif kind == "devices":
            self.devices = list(frame["online"])
        else:
            if kind == "ack" and "me" in frame:  # the sender's status, with its ack
                self.me = frame["me"]
            return False
        return True
