"""Making an audit report fit to publish (``--publish``): no group under the threshold.

Every number of a report is computed over a *group* of people (a rung, a category, the women of
a category, the men in the top pay quarter...). A published report shows a number only if its
group holds no one or at least ``min_group`` people, and never a group that could be worked out
from the ones shown:

- **by subtraction of two groups**: where a shown group B lies inside a shown group A, A minus B
  is a group too; if it is not empty and smaller than the threshold, B is suppressed as well;
- **by subtraction within a split**: where a shown group is split into parts (a level into its
  tracks, a category into women, men and others, the women into those who received variable
  pay and those who did not), the parts not shown together hold no one or at least the
  threshold; otherwise the smallest shown part is suppressed too.

Both are applied until nothing changes. The minimum and maximum of a group are the pay of one
person each, so a published report never shows them; findings about one person are left out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any, Final, TypeVar

from dualladder.findings import Report
from dualladder.people.compute import Collected
from dualladder.people.model import (
    AuditReport,
    Category,
    Indicators,
    LevelRow,
    PayGroup,
    Quarter,
    RungStats,
    SexSplit,
)
from dualladder.people.stats import Spread

#: The gap fields of :class:`Indicators`.
GAPS: Final = tuple(f.name for f in dataclasses.fields(Indicators) if f.name.endswith("_gap")
                    or f.name.endswith("_gap_receiving"))

__all__ = ["publishable", "published_groups"]

T = TypeVar("T")


def published_groups(
    groups: Mapping[str, Sequence[int]],
    partitions: Sequence[tuple[str, Sequence[str]]],
    min_group: int,
) -> set[str]:
    """The keys of ``groups`` that may be shown (see the module documentation)."""
    members = {key: frozenset(people) for key, people in groups.items()}
    size = {key: len(people) for key, people in members.items()}
    shown = {key for key, n in size.items() if n == 0 or n >= min_group}
    splits = [(parent, [c for c in children if c in members]) for parent, children in partitions
              if parent in members]
    by_size = sorted((n, key) for key, n in size.items() if n > 0)
    changed = True
    while changed:
        changed = False
        for parent, children in splits:
            if parent not in shown:
                continue
            while True:
                hidden = sum(size[c] for c in children if c not in shown)
                if not 0 < hidden < min_group:
                    break
                candidates = sorted((size[c], c) for c in children if c in shown and size[c])
                if not candidates:
                    shown.discard(parent)
                    changed = True
                    break
                shown.discard(candidates[0][1])
                changed = True
        # two shown groups, one inside the other, whose difference is small
        visible = [(n, key) for n, key in by_size if key in shown]
        for position, (n, key) in enumerate(visible):
            if key not in shown:
                continue
            for m, other in visible[position + 1:]:
                if m - n >= min_group:
                    break
                if m > n and other in shown and members[key] < members[other]:
                    shown.discard(key)
                    changed = True
                    break
    return shown


def _spread(value: Spread | None, ok: bool) -> Spread | None:
    if value is None or not ok:
        return None
    return Spread(value.count, None, value.q1, value.median, value.q3, None)


def _if(ok: bool, value: T) -> T | None:
    return value if ok else None


def publishable(report: AuditReport, collected: Collected) -> AuditReport:
    """``report`` with every number whose group may not be shown replaced by None, no
    minimum or maximum, and no finding about a person or about a hidden group."""
    k = report.options.min_group
    shown = published_groups(collected.groups, collected.partitions, k)

    def ok(*keys: str) -> bool:
        return all(key in shown for key in keys if key in collected.groups)

    def rung(stats: RungStats | None) -> RungStats | None:
        if stats is None:
            return None
        key = stats.key
        visible = ok(key)
        return dataclasses.replace(
            stats,
            headcount=_if(visible, stats.headcount),
            compa=_spread(stats.compa, visible),
            penetration=_spread(stats.penetration, visible),
            below_min=_if(ok(key, f"{key}/below"), stats.below_min),
            above_max=_if(ok(key, f"{key}/above"), stats.above_max),
            variable_share=_if(ok(key, f"{key}/variable", f"{key}/no-variable"),
                               stats.variable_share),
            equity_share=_if(ok(key, f"{key}/equity", f"{key}/no-equity"), stats.equity_share),
        )

    def split(key: str, value: SexSplit) -> SexSplit:
        return SexSplit(_if(ok(f"{key}/F"), value.women), _if(ok(f"{key}/M"), value.men),
                        _if(ok(f"{key}/X"), value.other))

    def quarter(key: str, q: Quarter) -> Quarter:
        return Quarter(_if(ok(key), q.people), _if(ok(f"{key}/F"), q.women),
                       _if(ok(f"{key}/M"), q.men), _if(ok(f"{key}/X"), q.other))

    def indicators(ind: Indicators) -> Indicators:
        key = ind.key
        both = ok(key, f"{key}/F", f"{key}/M")
        quartiles = None
        if ind.quartiles is not None:
            quartiles = tuple(
                quarter(f"{key}/q{n}", q) for n, q in enumerate(ind.quartiles, start=1)
            )
        gaps: dict[str, Any] = {r: None for r in GAPS} if not both else {}
        return dataclasses.replace(
            ind,
            people=split(key, ind.people),
            variable_share_women=_if(
                ok(f"{key}/F", f"{key}/F/variable", f"{key}/F/no-variable"),
                ind.variable_share_women),
            variable_share_men=_if(
                ok(f"{key}/M", f"{key}/M/variable", f"{key}/M/no-variable"),
                ind.variable_share_men),
            equity_share_women=_if(
                ok(f"{key}/F", f"{key}/F/equity", f"{key}/F/no-equity"),
                ind.equity_share_women),
            equity_share_men=_if(
                ok(f"{key}/M", f"{key}/M/equity", f"{key}/M/no-equity"),
                ind.equity_share_men),
            quartiles=quartiles,
            mean_pay_women=_if(ok(key, f"{key}/F"), ind.mean_pay_women),
            mean_pay_men=_if(ok(key, f"{key}/M"), ind.mean_pay_men),
            hidden=frozenset(gaps),
            **gaps,
        )

    levels = tuple(
        LevelRow(row.family, row.level, row.name, row.rank, tuple(rung(r) for r in row.rungs))
        for row in report.levels
    )
    pay = tuple(
        PayGroup(
            group.currency,
            indicators(group.organisation),
            tuple(Category(c.family, c.level, c.name, c.rank, indicators(c.indicators))
                  for c in group.categories),
        )
        for group in report.pay
    )
    kept = [f for f, keys in collected.findings
            if keys is not None and f.file != report.roster and ok(*keys)]
    kept += [f for f in report.findings if f.code == "DL301"]
    findings = Report.of(kept, report.findings.files)
    return dataclasses.replace(report, findings=findings, levels=levels, pay=pay,
                               published=True)
