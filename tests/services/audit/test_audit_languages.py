"""The audit report and the Art. 7 statement in the reader's language (docs/audit.md,
"Languages"): words, numbers, money and plural forms by locale; findings, JSON and the command
line's messages stay English."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from paths import ACME, DATA, EXAMPLES, KESTREL

from dualladder.cli import main

ROSTER = EXAMPLES / "roster.csv"
SPACES = re.compile(r"[\u00a0\u202f]")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["audit", str(ACME), str(ROSTER), *argv])
    out, err = capsys.readouterr()
    return code, SPACES.sub(" ", out), err


def test_the_text_report_in_german(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "--locale", "de")
    assert out.startswith("Prüfung von ")
    assert ": 300 Personen (4 Zeilen ausgelassen)" in out.splitlines()[0]
    assert "Personen auf der Leiter: Kopfzahl" in out
    assert "Acme-Fellow: niemand" in out
    assert re.search(r"Compa 1,00 \[1,00-1,01\], im Band bei 51,1 %", out)
    assert "Kennzahlen der Entgeltlücke (Richtlinie (EU) 2023/970, Art. 9 Abs. 1)" in out
    # findings stay English, word for word
    assert "DL304 error: employee_id 'E001303': level 'L11' is not a level" in out


@pytest.fixture
def one(tmp_path: Path) -> Path:
    """The example roster's first person alone."""
    rows = ROSTER.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "one.csv"
    path.write_text("\n".join(rows[:2]) + "\n", encoding="utf-8")
    return path


def test_plural_forms_one_person_and_several(capsys: pytest.CaptureFixture[str],
                                            one: Path) -> None:
    assert main(["audit", str(ACME), str(one), "--locale", "de"]) in (0, 1)
    head = SPACES.sub(" ", capsys.readouterr().out).splitlines()[0]
    assert head.endswith(": 1 Person"), head
    _, out, _ = _run(capsys, "--locale", "de")
    assert ": 300 Personen" in out.splitlines()[0]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_report_pages_in_german(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    _, out, _ = _run(capsys, "--locale", "de", "-f", fmt)
    assert "Entgeltprüfung von" in out
    assert "Befunde" in out and "Personen auf der Leiter" in out
    assert "300 Personen geprüft, 4 Zeilen ausgelassen." in out
    if fmt == "html":
        assert '<html lang="de">' in out
        assert "Compa-Ratio je Ebene und Laufbahn" in out  # the chart's title
        assert "Grundgehalt" in out  # the gap chart's legend


def test_json_stays_english(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "--locale", "de", "-f", "json")
    doc = json.loads(out)
    assert doc["readings"]["mean_gap"]["label"] == "mean pay gap, total pay, full-time equivalent"


def test_the_art7_statement_in_german_and_french(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "--locale", "de", "--statement", "E001113")
    assert out.startswith("Entgeltauskunft für Beschäftigte E001113 (Richtlinie (EU) 2023/970, "
                          "Art. 7)\n")
    assert "Gehaltsband: 175.000 - 235.000 $ (Mitte 205.000)" in out
    assert "  Grundgehalt         200.400 $\n" in out  # aligned under the longest label
    assert "Compa-Ratio         0,98 (Grundgehalt / Mittelwert des Bandes)" in out
    assert "(54 Personen)" in out
    _, out, _ = _run(capsys, "--locale", "fr", "--statement", "E001113")
    assert "200 400 $US" in out and "Votre rémunération" in out


@pytest.mark.parametrize(("lang", "words"), [
    ("de", ("<h1>Entgeltauskunft für Beschäftigte E001113</h1>", "Richtlinie (EU) 2023/970, Art. 7",
            "<th scope=\"row\">Grundgehalt</th><td class=\"num\">200.400 $</td>",
            "Gehaltsband</th><td>175.000 - 235.000 $ (Mitte 205.000)</td>",
            "Compa-Ratio (Grundgehalt / Mittelwert des Bandes)</th><td class=\"num\">0,98</td>",
            "Ihre Gruppe von Arbeitnehmern: Ebene L6 von Softwareentwicklung, über ihre Laufbahnen "
            "(54 Personen)", "Durchschnittliche Gesamtvergütung der Frauen (27)")),
    ("fr", ("<h1>Information sur la rémunération du salarié E001113</h1>",
            "Directive (UE) 2023/970, art. 7", "Salaire de base</th><td class=\"num\">200 400 $US",
            "Rémunération totale moyenne des hommes (27)")),
    ("es", ("Directiva (UE) 2023/970, art. 7", "Salario base</th><td class=\"num\">200.400 US$",
            "Retribución total media de las mujeres (27)")),
])
def test_the_art7_statement_page_in_the_readers_language(
        capsys: pytest.CaptureFixture[str], lang: str, words: tuple[str, ...]) -> None:
    """``--statement ID --format html --locale``: the page's words from the catalog, the
    amounts, the band and the compa-ratio written the locale's way."""
    _, out, _ = _run(capsys, "--locale", lang, "--statement", "E001113", "-f", "html")
    assert f'<html lang="{lang}">' in out
    for text in words:
        assert text in out, text
    for english in ("Pay statement", "Base pay", "Average total pay", "track, level",
                    "USD", "across its tracks"):
        assert english not in out, english


def test_an_unknown_locale_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "--locale", "it")
    assert code == 2
    assert err == ("dualladder: error: --locale it: unknown locale 'it'; "
                   "the shipped locales are en, de, fr, es\n")


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize(("lang", "line"), [
    ("de", "6 Fehler, 6 Warnungen in 2 Dateien"),
    ("fr", "6 erreurs, 6 avertissements dans 2 fichiers"),
    ("es", "6 errores, 6 advertencias en 2 archivos"),
    ("en", "6 errors, 6 warnings in 2 files"),
])
def test_the_line_under_the_findings_is_in_the_readers_language(
        capsys: pytest.CaptureFixture[str], fmt: str, lang: str, line: str) -> None:
    _, out, _ = _run(capsys, "--locale", lang, "-f", fmt)
    assert line in out
    # the findings above it stay English
    assert "is not a level of the Engineering ladder" in out


