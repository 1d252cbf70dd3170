"""Notes: pay withheld by policy is parity by statement, reported as a note (never a finding)
in every output format, pointing at the ``withheld_pay`` that states it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from paths import ACME, DATA, ROOT
from reports import finding, render, sarif, sarif_validator

import dualladder
from dualladder._internal.util.findings import Note, Report

MERIDIAN = ROOT / "ladders" / "meridian-research-agency.yaml"
WITHHELD = DATA / "positive" / "withheld-pay.yaml"


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text("utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_a_withheld_pay_statement_is_a_note_at_its_key_and_never_a_finding() -> None:
    report = dualladder.check(dualladder.load(MERIDIAN))
    assert report.ok and not report.failed(strict=True)
    (note,) = report.notes
    assert note.file == str(MERIDIAN)
    assert note.line == _line_of(MERIDIAN, "withheld_pay:")
    assert note.loc[-1] == "withheld_pay"
    assert "level SL" in note.message and "parity by statement" in note.message
    assert "paid equally by policy" in note.message  # the organisation's own words
    assert str(note).startswith(f"{MERIDIAN}:{note.line}:{note.column}: note: ")


def test_a_ladder_without_withheld_pay_has_no_notes() -> None:
    report = dualladder.check(dualladder.load(ACME))
    assert report.notes == ()


def test_a_file_wide_statement_is_one_note_naming_its_levels() -> None:
    ladder = dualladder.load(WITHHELD)
    report = dualladder.check(ladder)
    assert report.notes, "the positive withheld-pay file states withheld pay"
    covered = {rung.level for _, _, rung in ladder.rungs() if ladder.pay_withheld(rung)}
    named = " ".join(note.message for note in report.notes)
    assert all(level in named for level in covered)
    lines = WITHHELD.read_text("utf-8").splitlines()
    for note in report.notes:
        assert "withheld_pay" in lines[note.line - 1][note.column - 1:]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dualladder", "validate", *args],
                          capture_output=True, text=True, check=False, cwd=ROOT)


def test_cli_text_prints_the_note_after_the_findings_and_strict_still_passes() -> None:
    done = _cli("--strict", str(MERIDIAN.relative_to(ROOT)))
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[-1] == "no problems in 1 file"
    assert [ln for ln in lines if ": note: " in ln] == lines[:-1]
    assert len(lines) == 2


def test_cli_json_github_and_sarif_carry_the_note() -> None:
    path = str(MERIDIAN.relative_to(ROOT))
    doc = json.loads(_cli("--format", "json", path).stdout)
    assert list(doc) == ["version", "files", "findings", "summary", "notes"]
    assert doc["findings"] == [] and len(doc["notes"]) == 1
    assert doc["notes"][0]["path"].endswith(".withheld_pay")
    assert doc["summary"]["errors"] == doc["summary"]["warnings"] == 0
    github = _cli("--format", "github", path).stdout.splitlines()
    assert github[0].startswith(f"::notice file={path},line={doc['notes'][0]['line']},")
    log = json.loads(_cli("--format", "sarif", path).stdout)
    (result,) = log["runs"][0]["results"]
    assert result["kind"] == "informational" and result["level"] == "none"
    assert "ruleId" not in result


NOTE = Note("ladders/a.yaml", 7, 3, "pay on level L9 is not published %,\n",
            ("withheld_pay",))


def test_reporters_keep_notes_after_findings_escaped_and_uncounted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = Report.of([finding(line=9)], ["ladders/a.yaml"], [NOTE])
    text = render("text", report).splitlines()
    assert text[0].startswith("ladders/a.yaml:9:5: DL103")
    assert text[1].startswith("ladders/a.yaml:7:3: note: pay on level L9")
    assert text[2] == "1 error in 1 file"  # the note is not counted
    github = render("github", report).splitlines()
    assert github[1] == ("::notice file=ladders/a.yaml,line=7,col=3::"
                         "pay on level L9 is not published %25,%0A")
    doc = json.loads(render("json", report))
    assert doc["notes"] == [NOTE.as_dict()]
    monkeypatch.chdir(tmp_path)
    errors = list(sarif_validator().iter_errors(sarif(report)))
    assert errors == [], errors[0].message if errors else ""
    assert Report.merge([report, Report.of([], ["b.yaml"], [NOTE])]).notes == (NOTE, NOTE)
