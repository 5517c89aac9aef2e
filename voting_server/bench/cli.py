"""The ``ordet bench`` commands: burst (with idle displays and horizontal scale), faults,
logins, many meetings at once, and the cost of an encrypted election."""

from __future__ import annotations

import argparse
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def _sizes(text: str) -> list[int]:
    return [int(s) for s in text.split(",") if s.strip()]


def _kinds(text: str) -> tuple[str, ...]:
    kinds = tuple(k.strip() for k in text.split(",") if k.strip())
    if not kinds or any(k not in ("sqlite", "postgresql") for k in kinds):
        raise argparse.ArgumentTypeError("sqlite, postgresql, or both")
    return kinds


def add_bench_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    burst = sub.add_parser("burst", help="vote burst on Ordet beside the reference hub")
    burst.add_argument(
        "--sizes",
        type=_sizes,
        default=[71, 1000, 5000],
        help="delegates per burst, comma-separated ('' for none)",
    )
    burst.add_argument("--rounds", type=int, default=5)
    burst.add_argument(
        "--reference",
        type=Path,
        default=None,
        help="reference hub script (default ../shared/bench/ref_hub.py)",
    )
    burst.add_argument("--no-reference", action="store_true")
    burst.add_argument(
        "--databases",
        type=_kinds,
        default=("sqlite", "postgresql"),
        help="sqlite, postgresql or both (comma-separated); PostgreSQL from ORDET_BENCH_POSTGRES",
    )
    burst.add_argument(
        "--http-max",
        type=int,
        default=1000,
        help="log in over HTTP up to this many people, else mint in bulk",
    )
    burst.add_argument(
        "--displays", type=int, default=0, help="also measure this many idle display connections"
    )
    burst.add_argument(
        "--scale",
        type=int,
        default=0,
        help="also measure votes/s of this many delegates on one and two hubs",
    )
    faults = sub.add_parser("faults", help="kill hubs and Redis mid-vote; count what was lost")
    faults.add_argument("--seed", type=int, default=1)
    faults.add_argument("--rounds", type=int, default=5, help="hub kills")
    faults.add_argument("--voters", type=int, default=71)
    faults.add_argument("--storm", type=int, default=1000, help="clients in the reconnect storm")
    faults.add_argument("--databases", type=_kinds, default=("sqlite", "postgresql"))
    logins = sub.add_parser("logins", help="members logging in at once: portal, ticket, socket")
    logins.add_argument("--count", type=int, default=1000)
    logins.add_argument("--databases", type=_kinds, default=("sqlite", "postgresql"))
    meetings = sub.add_parser("meetings", help="many meetings at once on one or more hubs")
    meetings.add_argument("--meetings", type=int, default=20)
    meetings.add_argument("--seats", type=int, default=71)
    meetings.add_argument("--processes", type=_sizes, default=[1, 2, 3])
    meetings.add_argument("--rounds", type=int, default=3)
    meetings.add_argument("--databases", type=_kinds, default=("postgresql", "sqlite"))
    election = sub.add_parser("election", help="what an encrypted election costs")
    election.add_argument("--voters", type=int, default=349)
    election.add_argument("--no-browser", action="store_true", help="skip Chromium")


def run_bench(args: argparse.Namespace) -> int:
    if args.action == "burst":
        from .burst import default_reference, main

        reference = None
        if not args.no_reference:
            reference = args.reference or default_reference(REPO_ROOT)
        return main(
            args.sizes,
            args.rounds,
            reference,
            args.http_max,
            args.displays,
            args.scale,
            args.databases,
        )
    if args.action == "logins":
        from .logins import main as logins_main

        return logins_main(args.count, args.databases)
    if args.action == "meetings":
        from .meetings import main as meetings_main

        return meetings_main(args.meetings, args.seats, args.processes, args.rounds, args.databases)
    if args.action == "election":
        from .election import main as election_main

        return election_main(args.voters, not args.no_browser)
    from .faults import main as faults_main

    return faults_main(args.seed, args.rounds, args.voters, args.storm, args.databases)
