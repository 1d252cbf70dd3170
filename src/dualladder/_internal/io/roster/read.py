"""Reading a roster (CSV or XLSX exported from an HR system) with every problem located.

A roster is a table, one person a row. :func:`read_roster` reads it into a :class:`Roster`,
held column by column (a list per column, so a roster of a million people costs a few lists,
not a million objects), and reports every problem as a
:class:`~dualladder._internal.util.findings.Finding` at ``file:line:column``: the line is the line
of the file where the row starts (the header is usually line 1; in an XLSX sheet, the row number),
the column is the field's position in the row, counted from 1 as spreadsheets count (column D is 4).

- **DL301**: the file cannot be read as a roster at all (empty, binary, not UTF-8, not a
  table, a required column missing or named twice); nothing is audited.
- **DL302**: one row has a bad value; that row is left out and the rest is read.
- **DL303**: one employee id on several rows; every row of that id is left out, since it cannot
  be known which of them is right (and keeping the first would make the audit depend on row
  order).

Personal data: the roster is read into memory only. Only the columns of
:data:`~dualladder._internal.io.roster.columns.COLUMNS` are kept; messages never quote an amount, a
gender or a date, only the employee id, the column and, for track, level, family, zone and currency,
the value (these name a place on the ladder, not a person).
"""

from __future__ import annotations

import csv
import importlib
import io
import itertools
import os
import re
import shlex
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Final, cast

from dualladder._internal.io.roster.columnar import Chunk, OtherLayout, plain_chunks, row_chunks
from dualladder._internal.io.roster.columns import COLUMNS, REQUIRED, ColumnMap, normalize
from dualladder._internal.io.roster.detect import table_format
from dualladder._internal.model.money import AMOUNT_DIGITS
from dualladder._internal.model.roster import (
    GENDERS,
    PERSON_COLUMNS,
    PROFILE_COLUMNS,
    Person,
    Profile,
    Roster,
    show,
    well_formed,
)
from dualladder._internal.util.catalog import default_severity
from dualladder._internal.util.cells import DataFrameLike, cell_text, table_rows
from dualladder._internal.util.files import ROSTER_MAX_BYTES
from dualladder._internal.util.findings import Finding
from dualladder._internal.util.numbers import fits, plain_decimal
from dualladder._internal.util.suggest import nearest
from dualladder._internal.util.textsafe import position_of
from dualladder._internal.util.xlsx import NotAWorkbook, WorkbookTooLarge, check_unpacked, every_row

__all__ = [
    "DEFAULT_MAX_BYTES",
    "READ_DOCS",
    "Person",
    "Roster",
    "RosterError",
    "RosterResult",
    "TableProblem",
    "csv_table",
    "read_roster",
    "read_rows",
]

#: The default size cap of a roster file (256 MiB: about three million rows of a typical
#: export). ``--max-bytes`` / ``max_bytes=`` raise it.
DEFAULT_MAX_BYTES: Final = ROSTER_MAX_BYTES

#: Amounts of 10**15 and above are refused (the bound of a ladder's amounts): no pay is that
#: large, and a huge exponent would make every later step slow.
MAX_AMOUNT_DIGITS: Final = AMOUNT_DIGITS
#: The most decimal places of a roster's amount or fte: more than a ladder's four, because
#: spreadsheets export binary-float artefacts (``85000.100000000006``), which are read exactly;
#: ``1e-999999999`` is refused.
MAX_PLACES: Final = 20
#: The smallest fte (a full-time-equivalent pay is then at most 10,000 times the pay).
MIN_FTE: Final = Decimal("0.0001")

_ONE = Decimal(1)
_ZERO = Decimal(0)
_CURRENCY = re.compile(r"[A-Z]{3}")
_DELIMITERS = (",", ";", "\t", "|")


class _Profiles:
    """Builds a roster's profile list: a raw tuple of cells -> the index of its profile, or -1
    when one of the cells is bad."""

    def __init__(self, roster: Roster, found: Mapping[str, int]) -> None:
        self.present = [c for c in PROFILE_COLUMNS if c in found]
        self.indices = [found[c] for c in self.present]
        self.profiles = roster.profiles
        self.by_value: dict[Profile, int] = {}
        self.raw = _Memo(self.of_joined, -1)
        """A row's raw cells joined by NUL -> profile index (-1: a bad cell), each distinct
        text parsed once (one string to hash and compare per row, not a tuple of them; a CSV
        roster holds no NUL, so the cells split back as they were)."""

    def index(self, values: Mapping[str, object]) -> int:
        """The index of the profile of parsed ``values`` (absent columns take their default)."""
        profile = Profile._make(values[c] if c in values else ABSENT[c] for c in PROFILE_COLUMNS)
        found = self.by_value.get(profile)
        if found is None:
            found = self.by_value[profile] = len(self.profiles)
            self.profiles.append(profile)
        return found

    def of_joined(self, joined: str) -> int:
        return self.of_cells(tuple(joined.split("\x00")))

    def of_cells(self, cells: tuple[str, ...]) -> int:
        """The index of the profile of raw cells (the columns of :attr:`present`), or -1."""
        parsed = {c: PARSERS[c](cell) for c, cell in zip(self.present, cells, strict=True)}
        return -1 if any(value is BAD for value in parsed.values()) else self.index(parsed)


