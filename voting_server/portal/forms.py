"""Reading JSON request bodies strictly: known fields, right types, bounded sizes."""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.requests import Request

from ..domain.notice import valid_address
from ..domain.swedish_time import local_iso
from .errors import PortalError

MAX_BODY = 256 * 1024
ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


def bad(message: str) -> PortalError:
    return PortalError("request.invalid", message, 400)


async def json_body(request: Request) -> dict[str, Any]:
    """A JSON object, sent as application/json (which a cross-site form cannot send)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise PortalError("request.not_json", "send application/json", 415)
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise PortalError("request.too_large", "the body is too large", 413)
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise bad("the body is not JSON") from None
    if not isinstance(body, dict):
        raise bad("the body must be a JSON object")
    return body


async def capped_body(request: Request, limit: int) -> bytes:
    """The raw body, refused as soon as it grows past ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise PortalError("document.too_large", f"at most {limit // (1024 * 1024)} MB", 413)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PortalError("document.too_large", f"at most {limit // (1024 * 1024)} MB", 413)
        chunks.append(chunk)
    return b"".join(chunks)


def text(body: dict[str, Any], key: str, *, limit: int = 200, required: bool = True) -> str:
    value = body.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or len(value) > limit or "\x00" in value:
        raise bad(f"{key}: a string of at most {limit} characters")
    if required and not value.strip():
        raise bad(f"{key}: required")
    return value


def ident(body: dict[str, Any], key: str, *, required: bool = True) -> str:
    value = text(body, key, limit=64, required=required)
    if value and not ID.fullmatch(value):
        raise bad(f"{key}: letters, digits, '_', '.', '-'")
    return value


def email(body: dict[str, Any], key: str) -> str | None:
    """An e-mail address, "" to remove one, or None when the key is absent (keep it)."""
    if key not in body:
        return None
    value = text(body, key, limit=254, required=False).strip()
    if value and not valid_address(value):
        raise bad(f"{key}: an e-mail address")
    return value


def choice(body: dict[str, Any], key: str, options: tuple[str, ...]) -> str:
    """One of ``options``; the first when the key is absent."""
    value = body.get(key, options[0])
    if value not in options:
        raise bad(f"{key}: one of {', '.join(options)}")
    return str(value)


def local_time(body: dict[str, Any], key: str) -> str:
    """An optional Swedish local date and time, "2026-12-10T09:00"."""
    value = text(body, key, limit=25, required=False)
    if value and not local_iso(value):
        raise bad(f"{key}: a date and time such as 2026-12-10T09:00")
    return value


def path_ident(value: str) -> str:
    if not ID.fullmatch(value):
        raise PortalError("request.invalid", "bad id in the path", 404)
    return value


def number(body: dict[str, Any], key: str, *, low: int = 0, high: int = 10_000) -> int | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise bad(f"{key}: a whole number from {low} to {high}")
    return value


def url(body: dict[str, Any], key: str) -> str:
    value = text(body, key, limit=2000)
    if not value.startswith(("https://", "http://", "/")) or value.startswith("//"):
        raise bad(f"{key}: an http(s) address or a path")
    return value


def items(body: dict[str, Any], key: str, *, limit: int = 200) -> list[dict[str, Any]]:
    value = body.get(key, [])
    if not isinstance(value, list) or len(value) > limit:
        raise bad(f"{key}: a list of at most {limit}")
    if not all(isinstance(v, dict) for v in value):
        raise bad(f"{key}: a list of objects")
    return value


def links(body: dict[str, Any], key: str = "links") -> list[dict[str, str]]:
    return [{"title": text(link, "title"), "url": url(link, "url")} for link in items(body, key)]


def party_order(body: dict[str, Any], key: str) -> dict[str, list[str]]:
    """An ersättarordning: ``{party: [party, …]}`` with party ids as values."""
    value = body.get(key, {})
    if not isinstance(value, dict) or len(value) > 100:
        raise bad(f"{key}: a map from party to a list of parties")
    order: dict[str, list[str]] = {}
    for party, parties in value.items():
        if not isinstance(parties, list) or len(parties) > 100:
            raise bad(f"{key}.{party}: a list of parties")
        order[ident({"party": party}, "party")] = [ident({"party": p}, "party") for p in parties]
    return order
