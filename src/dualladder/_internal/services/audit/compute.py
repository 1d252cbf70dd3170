"""The audit itself: a roster measured against its ladders, into an :class:`AuditReport`.

People are handled by *profile* (a distinct track, level, fte, gender, family, zone and
currency; see :class:`~dualladder._internal.model.roster.Profile`): everything that depends only
on where people stand (their rung, band, currency, category) is worked out once per profile, and per
person only what depends on their pay. The gathered groups form an :class:`AuditContext`; the audit
rules (:mod:`dualladder._internal.rules.audit`) read it and yield problems, which become findings
under each ladder's ``policy``.
"""

from __future__ import annotations

import operator
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from itertools import compress
from typing import Any, Final

from dualladder._internal.model.audit import (
    AuditOptions,
    AuditReport,
    Category,
    Indicators,
    LevelRow,
    PayGroup,
    Quarter,
    RungStats,
    SexSplit,
)
from dualladder._internal.model.audit_amounts import (
    Amounts,
    Exact,
    Inexact,
    Scaled,
    Value,
)
from dualladder._internal.model.ladder import MANAGEMENT, Ladder, format_amount
from dualladder._internal.model.placement import Position, Problem, Scale
from dualladder._internal.model.roster import FEMALE, MALE, Roster, show
from dualladder._internal.model.stats import gap, median, sort_exact
from dualladder._internal.rules.audit import AUDIT, LadderProblem, PersonProblem
from dualladder._internal.rules.audit_context import AuditContext, Collected, Rung
from dualladder._internal.util.catalog import Severity
from dualladder._internal.util.findings import Finding, Report

__all__ = ["compute"]

_ZERO = Decimal(0)
_ONE = Decimal(1)


@dataclass(slots=True)
class _Side:
    """One sex's people of a group (women, men, or everyone else) and what the indicators
    need of their pay. Sums are of full-time-equivalent (FTE) pay unless named otherwise; the
    lists are kept for the organisation only (its medians and pay quarters)."""

    people: list[int] = field(default_factory=list)
    base_sum: Decimal = _ZERO
    variable_sum: Decimal = _ZERO
    receivers: list[int] = field(default_factory=list)
    """Those who received variable pay (above 0)."""
    equity_holders: list[int] = field(default_factory=list)
    """Those who received equity (above 0)."""
    paid_sum: Decimal = _ZERO
    """The sum of the total pay actually paid in the year (not divided by fte)."""
    in_kind_sum: Decimal = _ZERO
    """The sum of FTE total remuneration with pay in kind (equity and other benefits)."""
    hourly_sum: Decimal = _ZERO
    hourly_people: int = 0
    """Those whose contracted hours are known (the hourly reading is over them)."""
    # the organisation only (base, total_runs and paid in runs sorted a profile at a time
    # where whole numbers are, so that sorting them merges runs: see _ProfilePay.sorted_bases):
    base: list[Value] = field(default_factory=list)
    variable: list[Value] = field(default_factory=list)
    """FTE variable pay of the profiles where someone received some (everyone else: 0)."""
    total: list[Value] = field(default_factory=list)
    """FTE total pay, in the order of :attr:`people`."""
    total_runs: list[Value] = field(default_factory=list)
    """The same pays as :attr:`total`, each profile's sorted (for ranking them)."""
    paid: list[Value] = field(default_factory=list)
    in_kind: list[Value] = field(default_factory=list)
    hourly: list[Decimal] = field(default_factory=list)

    def variable_all(self, zero: Value) -> list[Value]:
        """Every person's variable pay, ``zero`` where none."""
        zeros = len(self.people) - len(self.variable)
        return self.variable + [zero] * zeros


@dataclass(slots=True)
class _Group:
    """The people of a category or of the organisation in one currency, by sex."""

    women: _Side = field(default_factory=_Side)
    men: _Side = field(default_factory=_Side)
    others: _Side = field(default_factory=_Side)
    """People of another gender, or whose gender is not stated."""

    @property
    def other(self) -> list[int]:
        return self.others.people

    def side(self, gender: str) -> _Side:
        return self.women if gender == FEMALE else self.men if gender == MALE else self.others


