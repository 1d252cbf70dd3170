"""The audit itself: a roster measured against its ladders, into an :class:`AuditReport`.

People are handled by *profile* (a distinct track, level, fte, gender, family, zone and
currency; see :class:`~dualladder.people.roster.Profile`): everything that depends only on where
people stand (their rung, band, currency, category) is worked out once per profile, and per
person only what depends on their pay. The gathered groups form an :class:`AuditContext`; the
audit rules (:mod:`dualladder.people.rules`) read it and yield problems, which become findings
under each ladder's ``policy``.
"""

from __future__ import annotations

import operator
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain, compress
from typing import Any

from dualladder.catalog import Severity
from dualladder.findings import Finding, Report
from dualladder.model import MANAGEMENT, Band, Ladder, format_amount
from dualladder.people.amounts import Amounts, Exact, Inexact, Scaled, Value, quotients
from dualladder.people.model import (
    AuditOptions,
    AuditReport,
    Category,
    Indicators,
    LevelRow,
    PayGroup,
    RungStats,
    SexSplit,
)
from dualladder.people.roster import FEMALE, MALE, Roster, show
from dualladder.people.scale import Position, Problem, Scale
from dualladder.people.stats import Spread, gap, median, sort_exact, spread

__all__ = ["AuditContext", "Collected", "Rung", "compute"]

_ZERO = Decimal(0)
_ONE = Decimal(1)


@dataclass(slots=True)
class Rung:
    """What is gathered about the people of one rung (across pay zones)."""

    position: Position
    amounts: Amounts
    """How the pays of :attr:`parts` are held."""
    people: list[int] = field(default_factory=list)
    parts: list[tuple[list[Value], Band | None]] = field(default_factory=list)
    """The full-time-equivalent base pays of the rung's people, by the band they are paid in."""
    currencies: set[str] = field(default_factory=set)
    below: list[tuple[int, Decimal]] = field(default_factory=list)
    """(person, full-time-equivalent base pay) of those paid below the band minimum."""
    above: list[tuple[int, Decimal]] = field(default_factory=list)
    variable: list[int] = field(default_factory=list)
    """Those who received variable pay."""
    equity: list[int] = field(default_factory=list)
    """Those who received equity."""
    _sorted: Sequence[Decimal] | None = None
    _compa: Sequence[Decimal] | None = None

    def band(self) -> Band | None:
        """The one band all the rung's people are paid in (None: none, or several zones')."""
        bands = {(b.min, b.mid, b.max) if b is not None else None for _, b in self.parts}
        if len(bands) != 1:
            return None
        return self.parts[0][1]

    def fte_base(self) -> Sequence[Decimal]:
        """Every full-time-equivalent base pay, sorted."""
        if self._sorted is None:
            amounts = self.amounts
            self._sorted = amounts.view(amounts.sort(chain.from_iterable(
                pays for pays, _ in self.parts)))
        return self._sorted

    def compa_sorted(self) -> Sequence[Decimal]:
        """Every compa-ratio, sorted (only people paid in a band; computed as looked at
        where all are paid in one band)."""
        if self._compa is None:
            band = self.band()
            if band is not None:
                self._compa = quotients(self.fte_base(), band.mid)
            else:
                decimal = self.amounts.decimal
                self._compa = sort_exact([decimal(pay) / b.mid for pays, b in self.parts
                                          if b is not None for pay in pays])
        return self._compa

    def compa(self) -> Spread | None:
        """Compa-ratio: minimum, quartiles, maximum. With one band, the spread of the pays
        divided by the midpoint (the same numbers, one sort)."""
        band = self.band()
        if band is not None:
            found = spread(self.fte_base())
            return None if found is None else _scaled(found, Decimal(0), band.mid)
        return spread(self.compa_sorted())

    def penetration(self) -> Spread | None:
        """Range penetration: (pay - min) / (max - min), minimum, quartiles, maximum."""
        band = self.band()
        if band is not None:
            width = band.max - band.min
            found = spread(self.fte_base())
            return None if found is None or not width else _scaled(found, band.min, width)
        decimal = self.amounts.decimal
        values = sort_exact([(decimal(pay) - b.min) / (b.max - b.min) for pays, b in self.parts
                             if b is not None and b.max != b.min for pay in pays])
        return spread(values)