@dataclass(slots=True)
class RosterResult:
    """What reading a roster gave: the roster (``None`` when the file could not be read as a
    table at all) and the findings, sorted."""

    roster: Roster | None
    findings: list[Finding]


class RosterError(ValueError):
    """A roster that cannot be read as a table (DL301); carries the findings."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = tuple(sorted(findings))
        super().__init__(str(self.findings[0]) if self.findings else "unreadable roster")


class TableProblem(Exception):
    """Bytes that cannot be read as a table, at a 1-based ``line`` and ``column``."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


# -- tables: a header row and numbered rows of text cells ------------------------------------------

#: What a file without a header row is told, and how to export a roster that is not UTF-8.
EMPTY: Final = "the file is empty; a roster starts with a header row"
EXPORT: Final = "export the roster as 'CSV UTF-8', or as XLSX"

_CsvReader = Any  # the type of csv.reader(...) is private to typeshed

#: Rows read at a time through the ``csv`` module on the fast path: few, so that a chunk's rows
#: stay in the processor's cache while they are read column by column (256 rows read a
#: quoted roster of 100,000 people in about 60 % of the time 20,000 take).
CHUNK: Final = 256


class _Table:
    """A header and the rows below it. :meth:`numbered` gives every row with the line it starts
    on; a CSV table can also give :meth:`sources` of chunks read column by column, which the
    fast path reads without per-row Python work."""

    def __init__(self, header: list[str], header_line: int,
                 rows: Iterator[tuple[int, list[str]]] | None = None) -> None:
        self.header = header
        self.header_line = header_line
        self._rows = rows

    def numbered(self) -> Iterator[tuple[int, list[str]]]:
        assert self._rows is not None
        return self._rows

    def sources(self, width: int) -> list[Callable[[], Iterator[Chunk]]]:
        """The ways this table can be read in chunks of rows with at least ``width`` cells,
        the fastest first (each may raise
        :class:`~dualladder._internal.io.roster.columnar.OtherLayout`)."""
        return []


class _CsvTable(_Table):
    """A CSV table read from the file's bytes (UTF-8, already checked), decoded as it is read:
    the text is never held whole, so memory stays near the size of the file."""

    def __init__(self, data: bytes, delimiter: str, empty: str = EMPTY) -> None:
        self.data = data
        self.delimiter = delimiter
        reader = self._reader()
        try:
            for header in reader:
                if any(cell.strip() for cell in header):
                    super().__init__(header, reader.line_num)
                    return
        except csv.Error as exc:
            raise TableProblem(reader.line_num, 1, f"not a CSV table: {exc}") from None
        raise TableProblem(1, 1, empty)

    def _reader(self) -> _CsvReader:
        lines = io.TextIOWrapper(io.BytesIO(self.data), encoding="utf-8-sig", newline="")
        return csv.reader(lines, delimiter=self.delimiter)

    def _below_header(self) -> _CsvReader:
        reader = self._reader()
        while reader.line_num < self.header_line:
            next(reader)
        return reader

    def numbered(self) -> Iterator[tuple[int, list[str]]]:
        """Every row below the header with the line it starts on (a quoted field may hold line
        breaks, so a row can span several lines)."""
        reader = self._below_header()
        previous = reader.line_num
        try:
            for row in reader:
                yield previous + 1, row
                previous = reader.line_num
        except csv.Error as exc:
            raise TableProblem(previous + 1, 1, f"not a CSV table: {exc}") from None

    def sources(self, width: int) -> list[Callable[[], Iterator[Chunk]]]:
        """Split at the delimiter where the file holds no quote (:func:`plain_chunks`), else
        through the ``csv`` module."""
        return [lambda: plain_chunks(self.data, self.delimiter, self.header_line, width),
                lambda: row_chunks(self._chunks(), width)]

    def _chunks(self) -> Iterator[tuple[int, list[list[str]]]]:
        """Chunks of rows, each row on one line. Where a row spans several lines (or the CSV
        parser objects), raises :class:`OtherLayout`: the caller then reads the whole table
        with :meth:`numbered`, which knows the line of every row."""
        reader = self._below_header()
        try:
            while True:
                before = reader.line_num
                rows = list(itertools.islice(reader, CHUNK))
                if not rows:
                    return
                if reader.line_num - before != len(rows):
                    raise OtherLayout
                while rows and not rows[-1]:
                    rows.pop()  # blank lines at the end of the chunk (often at the end of file)
                yield before + 1, rows
        except csv.Error:
            raise OtherLayout from None


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    return position_of(data, offset)  # lines as every finding counts them


