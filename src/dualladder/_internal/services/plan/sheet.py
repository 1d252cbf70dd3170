"""The tracking sheet of a plan: ``dualladder plan sheet`` and ``dualladder plan update``.

The sheet has one row per step and one per thing the goal asks, with owner, due date, status
and evidence columns, as CSV or XLSX (XLSX through the optional ``xlsx`` extra, openpyxl). A
manager and their report fill in the step rows; :func:`read_sheet` reads them back and
:func:`apply_sheet` puts them into the plan, matched by step id, all or nothing.

A sheet comes back from other people's spreadsheets, so reading it is defensive: the file is
read with the size cap of every input, an XLSX workbook is checked to unpack to a bounded size
before openpyxl opens it, rows are counted as they are read (a sheet is small; a hostile one
that claims a billion rows stops at :data:`SHEET_MAX_ROWS`), and every cell is checked before
anything is applied. Text that a spreadsheet would run as a formula (a cell starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading apostrophe
in CSV, and as a text cell with Excel's quote prefix in XLSX; the apostrophe is taken off again
when a CSV sheet is read back, and a formula typed into an XLSX cell that is read is refused
(its value is whatever the spreadsheet last computed, not what someone typed).
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from dualladder._internal.model.ladder import Ladder
from dualladder._internal.model.plan import Plan, Status, Step
from dualladder._internal.model.step import text_key
from dualladder._internal.rules.plan import PlanContext, goal_asks
from dualladder._internal.services.plan.words import (
    kind_names,
    owner_names,
    read_back,
    status_names,
)
from dualladder._internal.util import i18n
from dualladder._internal.util.files import read_regular, write_atomic
from dualladder._internal.util.i18n import N_
from dualladder._internal.util.textsafe import CONTROLS, escape_controls, position_of
from dualladder._internal.util.xlsx import NotAWorkbook, WorkbookTooLarge, check_unpacked, every_row

__all__ = [
    "COLUMNS",
    "SHEET_MAX_BYTES",
    "SHEET_MAX_ROWS",
    "SHEET_MAX_UNPACKED",
    "NotASheet",
    "SheetError",
    "SheetRow",
    "apply_sheet",
    "read_sheet",
    "sheet_rows",
    "sheet_suffix",
    "write_sheet",
]

#: The columns of the sheet, in order (their keys; the header row names them in the reader's
#: language, and reading accepts the names of every shipped language).
COLUMNS = ("kind", "id", "what", "for", "owner", "due", "status", "evidence", "made")
#: The column names as the header row writes them, marked for the catalogs.
COLUMN_NAMES = {
    "kind": N_("kind"), "id": N_("id"), "what": N_("what"), "for": N_("for"),
    "owner": N_("owner"), "due": N_("due"), "status": N_("status"),
    "evidence": N_("evidence"), "made": N_("made"),
}


def header_row() -> list[str]:
    """The header row in the active locale (``kind, id, what...`` in English)."""
    return [i18n.gettext(COLUMN_NAMES[key]) for key in COLUMNS]


@functools.cache
def _column_keys() -> dict[str, str]:
    """Every shipped language's name of each column (lowercase) -> the column's key."""
    keys: dict[str, str] = {}
    for key in COLUMNS:
        for name in i18n.in_every_locale(COLUMN_NAMES[key]):
            keys.setdefault(name.strip().lower(), key)
    return keys


def column_key(text: str) -> str:
    """The key of the column a header cell names (in any shipped language), else the text."""
    name = text.strip().lower()
    return _column_keys().get(name, name)

#: The columns a sheet must have to be read back; ``owner`` and ``due`` are applied when present.
REQUIRED = ("kind", "id", "status", "evidence")
#: The columns whose cells :func:`apply_sheet` puts into the plan.
FILLED = ("owner", "due", "status", "evidence")
#: The kinds of the rows that are not steps: the asks of the goal, shown for reference.
ASK_KINDS = ("expectation", "scope", "decision")
#: A tracking sheet is small: a bigger file, or more rows, is not one.
SHEET_MAX_BYTES = 4 * 1024 * 1024
SHEET_MAX_ROWS = 10_000
#: What an XLSX workbook may unpack to (its parts together), and how many parts it may have.
SHEET_MAX_UNPACKED = 64 * 1024 * 1024
SHEET_MAX_PARTS = 1_000
#: Columns read from each row; cells further right are ignored.
SHEET_MAX_COLUMNS = 64

_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_STATUSES = [s.value for s in Status]


class SheetError(ValueError):
    """The sheet's rows cannot be applied: ``problems`` are ``file:line:col: message`` lines
    (exit 1)."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        more = len(self.problems) - 1
        super().__init__(self.problems[0] + (f" (and {more} more)" if more > 0 else ""))


