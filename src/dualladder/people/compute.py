"""The audit itself: a roster measured against its ladders, into an :class:`AuditReport`.

People are handled by *profile* (a distinct track, level, fte, gender, family, zone and
currency; see :class:`~dualladder.people.roster.Profile`): everything that depends only on where
people stand (their rung, band, currency, category) is worked out once per profile, and per
person only what depends on their pay. The gathered groups form an :class:`AuditContext`; the
audit rules (:mod:`dualladder.people.rules`) read it and yield problems, which become findings
under each ladder's ``policy``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from dualladder.catalog import Severity
from dualladder.findings import Finding, Report
from dualladder.model import MANAGEMENT, Ladder, format_amount
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
from dualladder.people.stats import Spread, gap, mean, median, sort_exact, spread

__all__ = ["AuditContext", "Collected", "Rung", "compute"]

_ZERO = Decimal(0)
_ONE = Decimal(1)


@dataclass(slots=True)
class Rung:
    """What is gathered about the people of one rung (across pay zones)."""

    position: Position
    people: list[int] = field(default_factory=list)
    compa: list[Decimal] = field(default_factory=list)
    penetration: list[Decimal] = field(default_factory=list)
    fte_base: list[Decimal] = field(default_factory=list)
    currencies: set[str] = field(default_factory=set)
    below: list[tuple[int, Decimal]] = field(default_factory=list)
    """(person, full-time-equivalent base pay) of those paid below the band minimum."""
    above: list[tuple[int, Decimal]] = field(default_factory=list)
    variable: list[int] = field(default_factory=list)
    """Those who received variable pay."""
    equity: list[int] = field(default_factory=list)
    """Those who received equity."""
    bands: set[tuple[Decimal, Decimal, Decimal]] = field(default_factory=set)


@dataclass(slots=True)
class _Side:
    """One sex's people of a group: index, FTE base, FTE variable and FTE total pay."""

    people: list[int] = field(default_factory=list)
    base: list[Decimal] = field(default_factory=list)
    variable: list[Decimal] = field(default_factory=list)
    total: list[Decimal] = field(default_factory=list)
    receiving: int = 0


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
    unplaced: list[tuple[Problem, list[int], Ladder | None]] = field(default_factory=list)
    """Profiles without a position: the problem, the people, the ladder whose policy rules."""
    rungs: dict[tuple[str, str, str], Rung] = field(default_factory=dict)
    """(family, track, level) -> the people there."""
    categories: list[tuple[Category, str, Position | None]] = field(default_factory=list)
    """Each category with its currency and a rung of it to point findings at."""
    collected: Collected = field(default_factory=Collected)
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
    rows_left_out: int = 0,
    collected: Collected | None = None,
) -> AuditReport:
    """Audit ``roster`` against ``scale``; ``read_findings`` are the reader's (DL301-DL303) and
    ``rows_left_out`` the rows they left out."""
    ctx = AuditContext(scale, roster, options)
    categories, organisation = _gather(ctx)
    collected = collected if collected is not None else Collected()
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
        rows_left_out=rows_left_out + len(roster) - audited,
        tracks=tracks,
        levels=levels,
        pay=pay,
        options=options,
    )


