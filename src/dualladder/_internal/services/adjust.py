"""A market adjustment given as a table (``dualladder.adjust``): each row says by how many percent
the bands of a family, level and zone move, and the new amounts are written where the bands are
written, every file checked before any is saved.

The rules (``docs/python-api.md``, "Adjusting pay from a table"):

* A row has ``family``, ``level``, ``zone``, ``percent`` and, optionally, ``reason``. ``family``
  empty is the company (a standalone ladder: the ladder), ``*`` the company and every family;
  ``level`` ``*`` every level; ``zone`` empty the base zone, ``*`` the base and every zone.
* A row with a wildcard moves the bands that are **written** where it points (the company's
  level and explicit zone bands; a family's differential bands and zone bands, its own level
  bands, its rungs' own bands); a band that follows others (a zone's factor, a differential's
  factor, the company's band in a family) follows them.
* A row that names one band exactly (a family by name, a level, a zone or the base) moves that
  band by its percent in total, writing what it takes: a differential's factor, a new factor
  differential (with the row's ``reason``), or an explicit zone band.
* Where two rows name one band, the more exact wins; two as exact are an error. Every error of
  every row is reported at once (:class:`AdjustmentError`), naming the row, and nothing is
  written; the adjusted files are checked as a whole (``dualladder.check``) before any is.

The adjustment runs on scratch copies of the files, so a failure leaves every file as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Final

from dualladder._internal.io.company.load import load_company
from dualladder._internal.io.company.save import save_company
from dualladder._internal.io.read import load, read
from dualladder._internal.io.roster.read import TableProblem, csv_table
from dualladder._internal.io.save import save
from dualladder._internal.model.company import Company, Differential, Zone
from dualladder._internal.model.family import link_of, zone_level_family_band
from dualladder._internal.model.ladder import Band, Ladder
from dualladder._internal.model.money import percent_fits
from dualladder._internal.services.check.documents import check
from dualladder._internal.util.cells import DataFrameLike, cell_text, table_rows
from dualladder._internal.util.files import read_regular, write_atomic
from dualladder._internal.util.numbers import plain_decimal
from dualladder._internal.util.tables import Table
from dualladder._internal.util.textsafe import cut, escape_controls

__all__ = ["Adjustment", "AdjustmentError", "adjust"]

COLUMNS = ("family", "level", "zone", "percent", "reason")
REQUIRED = ("level", "percent")
CHANGE_COLUMNS = ("file", "family", "track", "level", "zone", "what", "min_before",
                  "mid_before", "max_before", "min_after", "mid_after", "max_after",
                  "factor_before", "factor_after")
WILD = "*"
#: A factor has at most 6 decimal places (a differential's, as in a file).
FACTOR_PLACES = Decimal("0.000001")
#: The most rows of an adjustment table (a file, rows or a DataFrame): a row per band of that
#: company; ``*`` names many bands in one row.
MAX_ROWS: Final = 10_000
#: What a CSV file without a header row is told, and how to export one that is not UTF-8.
EMPTY: Final = ("the file is empty; an adjustment table starts with its header row "
                "(family,level,zone,percent)")
EXPORT: Final = "export the table as 'CSV UTF-8'"
NO_ROWS: Final = "no rows below the header; an adjustment table has a row for each band to move"


class AdjustmentError(ValueError):
    """The adjustment cannot be made: rows naming what does not exist, or a result that does
    not hold. ``problems`` holds one line each; nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the table, where it was given (``adjust.csv:3`` or ``row 2``) and, in a CSV
    file, the column number of each of its columns."""

    where: str
    family: str
    level: str
    zone: str
    percent: Decimal
    reason: str
    columns: Mapping[str, int] | None = None

    @property
    def move(self) -> Decimal:
        return 1 + self.percent / 100

    def named(self) -> bool:
        return WILD not in (self.family, self.level, self.zone) and self.family != ""

    def exactness(self) -> int:
        return sum(value != WILD for value in (self.family, self.level, self.zone))

    def at(self, column: str) -> str:
        """The row, and in a CSV file the cell of ``column`` (``adjust.csv:3:4``; the percent's
        cell for a reason the file has no column for)."""
        if self.columns is None:
            return self.where
        return f"{self.where}:{self.columns.get(column, self.columns['percent'])}"

    def cite(self, column: str) -> str:
        """The row at the cell of ``column``, with what it says."""
        return (f"{self.at(column)} (family {_quote(self.family)}, level {_quote(self.level)}, "
                f"zone {_quote(self.zone)}, percent {self.percent})")

    def __str__(self) -> str:
        return self.cite("family")


@dataclass(frozen=True, slots=True)
class Adjustment:
    """What an adjustment changed: ``changes`` (a :class:`Table`, one row per band or factor
    written) and ``files`` (the files it wrote, or would write with ``save=False``)."""

    changes: Table
    files: tuple[str, ...]
    saved: bool


# -- the table ------------------------------------------------------------------------------------


def _quote(text: str) -> str:
    """A cell as a message quotes it: cut to a few dozen characters, every control, line
    separator and bidirectional character escaped (``repr`` escapes what is not printable)."""
    return repr(cut(text))


class _Table:
    """The rows of an adjustment table read so far, and every problem found in it."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.problems: list[str] = []
        self.seen = 0

    def count(self, where: str) -> None:
        """One more row, at ``where``; past :data:`MAX_ROWS`, AdjustmentError at once."""
        self.seen += 1
        if self.seen > MAX_ROWS:
            raise AdjustmentError([*self.problems, f"{where}: more than {MAX_ROWS:,} rows; an "
                                   "adjustment table names bands (* names many at once)"])

    def header(self, at: Callable[[int], str], names: list[str]) -> dict[str, int] | None:
        """The column number of each column the header names (1-based), or None with the
        problems of a header that is not the table's (one line each, however many columns;
        ``at``: where a column of the header is)."""
        found: dict[str, int] = {}
        unknown: list[tuple[int, str]] = []
        for number, name in enumerate(names, 1):
            key = name.strip().casefold()
            if key in found:
                self.problems.append(f"{at(number)}: the header names column {key} twice "
                                     f"(columns {found[key]} and {number}); keep one")
            elif key in COLUMNS:
                found[key] = number
            else:
                unknown.append((number, name))
        if unknown:
            number, name = unknown[0]
            more = f" and {len(unknown) - 1:,} more" if len(unknown) > 1 else ""
            self.problems.append(f"{at(number)}: unknown column {_quote(name)}{more} "
                                 f"(columns: {', '.join(COLUMNS)}; reason is optional)")
        missing = [key for key in REQUIRED if key not in found]
        if missing:
            self.problems.append(f"{at(1)}: missing column(s) {', '.join(missing)} (columns: "
                                 f"{', '.join(COLUMNS)}; reason is optional)")
        return None if self.problems else found

    def add(self, where: str, record: Mapping[str, object],
            columns: Mapping[str, int] | None = None) -> None:
        """Read one row (its cells by column name); a bad cell is a problem naming it."""
        text = {key: cell_text(record.get(key)).strip() for key in COLUMNS}

        def cell(column: str) -> str:
            return f"{where}:{columns[column]}" if columns is not None else where

        percent = plain_decimal(text["percent"])
        if percent is None or not percent_fits(percent) or percent <= -100:
            self.problems.append(f"{cell('percent')}: percent {_quote(text['percent'])} is not a "
                                 "raise in percent above -100 and at most 100,000, with at most "
                                 "6 decimal places (such as 3 or -1.5)")
        elif text["level"] == "":
            self.problems.append(f"{cell('level')}: the level is empty (a level id, or * for "
                                 "every level)")
        else:
            self.rows.append(Row(where, text["family"], text["level"], text["zone"], percent,
                                 text["reason"], columns))