class NotASheet(SheetError):
    """The file is not a tracking sheet that can be read at all (exit 2): not CSV or XLSX,
    not UTF-8, NUL bytes, too big, no header with the sheet's columns."""


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One step row as read back: where it is, the step id, and the cells of the columns the
    sheet has among :data:`FILLED` (text as typed, whitespace at the ends removed), with the
    1-based column number of each."""

    line: int
    id: str
    cells: dict[str, str] = field(default_factory=dict)
    columns: dict[str, int] = field(default_factory=dict)
    #: The ``made`` cell: the fingerprint of the step when the sheet was made
    #: (:func:`fingerprint`), or None for a sheet without one.
    made: str | None = None


def fingerprint(step: Step) -> str:
    """12 hex digits that change whenever the step's status, evidence, owner or due date does:
    the ``made`` cell of its row, so ``plan update`` can tell a sheet made from an older state
    of the step (whose cells would set it back) from one made from the plan as it is."""
    state = "\x1f".join([step.status.value, step.evidence or "", step.owner or "",
                          step.due.isoformat() if step.due else ""])
    return hashlib.sha256(state.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def sheet_suffix(path: str | os.PathLike[str]) -> str:
    """``.csv`` or ``.xlsx`` (any case), or :class:`NotASheet` for any other file name."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise NotASheet(
            [f"{escape_controls(os.fspath(path))}: a tracking sheet is a .csv or .xlsx file"]
        )
    return suffix


def _text(text: str) -> str:
    """Cell text: every control escaped but line breaks and tabs (a cell may hold several
    lines; CSV quotes it and XLSX wraps it)."""
    return escape_controls(text.replace("\r\n", "\n"), keep="\n\t")


def _csv_cell(text: str) -> str:
    """CSV-safe text: a would-be formula (or a text that starts with the apostrophe this adds)
    quoted with an apostrophe."""
    return "'" + text if text.startswith((*_FORMULA, "'")) else text


def _uncell(text: str) -> str:
    """The text :func:`_csv_cell` quoted, as it was."""
    return text[1:] if text.startswith("'") and text[1:].startswith((*_FORMULA, "'")) else text


def sheet_rows(plan: Plan, ladder: Ladder | None) -> list[list[str]]:
    """The rows under the header: each step, then each ask of the goal (none without the
    ladder) with the steps that cover it (``waived: reason`` when waived, ``not covered``
    when nothing does)."""
    kinds, owners, statuses = kind_names(), owner_names(), status_names()
    rows: list[list[str]] = []
    for step in plan.steps:
        rows.append(
            [
                kinds["step"], step.id, step.what, "; ".join(step.covers),
                owners.get(step.owner, step.owner) if step.owner else "",
                step.due.isoformat() if step.due else "", statuses[step.status.value],
                step.evidence or "", fingerprint(step),
            ]
        )
    waivers = {text_key(w.ask): w.reason for w in plan.waived}
    for number, ask in enumerate(goal_asks(PlanContext(plan, ladder)), start=1):
        key = text_key(ask.text)
        steps = [
            s.id for s in plan.steps
            if s.status is not Status.DROPPED and key in {text_key(c) for c in s.covers}
        ]
        covered = ", ".join(steps) if steps else (
            i18n.gettext("waived: %(reason)s") % {"reason": waivers[key]} if key in waivers
            else i18n.gettext("not covered")
        )
        rows.append([kinds[ask.kind], f"A{number}", ask.text, covered, "", "", "", "", ""])
    return [[_text(value) for value in row] for row in rows]


