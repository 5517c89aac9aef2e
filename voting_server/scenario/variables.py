"""Values a script saves from a view and refers to later: ``save`` and ``${name}``.

The hub names votes, kontrapropositions and requests itself, so a script
cannot know their ids in advance. A step with ``save = { vote = "current_vote" }``
stores what the acting actor's view holds at that path once the step is done,
waiting (within the step's timeout) until the path exists. Later steps write
``${vote}`` in ``with`` fields, ``wait`` paths and values, ``absent`` paths and
``save`` paths. A path part ``@keys`` stands for the keys of a map, in order:
``votes.procedures.@keys.0`` is the id of the first kontraproposition.
"""

from __future__ import annotations

import dataclasses
import re
import time
from typing import TYPE_CHECKING, Any

from .cast import Cast, merged_view
from .errors import ScenarioError
from .match import _MISSING, resolve
from .script import show

if TYPE_CHECKING:
    from .script import Step

KEYS = "@keys"
_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


class VariableError(ScenarioError):
    """A step refers to a value never saved, or a value to save never appeared."""


def lookup(view: Any, path: str) -> Any:
    """Like ``match.resolve``, with ``@keys`` for the list of a map's keys."""
    parts = path.split(".")
    if KEYS not in parts:
        return resolve(view, path)
    at = parts.index(KEYS)
    found = resolve(view, ".".join(parts[:at])) if at else view
    if not isinstance(found, dict):
        return _MISSING
    keys = list(found)
    rest = parts[at + 1 :]
    return lookup(keys, ".".join(rest)) if rest else keys


class Variables:
    """The values one script has saved so far."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def fill(self, step: Step) -> Step:
        """The step with every ``${name}`` replaced by its saved value."""
        if "${" not in repr((step.command, step.match, step.absent, step.save)):
            return step
        return dataclasses.replace(
            step,
            command=self._fill(step.command),
            match=self._fill(step.match),
            absent=tuple(self._fill(path) for path in step.absent),
            save={name: self._fill(path) for name, path in step.save.items()},
        )

    async def save(self, cast: Cast, step: Step) -> None:
        """Store the values a step saves, from its actor's view (``me`` included)."""
        if not step.save:
            return
        name = step.actors[0]
        client = cast[name]
        deadline = time.monotonic() + step.timeout

        def found(c: Any) -> dict[str, Any]:
            view = merged_view(c)
            return {k: lookup(view, path) for k, path in step.save.items()}

        try:
            await client.wait_for(
                lambda c: _MISSING not in found(c).values(),
                max(deadline - time.monotonic(), 0.0),
            )
        except TimeoutError:
            missing = [p for k, p in step.save.items() if found(client)[k] is _MISSING]
            raise VariableError(
                f"{name}: after {step.timeout:g} s, nothing at {', '.join(missing)} to save"
            ) from None
        self.values.update(found(client))

    def _fill(self, value: Any) -> Any:
        if isinstance(value, str):
            return self._text(value)
        if isinstance(value, dict):
            return {self._text(k): self._fill(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self._fill(v) for v in value)
        return value

    def _text(self, text: str) -> Any:
        whole = _REFERENCE.fullmatch(text)
        if whole is not None:
            return self._value(whole.group(1))  # "${n}" alone keeps the value's type
        return _REFERENCE.sub(lambda m: _as_text(self._value(m.group(1))), text)

    def _value(self, name: str) -> Any:
        if name not in self.values:
            raise VariableError(f"no value saved as {name!r} by an earlier step")
        return self.values[name]


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else show(value)