def _read_csv(table: _Table, name: str) -> None:
    """The rows of a CSV file (a regular file of at most the 4 MiB every input file may have:
    :func:`read_regular`), read as a roster's are (:func:`csv_table`)."""
    shown = escape_controls(name)
    data = read_regular(name)
    try:
        header, header_line, numbered = csv_table(data, empty=EMPTY, export=EXPORT)
        columns = table.header(lambda number: f"{shown}:{header_line}:{number}", header)
        if columns is None:
            return
        width = len(header)
        for line, cells in numbered:
            if not cells:
                continue  # a blank line
            table.count(f"{shown}:{line}")
            short = max(columns[key] for key in REQUIRED) > len(cells)  # an unclosed quote?
            if len(cells) > width or short:
                table.problems.append(f"{shown}:{line}:{min(len(cells), width) + 1}: "
                                      f"{len(cells)} cell(s), but the header names {width} "
                                      "columns" + ("; is a quote left open?" if any(
                                          "\n" in cell for cell in cells) else ""))
                continue
            record = {key: cells[n - 1] for key, n in columns.items() if n <= len(cells)}
            table.add(f"{shown}:{line}", record, columns)
    except TableProblem as problem:
        table.problems.append(f"{shown}:{problem.line}:{problem.column}: {problem.message}")
        return
    if table.seen == 0:
        table.problems.append(f"{shown}:{header_line}:1: {NO_ROWS}")


