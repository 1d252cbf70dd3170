"""Fuzzing the readers beyond ladders (issue 20): rosters (CSV and XLSX), column mappings,
company files with factors, and tracking sheets, each through the command line as a user runs
it, within the time and memory bounds of ``tests/helpers/bounds.py``.

The property: the command exits 0, 1 or 2 and never raises; standard error holds only one-line
messages; every finding is ``file:line:col: CODE severity: message`` inside the file; and no
message quotes a cell that is not a well-formed id (the personal data of a misread row). The
strategies are in ``tests/helpers/hostile.py``; the example counts follow
``DUALLADDER_FUZZ_EXAMPLES`` (40 by default, fewer for XLSX, whose workbooks are slow to build),
reproducible under CI.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from bounds import EXAMPLES, FUZZ, bounded
from hostile import (
    column_mappings,
    company_numbers,
    roster_csv,
    roster_rows,
    roster_xlsx,
    sheet_rows,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import ACME, DOCS, KESTREL, ROOT

from dualladder._internal.util.catalog import CATALOG
from dualladder.cli import main

PLAN = ROOT / "examples" / "plans" / "senior-to-staff.yaml"
FINDING = re.compile(r"^(?P<file>\S.*?):(?P<line>\d+):(?P<col>\d+): (?P<code>DL\d{3}) "
                     r"(error|warning|info): \S")
STDERR = re.compile(r"^(usage: |\s+\S|dualladder: (error|warning|note): |\S.*:\d+:\d+: |"
                    r"\.\.\. and \d+ more)")
#: Text of the roster strategies that must never be quoted: a name, and a misread row's cells.
NEVER_QUOTED = ("Ada Lovelace", "a;b;c", "\x1b")

XLSX_FUZZ = settings(FUZZ, max_examples=max(EXAMPLES // 4, 5))


@contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


def run(argv: list[str], lines: dict[str, int]) -> tuple[int, str, str]:
    """Run the CLI in-process within the bounds; check the property; (exit, out, err).
    ``lines``: each input file's name -> its number of lines (findings must fall inside)."""
    out, err = io.StringIO(), io.StringIO()
    with bounded(), redirect_stdout(out), redirect_stderr(err):
        code = main(argv)
    text, errors = out.getvalue(), err.getvalue()
    assert code in (0, 1, 2), (code, errors[-500:])
    assert "Traceback" not in errors
    for line in errors.splitlines():
        assert STDERR.match(line), line
    for line in text.splitlines():
        found = FINDING.match(line)
        if found is None:
            continue
        assert found["code"] in CATALOG, line
        name = Path(found["file"]).name
        if name in lines:
            assert 1 <= int(found["line"]) <= lines[name] + 1, line
            assert int(found["col"]) >= 1, line
        for secret in NEVER_QUOTED:
            assert secret not in line, line
    return code, text, errors


def _lines(data: bytes) -> int:
    return max(data.count(b"\n"), data.count(b"\r")) + 1


@FUZZ
@given(roster_csv(), st.sampled_from(["text", "json", "markdown", "html"]))
def test_any_roster_csv(data: bytes, fmt: str) -> None:
    with folder() as tmp:
        (tmp / "r.csv").write_bytes(data)
        run(["audit", str(ACME), str(tmp / "r.csv"), "-f", fmt], {"r.csv": _lines(data)})


@XLSX_FUZZ
@given(roster_rows(), st.sampled_from([None, "A1:B2", "A1:L50", "A1", "Z9:A1", "A1:XFD1048576"]))
def test_any_roster_xlsx(rows: list[list[str]], dimension: str | None) -> None:
    pytest.importorskip("openpyxl")
    data = roster_xlsx(rows, dimension)
    with folder() as tmp:
        (tmp / "r.xlsx").write_bytes(data)
        run(["audit", str(ACME), str(tmp / "r.xlsx"), "-f", "html"], {"r.xlsx": len(rows) + 1})


@FUZZ
@given(column_mappings())
def test_any_column_mapping(text: str) -> None:
    with folder() as tmp:
        (tmp / "c.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
        (tmp / "r.csv").write_text("employee_id,Grade,track,base_pay\nE1,L5,technical,150000\n",
                                   encoding="utf-8")
        code, _, err = run(["audit", str(ACME), str(tmp / "r.csv"), "--columns",
                            str(tmp / "c.yaml")], {"r.csv": 2})
        assert code in (0, 1) or "dualladder: error: " in err


@FUZZ
@given(company_numbers(), st.sampled_from(["validate", "postings"]))
def test_any_company_factors(files: dict[str, str], command: str) -> None:
    with folder() as tmp:
        company = tmp / "kestrel"
        shutil.copytree(KESTREL, company)
        for name, text in files.items():
            (company / name).write_text(text, encoding="utf-8")
        lines = {name: text.count("\n") + 1 for name, text in files.items()}
        code, out, _ = run([command, str(company)], lines)
        if command == "postings" and code == 0:
            assert ",0,0," not in out  # a posting is never a range of nothing


def _sheet(tmp: Path) -> tuple[Path, list[list[str]]]:
    (tmp / "ladders").mkdir()
    shutil.copy(ACME, tmp / "ladders" / ACME.name)
    (tmp / "examples" / "plans").mkdir(parents=True)
    plan = tmp / "examples" / "plans" / PLAN.name
    shutil.copy(PLAN, plan)
    sheet = tmp / "s.csv"
    assert main(["plan", "sheet", str(plan), "-o", str(sheet)]) == 0
    rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig"), newline="")))
    return plan, rows


@FUZZ
@given(st.data(), st.sampled_from([".csv", ".xlsx"]))
def test_any_tracking_sheet(data: st.DataObject, suffix: str) -> None:
    if suffix == ".xlsx":
        pytest.importorskip("openpyxl")
    with folder() as tmp:
        with redirect_stdout(io.StringIO()):
            plan, rows = _sheet(tmp)
        filled = data.draw(sheet_rows(rows))
        sheet = tmp / f"filled{suffix}"
        if suffix == ".csv":
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\n").writerows(filled)
            sheet.write_text(buffer.getvalue(), encoding="utf-8", errors="surrogatepass")
        else:
            sheet.write_bytes(roster_xlsx(filled))
        before = plan.read_bytes()
        code, _, _ = run(["plan", "update", str(plan), str(sheet)],
                         {sheet.name: len(filled) + 1})
        if code != 0:
            assert plan.read_bytes() == before  # a refused update changes nothing


def test_the_long_run_is_documented() -> None:
    """docs/security.md says how to run these properties for long."""
    text = (DOCS / "security.md").read_text(encoding="utf-8")
    assert "tests/security/test_fuzz_readers.py" in text and "DUALLADDER_FUZZ_EXAMPLES" in text
