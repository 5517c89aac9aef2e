"""The pages' HTML, assembled from ``display/pages``.

A page's file holds only what is its own, after one line that names the rest::

    <!-- page script=tablet.js styles=screens.css body=tablet topbar=meeting home=text -->

The frame every page shares (the head, the skip link and one of the top bars)
is written once, in ``display/pages/frame/``. ``topbar=own`` keeps a page's
own top bar, which is then part of its file.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
from pathlib import Path
from string import Template

from starlette.responses import HTMLResponse, Response

from .errors import PortalError

PAGES = Path(__file__).resolve().parents[2] / "display" / "pages"
#: Where the pages' modules find the npm packages they import by name (served under
#: /vendor/); the Content-Security-Policy allows exactly this inline script by its hash.
IMPORT_MAP = json.dumps(
    {
        "imports": {
            "@noble/curves/": "/vendor/noble-curves/",
            "@noble/hashes/": "/vendor/noble-hashes/",
        }
    },
    separators=(",", ":"),
)
IMPORT_MAP_HASH = (
    "'sha256-" + base64.b64encode(hashlib.sha256(IMPORT_MAP.encode()).digest()).decode() + "'"
)
_PAGE_LINE = re.compile(r"\A<!-- page ([^>]*) -->\n")
_HOME = {
    "link": '<a href="/" class="home" data-i18n="app.name"></a>',
    "text": '<span class="home" data-i18n="app.name"></span>',
}


class PageError(PortalError):
    """A file in display/pages that does not say how it is framed."""


def _frame(name: str) -> Template:
    return Template((PAGES / "frame" / name).read_text(encoding="utf-8"))


def _top_bar(fields: dict[str, str]) -> str:
    kind = fields.get("topbar", "")
    if kind == "own":
        return ""
    if kind == "meeting":
        return _frame("topbar-meeting.html").substitute(home=_HOME[fields["home"]]).rstrip("\n")
    if kind == "brand":
        return _frame("topbar-brand.html").substitute(brand=fields["brand"]).rstrip("\n")
    raise PageError(f"unknown top bar {kind!r}")


@functools.cache
def page_html(name: str) -> str:
    """The whole page ``name`` (a file in display/pages), read once per process."""
    text = (PAGES / name).read_text(encoding="utf-8")
    found = _PAGE_LINE.match(text)
    if found is None:
        raise PageError(f"{name} does not start with its page line")
    try:
        fields = dict(pair.split("=", 1) for pair in found.group(1).split())
        styles = [s for s in fields.get("styles", "").split(",") if s]
        return _frame("page.html").substitute(
            styles="\n".join(f'  <link rel="stylesheet" href="/static/{s}">' for s in styles),
            script=fields["script"],
            importmap=IMPORT_MAP,
            body_class=f' class="{fields["body"]}"' if "body" in fields else "",
            topbar=_top_bar(fields),
            main=text[found.end() :].rstrip("\n"),
        )
    except (KeyError, ValueError) as error:
        raise PageError(f"{name}: bad page line ({error})") from error


def page_response(name: str) -> Response:
    """The page, never cached: a page always matches the hub that serves it."""
    return HTMLResponse(page_html(name), headers={"Cache-Control": "no-store"})