@dataclass(slots=True)
class _ProfilePay:
    """The pay of one profile's people, as the rungs and groups take it (see :func:`_pay_of`).
    Lists are in the order of :attr:`people`; FTE lists in :class:`Amounts` units."""

    people: list[int]
    bases: list[Value]
    """Raw base pay, as read (compared with the band scaled by fte)."""
    fte_bases: list[Value]
    fte_variables: list[Value] | None
    """None where nobody of the profile received variable pay."""
    totals: list[Value]
    variable_paid: list[int]
    """The people who received variable pay."""
    equity_paid: list[int]
    paid: list[Value] | None
    """Total pay actually paid (None: the same as :attr:`totals`, at fte 1)."""
    in_kind: list[Value] | None
    """FTE total pay with pay in kind (None where the roster has no column of pay in kind)."""
    hourly: list[Decimal | None] | None
    """Total pay actually paid per contracted hour (None: no ``hours`` column)."""
    sums: tuple[Decimal, Decimal, Decimal, Decimal]
    """The sums of FTE base, FTE variable, paid total and FTE in-kind total pay (taken once,
    for both the category and the organisation)."""
    sorted_bases: list[Value]
    """:attr:`fte_bases` sorted, and :attr:`sorted_totals` :attr:`totals` sorted, where pay is
    held as whole numbers (:attr:`Amounts.exact_order`: equal values are the very same
    number): a rung's and a side's pays are then sorted runs, one per profile, and sorting
    them merges the runs (Python's sort finds them), one sort of a profile's pays serving both
    the rung and the organisation, and the totals serving the pay actually paid at fte 1.
    Decimals stay as they are (``1.0`` and ``1.00`` are equal: their order is left to the
    sorts across profiles, as before)."""
    sorted_totals: list[Value]


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
    decimals (see :mod:`dualladder._internal.model.audit_amounts`)."""
    try:
        ctx = AuditContext(scale, roster, options, amounts or Scaled(roster))
        categories, organisation = _gather(ctx)
    except Inexact:
        ctx = AuditContext(scale, roster, options, Exact())
        categories, organisation = _gather(ctx)
    ctx.collected = collected
    if collected is not None:
        collected.groups["all"] = [p for rung in ctx.rungs.values() for p in rung.people]
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
        readings=frozenset(name for name, present in (
            ("hourly", roster.has("hours")),
            ("in_kind", any(map(roster.has, IN_KIND_COLUMNS))),
            ("equity", roster.has("equity"))) if present),
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


#: Weeks in a year, for hourly pay from contracted weekly hours.
WEEKS_A_YEAR: Final = Decimal(52)

#: The roster columns of pay in kind (Art. 3(1)(a)): equity and other benefits in kind.
IN_KIND_COLUMNS: Final = ("equity", "in_kind")

Groups = tuple[dict[tuple[str, str, str], _Group], dict[str, _Group]]


def _gather(ctx: AuditContext) -> Groups:
    """Gather the people of the roster into the rungs of ``ctx`` and into groups.

    Gives the categories of workers (``(family key, level, currency)`` -> :class:`_Group`)
    and the organisation in each currency (currency -> :class:`_Group`); the people the
    ladders have no place for go to ``ctx.unplaced``. It works a profile at a time (people who
    share a track, level, fte, gender, family, zone and currency): where they stand is looked
    up once per profile, and only their pay is handled per person, in three steps:

    1. :func:`_by_profile` takes the pay columns of each profile's people;
    2. :func:`_pay_of` works out their pay as the statistics need it (FTE, as paid, hourly,
       with pay in kind);
    3. :func:`_add_to_rung` and :func:`_add_to_group` add them to their rung and to their
       category and organisation.
    """
    roster, scale, amounts = ctx.roster, ctx.scale, ctx.amounts
    categories: dict[tuple[str, str, str], _Group] = {}
    organisation: dict[str, _Group] = {}
    names = ["base_pay", "variable_pay", *[c for c in IN_KIND_COLUMNS if roster.has(c)]]
    columns = [amounts.raw(roster, name) for name in names]
    if roster.has("hours"):
        names.append("hours")
        columns.append(roster.hours)
    members, values = _by_profile(roster.profile, len(roster.profiles), columns)
    amounts.settle((profile.fte, values[number][k])
                   for number, profile in enumerate(roster.profiles)
                   for k in range(len(names) - roster.has("hours")))
    for number, profile in enumerate(roster.profiles):
        people = members[number]
        if not people:
            continue
        position = scale.position(profile)
        if isinstance(position, Problem):
            ctx.unplaced.append((position, people, scale.ladder_of(profile)))
            continue
        pay = _pay_of(amounts, people, profile.fte, dict(zip(names, values[number],
                                                              strict=True)))
        _add_to_rung(ctx, position, profile.fte, pay)
        currency = position.currency or ""
        category = categories.setdefault(
            (scale.family_key(position), position.level, currency), _Group())
        _add_to_group(category.side(profile.gender), pay, amounts, whole=False)
        _add_to_group(organisation.setdefault(currency, _Group()).side(profile.gender), pay,
                      amounts, whole=True)
    return categories, organisation


def _pay_of(amounts: Amounts, people: list[int], fte: Decimal,
            columns: dict[str, list[Any]]) -> _ProfilePay:
    """The pay of one profile's ``people`` from their raw ``columns`` (by roster column)."""
    bases = columns["base_pay"]
    fte_bases = amounts.per_fte(bases, fte)
    variables = columns["variable_pay"]
    fte_variables = None
    totals = fte_bases
    variable_paid: list[int] = []
    if any(variables):  # amounts are never negative: above 0 is not 0
        variable_paid = list(compress(people, variables))
        fte_variables = amounts.per_fte(variables, fte)
        totals = list(map(operator.add, fte_bases, fte_variables))
    paid = None
    if fte != _ONE:
        paid = amounts.paid(bases)
        if fte_variables is not None:
            paid = list(map(operator.add, paid, amounts.paid(variables)))
    equity = columns.get("equity")
    equity_paid = list(compress(people, equity)) if equity is not None else []
    in_kind = None
    kinds = [columns[c] for c in IN_KIND_COLUMNS if c in columns]
    if kinds:
        extra = kinds[0] if len(kinds) == 1 else list(map(operator.add, *kinds))
        in_kind = (list(map(operator.add, totals, amounts.per_fte(extra, fte))) if any(extra)
                   else totals)
    hourly = None
    hours = columns.get("hours")
    if hours is not None:
        decimal = amounts.decimal
        hourly = [None if h is None else decimal(p) / (h * WEEKS_A_YEAR)
                  for p, h in zip(paid if paid is not None else totals, hours, strict=True)]
    base_sum = amounts.sum(fte_bases)
    variable_sum = amounts.sum(fte_variables) if fte_variables is not None else _ZERO
    sums = (base_sum, variable_sum,
            base_sum + variable_sum if paid is None else amounts.sum(paid),
            amounts.sum(in_kind) if in_kind is not None else _ZERO)
    sorted_bases, sorted_totals = fte_bases, totals
    if amounts.exact_order:
        sorted_bases = amounts.sort(fte_bases)
        sorted_totals = sorted_bases if totals is fte_bases else amounts.sort(totals)
    return _ProfilePay(people, bases, fte_bases, fte_variables, totals, variable_paid,
                       equity_paid, paid, in_kind, hourly, sums, sorted_bases, sorted_totals)


