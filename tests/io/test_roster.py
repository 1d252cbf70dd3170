"""Reading rosters: exact values, column mapping, and a located one-line error for every kind of
bad input (DL301-DL303), with the rest of the roster still read."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dualladder._internal.io.roster import read as roster_module
from dualladder._internal.io.roster.columns import (
    ColumnMap,
    MappingError,
    normalize,
    parse_assignments,
)
from dualladder._internal.io.roster.read import read_roster, read_rows
from dualladder._internal.model.roster import Person
from dualladder._internal.util.files import FileTooLarge

HEADER = "employee_id,track,level,base_pay,fte,variable_pay,gender,hire_date\n"


def write(tmp_path: Path, text: str | bytes, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def located(path: Path, **kwargs: object) -> list[tuple[str, int, int]]:
    result = read_roster(path, **kwargs)  # type: ignore[arg-type]
    return [(f.code, f.line, f.column) for f in result.findings]


def slow(path: Path) -> roster_module.RosterResult:
    """Read ``path`` on the careful path only."""
    builder = roster_module._Builder(str(path), ColumnMap())
    data = path.read_bytes()
    return roster_module.RosterResult(
        builder.build(roster_module._table(str(path), data, 10**9), fast=False),
        sorted(builder.findings),
    )


# -- good rosters ---------------------------------------------------------------------------------


def test_reads_people_with_exact_amounts_and_defaults(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER
        + "E1,technical,L5,85000.10,0.8,1200.05,F,2020-03-01\n"
        + "E2,management,L5,90000,,,m,\n",
    )
    result = read_roster(path)
    assert result.findings == []
    assert result.roster is not None
    first, second = result.roster.people()
    assert first == Person(
        employee_id="E1", track="technical", level="L5", base_pay=Decimal("85000.10"),
        fte=Decimal("0.8"), variable_pay=Decimal("1200.05"), gender="F",
        hire_date=__import__("datetime").date(2020, 3, 1), line=2,
    )
    assert str(first.base_pay) == "85000.10"  # exact, never a float
    assert (second.fte, second.variable_pay, second.gender, second.hire_date) == (
        Decimal(1), Decimal(0), "M", None
    )
    assert second.line == 3


def test_header_names_are_matched_without_case_spaces_or_hyphens(tmp_path: Path) -> None:
    path = write(tmp_path, "Employee ID;TRACK;Level;Base-Pay\nE1;technical;L5;85000\n")
    result = read_roster(path)
    assert result.findings == []
    assert result.roster is not None
    assert [p.employee_id for p in result.roster.people()] == ["E1"]


def test_column_mapping_renames_export_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "Personnel No,track,Grade,Salary\nE1,technical,L5,85000\n")
    result = read_roster(path, columns={"employee_id": "Personnel No", "level": "Grade",
                                        "base_pay": "salary"})
    assert result.findings == []
    assert result.roster is not None
    assert result.roster.person(0).level == "L5"
    assert result.roster.columns == {"employee_id": 1, "track": 2, "level": 3, "base_pay": 4}


def test_columns_it_does_not_use_are_not_kept(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "employee_id,name,email,track,level,base_pay\n"
        "E1,Alice Example,alice@example.com,technical,L5,85000\n",
    )
    result = read_roster(path)
    assert result.roster is not None
    kept = repr(result.roster) + repr(list(result.roster.people()))
    assert "Alice" not in kept and "alice@example.com" not in kept
    assert set(result.roster.columns) == {"employee_id", "track", "level", "base_pay"}


def test_blank_rows_are_skipped_and_lines_stay_right(tmp_path: Path) -> None:
    path = write(tmp_path, "\n" + HEADER + "E1,technical,L5,85000\n\n,,,\nE2,technical,L5,x\n\n")
    result = read_roster(path)
    assert [(f.code, f.line, f.column) for f in result.findings] == [("DL302", 6, 4)]
    assert result.roster is not None
    assert result.roster.line == [3]


def test_a_quoted_field_over_two_lines_keeps_later_lines_right(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "employee_id,note,track,level,base_pay\n"
        'E1,"two\nlines",technical,L5,85000\n'
        "E2,,technical,L5,-1\n",
    )
    assert located(path) == [("DL302", 4, 5)]


def test_bom_and_windows_line_ends(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbfemployee_id,track,level,base_pay\r\nE1,technical,L5,1\r\n")
    result = read_roster(path)
    assert result.findings == []
    assert result.roster is not None and result.roster.person(0).employee_id == "E1"


def test_rows_of_dicts(tmp_path: Path) -> None:
    rows = [
        {"employee_id": "E1", "track": "technical", "level": "L5", "base_pay": Decimal("85000")},
        {"employee_id": "E2", "track": "technical", "level": "L5", "base_pay": 90000.5},
        {"employee_id": "E3", "track": "technical", "level": "L5", "base_pay": "oops"},
    ]
    result = read_rows(rows)
    assert [(f.file, f.code, f.line, f.column) for f in result.findings] == [
        ("<rows>", "DL302", 4, 4)
    ]
    assert result.roster is not None
    assert [p.base_pay for p in result.roster.people()] == [Decimal(85000), Decimal("90000.5")]


def test_xlsx_roster(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["employee_id", "track", "level", "base_pay", "hire_date"])
    sheet.append(["E1", "technical", "L5", 85000.5, __import__("datetime").datetime(2020, 1, 2)])
    sheet.append(["E2", "technical", "L5", "n/a", None])
    sheet.append([3, "technical", "L5", 90000, None])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    result = read_roster(path)
    assert [(f.code, f.line, f.column) for f in result.findings] == [("DL302", 3, 4)]
    assert result.roster is not None
    people = list(result.roster.people())
    assert [(p.employee_id, p.base_pay) for p in people] == [
        ("E1", Decimal("85000.5")), ("3", Decimal(90000))
    ]
    assert str(people[0].hire_date) == "2020-01-02"


# -- located errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "words"),
    [
        pytest.param("", ("DL301", 1, 1), "empty", id="empty file"),
        pytest.param(" \n\n", ("DL301", 1, 1), "empty", id="blank file"),
        pytest.param("\ufeff \r\n", ("DL301", 1, 1), "empty", id="byte order mark only"),
        pytest.param(" \n\ufeff\t\n", ("DL301", 1, 1), "empty", id="blank, then the mark"),
        pytest.param("\ufeff\ufeff\n", ("DL301", 1, 1), "not a CSV", id="two marks"),
        pytest.param(HEADER, ("DL301", 1, 1), "no people", id="header only"),
        pytest.param("just some text\nmore\n", ("DL301", 1, 1), "not a CSV", id="not CSV"),
        pytest.param(
            "employee_id,track,base_pay\nE1,technical,1\n", ("DL301", 1, 1), "no level",
            id="missing column",
        ),
        pytest.param(
            "employee_id,track,level,Level,base_pay\n", ("DL301", 1, 4), "twice",
            id="column twice",
        ),
    ],
)
def test_file_problems(tmp_path: Path, text: str, expected: tuple[str, int, int],
                       words: str) -> None:
    result = read_roster(write(tmp_path, text))
    assert [(f.code, f.line, f.column) for f in result.findings] == [expected]
    assert words in result.findings[0].message


def test_binary_file_is_not_csv(tmp_path: Path) -> None:
    result = read_roster(write(tmp_path, b"employee_id,track\nE1\x00x\n"))
    assert [(f.code, f.line, f.column) for f in result.findings] == [("DL301", 2, 3)]
    assert result.roster is None
    assert "binary" in result.findings[0].message


def test_not_utf8_is_located(tmp_path: Path) -> None:
    result = read_roster(write(tmp_path, b"employee_id,track,level,base_pay\nE\xe9,t,L5,1\n"))
    assert [(f.code, f.line, f.column) for f in result.findings] == [("DL301", 2, 2)]
    assert "UTF-8" in result.findings[0].message


def test_old_excel_and_broken_xlsx(tmp_path: Path) -> None:
    xls = write(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "r.xls")
    assert ".xls" in read_roster(xls).findings[0].message
    broken = write(tmp_path, b"PK\x03\x04 not really a zip", "r.xlsx")
    result = read_roster(broken)
    assert [(f.code, f.line) for f in result.findings] == [("DL301", 1)]
    assert "XLSX" in result.findings[0].message


def test_every_bad_value_is_located_and_the_rest_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER
        + "E1,technical,L5,85000,1,,F,2020-01-01\n"  # good
        + "E2,technical,L5,abc,1,,F,\n"  # 3: pay not a number
        + "E3,technical,L5,-5,1,,F,\n"  # 4: negative pay
        + "E4,technical,L5,0,1,,F,\n"  # 5: zero pay
        + 'E5,technical,L5,"85,000",1,,F,\n'  # 6: thousands separator
        + "E6,technical,L5,NaN,1.5,-3,F,2020-13-01\n"  # 7: pay, fte, variable pay, date
        + "E7,,,1e20,1,,F,\n"  # 8: no track, no level, pay too large
        + ",technical,L5,85000,1,,F,\n"  # 9: no id
        + "E10,technical,L5,85000,1,,F,\n",  # good
    )
    result = read_roster(path)
    assert [(f.code, f.line, f.column) for f in result.findings] == [
        ("DL302", 3, 4),
        ("DL302", 4, 4),
        ("DL302", 5, 4),
        ("DL302", 6, 4),
        ("DL302", 7, 4),
        ("DL302", 7, 5),
        ("DL302", 7, 6),
        ("DL302", 7, 8),
        ("DL302", 8, 2),
        ("DL302", 8, 3),
        ("DL302", 8, 4),
        ("DL302", 9, 1),
    ]
    messages = [f.message for f in result.findings]
    assert "not a number" in messages[0] and "'E2'" in messages[0]
    assert "negative" in messages[1]
    assert "not above 0" in messages[2]
    assert "thousands separators" in messages[3]
    assert "below 10^15" in messages[10]
    assert all(m.endswith("the row is left out") for m in messages)
    assert result.roster is not None
    assert [p.employee_id for p in result.roster.people()] == ["E1", "E10"]


def test_unknown_currency_code(tmp_path: Path) -> None:
    path = write(tmp_path, "employee_id,track,level,base_pay,currency\nE1,t,L5,1,eur\nE2,t,L5,1,"
                 "Euro\n")
    result = read_roster(path)
    assert [(f.code, f.line, f.column) for f in result.findings] == [("DL302", 3, 5)]
    assert "'Euro'" in result.findings[0].message
    assert result.roster is not None and result.roster.person(0).currency == "EUR"


def test_duplicate_ids_leave_every_row_of_that_id_out(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER
        + "E1,technical,L5,85000\n"
        + "E2,technical,L5,86000\n"
        + "E1,management,L5,87000\n"
        + "E1,management,L6,88000\n",
    )
    result = read_roster(path)
    assert [(f.code, f.line, f.column) for f in result.findings] == [
        ("DL303", 4, 1),
        ("DL303", 5, 1),
    ]
    assert "line 2" in result.findings[0].message
    assert result.roster is not None
    assert [p.employee_id for p in result.roster.people()] == ["E2"]


def test_messages_never_quote_pay_dates_or_gender(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "E1,technical,L5,-987654.32,0.5,-123456.78,female,1987-02-30\n",
    )
    text = "\n".join(str(f) for f in read_roster(path).findings)
    assert "987654" not in text and "123456" not in text and "1987" not in text
    assert "female" not in text
    assert text.count("E1") == 3


def test_control_characters_in_values_are_never_quoted(tmp_path: Path) -> None:
    """An id with control characters is not a well-formed id: not quoted at all (issue 20
    item 18; it was quoted escaped), the finding's line names the row."""
    path = write(tmp_path, "employee_id,track,level,base_pay\nE\x1b]0;x\x07,t,L5,x\n")
    (finding,) = read_roster(path).findings
    assert "\x1b" not in finding.message and "x1b" not in finding.message
    assert finding.line == 2