def _decode(data: bytes, export: str = EXPORT) -> None:
    """Raise the located problem if ``data`` is not UTF-8 (``export``: how to fix it)."""
    if data.isascii():
        return  # ASCII is UTF-8 (checked without decoding a copy of the whole file)
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        raise TableProblem(
            line,
            col,
            f"not UTF-8 text (byte 0x{data[exc.start]:02X}); {export}",
        ) from None


def _first_line(data: bytes) -> str:
    """The first line that is not blank (decoded)."""
    start = 0
    while True:
        end = data.find(b"\n", start)
        line = data[start:] if end < 0 else data[start:end]
        if line.strip() or end < 0:
            return line.decode("utf-8-sig")
        start = end + 1


def _delimiter(first_line: str) -> str:
    """The delimiter of the file: the most frequent of comma, semicolon, tab and bar in the
    header line (a comma on a tie)."""
    best, count = ",", 0
    for char in _DELIMITERS:
        found = first_line.count(char)
        if found > count:
            best, count = char, found
    if count == 0:
        raise TableProblem(
            1,
            1,
            "not a CSV table: the first line has no comma, semicolon or tab between column "
            "names",
        )
    return best


#: A file that holds nothing but ASCII whitespace and at most a byte order mark: what
#: ``data.strip()`` empty or the mark alone says, matched from the start without a copy of
#: the file.
_BLANK: Final = re.compile(rb"[ \t\n\r\x0b\x0c]*(?:\xef\xbb\xbf[ \t\n\r\x0b\x0c]*)?\Z")


def _csv_table(data: bytes, empty: str = EMPTY, export: str = EXPORT) -> _CsvTable:
    if b"\x00" in data:
        line, col = _line_col(data, data.index(b"\x00"))
        raise TableProblem(line, col, "not a CSV file: it holds binary data (a NUL byte)")
    _decode(data, export)  # every byte is UTF-8 (the text is decoded again as rows are read)
    if _BLANK.match(data):
        raise TableProblem(1, 1, empty)
    return _CsvTable(data, _delimiter(_first_line(data)), empty)


def csv_table(data: bytes, *, empty: str = EMPTY, export: str = EXPORT
              ) -> tuple[list[str], int, Iterator[tuple[int, list[str]]]]:
    """The header row of a CSV file's bytes, the line it is on, and every row below it with the
    line it starts on, read as a roster is read: UTF-8 (a byte order mark dropped), no NUL
    byte, the delimiter the header line uses most (comma, semicolon, tab or bar), a cell of at
    most the ``csv`` module's 131,072 characters. :class:`TableProblem` at once, or as the rows
    are read, where the bytes are not such a table; ``empty`` and ``export`` are the messages
    for a file without a header row and how to export a file that is not UTF-8."""
    table = _csv_table(data, empty, export)
    return table.header, table.header_line, table.numbered()


def _xlsx_table(data: bytes, max_chars: int) -> _Table:
    try:
        openpyxl = importlib.import_module("openpyxl")  # the xlsx extra (no type stubs)
    except ImportError:
        raise ImportError(
            "reading an XLSX roster needs openpyxl: pip install 'dualladder[xlsx]', or export "
            "the roster as CSV"
        ) from None
    try:
        check_unpacked(data, max_chars)
    except NotAWorkbook:
        raise TableProblem(1, 1, "not an XLSX workbook that can be read (not a ZIP archive)"
                           ) from None
    except WorkbookTooLarge as exc:
        raise TableProblem(1, 1, f"{exc}, the size limit of a roster (--max-bytes)") from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = every_row(sheet, values_only=True)  # every row, whatever <dimension> says
        first_row = 1
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        raise TableProblem(
            1, 1, f"not an XLSX workbook that can be read ({type(exc).__name__})"
        ) from None

    budget = [max_chars]

    def numbered() -> Iterator[tuple[int, list[str]]]:
        try:
            for number, values in enumerate(rows, start=first_row):
                cells = [cell_text(v) for v in values]
                budget[0] -= sum(map(len, cells)) + len(cells)
                if budget[0] < 0:
                    raise TableProblem(
                        number, 1, "the sheet holds more text than the size limit allows"
                    )
                yield number, cells
        except TableProblem:
            raise
        except WorkbookTooLarge as exc:
            raise TableProblem(first_row, 1, str(exc)) from None
        except Exception as exc:
            raise TableProblem(
                first_row, 1, f"the XLSX sheet cannot be read ({type(exc).__name__})"
            ) from None
        finally:
            book.close()

    body = numbered()
    for number, cells in body:
        if any(cell.strip() for cell in cells):
            return _Table(cells, number, body)
    raise TableProblem(1, 1, "the sheet is empty; a roster starts with a header row")


