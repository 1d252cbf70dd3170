"""The audit report: what :func:`dualladder.people` returns and every reporter prints.

Plain frozen dataclasses of aggregates. Nothing here holds a person's pay, name or row: people
appear only in findings, by ``employee_id``. A published report (``--publish``) is the same
shape with every group below the threshold replaced by ``None`` (see
:mod:`dualladder._internal.services.audit.disclosure`), so no reporter can print what it was not
given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from dualladder._internal.model.stats import Spread
from dualladder._internal.util.findings import Report

__all__ = [
    "AuditOptions",
    "AuditReport",
    "Category",
    "Indicators",
    "LevelRow",
    "PayGroup",
    "Quarter",
    "RungStats",
    "SexSplit",
]


@dataclass(frozen=True, slots=True)
class AuditOptions:
    """The thresholds of an audit.

    - ``tolerance``: how far the median compa-ratios of two tracks on one level may be apart
      (relative gap, DL308), and the shares of people receiving variable pay or equity
      (difference, DL312). Default 5 %.
    - ``gap_threshold``: the mean pay gap between women and men in a category from which DL310
      and DL311 report it (the Directive's Art. 10 trigger: 5 %).
    - ``min_group``: the smallest group a published report shows (``--publish``); default 5.
    """

    tolerance: Decimal = Decimal("0.05")
    gap_threshold: Decimal = Decimal("0.05")
    min_group: int = 5


@dataclass(frozen=True, slots=True)
class RungStats:
    """The people on one rung (a track on a level, across pay zones)."""

    key: str
    """The group's key (``rung:<family>/<track>/<level>``)."""
    family: str
    track: str
    track_name: str
    level: str
    rank: int
    title: str
    band: str
    """The band as text (``145,000-195,000 USD (mid 170,000)``), or why there is none."""
    withheld: bool
    headcount: int | None
    """None when suppressed in a published report."""
    compa: Spread | None
    """Compa-ratio (full-time-equivalent base pay / band midpoint) min, quartiles, max."""
    penetration: Spread | None
    """Range penetration ((pay - min) / (max - min)) min, quartiles, max."""
    below_min: int | None
    above_max: int | None
    variable_share: Decimal | None
    """The share of the rung's people who received variable pay."""
    equity_share: Decimal | None


@dataclass(frozen=True, slots=True)
class LevelRow:
    """One level with its rungs side by side (management first, then the other tracks)."""

    family: str
    level: str
    name: str | None
    rank: int
    rungs: tuple[RungStats | None, ...]
    """One entry per track of :attr:`AuditReport.tracks` (None: the ladder has no rung there)."""


@dataclass(frozen=True, slots=True)
class SexSplit:
    """Women, men, and people of another gender or not stated."""

    women: int | None
    men: int | None
    other: int | None


@dataclass(frozen=True, slots=True)
class Quarter:
    """One pay quarter (Art. 9(1)(f)): its people and, of them, the women, the men and the
    others. People paid the same across a quarter boundary are shared between the two
    quarters in proportion to the sexes among them (the UK reporting rules' method), so a
    count may be a fraction (``Decimal('2.5')``)."""

    people: int | None
    women: Decimal | None
    men: Decimal | None
    other: Decimal | None

    def share(self, count: Decimal | None) -> Decimal | None:
        """``count`` as a proportion of the quarter (None where either is not known)."""
        if count is None or not self.people:
            return None
        return count / self.people


@dataclass(frozen=True, slots=True)
class Indicators:
    """The pay-gap indicators of Art. 9(1) of Directive (EU) 2023/970 for a group of workers,
    in each reading the Directive leaves open (docs/audit.md lists them with their articles).

    Pay is full-time equivalent (pay / fte) unless a field says otherwise. Gaps are
    (men - women) / men of the means or medians, so positive when men are paid more; None
    when a side is empty (or suppressed), or the reading has no data (no ``hours`` column, no
    column of pay in kind). Fields marked "organisation" are None for a category.
    """

    key: str
    people: SexSplit
    mean_gap: Decimal | None
    """(a) total pay (base + variable), FTE."""
    variable_mean_gap: Decimal | None
    """(b) variable pay, over every worker (0 for those who received none)."""
    median_gap: Decimal | None
    """(c) total pay, FTE (organisation)."""
    variable_median_gap: Decimal | None
    """(d) variable pay, over every worker (organisation)."""
    variable_share_women: Decimal | None
    """(e) the share of women who received variable pay."""
    variable_share_men: Decimal | None
    quartiles: tuple[Quarter, ...] | None
    """(f) the four quarters of every worker ranked by FTE total pay, lowest first
    (organisation)."""
    basic_mean_gap: Decimal | None
    """(g) basic pay, FTE (for a category: with :attr:`variable_mean_gap`, the Art. 9(1)(g)
    split)."""
    mean_pay_women: Decimal | None = None
    """Mean FTE total pay of women (for the Art. 7 statement; never printed in a report)."""
    mean_pay_men: Decimal | None = None
    variable_mean_gap_receiving: Decimal | None = None
    """(b) variable pay, over those who received some."""
    variable_median_gap_receiving: Decimal | None = None
    """(d) variable pay, over those who received some (organisation)."""
    paid_mean_gap: Decimal | None = None
    """(a) total pay actually paid in the year (not FTE; Art. 3(1)(b) annual pay level)."""
    paid_median_gap: Decimal | None = None
    """(c) total pay actually paid in the year (organisation)."""
    hourly_mean_gap: Decimal | None = None
    """(a) hourly pay: total pay actually paid / (contracted weekly hours x 52), over those
    whose hours are known (Art. 3(1)(b) hourly pay level)."""
    hourly_median_gap: Decimal | None = None
    """(c) hourly pay (organisation)."""
    in_kind_mean_gap: Decimal | None = None
    """(a) FTE total remuneration with pay in kind (equity and other benefits in kind,
    Art. 3(1)(a))."""
    in_kind_median_gap: Decimal | None = None
    """(c) FTE total remuneration with pay in kind (organisation)."""
    equity_share_women: Decimal | None = None
    """The share of women who received equity (pay in kind, Art. 3(1)(a))."""
    equity_share_men: Decimal | None = None
    basic_median_gap: Decimal | None = None
    """Median gap of FTE basic pay (organisation), beside :attr:`basic_mean_gap`."""
    hidden: frozenset[str] = frozenset()
    """The fields a published report does not show, to protect a small group (None there)."""


@dataclass(frozen=True, slots=True)
class Category:
    """A category of workers: a level across its tracks (and, on a company's shared scale,
    across families), in one currency."""

    family: str
    """``""`` on a company's shared scale."""
    level: str
    name: str | None
    rank: int
    indicators: Indicators


@dataclass(frozen=True, slots=True)
class PayGroup:
    """The workers paid in one currency: the organisation's indicators and its categories."""

    currency: str
    organisation: Indicators
    categories: tuple[Category, ...]


@dataclass(frozen=True, slots=True)
class AuditReport:
    """Everything an audit found and measured."""

    roster: str
    ladders: tuple[str, ...]
    findings: Report
    people: int | None
    """People audited (rows left out by a finding not counted); None where a published report
    does not show it."""
    rows_left_out: int
    tracks: tuple[tuple[str, str], ...]
    """(track key, display name) of the columns of :attr:`levels`, management first."""
    levels: tuple[LevelRow, ...]
    """Highest first."""
    pay: tuple[PayGroup, ...]
    options: AuditOptions = field(default_factory=AuditOptions)
    readings: frozenset[str] = frozenset()
    """The optional readings the roster's columns give: ``hourly`` (an ``hours`` column),
    ``in_kind`` (equity or other pay in kind), ``equity``."""
    published: bool = False
    """True for a report made for publication: groups below ``options.min_group`` are
    suppressed and no finding names a person."""

    @property
    def ok(self) -> bool:
        return self.findings.ok

    def rungs(self) -> list[RungStats]:
        return [rung for row in self.levels for rung in row.rungs if rung is not None]
