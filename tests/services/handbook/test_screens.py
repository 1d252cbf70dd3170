"""What a reader sees, measured in a real browser, for every kind of page dualladder publishes.

Every page kind (a ladder's overview, track, level, pay and decisions pages; the company's
overview, a family's overview and pay, a level across families, pay by zone; the career plan
page; the audit report; one worker's pay statement) is opened at a phone width (390 px) and a
laptop width (1280 px), once, and measured in one script (``MEASURE``):

- no word is broken inside: each word's rendered line boxes (``Range.getClientRects``) lie on
  one line, unless the word is wider than the whole column of text (then, and only then, it
  may break: ``overflow-wrap: break-word``); a break after a hyphen between letters is a break
  between words;
- no table column is narrower than its longest word, and no text sticks out of its cell;
- no two texts overlap (the plan's due date and status were drawn over each other);
- no text in a picture (SVG) is smaller than 11 px as displayed (its font size times the
  picture's scale), and none is cut with an ellipsis;
- nothing scrolls sideways outside a box made for it: the page never does, and a box that does
  can be reached with the keyboard and is named (``tabindex="0"``, ``role="region"`` and
  ``aria-label``).

The same page load runs axe-core (the copy inside the axe-selenium-python package, no download)
and asserts no violation of any rule. The pages are the examples', a ladder and a company whose
names are long German words (``tests/helpers/long_words.py``): translated text must fit too, and a
generated ladder of three tracks with long names and findings (``tests/helpers/wide_ladder.py``).
Keyboard use of the navigation and the zone switch is tested with key presses.

Every page kind is measured again in every other shipped locale (German, French, Spanish: the
words of the pages, the pictures' labels and legends, the numbers), with the example ladder,
company, plan and audit; the long-words and wide ladders stay English (their names are the
long words). One browser session serves every page.

Skipped without chromium, chromedriver or selenium, except under CI (``CI`` set).
``DUALLADDER_SCREENSHOTS=DIR`` keeps a screenshot of every page kind at both widths in DIR.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from browser import keep_screenshot, require_browser
from paths import DOCS, EXAMPLES, HELPERS, ROOT

import dualladder
from dualladder._internal.services.plan.page import render_plan
from dualladder.cli import main as cli_main
from dualladder.handbook import render
from dualladder.plan import read_plan

require_browser()

LADDERS = ROOT / "ladders"
ACME = LADDERS / "acme-robotics-engineering.yaml"
KESTREL = LADDERS / "kestrel"
WIDTHS = (390, 1280)

#: page kind -> (site, page inside it)
PAGES = {
    "ladder-overview": ("acme", "index.html"),
    "ladder-track": ("acme", "track-technical.html"),
    "ladder-level": ("acme", "level-l4.html"),
    "ladder-pay": ("acme", "pay.html"),
    "ladder-decisions": ("acme", "decisions.html"),
    "long-words-overview": ("long-words", "index.html"),
    "long-words-track": ("long-words", "track-management.html"),
    "long-words-level": ("long-words", "level-l6.html"),
    "long-words-pay": ("long-words", "pay.html"),
    "long-words-decisions": ("long-words", "decisions.html"),
    "long-words-company-overview": ("long-words-company", "index.html"),
    "long-words-company-level": ("long-words-company", "level-l5.html"),
    "long-words-company-pay": ("long-words-company", "pay.html"),
    "long-words-family-pay": ("long-words-company",
                              "datenanalyse-entgelttransparenzbericht/pay.html"),
    "wide-overview": ("wide", "index.html"),
    "wide-level": ("wide", "level-ic08.html"),
    "wide-pay": ("wide", "pay.html"),
    "company-overview": ("kestrel", "index.html"),
    "company-level": ("kestrel", "level-l5.html"),
    "company-pay": ("kestrel", "pay.html"),
    "family-overview": ("kestrel", "data/index.html"),
    "family-pay": ("kestrel", "data/pay.html"),
    "plan": ("plan", "plan.html"),
    "audit": ("audit", "audit.html"),
    "statement": ("statement", "statement.html"),
    "handbooks-index": ("all", "index.html"),
}

#: The page kinds measured in every other shipped locale too (the examples' pages).
LOCALIZED = ("ladder-overview", "ladder-track", "ladder-level", "ladder-pay", "ladder-decisions",
             "company-overview", "company-level", "company-pay", "family-overview", "family-pay",
             "plan", "audit", "statement")
OTHER_LOCALES = ("de", "fr", "es")
CASES = [("en", kind) for kind in sorted(PAGES)] + [
    (lang, kind) for lang in OTHER_LOCALES for kind in LOCALIZED]

#: Everything a reader would see as broken, one line each. Returns [problems, counts].
MEASURE = (HELPERS / "measure.js").read_text(encoding="utf-8")


def _axe_script() -> str:
    """axe-core as shipped inside the axe-selenium-python package (no download at run time)."""
    from axe_selenium_python.axe import _DEFAULT_SCRIPT

    return Path(_DEFAULT_SCRIPT).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every kind of page dualladder writes, in one folder per site."""
    from long_words import long_words_company, long_words_ladder
    from wide_ladder import wide_ladder

    from dualladder._internal.model.ladder import Ladder

    root = tmp_path_factory.mktemp("screens")
    render(dualladder.load(ACME), root / "acme", format="html")
    long_words = Ladder.model_validate(long_words_ladder())
    assert not dualladder.check(long_words).errors
    render(long_words, root / "long-words", format="html")
    render(dualladder.load_company(KESTREL), root / "kestrel", format="html")
    company = dualladder.load_company(long_words_company(root / "long-words-company-yaml"))
    render(company, root / "long-words-company", format="html")
    wide = Ladder.model_validate(wide_ladder())  # three tracks, long names, findings
    render(wide, root / "wide", format="html", allow_invalid=True)
    plan = EXAMPLES / "plans" / "late-step.yaml"  # with a finding, so the box shows
    result = read_plan(plan)
    assert result.plan is not None
    render_plan(result.plan, root / "plan", base=plan.parent, source=result.source,
                format="html", allow_invalid=True)
    (root / "audit").mkdir()
    cli_main(["audit", os.fspath(ACME), os.fspath(EXAMPLES / "roster.csv"),
              "--format", "html", "-o", os.fspath(root / "audit" / "audit.html")])
    _statement(root / "statement", "en")
    # a folder of several handbooks: the index page that links them (issue 21), with the long
    # words among its titles
    (root / "all-yaml").mkdir()
    (root / "all-yaml" / "long.yaml").write_text(
        yaml.safe_dump({"dualladder": 1, **long_words_ladder()}, allow_unicode=True,
                       sort_keys=False), encoding="utf-8")
    cli_main(["render", os.fspath(LADDERS), os.fspath(root / "all-yaml" / "long.yaml"),
              "-o", os.fspath(root / "all"), "--format", "html"])
    names = ("acme", "long-words", "long-words-company", "kestrel", "wide", "plan", "audit",
             "statement", "all")
    out = {name: root / name for name in names}
    for lang in OTHER_LOCALES:  # the examples' pages in every other shipped locale
        render(dualladder.load(ACME), root / lang / "acme", format="html", locale=lang)
        render(dualladder.load_company(KESTREL), root / lang / "kestrel", format="html",
               locale=lang)
        render_plan(result.plan, root / lang / "plan", base=plan.parent, source=result.source,
                    format="html", allow_invalid=True, locale=lang)
        (root / lang / "audit").mkdir()
        cli_main(["audit", os.fspath(ACME), os.fspath(EXAMPLES / "roster.csv"), "--format",
                  "html", "--locale", lang, "-o", os.fspath(root / lang / "audit" / "audit.html")])
        _statement(root / lang / "statement", lang)
        out.update({f"{lang}/{name}": root / lang / name
                    for name in ("acme", "kestrel", "plan", "audit", "statement")})
    return out


