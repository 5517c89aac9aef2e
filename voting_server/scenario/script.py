"""A scenario file, parsed and checked before anything connects (pure).

The format is described in ``docs/scenarios.md``. Parsing fails early with
``ScriptError`` so that a typo is reported as such, not as a timeout.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..domain.swedish_time import parse_instant
from .errors import ScenarioError

DEFAULT_TIMEOUT = 10.0
_RANGE = re.compile(r"^([A-Za-z_]+)(\d+)\.\.\1?(\d+)$")
_ACTIONS = ("send", "wait", "disconnect", "resume", "sleep", "clock")
_CLOCK_TIME = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")


class ScriptError(ScenarioError, ValueError):
    """The file is not a valid scenario."""


@dataclass(frozen=True)
class Actor:
    name: str
    principal: str  # a person or device id, or "public" for no login
    role: str = ""  # empty: the role the hub picks for the principal


@dataclass(frozen=True)
class Step:
    index: int  # 1-based, as a reader counts them
    action: str  # one of _ACTIONS
    actors: tuple[str, ...]  # empty only for sleep
    description: str
    command: dict[str, Any] = field(default_factory=dict)  # type and fields, for send
    expect: str = "ack"  # "ack" or an error code, for send
    match: dict[str, Any] = field(default_factory=dict)  # expected subset, for wait
    absent: tuple[str, ...] = ()  # paths that must not exist, for wait
    timeout: float = DEFAULT_TIMEOUT
    seconds: float = 0.0  # for sleep
    instant: str = ""  # for clock: an ISO instant (Swedish local time without an offset)
    save: dict[str, str] = field(default_factory=dict)  # name -> view path; see variables.py


@dataclass(frozen=True)
class Script:
    path: Path
    name: str
    meeting: str
    reset: bool
    actors: dict[str, Actor]
    steps: tuple[Step, ...]


def expand(names: str | list[str]) -> tuple[str, ...]:
    """``"m1..m3"`` -> m1, m2, m3; a list may mix single names and ranges."""
    items = [names] if isinstance(names, str) else list(names)
    out: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise ScriptError(f"actor names are strings, not {item!r}")
        found = _RANGE.match(item.strip())
        if found is None:
            out.append(item.strip())
            continue
        prefix, first, last = found.group(1), int(found.group(2)), int(found.group(3))
        if last < first:
            raise ScriptError(f"empty range {item!r}")
        out.extend(f"{prefix}{n}" for n in range(first, last + 1))
    return tuple(out)


def load(path: Path) -> Script:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ScriptError(f"cannot read {path}: {err}") from err
    actors = _actors(data.get("actors", {}))
    raw_steps = data.get("steps", [])
    if not isinstance(raw_steps, list) or not raw_steps:
        raise ScriptError("a scenario needs at least one [[steps]] entry")
    timeout = float(data.get("timeout", DEFAULT_TIMEOUT))
    steps = tuple(_step(i, raw, actors, timeout) for i, raw in enumerate(raw_steps, start=1))
    steps = _on_days(steps)
    return Script(
        path=path,
        name=str(data.get("name", path.stem)),
        meeting=str(data.get("meeting", "demo")),
        reset=bool(data.get("reset", True)),
        actors=actors,
        steps=steps,
    )


def _actors(table: Any) -> dict[str, Actor]:
    if not isinstance(table, dict):
        raise ScriptError("[actors] must be a table")
    actors: dict[str, Actor] = {}
    for name, spec in table.items():
        if isinstance(spec, str):
            actors[name] = Actor(name, spec)
        elif isinstance(spec, dict) and isinstance(spec.get("principal"), str):
            actors[name] = Actor(name, spec["principal"], str(spec.get("role", "")))
        else:
            raise ScriptError(f"actor {name!r}: give a principal id or {{principal, role}}")
    return actors


def _step(index: int, raw: Any, actors: dict[str, Actor], timeout: float) -> Step:
    if not isinstance(raw, dict):
        raise ScriptError(f"step {index}: must be a table")
    actions = [a for a in _ACTIONS if a in raw]
    if "absent" in raw and "wait" not in actions:
        actions.append("wait")
    if "save" in raw and not actions:
        actions.append("wait")  # a save alone waits for the value to appear
    if len(actions) != 1:
        raise ScriptError(
            f"step {index}: give exactly one of send, wait, disconnect, resume, sleep, clock"
        )
    action = actions[0]
    if action == "sleep":
        return _sleep_step(index, raw)
    if action == "clock":
        return _clock_step(index, raw)
    names = _step_actors(index, raw)
    for name in names:
        # An undeclared name is taken to be a principal id: "m5" logs in as m5.
        actors.setdefault(name, Actor(name, name))
    common: dict[str, Any] = {
        "index": index,
        "action": action,
        "actors": names,
        "timeout": float(raw.get("timeout", timeout)),
        "save": _save(index, raw, names),
    }
    who = raw.get("actor") or raw.get("actors")
    label = who if isinstance(who, str) else ", ".join(names)
    plural = len(names) > 1
    if action == "send":
        fields = raw.get("with", {})
        if not isinstance(raw["send"], str) or not isinstance(fields, dict):
            raise ScriptError(f'step {index}: send = "command.type", with = {{fields}}')
        expect = str(raw.get("expect", "ack"))
        described = raw.get("name") or (
            f"{label} {'send' if plural else 'sends'} {raw['send']}, expecting {expect}"
        )
        command = {"type": raw["send"], **fields}
        return Step(**common, description=described, command=command, expect=expect)
    if action == "wait":
        match = raw.get("wait", {})
        absent = raw.get("absent", [])
        if not isinstance(match, dict) or not isinstance(absent, list):
            raise ScriptError(f"step {index}: wait = {{path = value}}, absent = [paths]")
        described = raw.get("name") or (
            f"{label} {'see' if plural else 'sees'} {_describe(match, absent)}"
        )
        return Step(**common, description=described, match=match, absent=tuple(absent))
    described = raw.get("name") or f"{label} {action}{'' if plural else 's'}"
    return Step(**common, description=described)


def _sleep_step(index: int, raw: dict[str, Any]) -> Step:
    """Let time pass, e.g. beyond a speaker's time limit; nobody acts."""
    seconds = raw["sleep"]
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
        raise ScriptError(f"step {index}: sleep = seconds, a number not below 0")
    if "actor" in raw or "actors" in raw:
        raise ScriptError(f"step {index}: nobody acts in a sleep step")
    described = raw.get("name") or f"{seconds:g} s pass"
    return Step(index, "sleep", (), str(described), seconds=float(seconds))