def _add_to_rung(ctx: AuditContext, position: Position, fte: Decimal, pay: _ProfilePay) -> None:
    """Add a profile's people to their rung: their FTE base pay in their band, who received
    variable pay and equity, and who is paid outside the band (with the band's position, so
    that a message quotes the person's own zone)."""
    amounts = ctx.amounts
    key = (position.family, position.track, position.level)
    rung = ctx.rungs.get(key)
    if rung is None:
        rung = ctx.rungs[key] = Rung(position, amounts)
    people, bases = pay.people, pay.bases
    rung.people.extend(people)
    band = position.band
    rung.parts.append((pay.sorted_bases, band))  # the rung sorts them (merging the runs)
    rung.currencies.add(position.currency or "")
    rung.variable.extend(pay.variable_paid)
    rung.equity.extend(pay.equity_paid)
    if band is None:
        return
    low, high = amounts.below(band.min * fte), amounts.above(band.max * fte)
    if min(bases) < low:
        rung.below.extend((i, amounts.raw_decimal(p) / fte, position)
                          for i, p in zip(people, bases, strict=True) if p < low)
    if max(bases) > high:
        rung.above.extend((i, amounts.raw_decimal(p) / fte, position)
                          for i, p in zip(people, bases, strict=True) if p > high)


def _add_to_group(side: _Side, pay: _ProfilePay, amounts: Amounts, *, whole: bool) -> None:
    """Add a profile's people to one side of a category (``whole`` False: sums and counts
    only) or of the organisation (``whole``: every person's pay too, for medians and
    quarters)."""
    side.people.extend(pay.people)
    base_sum, variable_sum, paid_sum, in_kind_sum = pay.sums
    side.base_sum += base_sum
    side.variable_sum += variable_sum
    side.paid_sum += paid_sum
    side.in_kind_sum += in_kind_sum
    fte_variables = pay.fte_variables
    side.receivers.extend(pay.variable_paid)
    side.equity_holders.extend(pay.equity_paid)
    known: list[Decimal] = []
    if pay.hourly is not None:
        known = [h for h in pay.hourly if h is not None]
        side.hourly_sum += sum(known, _ZERO)
        side.hourly_people += len(known)
    if not whole:
        return
    side.base.extend(pay.sorted_bases)
    side.total.extend(pay.totals)
    side.total_runs.extend(pay.sorted_totals)
    if pay.paid is None:  # at fte 1, as paid is as the full-time equivalent
        side.paid.extend(pay.sorted_totals)
    else:
        side.paid.extend(amounts.sort(pay.paid) if amounts.exact_order else pay.paid)
    if fte_variables is not None:
        side.variable.extend(fte_variables)
    if pay.in_kind is not None:
        side.in_kind.extend(pay.in_kind)
    side.hourly.extend(known)