def _read_records(table: _Table, records: Any) -> None:
    """The rows of a DataFrame (its columns checked once) or of records (each row's keys)."""
    frame = table_rows(records)
    if frame is not None:
        names, values = frame
        if table.header(lambda number: f"the table's column {number}", names) is None:
            return
        folded = [name.strip().casefold() for name in names]
        for number, cells in enumerate(values, 1):
            table.count(f"row {number}")
            table.add(f"row {number}", dict(zip(folded, cells, strict=True)))
        return
    for number, record in enumerate(records, 1):
        table.count(f"row {number}")
        if not isinstance(record, Mapping):
            raise TypeError(f"row {number}: a row is a mapping of column to value, not "
                            f"{type(record).__name__}")
        keys = {str(key).strip().casefold(): value for key, value in record.items()}
        unknown = [str(key) for key in record if str(key).strip().casefold() not in COLUMNS]
        missing = [key for key in REQUIRED if key not in keys]
        if unknown or missing:
            more = f" and {len(unknown) - 1:,} more" if len(unknown) > 1 else ""
            table.problems.append(f"row {number}: " + "; ".join(
                ([f"unknown column {_quote(unknown[0])}{more}"] if unknown else [])
                + ([f"missing column(s) {', '.join(missing)}"] if missing else []))
                + f" (columns: {', '.join(COLUMNS)}; reason is optional)")
            continue
        table.add(f"row {number}", keys)


def read_rows(table: str | os.PathLike[str] | DataFrameLike | Iterable[Mapping[str, object]]
              ) -> list[Row]:
    """The rows of an adjustment table; AdjustmentError naming every bad row (its file, line
    and column) at once."""
    read = _Table()
    if isinstance(table, str | os.PathLike):
        _read_csv(read, os.fspath(table))
    else:
        _read_records(read, table)
    if read.seen == 0 and not read.problems:
        read.problems.append(f"the table: {NO_ROWS}")
    if read.problems:
        raise AdjustmentError(read.problems)
    return read.rows


# -- what each row names --------------------------------------------------------------------------

#: A band an adjustment names: the company's (family None) or a family's, a level, a zone.
Key = tuple[str | None, str, str | None]


def _targets(rows: list[Row], company: Company | None, ladder: Ladder | None
             ) -> dict[Key, Row]:
    """Every band the rows name, with the row that moves it (the most exact)."""
    problems: list[str] = []
    chosen: dict[Key, Row] = {}
    assert company is not None or ladder is not None
    level_ids = company.level_ids if company is not None else ladder.level_ids  # type: ignore[union-attr]
    zone_ids = company.zone_ids if company is not None else []
    for row in rows:
        scopes: list[str | None]
        if row.family == "":
            scopes = [None]
        elif row.family == WILD:
            scopes = [None, *(f.family for f in company.families)] if company else [None]
        else:
            found = (company.family(row.family) if company is not None else
                     ladder if ladder is not None and ladder.family.casefold()
                     == row.family.strip().casefold() else None)
            if found is None:
                known = ([f.family for f in company.families] if company
                         else [ladder.family] if ladder else [])
                problems.append(f"{row.cite('family')}: no family {_quote(row.family)} (families: "
                                f"{', '.join(known) or 'none'}; empty for the company)")
                continue
            scopes = [found.family if company is not None else None]
        if row.level != WILD and row.level not in level_ids:
            problems.append(f"{row.cite('level')}: no level {_quote(row.level)} (levels: "
                            f"{', '.join(level_ids)})")
            continue
        if row.zone not in ("", WILD) and row.zone not in zone_ids:
            problems.append(f"{row.cite('zone')}: no zone {_quote(row.zone)} (zones: "
                            f"{', '.join(zone_ids) or 'none: a standalone ladder'}; empty "
                            "for the base zone)")
            continue
        levels = level_ids if row.level == WILD else [row.level]
        zones: list[str | None] = ([None, *zone_ids] if row.zone == WILD
                                   else [row.zone or None])
        for key in ((s, lv, z) for s in scopes for lv in levels for z in zones):
            other = chosen.get(key)
            if other is None or row.exactness() > other.exactness():
                chosen[key] = row
            elif row.exactness() == other.exactness() and other.move != row.move:
                problems.append(f"{row.cite('percent')}: names the band of "
                                f"{key[0] or 'the company'}, level {key[1]}, zone "
                                f"{key[2] or 'base'} as {other.cite('percent')} does; keep one")
    if problems:
        raise AdjustmentError(problems)
    return chosen