def _scaled(value: Spread, low: Decimal, width: Decimal) -> Spread:
    """``(x - low) / width`` of every number of a spread (an increasing map keeps the order)."""

    def f(x: Decimal | None) -> Decimal | None:
        return None if x is None else (x - low) / width

    q1, median, q3 = f(value.q1), f(value.median), f(value.q3)
    assert q1 is not None and median is not None and q3 is not None
    return Spread(value.count, f(value.min), q1, median, q3, f(value.max))


@dataclass(slots=True)
class _Side:
    """One sex's people of a group: index, FTE base, FTE variable and FTE total pay."""

    people: list[int] = field(default_factory=list)
    base_sum: Decimal = _ZERO
    """The sum of their full-time-equivalent base pay."""
    variable_sum: Decimal = _ZERO
    variable: list[Value] = field(default_factory=list)
    """Full-time-equivalent variable pay of the groups of people where someone received
    some (everyone else received 0)."""
    variable_people: list[int] = field(default_factory=list)
    total: list[Value] = field(default_factory=list)
    """Full-time-equivalent total pay (for the organisation only)."""
    receiving: int = 0

    def variable_all(self, zero: Value) -> list[Value]:
        """Every person's variable pay, ``zero`` where none."""
        zeros = len(self.people) - len(self.variable)
        return self.variable + [zero] * zeros


@dataclass(slots=True)
class _Group:
    """The people of a category or of the organisation in one currency, by sex."""

    women: _Side = field(default_factory=_Side)
    men: _Side = field(default_factory=_Side)
    other: list[int] = field(default_factory=list)

    def side(self, gender: str) -> _Side | None:
        return self.women if gender == FEMALE else self.men if gender == MALE else None


@dataclass(slots=True)
class Collected:
    """The groups behind the report's numbers (row indices of the roster) and the partitions
    among them (a group and the groups that split it), for the disclosure pass."""

    groups: dict[str, list[int]] = field(default_factory=dict)
    partitions: list[tuple[str, list[str]]] = field(default_factory=list)
    findings: list[tuple[Finding, tuple[str, ...] | None]] = field(default_factory=list)
    """Each finding of the rules with the groups its message tells about (None: a person)."""


@dataclass(slots=True)
class AuditContext:
    """What the audit rules look at."""

    scale: Scale
    roster: Roster
    options: AuditOptions
    amounts: Amounts
    """How pay is held per person (see :mod:`dualladder.people.amounts`)."""
    unplaced: list[tuple[Problem, list[int], Ladder | None]] = field(default_factory=list)
    """Profiles without a position: the problem, the people, the ladder whose policy rules."""
    rungs: dict[tuple[str, str, str], Rung] = field(default_factory=dict)
    """(family, track, level) -> the people there."""
    categories: list[tuple[Category, str, Position | None]] = field(default_factory=list)
    """Each category with its currency and a rung of it to point findings at."""
    collected: Collected | None = None
    """The groups behind the numbers (rules add the groups their messages count)."""

    def management_and_others(self) -> Iterable[tuple[Ladder, str, dict[str, Rung],
                                                       dict[str, Rung]]]:
        """For each ladder and each track other than management: the two tracks' rungs with
        people, by level."""
        for ladder in self.scale.ladders:
            family = ladder.family
            by_track: dict[str, dict[str, Rung]] = {}
            for (fam, track, level), rung in self.rungs.items():
                if fam == family:
                    by_track.setdefault(track, {})[level] = rung
            for track in ladder.tracks:
                if track != MANAGEMENT:
                    yield ladder, track, by_track.get(MANAGEMENT, {}), by_track.get(track, {})


def _ladder_name(ladder: Ladder) -> str:
    return ladder.source.name if ladder.source is not None else "<ladder>"


