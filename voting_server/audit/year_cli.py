"""``ordet audit year``: a body's year as JSON, CSV or a workbook, from the
database or recomputed from exported logs."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .errors import RulesError
from .year import Year

TABLES = ("meetings", "members", "parties", "allowances", "payroll", "questions")


def add_year_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    year = sub.add_parser("year", help="attendance and the basis for allowances over a year")
    year.add_argument("year", type=int)
    year.add_argument("assembly", nargs="?", help="read from the database (DATABASE_URL)")
    year.add_argument(
        "--from-export", type=Path, action="append", default=[], help="an export file, repeatable"
    )
    year.add_argument("--body", default="", help="with --from-export: the body's name")
    year.add_argument(
        "--settings", type=Path, help="with --from-export: the body's settings (JSON file)"
    )
    year.add_argument("--format", choices=("json", "csv", "xlsx"), default="json")
    year.add_argument("--table", choices=TABLES, default="meetings", help="for --format csv")
    year.add_argument("-o", "--output", type=Path, help="default: standard output")


def _from_database(assembly: str, year: int) -> Year:
    from ..settings import Settings
    from ..store.db import make_engine
    from .year_source import body_year

    engine = make_engine(Settings.from_env(redis_url="unused").database_url)
    try:
        return body_year(engine, assembly, year)
    finally:
        engine.dispose()


def _from_exports(args: argparse.Namespace) -> Year:
    from . import export
    from .year_source import exported_year

    settings: dict[str, Any] = {}
    if args.settings is not None:
        settings = json.loads(args.settings.read_text(encoding="utf-8"))
    logs = [export.load(path).entries for path in args.from_export]
    return exported_year(logs, args.body, args.year, settings)


def run_year(args: argparse.Namespace) -> int:
    from . import year_files

    if bool(args.assembly) == bool(args.from_export):
        print("ordet audit year: give an ASSEMBLY or --from-export FILE ...", file=sys.stderr)
        return 2
    try:
        figures = (
            _from_exports(args) if args.from_export else _from_database(args.assembly, args.year)
        )
    except (RulesError, ValueError) as err:
        print(f"ordet audit year: {err}", file=sys.stderr)
        return 2
    if args.format == "xlsx":
        if args.output is None:
            print("ordet audit year: a workbook needs -o FILE", file=sys.stderr)
            return 2
        args.output.write_bytes(year_files.to_xlsx(figures))
        return 0
    if args.format == "csv":
        text = year_files.to_csv(figures, args.table)
    else:
        text = json.dumps(year_files.to_json(figures), indent=1, ensure_ascii=False) + "\n"
    if args.output is None:
        print(text, end="")
    else:
        args.output.write_text(text, encoding="utf-8")
    return 0
