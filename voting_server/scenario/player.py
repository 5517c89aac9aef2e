"""Play one script against a hub, step by step, stopping at the first miss."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine

from ..clock import CLOCK
from ..domain.swedish_time import parse_instant
from .cast import Cast, merged_view
from .errors import ScenarioError
from .match import mismatches
from .meetings import copy_meeting, meeting_exists
from .script import Script, Step
from .variables import VariableError, Variables


class StepFailed(ScenarioError):
    """An expectation did not hold; the message says what was seen instead."""


@dataclass
class StepResult:
    step: int
    description: str
    ok: bool
    seconds: float
    error: str | None = None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "step": self.step,
            "description": self.description,
            "ok": self.ok,
            "seconds": round(self.seconds, 3),
        }
        if self.error is not None:
            out["error"] = self.error
        return out


@dataclass
class ScenarioResult:
    file: str
    name: str = ""
    meeting: str = ""
    steps: list[StepResult] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "name": self.name,
            "meeting": self.meeting,
            "ok": self.ok,
            "steps": [s.as_json() for s in self.steps],
            "error": self.error,
        }


async def play(script: Script, url: str, engine: Engine) -> ScenarioResult:
    result = ScenarioResult(file=str(script.path), name=script.name)
    try:
        result.meeting = await asyncio.to_thread(_meeting_for, script, engine)
    except LookupError as err:
        result.error = str(err)
        return result
    cast = Cast(url, engine, result.meeting, script.actors)
    try:
        variables = Variables()
        for step in script.steps:
            started = time.monotonic()
            try:
                filled = variables.fill(step)
                await _run_step(cast, filled)
                await variables.save(cast, filled)
            except Exception as err:  # any failure ends the script and is reported
                known = isinstance(err, StepFailed | VariableError)
                message = str(err) if known else _unexpected(err)
                result.steps.append(
                    StepResult(step.index, step.description, False, _since(started), message)
                )
                result.error = f"step {step.index} ({step.description}): {message}"
                break
            result.steps.append(StepResult(step.index, step.description, True, _since(started)))
    finally:
        await cast.close()
    return result


def _meeting_for(script: Script, engine: Engine) -> str:
    if script.reset:
        return copy_meeting(engine, script.meeting, script.path.stem)
    if not meeting_exists(engine, script.meeting):
        raise LookupError(f"no meeting {script.meeting!r} in the database")
    return script.meeting


async def _run_step(cast: Cast, step: Step) -> None:
    if step.action == "sleep":
        await asyncio.sleep(step.seconds)
        return
    if step.action == "clock":
        if CLOCK.shared is None:
            raise StepFailed("a clock step needs a hub sharing its clock: ORDET_CLOCK=file:PATH")
        CLOCK.move_shared(parse_instant(step.instant))
        return
    if step.action == "resume":
        for name in step.actors:
            await asyncio.wait_for(cast[name].resume(), step.timeout)
        return
    if step.action == "disconnect":
        for name in step.actors:
            await cast[name].drop()
        return
    await cast.connect(step.actors)
    if step.action == "send":
        for name in step.actors:
            await _send(cast, name, step)
    else:
        deadline = time.monotonic() + step.timeout
        for name in step.actors:
            await _wait(cast, name, step, deadline)


async def _send(cast: Cast, name: str, step: Step) -> None:
    answer = await asyncio.wait_for(cast[name].send(step.command), step.timeout)
    got = "ack" if answer.get("type") == "ack" else str(answer.get("code", answer))
    if got != step.expect:
        detail = f" ({answer['message']})" if answer.get("message") else ""
        raise StepFailed(f"{name}: expected {step.expect}, got {got}{detail}")


async def _wait(cast: Cast, name: str, step: Step, deadline: float) -> None:
    client = cast[name]

    def holds(c: Any) -> bool:
        return not mismatches(merged_view(c), step.match, step.absent)

    try:
        await client.wait_for(holds, max(deadline - time.monotonic(), 0.0))
    except TimeoutError:
        seen = mismatches(merged_view(client), step.match, step.absent)
        raise StepFailed(f"{name}: after {step.timeout:g} s, {'; '.join(seen)}") from None


def _unexpected(err: Exception) -> str:
    if isinstance(err, TimeoutError):
        return "timed out"
    if isinstance(err, KeyError):
        return f"actor {err.args[0]!r} is not connected"
    return f"{type(err).__name__}: {err}"


def _since(started: float) -> float:
    return time.monotonic() - started