def test_a_report_without_findings_says_so_in_german(capsys: pytest.CaptureFixture[str],
                                                     one: Path) -> None:
    for fmt, lang, line in (("markdown", "de", "keine Probleme in 2 Dateien"),
                            ("text", "fr", "aucun problème dans 2 fichiers"),
                            ("html", "es", "ningún problema en 2 archivos")):
        assert main(["audit", str(ACME), str(one), "--locale", lang, "-f", fmt]) == 0
        assert line in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_the_rung_table_names_the_rungs_as_the_files_translate_them(
        capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    _, out, _ = _run(capsys, "--locale", "de", "-f", fmt)
    # the ladder's German level names, titles and track names (translations: de)
    assert "Senior-Softwareingenieurin / Senior-Softwareingenieur: 46" in out
    assert "Acme-Fellow: niemand" in out
    assert "Führungslaufbahn" in out and "Fachlaufbahn" in out
    if fmt != "text":  # the text report's rows name the level by its id only
        assert "L7 (Expertise)" in out and "L7 (Expert)" not in out
    assert "Senior Software Engineer: 46" not in out
    # the findings stay English, with the file's own titles
    assert "of Senior Staff Software Engineer (L7) is 0.89" in out


def test_a_company_audit_names_families_and_levels_in_german(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(KESTREL), str(EXAMPLES / "kestrel-roster.csv"), "--locale", "de",
                 "-f", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "| Data Science L8 (Prinzipal) | Leitung Daten (VP): 6," in out
    assert "Softwareentwicklung L5 (Karrierestufe)" in out
    assert "Engineering L5 (Career)" not in out


def test_english_and_json_keep_the_files_own_names(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "-f", "markdown")
    assert "| L7 (Expert) | Director of Engineering: 3," in out
    _, out, _ = _run(capsys, "--locale", "de", "-f", "json")
    assert "Senior Software Engineer" in out and "Senior-Softwareingenieur" not in out


def test_a_statement_without_a_band_says_why_in_german(capsys: pytest.CaptureFixture[str],
                                                       tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("employee_id,track,level,base_pay,gender\n"
                      "E1,technical,L5,100000,female\nE2,technical,L5,101000,male\n",
                      encoding="utf-8")
    withheld = DATA / "positive" / "withheld-pay.yaml"
    for fmt in ("text", "html"):
        assert main(["audit", str(withheld), str(roster), "--statement", "E1", "--locale",
                     "de", "-f", fmt]) == 0
        out = capsys.readouterr().out
        assert "Gehalt nicht veröffentlicht, laut Richtlinie gleich" in out
        assert "pay withheld" not in out
        # a track the file does not name is called by its kind in German
        assert "Laufbahn Fach," in out and "Technical" not in out
    assert main(["audit", str(withheld), str(roster), "--statement", "E1"]) == 0
    assert "pay withheld, equal by policy" in capsys.readouterr().out


def test_the_statement_names_the_job_as_the_files_translate_it(
        capsys: pytest.CaptureFixture[str]) -> None:
    """The worker's title, track, level name and family from the ladder's ``translations: de``,
    in the text and on the page (docs/audit.md, "Languages")."""
    _, out, _ = _run(capsys, "--locale", "de", "--statement", "E001113")
    assert ("Stelle: Staff-Softwareingenieurin / Staff-Softwareingenieur, Fachlaufbahn, "
            "Ebene L6 (Fortgeschritten), Softwareentwicklung\n") in out  # the word once
    _, page, _ = _run(capsys, "--locale", "de", "--statement", "E001113", "-f", "html")
    for text in ("Staff-Softwareingenieurin / Staff-Softwareingenieur", "Fachlaufbahn",
                 "Fortgeschritten", "Softwareentwicklung"):
        assert text in page, text
    assert "Staff Software Engineer" not in page and "Advanced" not in page


def test_the_statement_json_and_a_missing_language_keep_the_files_names(
        capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "--locale", "de", "--statement", "E001113", "-f", "json")
    doc = json.loads(out)
    assert (doc["title"], doc["track"], doc["family"]) == (
        "Staff Software Engineer", "Engineering", "Engineering")
    # acme has no French translation: the French statement names the job as the file does
    _, out, _ = _run(capsys, "--locale", "fr", "--statement", "E001113")
    assert "Staff Software Engineer" in out and "Votre rémunération" in out


def test_the_german_note_writes_vza_for_full_time_equivalent(
        capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "--locale", "de", "-f", "html")
    assert "Vollzeitäquivalent: Gehalt / VZÄ." in out and "Gehalt / FTE" not in out
