"""Turn events and commands into plain maps and back, checking every field.

The same code reads a tablet's command frame and an auditor's log entry, so a
value of the wrong type is refused with a clear error instead of reaching a
rule. Supported field types: ``str``, ``int``, ``bool``, ``None``, ``StrEnum``
subclasses, ``Literal`` values, nested frozen dataclasses, unions of those,
and ``tuple[X, ...]`` or fixed ``tuple[X, Y]`` of supported types.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any, TypeVar, Union

from .errors import ProtocolError

T = TypeVar("T")

#: Keys a frame may carry besides the fields of its command.
ENVELOPE_KEYS = frozenset({"type", "rid"})


def to_wire(obj: Any) -> dict[str, Any]:
    """The plain map of an event or command, with its tag under ``type``."""
    data: dict[str, Any] = {"type": obj.type}
    for field in dataclasses.fields(obj):
        data[field.name] = _plain(getattr(obj, field.name))
    return data


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, StrEnum):
        return str(value)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


class Registry:
    """Maps wire tags to classes, for one family (events or commands)."""

    def __init__(self, family: str, classes: Iterable[type[Any]] = ()) -> None:
        self.family = family
        self._by_tag: dict[str, type[Any]] = {}
        self.add(*classes)

    def add(self, *classes: type[Any]) -> None:
        for cls in classes:
            tag = cls.type
            if tag in self._by_tag and self._by_tag[tag] is not cls:
                raise ValueError(f"duplicate {self.family} tag {tag!r}")
            self._by_tag[tag] = cls

    def __contains__(self, tag: object) -> bool:
        return tag in self._by_tag

    def tags(self) -> list[str]:
        return sorted(self._by_tag)

    def cls(self, tag: object) -> type[Any]:
        if not isinstance(tag, str) or tag not in self._by_tag:
            raise ProtocolError("frame.unknown_type", f"unknown {self.family} type {tag!r}")
        return self._by_tag[tag]

    def from_wire(self, data: Mapping[str, Any], *, extra: frozenset[str] = frozenset()) -> Any:
        """Build the object a map describes; refuse unknown or mistyped fields."""
        return from_wire(self.cls(data.get("type")), data, extra=extra)


def from_wire(cls: type[T], data: Mapping[str, Any], *, extra: frozenset[str] = frozenset()) -> T:
    """Build ``cls`` from a map; nested dataclasses come from nested maps."""
    label = getattr(cls, "type", cls.__name__)
    if not isinstance(data, Mapping):
        raise ProtocolError("frame.bad_field", f"{label}: expected a map")
    hints = _hints(cls)
    allowed = hints.keys() | {"type"} | extra
    unknown = [k for k in data if k not in allowed]
    if unknown:
        raise ProtocolError("frame.unknown_field", f"{label}: unknown field {unknown[0]!r}")
    kwargs: dict[str, Any] = {}
    for name, (hint, required) in hints.items():
        if name not in data:
            if required:
                raise ProtocolError("frame.missing_field", f"{label}: missing field {name!r}")
            continue
        kwargs[name] = _coerce(data[name], hint, f"{label}.{name}")
    return cls(**kwargs)


_HINTS: dict[type[Any], dict[str, tuple[Any, bool]]] = {}


def _hints(cls: type[Any]) -> dict[str, tuple[Any, bool]]:
    """Each field's resolved type and whether it is required (memoised per class)."""
    if cls in _HINTS:
        return _HINTS[cls]
    resolved = typing.get_type_hints(cls)
    out: dict[str, tuple[Any, bool]] = {}
    for field in dataclasses.fields(cls):
        required = (
            field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
        )
        out[field.name] = (resolved[field.name], required)
    _HINTS[cls] = out
    return out


def _coerce(value: Any, hint: Any, where: str) -> Any:
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        for option in typing.get_args(hint):
            try:
                return _coerce(value, option, where)
            except ProtocolError:
                continue
        raise _wrong(where, hint, value)
    if origin is typing.Literal:
        if value in typing.get_args(hint) and type(value) in (str, int, bool):
            return value
        raise _wrong(where, hint, value)
    if origin is tuple:
        return _coerce_tuple(value, typing.get_args(hint), where)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return from_wire(hint, value)
    if hint is type(None):
        if value is None:
            return None
        raise _wrong(where, hint, value)
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        try:
            return hint(value)
        except ValueError:
            raise _wrong(where, hint, value) from None
    if hint is bool:
        if isinstance(value, bool):
            return value
        raise _wrong(where, hint, value)
    if hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise _wrong(where, hint, value)
    if hint is str:
        if isinstance(value, str):
            return value
        raise _wrong(where, hint, value)
    raise TypeError(f"{where}: unsupported field type {hint!r}")


def _coerce_tuple(value: Any, args: tuple[Any, ...], where: str) -> tuple[Any, ...]:
    if not isinstance(value, list | tuple):
        raise _wrong(where, "list", value)
    if len(args) == 2 and args[1] is Ellipsis:
        return tuple(_coerce(v, args[0], f"{where}[{i}]") for i, v in enumerate(value))
    if len(value) != len(args):
        raise _wrong(where, f"list of {len(args)}", value)
    return tuple(
        _coerce(v, a, f"{where}[{i}]") for i, (v, a) in enumerate(zip(value, args, strict=True))
    )


def _wrong(where: str, hint: Any, value: Any) -> ProtocolError:
    name = getattr(hint, "__name__", None) or str(hint)
    return ProtocolError("frame.bad_field", f"{where}: expected {name}, got {type(value).__name__}")
