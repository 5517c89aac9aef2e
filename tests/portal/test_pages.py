"""Every page is its own file plus the frame written once: each comes out whole."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from voting_server.portal import pages
from voting_server.portal.pages import IMPORT_MAP, PAGES, PageError, page_html

PAGE_FILES = sorted(p.name for p in PAGES.glob("*.html"))


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.ids: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append(tag)
        if found.get("id"):
            self.ids.append(str(found["id"]))
        if tag == "script" and found.get("type") == "importmap":
            self.scripts.append("importmap")
        elif tag == "script":
            self.scripts.append(str(found.get("src")))


@pytest.mark.parametrize("name", PAGE_FILES)
def test_each_page_has_the_frame_once_and_its_own_script(name: str) -> None:
    html = page_html(name)
    outline = _Outline()
    outline.feed(html)
    assert html.startswith('<!doctype html>\n<html lang="sv">')
    assert outline.tags.count("head") == 1 and outline.tags.count("body") == 1
    assert outline.tags.count("header") == 1 and outline.tags.count("main") == 1
    assert html.count('class="skip"') == 1
    assert outline.scripts == [
        "importmap",  # the one inline script, allowed by its hash (web/headers.py)
        f"/static/{name.removesuffix('.html').replace('display', 'chamber')}.js",
    ]
    assert IMPORT_MAP in html
    assert len(outline.ids) == len(set(outline.ids)), "an id is repeated"
    assert "<!-- page" not in html and not re.search(r"\$[a-z_]", html)


def test_the_meeting_screens_share_one_top_bar() -> None:
    bars = {
        name: re.search(r"<header.*?</header>", page_html(name), re.S).group(0)  # type: ignore[union-attr]
        for name in ("chair.html", "tablet.html", "display.html")
    }
    assert len(set(bars.values())) == 1
    assert 'id="connection"' in bars["chair.html"]


def test_a_page_without_its_page_line_is_refused(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "frame").symlink_to(PAGES / "frame")
    (tmp_path / "bare.html").write_text("<main></main>\n")
    (tmp_path / "odd.html").write_text("<!-- page script=x.js topbar=sideways -->\n<main></main>\n")
    monkeypatch.setattr(pages, "PAGES", tmp_path)
    page_html.cache_clear()
    try:
        with pytest.raises(PageError, match="page line"):
            page_html("bare.html")
        with pytest.raises(PageError, match="sideways"):
            page_html("odd.html")
    finally:
        page_html.cache_clear()