# -- applying it ----------------------------------------------------------------------------------


@dataclass
class _Run:
    targets: dict[Key, Row]
    round_to: Decimal
    changes: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    #: The company's base bands before the adjustment, by level id.
    company_before: dict[str, Band | None] = field(default_factory=dict)

    def move(self, key: Key) -> Decimal:
        row = self.targets.get(key)
        return row.move if row is not None else Decimal(1)

    def scaled(self, row: Row, band: Band, file: str, key: Key, what: str,
               track: str | None = None) -> Band | None:
        try:
            new = band.scaled(row.percent, self.round_to)
        except ValueError as exc:
            self.problems.append(f"{row.cite('percent')}: {what} of level {key[1]}: {exc}")
            return None
        self.changes.append(_change(file, key, what, track, band, new))
        return new


def _change(file: str, key: Key, what: str, track: str | None, before: Band | None,
            after: Band | None, factors: tuple[Decimal | None, Decimal | None] = (None, None)
            ) -> dict[str, Any]:
    return {
        "file": file, "family": key[0], "track": track, "level": key[1], "zone": key[2],
        "what": what,
        "min_before": before.min if before else None, "mid_before": before.mid if before else None,
        "max_before": before.max if before else None,
        "min_after": after.min if after else None, "mid_after": after.mid if after else None,
        "max_after": after.max if after else None,
        "factor_before": factors[0], "factor_after": factors[1],
    }


def _company_bands(run: _Run, company: Company, file: str) -> None:
    """The company's rows: its level bands and its zones' bands."""
    zones = {zone.id: zone for zone in company.zones}
    for key, row in run.targets.items():
        scope, level_id, zone_id = key
        if scope is not None:
            continue
        level = company.level(level_id)
        assert level is not None
        if zone_id is None:
            if level.pay is None:
                if row.named():
                    run.problems.append(f"{row.cite('level')}: level {level_id} has no band "
                                        "to adjust")
                continue
            new = run.scaled(row, level.pay, file, key, "level band")
            if new is not None:
                level.pay = new
            continue
        zone = zones[zone_id]
        if level_id in zone.bands:
            new = run.scaled(row, zone.bands[level_id], file, key, "zone band")
            if new is not None:
                zone.bands[level_id] = new
        elif row.exactness() == 3 and row.move != run.move((None, level_id, None)):
            _explicit_zone_band(run, row, company, zone, key, file)


def _explicit_zone_band(run: _Run, row: Row, company: Company, zone: Zone, key: Key,
                        file: str) -> None:
    """A zone that pays a level by its factor gets an explicit band: the one it paid, moved."""
    paid = company.band(key[1], zone.id)
    if paid is None:
        run.problems.append(f"{row.cite('zone')}: zone {zone.id} pays no band on level {key[1]}")
        return
    new = run.scaled(row, paid.model_copy(update={"currency": None}), file, key,
                     "zone band (written)")
    if new is not None:
        zone.bands = {**zone.bands, key[1]: new}


