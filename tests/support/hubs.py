"""Hub processes for end-to-end tests: a real uvicorn on port 0, in a subprocess."""

from __future__ import annotations

import os
from pathlib import Path

from voting_server.hub_process import HubProcess

__all__ = ["HubProcess", "hub_env"]


def hub_env(database_url: str, redis_url: str, data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        ORDET_DATA=str(data_dir),
        ORDET_SECRET="test-secret",
        PYTHONUNBUFFERED="1",
    )
    return env