def compute(
    scale: Scale,
    roster: Roster,
    options: AuditOptions,
    read_findings: Sequence[Finding] = (),
    collected: Collected | None = None,
    amounts: Amounts | None = None,
) -> AuditReport:
    """Audit ``roster`` against ``scale``; ``read_findings`` are the reader's (DL301-DL303).
    ``collected``, when given, receives the groups behind every number (for ``--publish``;
    not gathered otherwise, as it costs time). ``amounts``: how pay is held per person; by
    default whole numbers where they give the decimal computation's numbers exactly, else
    decimals (see :mod:`dualladder.people.amounts`)."""
    try:
        ctx = AuditContext(scale, roster, options, amounts or Scaled(roster))
        categories, organisation = _gather(ctx)
    except Inexact:
        ctx = AuditContext(scale, roster, options, Exact())
        categories, organisation = _gather(ctx)
    ctx.collected = collected
    levels, tracks = _levels(ctx, collected)
    pay = _pay_groups(ctx, categories, organisation, collected)
    audited = sum(len(r.people) for r in ctx.rungs.values())
    ladders = tuple(dict.fromkeys(_ladder_name(lad) for lad in scale.ladders))
    return AuditReport(
        roster=roster.name,
        ladders=ladders,
        findings=Report.of([*read_findings, *_run_rules(ctx, collected)],
                           [roster.name, *ladders]),
        people=audited,
        rows_left_out=max(roster.rows_read, len(roster)) - audited,
        tracks=tracks,
        levels=levels,
        pay=pay,
        options=options,
    )


#: Rows grouped by profile at a time (see :func:`_by_profile`).
_BLOCK = 4096


def _by_profile(profile: list[int], profiles: int, columns: Sequence[list[Any]]
                ) -> tuple[list[list[int]], list[list[list[Any]]]]:
    """The people of each profile (row indices, in row order) and their values of each of
    ``columns``: ``(members, values)`` with ``values[number][k]`` the ``k``-th column's values
    of the people ``members[number]``.

    Taking each profile's people from the whole roster would read its columns all over memory,
    one profile after another; so the rows are taken a block at a time instead, each block
    ordered by profile (a stable sort, so row order stays within a profile) and cut into
    runs, which reads every column once, a block of nearby values at a time."""
    members: list[list[int]] = [[] for _ in range(profiles)]
    values: list[list[list[Any]]] = [[[] for _ in columns] for _ in range(profiles)]
    for low in range(0, len(profile), _BLOCK):
        order = sorted(range(low, min(low + _BLOCK, len(profile))), key=profile.__getitem__)
        taken = [list(map(column.__getitem__, order)) for column in columns]
        start = 0
        for number, count in sorted(Counter(profile[low:low + _BLOCK]).items()):
            end = start + count
            members[number] += order[start:end]
            for target, source in zip(values[number], taken, strict=True):
                target += source[start:end]
            start = end
    return members, values


