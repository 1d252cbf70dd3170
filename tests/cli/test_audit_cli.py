"""``dualladder audit`` and ``dualladder postings`` on the command line: exit codes, formats,
column mapping, the Art. 7 statement, usage errors, personal data in the output."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from paths import ACME, DATA, KESTREL, ROOT, SMALL

import dualladder
from dualladder import tables
from dualladder.cli import main

WITHHELD = DATA / "positive" / "withheld-pay.yaml"

ROSTER = """\
employee_id,name,email,track,level,base_pay,gender,variable_pay
E1,Ann Secret,ann@example.com,technical,L5,112000,F,
E2,Bob Secret,bob@example.com,management,L5,150000,M,5000
E3,Cy Secret,cy@example.com,technical,L9,150000,M,
E4,Di Secret,di@example.com,technical,L6,165000,F,1000
E5,Ed Secret,ed@example.com,management,L6,190000,M,8000
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(ROSTER, encoding="utf-8")
    return path


def test_text_report_and_exit_1_on_errors(capsys: pytest.CaptureFixture[str],
                                         roster: Path) -> None:
    code, out, err = run(capsys, "audit", SMALL, roster)
    assert code == 1 and err == ""
    assert f"{roster}:2:6: DL306 warning: employee_id 'E1'" in out
    assert f"{roster}:4:5: DL304 error" in out
    assert "Pay-gap indicators" in out and "(f) pay quarter 1" in out
    assert "Secret" not in out and "example.com" not in out


def test_exit_0_without_errors_and_strict(capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("employee_id,track,level,base_pay\nE1,technical,L5,110000\n"
                    "E2,management,L5,140000\n", encoding="utf-8")
    code, out, _ = run(capsys, "audit", SMALL, path)
    assert code == 0, out
    assert "warning" in out  # E1 is below the minimum, a warning
    assert run(capsys, "audit", SMALL, path, "--strict")[0] == 1


def test_json_report_to_a_file(capsys: pytest.CaptureFixture[str], roster: Path,
                               tmp_path: Path) -> None:
    out_file = tmp_path / "audit.json"
    code, out, _ = run(capsys, "audit", SMALL, roster, "--format", "json", "-o", out_file)
    assert code == 1 and out == ""
    doc = json.loads(out_file.read_text(encoding="utf-8"))
    assert doc["version"] == 2 and doc["summary"]["people"] == 4
    assert doc["summary"]["rows_left_out"] == 1
    assert [f["code"] for f in doc["findings"]].count("DL304") == 1
    rungs = {(r["track"], lvl["level"]): r for lvl in doc["levels"] for r in lvl["rungs"]}
    assert rungs[("technical", "L5")]["compa_ratio"]["median"] == 0.8
    text = out_file.read_text(encoding="utf-8")
    assert "Secret" not in text and "example.com" not in text


def test_publish_names_nobody(capsys: pytest.CaptureFixture[str], roster: Path) -> None:
    code, out, _ = run(capsys, "audit", SMALL, roster, "--publish", "--format", "json")
    doc = json.loads(out)
    assert doc["published"] is True
    assert all(f["file"] != str(roster) for f in doc["findings"])
    assert "E1" not in out and "E4" not in out
    assert all(r["headcount"] is None or r["headcount"] == 0
               for lvl in doc["levels"] for r in lvl["rungs"])
    assert code in (0, 1)


def test_column_mapping_options(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Personnel No;Career path;Grade;Salary\nE1;technical;L5;140000\n",
                    encoding="utf-8")
    mapping = tmp_path / "columns.yaml"
    mapping.write_text("employee_id: Personnel No\ntrack: Career path\n", encoding="utf-8")
    code, out, err = run(capsys, "audit", SMALL, path, "--columns", mapping,
                         "--column", "level=Grade", "--column", "base_pay=Salary")
    assert code == 0, out + err
    assert ": 1 people" in out or ": 1 person" in out or "1 people" in out
    code, _, err = run(capsys, "audit", SMALL, path, "--column", "grade=Level")
    assert code == 2 and "unknown roster column 'grade'" in err


def test_statement(capsys: pytest.CaptureFixture[str], roster: Path) -> None:
    code, out, _ = run(capsys, "audit", SMALL, roster, "--statement", "E4")
    assert code == 0
    assert "Pay statement for employee E4" in out
    assert "USD 165,000" in out and "Staff Engineer" in out
    assert "average total pay of women: not shown, to protect a small group" in out
    assert "women (1)" not in out  # a count of one would tell who she is
    assert "E5" not in out and "190,000" not in out
    code, out, _ = run(capsys, "audit", SMALL, roster, "--statement", "E4", "--min-group", "1",
                       "--format", "json")
    doc = json.loads(out)
    assert doc["category"]["mean_pay_men"] == "198000.00"  # E5: 190,000 + 8,000
    code, _, err = run(capsys, "audit", SMALL, roster, "--statement", "E3")
    assert code == 2 and "left out of the audit" in err
    code, _, err = run(capsys, "audit", SMALL, roster, "--statement", "nobody")
    assert code == 2 and "not in the roster" in err


def test_statement_as_html(capsys: pytest.CaptureFixture[str], roster: Path,
                           tmp_path: Path) -> None:
    """``--statement --format html`` writes an HTML page (it wrote the plain text before), every
    value escaped, with what the text statement says and no more."""
    from html.parser import HTMLParser

    code, out, _ = run(capsys, "audit", SMALL, roster, "--statement", "E4", "--format", "html")
    assert code == 0
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    assert "<h1>Pay statement for employee E4</h1>" in out
    assert '<td class="num">USD 165,000</td>' in out and "Staff Engineer" in out
    assert "Average total pay of women</th><td class=\"num\">not shown, to protect a small " \
        "group</td>" in out
    assert "women (1)" not in out and "E5" not in out and "190,000" not in out

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.text: list[str] = []

        def handle_data(self, data: str) -> None:
            self.text.append(data)

    page = Text()
    page.feed(out)
    assert "Directive (EU) 2023/970, Art. 7" in "".join(page.text)
    # a value from the roster is data: escaped, never markup
    hostile = tmp_path / "hostile.csv"
    hostile.write_text(roster.read_text(encoding="utf-8").replace("E4,", "<b>E4</b>,", 1),
                       encoding="utf-8")
    code, out, _ = run(capsys, "audit", SMALL, hostile, "--statement", "<b>E4</b>",
                       "--format", "html")
    assert code == 0 and "&lt;b&gt;E4&lt;/b&gt;" in out and "<b>E4" not in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["audit", "ROSTER"], "at least one LADDER"),
        (["audit", "missing.yaml", "ROSTER"], "missing.yaml: no such file"),
        (["audit", "LADDER", "missing.csv"], "missing.csv: no such file"),
        (["audit", "LADDER", "ROSTER", "--tolerance", "2"], "below 1"),
        (["audit", "LADDER", "ROSTER", "--min-group", "0"], "1 or more"),
        (["audit", "LADDER", "ROSTER", "--statement", "E1", "--publish"], "do not go together"),
        (["audit", "LADDER", "ROSTER", "-o", "ROSTER"], "input"),
    ],
)
def test_usage_errors(capsys: pytest.CaptureFixture[str], roster: Path, argv: list[str],
                      message: str) -> None:
    argv = [str(SMALL) if a == "LADDER" else str(roster) if a == "ROSTER" else a for a in argv]
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert roster.read_text(encoding="utf-8") == ROSTER


