"""The fast paths of the audit give exactly what the careful paths give.

- reading: a CSV file without quotes is split with ``str.split`` a chunk at a time
  (:mod:`dualladder._internal.io.roster.columnar`); whatever that reader accepts, it reads as
  the ``csv`` module does, and the roster it gives equals the careful row-by-row reader's;
- computing: pay held as whole numbers of a small unit (:class:`Scaled`) gives the very report
  that pay held as decimals (:class:`Exact`) gives, down to every statistic, finding and
  published group.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st
from paths import KESTREL, SMALL

import dualladder
from dualladder._internal.io.roster import columnar
from dualladder._internal.io.roster import read as roster_module
from dualladder._internal.io.roster.columnar import OtherLayout, plain_chunks
from dualladder._internal.io.roster.columns import ColumnMap
from dualladder._internal.io.roster.read import read_roster, read_rows
from dualladder._internal.model.audit import AuditReport
from dualladder._internal.model.audit_amounts import Amounts, Exact, Inexact, Scaled
from dualladder._internal.model.placement import Scale
from dualladder._internal.model.roster import Roster
from dualladder._internal.rules.audit_context import Collected
from dualladder._internal.services.audit.compute import compute
from dualladder._internal.services.audit.disclosure import publishable
from dualladder._internal.services.audit.reporters import document
from dualladder.people import AuditOptions

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
#: What makes a table one the plain reader may decline: a row of another width, a blank line,
#: a bare carriage return, two rows run together (a line ending left out).
_FLAWS = ("odd", "blank", "cr", "join")


@st.composite
def _tables(draw: st.DrawFn) -> tuple[str, str | None]:
    """A table of equal rows (lines ending in ``\n`` or ``\r\n``, the last one perhaps in
    nothing) and, about one time in three, one flaw from :data:`_FLAWS` in it; with the flaw's
    name."""
    width = draw(st.integers(1, 4))
    # a row of one empty cell is a blank line: that is the "blank" flaw, not a clean row
    cell = _cell.filter(bool) if width == 1 else _cell
    lines = draw(st.lists(st.lists(cell, min_size=width, max_size=width).map(",".join),
                          max_size=12))
    endings = draw(st.lists(st.sampled_from(["\n", "\r\n"]), min_size=len(lines),
                            max_size=len(lines)))
    if endings and draw(st.booleans()):
        endings[-1] = ""
    flaw = draw(st.sampled_from((None,) * 9 + _FLAWS))
    at = draw(st.integers(0, len(lines)))
    if flaw == "odd":
        cells = draw(st.sampled_from([n for n in range(1, width + 2) if n != width]))
        lines.insert(at, ",".join(draw(st.lists(_cell, min_size=cells, max_size=cells))))
        endings.insert(at, "\n")
    elif flaw == "blank":
        lines.insert(at, "")
        endings.insert(at, "\n")
    elif flaw == "cr" and lines:
        endings[min(at, len(lines) - 1)] = "\r"
    elif flaw == "join" and len(lines) > 1:
        endings[min(at, len(lines) - 2)] = ""
    else:
        flaw = None
    return "".join(line + ending for line, ending in zip(lines, endings, strict=True)), flaw


@settings(max_examples=300)
@given(table=_tables(), chunk=st.integers(1, 64))
def test_whatever_the_plain_reader_accepts_it_reads_as_the_csv_module(
        table: tuple[str, str | None], chunk: int) -> None:
    """A table without a flaw is always read, and read as the csv module reads it; a flawed
    one is either declined or read alike too."""
    text, flaw = table
    try:
        with chunk_bytes(chunk):
            mine = plain_rows(text.encode())
    except OtherLayout:
        assert flaw is not None, "the plain reader declined a table without a flaw"
        event(f"declined: {flaw}")
        return
    event("read" if flaw is None else f"read although flawed: {flaw}")
    assert mine == csv_rows(text)


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


#: A row every reader takes as it is (the rows of ``_row`` are mostly refused somewhere).
_clean_row = st.tuples(
    st.sampled_from([f"E{n}" for n in range(1, 9)]),
    st.sampled_from(["technical", "management"]),
    st.sampled_from(["L5", "L6"]),
    st.one_of(st.decimals(min_value=1, max_value=10**9, places=2).map(str),
              st.integers(1, 10**7).map(str)),
    st.sampled_from(["", "1", "0.8", "1.0", "0.5"]),
    st.sampled_from(["", "0", "3000", "12000.50"]),
    st.sampled_from(["", "0", "20000"]),
    st.sampled_from(["F", "M", ""]),
    st.sampled_from(["", "2020-01-01"]),
)


@settings(max_examples=150)
@given(rows=st.lists(st.one_of(_clean_row, _row), max_size=12),
       ending=st.sampled_from(["\n", "\r\n"]),
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
    event("people read" if slow.roster is not None and len(slow.roster) else "no one read")
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


# -- whole numbers and decimals give the same report --------------------------------------------

_pay = st.one_of(
    st.integers(90_000, 240_000),
    st.sampled_from([120_000, 140_000, 160_000, 170_000]).map(str),  # ties
    st.decimals(min_value=90_000, max_value=240_000, places=2).map(str),
    st.decimals(min_value=1, max_value=10**6, places=4).map(str),
    st.sampled_from(["99999999999999.99", "99999999999999.98", "99999999999999.97"]),
    st.sampled_from(["140000", "140000.000000000001", "140000.000000000002"]),  # one float
)
_variable = st.one_of(st.just(""), st.sampled_from(["0", "3000", "12000.50"]),
                      st.integers(0, 50_000).map(str))
_staff = st.tuples(
    st.sampled_from(["management", "technical", "designers"]),
    st.sampled_from(["L4", "L5", "L6", "L7"]),
    _pay,
    st.sampled_from(["", "1", "0.5", "0.8", "0.6", "0.9", "0.75", "0.333", "1.0"]),
    _variable,
    st.sampled_from(["", "0", "20000"]),
    st.sampled_from(["F", "M", "", "x"]),
)


def _people(staff: list[tuple[object, ...]]) -> list[dict[str, object]]:
    return [{"employee_id": f"E{i:03d}", "track": track, "level": level, "base_pay": pay,
             "fte": fte, "variable_pay": variable, "equity": equity, "gender": gender}
            for i, (track, level, pay, fte, variable, equity, gender) in enumerate(staff)]


def _csv_roster(rows: list[dict[str, object]]) -> Roster:
    """``rows`` written as a CSV file and read back (whole numbers held as ``int``)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.csv"
        path.write_text(out.getvalue(), encoding="utf-8")
        result = read_roster(path)
    assert result.roster is not None
    result.roster.name = "<rows>"  # as read_rows names it: the reports are compared
    return result.roster