def _gather(ctx: AuditContext) -> tuple[dict[tuple[str, str, str], _Group], dict[str, _Group]]:
    roster, scale = ctx.roster, ctx.scale
    categories: dict[tuple[str, str, str], _Group] = {}
    organisation: dict[str, _Group] = {}
    amounts = ctx.amounts
    has_variable, has_equity = roster.has("variable_pay"), roster.has("equity")
    columns = [amounts.raw(roster, "base_pay")]
    if has_variable:
        columns.append(amounts.raw(roster, "variable_pay"))
    if has_equity:
        columns.append(roster.equity)
    members, values = _by_profile(roster.profile, len(roster.profiles), columns)
    amounts.settle((profile.fte, values[number][k])
                   for number, profile in enumerate(roster.profiles)
                   for k in range(1 + has_variable))
    for number, profile in enumerate(roster.profiles):
        people = members[number]
        if not people:
            continue
        bases, *more = values[number]
        position = scale.position(profile)
        if isinstance(position, Problem):
            ctx.unplaced.append((position, people, scale.ladder_of(profile)))
            continue
        fte = profile.fte
        key = (position.family, position.track, position.level)
        rung = ctx.rungs.get(key)
        if rung is None:
            rung = ctx.rungs[key] = Rung(position, amounts)
        rung.people.extend(people)
        fte_bases = amounts.per_fte(bases, fte)
        band = position.band
        rung.parts.append((fte_bases, band))
        rung.currencies.add(position.currency or "")
        receiving = 0
        fte_variables: list[Value] | None = None
        totals = fte_bases
        if has_variable:
            variables = more[0]
            if any(variables):  # amounts are never negative: above 0 is not 0
                paid = list(compress(people, variables))
                receiving = len(paid)
                rung.variable.extend(paid)
                fte_variables = amounts.per_fte(variables, fte)
                totals = list(map(operator.add, fte_bases, fte_variables))
        if has_equity:
            rung.equity.extend(compress(people, more[-1]))
        if band is not None:
            low, high = amounts.below(band.min * fte), amounts.above(band.max * fte)
            if min(bases) < low:
                rung.below.extend((i, amounts.raw_decimal(pay) / fte)
                                  for i, pay in zip(people, bases, strict=True) if pay < low)
            if max(bases) > high:
                rung.above.extend((i, amounts.raw_decimal(pay) / fte)
                                  for i, pay in zip(people, bases, strict=True) if pay > high)
        currency = position.currency or ""
        cat_key = (scale.family_key(position), position.level, currency)
        base_sum = amounts.sum(fte_bases)
        variable_sum = amounts.sum(fte_variables) if fte_variables is not None else _ZERO
        for group, whole in ((categories.setdefault(cat_key, _Group()), False),
                             (organisation.setdefault(currency, _Group()), True)):
            side = group.side(profile.gender)
            if side is None:
                group.other.extend(people)
                continue
            side.people.extend(people)
            side.base_sum += base_sum
            side.variable_sum += variable_sum
            if fte_variables is not None:
                side.variable.extend(fte_variables)
                side.variable_people.extend(people)
            if whole:  # the organisation's total pay is ranked (quarters, medians)
                side.total.extend(totals)
            side.receiving += receiving
    return categories, organisation


def _run_rules(ctx: AuditContext, collected: Collected | None) -> list[Finding]:
    """Every audit rule over the context, each finding under its ladder's policy."""
    from dualladder.people.rules import AUDIT, LadderProblem, PersonProblem

    roster = ctx.roster
    out: list[Finding] = []
    for registered, problem in AUDIT.run(ctx, sorted(AUDIT.rules)):  # in catalog order
        code = registered.code
        ladder = problem.ladder
        severity: Severity = registered.severity
        if ladder is not None:
            if code in ladder.policy.ignore:
                continue
            severity = ladder.policy.severity.get(code, severity)
        if isinstance(problem, PersonProblem):
            index = problem.index
            finding = Finding(
                roster.name, roster.line[index], roster.column_number(problem.column),
                code, severity,
                f"employee_id {show(roster.employee_id[index])}: {problem.message}",
                (problem.column,),
            )
            if collected is not None:
                collected.findings.append((finding, None))
        else:
            assert isinstance(problem, LadderProblem) and ladder is not None
            source = ladder.source
            line, column = source.locate(problem.loc) if source is not None else (1, 1)
            finding = Finding(_ladder_name(ladder), line, column, code, severity,
                              problem.message, problem.loc)
            if collected is not None:
                collected.findings.append((finding, problem.groups))
        out.append(finding)
    return out


# -- levels side by side ---------------------------------------------------------------------------


