"""The plan page: golden output of every example plan in both formats, escaping, refusal of a
plan with errors, and what the page shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import DATA, EXAMPLES, GOLDEN, ROOT

from dualladder._internal.io.plan.read import read_plan, read_plan_text
from dualladder._internal.services.plan.page import plan_page, render_plan
from dualladder._internal.util.findings import LadderError

PLANS = sorted((EXAMPLES / "plans").glob("*.yaml"))
PLANS_GOLDEN = GOLDEN / "plans"
SUFFIX = {"html": "html", "markdown": "md"}


def _render(path: Path, out: Path, fmt: str, allow_invalid: bool = True) -> str:
    result = read_plan(path)
    assert result.plan is not None, result.findings
    render_plan(result.plan, out, base=path.parent, source=result.source, format=fmt,  # type: ignore[arg-type]
                allow_invalid=allow_invalid)
    return (out / f"plan.{SUFFIX[fmt]}").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_golden_plan_page(path: Path, fmt: str, tmp_path: Path, regen_golden: bool) -> None:
    text = _render(path, tmp_path / "out", fmt)
    golden = PLANS_GOLDEN / f"{path.stem}.{SUFFIX[fmt]}"
    if regen_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_the_page_shows_both_rungs_steps_commitments_and_signoff(tmp_path: Path) -> None:
    html = _render(EXAMPLES / "plans" / "senior-to-staff.yaml", tmp_path / "o", "html")
    for text in (
        "Now: Senior Software Engineer", "Goal: Staff Software Engineer",
        "175,000\u2013235,000 USD (mid 205,000)", "Steps (1 of 5 done)",
        "Put Ada forward to lead the message bus migration", "signed 2026-12-01",
        "The move: a promotion on the same track.",
    ):
        assert text in html, text


def test_crossover_page_names_the_crossover(tmp_path: Path) -> None:
    md = _render(EXAMPLES / "plans" / "manager-to-staff.yaml", tmp_path / "o",
                 "markdown")
    assert "The move: a crossover from management to technical at L6." in md
    assert "Grows senior engineers through sponsorship and design review: Already done" in md


def test_a_plan_with_errors_is_refused_unless_allowed(tmp_path: Path) -> None:
    late = EXAMPLES / "plans" / "late-step.yaml"
    with pytest.raises(LadderError) as info:
        _render(late, tmp_path / "refused", "html", allow_invalid=False)
    assert [f.code for f in info.value.findings] == ["DL404"]
    assert not (tmp_path / "refused").exists()
    html = _render(late, tmp_path / "allowed", "html")
    assert "DL404 error: step S2 is due 2027-08-31" in html


HOSTILE = "<script>alert(1)</script> | *x* {{ 7*7 }} [a](javascript:x)"


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
def test_plan_data_is_escaped_and_never_a_template(fmt: str, tmp_path: Path) -> None:
    text = (DATA / "plans" / "positive" / "plan-l3-l4.yaml").read_text(
        encoding="utf-8"
    )
    text = text.replace("what: Ship the gripper calibration feature", f"what: {HOSTILE!r}")
    plan_file = tmp_path / "plans" / "p.yaml"
    plan_file.parent.mkdir()
    plan_file.write_text(text.replace("../../../../ladders/", f"{ROOT}/ladders/"),
                         encoding="utf-8")
    page = _render(plan_file, tmp_path / "out", fmt)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "49" not in page  # {{ 7*7 }} is text, never evaluated
    if fmt == "html":
        assert "{{ 7*7 }} [a](javascript:x)" in page
    else:
        assert r"\| \*x\* \{\{ 7\*7 \}\} \[a\](javascript:x)" in page


def test_view_without_a_ladder_still_renders_the_plan(tmp_path: Path) -> None:
    text = (DATA / "plans" / "negative" / "DL401-plan-ladder.yaml").read_text(
        encoding="utf-8"
    )
    result = read_plan_text(text, "p.yaml")
    assert result.plan is not None
    page = plan_page(result.plan, None, "html")
    assert page.current is None and page.goal is None and page.asks == []