def _family_bands(run: _Run, family: Ladder, company: Company, original: Ladder) -> None:
    """A family's rows: what it writes, and what a row naming one band exactly needs."""
    link = link_of(family)
    assert link is not None and family.source is not None
    file = family.source.name
    for key, row in run.targets.items():
        if key[0] != family.family:
            continue
        _, level_id, zone_id = key
        found = link.file.differential(level_id)
        differential = found[1] if found else None
        if zone_id is None:
            _family_base(run, row, key, family, company, differential, file)
            for track, _, rung in family.rungs():
                if rung.level == level_id and rung.pay is not None:
                    new = run.scaled(row, rung.pay, file, key, "rung band", track)
                    if new is not None:
                        rung.pay = new
            continue
        zone = company.known_zone(zone_id)
        if differential is not None and differential.pay is not None:
            explicit = differential.zones.get(zone_id)
            if explicit is not None:
                new = run.scaled(row, explicit, file, key, "differential zone band")
                if new is not None:
                    differential.zones = {**differential.zones, zone_id: new}
                continue
            if row.named() and row.move != run.move((key[0], level_id, None)):
                was = link_of(original)
                assert was is not None  # the band it paid before: the original differential's
                paid = zone_level_family_band(company, was.file, level_id, zone)
                if paid is not None:
                    new = run.scaled(row, paid.model_copy(update={"currency": None}), file,
                                     key, "differential zone band (written)")
                    if new is not None:
                        differential.zones = {**differential.zones, zone_id: new}
            continue
        if row.named():
            follows = run.move((None, level_id, zone_id))
            if (None, level_id, zone_id) not in run.targets and not zone.bands.get(level_id):
                follows = run.move((None, level_id, None))
            follows *= _factor_move(run, key, differential)
            if row.move != follows:
                run.problems.append(
                    f"{row.cite('zone')}: {family.family}'s band of {level_id} in zone "
                    f"{zone_id} follows the company's band there (times the family's "
                    "differential factor, if any); move it with a row for the company's zone "
                    "band or for the family's base band, or give the differential its own band")


def _company_move(run: _Run, company: Company, level_id: str) -> Decimal:
    """How much the company's band of a level moved, rounding included (its midpoints)."""
    old, new = run.company_before.get(level_id), company.band(level_id)
    if old is None or new is None:
        return Decimal(1)
    return new.mid / old.mid


def _factor_move(run: _Run, key: Key, differential: Differential | None) -> Decimal:
    """How much a family's base row moves its band through the factor (1 if it does not)."""
    base = run.targets.get((key[0], key[1], None))
    if base is None or not base.named() or differential is None or differential.factor is None:
        return Decimal(1)
    return base.move / run.move((None, key[1], None))


def _family_base(run: _Run, row: Row, key: Key, family: Ladder, company: Company,
                 differential: Differential | None, file: str) -> None:
    link = link_of(family)
    assert link is not None
    level_id = key[1]
    own = link.file.level_override(level_id)
    level = family.level(level_id)
    assert level is not None
    if own is not None and own[1].pay is not None and level.pay is not None:
        new = run.scaled(row, level.pay, file, key, "family level band")
        if new is not None:
            level.pay = new
        return
    if differential is not None and differential.pay is not None:
        new = run.scaled(row, differential.pay, file, key, "differential band")
        if new is not None:
            differential.pay = new
        return
    if not row.named():
        return  # follows the company's band (times a factor)
    if row.move == run.move((None, level_id, None)):
        return  # moves with the company's band
    ratio = row.move / _company_move(run, company, level_id)
    if differential is not None:
        assert differential.factor is not None
        factor = (differential.factor * ratio).quantize(FACTOR_PLACES)
        before = differential.factor
        try:
            differential.factor = factor
        except ValueError as exc:
            run.problems.append(f"{row.cite('percent')}: the factor of {family.family}'s "
                                f"differential for {level_id} would be {factor}: {exc}")
            return
        run.changes.append(_change(file, key, "differential factor", None, None, None,
                                   (before, factor)))
        return
    if not row.reason:
        run.problems.append(
            f"{row.cite('reason')}: {family.family} pays the company's band on {level_id}; to "
            "move it apart from the company, the family needs a differential, and a "
            "differential needs a reason: give the row a reason (the table's reason column)")
        return
    factor = ratio.quantize(FACTOR_PLACES)
    try:
        family.differentials.append(Differential(level=level_id, factor=factor,
                                                 reason=row.reason))
    except ValueError as exc:
        run.problems.append(f"{row.cite('reason')}: a differential of factor {factor}: {exc}")
        return
    run.changes.append(_change(file, key, "differential added", None, None, None,
                               (None, factor)))


def _ladder_bands(run: _Run, ladder: Ladder, file: str) -> None:
    """A standalone ladder's rows: its level bands and its rungs' own bands."""
    for key, row in run.targets.items():
        level = ladder.level(key[1])
        assert level is not None
        if level.pay is not None:
            new = run.scaled(row, level.pay, file, key, "level band")
            if new is not None:
                level.pay = new
        for track, _, rung in ladder.rungs():
            if rung.level == key[1] and rung.pay is not None:
                new = run.scaled(row, rung.pay, file, key, "rung band", track)
                if new is not None:
                    rung.pay = new


# -- the files ------------------------------------------------------------------------------------