def _table(name: str, data: bytes, max_bytes: int) -> _Table:
    found = table_format(name, data)
    if found == "xls":
        raise TableProblem(
            1, 1, "an Excel 97-2003 (.xls) workbook; save it as .xlsx or export it as CSV"
        )
    if found == "xlsx":
        return _xlsx_table(data, max_bytes)
    return _csv_table(data)


# -- values: each parser gives the value, or BAD ----------------------------------------------


class _Bad:
    """The marker of a cell that cannot be read."""

    def __repr__(self) -> str:
        return "BAD"


BAD: Final = _Bad()


def _amount(text: str) -> Decimal | None:
    """``' 85000.50 '`` -> ``Decimal('85000.50')``; ``None`` for anything that is not a plain
    number (ASCII digits, no separators) below 10**15 with at most :data:`MAX_PLACES` decimal
    places."""
    value = plain_decimal(text)
    if value is None or not fits(value, MAX_AMOUNT_DIGITS, MAX_PLACES):
        return None
    return value


def _required(text: str) -> str | _Bad:
    return text.strip() or BAD


def _pay(text: str) -> Decimal | _Bad:
    value = _amount(text)
    return value if value is not None and value > 0 else BAD


def _optional_amount(text: str) -> Decimal | _Bad:
    if not text.strip():
        return _ZERO
    value = _amount(text)
    return value if value is not None and value >= 0 else BAD


def _fte(text: str) -> Decimal | _Bad:
    stripped = text.strip()
    if not stripped or stripped == "1":
        return _ONE
    value = plain_decimal(stripped)
    return (value if value is not None and fits(value, 1, MAX_PLACES) and MIN_FTE <= value <= 1
            else BAD)


#: The most contracted hours a week (there are 168 hours in a week).
MAX_HOURS: Final = Decimal(168)


def _hours(text: str) -> Decimal | _Bad | None:
    stripped = text.strip()
    if not stripped:
        return None
    value = _amount(stripped)
    return value if value is not None and 0 < value <= MAX_HOURS else BAD


def _currency(text: str) -> str | _Bad:
    code = text.strip().upper()
    return code if not code or _CURRENCY.fullmatch(code) else BAD


def _date(text: str) -> date | _Bad | None:
    stripped = text.strip()
    if not stripped:
        return None
    try:
        return date.fromisoformat(stripped)
    except ValueError:
        return BAD


def _gender(text: str) -> str:
    return GENDERS.get(text.strip().casefold(), "")


def _optional_text(text: str) -> str:
    return text.strip()


#: Column -> the parser of its cells.
PARSERS: Final[dict[str, Callable[[str], object]]] = {
    "employee_id": _required,
    "track": _required,
    "level": _required,
    "base_pay": _pay,
    "fte": _fte,
    "variable_pay": _optional_amount,
    "equity": _optional_amount,
    "in_kind": _optional_amount,
    "hours": _hours,
    "gender": _gender,
    "family": _optional_text,
    "zone": _optional_text,
    "currency": _currency,
    "hire_date": _date,
}

#: The value of a column the file does not have.
ABSENT: Final[dict[str, object]] = {
    "fte": _ONE,
    "variable_pay": _ZERO,
    "equity": _ZERO,
    "in_kind": _ZERO,
    "hours": None,
    "gender": "",
    "family": "",
    "zone": "",
    "currency": "",
    "hire_date": None,
}


# -- rows -> roster -------------------------------------------------------------------------------