def _xlsx(rows: list[list[str]]) -> bytes:
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
        from openpyxl.worksheet.datavalidation import DataValidation
    except ImportError:
        raise NotASheet(
            ["writing .xlsx needs the xlsx extra: pip install 'dualladder[xlsx]' (or use .csv)"]
        ) from None
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "plan"
    sheet.append(header_row())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, row in enumerate(rows, start=2):
        for column, text in enumerate(row, start=1):
            cell = sheet.cell(row=number, column=column)
            cell.value = text
            cell.data_type = "s"  # never a formula, whatever the text
            cell.alignment = wrap
            if text.startswith(_FORMULA):
                cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
    widths = {"A": 12, "B": 6, "C": 60, "D": 40, "E": 16, "F": 12, "G": 13, "H": 40}
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    statuses = DataValidation(
        type="list", formula1='"' + ",".join(status_names().values()) + '"', allow_blank=True
    )
    sheet.add_data_validation(statuses)
    steps = sum(1 for row in rows if row[0] == kind_names()["step"])
    if steps:
        statuses.add(f"G2:G{steps + 1}")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sheet_bytes(plan: Plan, ladder: Ladder | None, suffix: str) -> bytes:
    """The tracking sheet of ``plan`` as the bytes of a ``.csv`` or ``.xlsx`` file."""
    rows = sheet_rows(plan, ladder)
    if suffix == ".xlsx":
        return _xlsx(rows)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header_row())
    writer.writerows([[_csv_cell(value) for value in row] for row in rows])
    # with a byte order mark, so that Excel opens it as UTF-8 (reading skips it)
    return buffer.getvalue().encode("utf-8-sig")


def write_sheet(plan: Plan, ladder: Ladder | None, path: str | os.PathLike[str]) -> None:
    """Write the tracking sheet of ``plan`` to ``path`` (``.csv`` or ``.xlsx``), atomically."""
    write_atomic(path, sheet_bytes(plan, ladder, sheet_suffix(path)))


# -- reading ----------------------------------------------------------------------------------

_Cells = list[tuple[str, bool]]  # (text, typed as a formula)


def _delimiter(first_line: str) -> str:
    """The delimiter of a CSV sheet: the one that splits the header into the most of the
    sheet's column names (a spreadsheet set to a language that writes decimal commas saves
    CSV with ``;``)."""
    def known(delimiter: str) -> int:
        names = {column_key(name.strip().strip('"')) for name in first_line.split(delimiter)}
        return len(names & set(COLUMNS))

    return max((",", ";", "\t"), key=known)


def _csv_rows(name: str, raw: bytes) -> Iterator[tuple[int, _Cells]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = position_of(raw, exc.start)[0]
        raise NotASheet(
            [f"{name}:{line}:1: not UTF-8 text (save the sheet as CSV UTF-8, or as .xlsx)"]
        ) from None
    if "\x00" in text:
        line = position_of(text, text.index("\x00"))[0]
        raise NotASheet([f"{name}:{line}:1: not a CSV file: it holds NUL bytes"])
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0])
    )
    start = 1
    try:
        for row in reader:
            yield start, [(_uncell(cell), False) for cell in row[:SHEET_MAX_COLUMNS]]
            start = reader.line_num + 1
    except csv.Error as exc:
        raise NotASheet([f"{name}:{start}:1: not a CSV file: {exc}"]) from None


