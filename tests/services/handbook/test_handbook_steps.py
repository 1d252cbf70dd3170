"""Level pages say, per track, what is new compared with the rung below: the pay step, a wider
scope, new and stronger decision rights, new expectations
(dualladder._internal.services.handbook.steps)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from paths import ACME

import dualladder
from dualladder._internal.model.ladder import Ladder
from dualladder._internal.services.handbook.site import build_handbook
from dualladder._internal.services.handbook.steps import level_steps
from dualladder.handbook import render


def _steps(ladder: Ladder, level_id: str) -> dict[str, Any]:
    handbook = build_handbook(ladder, "markdown")
    level = next(lv for lv in handbook.levels if lv.id == level_id)
    return {s.rung.track: s for s in level_steps(handbook, level)}


def test_acme_staff_step() -> None:
    step = _steps(dualladder.load(ACME), "L6")["technical"]
    assert step.below.title == "Senior Software Engineer"
    assert step.pay_step == "+20.6%"
    assert (step.pay_from, step.pay_to) == ("USD 170,000", "USD 205,000")
    assert (step.scope_from, step.scope_to) == ("team", "group")
    assert step.new_decisions == ["promotion: recommends at organization"]
    assert step.stronger_decisions == [
        "architecture: decides at team \u2192 decides at group",
        "roadmap: recommends at team \u2192 recommends at group",
        "hiring: recommends at team \u2192 recommends at group",
    ]
    assert step.expectations == [
        "Owns the architecture of a group's systems and their interfaces",
        "Drives cross-team technical initiatives to completion",
        "Grows senior engineers through sponsorship and design review",
    ]


def test_first_rung_of_a_track_and_a_skipped_level() -> None:
    data = dualladder.load(ACME).model_dump(by_alias=True)
    rungs = data["tracks"]["management"]["rungs"]
    del rungs[1]  # management skips L6: its L7 rung grows from L5
    ladder = Ladder.model_validate(data)
    first = _steps(ladder, "L5")["management"]
    assert first.below is None and first.pay_step is None and first.expectations == []
    director = _steps(ladder, "L7")["management"]
    assert director.below.level == "L5"
    assert director.pay_step == "+42.4%"  # 170,000 -> 242,000
    assert (director.scope_from, director.scope_to) == ("team", "organization")
    assert "L6" not in {s.rung.level for s in _steps(ladder, "L6").values()
                        if s.rung.track == "management"}


def test_nothing_new_and_no_pay_step_across_currencies() -> None:
    data = dualladder.load(ACME).model_dump(by_alias=True)
    technical = data["tracks"]["technical"]["rungs"]
    technical[1]["expectations"] = technical[0]["expectations"]
    technical[1]["scope"] = technical[0]["scope"]
    technical[1]["decisions"] = technical[0]["decisions"]
    technical[1]["pay"] = {"min": 1, "mid": 2, "max": 3, "currency": "EUR"}
    step = _steps(Ladder.model_validate(data), "L4")["technical"]
    assert step.nothing_new and step.pay_step is None


def test_pages_show_the_steps_escaped(tmp_path: Path) -> None:
    data = dualladder.load(ACME).model_dump(by_alias=True)
    data["tracks"]["technical"]["rungs"][3]["expectations"].append(
        "<script>alert(1)</script> | **bold**")
    ladder = Ladder.model_validate(data)
    render(ladder, tmp_path / "md", format="markdown", allow_invalid=True)
    page = (tmp_path / "md" / "level-l6.md").read_text(encoding="utf-8")
    section = page.split("## New at this level", 1)[1]
    assert "### Engineering: Staff Software Engineer" in section
    assert "- **Pay step:** +20.6% (midpoint USD 170,000 \u2192 USD 205,000)" in section
    assert "- **New expectation:** &lt;script&gt;alert(1)&lt;/script&gt; \\| \\*\\*bold\\*\\*" \
        in section
    assert "The first rung of the Engineering track." in (
        tmp_path / "md" / "level-l3.md").read_text(encoding="utf-8")
    render(ladder, tmp_path / "html", format="html", allow_invalid=True)
    html = (tmp_path / "html" / "level-l6.html").read_text(encoding="utf-8")
    assert '<h2 id="new-at-this-level">New at this level</h2>' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert "<dt>Wider scope</dt><dd>team \u2192 group</dd>" in html
