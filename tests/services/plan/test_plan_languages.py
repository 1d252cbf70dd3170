"""The plan page and the tracking sheet in the reader's language (docs/plan.md, "Languages"):
words and dates by locale; a sheet written in one language is read back by ``plan update``."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from paths import ACME, EXAMPLES

from dualladder.cli import main

SPACES = re.compile(r"[\u00a0\u202f]")


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """The example plan beside a copy of its ladder."""
    (tmp_path / "ladders").mkdir()
    shutil.copy(ACME, tmp_path / "ladders" / ACME.name)
    (tmp_path / "examples" / "plans").mkdir(parents=True)
    target = tmp_path / "examples" / "plans" / "plan.yaml"
    shutil.copy(EXAMPLES / "plans" / "senior-to-staff.yaml", target)
    return target


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_the_plan_page_in_german(plan: Path, tmp_path: Path, fmt: str,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "page"
    assert main(["render", str(plan), "-o", str(out), "-f", fmt, "--locale", "de"]) == 0
    capsys.readouterr()
    page = SPACES.sub(" ", (out / ("plan.html" if fmt == "html" else "plan.md"))
                      .read_text(encoding="utf-8"))
    assert "Karriereplan: von Senior Software Engineer zu Staff Software Engineer" in page
    assert "Von dieser Stufe zur nächsten" in page
    assert "Ziel bis 30.09.2027" in page  # the date the German way
    assert "145.000 \u2013 195.000 $ (Mitte 170.000)" in page
    assert "entscheidet bei architecture auf Ebene Team" in page
    # the move and the steps' owners (the format's words) in German too
    assert "eine Beförderung auf derselben Laufbahn" in page
    assert "a promotion on the same track" not in page
    assert "Mitarbeiterin oder Mitarbeiter" in page
    if fmt == "html":
        assert '<html lang="de">' in page
        assert ">employee<" not in page


def test_a_crossover_plan_in_german(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "ladders").mkdir()
    shutil.copy(ACME, tmp_path / "ladders" / ACME.name)
    (tmp_path / "examples" / "plans").mkdir(parents=True)
    plan = tmp_path / "examples" / "plans" / "plan.yaml"
    shutil.copy(EXAMPLES / "plans" / "manager-to-staff.yaml", plan)
    out = tmp_path / "page"
    assert main(["render", str(plan), "-o", str(out), "--locale", "de"]) == 0
    capsys.readouterr()
    page = SPACES.sub(" ", (out / "plan.md").read_text(encoding="utf-8"))
    assert "ein Wechsel von management zu technical auf L6" in page  # the tracks' keys
    assert "| Führungskraft |" in page and "a crossover" not in page


def test_a_german_sheet_is_read_back(plan: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "fortschritt.csv"
    assert main(["plan", "sheet", str(plan), "-o", str(sheet), "--locale", "de"]) == 0
    rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["Art", "ID", "Was", "für", "verantwortlich", "fällig", "Status",
                       "Nachweis", "erstellt"]
    step = next(r for r in rows if r[0] == "step")
    step[6] = "done"
    step[7] = "https://example.com/design-doc"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    sheet.write_text(buffer.getvalue(), encoding="utf-8")
    capsys.readouterr()
    assert main(["plan", "update", str(plan), str(sheet)]) == 0, capsys.readouterr()
    assert "https://example.com/design-doc" in plan.read_text(encoding="utf-8")
