"""``ordet admin``: the secretary's and operator's commands."""

from __future__ import annotations

import argparse

from .domain.swedish_time import local_iso
from .settings import Settings
from .store.db import make_engine
from .store.directory import Directory
from .store.seed import add_meeting, import_roster, seed_demo


def run_admin(args: argparse.Namespace) -> int:
    settings = Settings.from_env(redis_url="unused")
    engine = make_engine(settings.database_url)
    if args.action == "init-db":
        print(f"tables ready in {settings.database_url}")
    elif args.action == "seed-demo":
        seed_demo(engine)
        print("demo assembly seeded: meeting 'demo'")
    elif args.action == "import-roster":
        count = import_roster(
            engine, args.assembly, args.name or args.assembly, args.people, args.parties
        )
        print(f"imported {count} people into assembly {args.assembly}")
    elif args.action == "add-meeting":
        items = [tuple(item.split(":", 1)) for item in args.item]
        if any(len(item) != 2 for item in items):
            raise SystemExit("--item takes ID:TITLE")
        if args.starts_at and not local_iso(args.starts_at):
            raise SystemExit("--starts-at takes a date and time such as 2026-12-10T09:00")
        dnr = dict(d.split("=", 1) for d in args.dnr if "=" in d)
        if len(dnr) != len(args.dnr) or not set(dnr) | set(args.val) <= {i[0] for i in items}:
            raise SystemExit("--val and --dnr name items given with --item (--dnr ID=DNR)")
        add_meeting(
            engine,
            args.assembly,
            args.meeting,
            args.title,
            args.chair,
            [
                (i[0], i[1], "val" if i[0] in args.val else "arende", dnr.get(i[0], ""))
                for i in items
            ],
            args.starts_at,
        )
        print(f"meeting {args.meeting} with {len(items)} items")
    elif args.action == "login-link":
        try:
            token = Directory(engine).mint_login_link(args.principal, args.minutes * 60)
        except LookupError:
            raise SystemExit(f"no person or device {args.principal!r}") from None
        print(f"{args.base_url}/login/{token}?next={args.next}")
    elif args.action == "set-roles":
        from .portal.secretariat import set_roles_as_operator

        print(set_roles_as_operator(engine, args.person, args.roles))
    elif args.action == "create-account":
        from .portal.accounts import create_account_from_cli

        print(create_account_from_cli(engine, args.person, args.username, args.base_url))
    return 0
