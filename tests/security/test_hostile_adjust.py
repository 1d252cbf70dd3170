"""Hostile adjustment tables (``dualladder.adjust``, docs/python-api.md and docs/security.md):
a file that is not a regular file or is too big, too many rows or columns, numbers past the
bounds of a percent, NaN and infinities, control and bidirectional characters, a byte order
mark, a cell past the CSV module's field limit, formula-like cells.

Each is refused with one line per problem that names the file, the line and the column (or the
row of rows given in Python), within the fuzzing harness's time and memory bounds
(``tests/helpers/bounds.py``), and leaves every file of the company as it was: an adjustment is
all or nothing.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from bounds import FUZZ, bounded
from hostile import ROSTER_CELLS, ROSTER_NUMBERS
from hypothesis import given
from hypothesis import strategies as st
from paths import KESTREL

import dualladder
from dualladder import AdjustmentError
from dualladder._internal.services.adjust import MAX_ROWS
from dualladder._internal.util.files import DEFAULT_MAX_BYTES, FileTooLarge, NotARegularFile
from dualladder._internal.util.textsafe import CONTROLS

HEADER = "family,level,zone,percent,reason\n"
GOOD = ",L6,,3,\n"  # the company's band of L6 up 3 %
#: ``file:line:col: message``: where a problem of a CSV table is.
LOCATED = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+)[: ]")


@pytest.fixture
def company(tmp_path: Path) -> Path:
    folder = tmp_path / "kestrel"
    shutil.copytree(KESTREL, folder)
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def refused(folder: Path, table: object) -> list[str]:
    """The problems of an adjustment that must fail: within the bounds, nothing written, each
    problem one line without a control character."""
    before = _files(folder)
    with bounded(), pytest.raises(AdjustmentError) as caught:
        dualladder.adjust(folder, table)  # type: ignore[arg-type]
    assert _files(folder) == before
    problems = caught.value.problems
    assert problems and str(caught.value) == "\n".join(problems)
    for problem in problems:
        assert "\n" not in problem and "\r" not in problem
        assert CONTROLS.search(problem) is None, problem
    return problems


def write(folder: Path, text: str | bytes, name: str = "adjust.csv") -> Path:
    path = folder.parent / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def at(path: Path, line: int, column: int) -> str:
    return f"{path}:{line}:{column}: "


# -- files that are not tables ------------------------------------------------------------------


def _fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    os.mkfifo(tmp_path / "adjust.csv")
    return tmp_path / "adjust.csv"


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "adjust.csv").mkdir()
    return tmp_path / "adjust.csv"


def _zero(tmp_path: Path) -> Path:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    (tmp_path / "adjust.csv").symlink_to("/dev/zero")
    return tmp_path / "adjust.csv"


@pytest.mark.parametrize(("make", "kind"), [(_fifo, "a named pipe (FIFO)"),
                                            (_folder, "a folder"),
                                            (_zero, "a character device")])
def test_a_table_that_is_not_a_regular_file_is_not_read(company: Path, tmp_path: Path,
                                                         make: object, kind: str) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    before = _files(company)
    with bounded(), pytest.raises(NotARegularFile) as caught:
        dualladder.adjust(company, path)
    assert str(caught.value) == f"{path}: {kind}, not a regular file"
    assert _files(company) == before


def test_a_huge_file_is_refused_before_it_is_read(company: Path) -> None:
    path = write(company, HEADER + GOOD * (DEFAULT_MAX_BYTES // len(GOOD) + 1))
    before = _files(company)
    with bounded(memory_mb=8), pytest.raises(FileTooLarge) as caught:
        dualladder.adjust(company, path)
    assert str(caught.value).startswith(f"{path}: the file is larger than the 4 MiB size limit")
    assert _files(company) == before


# -- too many rows or columns ---------------------------------------------------------------------


def test_too_many_rows_stop_at_the_cap(company: Path) -> None:
    path = write(company, HEADER + GOOD * (MAX_ROWS + 5))
    problems = refused(company, path)
    assert problems == [f"{path}:{MAX_ROWS + 2}: more than {MAX_ROWS:,} rows; an adjustment "
                        "table names bands (* names many at once)"]


def test_endless_rows_given_in_python_stop_at_the_cap(company: Path) -> None:
    row = {"family": "", "level": "L6", "zone": "", "percent": 3}
    problems = refused(company, itertools.repeat(row))  # never ends: read only to the cap
    assert problems == [f"row {MAX_ROWS + 1}: more than {MAX_ROWS:,} rows; an adjustment "
                        "table names bands (* names many at once)"]


def test_a_dataframe_of_too_many_rows_stops_at_the_cap(company: Path) -> None:
    frame = pd.DataFrame({"level": ["L6"] * (MAX_ROWS + 1), "percent": [3] * (MAX_ROWS + 1)})
    assert refused(company, frame)[-1].startswith(f"row {MAX_ROWS + 1}: more than")


def test_a_header_of_a_hundred_thousand_columns_is_one_line(company: Path) -> None:
    path = write(company, ",".join(f"c{n}" for n in range(100_000)) + "\n" + GOOD)
    assert refused(company, path) == [
        f"{at(path, 1, 1)}unknown column 'c0' and 99,999 more (columns: family, level, zone, "
        "percent, reason; reason is optional)",
        f"{at(path, 1, 1)}missing column(s) level, percent (columns: family, level, zone, "
        "percent, reason; reason is optional)",
    ]


def test_a_row_wider_than_the_header_is_named_at_its_first_extra_cell(company: Path) -> None:
    path = write(company, HEADER + GOOD + ",L7,,3," + ",x" * 50_000 + "\n")
    assert refused(company, path) == [f"{at(path, 3, 6)}50005 cell(s), but the header names 5 "
                                      "columns"]


def test_a_column_named_twice_is_named(company: Path) -> None:
    path = write(company, "family,level,zone,percent,Level\n" + ",L6,,3,L6\n")
    assert refused(company, path) == [f"{at(path, 1, 5)}the header names column level twice "
                                      "(columns 2 and 5); keep one"]


# -- numbers --------------------------------------------------------------------------------------

NOT_A_PERCENT = ("is not a raise in percent above -100 and at most 100,000, with at most 6 "
                 "decimal places (such as 3 or -1.5)")


@pytest.mark.parametrize(
    "cell",
    ["3" + "0" * 5000, "1e999999", "1e-999999", "2e+999999999", "100000.5", "100001",
     "3.0000001", "0." + "0" * 30 + "1", "-100", "-250", "NaN", "nan", "sNaN", "Infinity",
     "-Infinity", "inf", "1_000", "3,5", "\u0663", "\uff13", "0x10", "", " ", "3%", "=1+2",
     "+3+", "@SUM(A1)"],
)
def test_a_percent_past_the_bounds_or_not_a_number_is_refused_at_its_cell(
    company: Path, cell: str
) -> None:
    quoted = '"' + cell + '"'
    path = write(company, HEADER + GOOD + f",L7,,{quoted},\n")
    (problem,) = refused(company, path)
    assert problem.startswith(at(path, 3, 4) + "percent '")
    assert problem.endswith(NOT_A_PERCENT)
    assert len(problem) < len(str(path)) + 250  # the cell is cut, not quoted whole


@pytest.mark.parametrize("cell", ["3e0", "0.3e1", "+3", "3.000000", " 3 "])
def test_a_plain_number_with_a_short_exponent_is_read(company: Path, cell: str) -> None:
    path = write(company, HEADER + f",L6,,{cell},\n")
    done = dualladder.adjust(company, path, save=False)
    assert [(c["level"], c["what"]) for c in done.changes] == [("L6", "level band")]


@pytest.mark.parametrize(
    "value",
    [float("nan"), float("inf"), float("-inf"), "1e999999999", "NaN", Decimal("1e999999999"),
     Decimal("sNaN"), 10**400],
)
def test_numbers_given_in_python_meet_the_same_bounds(company: Path, value: object) -> None:
    (problem,) = refused(company, [{"family": "", "level": "L6", "zone": "", "percent": value}])
    assert problem.startswith("row 1: percent '") and problem.endswith(NOT_A_PERCENT)


# -- text: controls, bidi, a byte order mark, NUL, not UTF-8, a field-size bomb, formulas ------


@pytest.mark.parametrize("column", [0, 1, 2])
@pytest.mark.parametrize("text", ["\x1b]0;pwned\x07", "Da\u202eta", "L\u20286", "x\x85y",
                                  "\u2066L6\u2069", "a\tb", "\x7f", "\ufeffL6"])
def test_controls_and_bidi_characters_are_escaped_in_every_message(
    company: Path, column: int, text: str
) -> None:
    cells = ["", "L6", "", "3", ""]
    cells[column] = '"' + text + '"'
    path = write(company, HEADER + ",".join(cells) + "\n")
    (problem,) = refused(company, path)
    assert problem.startswith(f"{path}:2:{column + 1} (")  # the row, then what it says
    assert "'" + text + "'" not in problem  # shown escaped (the assertion in refused: no raw one)


def test_a_control_character_in_a_header_and_in_the_file_name_is_escaped(
    company: Path
) -> None:
    path = write(company, "family,level,zone,percent,\x1b[2Jevil\u202e\n" + GOOD,
                 name="adj\x1bust\n.csv")
    (problem,) = refused(company, path)
    assert problem.startswith("{}:1:5: unknown column '\\x1b[2Jevil\\u202e'".format(
        str(path).replace("\x1b", "\\x1b").replace("\n", "\\n")))


def test_a_byte_order_mark_starts_a_table_as_it_starts_a_roster(company: Path) -> None:
    path = write(company, b"\xef\xbb\xbf" + (HEADER + GOOD).encode())
    done = dualladder.adjust(company, path, save=False)
    assert [c["what"] for c in done.changes] == ["level band"]


def test_a_nul_byte_and_bytes_that_are_not_utf8_are_named_at_their_place(company: Path) -> None:
    nul = write(company, HEADER + ",L6\x00,,3,\n", name="nul.csv")
    assert refused(company, nul) == [f"{at(nul, 2, 4)}not a CSV file: it holds binary data (a "
                                     "NUL byte)"]
    latin = write(company, (HEADER + "Caf\xe9,L6,,3,\n").encode("latin-1"), name="latin.csv")
    assert refused(company, latin) == [f"{at(latin, 2, 4)}not UTF-8 text (byte 0xE9); export "
                                       "the table as 'CSV UTF-8'"]


def test_a_cell_past_the_field_limit_is_refused_where_it_starts(company: Path) -> None:
    path = write(company, HEADER + GOOD + '"' + "a" * 200_000 + '",L7,,3,\n')
    assert refused(company, path) == [f"{at(path, 3, 1)}not a CSV table: field larger than "
                                      "field limit (131072)"]


def test_a_quote_left_open_is_named_not_read_as_one_cell(company: Path) -> None:
    path = write(company, HEADER + '",L6,,3,\n' + GOOD * 3)
    assert refused(company, path) == [f"{at(path, 2, 2)}1 cell(s), but the header names 5 "
                                      "columns; is a quote left open?"]


@pytest.mark.parametrize(("column", "cell"), [(0, "=cmd|' /C calc'!A0"), (1, "@SUM(A1)"),
                                              (2, "+HYPERLINK(\"http://x\")"), (3, "=3")])
def test_a_formula_like_cell_is_text_that_names_nothing(company: Path, column: int,
                                                        cell: str) -> None:
    cells = ["", "L6", "", "3", ""]
    cells[column] = '"' + cell.replace('"', '""') + '"'
    path = write(company, HEADER + ",".join(cells) + "\n")
    (problem,) = refused(company, path)
    assert problem.startswith(at(path, 2, 4) if column == 3 else f"{path}:2:{column + 1} (")


def test_a_formula_like_or_control_reason_is_data_saved_as_written(company: Path) -> None:
    """A reason is text for a person to read: written into the family file as it is (YAML
    escapes what it must), never run or changed, and read back the same."""
    reason = "=cmd|' /C calc'!A0 \x1b]0;x\x07 \u202eright"
    path = write(company, HEADER + 'Design,L4,,5,"' + reason + '"\n')
    done = dualladder.adjust(company, path)
    assert [c["what"] for c in done.changes] == ["differential added"]
    design = dualladder.load_company(company).family("Design")
    assert design is not None
    assert [d.reason for d in design.differentials if d.level == "L4"] == [reason]


# -- all or nothing, and a property over hostile cells --------------------------------------------


def test_good_rows_before_and_after_a_bad_one_write_nothing(company: Path) -> None:
    path = write(company, HEADER + GOOD + ",L7,,NaN,\n" + ",L8,,2,\n")
    assert refused(company, path) == [f"{at(path, 3, 4)}percent 'NaN' {NOT_A_PERCENT}"]


def _hostile_tables() -> st.SearchStrategy[str]:
    cell = st.one_of(st.sampled_from(["", "*", "L6", "L7", "Data", "sf", "3", "-1.5", "x"]),
                     st.sampled_from(ROSTER_CELLS), st.sampled_from(ROSTER_NUMBERS))
    row = st.lists(cell, min_size=0, max_size=7).map(
        lambda cells: ",".join('"' + c.replace('"', '""') + '"' for c in cells))
    return st.lists(row, max_size=8).map(lambda rows: "\n".join([HEADER.strip(), *rows]) + "\n")


@FUZZ
@given(text=_hostile_tables())
def test_hostile_cells_are_refused_at_their_place_or_read(text: str) -> None:
    """Whatever the cells, the adjustment is made or refused with every problem at a line and
    column of the table (or a finding of the adjusted files), and a refused one writes
    nothing."""
    with tempfile.TemporaryDirectory() as tmp:
        company = Path(tmp) / "kestrel"
        shutil.copytree(KESTREL, company)
        path = write(company, text)
        before = _files(company)
        with bounded():
            try:
                dualladder.adjust(company, path)
            except AdjustmentError as exc:
                problems = exc.problems
            else:
                return  # made: the check of the adjusted company passed
        assert _files(company) == before
        lines = text.count("\n") + 1
        for problem in problems:
            assert "\n" not in problem and CONTROLS.search(problem) is None, problem
            if problem.startswith(str(company)) or problem.startswith("not saved"):
                continue  # a finding of the adjusted files (at a line and column of theirs)
            found = LOCATED.match(problem)
            assert found and found["file"] == str(path), problem
            assert 1 <= int(found["line"]) <= lines and 1 <= int(found["col"]) <= 8, problem
