"""The OpenAPI 3 description of the portal's HTTP interface."""

from __future__ import annotations

from typing import Any

_STR = {"type": "string"}
_ID = {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"}
_ERROR = {
    "description": "refused, with a stable error code",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {"error": _STR, "message": _STR},
                "required": ["error", "message"],
            }
        }
    },
}
_LINK = {
    "type": "object",
    "properties": {"title": _STR, "url": _STR},
    "required": ["title", "url"],
}


def _obj(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": required}


def _op(summary: str, body: dict[str, Any] | None = None, ok: str = "done") -> dict[str, Any]:
    operation: dict[str, Any] = {
        "summary": summary,
        "responses": {
            "200": {"description": ok, "content": {"application/json": {"schema": {}}}},
            "400": _ERROR,
            "401": _ERROR,
            "403": _ERROR,
            "404": _ERROR,
            "409": _ERROR,
            "413": _ERROR,
            "415": _ERROR,
            "429": _ERROR,
        },
    }
    if body is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": body}},
        }
    return operation


def _param(name: str, schema: dict[str, Any] = _ID) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": schema}


PERSON = _obj(
    {
        "id": _ID,
        "name": _STR,
        "kind": {"type": "string", "enum": ["member", "substitute", "official"]},
        "party": _ID,
        "seat": {"type": "integer", "minimum": 1},
        "order": {"type": "integer", "minimum": 1},
        "gender": _STR,
        "roles": _STR,
        "email": {"type": "string", "format": "email"},
    },
    ["id", "name", "kind"],
)
MEETING = _obj(
    {
        "id": _ID,
        "title": _STR,
        "starts_at": _STR,
        "chair": _ID,
        "place": _STR,
        "items": {
            "type": "array",
            "items": _obj(
                {
                    "id": _ID,
                    "title": _STR,
                    "title_en": _STR,
                    "kind": {"type": "string", "enum": ["arende", "val"]},
                    "diarienummer": _STR,
                    "proposal": _STR,
                },
                ["id", "title"],
            ),
        },
        "documents": {"type": "array", "items": _LINK},
    },
    ["id", "title"],
)

