"""The basis for allowances after a meeting, over the portal's API.

A member questions their own figures; the secretary of the meeting's assembly
answers, corrects a person's times with a reason, or approves the meeting's
basis by the digest they read (``allowance.figures_changed`` if the rows
changed since). Each is an event in the meeting's log, so the year's figures
and an auditor's recount from an export see the same.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, time, timedelta

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from ..audit.errors import RulesError
from ..audit.year_source import MeetingBasis, meeting_basis
from ..domain.allowances.events import (
    AnswerAllowanceQuestion,
    ApproveAllowances,
    CorrectAllowance,
    QuestionAllowance,
)
from ..domain.allowances.state import TEXT_LIMIT
from ..domain.base import Actor, Command, Role
from ..domain.errors import OrdetError
from ..domain.swedish_time import STOCKHOLM, swedish_day
from ..hub.hub import Hub
from ..hub.room import MeetingNotOpened
from ..portal import forms
from ..portal.errors import PortalError, forbidden, not_found
from ..portal.http import Portal, api, run
from ..portal.secretariat import Secretariat

_CLOCK = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")
_DURATION = re.compile(r"(\d{1,2}):([0-5]\d)")
PREFIX = "/portal/api/meetings/{meeting}/allowances"


def _minutes(value: str, pattern: re.Pattern[str], key: str) -> int:
    found = pattern.fullmatch(value.strip())
    if found is None:
        raise forms.bad(f"{key}: hours and minutes, such as 13:30")
    return int(found[1]) * 60 + int(found[2])


def _instant(day: date, minutes: int) -> int:
    """A Swedish wall-clock time ``minutes`` after the day's midnight (a later day past 24 h)."""
    days, minute = divmod(minutes, 24 * 60)
    local = datetime.combine(day + timedelta(days=days), time(minute // 60, minute % 60), STOCKHOLM)
    return int(local.timestamp() * 1000)


def correction_times(basis: MeetingBasis, body: dict[str, object]) -> tuple[int, int, int]:
    """Arrival and leaving as clock times on the meeting's day (a leaving time
    before the arrival is on the next day), and the time served as H:MM."""
    started = basis.attendance.started_at
    if started is None:
        raise PortalError("allowance.meeting_not_held", "nobody attended this meeting", 409)
    day = swedish_day(started)
    arrived = _minutes(forms.text(body, "arrived", limit=5), _CLOCK, "arrived")
    left = _minutes(forms.text(body, "left", limit=5), _CLOCK, "left")
    served = _minutes(forms.text(body, "served", limit=5), _DURATION, "served")
    if left < arrived:
        left += 24 * 60
    return _instant(day, arrived), _instant(day, left), served * 60_000


def allowance_routes(hub: Hub, portal: Portal) -> list[BaseRoute]:
    async def basis_of(request: Request) -> MeetingBasis:
        meeting = forms.path_ident(request.path_params["meeting"])
        try:
            return await run(meeting_basis, portal.engine, meeting)
        except LookupError:
            raise not_found("meeting.unknown", "no such meeting") from None
        except RulesError as err:
            raise PortalError("year.bad_rules", str(err), 409) from None

    async def submitted(meeting: str, command: Command, actor: Actor) -> int:
        try:
            room = await hub.room(meeting, may_open=False)
            return await room.submit(command, actor, None)
        except MeetingNotOpened as err:
            raise PortalError(err.code, err.message, 409) from None
        except OrdetError as err:
            status = 403 if err.code.startswith("auth.") else 409
            raise PortalError(err.code, err.message, status) from None

    async def as_secretary(request: Request, basis: MeetingBasis) -> Secretariat:
        session = await portal.session(request)
        secretariat = await run(Secretariat, portal.engine, session.principal)
        secretariat.check(basis.assembly)
        return secretariat

    def done(seq: int, basis: MeetingBasis, **extra: object) -> Response:
        return JSONResponse({"seq": seq, "meeting": basis.attendance.meeting, **extra})

    async def question(request: Request) -> Response:
        """A member questions their own figures for the meeting."""
        body = await forms.json_body(request)
        reason = forms.text(body, "reason", limit=TEXT_LIMIT)
        session = await portal.session(request)
        basis = await basis_of(request)
        meeting = basis.attendance.meeting
        roles = await run(portal.directory.roles_of, session.principal, meeting)
        if Role.DELEGATE not in roles:
            raise forbidden("auth.role_not_granted", "members and substitutes ask about their own")
        actor = Actor(Role.DELEGATE, session.principal)
        return done(await submitted(meeting, QuestionAllowance(reason), actor), basis)

    async def answer(request: Request) -> Response:
        body = await forms.json_body(request)
        person = forms.ident(body, "person")
        text = forms.text(body, "answer", limit=TEXT_LIMIT)
        basis = await basis_of(request)
        sec = await as_secretary(request, basis)
        command = AnswerAllowanceQuestion(person, text)
        seq = await submitted(basis.attendance.meeting, command, Actor(Role.SECRETARY, sec.person))
        await run(sec.log, "allowance.answer", basis.attendance.meeting, person)
        return done(seq, basis, person=person)

    async def correct(request: Request) -> Response:
        body = await forms.json_body(request)
        person = forms.ident(body, "person")
        reason = forms.text(body, "reason", limit=TEXT_LIMIT)
        basis = await basis_of(request)
        sec = await as_secretary(request, basis)
        arrived, left, served_ms = correction_times(basis, body)
        command = CorrectAllowance(person, arrived, left, served_ms, reason)
        seq = await submitted(basis.attendance.meeting, command, Actor(Role.SECRETARY, sec.person))
        await run(sec.log, "allowance.correct", basis.attendance.meeting, f"{person}: {reason}")
        return done(seq, basis, person=person)

    async def approve(request: Request) -> Response:
        """Approve the rows the secretary read, named by their digest."""
        body = await forms.json_body(request)
        digest = forms.text(body, "digest", limit=64)
        basis = await basis_of(request)
        sec = await as_secretary(request, basis)
        if not basis.attendance.adjourned:
            raise PortalError("allowance.meeting_not_closed", "the meeting is not closed", 409)
        if digest != basis.digest:
            raise PortalError("allowance.figures_changed", "the figures changed; read again", 409)
        command = ApproveAllowances(digest, len(basis.rows))
        seq = await submitted(basis.attendance.meeting, command, Actor(Role.SECRETARY, sec.person))
        await run(sec.log, "allowance.approve", basis.attendance.meeting, digest)
        return done(seq, basis, digest=digest, rows=len(basis.rows))

    endpoint = functools.partial(api, portal)
    return [
        Route(f"{PREFIX}/question", endpoint(question), methods=["POST"]),
        Route(f"{PREFIX}/answer", endpoint(answer), methods=["POST"]),
        Route(f"{PREFIX}/correct", endpoint(correct), methods=["POST"]),
        Route(f"{PREFIX}/approve", endpoint(approve), methods=["POST"]),
    ]
