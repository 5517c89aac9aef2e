"""``uvicorn --factory voting_server.web.factory:app``: the hub from the environment.

Production runs set DATABASE_URL (PostgreSQL), REDIS_URL and ORDET_SECRET;
several such processes may serve the same meetings behind a load balancer.
"""

from __future__ import annotations

import os

from starlette.applications import Starlette

from ..settings import Settings
from .app import create_app


def app() -> Starlette:
    if not os.environ.get("REDIS_URL"):
        raise SystemExit("set REDIS_URL (or use `ordet serve`, which starts a Redis itself)")
    return create_app(Settings.from_env())