class _Builder:
    """Turns the rows of a table into a roster and findings."""

    def __init__(self, name: str, mapping: ColumnMap) -> None:
        self.name = name
        self.mapping = mapping
        self.findings: list[Finding] = []

    def finding(self, code: str, line: int, column: int, message: str, loc: str) -> None:
        self.findings.append(
            Finding(self.name, line, column, code, default_severity(code), message, (loc,))
        )

    def _nearest_header(self, header: Sequence[str], found: Mapping[str, int],
                        column: str) -> int | None:
        """Where the header cell nearest to a missing column stands (``trak`` for
        ``track``), among the cells no column is read from. Asked only of a row that names
        some column: a first row that names none may be a person, never quoted."""
        taken = set(found.values())
        cells = {normalize(cell): index for index, cell in enumerate(header)
                 if index not in taken and normalize(cell)}
        near = nearest(self.mapping.header(column), cells)
        return cells[near] if near is not None else None

    def build(self, table: _Table, *, fast: bool = True) -> Roster | None:
        found, twice = self.mapping.locate(table.header)
        line = table.header_line
        for column, positions in twice.items():
            self.finding(
                "DL301",
                line,
                positions[1] + 1,
                f"the header names column {self.mapping.shown(column)} twice (columns "
                f"{', '.join(str(p + 1) for p in positions)}); keep one",
                column,
            )
        missing = [c for c in REQUIRED if c not in found]
        if missing:
            names = ", ".join(self.mapping.shown(c) for c in missing)
            near = self._nearest_header(table.header, found, missing[0]) if found else None
            cell = table.header[near][:40] if near is not None else ""
            hint = (
                f"; did you mean {cell!r} (column {near + 1})? Rename it, or map it with "
                f"--column {shlex.quote(f'{missing[0]}={cell}')}"
                if near is not None else " (map other names with --column COLUMN=HEADER)"
            )
            self.finding(
                "DL301",
                line,
                1 if near is None else near + 1,
                f"the header has no {names} column; a roster needs "
                f"{', '.join(REQUIRED)}{hint}",
                missing[0],
            )
        if missing or twice:
            return None
        for source in table.sources(max(found.values()) + 1) if fast else []:
            try:
                fast_roster = _fast(self.name, found, source())
            except OtherLayout:
                continue  # the next source, or row by row
            if fast_roster is None:
                break  # something needs a finding: the careful path says where
            if not len(fast_roster):
                self.finding("DL301", line, 1, "the roster has a header row but no people", "")
            return fast_roster
        roster = Roster(self.name, {c: i + 1 for c, i in found.items()})
        roster.rows_read = self._rows(table.numbered(), roster, found,
                                      getattr(table, "delimiter", None))
        if not roster.rows_read:
            self.finding("DL301", line, 1, "the roster has a header row but no people", "")
        return roster

    def _whole(self, line: int, row: list[str], delimiter: str | None) -> bool:
        """Whether the row holds no other rows: a quoted cell that runs over lines holding the
        delimiter is an unbalanced quote that swallowed them (a DL302, and the row is left
        out, so the rows it swallowed are named rather than lost in silence)."""
        if delimiter is None:
            return True
        ok = True
        for index, cell in enumerate(row):
            if "\n" in cell and delimiter in cell:
                lines = max(cell.rstrip("\r\n").count("\n"), 1)
                self.finding(
                    "DL302", line, index + 1,
                    f"a quoted cell here runs over the next {lines} line"
                    f"{'s' if lines != 1 else ''}, which hold the delimiter {delimiter!r}: "
                    "the rows there are read as one cell and are not audited (an unbalanced "
                    "quote?); the row is left out",
                    "",
                )
                ok = False
        return ok

    def _rows(
        self, rows: Iterator[tuple[int, list[str]]], roster: Roster, found: dict[str, int],
        delimiter: str | None = None,
    ) -> int:
        """The careful path: row by row, every bad cell a finding. Returns the number of rows
        that are not blank. ``delimiter``: the CSV file's (rows swallowed by a quote are found
        by it), None for a sheet."""
        width = max(found.values()) + 1
        i_id = found["employee_id"]
        parsers = [(c, found[c], PARSERS[c]) for c in COLUMNS if c in found]
        profiles = _Profiles(roster, found)
        seen: dict[str, int] = {}
        twice: set[str] = set()
        count = 0
        for line, row in rows:
            if len(row) < width:
                if not any(cell.strip() for cell in row):
                    continue  # a blank line
                if delimiter is not None and len(row) == 1 and any(
                        d in row[0] for d in _DELIMITERS if d != delimiter):
                    self.finding(
                        "DL302", line, 1,
                        f"this row has one cell, where the header has {width} (is it written "
                        f"with another delimiter than the header's {delimiter!r}?); the row is "
                        "left out", "")
                    count += 1
                    continue
                row = row + [""] * (width - len(row))
            elif not any(cell.strip() for cell in row):
                continue  # a row of empty cells
            count += 1
            eid = row[i_id].strip()
            if not self._whole(line, row, delimiter):
                continue
            values: dict[str, object] = {}
            ok = True
            for column, index, parse in parsers:
                value = values[column] = parse(row[index])
                if value is BAD:
                    ok = False
                    self.finding("DL302", line, index + 1,
                                 self.problem(column, eid, row[index]) + "; the row is left out",
                                 column)
            if eid:
                if eid in seen:
                    twice.add(eid)
                    self.finding(
                        "DL303", line, i_id + 1,
                        f"employee_id {show(eid)} is on line {seen[eid]} too; every row of "
                        f"{show(eid)} is left out of the audit until the roster has one row per "
                        "person",
                        "employee_id",
                    )
                else:
                    seen[eid] = line
            if not ok:
                continue
            for column in PERSON_COLUMNS:
                getattr(roster, column).append(values.get(column, ABSENT.get(column)))
            roster.profile.append(profiles.index(values))
            roster.line.append(line)
        if twice:
            kept = roster.select([i for i, e in enumerate(roster.employee_id) if e not in twice])
            for name in (*PERSON_COLUMNS, "line", "profile"):
                setattr(roster, name, getattr(kept, name))
        return count

    @staticmethod
    def problem(column: str, eid: str, text: str) -> str:
        """Why a cell is bad, without quoting amounts, dates or gender."""
        who = (f"employee_id {show(eid)}: " if eid and well_formed(eid)
               and column != "employee_id" else "")
        stripped = text.strip()
        if column in ("employee_id", "track", "level"):
            return f"{who}has no {column}; every row needs one"
        if column == "currency":
            return (f"{who}currency {show(stripped)} is not a three-letter ISO 4217 code "
                    "(such as EUR or USD)")
        if column == "hire_date":
            return f"{who}hire_date is not a date written YYYY-MM-DD"
        if column == "fte":
            return f"{who}fte is not a fraction from {MIN_FTE} to 1 (write 0.8 for 80 %)"
        if column == "hours":
            return (f"{who}hours is not a number of contracted weekly hours above 0 and at "
                    "most 168")
        if not stripped:
            return f"{who}{column} is empty"
        value = _amount(stripped)
        if value is None:
            if not stripped.isascii():
                hint = "write it with the digits 0-9, e.g. 85000.50"
            elif re.fullmatch(r"[\d\s.,'_]+", stripped) and re.search(r"\d[,.'\s_]\d{3}",
                                                                        stripped):
                hint = "write it without thousands separators, e.g. 85000.50"
            elif re.fullmatch(r"[\d.eE+-]+", stripped):
                hint = (f"amounts are below 10^{MAX_AMOUNT_DIGITS} with at most "
                        f"{MAX_PLACES} decimal places")
            else:
                hint = "write digits with an optional decimal point, e.g. 85000.50"
            return f"{who}{column} is not a number; {hint}"
        if value < 0:
            return f"{who}{column} is negative"
        return f"{who}{column} is not above 0"