def _levels(ctx: AuditContext, collected: Collected | None
            ) -> tuple[tuple[LevelRow, ...], tuple[tuple[str, str], ...]]:
    order: dict[str, str] = {}
    for ladder in ctx.scale.ladders:
        for key in ladder.tracks:
            order.setdefault(key, ladder.track_name(key))
    first = list(order)
    keys = sorted(order, key=lambda k: (k != MANAGEMENT, first.index(k)))
    tracks = tuple((k, order[k]) for k in keys)
    rows: list[LevelRow] = []
    for ladder in ctx.scale.ladders:
        level_rungs: list[str] = []
        for rank, level in enumerate(ladder.levels):
            cells: list[RungStats | None] = []
            for track in keys:
                found = ladder.tracks.get(track)
                index = next((i for i, r in enumerate(found.rungs) if r.level == level.id),
                             None) if found else None
                if found is None or index is None:
                    cells.append(None)
                    continue
                rung = ctx.rungs.get((ladder.family, track, level.id))
                stats = _rung_stats(ladder, track, index, rank, rung, collected)
                level_rungs.append(stats.key)
                cells.append(stats)
            if any(c is not None for c in cells):
                rows.append(LevelRow(ladder.family, level.id, level.name, rank, tuple(cells)))
        if collected is None:
            continue
        collected.partitions.append((f"family:{ladder.family}", level_rungs))
        collected.groups[f"family:{ladder.family}"] = [
            p for (fam, _, _), r in ctx.rungs.items() if fam == ladder.family for p in r.people
        ]
    rows.sort(key=lambda r: (-r.rank, r.family))
    return tuple(rows), tracks


def _band_text(ladder: Ladder, rung: Rung | None, found: object) -> tuple[str, bool]:
    from dualladder.model import Rung as LadderRung

    assert isinstance(found, LadderRung)
    if rung is not None:
        if len(rung.currencies) > 1 or (rung.band() is None and
                                         any(b is not None for _, b in rung.parts)):
            return "bands of several pay zones", False
        return rung.position.band_text(), rung.position.withheld
    band = ladder.band(found)
    if band is None:
        withheld = ladder.pay_withheld(found)
        return ("pay withheld, equal by policy" if withheld else "no band"), withheld
    currency = ladder.currency_of(band)
    unit = f" {currency}" if currency else ""
    return (f"{format_amount(band.min)}-{format_amount(band.max)}{unit} "
            f"(mid {format_amount(band.mid)})"), False


def _rung_stats(ladder: Ladder, track: str, index: int, rank: int, rung: Rung | None,
                collected: Collected | None) -> RungStats:
    found = ladder.tracks[track].rungs[index]
    key = f"rung:{ladder.family}/{track}/{found.level}"
    people = rung.people if rung is not None else []
    if collected is not None:
        collected.groups[key] = people
    if rung is not None and collected is not None:
        _split(collected, key, people, [("below", [i for i, _ in rung.below]),
                                        ("above", [i for i, _ in rung.above])], "within")
        _split(collected, key, people, [("variable", rung.variable)], "no-variable")
        _split(collected, key, people, [("equity", rung.equity)], "no-equity")
    band, withheld = _band_text(ladder, rung, found)
    count = len(people)
    return RungStats(
        key=key,
        family=ladder.family,
        track=track,
        track_name=ladder.track_name(track),
        level=found.level,
        rank=rank,
        title=found.title,
        band=band,
        withheld=withheld,
        headcount=count,
        compa=rung.compa() if rung is not None else None,
        penetration=rung.penetration() if rung is not None else None,
        below_min=len(rung.below) if rung is not None else 0,
        above_max=len(rung.above) if rung is not None else 0,
        variable_share=Decimal(len(rung.variable)) / count if rung is not None and count
        else None,
        equity_share=Decimal(len(rung.equity)) / count if rung is not None and count else None,
    )


def _split(collected: Collected, key: str, people: list[int],
           parts: list[tuple[str, list[int]]], rest: str) -> None:
    """Register the parts of a group and the rest of it as one split."""
    taken = {p for _, part in parts for p in part}
    names = []
    for name, part in parts:
        collected.groups[f"{key}/{name}"] = part
        names.append(f"{key}/{name}")
    collected.groups[f"{key}/{rest}"] = [p for p in people if p not in taken]
    collected.partitions.append((key, [*names, f"{key}/{rest}"]))


# -- pay gaps --------------------------------------------------------------------------------------


