"""The decision-rights matrix: a table per domain with the same rows (levels) and columns
(tracks) everywhere, so equivalent rungs stand in one row and more levels never widen a table."""

from __future__ import annotations

import re
from pathlib import Path

from paths import ACME, DATA
from wide_ladder import wide_ladder

import dualladder
from dualladder._internal.model.ladder import Ladder
from dualladder._internal.services.handbook.matrix import decision_matrices
from dualladder._internal.services.handbook.site import build_handbook
from dualladder.handbook import render


def test_every_domain_has_the_same_rows_and_columns() -> None:
    ladder = dualladder.load(ACME)
    handbook = build_handbook(ladder, "html", [])
    matrices = decision_matrices(handbook)
    assert [m.domain for m in matrices] == sorted(m.domain for m in matrices)
    levels = [lv.id for lv in handbook.levels if lv.rungs]
    for matrix in matrices:
        assert [t.key for t in matrix.tracks] == ["management", "technical"]
        assert [row.level.id for row in matrix.rows] == levels
    strategy = next(m for m in matrices if m.domain == "strategy")
    assert strategy.seat
    l6 = next(row for row in strategy.rows if row.level.id == "L6")
    management, technical = l6.cells
    assert management is not None and technical is not None
    assert (management.rung.title, technical.rung.title) == (
        "Senior Engineering Manager", "Staff Software Engineer"
    )
    assert [d.domain for d in management.decisions + technical.decisions] == ["strategy"] * 2
    l3 = next(row for row in strategy.rows if row.level.id == "L3")
    assert l3.cells[0] is None  # management starts at L5: no rung, not "no right"


def test_more_levels_add_rows_not_columns(tmp_path: Path) -> None:
    for levels in (8, 16):
        ladder = Ladder.model_validate(wide_ladder(levels))
        out = tmp_path / str(levels)
        render(ladder, out / "html", format="html", allow_invalid=True)
        render(ladder, out / "md", format="markdown", allow_invalid=True)
        page = (out / "html" / "decisions.html").read_text(encoding="utf-8")
        tables = re.findall(r'<table class="matrix-table stack">.*?</table>', page, re.S)
        assert tables
        for table in tables:
            head = re.search(r"<thead>.*?</thead>", table, re.S)
            assert head and head.group(0).count("<th ") == 1 + len(ladder.tracks)
            assert table.count("<tr>") == 1 + levels
        md = (out / "md" / "decisions.md").read_text(encoding="utf-8")
        header_rows = [line for line in md.splitlines() if line.startswith("| Level |")]
        assert header_rows and all(row.count("|") == 2 + len(ladder.tracks) for row in header_rows)


def test_a_finding_about_one_right_marks_that_domain_only(tmp_path: Path) -> None:
    """DL106 points at the technical rung's strategy right: only the strategy table marks it."""
    negative = DATA / "negative" / "DL106.yaml"
    ladder = dualladder.load(negative)
    findings = list(dualladder.check(ladder))
    assert [f.code for f in findings] == ["DL106"]
    matrices = decision_matrices(build_handbook(ladder, "html", findings))
    marked = {
        m.domain for m in matrices for row in m.rows for cell in row.cells if cell and cell.findings
    }
    assert marked == {"strategy"}
