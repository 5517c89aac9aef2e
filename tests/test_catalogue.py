"""The pages' catalogue of wire tags, kinds and error codes comes from the Python
definitions, and every error code the hub or the portal sends has a text in
Swedish and in English."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest

from voting_server.catalogue import ROOT, TARGET, error_codes, render


def exported(module: str, name: str) -> Any:
    """What a page module exports under ``name``, as the browser imports it."""
    path = ROOT / "display" / "static" / module
    script = (
        f"import {{ {name} }} from {json.dumps(path.as_uri())};console.log(JSON.stringify({name}));"
    )
    done = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(done.stdout)


def error_texts() -> dict[str, dict[str, str]]:
    return exported("i18n-errors.js", "ERROR_CATALOGUES")  # type: ignore[no-any-return]


def test_the_checked_in_catalogue_is_the_generated_one() -> None:
    assert TARGET.read_text(encoding="utf-8") == render(), "run: .venv/bin/ordet catalogue"


def test_the_scan_finds_the_codes_of_every_layer() -> None:
    codes = set(error_codes())
    # The rules, the debate package, the protocol, the hub, the portal and the web.
    for code in (
        "vote.already_voted",
        "debate.repliks_waiting",
        "frame.too_large",
        "rate.limited",
        "vote.urn_unavailable",
        "meeting.not_opened",
        "auth.slow_down",
        "log.broken",
        "server.error",
    ):
        assert code in codes, code


def test_every_error_code_has_a_swedish_and_an_english_text() -> None:
    texts = error_texts()
    assert set(texts) == {"sv", "en"}
    for language, catalogue in texts.items():
        missing = [c for c in error_codes() if f"error.{c}" not in catalogue]
        assert missing == [], f"{language}: {missing}"
        assert all(text.strip() for text in catalogue.values()), language
    assert set(texts["sv"]) == set(texts["en"])


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("i18n-screens.js", "SCREEN_CATALOGUES"),
        ("i18n-admin.js", "ADMIN_CATALOGUES"),
        ("i18n-errors.js", "ERROR_CATALOGUES"),
        ("replay-i18n.js", "AUDIT_CATALOGUES"),
    ],
)
def test_every_text_is_in_swedish_and_in_english(module: str, name: str) -> None:
    catalogues = exported(module, name)
    assert set(catalogues["sv"]) == set(catalogues["en"])


def test_the_shared_texts_are_in_swedish_and_in_english() -> None:
    swedish = exported("i18n-common-sv.js", "sv")
    english = exported("i18n-common-en.js", "en")
    assert set(swedish) == set(english)
