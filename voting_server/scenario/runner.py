"""``ordet scenario run``: play scenario files and print a JSON report.

With ``--url`` the scripts run against that hub, and the runner needs the
hub's database (``DATABASE_URL``) to create meetings and mint login links.
Without it, the runner starts a throwaway hub of its own (see ``local_hub``).
The exit code is 0 only if every expectation of every file held.
"""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

from sqlalchemy.engine import Engine

from ..settings import Settings
from ..store.db import make_engine
from .local_hub import local_hub
from .player import ScenarioResult, play
from .script import ScriptError, load


def run_files(files: list[Path], url: str | None) -> int:
    if url is None:
        with local_hub() as hub:
            results = _run_all(files, hub.url, hub.database_url)
    else:
        database_url = (
            os.environ.get("DATABASE_URL") or Settings.from_env(redis_url="unused").database_url
        )
        results = _run_all(files, url.rstrip("/"), database_url)
    passed = sum(1 for r in results if r.ok)
    report = {
        "passed": passed,
        "failed": len(results) - passed,
        "scenarios": [r.as_json() for r in results],
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0 if passed == len(results) else 1


def _run_all(files: list[Path], url: str, database_url: str) -> list[ScenarioResult]:
    engine = make_engine(database_url)
    try:
        return asyncio.run(_play_files(files, url, engine))
    finally:
        engine.dispose()


async def _play_files(files: list[Path], url: str, engine: Engine) -> list[ScenarioResult]:
    results: list[ScenarioResult] = []
    for path in files:
        try:
            script = load(path)
        except ScriptError as err:
            results.append(ScenarioResult(file=str(path), error=str(err)))
            continue
        results.append(await play(script, url, engine))
    return results