def _indicators(key: str, group: _Group, amounts: Amounts, *,
                quartiles: tuple[SexSplit, ...] | None = None,
                medians: tuple[list[Value], list[Value]] | None = None) -> Indicators:
    """The indicators of a group; ``medians``: the sorted total pay of its women and men, for
    the median gaps (the organisation's; categories have means only)."""
    w, m = group.women, group.men
    base_w, base_m = w.base_sum, m.base_sum
    variable_w, variable_m = w.variable_sum, m.variable_sum
    nw, nm = len(w.people), len(m.people)
    mean_w = (base_w + variable_w) / nw if nw else None
    mean_m = (base_m + variable_m) / nm if nm else None
    median_gap = variable_median_gap = None
    if medians is not None:
        view, sort, zero = amounts.view, amounts.sort, amounts.zero
        median_gap = gap(median(view(medians[1])), median(view(medians[0])))
        variable_median_gap = gap(median(view(sort(m.variable_all(zero)))),
                                  median(view(sort(w.variable_all(zero)))))
    return Indicators(
        key=key,
        people=SexSplit(len(w.people), len(m.people), len(group.other)),
        mean_gap=gap(mean_m, mean_w),
        variable_mean_gap=gap(variable_m / nm if nm else None, variable_w / nw if nw else None),
        median_gap=median_gap,
        variable_median_gap=variable_median_gap,
        variable_share_women=Decimal(w.receiving) / len(w.people) if w.people else None,
        variable_share_men=Decimal(m.receiving) / len(m.people) if m.people else None,
        quartiles=quartiles,
        basic_mean_gap=gap(base_m / nm if nm else None, base_w / nw if nw else None),
        mean_pay_women=mean_w,
        mean_pay_men=mean_m,
    )


Sorted = tuple[list[Value], list[Value]]


def _tied_runs(keys: list[Any], bounds: list[int], everywhere: bool) -> list[tuple[int, int]]:
    """The runs ``[start, end)`` of two or more equal sorted ``keys``: every run where
    ``everywhere``, else only those across one of ``bounds`` (a run holds ``b`` and ``b - 1``)."""
    n = len(keys)
    runs: list[tuple[int, int]] = []
    if everywhere:
        ties = list(map(operator.eq, keys, keys[1:]))
        start = 0
        for end in range(1, n + 1):
            if end == n or not ties[end - 1]:
                if end - start > 1:
                    runs.append((start, end))
                start = end
        return runs
    for bound in bounds:
        if not 0 < bound < n or keys[bound - 1] != keys[bound] or (runs and bound < runs[-1][1]):
            continue
        start, end, key = bound - 1, bound + 1, keys[bound]
        while start and keys[start - 1] == key:
            start -= 1
        while end < n and keys[end] == key:
            end += 1
        runs.append((start, end))
    return runs


