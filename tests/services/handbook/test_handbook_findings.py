"""Findings in the handbook: a page never claims equivalence next to a finding that contradicts
it, and every finding is marked where it is (the diagram's box and join, the chart's bar, the
level page, the pay table, the track page, the decision matrix), in both formats.

The negative test files (one failing rule each) are rendered with ``allow_invalid``; each of their
findings is looked for on the pages of the rung or level it is about.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from paths import DATA, ROOT

import dualladder
from dualladder._internal.model.ladder import Ladder
from dualladder._internal.services.handbook.marks import breaks_equivalence, place
from dualladder._internal.services.handbook.site import build_handbook
from dualladder._internal.util.findings import Finding
from dualladder.handbook import render

NEGATIVE = DATA / "negative"
#: the rule files (DL1xx, DL2xx): they load, so they render
RULE_FILES = sorted(p for p in NEGATIVE.glob("DL[12]*.yaml"))
CLAIM = "rungs on this level are equivalent."
PAY_CLAIM = "Equivalent rungs have the same band"


def _render(path: Path, out: Path) -> tuple[Ladder, list[Finding]]:
    ladder = dualladder.load(path)
    findings = list(dualladder.check(ladder))
    assert findings, f"{path.name} has no finding"
    for fmt in ("html", "markdown"):
        render(ladder, out / fmt, format=fmt, allow_invalid=True)  # type: ignore[arg-type]
    return ladder, findings


def _section(html: str, anchor: str) -> str:
    """The ``<section id=anchor>`` of a track page."""
    found = re.search(rf'<section class="rung" id="{anchor}".*?</section>', html, re.S)
    assert found, anchor
    return found.group(0)


def _svg_group(svg: str, cls: str, tooltip_start: str) -> str:
    """The ``<g class="cls...">`` whose tooltip starts with ``tooltip_start``."""
    for group in re.findall(rf'<g class="{cls}[^"]*">\s*<title>.*?</g>', svg, re.S):
        title = re.search(r"<title>(.*?)</title>", group, re.S)
        if title and title.group(1).startswith(tooltip_start):
            return str(group)
    raise AssertionError(f"no {cls} group for {tooltip_start!r}")


def _pay_row(html: str, title: str) -> str:
    rows = [r for r in re.findall(r"<tr[^>]*>.*?</tr>", html, re.S) if f">{title}</a>" in r]
    assert len(rows) == 1, title
    return str(rows[0])


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_every_finding_is_marked_where_it_is(path: Path, tmp_path: Path) -> None:
    ladder, findings = _render(path, tmp_path)
    html, md = tmp_path / "html", tmp_path / "markdown"
    placement = place(findings, ladder)
    index = (html / "index.html").read_text(encoding="utf-8")
    handbook = build_handbook(ladder, "html", findings)
    by_key = {(r.track, r.rung.level): r for t in handbook.tracks for r in t.rungs}
    for view in placement.all:
        # the overview lists every finding, with the anchor the marks link to
        assert f'<li id="{view.anchor}"><code>{view.code}</code>' in index
        mark = f'href="index.html#{view.anchor}"'
        rungs = [
            by_key[(key, ladder.tracks[key].rungs[index_].level)]
            for (key, index_), found in placement.rungs.items()
            for f in found
            if f is view
        ]
        rungs += [
            r
            for level_id, found in placement.levels.items()
            if view in found and view.pay
            for t in handbook.tracks
            for r in t.rungs
            if r.rung.level == level_id and r.rung.pay is None
        ]
        for rung in rungs:
            track_page = (html / rung.track_href).read_text(encoding="utf-8")
            assert mark in _section(track_page, rung.anchor), (rung.title, view.code)
            level_page = (html / rung.level_href).read_text(encoding="utf-8")
            assert mark in level_page, (rung.title, view.code)
            md_level = (md / rung.level_href.replace(".html", ".md")).read_text(encoding="utf-8")
            assert f"⚠ {view.code}" in md_level and view.message.split(" ")[0] in md_level
            diagram = (md / "ladder.svg").read_text(encoding="utf-8")
            box = _svg_group(diagram, "dl-rung", f"{rung.title} ({rung.level}, ")
            assert f"dl-flag-{view.severity}" in box or "dl-flag-error" in box
            assert view.code in box
            if view.pay:
                pay = (html / "pay.html").read_text(encoding="utf-8")
                assert mark in _pay_row(pay, rung.title)
                md_pay = (md / "pay.md").read_text(encoding="utf-8")
                assert f"{rung.title} ⚠ {view.code}" in md_pay.replace("\\", "")
                chart = (md / "pay-bands.svg").read_text(encoding="utf-8")
                if rung.band is not None:
                    bar = _svg_group(chart, "dl-band", f"{rung.title} ({rung.level}, ")
                    assert "dl-flag-" in bar and view.code in bar
            if view.breaks:
                for folder, suffix in ((html, ".html"), (md, ".md")):
                    page = (folder / rung.level_href.replace(".html", suffix)).read_text(
                        encoding="utf-8"
                    )
                    assert CLAIM not in page, (rung.level_href, view.code)
                    assert "meant to be equivalent" in page
                diagram = (md / "ladder.svg").read_text(encoding="utf-8")
                assert re.search(
                    rf'<g class="dl-join dl-flag-\w+">\s*<title>[^<]*\({re.escape(rung.level)}\)',
                    diagram,
                ), (rung.level, view.code)
        for key, found in placement.tracks.items():
            if view in found:
                page = (html / f"track-{key}.html").read_text(encoding="utf-8")
                assert mark in page
    if any(f.breaks for f in placement.all):
        for page in (html / "index.html", md / "index.md"):
            text = page.read_text(encoding="utf-8")
            assert "Rungs on the same level are equivalent" not in text
            assert "meant to be equivalent" in text
    if any(f.breaks and f.pay for f in placement.all):
        for page in (html / "pay.html", md / "pay.md"):
            text = " ".join(page.read_text(encoding="utf-8").split())
            assert PAY_CLAIM not in text and "should have the same band" in text
    if any(f.breaks and f.field == "decisions" for f in placement.all):
        for page in (html / "decisions.html", md / "decisions.md"):
            text = " ".join(page.read_text(encoding="utf-8").split())
            assert "technical leaders take part" not in text
            assert "technical leaders should take part" in text


def test_levels_without_a_finding_keep_their_claim(tmp_path: Path) -> None:
    """The DL103 file: L6 loses the claim, L5 keeps it; only L6's join and box are marked."""
    _render(NEGATIVE / "DL103.yaml", tmp_path)
    html = tmp_path / "html"
    assert CLAIM not in (html / "level-l6.html").read_text(encoding="utf-8")
    assert CLAIM in (html / "level-l5.html").read_text(encoding="utf-8")
    diagram = (tmp_path / "markdown" / "ladder.svg").read_text(encoding="utf-8")
    assert len(re.findall(r'<g class="dl-join dl-flag-error">', diagram)) == 1
    assert len(re.findall(r'<g class="dl-rung dl-flag-error">', diagram)) == 1
    assert "not equivalent: a finding" in diagram
    pay = (html / "pay.html").read_text(encoding="utf-8")
    assert 'href="index.html#finding-1"' not in _pay_row(pay, "Senior Engineering Manager")
    assert 'href="index.html#finding-1"' in _pay_row(pay, "Staff Engineer")