class _Memo(dict[Any, Any]):
    """``parse`` of each distinct cell, computed on first sight: looking a cell up is then a
    dictionary lookup in C (a roster has few distinct tracks, levels, ftes or currencies)."""

    def __init__(self, parse: Callable[[Any], Any], bad: object = None) -> None:
        super().__init__()
        self.parse = parse
        self.bad = bad
        self.failed = False
        """Whether some cell parsed to ``bad`` (the marker of a bad cell)."""

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.parse(key)
        if value is self.bad:
            self.failed = True
        return value


_LIMIT: Final = Decimal(10) ** MAX_AMOUNT_DIGITS
#: Anything in a column of amounts that ``int`` or ``Decimal`` would read but
#: :func:`_amount` does not (``1_000``, non-ASCII digits, ``NaN``, an exponent: a character
#: outside these; or too many decimal places), searched for in the column's cells at once.
#: Two searches, not one pattern with ``|``: a pattern that starts with a character set or a
#: literal is scanned for in C, where an alternation is tried at every character (ten times
#: slower over a column of whole numbers).
_NOT_PLAIN_CHAR: Final = re.compile(r"[^0-9.+\- \t\n]")
_TOO_MANY_PLACES: Final = re.compile(rf"\.[0-9]{{{MAX_PLACES + 1}}}")

#: ``_EMPTY_IS_ZERO.get(cell, cell)``: an empty variable pay cell read as ``"0"``, every other
#: cell as it is (a lookup in C, not a Python expression per cell).
_EMPTY_IS_ZERO: Final = {"": "0"}


def _fast_amounts(column: str, cells: Sequence[str]) -> list[int] | list[Decimal] | None:
    """Exact amounts of a column of cells, or None if any is blank or bad: whole numbers where
    every cell is one (``int`` reads no text that ``Decimal`` reads otherwise), else
    decimals."""
    values: list[int] | list[Decimal]
    digits = "".join(cells)
    if not (digits.isascii() and digits.isdigit()):  # whole numbers (most columns): no search
        text = "\n".join(cells)
        if _NOT_PLAIN_CHAR.search(text) or _TOO_MANY_PLACES.search(text):
            return None  # separators, other digits, exponents, many places: the careful path
    try:
        values = list(map(int, cells))
    except ValueError:
        try:
            values = list(map(Decimal, cells))
        except InvalidOperation:
            return None
    if not values:
        return values
    try:
        low, high = min(values), max(values)
        if high >= _LIMIT or (low <= 0 if column == "base_pay" else low < 0):
            return None
    except InvalidOperation:  # a NaN, which cannot be compared
        return None
    return values