def _xlsx_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (value.date() if value.time() == datetime.min.time() else value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _unpacked(name: str, raw: bytes) -> None:
    """Refuse a workbook that is not a ZIP archive, or that unpacks to more than
    :data:`SHEET_MAX_UNPACKED` (see :func:`dualladder._internal.util.xlsx.check_unpacked`)."""
    try:
        check_unpacked(raw, SHEET_MAX_UNPACKED, SHEET_MAX_PARTS)
    except NotAWorkbook:
        raise NotASheet([f"{name}:1:1: not an XLSX workbook"]) from None
    except WorkbookTooLarge as exc:
        raise NotASheet([f"{name}:1:1: {exc}; a tracking sheet is small"]) from None


def _xlsx_rows(name: str, raw: bytes) -> Iterator[tuple[int, _Cells]]:
    _unpacked(name, raw)
    try:
        from openpyxl import load_workbook
    except ImportError:
        raise NotASheet(
            ["reading .xlsx needs the xlsx extra: pip install 'dualladder[xlsx]'"]
        ) from None
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise NotASheet([f"{name}:1:1: not an XLSX workbook"]) from None
    try:
        if not book.worksheets:
            raise NotASheet([f"{name}:1:1: the workbook has no sheet"])
        sheet = book.worksheets[0]
        rows = every_row(sheet, max_col=SHEET_MAX_COLUMNS)  # whatever <dimension> says
        for number, cells in enumerate(rows, start=1):
            yield number, [
                (_xlsx_value(getattr(cell, "value", None)),
                 getattr(cell, "data_type", None) == "f")
                for cell in cells
            ]
    except SheetError:
        raise
    except Exception:  # a part of the workbook that does not parse
        raise NotASheet([f"{name}:1:1: not an XLSX workbook that can be read"]) from None
    finally:
        book.close()


def _header(name: str, line: int, row: _Cells) -> dict[str, int]:
    """The 0-based index of each known column, or :class:`NotASheet`."""
    index: dict[str, int] = {}
    for position, (text, _) in enumerate(row):
        key = column_key(text)
        if key in COLUMNS:
            if key in index:
                raise NotASheet(
                    [f"{name}:{line}:{position + 1}: not a tracking sheet: the column "
                     f"{key!r} is in the header twice"]
                )
            index[key] = position
    missing = [c for c in REQUIRED if c not in index]
    if missing:
        raise NotASheet(
            [f"{name}:{line}:1: not a tracking sheet: no column "
             f"{', '.join(repr(m) for m in missing)} in the header (write one with "
             "`dualladder plan sheet`)"]
        )
    return index


def _show(text: str) -> str:
    """A cell's text as a message quotes it: controls escaped, at most 40 characters."""
    text = escape_controls(text)
    return repr(text if len(text) <= 40 else text[:39] + "\u2026")


def read_sheet(path: str | os.PathLike[str]) -> list[SheetRow]:
    """The step rows of a tracking sheet (``.csv`` or ``.xlsx``).

    Raises :class:`NotASheet` for a file that is not a tracking sheet, :class:`SheetError`
    with every bad row located (``progress.csv:5:7: ...``), OSError when it cannot be read.
    Rows of the goal's asks, and empty rows, are skipped.
    """
    name = escape_controls(os.fspath(path))
    suffix = sheet_suffix(path)
    raw = read_regular(path, max_bytes=SHEET_MAX_BYTES)
    rows = _xlsx_rows(name, raw) if suffix == ".xlsx" else _csv_rows(name, raw)
    problems: list[str] = []
    out: list[SheetRow] = []
    index: dict[str, int] | None = None
    count = 0
    for line, row in rows:
        count += 1
        if count > SHEET_MAX_ROWS:
            raise NotASheet(
                [f"{name}:{line}:1: more than {SHEET_MAX_ROWS:,} rows; a tracking sheet is "
                 "small"]
            )
        if index is None:
            if any(text.strip() for text, _ in row):
                index = _header(name, line, row)
            continue

        def cell(column: str, row: _Cells = row, index: dict[str, int] = index) -> tuple[
            str, bool
        ]:
            at = index.get(column)
            return row[at] if at is not None and at < len(row) else ("", False)

        if not any(text.strip() for text, _ in row):
            continue
        typed = cell("kind")[0].strip()
        kind = read_back("kind", typed)
        step_id = cell("id")[0].strip()
        if kind in ASK_KINDS:
            continue
        if kind != "step":
            what = f"the kind {_show(typed)}" if typed else "a row without a kind"
            problems.append(
                f"{name}:{line}:{index['kind'] + 1}: {what} is not a step or an ask of the "
                f"goal ({', '.join(('step', *ASK_KINDS))}); add new steps in the plan file"
            )
            continue
        cells: dict[str, str] = {}
        columns: dict[str, int] = {}
        for column in ("id", *FILLED):
            if column not in index:
                continue
            text, formula = cell(column)
            columns[column] = index[column] + 1
            if formula:
                problems.append(
                    f"{name}:{line}:{columns[column]}: the {column} of step {_show(step_id)} is "
                    "a formula; type the value itself"
                )
                continue
            cells[column] = text.replace("\r\n", "\n").strip()
        cells.pop("id", None)
        made = cell("made")[0].strip() if "made" in index else ""
        out.append(SheetRow(line, step_id, cells, columns, made or None))
    if index is None:
        raise NotASheet([f"{name}:1:1: the sheet is empty"])
    if problems:
        raise SheetError(problems)
    return out


# -- applying -----------------------------------------------------------------------------------


def _status(text: str) -> Status | None:
    """A status as people type it: its key or its name in any shipped language (``erledigt``,
    ``en cours``), in any case, ``in progress`` or ``in_progress`` for ``in-progress``; an
    empty cell is ``open``."""
    if not text.strip():
        return Status.OPEN
    key = read_back("status", text)
    return Status(key) if key is not None else None


def _owner(text: str) -> str:
    """An owner as the plan file writes it: ``employee`` or ``manager`` for their names in
    any shipped language (``Führungskraft``), any other text as it is."""
    return read_back("owner", text) or text


def _row_values(row: SheetRow, step: Step, where: str) -> tuple[dict[str, Any], list[str]]:
    """The step fields a row sets, and the problems of its cells. A text cell that shows the
    step's own text as the sheet wrote it (controls escaped) leaves the field as it is, so a
    sheet nobody changed changes nothing."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    for column, text in row.cells.items():
        at = f"{where}:{row.line}:{row.columns[column]}"
        if column == "owner":
            text = _owner(text)
        if column in ("owner", "evidence"):
            current: str | None = getattr(step, column)
            if current is not None and text == _text(current).strip():
                continue
        bad = CONTROLS.search(text.replace("\n", "").replace("\t", "") if column == "evidence"
                              else text)
        if bad is not None:
            problems.append(
                f"{at}: the {column} of step {_show(row.id)} holds a control character "
                f"({escape_controls(bad.group())})"
            )
            continue
        if column == "status":
            status = _status(text)
            if status is None:
                problems.append(
                    f"{at}: status {_show(text)} of step {_show(row.id)} is not one of "
                    f"{', '.join(_STATUSES)}"
                )
                continue
            values["status"] = status
        elif column == "due":
            try:
                values["due"] = date.fromisoformat(text) if text else None
            except ValueError:
                problems.append(
                    f"{at}: due {_show(text)} of step {_show(row.id)} is not a date "
                    "(YYYY-MM-DD)"
                )
        else:
            values[column] = text or None
    return values, problems


def _reverted(step: Step, values: dict[str, Any]) -> list[str]:
    """What ``values`` would change of ``step``: ``status done -> open``, ``evidence (removed)``."""
    out: list[str] = []
    for column in FILLED:
        if column not in values or values[column] == getattr(step, column):
            continue
        old, new = getattr(step, column), values[column]
        if column == "status":
            out.append(f"status {old.value} -> {new.value}")
        elif column == "evidence":
            out.append("evidence (removed)" if new is None else "evidence (replaced)")
        else:
            shown = (old.isoformat() if isinstance(old, date) else old) or "(none)"
            out.append(f"{column} {_show(str(shown))}")
    return out


def apply_sheet(
    plan: Plan, rows: Sequence[SheetRow], name: str = "<sheet>", *, force: bool = False
) -> Plan:
    """``plan`` with each step's ``status``, ``evidence``, ``owner`` and ``due`` as the sheet
    says (the last two when the sheet has those columns; an empty cell clears the field, an
    empty status is ``open``). Steps the sheet does not list are left as they were.

    Raises :class:`SheetError` with every problem (a step id the plan does not have, a step
    listed twice, a status, date or text the plan cannot hold), and changes nothing then. A
    row made from an older state of its step (its ``made`` cell is not the step's
    :func:`fingerprint`) that would change the step would set back what changed since: each is
    a problem naming what it reverts, unless ``force``.
    """
    where = escape_controls(name)
    problems: list[str] = []
    seen: dict[str, int] = {}
    updates: dict[str, Step] = {}
    for row in rows:
        at = f"{where}:{row.line}:{row.columns.get('id', 1)}"
        step = plan.step(row.id)
        if step is None:
            shown = _show(row.id) if row.id else "(empty)"
            problems.append(
                f"{at}: step {shown} is not in the plan; add new steps in the plan file"
            )
            continue
        if row.id in seen:
            problems.append(
                f"{at}: step {row.id} is listed twice (first on line {seen[row.id]})"
            )
            continue
        seen[row.id] = row.line
        values, bad = _row_values(row, step, where)
        problems.extend(bad)
        if bad:
            continue
        data = step.model_dump(by_alias=True)
        data.update(values)
        if not force and row.made is not None and row.made != fingerprint(step):
            reverted = _reverted(step, values)
            if reverted:
                at = f"{where}:{row.line}:{row.columns.get('status', 1)}"
                problems.append(
                    f"{at}: step {row.id} changed in the plan since this sheet was made; the "
                    f"sheet would set back its {', '.join(reverted)} (use a sheet made from "
                    "the plan as it is, or pass --force)"
                )
                continue
        try:
            updates[row.id] = Step.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                column = str(error["loc"][0]) if error["loc"] else "id"
                col = row.columns.get(column, 1)
                problems.append(
                    f"{where}:{row.line}:{col}: the {column} of step {row.id}: "
                    f"{' '.join(error['msg'].split())}"
                )
    if problems:
        raise SheetError(problems)
    return plan.model_copy(
        update={"steps": [updates.get(step.id, step) for step in plan.steps]}
    )
