"""Hub processes for end-to-end tests: a real uvicorn on port 0, in a subprocess."""

from __future__ import annotations

import os
from pathlib import Path

from voting_server.hub_process import HubProcess

__all__ = ["TEST_SECRET", "HubProcess", "hub_env"]

#: The tests' ORDET_SECRET: long and varied enough for the hub to accept it.
TEST_SECRET = "test-secret-4f1c9a7d52e0b83c6a9d17e5f3b2c0a8"


def hub_env(database_url: str, redis_url: str, data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        ORDET_DATA=str(data_dir),
        ORDET_SECRET=TEST_SECRET,
        ORDET_SECURE_COOKIES="0",  # plain http on 127.0.0.1, as in ordet demo
        PYTHONUNBUFFERED="1",
    )
    return env