def _quartiles(roster: Roster, group: _Group, amounts: Amounts
               ) -> tuple[list[list[int]], list[int], tuple[SexSplit, ...], Sorted]:
    """(f): the women and men ranked by total pay (ties by employee id), in four quarters as
    equal as can be: the person ranked r (from 0) of n is in quarter 4r // n. Gives the
    quarters (as positions in the second value: the women, then the men), the counts of each,
    and the women's and the men's total pay sorted (for the median gap)."""
    people = group.women.people + group.men.people
    totals = group.women.total + group.men.total
    n = len(people)
    keys = amounts.keys(totals)
    order = sorted(range(n), key=keys.__getitem__)
    ids = roster.employee_id
    sorted_keys = list(map(keys.__getitem__, order))
    ranked = list(map(totals.__getitem__, order))
    bounds = [(k * n + 3) // 4 for k in (1, 2, 3)]
    # Only the order across a quarter boundary decides who is in which quarter: there, equal
    # pay is ordered by employee id. Keys that order exactly (whole numbers) need nothing
    # more; float keys may tie where the amounts differ, and then every tie is put in exact
    # order.
    unequal = False
    if not amounts.exact_order:
        ties = list(map(operator.eq, sorted_keys, sorted_keys[1:]))
        unequal = any(map(operator.ne, compress(ranked, ties), compress(ranked[1:], ties)))
    runs = _tied_runs(sorted_keys, bounds, unequal)
    for start, end in runs:
        order[start:end] = sorted(order[start:end], key=lambda i: (totals[i], ids[people[i]]))
    if runs:
        ranked = list(map(totals.__getitem__, order))
    women = len(group.women.people)
    edges = [(k * n + 3) // 4 for k in range(5)]
    quarters = [order[edges[k]:edges[k + 1]] for k in range(4)]
    splits = []
    for quarter in quarters:
        w = sum(map(women.__gt__, quarter))
        splits.append(SexSplit(w, len(quarter) - w, 0))
    is_woman = list(map(women.__gt__, order))
    medians = (list(compress(ranked, is_woman)),
               list(compress(ranked, map(operator.not_, is_woman))))
    return quarters, people, tuple(splits), medians


def _kth(a: Sequence[Value], b: Sequence[Value], k: int) -> Value:
    """The ``k``-th smallest (from 0) of sorted ``a`` and ``b`` taken together, found by
    bisection (``log n`` comparisons): the ``k + 1`` smallest are ``a[:i]`` and ``b[:k + 1 - i]``
    for the least ``i`` whose ``a[i]`` is not below ``b[k - i]``."""
    lo, hi = max(0, k + 1 - len(b)), min(k + 1, len(a))
    while lo < hi:
        i = (lo + hi) // 2
        if a[i] < b[k - i]:
            lo = i + 1
        else:
            hi = i
    j = k + 1 - lo
    if not lo:
        return b[j - 1]
    return a[lo - 1] if not j or b[j - 1] < a[lo - 1] else b[j - 1]


def _quarter_counts(roster: Roster, group: _Group, amounts: Amounts
                    ) -> tuple[tuple[SexSplit, ...], Sorted]:
    """What :func:`_quartiles` gives where nobody needs to know who is in which quarter (no
    ``--publish``): the women and men of each quarter, and the women's and the men's total
    pay sorted. Each side is sorted on its own, with no ranking of everyone: the people below
    a quarter boundary are those paid less than the pay at the boundary (counted by
    bisection) and, of those paid exactly that, the first by employee id."""
    women, men = ranked = (amounts.sort(group.women.total), amounts.sort(group.men.total))
    n = len(women) + len(men)
    edges = [(k * n + 3) // 4 for k in range(5)]
    at = {edge: _kth(women, men, edge - 1) for edge in edges if 0 < edge < n}
    # the people paid exactly a boundary's pay, by employee id (one pass over each side)
    pays = frozenset(at.values())
    ids = roster.employee_id
    tied: dict[Value, list[tuple[str, bool]]] = {pay: [] for pay in pays}
    for side, woman in ((group.women, True), (group.men, False)):
        for person, pay in zip(compress(side.people, map(pays.__contains__, side.total)),
                               filter(pays.__contains__, side.total), strict=True):
            tied[pay].append((ids[person], woman))
    counts = {0: 0, n: len(women)}  # edge -> the women ranked below it
    for edge, pay in at.items():
        low_w, low_m = bisect_left(women, pay), bisect_left(men, pay)
        first = sorted(tied[pay])[:edge - low_w - low_m]
        counts[edge] = low_w + sum(woman for _, woman in first)
    below = [counts[edge] for edge in edges]
    splits = tuple(SexSplit(below[k + 1] - below[k],
                            edges[k + 1] - edges[k] - (below[k + 1] - below[k]), 0)
                   for k in range(4))
    return splits, ranked


def _pay_groups(ctx: AuditContext, categories: dict[tuple[str, str, str], _Group],
                organisation: dict[str, _Group], collected: Collected | None,
                ) -> tuple[PayGroup, ...]:
    out: list[PayGroup] = []
    for currency in sorted(organisation):
        group = organisation[currency]
        org_key = f"org:{currency}"
        quartiles = medians = None
        if collected is not None:
            _collect(collected, org_key, group)
        if group.women.people or group.men.people:
            if collected is None:  # the counts only: no need to rank everyone
                quartiles, medians = _quarter_counts(ctx.roster, group, ctx.amounts)
            else:
                quarters, people, quartiles, medians = _quartiles(ctx.roster, group,
                                                                  ctx.amounts)
                _collect_quarters(collected, org_key, group,
                                  [[people[i] for i in q] for q in quarters])
        cats: list[Category] = []
        level_keys: list[str] = []
        for (family, level, cur), cat in categories.items():
            if cur != currency:
                continue
            key = f"cat:{currency}/{family}/{level}"
            level_keys.append(key)
            if collected is not None:
                _collect(collected, key, cat)
            name, rank = _level_info(ctx.scale, family, level)
            category = Category(family, level, name, rank,
                                _indicators(key, cat, ctx.amounts))
            cats.append(category)
            ctx.categories.append((category, currency, _anchor(ctx, family, level)))
        if collected is not None:
            collected.partitions.append((org_key, level_keys))
            for sex in ("F", "M", "X"):
                collected.partitions.append(
                    (f"{org_key}/{sex}", [f"{k}/{sex}" for k in level_keys]))
        cats.sort(key=lambda c: (-c.rank, c.family))
        out.append(PayGroup(currency, _indicators(org_key, group, ctx.amounts,
                                                  quartiles=quartiles, medians=medians),
                            tuple(cats)))
    return tuple(out)


def _collect_quarters(collected: Collected, org_key: str, group: _Group,
                      quarters: list[list[int]]) -> None:
    women = set(group.women.people)
    names = []
    for number, quarter in enumerate(quarters, start=1):
        qkey = f"{org_key}/q{number}"
        collected.groups[qkey] = quarter
        collected.groups[f"{qkey}/F"] = [p for p in quarter if p in women]
        collected.groups[f"{qkey}/M"] = [p for p in quarter if p not in women]
        collected.partitions.append((qkey, [f"{qkey}/F", f"{qkey}/M"]))
        names.append(qkey)
    collected.groups[f"{org_key}/FM"] = group.women.people + group.men.people
    collected.partitions.append((f"{org_key}/FM", names))
    collected.partitions.append((f"{org_key}/FM", [f"{org_key}/F", f"{org_key}/M"]))
    for sex in ("F", "M"):
        collected.partitions.append((f"{org_key}/{sex}", [f"{q}/{sex}" for q in names]))


def _collect(collected: Collected, key: str, group: _Group) -> None:
    women, men, other = group.women.people, group.men.people, group.other
    collected.groups[key] = women + men + other
    collected.groups[f"{key}/F"] = list(women)
    collected.groups[f"{key}/M"] = list(men)
    collected.groups[f"{key}/X"] = list(other)
    collected.partitions.append((key, [f"{key}/F", f"{key}/M", f"{key}/X"]))
    for sex, side in (("F", group.women), ("M", group.men)):
        paid = [p for p, v in zip(side.variable_people, side.variable, strict=True) if v > 0]
        taken = set(paid)
        collected.groups[f"{key}/{sex}/variable"] = paid
        collected.groups[f"{key}/{sex}/no-variable"] = [p for p in side.people if p not in taken]
        collected.partitions.append(
            (f"{key}/{sex}", [f"{key}/{sex}/variable", f"{key}/{sex}/no-variable"]))


def _level_info(scale: Scale, family: str, level: str) -> tuple[str | None, int]:
    ladder = next((lad for lad in scale.ladders if lad.family == family), scale.ladders[0])
    ids = ladder.level_ids
    found = ladder.level(level)
    return (found.name if found is not None else None), (ids.index(level) if level in ids
                                                         else -1)


def _anchor(ctx: AuditContext, family: str, level: str) -> Position | None:
    """A rung of the category to point its findings at: management's, else the first."""
    here = sorted(((trk != MANAGEMENT, fam, trk), r.position)
                  for (fam, trk, lvl), r in ctx.rungs.items()
                  if lvl == level and (fam == family or not family))
    return here[0][1] if here else None
