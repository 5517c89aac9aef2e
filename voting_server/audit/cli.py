"""``ordet audit``: export, open-data, verify and replay a meeting's log; verify an
encrypted election's record."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any


def add_audit_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = sub.add_parser("export", help="write a meeting's log as one self-contained file")
    export.add_argument("meeting")
    export.add_argument("-o", "--output", type=Path, help="default: standard output")
    data = sub.add_parser("open-data", help="per-member votes of the open votes")
    data.add_argument("meeting", nargs="?", help="read from the database (DATABASE_URL)")
    data.add_argument("--from-export", type=Path, help="read an export file instead")
    data.add_argument("--format", choices=("csv", "json"), default="csv")
    data.add_argument("-o", "--output", type=Path, help="default: standard output")
    verify = sub.add_parser("verify", help="check an exported file; exit 0 only if it holds")
    verify.add_argument("file", type=Path)
    verify.add_argument("--json", action="store_true", help="print the report as JSON")
    verify.add_argument(
        "--key", action="append", default=[], help="trusted public key (hex), repeatable"
    )
    election = sub.add_parser(
        "verify-election",
        help="check an encrypted election's record without any secret; exit 0 only if it holds",
    )
    election.add_argument("file", type=Path)
    election.add_argument("--trackers", type=Path, help="the voters' trackers, one per line")
    replay = sub.add_parser("replay", help="the state of the meeting at any entry")
    replay.add_argument("file", type=Path)
    replay.add_argument("--at", type=int, help="sequence number; default: the last entry")
    replay.add_argument("--json", action="store_true", help="print the state as JSON")
    minutes = sub.add_parser("minutes", help="the minutes (protokoll) as HTML and PDF")
    minutes.add_argument("source", help="an export FILE, or a MEETING id (DATABASE_URL)")
    minutes.add_argument("--html", type=Path, help="write the HTML document here")
    minutes.add_argument("--pdf", type=Path, help="write the PDF here")
    from .year_cli import add_year_command

    add_year_command(sub)


def run_audit(args: argparse.Namespace) -> int:
    from .export import ExportError

    try:
        if args.action == "export":
            return _export(args.meeting, args.output)
        if args.action == "open-data":
            return _open_data(args)
        if args.action == "verify":
            return _verify(args.file, args.json, args.key)
        if args.action == "verify-election":
            return _verify_election(args.file, args.trackers)
        if args.action == "year":
            from .year_cli import run_year

            return run_year(args)
        if args.action == "minutes":
            from .minutes_cli import run_minutes

            return run_minutes(args.source, args.html, args.pdf, _read_meeting)
        return _replay(args.file, args.at, args.json)
    except ExportError as err:
        print(f"ordet audit: {err}", file=sys.stderr)
        return 2


def _read_meeting(meeting: str) -> list[Any]:
    from ..settings import Settings
    from ..store.archive import Archive
    from ..store.db import make_engine

    engine = make_engine(Settings.from_env(redis_url="unused").database_url)
    try:
        return Archive(engine).read(meeting)
    finally:
        engine.dispose()


def _export(meeting: str, output: Path | None) -> int:
    from ..domain.checkpoints import CheckpointSigned
    from . import export
    from .checkpoint import stored_public_key
    from .records import decode_all

    entries = _read_meeting(meeting)
    if not entries:
        print(f"ordet audit: no log for meeting {meeting!r}", file=sys.stderr)
        return 1
    keys = {
        r.envelope.event.public_key
        for r in decode_all(entries)
        if r.envelope is not None and isinstance(r.envelope.event, CheckpointSigned)
    }
    own = stored_public_key(Path(os.environ.get("ORDET_DATA", "var")))
    if own is not None:
        keys.add(own)
    export.write(export.build(meeting, entries, keys), output)
    if output is not None:
        print(f"{len(entries)} entries of meeting {meeting} written to {output}", file=sys.stderr)
    return 0


def _open_data(args: argparse.Namespace) -> int:
    from . import export, open_data

    if args.from_export is not None:
        entries = export.load(args.from_export).entries
    elif args.meeting:
        entries = _read_meeting(args.meeting)
    else:
        print("ordet audit open-data: give a MEETING or --from-export FILE", file=sys.stderr)
        return 2
    rows = open_data.member_votes(entries)
    text = open_data.to_csv(rows) if args.format == "csv" else open_data.to_json(rows)
    if args.output is None:
        print(text, end="")
    else:
        args.output.write_text(text, encoding="utf-8")
    return 0


def _verify(path: Path, as_json: bool, keys: list[str]) -> int:
    from . import export
    from .verify import verify_export

    report = verify_export(export.load(path), [k.lower() for k in keys])
    if as_json:
        print(json.dumps(report.to_json(), indent=1, ensure_ascii=False))
    else:
        from .render import verify_lines

        print("\n".join(verify_lines(report)))
    return 0 if report.ok else 1


def _verify_election(path: Path, trackers: Path | None) -> int:
    from ..domain.encrypted.record import verify
    from ..domain.encrypted.record_wire import read_record
    from ..domain.encrypted.wire import WireError

    try:
        record = read_record(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, WireError) as err:
        print(f"ordet audit: {path}: {err}", file=sys.stderr)
        return 2
    kept = tuple(trackers.read_text(encoding="utf-8").split()) if trackers else ()
    errors = verify(record, kept)
    if errors:
        print("\n".join(f"FAIL {e}" for e in errors))
        return 1
    e, trustees = record.election, sorted(p.trustee for p in record.partials)
    print(f"Election {e.vote} of meeting {e.meeting}: {len(record.ballots)} ballots, proofs hold")
    print(f"Decrypted by trustees {trustees} of {len(record.ceremony.trustees)}")
    for choice, count in zip(e.choices, record.counts, strict=True):
        print(f"  {count:6d}  {choice}")
    if kept:
        print(f"All {len(kept)} trackers are in the record")
    return 0


def _replay(path: Path, at: int | None, as_json: bool) -> int:
    from ..log.chain import ChainError, verify
    from . import export
    from .replay import snapshot

    entries = export.load(path).entries
    try:
        verify(entries)
    except ChainError as err:
        print(
            f"warning: the file does not verify ({err}); run 'ordet audit verify'", file=sys.stderr
        )
    state = snapshot(entries, at)
    if as_json:
        print(json.dumps(state, indent=1, ensure_ascii=False))
    else:
        from .render import snapshot_lines

        print("\n".join(snapshot_lines(state)))
    return 0
