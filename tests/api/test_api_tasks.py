"""The three tasks of docs/python-api.md (tabulate, adjust, audit): each script is taken from the
page and run on a copy of ladders/ and examples/, and what it produces is checked; the glue they
take is counted as the page says (issue 22: at most 15 lines in total)."""

from __future__ import annotations

import re
import runpy
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from paths import DOCS, ROOT

import dualladder
from dualladder import TECHNICAL, tables

PAGE = DOCS / "python-api.md"
BLOCK = re.compile(r"<!-- (task|file): (\S+) -->\n```\w*\n(.*?)```", re.S)


def _blocks(kind: str) -> dict[str, str]:
    return {name: body for found, name, body in BLOCK.findall(PAGE.read_text("utf-8"))
            if found == kind}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's ladders and examples, as the working directory."""
    shutil.copytree(ROOT / "ladders", tmp_path / "ladders")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(repo: Path, name: str) -> dict[str, Any]:
    script = repo / name
    script.write_text(_blocks("task")[name], encoding="utf-8")
    return runpy.run_path(str(script), run_name="__main__")


def test_the_page_has_the_three_tasks_and_its_files_are_the_examples() -> None:
    assert list(_blocks("task")) == ["tabulate.py", "adjust.py", "audit.py"]
    for name, body in _blocks("file").items():
        assert (ROOT / name).read_text("utf-8") == body, name


def test_the_glue_is_counted_as_the_page_says() -> None:
    counts = [sum(1 for line in body.splitlines() if line.strip()
                  and not line.lstrip().startswith("#"))
              for body in _blocks("task").values()]
    total = sum(counts)
    assert total <= 15
    text = PAGE.read_text("utf-8")
    assert f"**{total} lines** of code in total ({' + '.join(map(str, counts))}," in text


def test_tabulate(repo: Path) -> None:
    _run(repo, "tabulate.py")
    written = pd.read_csv(repo / "bands.csv", dtype=str, keep_default_na=False)
    expected = tables.bands(dualladder.load_company(ROOT / "ladders" / "kestrel"))
    assert len(written) == len(expected) == 84
    assert list(written.columns) == list(expected.columns)
    for row, cells in zip(expected, written.to_dict("records"), strict=True):
        assert cells == {k: "" if v is None else str(v) for k, v in row.items()}


def test_adjust(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = dualladder.load_company(ROOT / "ladders" / "kestrel")
    done = _run(repo, "adjust.py")["done"]
    assert done.saved and "factor_after" in capsys.readouterr().out
    assert [r["what"] for r in done.changes][-2:] == ["differential factor", "differential added"]
    after = dualladder.load_company(repo / "ladders" / "kestrel")
    assert dualladder.check(after).ok

    def band(company: dualladder.Company, family: str, level: str, zone: str | None = None
             ) -> dualladder.Band:
        ladder = company.family(family)
        assert ladder is not None
        found = ladder.band(ladder.rung(TECHNICAL, level), zone)  # type: ignore[arg-type]
        assert found is not None
        return found

    step = Decimal(500)
    for level in before.level_ids:  # every base band: 3 %, to 500
        old, new = before.band(level), after.band(level)
        assert old is not None and new is not None
        assert new == old.scaled(3, round_to=step)
    berlin = after.band("L6", "berlin")
    assert berlin == before.band("L6", "berlin").scaled(4, round_to=step)  # type: ignore[union-attr]
    old, new = band(before, "Data", "L7"), band(after, "Data", "L7")
    assert abs(new.mid / old.mid - Decimal("1.05")) < Decimal("0.0001")  # 5 % in total
    design = after.family("Design")
    assert design is not None
    assert [(d.level, d.reason) for d in design.differentials] == [
        ("L4", "hard-to-hire product designers")]
    old, new = band(before, "Design", "L4"), band(after, "Design", "L4")
    assert abs(new.mid / old.mid - Decimal("1.04")) < Decimal("0.0001")


def test_audit(repo: Path) -> None:
    done = _run(repo, "audit.py")
    report = done["report"]
    assert report.people == 204 and report.rows_left_out == 0  # empty zones are the base zone
    rungs, categories, findings = done["rungs"], done["categories"], done["findings"]
    assert len(rungs) == len(tables.audit_rungs(report)) > 0
    assert rungs["headcount"].sum() == 204
    assert {"currency", "level", "mean_gap", "people_women"} <= set(categories.columns)
    assert list(findings["code"]) == [f.code for f in report.findings]
