"""The secretary's year: attendance and the basis for allowances of an
assembly, as JSON for the page and as files (CSV, a workbook) to download."""

from __future__ import annotations

import functools

from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from ..audit import year_files
from ..audit.errors import RulesError
from ..audit.year import Year
from ..audit.year_source import body_year
from ..clock import CLOCK
from ..store.places import places_of
from . import forms
from .errors import PortalError, forbidden
from .http import Portal, api, run
from .http import secretariat as secretariat_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(raw: str) -> int:
    if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
        raise PortalError("year.bad_year", "a year such as 2026")
    return int(raw)


def _download(body: bytes | str, media: str, name: str) -> Response:
    return Response(
        body,
        media_type=media,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )


def year_routes(portal: Portal) -> list[BaseRoute]:
    secretariat = functools.partial(secretariat_for, portal)

    async def year(request: Request) -> Response:
        """``?format=json`` (default), ``csv`` with ``&table=``, or ``xlsx``."""
        sec = await secretariat(request)
        assembly = forms.path_ident(request.path_params["assembly"])
        number = _year(request.path_params["year"])
        await run(sec.check, assembly)
        try:
            figures: Year = await run(body_year, portal.engine, assembly, number)
        except RulesError as err:
            raise PortalError("year.bad_rules", str(err), 409) from None
        kind = request.query_params.get("format", "json")
        stem = f"ordet-{assembly}-{number}"
        if kind == "json":
            return JSONResponse(year_files.to_json(figures))
        if kind == "xlsx":
            data = await run(year_files.to_xlsx, figures)
            return _download(data, XLSX, f"{stem}.xlsx")
        table = request.query_params.get("table", "meetings")
        if kind != "csv" or table not in year_files.tables(figures):
            raise PortalError("year.bad_format", "format json, xlsx, or csv with a table")
        text = year_files.to_csv(figures, table)
        return _download(text, "text/csv; charset=utf-8", f"{stem}-{table}.csv")

    async def my_allowances(request: Request) -> Response:
        """``?year=``: the logged-in member's own basis for allowances and questions."""
        session = await portal.session(request)
        number = _year(request.query_params.get("year", str(CLOCK.today().year)))
        home, *others = await run(_bodies_of, portal.engine, session.principal)
        try:
            figures: Year = await run(body_year, portal.engine, home, number)
        except RulesError as err:
            raise PortalError("year.bad_rules", str(err), 409) from None
        mine = year_files.member_json(figures, session.principal)
        for meeting in mine["meetings"]:
            meeting["body"] = mine["body"]
        for body in others:  # a further body without allowance rules pays none here
            try:
                further = year_files.member_json(
                    await run(body_year, portal.engine, body, number), session.principal
                )
            except RulesError:
                continue
            mine["meetings"] += [{**m, "body": further["body"]} for m in further["meetings"]]
        if others:
            mine["meetings"].sort(key=lambda m: m["date"])  # stable: each body's own order kept
        return JSONResponse(mine)

    endpoint = functools.partial(api, portal)
    return [
        Route(
            "/portal/api/admin/assemblies/{assembly}/year/{year}",
            endpoint(year),
            methods=["GET"],
        ),
        Route("/portal/api/me/allowances", endpoint(my_allowances), methods=["GET"]),
    ]


def _bodies_of(engine: Engine, person: str) -> list[str]:
    """The bodies a person sits in: their own first."""
    with Session(engine) as s:
        bodies = [p.assembly_id for p in places_of(s, person)]
    if not bodies:
        raise forbidden("auth.not_a_member", "only members and substitutes have allowances")
    return bodies