def _statement(folder: Path, lang: str) -> None:
    """One worker's Art. 7 statement page (a part-timer's: both tables of pay)."""
    folder.mkdir(parents=True)
    assert cli_main(["audit", os.fspath(ACME), os.fspath(EXAMPLES / "roster.csv"), "--statement",
                     "E001179", "--format", "html", "--locale", lang,
                     "-o", os.fspath(folder / "statement.html")]) == 0


def _path(sites: dict[str, Path], kind: str, lang: str = "en") -> Path:
    site, page = PAGES[kind]
    path = sites[site if lang == "en" else f"{lang}/{site}"] / page
    assert path.is_file(), path
    return path


def _violations(browser: Any) -> list[str]:
    browser.execute_script(_axe_script())
    browser.set_script_timeout(60)
    from axe_selenium_python import Axe

    result = Axe(browser).run(options=json.dumps({"resultTypes": ["violations"]}))
    out = []
    for v in result["violations"]:
        targets = ", ".join(str(t) for n in v["nodes"][:4] for t in n["target"])
        out.append(f"axe {v['id']} ({v['impact']}, {len(v['nodes'])} elements): {targets}")
    return out


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("lang", "kind"), CASES, ids=[f"{lang}-{kind}" for lang, kind in CASES])
def test_what_a_reader_sees(browser: Any, sites: dict[str, Path], lang: str, kind: str,
                            width: int) -> None:
    browser.set_window_size(width, 900)
    page = _path(sites, kind, lang)
    browser.get(page.as_uri())
    assert browser.execute_script("return window.innerWidth") == width
    assert browser.execute_script("return document.documentElement.lang") == lang
    problems, seen = browser.execute_script(MEASURE)
    assert seen["words"] > 50, seen  # the measure saw the page
    problems += _violations(browser)
    name = kind if lang == "en" else f"{lang}-{kind}"
    keep_screenshot(browser, Path(f"{name}-{width}.png"), width)
    assert not problems, f"{kind} in {lang} at {width} px:\n" + "\n".join(problems[:40])