def _run_rules(ctx: AuditContext, collected: Collected | None) -> list[Finding]:
    """Every audit rule over the context, each finding under its ladder's policy."""

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
                collected.findings.append((finding, None, ()))
        else:
            assert isinstance(problem, LadderProblem) and ladder is not None
            source = ladder.source
            line, column = source.locate(problem.loc) if source is not None else (1, 1)
            finding = Finding(_ladder_name(ladder), line, column, code, severity,
                              problem.message, problem.loc)
            if collected is not None:
                collected.findings.append((finding, problem.groups, problem.statistics))
        out.append(finding)
    return out


# -- levels side by side ---------------------------------------------------------------------------


def _levels(ctx: AuditContext, collected: Collected | None
            ) -> tuple[tuple[LevelRow, ...], tuple[tuple[str, str], ...]]:
    # a column per track key; its heading names the track as each family does
    order: dict[str, list[str]] = {}
    for ladder in ctx.scale.ladders:
        for key in ladder.tracks:
            names = order.setdefault(key, [])
            if ladder.track_name(key) not in names:
                names.append(ladder.track_name(key))
    first = list(order)
    keys = sorted(order, key=lambda k: (k != MANAGEMENT, first.index(k)))
    tracks = tuple((k, " / ".join(order[k])) for k in keys)
    rows: list[LevelRow] = []
    for ladder in ctx.scale.ladders:
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
                cells.append(stats)
            if any(c is not None for c in cells):
                rows.append(LevelRow(ladder.family, level.id, level.name, rank, tuple(cells)))
    rows.sort(key=lambda r: (-r.rank, r.family))
    return tuple(rows), tracks


