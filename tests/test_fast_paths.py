"""The fast paths of the audit give exactly what the careful paths give.

- reading: a CSV file without quotes is split with ``str.split`` a chunk at a time
  (:mod:`dualladder.people.columnar`); whatever that reader accepts, it reads as the ``csv``
  module does, and the roster it gives equals the careful row-by-row reader's.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dualladder.people import columnar
from dualladder.people import roster as roster_module
from dualladder.people.columnar import OtherLayout, plain_chunks
from dualladder.people.columns import ColumnMap
from dualladder.people.roster import read_roster

HEADER = "employee_id,track,level,base_pay,fte,variable_pay,equity,gender,hire_date"


def careful(path: Path) -> roster_module.RosterResult:
    """Read ``path`` on the careful path only."""
    builder = roster_module._Builder(str(path), ColumnMap())
    table = roster_module._table(str(path), path.read_bytes(), 10**9)
    return roster_module.RosterResult(builder.build(table, fast=False),
                                      sorted(builder.findings))


@contextmanager
def chunk_bytes(size: int) -> Iterator[None]:
    """Read ``size`` bytes at a time on the plain path (to put chunk ends everywhere)."""
    original = columnar.CHUNK_BYTES
    columnar.CHUNK_BYTES = size
    try:
        yield
    finally:
        columnar.CHUNK_BYTES = original


def csv_rows(text: str) -> list[tuple[int, list[str]]]:
    """What the csv module reads: (line the row starts on, cells), blank lines left out."""
    reader = csv.reader(io.StringIO(text, newline=""))
    out = []
    previous = 0
    for row in reader:
        if row:
            out.append((previous + 1, row))
        previous = reader.line_num
    return out


def plain_rows(data: bytes) -> list[tuple[int, list[str]]]:
    out: list[tuple[int, list[str]]] = []
    for chunk in plain_chunks(data, ",", 0, 1):
        columns = [chunk.column(index) for index in range(chunk.cells)]
        out.extend((chunk.first + k, [cells[k] for cells in columns]) for k in range(chunk.size))
    return out


# -- the plain reader reads what the csv module reads -------------------------------------------

_cell = st.text(alphabet=st.sampled_from(["a", "b", " ", "é", "\t", ";", "\ufeff"]), max_size=4)


@st.composite
def _tables(draw: st.DrawFn) -> str:
    """Text that is mostly a table of equal rows, with now and then a line that is not."""
    width = draw(st.integers(1, 4))
    row = st.lists(_cell, min_size=width, max_size=width).map(",".join)
    odd = st.one_of(st.lists(_cell, max_size=width + 1).map(",".join), st.just(""))
    lines = draw(st.lists(st.one_of(row, row, row, row, row, row, odd), max_size=12))
    endings = draw(st.lists(st.sampled_from(["\n"] * 6 + ["\r\n"] * 3 + ["\r", ""]),
                            min_size=len(lines), max_size=len(lines)))
    return "".join(line + ending for line, ending in zip(lines, endings, strict=True))


@settings(max_examples=300)
@given(text=_tables(), chunk=st.integers(1, 64))
def test_whatever_the_plain_reader_accepts_it_reads_as_the_csv_module(text: str,
                                                                       chunk: int) -> None:
    try:
        with chunk_bytes(chunk):
            mine = plain_rows(text.encode())
    except OtherLayout:
        return
    assert [(line, row) for line, row in mine] == csv_rows(text)


def test_the_plain_reader_declines_what_it_cannot_read_exactly() -> None:
    for data in (b'a,b\n"x,y",z\n',  # a quote
                 b"a,b\rc,d\r",  # a bare carriage return ends a line for the csv module
                 b"a,b\nc,d\n\ne,f\n",  # a blank line between rows
                 b"a,b\nc,d,e\n",  # rows of a chunk with different numbers of cells
                 b"a,b\nc," + b"x" * (csv.field_size_limit() + 1) + b"\n"):  # a huge field
        with pytest.raises(OtherLayout):
            list(plain_chunks(data, ",", 0, 1))


# -- the roster read on the plain path equals the careful reader's ------------------------------

_amounts = st.one_of(
    st.decimals(min_value=1, max_value=10**9, places=2).map(str),
    st.integers(1, 10**7).map(str),
    st.sampled_from(["", " ", "0", "-1", "1e3", "1_000", "NaN", "Infinity", "+5", "0085000"]),
)
_row = st.tuples(
    st.sampled_from(["E1", "E2", "E3", " E4 ", "E5", "E6", "E7", "E8", ""]),
    st.sampled_from(["technical", "management", " technical", ""]),
    st.sampled_from(["L5", "L6", "L6 "]),
    _amounts,
    st.sampled_from(["", "1", "0.8", "1.0", "2", "x", "0.5"]),
    _amounts,
    _amounts,
    st.sampled_from(["F", "m", "", "x", "Woman"]),
    st.sampled_from(["", "2020-01-01", "2020-02-30"]),
)


@settings(max_examples=150)
@given(rows=st.lists(_row, max_size=12), ending=st.sampled_from(["\n", "\r\n"]),
       trailing=st.sampled_from(["", "\n", "\n\n"]), chunk=st.integers(1, 200))
def test_plain_and_careful_readers_agree(rows: list[tuple[str, ...]], ending: str,
                                         trailing: str, chunk: int) -> None:
    text = ending.join([HEADER, *(",".join(row) for row in rows)]) + ending + trailing
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.csv"
        path.write_text(text, encoding="utf-8", newline="")
        with chunk_bytes(chunk):
            fast = read_roster(path)
        slow = careful(path)
    assert fast.findings == slow.findings
    if slow.roster is None:
        assert fast.roster is None
    else:
        assert fast.roster is not None
        assert list(fast.roster.people()) == list(slow.roster.people())
        assert fast.roster.rows_read == slow.roster.rows_read


def _only_fast(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make the careful reader fail, and note which chunk source each read used."""
    used: list[str] = []

    def refuse(*args: object) -> None:
        raise AssertionError("the careful path ran")

    monkeypatch.setattr(roster_module._Builder, "_rows", refuse)
    for name in ("plain_chunks", "row_chunks"):
        original = getattr(roster_module, name)

        def spy(*args: object, _original: object = original, _name: str = name) -> object:
            used.append(_name)
            return _original(*args)  # type: ignore[operator]

        monkeypatch.setattr(roster_module, name, spy)
    return used


def test_windows_line_endings_are_read_on_the_plain_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    used = _only_fast(monkeypatch)
    path = tmp_path / "roster.csv"
    path.write_bytes(f"{HEADER}\r\nE1,technical,L5,85000,1,,,F,2020-01-01\r\n"
                     "E2,technical,L5,86000.50,0.8,100,5,M,\r\n\r\n".encode())
    result = read_roster(path)
    assert result.findings == [] and result.roster is not None
    assert [p.line for p in result.roster.people()] == [2, 3]
    assert [str(p.base_pay) for p in result.roster.people()] == ["85000", "86000.50"]
    assert used == ["plain_chunks"]


def test_a_quoted_csv_is_read_through_the_csv_module_still_fast(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    used = _only_fast(monkeypatch)
    path = tmp_path / "roster.csv"
    path.write_text(f'{HEADER}\nE1,technical,"L5",85000,1,,,F,\n', encoding="utf-8")
    result = read_roster(path)
    assert result.findings == [] and result.roster is not None and len(result.roster) == 1
    assert used == ["plain_chunks", "row_chunks"]