PATHS: dict[str, dict[str, Any]] = {
    "/portal/api/login": {
        "post": _op(
            "Log in with username, password and a TOTP or recovery code",
            _obj(
                {"username": _STR, "password": _STR, "code": _STR}, ["username", "password", "code"]
            ),
            "logged in; the session cookie is set",
        )
    },
    "/portal/api/logout": {"post": _op("End this session")},
    "/portal/api/logout-everywhere": {"post": _op("End every session of the logged-in person")},
    "/portal/api/sessions": {"get": _op("The logged-in person's live sessions")},
    "/portal/api/recovery-codes": {
        "post": _op("Renew the recovery codes", _obj({"password": _STR}, ["password"]))
    },
    "/portal/api/enrol/{token}": {
        "parameters": [_param("token", _STR)],
        "get": _op("The TOTP secret and QR code behind an enrolment link"),
        "post": _op(
            "Complete enrolment: a password and the first code",
            _obj({"password": _STR, "code": _STR}, ["password", "code"]),
            "enrolled; the recovery codes, shown once",
        ),
    },
    "/portal/api/me": {"get": _op("The member's page: meetings, attendance, votes, links")},
    "/portal/api/admin/assemblies": {
        "get": _op("Assemblies the secretary administers"),
        "post": _op(
            "Create or change a body: name, link tiles, kind and ersättarordning",
            _obj(
                {
                    "id": _ID,
                    "name": _STR,
                    "links": {"type": "array", "items": _LINK},
                    "kind": {"enum": ["fullmaktige", "styrelse", "namnd", "beredning"]},
                    "substitute_order": {
                        "type": "object",
                        "additionalProperties": {"type": "array", "items": _ID},
                    },
                },
                ["id", "name"],
            ),
        ),
    },
    "/portal/api/admin/assemblies/{assembly}/parties": {
        "parameters": [_param("assembly")],
        "get": _op("An assembly's parties"),
        "post": _op(
            "Add or change a party",
            _obj(
                {"id": _ID, "name": _STR, "color": _STR, "position": {"type": "integer"}},
                ["id", "name"],
            ),
        ),
    },
    "/portal/api/admin/assemblies/{assembly}/people": {
        "parameters": [_param("assembly")],
        "get": _op("Members, substitutes and officials, with their accounts"),
        "post": _op("Add or change a person, or give one of another body a place here", PERSON),
    },
    "/portal/api/meetings/{meeting}/calendar.ics": {
        "parameters": [_param("meeting")],
        "get": _op("One meeting as an iCalendar file"),
    },
    "/portal/api/calendar-feed": {
        "post": _op("A new secret address of my calendar feed (the old one ends)", _obj({}, [])),
    },
    "/portal/api/meetings/{meeting}/documents": {
        "parameters": [_param("meeting")],
        "get": _op("A meeting's documents: all for its body's people, else the public ones"),
    },
    "/portal/api/admin/meetings/{meeting}/documents": {
        "parameters": [
            _param("meeting"),
            {"name": "title", "in": "query", "required": True, "schema": _STR},
            {"name": "item", "in": "query", "schema": _ID},
            {"name": "filename", "in": "query", "schema": _STR},
            {"name": "public", "in": "query", "schema": {"enum": ["true", "false"]}},
            {"name": "replaces", "in": "query", "schema": _ID},
        ],
        "post": {
            **_op("Upload a PDF document (handling), or a new version of one"),
            "requestBody": {
                "required": True,
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            },
        },
    },
    "/portal/api/admin/meetings/{meeting}/notice": {
        "parameters": [_param("meeting")],
        "get": _op("The notice's published versions, its unpublished changes and its mails"),
        "post": _op(
            "Publish the notice (kallelse) as the meeting stands and mail it",
            _obj({"public": {"type": "boolean"}}, []),
        ),
    },
    "/portal/api/admin/meetings/{meeting}/notice/resend": {
        "parameters": [_param("meeting")],
        "post": _op("Send the current notice's mails that have not gone yet", _obj({}, [])),
    },
    "/portal/api/anslagstavla": {
        "get": _op("The public notices of meetings (no login)"),
    },
    "/portal/api/admin/assemblies/{assembly}/people/{person}/remove-place": {
        "parameters": [_param("assembly"), _param("person")],
        "post": _op("Take away a person's place in a body other than their own", _obj({}, [])),
    },
    "/portal/api/admin/assemblies/{assembly}/roster": {
        "parameters": [_param("assembly")],
        "post": _op(
            "Import the roster from CSV text",
            _obj({"name": _STR, "csv": _STR}, ["csv"]),
        ),
    },
    "/portal/api/admin/assemblies/{assembly}/meetings": {
        "parameters": [_param("assembly")],
        "get": _op("Meetings with agenda items and documents"),
        "post": _op("Create or replace a meeting", MEETING),
    },
    "/portal/api/admin/people/{person}/account": {
        "parameters": [_param("person")],
        "post": _op(
            "Give a person a portal account; returns an enrolment link",
            _obj({"username": _STR}, []),
        ),
    },
    "/portal/api/admin/people/{person}/reset-second-factor": {
        "parameters": [_param("person")],
        "post": _op(
            "Reset a person's second factor, with a logged reason",
            _obj({"reason": _STR}, ["reason"]),
        ),
    },
    "/portal/api/admin/people/{person}/sessions": {
        "parameters": [_param("person")],
        "get": _op("A person's live sessions"),
    },
    "/portal/api/admin/sessions/revoke": {
        "post": _op(
            "Revoke a session, with a logged reason",
            _obj({"session": _STR, "reason": _STR}, ["session", "reason"]),
        )
    },
    "/portal/api/admin/security-events": {"get": _op("The security log")},
    "/portal/api/admin/assemblies/{assembly}/year/{year}": {
        "parameters": [
            _param("assembly"),
            _param("year", {"type": "string", "pattern": "^[0-9]{4}$"}),
            {"name": "format", "in": "query", "schema": {"enum": ["json", "csv", "xlsx"]}},
            {
                "name": "table",
                "in": "query",
                "schema": {
                    "enum": [
                        "meetings",
                        "members",
                        "parties",
                        "allowances",
                        "payroll",
                        "questions",
                    ]
                },
            },
        ],
        "get": _op("Attendance and the basis for allowances over a year (JSON, CSV or xlsx)"),
    },
    "/portal/api/me/allowances": {
        "parameters": [
            {"name": "year", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{4}$"}}
        ],
        "get": _op("The member's own basis for allowances over a year, and their questions"),
    },
    "/portal/api/meetings/{meeting}/allowances/question": {
        "parameters": [_param("meeting")],
        "post": _op(
            "A member questions their own figures for a closed meeting",
            _obj({"reason": _STR}, ["reason"]),
        ),
    },
    "/portal/api/meetings/{meeting}/allowances/answer": {
        "parameters": [_param("meeting")],
        "post": _op(
            "The secretary answers a question and leaves the figures",
            _obj({"person": _ID, "answer": _STR}, ["person", "answer"]),
        ),
    },
    "/portal/api/meetings/{meeting}/allowances/correct": {
        "parameters": [_param("meeting")],
        "post": _op(
            "The secretary corrects a person's times, with the reason",
            _obj(
                {"person": _ID, "arrived": _STR, "left": _STR, "served": _STR, "reason": _STR},
                ["person", "arrived", "left", "served", "reason"],
            ),
        ),
    },
    "/portal/api/meetings/{meeting}/allowances/approve": {
        "parameters": [_param("meeting")],
        "post": _op(
            "The secretary approves the meeting's basis, named by its digest",
            _obj({"digest": _STR}, ["digest"]),
        ),
    },
}


def openapi_document() -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Ordet members' portal",
            "version": "1",
            "description": (
                "Two-factor login, the member's page and the secretary's administration. "
                "Authenticated calls carry the http-only session cookie `ordet_session`; "
                "every POST takes application/json."
            ),
        },
        "components": {
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": "ordet_session"}
            }
        },
        "paths": PATHS,
    }