def test_the_measure_finds_what_it_looks_for(browser: Any, tmp_path: Path) -> None:
    """The measure itself: a page with each kind of defect gets each kind of complaint, and a
    page without them gets none."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>t</title></head>"
        "<body><main style='width: 360px; overflow-wrap: anywhere'>"
        "<p style='color: #aaaaaa'>" + "words enough to count " * 20 + "</p>"
        "<table style='width: 120px'><tr><th>Management</th><td>Senior Data Scientist</td>"
        "</tr></table><table style='table-layout: fixed; width: 100px'><tr>"
        "<td style='white-space: nowrap'>2027-12-06</td><td>open</td></tr></table>"
        "<div style='overflow-x: auto'><div style='width: 900px'>wide</div></div>"
        "<svg width='100' height='40' viewBox='0 0 400 160'><text x='5' y='80'"
        " font-size='13'>small</text><text x='5' y='140' font-size='40'>Developi…</text>"
        "<text x='200' y='60' font-size='40'>Wechsel</text>"
        "<text x='230' y='70' font-size='40'>Richtung</text></svg>"
        "<div style='width: 2000px'>out</div>"
        "</main></body></html>",
        encoding="utf-8",
    )
    good = tmp_path / "good.html"
    good.write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>t</title></head>"
        "<body><main style='overflow-wrap: break-word'><h1>Good</h1>"
        "<p>" + "words enough to count, a co-worker's build-versus-buy choice " * 10 + "</p>"
        "<p style='font-size: 60px'>Führungskräfteentwicklungsprogramm</p>"
        "<div style='overflow-x: auto' tabindex='0' role='region' aria-label='wide'>"
        "<div style='width: 900px'>wide</div></div>"
        "<table><tr><th>Management</th><td>Senior Data Scientist</td></tr></table>"
        "</main></body></html>",
        encoding="utf-8",
    )
    browser.set_window_size(390, 900)
    browser.get(bad.as_uri())
    problems = "\n".join(browser.execute_script(MEASURE)[0])
    for expected in (
        "the page scrolls sideways",
        'word broken inside (',
        'column narrower',
        "text sticks out of its cell",
        'texts overlap: "2027-12-06" and',
        "texts in a picture below 11 px, the smallest 3.3 px",
        'text in a picture cut in svg: "Developi…"',
        'texts overlap in a picture: "Wechsel" and in svg: "Richtung"',
        "scrolls sideways in a box not made for it",
        "sticks out of the window",
    ):
        assert expected in problems, f"{expected!r} not in:\n{problems}"
    # axe-core finds what it looks for too: text too faint to read
    assert any(v.startswith("axe color-contrast") for v in _violations(browser)), problems
    browser.get(good.as_uri())
    assert browser.execute_script(MEASURE)[0] == []
    assert _violations(browser) == []


def test_axe_ships_inside_the_package() -> None:
    """axe-core comes with the PyPI package: no download when the test runs."""
    from axe_selenium_python.axe import _DEFAULT_SCRIPT

    script = Path(_DEFAULT_SCRIPT)
    assert script.is_file() and script.stat().st_size > 100_000
    assert "axe.version" in _axe_script() or "version" in _axe_script()[:2000]


# -- the keyboard ---------------------------------------------------------------------------------


def _press(browser: Any, key: str, times: int = 1) -> Any:
    from selenium.webdriver.common.action_chains import ActionChains

    for _ in range(times):
        ActionChains(browser).send_keys(key).perform()
    return browser.switch_to.active_element


def _tab_to(browser: Any, selector: str, limit: int = 80) -> Any:
    """Press Tab until the element matching ``selector`` has the focus (fail after ``limit``)."""
    from selenium.webdriver.common.keys import Keys

    for _ in range(limit):
        focused = _press(browser, Keys.TAB)
        if browser.execute_script("return arguments[0].matches(arguments[1])", focused, selector):
            return focused
    raise AssertionError(f"Tab never reaches {selector}")


def test_the_navigation_works_from_the_keyboard(browser: Any, sites: dict[str, Path]) -> None:
    from selenium.webdriver.common.keys import Keys

    browser.set_window_size(1280, 900)
    browser.get(_path(sites, "ladder-overview").as_uri())
    first = _press(browser, Keys.TAB)
    assert first.text == "Skip to content" and first.is_displayed()
    _press(browser, Keys.ENTER)
    assert browser.execute_script("return location.hash") == "#content"
    browser.get(_path(sites, "ladder-overview").as_uri())
    link = _tab_to(browser, "nav.site-nav a[href='pay.html']")
    # the focus is visible
    outline = browser.execute_script("return getComputedStyle(arguments[0]).outlineStyle", link)
    assert outline not in ("none", "")
    _press(browser, Keys.ENTER)
    assert browser.current_url.endswith("/pay.html")
    assert browser.find_element("css selector", "h1").text == "Pay bands"


@pytest.mark.parametrize("kind", ["company-pay", "family-pay"])
def test_the_zone_switch_works_from_the_keyboard(browser: Any, sites: dict[str, Path],
                                                 kind: str) -> None:
    from selenium.webdriver.common.keys import Keys

    browser.set_window_size(1280, 900)
    browser.get(_path(sites, kind).as_uri())
    shown = (
        "return Array.from(document.querySelectorAll('.zone-panel'),"
        " p => p.getBoundingClientRect().height > 0)"
    )
    assert browser.execute_script(shown)[0]
    radio = _tab_to(browser, ".zone-switch > input")
    assert radio.get_attribute("id") == "zone-choice-1"
    # the focused zone's tab shows the focus
    outline = browser.execute_script(
        "return getComputedStyle(document.querySelector('.zone-tabs label')).outlineStyle"
    )
    assert outline not in ("none", "")
    count = len(browser.execute_script(shown))
    assert count >= 2
    for index in range(1, count):
        focused = _press(browser, Keys.ARROW_RIGHT)
        assert focused.get_attribute("id") == f"zone-choice-{index + 1}"
        panels = browser.execute_script(shown)
        assert panels.count(True) == 1 and panels[index], panels
    # one more Tab leaves the switch for the zone's table (its scrolling box)
    after = _press(browser, Keys.TAB)
    assert after.get_attribute("role") == "region"
    assert browser.execute_script(
        "return arguments[0].closest('.zone-panel').getBoundingClientRect().height > 0", after
    )


def test_a_wide_picture_scrolls_from_the_keyboard(browser: Any, sites: dict[str, Path]) -> None:
    from selenium.webdriver.common.keys import Keys

    browser.set_window_size(390, 900)
    browser.get(_path(sites, "ladder-overview").as_uri())
    box = _tab_to(browser, ".figure-scroll")
    assert box.get_attribute("aria-label") == "Ladder diagram"
    assert browser.execute_script("return arguments[0].scrollLeft", box) == 0
    _press(browser, Keys.ARROW_RIGHT, times=3)
    from selenium.webdriver.support.ui import WebDriverWait

    # (the browser may scroll smoothly: wait for it)
    WebDriverWait(browser, 5).until(
        lambda b: b.execute_script("return arguments[0].scrollLeft", box) > 0
    )
    # the picture is one image: the next Tab leaves it (its links are the table's, for the mouse)
    after = _press(browser, Keys.TAB)
    assert not browser.execute_script("return !!arguments[0].closest('svg')", after)
    assert after.get_attribute("href")


def test_the_screenshot_script_writes_the_pictures_of_the_docs(tmp_path: Path) -> None:
    """tools/screenshots.py (docs/handbook.md's pictures): one PNG per page and width, as wide
    as the window, the same names as the committed ones."""
    import importlib.util
    import struct

    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "tools" / "screenshots.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--locale", "en", "--out", os.fspath(tmp_path)]) == 0
    written = sorted(p.name for p in (tmp_path / "en").glob("*.png"))
    committed = sorted(p.name for p in (DOCS / "screenshots" / "en").glob("*.png"))
    assert written == committed and len(written) == 4
    for png in (tmp_path / "en").glob("*.png"):
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", data[16:24])
        assert width == int(png.stem.rsplit("-", 1)[1]) and 500 < height <= 2000
    with pytest.raises(SystemExit, match="no pages in locale 'xx'"):
        module.main(["--locale", "xx", "--out", os.fspath(tmp_path)])
    docs = (DOCS / "handbook.md").read_text(encoding="utf-8")
    assert all(f"screenshots/en/{name}" in docs for name in committed)
    # the German pictures beside them (taken with --locale en,de), shown too
    german = sorted(p.name for p in (DOCS / "screenshots" / "de").glob("*.png"))
    assert german == committed
    assert all(f"screenshots/de/{name}" in docs for name in german)