def test_size_cap(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "E1,technical,L5,85000\n" * 100)
    with pytest.raises(FileTooLarge):
        read_roster(path, max_bytes=1024)


# -- column mapping -------------------------------------------------------------------------------


def test_normalize() -> None:
    assert normalize(" Employee-ID ") == "employee_id"
    assert normalize("base.pay") == "base_pay"


def test_assignments() -> None:
    assert parse_assignments(["level=Grade", "base_pay = Annual Salary"]) == {
        "level": "Grade", "base_pay": "Annual Salary"
    }
    for bad in (["level"], ["=Grade"], ["level="], ["level=A", "level=B"]):
        with pytest.raises(MappingError):
            parse_assignments(bad)


def test_bad_mappings_are_refused() -> None:
    with pytest.raises(MappingError, match="unknown roster column 'grade'"):
        ColumnMap({"grade": "Level"})
    with pytest.raises(MappingError, match="both be read"):
        ColumnMap({"employee_id": "level"})
    with pytest.raises(MappingError, match="both be read"):
        ColumnMap({"level": "Grade", "track": "grade"})


def test_mapping_file(tmp_path: Path) -> None:
    from dualladder._internal.io.roster.columns import read_mapping_file

    good = write(tmp_path, "level: Grade\nbase_pay: Salary\n", "columns.yaml")
    assert read_mapping_file(good) == {"level": "Grade", "base_pay": "Salary"}
    bad = write(tmp_path, "- level\n", "bad.yaml")
    with pytest.raises(MappingError, match="YAML mapping"):
        read_mapping_file(bad)
    broken = write(tmp_path, "level: [\n", "broken.yaml")
    with pytest.raises(MappingError, match=r"broken\.yaml:2:1"):
        read_mapping_file(broken)


