"""The audit report: what :func:`dualladder.people` returns and every reporter prints.

Plain frozen dataclasses of aggregates. Nothing here holds a person's pay, name or row: people
appear only in findings, by ``employee_id``. A published report (``--publish``) is the same
shape with every group below the threshold replaced by ``None`` (see
:mod:`dualladder.people.disclosure`), so no reporter can print what it was not given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from dualladder.findings import Report
from dualladder.people.stats import Spread

__all__ = [
    "AuditOptions",
    "AuditReport",
    "Category",
    "Indicators",
    "LevelRow",
    "PayGroup",
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
class Indicators:
    """The pay-gap indicators of Art. 9(1) of Directive (EU) 2023/970 for a group of workers.

    Pay is full-time equivalent (pay / fte). Gaps are (men - women) / men of the means or
    medians, so positive when men are paid more; None when a side is empty (or suppressed).
    """

    key: str
    people: SexSplit
    mean_gap: Decimal | None
    """(a) total pay (base + variable)."""
    variable_mean_gap: Decimal | None
    """(b) variable pay, over every worker (0 for those who received none)."""
    median_gap: Decimal | None
    """(c) total pay."""
    variable_median_gap: Decimal | None
    """(d) variable pay, over every worker."""
    variable_share_women: Decimal | None
    """(e) the share of women who received variable pay."""
    variable_share_men: Decimal | None
    quartiles: tuple[SexSplit, ...] | None
    """(f) women and men in each quarter of the workers ranked by total pay, lowest first
    (for the organisation only)."""
    basic_mean_gap: Decimal | None
    """(g) basic pay (for a category: with :attr:`variable_mean_gap`, the Art. 9(1)(g) split)."""
    mean_pay_women: Decimal | None = None
    """Mean total pay of women (for the Art. 7 statement; never printed in a report)."""
    mean_pay_men: Decimal | None = None


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
    people: int
    """People audited (rows left out by a finding not counted)."""
    rows_left_out: int
    tracks: tuple[tuple[str, str], ...]
    """(track key, display name) of the columns of :attr:`levels`, management first."""
    levels: tuple[LevelRow, ...]
    """Highest first."""
    pay: tuple[PayGroup, ...]
    options: AuditOptions = field(default_factory=AuditOptions)
    published: bool = False
    """True for a report made for publication: groups below ``options.min_group`` are
    suppressed and no finding names a person."""

    @property
    def ok(self) -> bool:
        return self.findings.ok

    def rungs(self) -> list[RungStats]:
        return [rung for row in self.levels for rung in row.rungs if rung is not None]