def _kind(path: Path) -> str:
    if path.is_dir():
        return "company"
    result = read(path)
    if result.ladder is None:
        if any(finding.loc == ("dualladder-company",) for finding in result.findings):
            return "company"
        raise AdjustmentError([str(finding) for finding in result.findings])
    if result.ladder.company_link is not None:
        company = result.ladder.company
        where = getattr(getattr(company, "source", None), "name", "its company file")
        raise AdjustmentError([
            f"{path}: the job family {result.ladder.family} of the company in {where}; most of "
            f"its bands are the company's, so adjust the company ({where}), with rows naming "
            "the family where it pays differently"])
    return "ladder"


def adjust(path: str | os.PathLike[str],
           table: str | os.PathLike[str] | DataFrameLike | Iterable[Mapping[str, object]],
           *, round_to: Decimal | int | str = 1, save: bool = True) -> Adjustment:
    """Apply the market adjustment ``table`` to the ladder file, company file or company folder
    at ``path``, each new amount rounded half up to a multiple of ``round_to``, and save every
    file it changes (``save=False``: only say what it would change). See the module docstring
    and ``docs/python-api.md`` for the rows. Raises :class:`AdjustmentError` (a ValueError,
    one line per problem, each naming its row) and writes nothing when a row names what does
    not exist, or the adjusted files do not hold as a whole; OSError when a file cannot be
    read."""
    rows = read_rows(table)
    try:
        step = Decimal(cell_text(round_to))
    except InvalidOperation:
        raise AdjustmentError([f"round_to {round_to!r} is not an amount"]) from None
    given = Path(path)
    if _kind(given) == "ladder":
        return _adjust_files([given], given.parent, rows, step, save, ladder=True)
    company = load_company(given)
    assert company.source is not None
    company_file = Path(company.source.name)
    files = [company_file, *(Path(f.source.name) for f in company.families if f.source)]
    return _adjust_files(files, company_file.parent, rows, step, save, ladder=False)


def _adjust_files(files: list[Path], root: Path, rows: list[Row], step: Decimal, save_them: bool,
                  *, ladder: bool) -> Adjustment:
    with tempfile.TemporaryDirectory() as scratch:
        copies = {file: Path(scratch) / file.relative_to(root) for file in files}
        for file, copy in copies.items():
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, copy)

        def real(text: str) -> str:
            return text.replace(scratch, str(root))

        try:
            run = _apply(copies[files[0]], rows, step, ladder)
        except AdjustmentError as exc:
            raise AdjustmentError([real(line) for line in exc.problems]) from None
        changed = [file for file, copy in copies.items()
                   if copy.read_bytes() != file.read_bytes()]
        if save_them:
            for file in changed:
                write_atomic(file, copies[file].read_bytes())
    changes = [{**change, "file": real(change["file"])} for change in run.changes]
    return Adjustment(Table.of("changes", CHANGE_COLUMNS, changes),
                      tuple(str(file) for file in changed), save_them)


def _apply(first: Path, rows: list[Row], step: Decimal, ladder: bool) -> _Run:
    """Adjust the scratch copies (``first``: the ladder or the company file); AdjustmentError
    with every problem, or the findings that the adjusted files would have."""
    from dualladder._internal.util.findings import LadderError

    if ladder:
        target = load(first)
        run = _Run(_targets(rows, None, target), step)
        _ladder_bands(run, target, str(first))
        _raise(run.problems)
        save(target, first)
        report = check(load(first))
    else:
        company = load_company(first)
        run = _Run(_targets(rows, company, None), step)
        originals = {family.family: family for family in company.families}
        run.company_before = {level_id: company.band(level_id) for level_id in company.level_ids}
        _company_bands(run, company, str(first))
        _raise(run.problems)
        try:
            save_company(company, first)
            company = load_company(first)  # the families, read with the adjusted company
            for family in company.families:
                _family_bands(run, family, company, originals[family.family])
            _raise(run.problems)
            for family in company.families:
                assert family.source is not None
                save(family, family.source.name)
        except LadderError as exc:
            raise AdjustmentError([str(finding) for finding in exc.findings]) from None
        report = check(load_company(first))
    if report.failed():
        raise AdjustmentError([str(finding) for finding in report.errors]
                              + ["not saved: the adjusted files have errors"])
    return run


def _raise(problems: list[str]) -> None:
    if problems:
        raise AdjustmentError(problems)