# -- the fast path reads exactly what the careful path reads ----------------------------------


_amounts = st.one_of(
    st.decimals(min_value=1, max_value=10**9, places=2).map(str),
    st.sampled_from(["", " ", "0", "-1", "1e3", "1_000", "NaN", "Infinity", "85,000"]),
)
_row = st.tuples(
    st.sampled_from(["E1", "E2", "E3", " E4 ", "E5", ""]),
    st.sampled_from(["technical", "management", " technical", ""]),
    st.sampled_from(["L5", "L6", "L6 "]),
    _amounts,
    st.sampled_from(["", "1", "0.8", "1.0", "2", "x"]),
    _amounts,
    st.sampled_from(["F", "m", "", "x", "Woman"]),
    st.sampled_from(["", "2020-01-01", "2020-02-30"]),
)


@given(rows=st.lists(_row, max_size=12), blank=st.booleans(), chunk=st.integers(1, 4))
def test_fast_and_careful_paths_agree(rows: list[tuple[str, ...]], blank: bool,
                                      chunk: int) -> None:
    import csv
    import tempfile

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER.strip().split(","))
    writer.writerows(rows)
    text = out.getvalue() + ("\n\n" if blank else "")
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), text)
        original = roster_module.CHUNK
        roster_module.CHUNK = chunk
        try:
            fast = read_roster(path, max_bytes=10**6)
        finally:
            roster_module.CHUNK = original
        careful = slow(path)
    assert fast.findings == careful.findings
    if careful.roster is None:
        assert fast.roster is None
    else:
        assert fast.roster is not None
        assert list(fast.roster.people()) == list(careful.roster.people())


def test_a_clean_csv_is_read_on_the_fast_path(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    def careful(*args: object) -> None:
        raise AssertionError("the careful path ran")

    monkeypatch.setattr(roster_module._Builder, "_rows", careful)
    path = write(tmp_path, HEADER + "E1,technical,L5,85000,0.5,,F,2020-01-01\n\n")
    result = read_roster(path)
    assert result.findings == [] and result.roster is not None and len(result.roster) == 1


def test_a_signalling_nan_given_in_python_is_an_empty_cell_not_an_exception() -> None:
    """``Decimal('sNaN')`` raises when compared, as a NaN test by ``x != x`` does: it is a
    missing value like every NaN (the cell empty, so the row's base_pay is a DL302)."""
    result = read_rows([
        {"employee_id": "E1", "track": "technical", "level": "L3", "base_pay": Decimal("sNaN")},
        {"employee_id": "E2", "track": "technical", "level": "L3", "base_pay": 100},
    ])
    assert [str(f) for f in result.findings] == [
        "<rows>:2:4: DL302 error: employee_id 'E1': base_pay is empty; the row is left out"]
    assert result.roster is not None and len(result.roster) == 1