def _gather(ctx: AuditContext) -> tuple[dict[tuple[str, str, str], _Group], dict[str, _Group]]:
    roster, scale = ctx.roster, ctx.scale
    members: list[list[int]] = [[] for _ in roster.profiles]
    for index, number in enumerate(roster.profile):
        members[number].append(index)
    categories: dict[tuple[str, str, str], _Group] = {}
    organisation: dict[str, _Group] = {}
    base_pay, variable_pay, equity = roster.base_pay, roster.variable_pay, roster.equity
    for number, profile in enumerate(roster.profiles):
        people = members[number]
        if not people:
            continue
        position = scale.position(profile)
        if isinstance(position, Problem):
            ctx.unplaced.append((position, people, scale.ladder_of(profile)))
            continue
        fte = profile.fte
        key = (position.family, position.track, position.level)
        rung = ctx.rungs.get(key)
        if rung is None:
            rung = ctx.rungs[key] = Rung(position)
        rung.people.extend(people)
        bases = [base_pay[i] for i in people]
        fte_bases = bases if fte == _ONE else [b / fte for b in bases]
        rung.fte_base.extend(fte_bases)
        rung.currencies.add(position.currency or "")
        variables = [variable_pay[i] for i in people]
        paid = [i for i, v in zip(people, variables, strict=True) if v > 0]
        receiving = len(paid)
        if receiving:
            rung.variable.extend(paid)
            fte_variables = variables if fte == _ONE else [v / fte for v in variables]
            totals = [b + v for b, v in zip(fte_bases, fte_variables, strict=True)]
        else:
            fte_variables = [_ZERO] * len(people)
            totals = fte_bases
        rung.equity.extend(i for i in people if equity[i] > 0)
        band = position.band
        if band is not None:
            rung.bands.add((band.min, band.mid, band.max))
            rung.compa.extend([b / band.mid for b in fte_bases])
            width = band.max - band.min
            if width:
                rung.penetration.extend([(b - band.min) / width for b in fte_bases])
            low, high = band.min * fte, band.max * fte
            rung.below.extend((i, pay / fte) for i, pay in zip(people, bases, strict=True)
                              if pay < low)
            rung.above.extend((i, pay / fte) for i, pay in zip(people, bases, strict=True)
                              if pay > high)
        currency = position.currency or ""
        cat_key = (scale.family_key(position), position.level, currency)
        for group in (categories.setdefault(cat_key, _Group()),
                      organisation.setdefault(currency, _Group())):
            side = group.side(profile.gender)
            if side is None:
                group.other.extend(people)
                continue
            side.people.extend(people)
            side.base.extend(fte_bases)
            side.variable.extend(fte_variables)
            side.total.extend(totals)
            side.receiving += receiving
    return categories, organisation


def _run_rules(ctx: AuditContext, collected: Collected) -> list[Finding]:
    """Every audit rule over the context, each finding under its ladder's policy."""
    from dualladder.people.rules import AUDIT_RULES, LadderProblem, PersonProblem

    roster = ctx.roster
    out: list[Finding] = []
    for code, registered in AUDIT_RULES.items():
        for problem in registered.check(ctx):
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
                collected.findings.append((finding, None))
            else:
                assert isinstance(problem, LadderProblem) and ladder is not None
                source = ladder.source
                line, column = source.locate(problem.loc) if source is not None else (1, 1)
                finding = Finding(_ladder_name(ladder), line, column, code, severity,
                                  problem.message, problem.loc)
                collected.findings.append((finding, problem.groups))
            out.append(finding)
    return out


# -- levels side by side ---------------------------------------------------------------------------


def _spread(values: list[Decimal]) -> Spread | None:
    return spread(sort_exact(values))


def _levels(ctx: AuditContext, collected: Collected
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
        if len(rung.currencies) > 1 or len(rung.bands) > 1:
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
                collected: Collected) -> RungStats:
    found = ladder.tracks[track].rungs[index]
    key = f"rung:{ladder.family}/{track}/{found.level}"
    people = rung.people if rung is not None else []
    collected.groups[key] = people
    if rung is not None:
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
        compa=_spread(rung.compa) if rung is not None else None,
        penetration=_spread(rung.penetration) if rung is not None else None,
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


def _indicators(key: str, group: _Group, *, quartiles: tuple[SexSplit, ...] | None) -> Indicators:
    w, m = group.women, group.men
    w_total, m_total = sort_exact(w.total), sort_exact(m.total)
    w_var, m_var = sort_exact(w.variable), sort_exact(m.variable)
    mean_w, mean_m = mean(w.total), mean(m.total)
    return Indicators(
        key=key,
        people=SexSplit(len(w.people), len(m.people), len(group.other)),
        mean_gap=gap(mean_m, mean_w),
        variable_mean_gap=gap(mean(m.variable), mean(w.variable)),
        median_gap=gap(median(m_total), median(w_total)),
        variable_median_gap=gap(median(m_var), median(w_var)),
        variable_share_women=Decimal(w.receiving) / len(w.people) if w.people else None,
        variable_share_men=Decimal(m.receiving) / len(m.people) if m.people else None,
        quartiles=quartiles,
        basic_mean_gap=gap(mean(m.base), mean(w.base)),
        mean_pay_women=mean_w,
        mean_pay_men=mean_m,
    )