def _band_text(ladder: Ladder, rung: Rung | None, found: object) -> tuple[str, bool]:
    from dualladder._internal.model.ladder import Rung as LadderRung

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
        _split(collected, key, people, [("below", [i for i, _, _ in rung.below]),
                                        ("above", [i for i, _, _ in rung.above])], "within")
        _split(collected, key, people, [("variable", rung.variable)], "no-variable")
        _split(collected, key, people, [("equity", rung.equity)], "no-equity")
        for what, spread_of, values in (("compa", rung.compa, rung.compa_sorted),
                                        ("penetration", rung.penetration,
                                         rung.penetration_values)):
            quartiles = spread_of()
            if quartiles is not None:
                mine = set(values())
                collected.person_valued[f"{key}/{what}"] = {
                    name for name in ("q1", "median", "q3") if getattr(quartiles, name) in mine}
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
    """Register the parts of a group and the rest of it (a part never printed, protected where
    it is small)."""
    taken = {p for _, part in parts for p in part}
    for name, part in parts:
        collected.groups[f"{key}/{name}"] = part
    collected.groups[f"{key}/{rest}"] = [p for p in people if p not in taken]


# -- pay gaps --------------------------------------------------------------------------------------


def _mean(total: Decimal, count: int) -> Decimal | None:
    return total / count if count else None


def _median(amounts: Amounts, values: list[Value]) -> Decimal | None:
    return median(amounts.view(amounts.sort(values)))


def _indicators(key: str, group: _Group, ctx: AuditContext, *, whole: bool = False,
                quartiles: tuple[Quarter, ...] | None = None,
                totals: dict[int, list[Value]] | None = None) -> Indicators:
    """The indicators of a group, in every reading; ``whole``: the organisation's (medians,
    the basic-pay median gap and the pay ``quartiles`` too; a category has means only).
    ``totals``: each side's total pay already sorted, by ``id`` of the side."""
    w, m = group.women, group.men
    nw, nm = len(w.people), len(m.people)
    amounts, roster = ctx.amounts, ctx.roster
    mean_w = _mean(w.base_sum + w.variable_sum, nw)
    mean_m = _mean(m.base_sum + m.variable_sum, nm)
    in_kind = any(map(roster.has, IN_KIND_COLUMNS))
    hourly = roster.has("hours")
    medians: dict[str, Decimal | None] = {}
    if whole:
        zero = amounts.zero

        def both(f: Callable[[_Side], list[Value]], exact: bool = False) -> Decimal | None:
            if exact:  # already decimals
                return gap(median(sort_exact(f(m))), median(sort_exact(f(w))))
            return gap(_median(amounts, f(m)), _median(amounts, f(w)))

        def ranked(side: _Side) -> Sequence[Decimal]:
            return amounts.view(totals[id(side)] if totals is not None
                                else amounts.sort(side.total_runs))

        given_sorted: dict[int, list[Value]] = {}

        def variable(side: _Side, receiving: bool) -> Sequence[Decimal]:
            """Sorted variable pay of everyone (0 for those who received none), or of those
            who received some: one sort of the variable pay given, for both."""
            given = given_sorted.get(id(side))
            if given is None:
                given = given_sorted[id(side)] = amounts.sort(side.variable)
            paid = given[bisect_right(given, zero):]
            return amounts.view(paid if receiving
                                else [zero] * (len(side.people) - len(paid)) + paid)

        medians = {
            "median_gap": gap(median(ranked(m)), median(ranked(w))),
            "variable_median_gap": gap(median(variable(m, False)),
                                       median(variable(w, False))),
            "variable_median_gap_receiving": gap(median(variable(m, True)),
                                                 median(variable(w, True))),
            "paid_median_gap": both(lambda s: s.paid),
            "hourly_median_gap": both(lambda s: s.hourly, exact=True) if hourly else None,
            "in_kind_median_gap": both(lambda s: s.in_kind) if in_kind else None,
            "basic_median_gap": both(lambda s: s.base),
        }

    def share(count: int, of: int) -> Decimal | None:
        return Decimal(count) / of if of else None

    def mean_gap(f: Callable[[_Side], tuple[Decimal, int]]) -> Decimal | None:
        (sum_m, n_m), (sum_w, n_w) = f(m), f(w)
        return gap(_mean(sum_m, n_m), _mean(sum_w, n_w))

    return Indicators(
        key=key,
        people=SexSplit(nw, nm, len(group.other)),
        mean_gap=gap(mean_m, mean_w),
        variable_mean_gap=mean_gap(lambda s: (s.variable_sum, len(s.people))),
        median_gap=medians.get("median_gap"),
        variable_median_gap=medians.get("variable_median_gap"),
        variable_share_women=share(len(w.receivers), nw),
        variable_share_men=share(len(m.receivers), nm),
        quartiles=quartiles,
        basic_mean_gap=mean_gap(lambda s: (s.base_sum, len(s.people))),
        mean_pay_women=mean_w,
        mean_pay_men=mean_m,
        variable_mean_gap_receiving=mean_gap(lambda s: (s.variable_sum, len(s.receivers))),
        variable_median_gap_receiving=medians.get("variable_median_gap_receiving"),
        paid_mean_gap=mean_gap(lambda s: (s.paid_sum, len(s.people))),
        paid_median_gap=medians.get("paid_median_gap"),
        hourly_mean_gap=mean_gap(lambda s: (s.hourly_sum, s.hourly_people)) if hourly
        else None,
        hourly_median_gap=medians.get("hourly_median_gap"),
        in_kind_mean_gap=mean_gap(lambda s: (s.in_kind_sum, len(s.people))) if in_kind
        else None,
        in_kind_median_gap=medians.get("in_kind_median_gap"),
        equity_share_women=share(len(w.equity_holders), nw) if roster.has("equity") else None,
        equity_share_men=share(len(m.equity_holders), nm) if roster.has("equity") else None,
        basic_median_gap=medians.get("basic_median_gap"),
    )


