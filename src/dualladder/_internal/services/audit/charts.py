"""Geometry of the two pictures of the audit's HTML report, drawn by SVG templates like the
handbook's (``svg/audit-compa.svg.j2``, ``svg/audit-gaps.svg.j2``).

- :func:`compa_chart`: one strip per level and track, highest level at the top: a box from the
  first to the third quartile of the compa-ratios, the median marked, whiskers to the minimum
  and maximum (not in a published report, which has no minimum or maximum), and a line at 1.0
  (the band midpoint).
- :func:`gap_chart`: per category of workers, a bar for the mean gap of basic pay and one for
  variable pay, on an axis centred on 0 with the threshold (5 %) marked on both sides.

Coordinates are rounded to one decimal so the files are byte-identical on every run.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from dualladder._internal.model.audit import AuditReport, PayGroup
from dualladder._internal.model.figures import percent
from dualladder._internal.services.handbook.svg_chart import LegendItem, Tick
from dualladder._internal.services.handbook.svg_geometry import Picture
from dualladder._internal.services.handbook.svg_geometry import rounded as _r
from dualladder._internal.services.handbook.svg_text import FONT, text_width
from dualladder._internal.util import i18n
from dualladder._internal.util.i18n import N_, gettext, ngettext

__all__ = ["CompaChart", "GapChart", "compa_chart", "gap_chart"]

COLORS = ("#2b5c8a", "#c05621", "#2f855a", "#6b46c1", "#b83280")
MARGIN = 16.0
LABEL = 13.0
PLOT = 520.0
STRIP = 14.0
GAP = 4.0


def _ratio(value: Decimal | None) -> str:
    return "-" if value is None else i18n.decimal_text(f"{value.quantize(Decimal('0.01'))}")


def _pct(value: Decimal) -> str:
    """A fraction as a percentage to one decimal, in English digits (``5.0 %``)."""
    return f"{(value * 100).quantize(Decimal('0.1'))} %"


@dataclass(frozen=True, slots=True)
class Strip:
    track: str
    color: str
    y: float
    box_x: float
    box_width: float
    median_x: float
    whisker: tuple[float, float] | None
    tooltip: str


@dataclass(frozen=True, slots=True)
class StripRow:
    label: str
    y: float
    height: float
    stripe: bool
    strips: list[Strip]


@dataclass(frozen=True, slots=True)
class _Frame(Picture):
    """What both pictures have besides the canvas: the plot area, the axis ticks and the legend
    (the handbook's :class:`~dualladder._internal.services.handbook.svg_chart.Tick` and
    :class:`~dualladder._internal.services.handbook.svg_chart.LegendItem`, on one line at
    ``legend_y``)."""

    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    ticks: list[Tick]
    legend: list[LegendItem]
    legend_y: float


@dataclass(frozen=True, slots=True)
class CompaChart(_Frame):
    rows: list[StripRow]
    mid_x: float


#: The compa-ratio axis ends at most here (three times the band midpoint): a strip further out
#: is drawn to the end of the axis, so one huge pay cannot stretch the picture. Its tooltip
#: still says the real value.
COMPA_AXIS_MAX = Decimal(3)
#: The most ticks an axis has (the step grows with the span: 0.1, 0.2, 0.5, 1).
MAX_TICKS = 12


def _steps(low: Decimal, high: Decimal, step: Decimal) -> list[Decimal]:
    """The ticks from ``low`` to ``high``; never more than :data:`MAX_TICKS` + 1 (the axes are
    clamped, so this only guards against a caller's mistake)."""
    out: list[Decimal] = []
    value = low
    while value <= high and len(out) <= MAX_TICKS:
        out.append(value)
        value += step
    return out


def compa_chart(report: AuditReport) -> CompaChart | None:
    """The compa-ratio strips (None when no rung has a compa-ratio to show)."""
    values = [v for row in report.levels for r in row.rungs if r is not None and r.compa
              for v in (r.compa.min, r.compa.q1, r.compa.q3, r.compa.max) if v is not None]
    if not values:
        return None
    low = max(min(min(values), Decimal("0.9")), Decimal(0))
    high = min(max(max(values), Decimal("1.1")), COMPA_AXIS_MAX)
    step = next(s for s in map(Decimal, ("0.1", "0.2", "0.5", "1"))
                if (high - low) / s <= MAX_TICKS - 2)
    low = (low / step).to_integral_value(ROUND_FLOOR) * step
    high = (high / step).to_integral_value(ROUND_CEILING) * step
    span = high - low
    label_width = max([text_width(f"{row.family} {row.level}".strip(), LABEL, bold=True)
                       for row in report.levels] + [40.0]) + 12
    left = MARGIN + min(label_width, 200.0)
    right = left + PLOT

    def sx(value: Decimal) -> float:
        return left + float((min(max(value, low), high) - low) / span) * PLOT

    tracks = list(report.tracks)
    rows: list[StripRow] = []
    y = MARGIN + 8
    top = y
    several = len({row.family for row in report.levels}) > 1
    for number, row in enumerate(report.levels):
        shown = [(t, r) for t, r in zip(tracks, row.rungs, strict=True)
                 if r is not None and r.compa is not None]
        if not shown:
            continue
        height = len(tracks) * (STRIP + GAP) + 10
        strips = []
        for slot, ((key, _name), rung) in enumerate(zip(tracks, row.rungs, strict=True)):
            if rung is None or rung.compa is None or None in (rung.compa.q1, rung.compa.median,
                                                              rung.compa.q3):
                continue  # a published report shows no quartile that is one person's value
            c = rung.compa
            assert c.q1 is not None and c.median is not None and c.q3 is not None
            x1, x3 = sx(c.q1), sx(c.q3)
            whisker = (_r(sx(c.min)), _r(sx(c.max))) if c.min is not None and c.max is not None \
                else None
            strips.append(Strip(
                track=rung.track_name,
                color=COLORS[[k for k, _ in tracks].index(key) % len(COLORS)],
                y=_r(y + 5 + slot * (STRIP + GAP)),
                box_x=_r(x1),
                box_width=_r(max(x3 - x1, 2.0)),
                median_x=_r(sx(c.median)),
                whisker=whisker,
                tooltip=f"{rung.title} ({rung.level}, {rung.track_name}): " + ngettext(
                    "%(num)s person, median compa-ratio %(median)s, quartiles %(q1)s-%(q3)s",
                    "%(num)s people, median compa-ratio %(median)s, quartiles %(q1)s-%(q3)s",
                    c.count) % {"num": c.count, "median": _ratio(c.median), "q1": _ratio(c.q1),
                                "q3": _ratio(c.q3)},
            ))
        label = f"{row.family} {row.level}" if several else row.level
        rows.append(StripRow(label, _r(y), _r(height), number % 2 == 0, strips))
        y += height
    ticks = [Tick(_r(sx(v)), i18n.decimal_text(f"{v:.1f}")) for v in _steps(low, high, step)]
    legend, x = [], left
    for index, (_, name) in enumerate(tracks):
        legend.append(LegendItem(_r(x), name, COLORS[index % len(COLORS)]))
        x += 28 + min(text_width(name, 12.0), 220.0) + 20
    legend_y = y + 40
    return CompaChart(
        width=_r(right + 30 + MARGIN), height=_r(legend_y + 14 + MARGIN), font=FONT,
        title=gettext("Compa-ratio per level and track"),
        description=gettext(
            "For each level and track, a box from the first to the third quartile of the "
            "compa-ratios (pay divided by the band midpoint), the median marked; the line at 1.0 "
            "is the midpoint."),
        plot_left=_r(left), plot_right=_r(right), plot_top=_r(top), plot_bottom=_r(y),
        rows=rows, ticks=ticks, mid_x=_r(sx(Decimal(1))), legend=legend, legend_y=_r(legend_y),
    )


@dataclass(frozen=True, slots=True)
class GapBar:
    x: float
    y: float
    width: float
    height: float
    color: str
    tooltip: str
    over: bool


@dataclass(frozen=True, slots=True)
class GapRow:
    label: str
    y: float
    height: float
    stripe: bool
    bars: list[GapBar]
    note: str | None


@dataclass(frozen=True, slots=True)
class GapChart(_Frame):
    zero_x: float
    limits: tuple[float, float]
    rows: list[GapRow]


BASIC, VARIABLE = "#2b5c8a", "#c05621"
BASIC_PAY, VARIABLE_PAY = N_("basic pay"), N_("variable pay")


def gap_chart(group: PayGroup, threshold: Decimal) -> GapChart:
    """The pay gap per category of one currency, against the threshold."""
    values = [abs(v) for c in group.categories
              for v in (c.indicators.basic_mean_gap, c.indicators.variable_mean_gap)
              if v is not None]
    step = Decimal("0.05")
    reach = max([threshold * 2, *values])
    reach = min((reach / step).to_integral_value(ROUND_CEILING) * step, Decimal(1))
    label_width = max([text_width(f"{c.family} {c.level}".strip(), LABEL, bold=True)
                       for c in group.categories] + [40.0]) + 12
    left = MARGIN + min(label_width, 200.0)
    right = left + PLOT

    def sx(value: Decimal) -> float:
        clipped = max(min(value, reach), -reach)
        return left + float((clipped + reach) / (2 * reach)) * PLOT

    zero = sx(Decimal(0))
    rows: list[GapRow] = []
    y = MARGIN + 8
    top = y
    several = len({c.family for c in group.categories}) > 1
    for number, category in enumerate(group.categories):
        ind = category.indicators
        bars = []
        for slot, (value, color, what) in enumerate(((ind.basic_mean_gap, BASIC, BASIC_PAY),
                                                      (ind.variable_mean_gap, VARIABLE,
                                                       VARIABLE_PAY))):
            if value is None:
                continue
            x = sx(value)
            bars.append(GapBar(
                x=_r(min(x, zero)), y=_r(y + 6 + slot * (STRIP + GAP)),
                width=_r(max(abs(x - zero), 1.0)), height=STRIP, color=color,
                tooltip=gettext("%(level)s: mean gap of %(what)s %(gap)s") % {
                    "level": category.level, "what": gettext(what),
                    "gap": i18n.decimal_text(percent(value, beside=(threshold, -threshold)))},
                over=abs(value) >= threshold,
            ))
        label = f"{category.family} {category.level}" if several else category.level
        note = None if bars else gettext("not shown")
        rows.append(GapRow(label, _r(y), _r(2 * (STRIP + GAP) + 10), number % 2 == 0, bars,
                           note))
        y += 2 * (STRIP + GAP) + 10
    tick = max(step, (reach / 4 / step).to_integral_value(ROUND_CEILING) * step)
    ticks = [Tick(_r(sx(v)), i18n.decimal_text(_pct(v).replace(".0 %", " %"))) for v in
             _steps(-reach, reach, tick)]
    basic = gettext(BASIC_PAY)
    legend = [LegendItem(_r(left), basic, BASIC),
              LegendItem(_r(left + 28 + text_width(basic, 12.0) + 20), gettext(VARIABLE_PAY),
                         VARIABLE)]
    legend_y = y + 40
    return GapChart(
        width=_r(right + 30 + MARGIN), height=_r(legend_y + 14 + MARGIN), font=FONT,
        title=(gettext("Pay gap per category of workers (%(currency)s)")
               % {"currency": group.currency} if group.currency
               else gettext("Pay gap per category of workers")),
        description=gettext(
            "For each level, the mean gap between the pay of women and of men, (men - women) / "
            "men, for basic and for variable pay; the dashed lines mark the %(threshold)s at "
            "which a joint pay assessment is due.")
        % {"threshold": i18n.decimal_text(_pct(threshold))},
        plot_left=_r(left), plot_right=_r(right), plot_top=_r(top), plot_bottom=_r(y),
        zero_x=_r(zero), limits=(_r(sx(-threshold)), _r(sx(threshold))), rows=rows,
        ticks=ticks, legend=legend, legend_y=_r(legend_y),
    )