def _quartiles(roster: Roster, group: _Group) -> tuple[list[list[int]], tuple[SexSplit, ...]]:
    """(f): the women and men ranked by total pay (ties by employee id), in four quarters as
    equal as can be: the person ranked r (from 0) of n is in quarter 4r // n."""
    people = group.women.people + group.men.people
    totals = group.women.total + group.men.total
    n = len(people)
    keys = [float(t) for t in totals]
    order = sorted(range(n), key=keys.__getitem__)
    ids = roster.employee_id
    for k in (1, 2, 3):  # float ties across a boundary: put them in exact order
        bound = (k * n + 3) // 4
        if not 0 < bound < n:
            continue
        key = keys[order[bound]]
        start = bound
        while start > 0 and keys[order[start - 1]] == key:
            start -= 1
        end = bound
        while end < n and keys[order[end]] == key:
            end += 1
        order[start:end] = sorted(order[start:end], key=lambda i: (totals[i], ids[people[i]]))
    women = len(group.women.people)
    quarters: list[list[int]] = [[], [], [], []]
    splits: list[list[int]] = [[0, 0], [0, 0], [0, 0], [0, 0]]
    for rank, i in enumerate(order):
        quarter = 4 * rank // n
        quarters[quarter].append(people[i])
        splits[quarter][0 if i < women else 1] += 1
    return quarters, tuple(SexSplit(w, m, 0) for w, m in splits)


def _pay_groups(ctx: AuditContext, categories: dict[tuple[str, str, str], _Group],
                organisation: dict[str, _Group], collected: Collected,
                ) -> tuple[PayGroup, ...]:
    out: list[PayGroup] = []
    for currency in sorted(organisation):
        group = organisation[currency]
        org_key = f"org:{currency}"
        quartiles = None
        _collect(collected, org_key, group)
        if group.women.people or group.men.people:
            quarters, quartiles = _quartiles(ctx.roster, group)
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
        cats: list[Category] = []
        level_keys: list[str] = []
        for (family, level, cur), cat in categories.items():
            if cur != currency:
                continue
            key = f"cat:{currency}/{family}/{level}"
            level_keys.append(key)
            _collect(collected, key, cat)
            name, rank = _level_info(ctx.scale, family, level)
            category = Category(family, level, name, rank, _indicators(key, cat, quartiles=None))
            cats.append(category)
            ctx.categories.append((category, currency, _anchor(ctx, family, level)))
        collected.partitions.append((org_key, level_keys))
        for sex in ("F", "M", "X"):
            collected.partitions.append((f"{org_key}/{sex}", [f"{k}/{sex}" for k in level_keys]))
        cats.sort(key=lambda c: (-c.rank, c.family))
        out.append(PayGroup(currency, _indicators(org_key, group, quartiles=quartiles),
                            tuple(cats)))
    return tuple(out)


def _collect(collected: Collected, key: str, group: _Group) -> None:
    women, men, other = group.women.people, group.men.people, group.other
    collected.groups[key] = women + men + other
    collected.groups[f"{key}/F"] = list(women)
    collected.groups[f"{key}/M"] = list(men)
    collected.groups[f"{key}/X"] = list(other)
    collected.partitions.append((key, [f"{key}/F", f"{key}/M", f"{key}/X"]))
    for sex, side in (("F", group.women), ("M", group.men)):
        paid = [p for p, v in zip(side.people, side.variable, strict=True) if v > 0]
        collected.groups[f"{key}/{sex}/variable"] = paid
        collected.groups[f"{key}/{sex}/no-variable"] = [
            p for p, v in zip(side.people, side.variable, strict=True) if not v > 0]
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