def _audit(scale: Scale, roster: Roster, amounts: Amounts | None, k: int
           ) -> tuple[AuditReport, AuditReport, dict[str, frozenset[int]]]:
    options = AuditOptions(min_group=k)
    collected = Collected()
    report = compute(scale, roster, options, (), None, amounts)
    published = publishable(compute(scale, roster, options, (), collected, amounts), collected)
    return report, published, {key: frozenset(v) for key, v in collected.groups.items()}


def _same(one: tuple[AuditReport, AuditReport, dict[str, frozenset[int]]],
          other: tuple[AuditReport, AuditReport, dict[str, frozenset[int]]]) -> None:
    assert one[0] == other[0]  # every statistic equal (Decimal equality: the same number)
    assert document(one[0]) == document(other[0])  # and printed alike
    assert one[1] == other[1] and document(one[1]) == document(other[1])
    assert one[2] == other[2]


@settings(max_examples=100, deadline=None)
@given(staff=st.lists(_staff, min_size=1, max_size=40), k=st.integers(2, 5),
       company=st.booleans())
def test_whole_numbers_give_the_decimal_report(staff: list[tuple[object, ...]], k: int,
                                               company: bool) -> None:
    rows = _people(staff)
    if company:  # zones: one rung in bands of several zones and currencies
        zones = ["", "sf", "berlin"]
        for number, person in enumerate(rows):
            person["family"] = "Engineering"
            person["zone"] = zones[number % 3]
        scale = Scale.of(dualladder.load_company(KESTREL))
    else:
        scale = Scale.of(dualladder.load(SMALL))
    read = read_rows(rows)
    assert read.roster is not None
    exact = _audit(scale, read.roster, Exact(), k)
    _same(_audit(scale, read.roster, None, k), exact)
    whole = _csv_roster(rows)
    _same(_audit(scale, whole, None, k), exact)
    _same(_audit(scale, whole, Exact(), k), exact)


