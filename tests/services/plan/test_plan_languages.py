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

from dualladder._internal.io.plan.read import load_plan
from dualladder._internal.services.plan.words import (
    kind_names,
    owner_names,
    read_back,
    status_names,
)
from dualladder._internal.util.i18n import SHIPPED, reading
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
    # the ladder's own words from its German translation (docs/plan.md, "Languages")
    assert ("Karriereplan: von Senior-Softwareingenieurin / Senior-Softwareingenieur zu "
            "Staff-Softwareingenieurin / Staff-Softwareingenieur") in page
    assert "Acme Robotics, Softwareentwicklung" in page  # the family
    assert re.search(r"Fachlaufbahn(</span>)?, (Ebene )?L6", page)  # the track's German name
    assert "Verantwortet die Architektur der Systeme einer Gruppe" in page  # expectations
    assert "Senior Software Engineer" not in page and "Engineering, L" not in page
    assert "Laufbahn Engineering" not in page
    # a step's covers are the plan's own text: the asks in the ladder file's words
    assert "Owns the architecture of a group's systems" in page.replace("&#39;", "'")
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
    # the tracks by their names, as the page's other lines name them (English: by their keys)
    assert "ein Wechsel von Führungslaufbahn zu Fachlaufbahn auf L6" in page
    assert "| Führungskraft |" in page and "a crossover" not in page


def test_a_german_sheet_is_read_back(plan: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "fortschritt.csv"
    assert main(["plan", "sheet", str(plan), "-o", str(sheet), "--locale", "de"]) == 0
    rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["Art", "ID", "Was", "für", "verantwortlich", "fällig", "Status",
                       "Nachweis", "erstellt"]
    # what a reader sees is German: the row kinds, the owners, the statuses
    steps = {r[1]: r for r in rows if r[0] == "Schritt"}
    assert list(steps) == ["S1", "S2", "S3", "S4", "S5"]
    assert {r[0] for r in rows[1:]} == {"Schritt", "Erwartung", "Reichweite",
                                       "Entscheidungsrecht"}
    assert [steps[s][4] for s in ("S1", "S4", "S5")] == [
        "Mitarbeiterin oder Mitarbeiter", "Führungskraft", "Dana Director"]
    assert [steps[s][6] for s in ("S1", "S2", "S4")] == ["in Arbeit", "offen", "erledigt"]
    assert not any(word in r for r in rows for word in (
        "step", "expectation", "decision", "employee", "manager", "open", "done"))
    # filled in in German, in English and in French (a colleague's spreadsheet): all read back
    steps["S1"][6] = "erledigt"
    steps["S1"][7] = "https://example.com/design-doc"
    steps["S2"][6] = "In_Progress"
    steps["S3"][6] = "en cours"
    steps["S3"][4] = "Führungskraft"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    sheet.write_text(buffer.getvalue(), encoding="utf-8")
    capsys.readouterr()
    assert main(["plan", "update", str(plan), str(sheet)]) == 0, capsys.readouterr()
    updated = load_plan(plan)
    by_id = {s.id: s for s in updated.steps}
    assert [by_id[s].status.value for s in ("S1", "S2", "S3", "S4", "S5")] == [
        "done", "in-progress", "in-progress", "done", "open"]
    assert by_id["S1"].evidence == "https://example.com/design-doc"
    assert [by_id[s].owner for s in ("S1", "S3", "S4", "S5")] == [
        "employee", "manager", "manager", "Dana Director"]
    text = plan.read_text(encoding="utf-8")
    assert "erledigt" not in text and "Führungskraft" not in text  # the file keeps its keys


def test_a_sheet_unchanged_in_any_language_changes_nothing(
        plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = plan.read_bytes()
    for lang in ("de", "fr", "es", "en"):
        sheet = tmp_path / f"sheet-{lang}.csv"
        assert main(["plan", "sheet", str(plan), "-o", str(sheet), "--locale", lang]) == 0
        assert main(["plan", "update", str(plan), str(sheet)]) == 0, capsys.readouterr()
        assert plan.read_bytes() == before, lang


def test_every_language_names_each_key_once() -> None:
    """No word a sheet writes in one shipped language means another key in another one (so
    that reading back is never ambiguous)."""
    for names in (kind_names, owner_names, status_names):
        meaning: dict[str, str] = {}
        for lang in SHIPPED:
            with reading(lang):
                for key, shown in names().items():
                    spoken = " ".join(shown.lower().replace("-", " ").split())
                    assert meaning.setdefault(spoken, key) == key, (lang, shown)
                    assert read_back(names.__name__.split("_")[0], shown) == key


def test_the_xlsx_sheet_offers_the_statuses_in_german(plan: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    sheet = tmp_path / "fortschritt.xlsx"
    assert main(["plan", "sheet", str(plan), "-o", str(sheet), "--locale", "de"]) == 0
    book = load_workbook(sheet)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[1][0] == "Schritt" and rows[1][6] == "in Arbeit"
    (validation,) = book.worksheets[0].data_validations.dataValidation
    assert validation.formula1 == '"offen,in Arbeit,erledigt,verworfen"'
    assert str(validation.sqref) == "G2:G6"


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_the_steps_column_is_the_plans_step_not_a_pay_step(
        plan: Path, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "page"
    assert main(["render", str(plan), "-o", str(out), "-f", fmt, "--locale", "de"]) == 0
    capsys.readouterr()
    page = (out / ("plan.html" if fmt == "html" else "plan.md")).read_text(encoding="utf-8")
    header = ('<th scope="col">Schritt</th>' if fmt == "html"
              else "| Schritt | Was | Verantwortlich | Fällig | Status |")
    assert header in page
    assert "Stufe</th>" not in page and "| Stufe |" not in page