def test_a_clean_ladder_has_no_marks_and_keeps_every_claim(tmp_path: Path) -> None:
    ladders = ROOT / "ladders"
    ladder = dualladder.load(ladders / "northbank-it.yaml")
    assert not list(dualladder.check(ladder))
    render(ladder, tmp_path / "html", format="html")
    pages = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "html").glob("*.html")}
    assert not any("class=\"flag" in text or "dl-flag-" in text for text in pages.values())
    assert "Rungs on the same level are equivalent" in pages["index.html"]
    assert PAY_CLAIM in " ".join(pages["pay.html"].split())


def test_a_warning_that_does_not_break_equivalence_keeps_the_claim(tmp_path: Path) -> None:
    """DL203 on a level band: both rungs that inherit the band are marked, the level is still
    equivalent (both rungs have that band)."""
    ladder, findings = _render(NEGATIVE / "DL203.yaml", tmp_path)
    assert [f.code for f in findings] == ["DL203"] and not breaks_equivalence("DL203")
    placement = place(findings, ladder)
    assert list(placement.levels) == ["L4"] and placement.levels["L4"][0].field == "pay"
    pay = (tmp_path / "html" / "pay.html").read_text(encoding="utf-8")
    assert 'href="index.html#finding-1"' in _pay_row(pay, "Software Engineer")
    assert PAY_CLAIM in " ".join(pay.split())


def test_placement_by_path() -> None:
    ladder = dualladder.load(NEGATIVE / "DL104-perks.yaml")
    made = [
        Finding("f", 1, 1, "DL104", "error", "m", ("tracks", "technical", "rungs", 1, "rewards",
                                                    "perks")),
        Finding("f", 2, 1, "DL104", "error", "m", ("tracks", "technical", "rungs", 1, "rewards")),
        Finding("f", 3, 1, "DL203", "warning", "m", ("levels", 0, "pay")),
        Finding("f", 4, 1, "DL101", "error", "m", ("tracks", "technical")),
        Finding("f", 5, 1, "DL107", "warning", "m", ("crossover",)),
        Finding("f", 6, 1, "DL105", "error", "m", ("tracks", "technical", "rungs", 99)),
    ]
    placement = place(made, ladder)
    assert [f.field for f in placement.rungs[("technical", 1)]] == ["perks", "rewards"]
    assert placement.levels[ladder.levels[0].id][0].pay
    assert [f.code for f in placement.tracks["technical"]] == ["DL101", "DL105"]
    assert [f.code for f in placement.ladder] == ["DL107"]
    assert [f.number for f in placement.all] == [1, 2, 3, 4, 5, 6]
    assert [breaks_equivalence(c) for c in ("DL101", "DL102", "DL103", "DL106", "DL108",
                                            "DL204", "DL201")] == [
        False, False, True, True, False, True, False
    ]


def test_with_three_tracks_a_join_is_marked_for_the_pair_its_finding_compares(
    tmp_path: Path,
) -> None:
    """The rules compare each track with management: the pay gap of the technical rung marks
    the management-technical join of its level, not the technical-research one."""
    from wide_ladder import wide_ladder

    ladder = Ladder.model_validate(wide_ladder(10))
    render(ladder, tmp_path, format="markdown", allow_invalid=True)
    diagram = (tmp_path / "ladder.svg").read_text(encoding="utf-8")
    joins = re.findall(r"<g class=\"dl-join dl-flag-\w+\">\s*<title>([^<]*)</title>", diagram)
    at_ic08 = [j for j in joins if "(IC08)" in j.split(":")[0]]
    assert len(at_ic08) == 1 and at_ic08[0].startswith("Senior Director of Platform")
    assert "DL103" in at_ic08[0]