_tied = st.tuples(
    st.sampled_from(["management", "technical"]), st.just("L5"),
    st.sampled_from(["140000", "140000.000000000001", "140000.000000000002", "140000.5"]),
    st.sampled_from(["1", "0.5"]), st.sampled_from(["", "0", "0.000000000001"]), st.just(""),
    st.sampled_from(["F", "M"]))


@settings(max_examples=60, deadline=None)
@given(staff=st.lists(_tied, min_size=3, max_size=24))
def test_pay_that_floats_cannot_tell_apart_is_ranked_alike(
        staff: list[tuple[object, ...]]) -> None:
    """The decimal computation sorts by float keys and then puts ties in exact order; whole
    numbers sort exactly at once: the medians and pay quarters agree."""
    scale = Scale.of(dualladder.load(SMALL))
    read = read_rows(_people(staff))
    assert read.roster is not None
    _same(_audit(scale, read.roster, None, 2), _audit(scale, read.roster, Exact(), 2))


def test_a_roster_of_whole_numbers_is_computed_on_whole_numbers(
        monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _people([("technical", "L5", 150_000 + i, "0.8" if i % 2 else "1", str(i * 100),
                     "", "FM"[i % 2]) for i in range(20)])
    roster = _csv_roster(rows)
    assert roster.whole == {"base_pay", "variable_pay"}
    assert all(type(pay) is int for pay in roster.base_pay)
    scaled = Scaled(roster)
    assert scaled.places == 2  # 150001 / 0.8 = 187501.25

    def refuse(self: Exact, *args: object) -> None:
        raise AssertionError("the decimal computation ran")

    monkeypatch.setattr(Exact, "raw", refuse)
    report = compute(Scale.of(dualladder.load(SMALL)), roster, AuditOptions())
    assert report.people == 20


def test_a_pay_that_an_fte_does_not_divide_exactly_is_computed_on_decimals() -> None:
    # 100,000 / 0.9 has no end: the decimal context rounds it to 28 digits, and so must we
    roster = _csv_roster(_people([("technical", "L5", "100000", "0.9", "", "", "F"),
                                  ("technical", "L5", "90000", "0.9", "", "", "M")]))
    scaled = Scaled(roster)
    with pytest.raises(Inexact):
        scaled.per_fte([100_000, 90_000], Decimal("0.9"))
    assert scaled.per_fte([90_000, 180_000], Decimal("0.9")) == [100_000, 200_000]
    ran: list[str] = []
    original = Exact.raw

    def spy(self: Exact, roster: Roster, column: str) -> list[object]:
        ran.append(column)
        return original(self, roster, column)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Exact, "raw", spy)
        report = compute(Scale.of(dualladder.load(SMALL)), roster, AuditOptions())
    assert "base_pay" in ran
    rung = next(r for r in report.rungs() if r.headcount)
    assert rung.compa is not None
    assert rung.compa.max == Decimal(100_000) / Decimal("0.9") / Decimal(140_000)


def test_sums_beyond_28_digits_are_computed_on_decimals() -> None:
    roster = _csv_roster(_people([("technical", "L5", "99999999999999.0000000000001", "1",
                                   "", "", "F")]))
    with pytest.raises(Inexact):
        Scaled(roster)  # more than 12 decimals
    many = _csv_roster(_people([("technical", "L5", "99999999999999.123456789012", "0.8", "",
                                 "", "F")]))
    scaled = Scaled(many)
    assert scaled.places == 14
    with pytest.raises(Inexact):
        scaled.sum(scaled.per_fte(scaled.raw(many, "base_pay"), Decimal("0.8")))


@given(limit=st.decimals(min_value=0, max_value=10**7, places=6), pay=st.integers(0, 10**11),
       places=st.integers(0, 4))