# -- pay quarters (f) ----------------------------------------------------------------------------


def quarter_edges(n: int) -> list[int]:
    """The ranks (from 0) where the quarters of ``n`` ranked people start, and ``n``: the
    person ranked r is in quarter 4r // n (quarters as equal as can be, the lower ones
    larger by one where ``n`` is not a multiple of 4)."""
    return [(k * n + 3) // 4 for k in range(5)]


def _kth(lists: Sequence[Sequence[Value]], k: int) -> Value:
    """The ``k``-th smallest (from 0) of sorted ``lists`` taken together: the least value
    of any of them that at least ``k + 1`` values are at most (found by bisection)."""

    def at_most(value: Value) -> int:
        return sum(bisect_right(values, value) for values in lists)

    found: list[Value] = []
    for values in lists:
        lo, hi = 0, len(values)
        while lo < hi:
            mid = (lo + hi) // 2
            if at_most(values[mid]) >= k + 1:
                hi = mid
            else:
                lo = mid + 1
        if lo < len(values):
            found.append(values[lo])
    return min(found)


def _quarter_counts(sides: list[list[Value]]) -> tuple[Quarter, ...]:
    # sides: the total pay of the women, the men and the others, each sorted
    """(f): every worker (women, men and the others) ranked by FTE total pay, in four
    quarters; the women, men and others of each. People paid the same across a quarter
    boundary are shared between the quarters in proportion to their sexes (the UK gender pay
    gap reporting rules' method), so equal pay counts alike whatever the employee ids.

    Nobody's rank is needed: the people of each sex below a boundary at rank ``b`` are those
    paid less than the pay ``v`` ranked ``b`` (counted by bisection of each sex's sorted pay)
    and the part ``(b - s) / (e - s)`` of those paid exactly ``v``, where ranks ``s`` to
    ``e - 1`` are paid ``v``."""
    n = sum(map(len, sides))
    if not n:
        return ()
    edges = quarter_edges(n)

    def below(b: int) -> list[Fraction]:
        if b in (0, n):
            return [Fraction(len(side) if b else 0) for side in sides]
        value = _kth(sides, b)
        less = [bisect_left(side, value) for side in sides]
        equal = [bisect_right(side, value) - low for side, low in zip(sides, less, strict=True)]
        start, tied = sum(less), sum(equal)
        return [low + Fraction(same * (b - start), tied)
                for low, same in zip(less, equal, strict=True)]

    cut = [below(edge) for edge in edges]
    return tuple(
        Quarter(edges[k + 1] - edges[k],
                *(_decimal(cut[k + 1][s] - cut[k][s]) for s in range(3)))
        for k in range(4)
    )


def _decimal(value: Fraction) -> Decimal:
    if value.denominator == 1:
        return Decimal(value.numerator)
    return Decimal(value.numerator) / Decimal(value.denominator)


def quarter_weights(totals: Sequence[Any]) -> list[dict[int, Fraction]]:
    """Who is in which pay quarter, by position in ``totals`` (exactly comparable pays): for
    each quarter, position -> the part of that person in it (1, or a fraction for people paid
    the same across a boundary; see :func:`_quarter_counts`). For ``--publish``, which needs
    every count as a sum over people."""
    n = len(totals)
    order = sorted(range(n), key=totals.__getitem__)
    edges = quarter_edges(n)
    out: list[dict[int, Fraction]] = [{} for _ in range(4)]
    start = 0
    while start < n:
        end = start + 1
        while end < n and totals[order[end]] == totals[order[start]]:
            end += 1
        for k in range(4):
            overlap = min(end, edges[k + 1]) - max(start, edges[k])
            if overlap > 0:
                part = Fraction(overlap, end - start)
                for position in order[start:end]:
                    out[k][position] = part
        start = end
    return out


def _pay_groups(ctx: AuditContext, categories: dict[tuple[str, str, str], _Group],
                organisation: dict[str, _Group], collected: Collected | None,
                ) -> tuple[PayGroup, ...]:
    out: list[PayGroup] = []
    for currency in sorted(organisation):
        group = organisation[currency]
        org_key = f"org:{currency}"
        if collected is not None:
            _collect(collected, org_key, group)
            _collect_quarters(collected, org_key, group, ctx.amounts)
        ranked = {id(side): ctx.amounts.sort(side.total_runs)
                  for side in (group.women, group.men, group.others)}
        quartiles = _quarter_counts(list(ranked.values())) or None
        cats: list[Category] = []
        for (family, level, cur), cat in categories.items():
            if cur != currency:
                continue
            key = f"cat:{currency}/{family}/{level}"
            if collected is not None:
                _collect(collected, key, cat)
            name, rank = _level_info(ctx.scale, family, level)
            category = Category(family, level, name, rank, _indicators(key, cat, ctx))
            cats.append(category)
            ctx.categories.append((category, currency, _anchor(ctx, family, level)))
        cats.sort(key=lambda c: (-c.rank, c.family))
        out.append(PayGroup(currency, _indicators(org_key, group, ctx, whole=True,
                                                  quartiles=quartiles, totals=ranked),
                            tuple(cats)))
    return tuple(out)


def _collect_quarters(collected: Collected, org_key: str, group: _Group,
                      amounts: Amounts) -> None:
    """Register the pay quarters' people (with their parts in each, where a tie is shared)."""
    sides = (("F", group.women), ("M", group.men), ("X", group.others))
    people = [p for _, side in sides for p in side.people]
    sex = [code for code, side in sides for _ in side.people]
    totals = [t for _, side in sides for t in side.total]
    for number, parts in enumerate(quarter_weights(totals), start=1):
        qkey = f"{org_key}/q{number}"
        collected.groups[qkey] = [people[i] for i in parts]
        collected.weights[qkey] = {people[i]: w for i, w in parts.items()}
        for code, _ in sides:
            sub = f"{qkey}/{code}"
            collected.groups[sub] = [people[i] for i in parts if sex[i] == code]
            collected.weights[sub] = {people[i]: w for i, w in parts.items() if sex[i] == code}


def _collect(collected: Collected, key: str, group: _Group) -> None:
    women, men, other = group.women.people, group.men.people, group.other
    collected.groups[key] = women + men + other
    collected.groups[f"{key}/F"] = list(women)
    collected.groups[f"{key}/M"] = list(men)
    collected.groups[f"{key}/X"] = list(other)
    for sex, side in (("F", group.women), ("M", group.men)):
        for part, holders in (("variable", side.receivers), ("equity", side.equity_holders)):
            taken = set(holders)
            collected.groups[f"{key}/{sex}/{part}"] = list(holders)
            collected.groups[f"{key}/{sex}/no-{part}"] = [p for p in side.people
                                                           if p not in taken]


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
