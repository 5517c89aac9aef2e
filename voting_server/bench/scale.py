"""Horizontal scale: the same burst on one hub process and on two.

With two, the delegates alternate between the processes; both serve the same
meeting through the same Redis and the same database, and the display sits on
the first. Votes per second count every ballot until the display shows all.
"""

from __future__ import annotations

from typing import Any

from .burst import Round, ordet_round, summary
from .chamber import Chamber
from .stack import Stack


async def measure_scale(
    n: int, rounds: int, processes: tuple[int, ...] = (1, 2), database: str = "sqlite"
) -> list[Any]:
    lines = []
    for count in processes:
        with Stack(seats=n, database=database) as stack:
            hubs = [stack.start_hub() for _ in range(count)]
            chamber = Chamber(stack, hubs)
            results: list[Round] = []
            try:
                await chamber.connect(http_max=0)
                await chamber.check_in_all()
                for r in range(rounds):
                    results.append(await ordet_round(chamber, f"s{r}"))
            finally:
                await chamber.close()
            line = {
                "scale": n,
                "database": database,
                "hub_processes": count,
                **summary(results, chamber.connect_s, n),
            }
            lines.append(line)
    return lines
