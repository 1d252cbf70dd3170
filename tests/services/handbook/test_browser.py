"""The HTML handbook in a real headless browser: Debian's chromium and chromedriver, via Selenium.

Every page is opened from a file:// URL (no server), must load, must style, and every link on it
must lead to a file (and anchor) of the site; the two pictures must have a rendered size.

Layout (see also tests/services/handbook/test_screens.py, which measures words, columns and text
sizes): every page of every example ladder (``ladders/``), of the example company site
(``ladders/kestrel/``) and of a generated ladder with many levels, three tracks, long names and
findings (``tests/helpers/wide_ladder.py``) is opened at a phone
width (390 px) and a laptop width (1280 px); the page must not scroll sideways and nothing may be
cut: no element sticks out of the window or hides content in a box too small for it, every text
of the pictures lies inside its picture (and a rung's title inside its box), and a text cut with
``…`` carries its full text as a tooltip.

Skipped where chromium, chromedriver or selenium are missing, except under CI (``CI`` set), where
a missing browser is a failure: CI must run this test. ``DUALLADDER_SCREENSHOTS=DIR`` keeps
screenshots in DIR for a look: the overview and the pay-band page, and every page of every
example at both widths (``DIR/<example>/<width>/<page>.png``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from browser import LAYOUT_PROBLEMS, keep_screenshot, require_browser
from paths import ACME

import dualladder
from dualladder.handbook import render

require_browser()  # the ``browser`` fixture is tests/conftest.py's


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "handbook"
    render(dualladder.load(ACME), out, format="html")
    return out


def _open(browser: Any, page: Path) -> None:
    browser.get(page.as_uri())
    state = browser.execute_script(
        "return {title: document.title, main: !!document.querySelector('main#content'),"
        " url: location.href, error: !!document.getElementById('main-frame-error')};"
    )
    assert state["url"] == page.as_uri(), f"{page.name}: landed on {state['url']}"
    assert not state["error"], f"{page.name}: the browser shows an error page"
    assert state["title"] and state["main"], f"{page.name}: did not load as a handbook page"


def test_every_page_loads_and_every_link_resolves(browser: Any, site: Path) -> None:
    pages = sorted(site.glob("*.html"))
    assert len(pages) == 13  # overview, pay, decisions, 2 tracks, 8 levels
    ids: dict[Path, set[str]] = {}
    links: list[tuple[Path, str]] = []
    for page in pages:
        _open(browser, page)
        # the stylesheet applies from file:// (the header's background is the CSS's)
        header = browser.execute_script(
            "return getComputedStyle(document.querySelector('.site-header')).backgroundColor"
        )
        assert header == "rgb(22, 50, 79)", page.name
        assert browser.execute_script(
            "return document.documentElement.scrollWidth <= window.innerWidth"
        ), f"{page.name}: the page scrolls sideways at a desktop width"
        ids[page] = set(
            browser.execute_script(
                "return Array.from(document.querySelectorAll('[id]'), e => e.id)"
            )
        )
        # every link, the SVG diagram's too (their href is an attribute, not a URL property)
        hrefs = browser.execute_script(
            "return Array.from(document.querySelectorAll('a[href]'), a => a.getAttribute('href'))"
        )
        nav = browser.execute_script(
            "return Array.from(document.querySelectorAll('nav.site-nav a'),"
            " a => a.getAttribute('href'))"
        )
        assert sorted(nav) == sorted(p.name for p in pages), f"{page.name}: navigation"
        for raw in hrefs:
            assert raw and "://" not in raw and not raw.startswith("/"), f"{page.name}: {raw}"
            links.append((page, raw))
    assert links
    for page, raw in links:
        url = urlsplit(raw)
        target = (page.parent / unquote(url.path)).resolve() if url.path else page
        assert target.is_file() and target.parent == site.resolve(), f"{page.name}: {raw}"
        if url.fragment:
            assert url.fragment in ids[target], f"{page.name}: {raw}: no such anchor"


def _size(browser: Any, selector: str) -> dict[str, float]:
    size: dict[str, float] = browser.execute_script(
        "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
        "return {width: r.width, height: r.height};",
        selector,
    )
    return size


@pytest.mark.parametrize(
    ("page", "selector", "keep"),
    [("index.html", "svg.dl-ladder", "overview.png"), ("pay.html", "svg.dl-payband", "pay.png")],
)
def test_pictures_have_a_rendered_size(
    browser: Any, site: Path, page: str, selector: str, keep: str
) -> None:
    _open(browser, site / page)
    size = _size(browser, selector)
    assert size["width"] > 0 and size["height"] > 0, size
    # the picture fits the page: no horizontal scrolling at a desktop width
    assert browser.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth"
    )
    drawn = browser.execute_script(
        "return document.querySelectorAll(arguments[0] + ' rect').length", selector
    )
    assert drawn > 5
    folder = os.environ.get("DUALLADDER_SCREENSHOTS")
    if folder:
        height = browser.execute_script("return document.documentElement.scrollHeight")
        browser.set_window_size(1400, min(int(height) + 140, 4000))
        target = Path(folder) / keep
        target.parent.mkdir(parents=True, exist_ok=True)
        assert browser.save_screenshot(os.fspath(target))
        browser.set_window_size(1400, 1000)


def test_the_diagram_joins_equivalent_rungs_across(browser: Any, site: Path) -> None:
    _open(browser, site / "index.html")
    # the join of L7 runs from the management box's right edge to the technical box's left edge
    boxes = browser.execute_script(
        "return Array.from(document.querySelectorAll('svg.dl-ladder g.dl-rung'), g => {"
        " const r = g.querySelector('rect').getBoundingClientRect();"
        " return [g.querySelector('title').textContent, r.left, r.right, r.top, r.bottom]; })"
    )
    by_title = {b[0].split(" (")[0]: b for b in boxes}
    left, right = by_title["Director of Engineering"], by_title["Senior Staff Software Engineer"]
    assert left[2] < right[1] and abs(left[3] - right[3]) < 1
    joins = browser.execute_script(
        "return Array.from(document.querySelectorAll('svg.dl-ladder line[marker-end]'), l => {"
        " const r = l.getBoundingClientRect(); return [r.left, r.right, r.top]; })"
    )
    assert any(
        abs(j[0] - left[2]) < 8 and abs(j[1] - right[1]) < 8 and left[3] < j[2] < left[4]
        for j in joins
    ), "no line joins Director of Engineering and Senior Staff Software Engineer"


# -- the company site (issue 11) -------------------------------------------------------------------

KESTREL = ACME.parent / "kestrel"


@pytest.fixture(scope="module")
def company_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("company") / "site"
    render(dualladder.load_company(KESTREL), out, format="html")
    return out


@pytest.fixture
def at_1280(browser: Any) -> Iterator[Any]:
    browser.set_window_size(1280, 1000)
    try:
        yield browser
    finally:
        browser.set_window_size(1400, 1000)


def test_every_company_page_loads_links_resolve_and_nothing_scrolls_sideways(
    at_1280: Any, company_site: Path
) -> None:
    browser = at_1280
    assert browser.execute_script("return window.innerWidth") <= 1280
    pages = sorted(company_site.rglob("*.html"))
    assert len(pages) == 8 + 3 * 11  # company: overview, pay, 6 levels; 3 families of 11
    ids: dict[Path, set[str]] = {}
    links: list[tuple[Path, str]] = []
    for page in pages:
        _open(browser, page)
        header = browser.execute_script(
            "return getComputedStyle(document.querySelector('.site-header')).backgroundColor"
        )
        assert header == "rgb(22, 50, 79)", page
        assert browser.execute_script(
            "return document.documentElement.scrollWidth <= window.innerWidth"
        ), f"{page}: the page scrolls sideways at 1280 px"
        ids[page.resolve()] = set(
            browser.execute_script(
                "return Array.from(document.querySelectorAll('[id]'), e => e.id)"
            )
        )
        links.extend(
            (page, raw) for raw in browser.execute_script(
                "return Array.from(document.querySelectorAll('a[href]'),"
                " a => a.getAttribute('href'))"
            )
        )
    root = company_site.resolve()
    for page, raw in links:
        assert raw and "://" not in raw and not raw.startswith("/"), f"{page}: {raw}"
        url = urlsplit(raw)
        target = (page.parent / unquote(url.path)).resolve() if url.path else page.resolve()
        assert target.is_file() and target.is_relative_to(root), f"{page}: {raw}"
        if url.fragment:
            assert url.fragment in ids[target], f"{page}: {raw}: no such anchor"


@pytest.mark.parametrize("page", ["pay.html", "data/pay.html"])
def test_the_zone_switch_shows_one_zone_at_a_time(at_1280: Any, company_site: Path,
                                                  page: str) -> None:
    browser = at_1280
    _open(browser, company_site / page)
    visible = (
        "return Array.from(document.querySelectorAll('.zone-panel'),"
        " p => p.getBoundingClientRect().height > 0)"
    )
    shown = browser.execute_script(visible)
    assert shown.count(True) == 1 and shown[0], shown
    labels = browser.find_elements("css selector", ".zone-tabs label")
    labels[-1].click()
    shown = browser.execute_script(visible)
    assert shown.count(True) == 1 and shown[-1], shown
    assert browser.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth"
    )


# -- the ladder shapes: ladders/meridian-research-agency.yaml ------------------------------------

MERIDIAN = ACME.parent / "meridian-research-agency.yaml"


@pytest.fixture(scope="module")
def shapes_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("shapes") / "handbook"
    render(dualladder.load(MERIDIAN), out, format="html")
    return out


def test_every_shapes_page_loads_links_resolve_and_nothing_scrolls_sideways(
    at_1280: Any, shapes_site: Path
) -> None:
    browser = at_1280
    pages = sorted(shapes_site.glob("*.html"))
    assert len(pages) == 13  # overview, pay, decisions, 2 tracks, 8 levels
    ids: dict[Path, set[str]] = {}
    links: list[tuple[Path, str]] = []
    for page in pages:
        _open(browser, page)
        assert browser.execute_script(
            "return document.documentElement.scrollWidth <= window.innerWidth"
        ), f"{page.name}: the page scrolls sideways at 1280 px"
        ids[page] = set(
            browser.execute_script(
                "return Array.from(document.querySelectorAll('[id]'), e => e.id)"
            )
        )
        links.extend(
            (page, raw) for raw in browser.execute_script(
                "return Array.from(document.querySelectorAll('a[href]'),"
                " a => a.getAttribute('href'))"
            )
        )
    for page, raw in links:
        url = urlsplit(raw)
        target = (page.parent / unquote(url.path)).resolve() if url.path else page
        assert target.is_file() and target.parent == shapes_site.resolve(), f"{page.name}: {raw}"
        if url.fragment:
            assert url.fragment in ids[target], f"{page.name}: {raw}: no such anchor"


def _rects(browser: Any, selector: str) -> list[list[Any]]:
    found: list[list[Any]] = browser.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0]), g => {"
        " const r = g.querySelector('rect').getBoundingClientRect();"
        " return [g.querySelector('title').textContent, r.left, r.right, r.top, r.bottom]; })",
        selector,
    )
    return found


def test_roles_above_the_ladder_sit_over_both_tracks_and_are_reached_from_each(
    at_1280: Any, shapes_site: Path
) -> None:
    browser = at_1280
    _open(browser, shapes_site / "index.html")
    tops = _rects(browser, "svg.dl-ladder g.dl-top")
    rungs = _rects(browser, "svg.dl-ladder g.dl-rung")
    assert [t[0].split(" (")[0] for t in tops] == ["Chief Scientist", "Chief Technology Officer"]
    assert all(t[3] < t[4] for t in tops)
    highest = min(r[3] for r in rungs)
    assert all(t[4] < highest for t in tops), "a role above the ladder is not above the rungs"
    # together the roles span both columns
    assert min(t[1] for t in tops) <= min(r[1] for r in rungs) + 1
    assert max(t[2] for t in tops) >= max(r[2] for r in rungs) - 1
    reaches = browser.execute_script(
        "return Array.from(document.querySelectorAll('svg.dl-ladder line.dl-reach'), l => {"
        " const r = l.getBoundingClientRect(); return [r.top, r.bottom]; })"
    )
    assert len(reaches) == 4
    assert all(abs(bottom - highest) < 2 for _, bottom in reaches)
    promotion = browser.execute_script(
        "const l = document.querySelector('svg.dl-ladder line.dl-promotion');"
        "return [getComputedStyle(l).strokeDasharray, l.querySelector('title').textContent];"
    )
    assert promotion[0] not in ("none", "")
    assert "when a supervisory position is open" in promotion[1]


def test_derived_midpoints_and_withheld_pay_are_shown(at_1280: Any, shapes_site: Path) -> None:
    browser = at_1280
    _open(browser, shapes_site / "pay.html")
    dashes = browser.execute_script(
        "return Array.from(document.querySelectorAll('svg.dl-payband g.dl-band line'),"
        " l => getComputedStyle(l).strokeDasharray)"
    )
    assert dashes and all(d not in ("none", "") for d in dashes)
    text = browser.execute_script("return document.querySelector('table.pay').innerText")
    assert "not published, equal by policy" in text and "(derived)" in text
    shown = browser.execute_script(
        "return Array.from(document.querySelectorAll('table.pay .withheld'),"
        " e => e.getBoundingClientRect().width > 0)"
    )
    assert shown and all(shown)


# -- layout at a phone and a laptop width ---------------------------------------------------------

WIDTHS = (390, 1280)
EXAMPLES = sorted((ACME.parent).glob("*.yaml"))



@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every example ladder's HTML handbook, and the generated wide one (with findings)."""
    from wide_ladder import wide_ladder

    from dualladder._internal.model.ladder import Ladder

    root = tmp_path_factory.mktemp("examples")
    sites: dict[str, Path] = {}
    for example in EXAMPLES:
        sites[example.stem] = root / example.stem
        render(dualladder.load(example), sites[example.stem], format="html")
    wide = Ladder.model_validate(wide_ladder())
    assert len(wide.levels) >= 8 and dualladder.check(wide).errors
    sites["wide"] = root / "wide"
    render(wide, sites["wide"], format="html", allow_invalid=True)
    sites[KESTREL.name] = root / KESTREL.name
    render(dualladder.load_company(KESTREL), sites[KESTREL.name], format="html")
    return sites


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("example", [*(e.stem for e in EXAMPLES), KESTREL.name, "wide"])
def test_no_page_scrolls_sideways_or_cuts_anything(
    browser: Any, examples: dict[str, Path], example: str, width: int
) -> None:
    site = examples[example]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 7
    browser.set_window_size(width, 900)
    try:
        problems: list[str] = []
        for page in pages:
            _open(browser, page)
            assert browser.execute_script("return window.innerWidth") == width
            name = page.relative_to(site).as_posix()
            problems += [f"{name}: {p}" for p in browser.execute_script(LAYOUT_PROBLEMS)]
            shot = page.relative_to(site).with_suffix(".png")
            keep_screenshot(browser, Path(example) / str(width) / shot, width, tallest=6000)
        assert not problems, "\n".join(problems[:40])
    finally:
        browser.set_window_size(1400, 1000)


def test_the_layout_check_finds_what_it_looks_for(browser: Any, tmp_path: Path) -> None:
    """The check itself: a page with each kind of problem gets each kind of complaint."""
    page = tmp_path / "bad.html"
    page.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><main id='content'>"
        "<div style='width: 3000px'>wide</div>"
        "<div style='width: 100px; overflow: hidden; white-space: nowrap;"
        " text-overflow: ellipsis'>a label far too long for its box</div>"
        "<svg width='100' height='40'><text x='80' y='20'>outside</text>"
        "<g><text x='5' y='35'>cut\u2026</text></g></svg>"
        "</main></body></html>",
        encoding="utf-8",
    )
    browser.set_window_size(390, 900)
    try:
        browser.get(page.as_uri())
        problems = "\n".join(browser.execute_script(LAYOUT_PROBLEMS))
    finally:
        browser.set_window_size(1400, 1000)
    for expected in (
        "the page scrolls sideways",
        "sticks out",
        "cut or scrolls sideways",
        "cut with an ellipsis and no tooltip",
        "text outside its picture",
        "text cut without a tooltip",
    ):
        assert expected in problems, expected
