"""``python -m voting_server.bench.reference REF_HUB PORT REDIS_URL``.

Runs the reference hub (``shared/bench/ref_hub.py``) against the given Redis:
the reference connects to ``redis.Redis()`` with its defaults, so its client
class is pointed at the benchmark's Redis before the script runs. It also
gets the same open-files limit as Ordet's hub.
"""

from __future__ import annotations

import runpy
import sys
from typing import Any

import redis.asyncio

from .limits import raise_open_files


def _redis_at(url: str) -> type[redis.asyncio.Redis]:
    class BenchRedis(redis.asyncio.Redis):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            if not args and not kwargs:
                pool = redis.asyncio.ConnectionPool.from_url(url)
                kwargs = {"connection_pool": pool}
            super().__init__(*args, **kwargs)

    return BenchRedis


if __name__ == "__main__":
    script, port, url = sys.argv[1:4]
    raise_open_files()
    redis.asyncio.Redis = _redis_at(url)  # type: ignore[misc]
    sys.argv = [script, port, "--redis"]
    runpy.run_path(script, run_name="__main__")
