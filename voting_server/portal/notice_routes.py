"""The notice's HTTP interface: the secretary publishes and resends, anyone reads the
anslagstavla. The rules are in notice.py and notice_mail.py."""

from __future__ import annotations

import functools
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from ..clock import CLOCK
from . import forms, notice, notice_mail
from .http import Portal, api, page, run
from .http import secretariat as secretariat_for


def notice_routes(portal: Portal) -> list[BaseRoute]:
    secretariat = functools.partial(secretariat_for, portal)

    async def deliver(meeting: str) -> dict[str, int]:
        return await run(
            notice_mail.deliver, portal.engine, portal.mailer, meeting, portal.settings.base_url
        )

    async def publish(request: Request) -> Response:
        """The notice's versions and mails (GET), or publish it as the meeting stands (POST,
        ``public``: post it on the anslagstavla too; fullmäktige's always are)."""
        sec = await secretariat(request)
        meeting = forms.path_ident(request.path_params["meeting"])
        result: dict[str, Any] = {}
        if request.method == "POST":
            body = await forms.json_body(request)
            public = body.get("public") is True
            version = await run(
                notice.publish, sec, meeting, public, int(CLOCK.now()), CLOCK.today()
            )
            result = {"published": version, "delivered": await deliver(meeting)}
        return JSONResponse({**await run(notice.status, sec, meeting), **result})

    async def resend(request: Request) -> Response:
        """Send again every mail of the current notice the server has not taken yet."""
        sec = await secretariat(request)
        meeting = forms.path_ident(request.path_params["meeting"])
        await run(notice.status, sec, meeting)  # may this secretary see it at all
        delivered = await deliver(meeting)
        return JSONResponse({**await run(notice.status, sec, meeting), "delivered": delivered})

    async def board(request: Request) -> Response:
        """The public notices: the anslagstavla (no login)."""
        return JSONResponse(await run(notice.board, portal.engine, CLOCK.today()))

    endpoint = functools.partial(api, portal)
    return [
        Route(
            "/portal/api/admin/meetings/{meeting}/notice",
            endpoint(publish),
            methods=["GET", "POST"],
        ),
        Route(
            "/portal/api/admin/meetings/{meeting}/notice/resend",
            endpoint(resend),
            methods=["POST"],
        ),
        Route("/portal/api/anslagstavla", endpoint(board), methods=["GET"]),
        Route("/anslagstavla", page("anslagstavla.html")),
    ]