def test_a_ladder_that_is_not_a_ladder(capsys: pytest.CaptureFixture[str], roster: Path,
                                       tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("dualladder: 1\n", encoding="utf-8")
    code, out, err = run(capsys, "audit", bad, roster)
    assert code == 1 and "DL002" in out and "a ladder cannot be read" in err


def test_size_cap_option(capsys: pytest.CaptureFixture[str], roster: Path) -> None:
    code, _, err = run(capsys, "audit", SMALL, roster, "--max-bytes", "100")
    assert code == 2 and "size limit" in err


def test_xlsx_roster(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["employee_id", "track", "level", "base_pay"])
    sheet.append(["E1", "technical", "L5", 140000])
    sheet.append(["E2", "technical", "L5", "lots"])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    code, out, _ = run(capsys, "audit", SMALL, path)
    assert f"{path}:3:4: DL302 error" in out and code == 1


def test_company_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("employee_id,family,track,level,base_pay,zone,currency\n"
                    "E1,Engineering,technical,L5,158000,,USD\n"
                    "E2,Design,technical,L5,89000,berlin,EUR\n", encoding="utf-8")
    code, out, _ = run(capsys, "audit", KESTREL, path, "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert [g["currency"] for g in doc["pay"]] == ["EUR", "USD"]
    assert doc["summary"]["people"] == 2, doc["findings"]


# -- postings ------------------------------------------------------------------------------------


def test_postings_csv_every_rung_and_zone(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "postings", KESTREL)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == ("family,track,track_name,level,level_name,title,code,zone,currency,min,"
                        "max,note")
    zones = {line.split(",")[7] for line in lines[1:]}
    assert zones == {"", "sf", "berlin"}
    assert any(",berlin,EUR," in line for line in lines)


def test_postings_one_zone_json_and_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "postings", KESTREL, "--zone", "sf", "--format", "json")
    doc = json.loads(out)
    assert code == 0 and {p["zone"] for p in doc["postings"]} == {"sf"}
    l5 = next(p for p in doc["postings"] if p["level"] == "L5" and p["family"] == "Engineering")
    assert (l5["min"], l5["max"]) == ("159000", "205000")  # 138,000 and 178,000 x 1.15
    code, out, _ = run(capsys, "postings", SMALL, "--format", "markdown")
    assert code == 0 and "| Engineering | Technical | L6 | Staff Engineer | base | 145,000 - " \
        "195,000 USD |" in out
    assert run(capsys, "postings", SMALL, "--zone", "mars")[0] == 2


def test_postings_name_the_track_by_its_key_and_its_name(
    capsys: pytest.CaptureFixture[str]
) -> None:
    """`track` is the key a script joins on (as in the audit's JSON and dualladder.tables.bands),
    `track_name` the display name a posting shows (`track` held the display name before)."""
    code, out, _ = run(capsys, "postings", KESTREL, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert {(r["family"], r["track"], r["track_name"]) for r in rows if r["zone"] == ""} == {
        ("Data", "management", "Data Management"), ("Data", "technical", "Data Science"),
        ("Design", "management", "Design Management"), ("Design", "technical", "Design"),
        ("Engineering", "management", "Engineering Management"),
        ("Engineering", "technical", "Engineering"),
    }
    code, out, _ = run(capsys, "postings", KESTREL, "--format", "json")
    doc = json.loads(out)
    assert doc["version"] == 2
    first = doc["postings"][0]
    assert list(first)[:4] == ["family", "track", "track_name", "level"]
    assert (first["track"], first["track_name"]) == ("management", "Data Management")
    bands = {(r["family"], r["track"], r["track_name"]) for r in tables.bands(
        dualladder.load_company(KESTREL))}
    assert {(r["family"], r["track"], r["track_name"]) for r in rows} == bands


def test_postings_without_a_range_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "postings", WITHHELD)
    assert code == 1
    assert "pay withheld by policy: no range to post" in out
    assert "7 rungs with no pay range" in err


def test_postings_csv_cells_never_run_as_formulas(capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    text = SMALL.read_text(encoding="utf-8").replace("title: Staff Engineer",
                                                     "title: \"=HYPERLINK(1)\"")
    path = tmp_path / "l.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "postings", path)
    assert code == 0 and ",'=HYPERLINK(1)," in out


# -- Markdown and HTML ---------------------------------------------------------------------------


def test_html_report_with_charts(capsys: pytest.CaptureFixture[str], roster: Path,
                                 tmp_path: Path) -> None:
    import re
    import xml.dom.minidom

    out_file = tmp_path / "audit.html"
    code, out, _ = run(capsys, "audit", SMALL, roster, "--format", "html", "-o", out_file)
    page = out_file.read_text(encoding="utf-8")
    assert code == 1 and out == ""
    svgs = re.findall(r"<svg.*?</svg>", page, re.S)
    assert len(svgs) == 2  # the compa-ratio strips and the gap per category
    for svg in svgs:
        xml.dom.minidom.parseString(svg)  # well-formed
    assert "class=\"dl-strip\"" in page and "class=\"dl-gap" in page
    assert "Secret" not in page and "example.com" not in page
    assert page.startswith("<!DOCTYPE html>")


def test_published_html_shows_no_minimum_or_maximum(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    rows = ["employee_id,track,level,base_pay,gender"]
    rows += [f"E{i},technical,L5,{130000 + 1000 * i},{'FM'[i % 2]}" for i in range(12)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "audit", SMALL, path, "--format", "html")
    assert out.count("<line x1=") > run(capsys, "audit", SMALL, path, "--format", "html",
                                        "--publish")[1].count("<line x1=")
    assert code in (0, 1)


def test_markdown_and_html_escape_roster_values(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("employee_id,track,level,base_pay\n"
                    "E1,technical,<script>alert(1)</script>,140000\n"
                    "E2,technical,L9_x_#1,140000\n", encoding="utf-8")
    _, markdown, _ = run(capsys, "audit", SMALL, path, "--format", "markdown")
    # not a well-formed id: never quoted at all (issue 20 item 18), so never unescaped either
    assert "<script>" not in markdown and "script" not in markdown
    assert "'L9\\_x\\_#1'" in markdown  # a well-formed id, quoted, Markdown escaped
    _, html, _ = run(capsys, "audit", SMALL, path, "--format", "html")
    assert "<script>" not in html and "alert(1)" not in html


def test_the_audit_of_a_standalone_ladder_imports_no_company_model(tmp_path: Path) -> None:
    """What the audit command does not use, it does not import (issue 19, its start-up): no
    company model for a ladder without a company, and no Babel for an English report (it
    writes its own figures; Babel is imported where a number or a date is written another
    locale's way)."""
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    code = (
        "import sys\n"
        "from dualladder.cli import main\n"
        f"sys.argv = ['dualladder', 'audit', {str(ACME)!r}, {str(roster)!r}]\n"
        "assert main() in (0, 1)\n"
        "print(sorted(m for m in sys.modules if m == 'dualladder._internal.model.company'"
        " or m.split('.')[0] == 'babel'), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "[]"
    assert "Audit of" in result.stdout