def _fast(name: str, found: dict[str, int], chunks: Iterator[Chunk]) -> Roster | None:
    """The fast path: read the table a chunk at a time, a column at a time, with no per-row
    Python code. The profile columns of a row are looked up as one tuple (a roster has few
    distinct profiles, each parsed once); amounts go straight to ``int`` where they are whole
    numbers, else to ``Decimal`` (see :attr:`Roster.whole`). Gives up
    (``None``) at the first thing that needs a finding or a careful look: a bad or blank value,
    a blank row, a repeated id (and the chunk source raises
    :class:`~dualladder._internal.io.roster.columnar.OtherLayout` for a row it cannot split). The
    careful path
    then reads the whole table again and says where."""
    roster = Roster(name, {c: i + 1 for c, i in found.items()})
    profiles = _Profiles(roster, found)
    person = [(c, found[c], getattr(roster, c)) for c in PERSON_COLUMNS if c in found]
    memos = {c: _Memo(PARSERS[c], BAD) for c in PERSON_COLUMNS}  # kept from chunk to chunk
    roster.whole = {"base_pay", "variable_pay"} & found.keys()  # until a chunk has a decimal
    total = 0
    for chunk in chunks:
        cells = chunk.column
        for column, index, target in person:
            values: list[Any] | None = None
            if column == "employee_id":
                values = list(map(str.strip, cells(index)))
                if not all(values):  # an empty id
                    return None
            else:
                if column == "base_pay":
                    values = _fast_amounts(column, cells(index))
                elif column == "variable_pay":  # an empty cell is 0
                    found_cells = cells(index)
                    if not all(found_cells):  # an empty cell
                        found_cells = list(map(_EMPTY_IS_ZERO.get, found_cells, found_cells))
                    values = _fast_amounts(column, found_cells)
                # equity grants and hire dates repeat: parsed once per distinct value below
                # (as are amounts that need a careful look, such as a blank cell of spaces)
                if values is None:
                    known = memos[column]
                    values = list(map(known.__getitem__, cells(index)))
                    if known.failed:
                        return None
                if column in roster.whole and not all(type(v) is int for v in values[:1]):
                    roster.whole.discard(column)  # decimals from here: the column is decimal
                    target[:] = map(Decimal, target)
                elif column in ("base_pay", "variable_pay") and column not in roster.whole:
                    values = list(map(Decimal, values))
            target.extend(values)
        indices = list(map(profiles.raw.__getitem__, map(
            "\x00".join, zip(*(cells(index) for index in profiles.indices), strict=True))))
        if profiles.raw.failed:
            return None
        roster.profile.extend(indices)
        roster.line.extend(range(chunk.first, chunk.first + chunk.size))
        total += chunk.size
    if len(set(roster.employee_id)) != total:
        return None
    for column in PERSON_COLUMNS:
        if column not in found:
            getattr(roster, column).extend(itertools.repeat(ABSENT[column], total))
    roster.rows_read = total
    return roster


def _located(name: str, problem: TableProblem) -> Finding:
    return Finding(
        name, problem.line, problem.column, "DL301", default_severity("DL301"), problem.message
    )


def _mapping(columns: ColumnMap | Mapping[str, str] | None) -> ColumnMap:
    return columns if isinstance(columns, ColumnMap) else ColumnMap(columns)


