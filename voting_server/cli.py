"""The ``ordet`` command: serve, demo, scenario run, admin, audit, bench."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .settings import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ordet", description="Ordet: debate and voting")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the hub")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)

    demo = sub.add_parser("demo", help="seed the demo assembly and run the hub")
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--fresh", action="store_true", help="start the demo meeting over")

    scenario = sub.add_parser("scenario", help="meeting scripts").add_subparsers(
        dest="action", required=True
    )
    run = scenario.add_parser("run", help="play scenario files and check expectations")
    run.add_argument("files", nargs="+", type=Path)
    run.add_argument("--url", help="a running hub; default: start one")

    admin = sub.add_parser("admin", help="administration")
    add_admin_commands(admin.add_subparsers(dest="action", required=True))

    from .audit.cli import add_audit_commands, run_audit

    audit = sub.add_parser("audit", help="export, verify and replay a meeting's log")
    add_audit_commands(audit.add_subparsers(dest="action", required=True))

    from .bench.cli import add_bench_commands, run_bench

    bench = sub.add_parser("bench", help="benchmarks and fault runs against the real stack")
    add_bench_commands(bench.add_subparsers(dest="action", required=True))

    catalogue = sub.add_parser(
        "catalogue", help="write display/static/catalogue.js from the Python definitions"
    )
    catalogue.add_argument("--check", action="store_true", help="only say if it is out of date")

    args = parser.parse_args(argv)
    if args.command == "catalogue":
        return run_catalogue(args.check)
    if args.command == "serve":
        return serve_forever(args.host, args.port)
    if args.command == "demo":
        return run_demo(args.host, args.port, args.fresh)
    if args.command == "scenario":
        from .scenario.runner import run_files

        return run_files(args.files, args.url)
    if args.command == "audit":
        return run_audit(args)
    if args.command == "bench":
        return run_bench(args)
    from .admin import run_admin

    return run_admin(args)


def add_admin_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sub.add_parser("init-db", help="create the tables")
    sub.add_parser("seed-demo", help="(re)create the demo assembly")
    imp = sub.add_parser("import-roster", help="import an assembly's people from CSV")
    imp.add_argument("--assembly", required=True)
    imp.add_argument("--name", default="")
    imp.add_argument("--people", required=True, type=Path)
    imp.add_argument("--parties", type=Path)
    meeting = sub.add_parser("add-meeting", help="create a meeting with its agenda")
    meeting.add_argument("--assembly", required=True)
    meeting.add_argument("--meeting", required=True)
    meeting.add_argument("--title", required=True)
    meeting.add_argument("--chair", required=True, help="person id of the chair")
    meeting.add_argument("--starts-at", default="")
    meeting.add_argument("--item", action="append", default=[], help="ID:TITLE, repeatable")
    meeting.add_argument(
        "--val", action="append", default=[], help="ID of an item that is an election (val)"
    )
    meeting.add_argument(
        "--dnr", action="append", default=[], help="ID=DIARIENUMMER of an item's ärende"
    )
    link = sub.add_parser("login-link", help="mint a login link for a person or device")
    link.add_argument("principal")
    link.add_argument("--base-url", default="http://127.0.0.1:8000")
    link.add_argument("--next", default="/")
    link.add_argument(
        "--minutes", type=int, default=15, help="how long the link works (once); default 15"
    )
    grant = sub.add_parser("set-roles", help="set a person's roles (the operator's own act)")
    grant.add_argument("person")
    grant.add_argument("roles", help="comma-separated: admin, auditor, secretary; '' for none")
    account = sub.add_parser("create-account", help="give a person a portal account")
    account.add_argument("person")
    account.add_argument("--username", default="", help="default: the person id")
    account.add_argument("--base-url", default="http://127.0.0.1:8000")


#: The demo's links are printed at start and opened by hand, so they last an hour.
DEMO_LINK_TTL = 3600


def serve_forever(host: str, port: int, banner: str = "") -> int:
    """Run the hub with uvicorn; ``--port 0`` picks a free port and prints it."""
    import gc
    import socket

    import uvicorn

    from .embedded_redis import redis_for_this_run
    from .web.app import create_app

    # A meeting keeps every event in memory; the default collector would walk
    # them all every few thousand allocations, in the middle of a vote burst.
    gc.set_threshold(50_000, 50, 100)
    with redis_for_this_run() as url:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(4096)  # accept from now on; uvicorn serves the backlog when ready
        bound = sock.getsockname()[1]
        # Links sent to members point here unless the operator says otherwise.
        os.environ.setdefault("ORDET_BASE_URL", f"http://{host}:{bound}")
        app = create_app(Settings.from_env(redis_url=url))
        if banner:
            print(banner.replace(f":{port}", f":{bound}"), flush=True)
        print(f"Ordet listening on http://{host}:{bound}/", flush=True)
        # Frames are small msgpack maps: compressing each one per connection costs
        # more CPU and memory than it saves on a chamber's network.
        config = uvicorn.Config(
            app,
            ws_max_size=1 << 20,
            ws_per_message_deflate=False,
            # A device whose link died answers no ping: its socket closes within
            # about 20 s, and the console shows the member without a device.
            ws_ping_interval=10.0,
            ws_ping_timeout=10.0,
            timeout_graceful_shutdown=3,  # then close what is left; clients resume
            log_level="warning",
            # X-Forwarded-For only from the proxies named: otherwise anyone could pick
            # the address that the login throttle and the security log see.
            proxy_headers=bool(os.environ.get("ORDET_TRUSTED_PROXIES")),
            forwarded_allow_ips=os.environ.get("ORDET_TRUSTED_PROXIES") or "",
            lifespan="on",
        )
        uvicorn.Server(config).run(sockets=[sock])
    return 0


def run_catalogue(check: bool) -> int:
    from .catalogue import TARGET, render, write

    if check:
        current = TARGET.exists() and TARGET.read_text(encoding="utf-8") == render()
        print(f"{TARGET} is {'up to date' if current else 'out of date: run ordet catalogue'}")
        return 0 if current else 1
    print(f"{TARGET} {'written' if write() else 'already up to date'}")
    return 0


def run_demo(host: str, port: int, fresh: bool) -> int:
    from .clock import CLOCK
    from .portal.accounts import give_demo_portal_accounts
    from .store.db import make_engine
    from .store.directory import Directory
    from .store.seed import prepare_demo

    # The demo serves plain http: a Secure cookie would never come back.
    os.environ.setdefault("ORDET_SECURE_COOKIES", "0")
    settings = Settings.from_env(redis_url="unused")
    engine = make_engine(settings.database_url)
    directory = Directory(engine)
    meeting = prepare_demo(engine, CLOCK.today(), fresh)
    base = f"http://{host}:{port}"
    links = {
        "chair console (m1)": ("m1", f"/m/{meeting}/chair"),
        "member's tablet (m2)": ("m2", f"/m/{meeting}/tablet"),
        "secretary (sekr)": ("sekr", "/portal/admin/"),  # the secretary administers
        "chamber display": ("display", f"/m/{meeting}/display"),
    }
    lines = [
        f"Ordet demo on {base}/  (meeting '{meeting}', 71 seats)",
        "Log in by opening (the chair's console first: it opens the meeting, the rest wait):",
    ]
    for who, (principal, page) in links.items():
        token = directory.mint_login_link(principal, DEMO_LINK_TTL)
        lines.append(f"  {who:24} {base}/login/{token}?next={page}")
    lines.append(f"  {'public results':24} {base}/m/{meeting}/public")
    lines.append(f"  {'attendance':24} {base}/m/{meeting}/")
    enrolments = give_demo_portal_accounts(engine, base)
    if enrolments:
        lines.append("Members' portal (password + TOTP): enrol at")
        lines += [f"  {who:24} {url}" for who, url in enrolments.items()]
    lines.append("Each link logs in once, within an hour. Another one, for any member:")
    lines.append(f"  ordet admin login-link m7 --next /m/{meeting}/tablet  (m1..m71, e1..e71)")
    return serve_forever(host, port, banner="\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