def test_whole_number_band_limits_compare_as_decimals(limit: Decimal, pay: int,
                                                       places: int) -> None:
    one = "1." + "0" * places if places else "1"
    read = read_rows([{"employee_id": "E1", "track": "technical", "level": "L5",
                       "base_pay": one}])
    assert read.roster is not None
    scaled = Scaled(read.roster)
    assert scaled.raw_places == places
    amount = scaled.raw_decimal(pay)
    assert amount == Decimal(pay).scaleb(-places)
    assert (pay < scaled.below(limit)) == (amount < limit)
    assert (pay > scaled.above(limit)) == (amount > limit)


_digits = st.text(alphabet=st.sampled_from("0123456789\u0663\uff11"), min_size=1, max_size=4)
_spaces = st.text(alphabet=st.sampled_from(" \t\u00a0"), max_size=2)
#: What ``int`` reads: spaces, a sign, digits of any script in groups joined by single
#: underscores, spaces.
_int_texts = st.builds(lambda before, sign, groups, after: before + sign + "_".join(groups) + after,
                       _spaces, st.sampled_from(["", "+", "-"]),
                       st.lists(_digits, min_size=1, max_size=3), _spaces)


@given(st.one_of(_int_texts, _int_texts, _int_texts,
                 st.text(alphabet=st.sampled_from("0123456789 _+-.eE\u00a0\u0663\uff11x"),
                         max_size=8)))
def test_int_reads_a_cell_only_as_decimal_reads_it(text: str) -> None:
    """Whatever ``int`` reads (the texts built to be read, and any other text it happens to
    read), ``Decimal`` reads as the same number."""
    try:
        whole: int | None = int(text)
    except ValueError:
        whole = None
    assume(whole is not None)  # int refuses it: the decimal reader decides, nothing to compare
    event("int reads it")
    assert Decimal(text) == whole


#: The one pattern the fast path searched a column of amounts with before it was split into
#: a check of ASCII digits and two searches (an alternation is tried at every character).
_NOT_PLAIN_BEFORE = re.compile(
    rf"[^0-9.+\- \t\n]|\.[0-9]{{{roster_module.MAX_PLACES + 1}}}")


@given(st.lists(st.one_of(
    _int_texts,
    st.from_regex(r"[ \t]?[+-]?[0-9]{1,7}(\.[0-9]{1,3})?[ \t]?", fullmatch=True),
    st.text(alphabet=st.sampled_from("0123456789"), max_size=8),
    st.text(alphabet=st.sampled_from("0123456789 _+-.eE\t\n\u0663x"), max_size=30),
    st.builds(lambda whole, places: f"{whole}.{places}", st.integers(0, 10**6),
              st.text(alphabet=st.sampled_from("0123456789"), min_size=18, max_size=23)),
), max_size=6), st.sampled_from(["base_pay", "variable_pay"]))
def test_amount_columns_are_screened_as_the_one_pattern_screened_them(
        cells: list[str], column: str) -> None:
    """A column of amounts goes to the careful path exactly where the single pattern found
    something (a character other than ASCII digits, point, sign and spaces, or too many
    decimal places), and is read the same otherwise."""
    found = roster_module._fast_amounts(column, cells)
    if _NOT_PLAIN_BEFORE.search("\n".join(cells)):
        assert found is None
        return
    event("screened as plain")
    try:
        expected: list[Any] | None = list(map(int, cells))
    except ValueError:
        try:
            expected = list(map(Decimal, cells))
        except ArithmeticError:
            expected = None
    if expected:
        try:
            low, high = min(expected), max(expected)
        except ArithmeticError:
            expected = None
        else:
            if high >= 10**roster_module.MAX_AMOUNT_DIGITS or (
                    low <= 0 if column == "base_pay" else low < 0):
                expected = None
    assert found == expected
    assert found is None or [type(v) for v in found] == [type(v) for v in expected or []]


# -- pay quarters counted without ranking everyone ----------------------------------------------

_quartered = st.tuples(
    st.sampled_from(["management", "technical"]), st.sampled_from(["L5", "L6"]),
    st.sampled_from(["140000", "150000", "150000.000000000001", "160000", "75000", "80000"]),
    st.sampled_from(["1", "0.5", "0.8"]), st.sampled_from(["", "10000", "5000"]),
    st.sampled_from(["F", "M", "M", "F", "x"]))