def read_roster(
    path: str | os.PathLike[str],
    *,
    columns: ColumnMap | Mapping[str, str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> RosterResult:
    """Read the roster file at ``path`` (CSV, or XLSX with the ``xlsx`` extra).

    ``columns`` maps a column to the header it is read from (``{"level": "Grade"}``).
    Bad input never raises: it is a finding. Raises :class:`OSError` for a file that cannot be
    read (:func:`dualladder._internal.util.files.read_regular`: missing, not a regular file, above
    ``max_bytes``), :class:`~dualladder._internal.io.roster.columns.MappingError` for a bad
    ``columns``
    mapping, and :class:`ImportError` for an XLSX file without openpyxl installed.
    """
    from dualladder._internal.util.files import read_regular

    mapping = _mapping(columns)
    name = os.fspath(path)
    data = read_regular(path, max_bytes=max_bytes)
    builder = _Builder(name, mapping)
    try:
        roster = builder.build(_table(name, data, max_bytes))
    except TableProblem as problem:
        return RosterResult(None, [_located(name, problem)])
    if roster is None:
        return RosterResult(None, sorted(builder.findings))
    return RosterResult(roster, sorted(builder.findings))


def read_rows(
    rows: Iterable[Mapping[str, object]] | DataFrameLike,
    *,
    name: str = "<rows>",
    columns: ColumnMap | Mapping[str, str] | None = None,
) -> RosterResult:
    """A roster from rows of dicts (header name -> value), e.g. from ``csv.DictReader`` or a
    database query. The header is every key of the rows, in the order first seen (a key a row
    lacks is an empty cell); row ``n`` (from 1) is "line" ``n + 1`` of findings, as if the
    header were line 1. ``rows`` may also be a pandas DataFrame (its columns are the header).
    Values may be text, numbers or dates, of Python, numpy or pandas; missing values (None,
    NaN, ``pandas.NA``, ``NaT``) are empty cells (:mod:`~dualladder._internal.util.cells`)."""
    builder = _Builder(name, _mapping(columns))
    frame = table_rows(rows)
    if frame is not None:
        header, values = frame
        lines: list[list[str]] = [[cell_text(value) for value in row] for row in values]
    else:
        table = list(cast(Iterable[Mapping[str, object]], rows))  # not a DataFrame
        header = [str(key) for key in dict.fromkeys(key for row in table for key in row)]
        lines = [[cell_text(row.get(key)) for key in header] for row in table]
    if not lines:
        problem = TableProblem(1, 1, "no rows; a roster needs at least one person")
        return RosterResult(None, [_located(name, problem)])

    def numbered() -> Iterator[tuple[int, list[str]]]:
        yield from enumerate(lines, start=2)

    roster = builder.build(_Table(header, 1, numbered()))
    return RosterResult(roster, sorted(builder.findings))


#: The documentation of the roster read codes (docs/rules.md), in the shape of a rule docstring.
READ_DOCS: Final[dict[str, str]] = {
    "DL301": '''
        The roster file cannot be read as a roster table, so nothing is audited: the file is
        empty or holds only a header row; it is binary (a NUL byte), not UTF-8 text, an Excel
        97-2003 `.xls` workbook, or an XLSX workbook that cannot be opened; its first line has
        no comma, semicolon or tab between column names; the header lacks one of the required
        columns `employee_id`, `track`, `level`, `base_pay`; or the header names a column the
        audit reads twice. The finding points at the line and column where the problem is.

        Why it matters: an audit of a file that was half understood would report statistics
        about people who are not in it, or miss people who are.

        How to fix: export the roster as CSV UTF-8 (or XLSX) with a header row; name the
        columns as the audit does, or map your export's names to them with a column mapping
        (see docs/audit.md), such as this mapping file:

        ```yaml
        # columns.yaml: roster column -> the header of your export
        employee_id: Personnel number
        level: Grade
        base_pay: Annual base salary
        ```
    ''',
    "DL302": '''
        A row has a bad value, so that row is left out of the audit (the others are audited):
        an empty `employee_id`, `track` or `level`; a `base_pay` that is empty, not a number,
        zero or negative; a `variable_pay` or `equity` that is not a number or negative; an
        `fte` that is not a fraction from 0.0001 to 1; a
        `currency` that is not a three-letter ISO 4217 code; or a `hire_date` that is not a
        date (`YYYY-MM-DD`). Amounts are read exactly, as decimals, written with the digits
        0-9, below 10^15 with at most 20 decimal places; `85,000` or `1_000` with a thousands
        separator is refused rather than guessed, as are other digits (`٨٥٠٠٠`).
        The finding names the row by its `employee_id` and never quotes
        the amount, gender or date itself.

        Why it matters: a pay gap computed over rows that were silently misread is wrong, and
        nobody can tell by how much.

        How to fix: correct the cell at the line and column shown, in the HR system that
        exports the roster. Amounts are plain numbers (`85000.50`); `fte` is a fraction
        (`0.8` for 80 %).

        ```yaml
        # roster.csv (the column is the field's position, counted from 1)
        # employee_id,track,level,base_pay,fte
        # E1001,technical,L5,"85,000",1      <- DL302 at 3:4: write 85000
        # E1002,management,L5,90000,80       <- DL302 at 4:5: write 0.8
        ```
    ''',
    "DL303": '''
        An employee id appears on more than one row. Every row of that id is left out of the
        audit; the finding is on each repeated row and names the line of the first.

        Why it matters: one person counted twice weighs twice in every median and gap, and two
        people sharing an id cannot be told apart in the findings. Keeping only the first row
        would make the result depend on the order of the export.

        How to fix: export one row per person (a person with two contracts is one row with
        their total pay and fte), or correct the id that was mistyped.

        ```yaml
        # employee_id,track,level,base_pay
        # E1001,technical,L5,85000
        # E1001,management,L5,90000          <- DL303: E1001 is on line 2 too
        ```
    ''',
}
