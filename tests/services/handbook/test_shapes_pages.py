"""The handbook of a ladder with every new shape (ladders/meridian-research-agency.yaml): golden
pages in both formats, sound links, and what the pages and the diagram show for derived
midpoints, withheld pay, roles above the ladder, conditional and promotion crossover, the fork,
steps inside a level and one role with and without reports."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pages import FORMATS, check_html_links, check_inside, check_markdown, check_svgs, snapshot
from paths import ACME, GOLDEN, ROOT

import dualladder
from dualladder._internal.model.ladder import Ladder
from dualladder._internal.services.handbook.site import build_handbook
from dualladder._internal.services.handbook.svg_diagram import ladder_diagram
from dualladder.handbook import render

MERIDIAN = ROOT / "ladders" / "meridian-research-agency.yaml"
SHAPES_GOLDEN = GOLDEN / "shapes"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def meridian() -> Ladder:
    return dualladder.load(MERIDIAN)


def test_the_example_is_clean_and_uses_every_shape(meridian: Ladder) -> None:
    assert list(dualladder.check(meridian)) == []
    assert all(level.pay is None or level.pay.mid_derived for level in meridian.levels)
    assert meridian.pay_withheld(meridian.tracks["technical"].rungs[-1])
    assert meridian.above_ladder and meridian.fork == "G13"
    assert any(move.promotion for move in meridian.crossover)
    assert any(move.condition for move in meridian.crossover)
    assert any(level.steps for level in meridian.levels)
    assert meridian.tracks["technical"].levels_in_use is not None
    assert sum(1 for _, _, rung in meridian.rungs() if rung.role) == 2


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden_handbook_of_the_shapes(
    fmt: str, meridian: Ladder, tmp_path: Path, regen_golden: bool
) -> None:
    out = tmp_path / "handbook"
    written = render(meridian, out, format=fmt)  # type: ignore[arg-type]
    check_inside(out, written)
    got = snapshot(out)
    golden = SHAPES_GOLDEN / fmt
    if regen_golden:
        shutil.rmtree(golden, ignore_errors=True)
        shutil.copytree(out, golden)
    want = snapshot(golden)
    assert sorted(got) == sorted(want), "the handbook's files differ from tests/golden/shapes"
    for name in sorted(want):
        assert got[name].decode() == want[name].decode(), (
            f"shapes/{fmt}/{name} differs from tests/golden (pytest --regen-golden rewrites it)"
        )


@pytest.mark.parametrize("fmt", FORMATS)
def test_links_tables_and_pictures_are_sound(fmt: str, meridian: Ladder, tmp_path: Path) -> None:
    out = tmp_path / "out"
    render(meridian, out, format=fmt)  # type: ignore[arg-type]
    if fmt == "html":
        check_html_links(out)
    else:
        check_markdown(out)
        check_svgs(out)


def _pages(meridian: Ladder, tmp_path: Path, fmt: str) -> dict[str, str]:
    out = tmp_path / fmt
    render(meridian, out, format=fmt)  # type: ignore[arg-type]
    return {p.name: p.read_text(encoding="utf-8") for p in out.iterdir() if p.is_file()}


@pytest.mark.parametrize("fmt", FORMATS)
def test_pages_show_every_shape(fmt: str, meridian: Ladder, tmp_path: Path) -> None:
    pages = _pages(meridian, tmp_path, fmt)
    sfx = ".md" if fmt == "markdown" else ".html"
    index, pay = pages[f"index{sfx}"], pages[f"pay{sfx}"]
    # roles above the ladder, open to both tracks
    assert "Above the ladder" in index and "Chief Technology Officer" in index
    assert "open to Supervisory and Research" in index
    assert "Chief Scientist" in pages[f"track-technical{sfx}"]
    assert "Chief Scientist" in pages[f"track-management{sfx}"]
    # the fork
    assert "The tracks fork at G13 (Lead): below it, everyone is on the Research track." in index
    # derived midpoints and withheld pay
    assert "162,950 (derived)" in pay and "not published, equal by policy" in pay
    assert "the rates are not published." in pages[f"level-sl{sfx}"]
    # conditional crossover and the promotion
    g12 = pages[f"level-g12{sfx}"]
    assert re.search(r"can be promoted to .*Supervisory.*\(when a supervisory position is open\)",
                     g12)
    g13 = pages[f"level-g13{sfx}"]
    assert "open to promotions from" in g13 and "(when a position is open)" in g13
    # one role with and without reports; steps inside a level
    assert "One role, with and without reports:" in g13 and "(lead scientist)" in g13
    assert "Steps within this level" in g12 and "94,271" in g12 and "within-grade top" in g12
    assert "Steps within this level" not in g13


def test_the_diagram_puts_roles_above_both_tracks(meridian: Ladder) -> None:
    diagram = ladder_diagram(build_handbook(meridian, "html"))
    tops = {t.role.title: t for t in diagram.tops}
    assert list(tops) == ["Chief Scientist", "Chief Technology Officer"]
    highest_box = min(b.y for b in diagram.boxes)
    assert all(t.y + t.height < highest_box for t in diagram.tops)
    # a line rises from the top rung of each track to each role
    assert len(diagram.reaches) == 4
    top_rungs = {b.rung.track: b for b in diagram.boxes if b.rung.level == "SL"}
    for link in diagram.reaches:
        assert link.y1 == top_rungs["management"].y or link.y1 == top_rungs["technical"].y
        assert link.y2 > max(t.y for t in diagram.tops)
    # the conditional promotion: from Senior Scientist (G12) up to the G13 supervisory rung
    [promotion] = diagram.promotions
    assert promotion.dashed and "Senior Scientist (G12)" in promotion.tooltip
    assert promotion.y2 < promotion.y1
    # no sideways join arrow is drawn for the promotion on G12 (there is no G12 management rung)
    assert all(j.y != promotion.y1 for j in diagram.joins)
    # a conditional sideways move names its condition and direction in the join's tooltip
    g14 = next(j for j in diagram.joins if "(G14)" in j.tooltip)
    assert "(Research to Supervisory: when a position is open)" in g14.tooltip
    # the fork line lies under the G13 row
    g13 = next(r for r in diagram.rows if r.level.id == "G13")
    assert diagram.fork_y == g13.y + g13.height


def test_a_ladder_without_the_shapes_draws_none_of_them(tmp_path: Path) -> None:
    acme = dualladder.load(ACME)
    diagram = ladder_diagram(build_handbook(acme, "html"))
    assert diagram.tops == [] and diagram.reaches == [] and diagram.promotions == []
    assert diagram.fork_y is None
    render(acme, tmp_path / "md")
    svg = ET.parse(tmp_path / "md" / "ladder.svg").getroot()
    assert not svg.findall(f".//{SVG}g[@class='dl-top']")
