"""Subset matching of a live view against a step's expectation (pure)."""

from __future__ import annotations

from typing import Any

from .script import flatten, show

_MISSING = object()


def resolve(view: Any, path: str) -> Any:
    """The value at a dotted path (list elements by index), or ``_MISSING``.

    A ``*`` part takes every element of a list (or value of a map) in order
    and gives the list of what the rest of the path finds in each; elements
    where it finds nothing are left out.
    """
    return _resolve(view, path.split("."))


def _resolve(view: Any, parts: list[str]) -> Any:
    current = view
    for at, part in enumerate(parts):
        if part == "*" and isinstance(current, list | dict):
            elements = current if isinstance(current, list) else list(current.values())
            found = (_resolve(element, parts[at + 1 :]) for element in elements)
            return [value for value in found if value is not _MISSING]
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and part.isdigit() and int(part) < len(current):
            current = current[int(part)]
        else:
            return _MISSING
    return current


def mismatches(view: dict[str, Any], match: dict[str, Any], absent: tuple[str, ...]) -> list[str]:
    """What differs from the expectation, one line each; empty when it holds."""
    found: list[str] = []
    for path, wanted in flatten(match).items():
        actual = resolve(view, path)
        if actual is _MISSING:
            found.append(f"{path} is missing (expected {show(wanted)})")
        elif not _same(actual, wanted):
            found.append(f"{path} = {show(actual)} (expected {show(wanted)})")
    for path in absent:
        actual = resolve(view, path)
        if actual is not _MISSING:
            found.append(f"{path} = {show(actual)} (expected it absent)")
    return found


def _same(actual: Any, wanted: Any) -> bool:
    # True == 1 in Python; a script that says 1 does not mean quorum = true.
    if isinstance(actual, bool) or isinstance(wanted, bool):
        return isinstance(actual, bool) and isinstance(wanted, bool) and actual == wanted
    return bool(actual == wanted)