def _quarters_by_ranking(roster: Roster) -> list[tuple[Fraction, Fraction, Fraction]]:
    """(f) as docs/audit.md defines it, straight: everyone ranked by full-time-equivalent
    total pay in decimals; the person ranked r of n in quarter 4r // n, except that the places
    of people paid the same are shared among them, each quarter's part of a tie going to the
    sexes in proportion to their numbers in the tie (the UK rule)."""
    people = sorted((person.base_pay / person.fte + person.variable_pay / person.fte,
                     person.gender or "X") for person in roster.people())
    n = len(people)
    counts = [[Fraction(0)] * 3 for _ in range(4)]
    start = 0
    while start < n:
        end = start
        while end < n and people[end][0] == people[start][0]:
            end += 1
        tie = [gender for _, gender in people[start:end]]
        for rank in range(start, end):
            for sex, code in enumerate("FMX"):
                counts[4 * rank // n][sex] += Fraction(tie.count(code), len(tie))
        start = end
    return [(w, m, x) for w, m, x in counts]


@settings(max_examples=150, deadline=None)
@given(staff=st.lists(_quartered, min_size=1, max_size=60),
       ids=st.randoms(use_true_random=False))
def test_pay_quarters_are_counted_as_ranking_everyone_counts_them(
        staff: list[tuple[str, ...]], ids: Any) -> None:
    """Without ``--publish`` the quarters are counted from each sex's sorted pay (bisection at
    the boundaries, ties shared); with it, everyone is ranked to know each person's part of
    each quarter. Both give what ranking everyone in decimals gives, on whole numbers and on
    decimals, with many people paid alike at the boundaries and ids in no particular order
    (which no longer matter)."""
    numbers = list(range(len(staff)))
    ids.shuffle(numbers)
    rows = [{"employee_id": f"E{numbers[i]:03d}", "track": track, "level": level,
             "base_pay": pay, "fte": fte, "variable_pay": variable, "gender": gender}
            for i, (track, level, pay, fte, variable, gender) in enumerate(staff)]
    scale = Scale.of(dualladder.load(SMALL))
    roster = _csv_roster(rows)
    expected = _quarters_by_ranking(roster)
    for amounts in (None, Exact()):
        for collected in (None, Collected()):
            report = compute(scale, roster, AuditOptions(), (), collected, amounts)
            (group,) = report.pay
            quarters = group.organisation.quartiles
            assert quarters is not None
            found = [tuple(Fraction(c) for c in (q.women, q.men, q.other))  # type: ignore[arg-type]
                     for q in quarters]
            for mine, theirs in zip(found, expected, strict=True):
                for a, b in zip(mine, theirs, strict=True):
                    assert abs(a - b) < Fraction(1, 10**20)
            if collected is not None:  # who is in which quarter: the same counts
                for number, q in enumerate(quarters, start=1):
                    key = f"org:USD/q{number}/F"
                    assert abs(sum(collected.weights[key].values(), Fraction(0))
                               - Fraction(q.women)) < Fraction(1, 10**20)  # type: ignore[arg-type]


def test_pays_that_their_fte_divides_need_no_added_decimals() -> None:
    """150,000 / 0.8 = 187,500 is a whole number: with every fte-0.8 pay a multiple of 4, the
    audit adds no decimals (pays of fte 1 are used as read); one pay that is not (150,002 /
    0.8 = 187,502.5) and it adds two. Either way the report is the decimal computation's."""
    scale = Scale.of(dualladder.load(SMALL))
    for odd, places in ((0, 0), (2, 2)):
        rows = _people([("technical", "L5", 150_000 + 4 * i + (odd if i == 3 else 0),
                         "0.8" if i % 2 else "1", str(i * 100), "", "FM"[i % 3 % 2])
                        for i in range(12)])
        roster = _csv_roster(rows)
        scaled = Scaled(roster)
        assert scaled.places == 2  # what fte 0.8 needs for any pay
        report = compute(scale, roster, AuditOptions(), (), None, scaled)
        assert scaled.places == places
        if not places:
            assert scaled.per_fte([150_000, 150_004], Decimal(1)) == [150_000, 150_004]
            assert scaled.per_fte([150_000, 150_004], Decimal("0.8")) == [187_500, 187_505]
        _same(_audit(scale, roster, None, 2), _audit(scale, roster, Exact(), 2))
        assert report == compute(scale, roster, AuditOptions(), (), None, Exact())