def _clock_step(index: int, raw: dict[str, Any]) -> Step:
    """Move the hub's clock: ``clock = "2026-03-16T09:00"``, or ``"13:30"`` on the same day."""
    value = raw["clock"]
    if "actor" in raw or "actors" in raw:
        raise ScriptError(f"step {index}: nobody acts in a clock step")
    if not isinstance(value, str):
        raise ScriptError(f'step {index}: clock = "2026-03-16T09:00" or "13:30"')
    if not _CLOCK_TIME.match(value):
        try:
            parse_instant(value)
        except ValueError:
            raise ScriptError(f"step {index}: {value!r} is no date and time") from None
    described = raw.get("name") or f"the clock shows {value}"
    return Step(index, "clock", (), str(described), instant=value)


def _on_days(steps: tuple[Step, ...]) -> tuple[Step, ...]:
    """A clock time alone ("13:30") is on the day of the clock step before it."""
    out, day = [], ""
    for step in steps:
        if step.action == "clock":
            if _CLOCK_TIME.match(step.instant):
                if not day:
                    raise ScriptError(f"step {step.index}: give the first clock step a date")
                step = replace(step, instant=f"{day}T{step.instant.zfill(5)}")
            day = step.instant[:10]
        out.append(step)
    return tuple(out)


def _save(index: int, raw: dict[str, Any], names: tuple[str, ...]) -> dict[str, str]:
    """``save = { name = "view.path" }``: values for later steps' ``${name}``."""
    save = raw.get("save", {})
    if not isinstance(save, dict) or not all(isinstance(p, str) for p in save.values()):
        raise ScriptError(f'step {index}: save = {{name = "view.path"}}')
    if save and len(names) != 1:
        raise ScriptError(f"step {index}: save reads one actor's view; name one actor")
    return save


def _step_actors(index: int, raw: dict[str, Any]) -> tuple[str, ...]:
    if ("actor" in raw) == ("actors" in raw):
        raise ScriptError(f"step {index}: name who acts with actor = or actors =")
    names = expand(raw.get("actor") or raw.get("actors") or [])
    if not names:
        raise ScriptError(f"step {index}: no actors")
    return names


def _describe(match: dict[str, Any], absent: list[str]) -> str:
    parts = [f"{path} = {show(value)}" for path, value in flatten(match).items()]
    parts += [f"no {path}" for path in absent]
    return ", ".join(parts) or "a view"


def show(value: Any) -> str:
    """A value as a script writes it: true, "left", ["m1"]."""
    return json.dumps(value, ensure_ascii=False, default=str)


def flatten(match: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested tables to dotted paths: {"a": {"b": 1}} -> {"a.b": 1}."""
    out: dict[str, Any] = {}
    for key, value in match.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            out.update(flatten(value, path + "."))
        else:
            out[path] = value
    return out
