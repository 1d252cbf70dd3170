"""The audit's HTML report in a real headless browser (chromium via Selenium), plain and
published, at a phone width (390 px) and a laptop width (1280 px): it loads, nothing sticks out
of the window or is cut (the handbook's layout check, ``LAYOUT_PROBLEMS`` of
``tests/helpers/browser.py``), and the figures of the report are on the page."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest
from browser import LAYOUT_PROBLEMS, require_browser
from paths import KESTREL
from rosters import generate

import dualladder
from dualladder._internal.services.audit.reporters import AUDIT_REPORTERS, HIDDEN, indicator_rows
from dualladder.people import audit

require_browser()  # the ``browser`` fixture is tests/conftest.py's


def _shown(browser: Any, page: Path, width: int) -> str:
    """The text of ``page`` at ``width`` px, after checking that nothing sticks out or is cut."""
    browser.set_window_size(width, 900)
    try:
        browser.get(page.as_uri())
        assert browser.execute_script("return window.innerWidth") == width
        problems = browser.execute_script(LAYOUT_PROBLEMS)
        assert not problems, "\n".join(problems[:20])
        text: str = browser.execute_script("return document.body.innerText")
    finally:
        browser.set_window_size(1400, 1000)
    return text


@pytest.mark.parametrize("publish", [False, True])
@pytest.mark.parametrize("width", [390, 1280])
def test_the_audit_page_fits_and_shows_the_figures(browser: Any, tmp_path: Path, width: int,
                                                   publish: bool) -> None:
    report = audit(dualladder.load_company(KESTREL), generate(seed=5, people=200),
                   publish=publish)
    page = tmp_path / "audit.html"
    page.write_text(AUDIT_REPORTERS["html"]().render(report), encoding="utf-8")
    text = _shown(browser, page, width)
    for _label, value in indicator_rows(report, report.pay[0].organisation):
        assert html.unescape(value) in text
    assert (HIDDEN in text) == publish


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ("Pay statement for employee E001179", "USD 173,750", "Your pay actually paid")),
    ("de", ("Entgeltauskunft für Beschäftigte E001179", "173.750", "tatsächlich gezahltes")),
])
@pytest.mark.parametrize("width", [390, 1280])
def test_the_statement_page_fits_and_shows_the_figures(browser: Any, tmp_path: Path, width: int,
                                                       lang: str, words: tuple[str, ...]) -> None:
    """``audit --statement ID --format html``: one worker's Art. 7 statement (a part-timer's:
    both tables of pay), in English and in German."""
    from paths import ACME, EXAMPLES

    from dualladder.cli import main

    page = tmp_path / "statement.html"
    argv = ["audit", str(ACME), str(EXAMPLES / "roster.csv"), "--statement", "E001179",
            "--format", "html", "--locale", lang, "-o", str(page)]
    assert main(argv) == 0
    text = _shown(browser, page, width)
    for word in words:
        assert word in text, word
