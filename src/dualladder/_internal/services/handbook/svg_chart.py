"""The pay-band chart, computed in Python and drawn by the template ``svg/payband.svg.j2``: one
panel per currency; per level a bar per track from ``min`` to ``max`` with the midpoint marked,
on a shared axis with round ticks.

Coordinates are rounded to one decimal so the files are byte-identical on every run.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import (
    MAX_EMAX,
    MIN_EMIN,
    ROUND_CEILING,
    ROUND_FLOOR,
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    localcontext,
)

from dualladder._internal.services.handbook.marks import worst
from dualladder._internal.services.handbook.svg_geometry import Flagged, LevelRow, Picture
from dualladder._internal.services.handbook.svg_geometry import rounded as _r
from dualladder._internal.services.handbook.svg_labels import (
    MARGIN,
    label_column_width,
    level_label,
    row_label,
)
from dualladder._internal.services.handbook.svg_text import (
    FONT,
    cut,
    text_width,
    with_findings,
)
from dualladder._internal.services.handbook.views import (
    BandView,
    Handbook,
    LevelView,
    RungView,
    TrackView,
)
from dualladder._internal.util import i18n
from dualladder._internal.util.i18n import gettext, ngettext

__all__ = ["LegendItem", "PayChart", "Tick", "pay_chart"]


@dataclass(frozen=True, slots=True)
class Bar(Flagged):
    rung: RungView
    x: float
    y: float
    width: float
    height: float
    mid: float
    color: str
    tooltip: str
    #: ``error`` or ``warning`` when a finding is about this band (outline and badge)
    flag: str | None = None
    #: the midpoint is the middle of the range, not stated (drawn dashed)
    mid_derived: bool = False

    @property
    def end(self) -> float:
        return _r(self.x + self.width)


@dataclass(frozen=True, slots=True)
class ChartRow(LevelRow):
    """A level's row in the pay chart: a bar per track with a band."""

    bars: list[Bar]


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class Panel:
    currency: str | None
    title: str
    y: float
    plot_top: float
    plot_bottom: float
    rows: list[ChartRow]
    ticks: list[Tick]
    axis_y: float


@dataclass(frozen=True, slots=True)
class LegendItem:
    x: float
    label: str
    color: str
    #: the line of the legend it is on (a legend wider than the chart wraps)
    y: float = 0.0
    #: the full label, when ``label`` is cut
    tooltip: str = ""


@dataclass(frozen=True, slots=True)
class PayChart(Picture):
    label_width: float
    plot_left: float
    plot_right: float
    panels: list[Panel]
    legend: list[LegendItem]
    legend_y: float
    #: where the legend's midpoint entry starts
    legend_mid_x: float
    #: rungs without a band, as ``Title (level)``
    unbanded: list[str]
    note: str | None
    note_y: float
    #: whether a bar carries a finding (a line under the legend then explains the marks)
    flagged: bool = False
    flag_note_y: float = 0.0
    #: the line of the legend the midpoint entry is on
    legend_mid_y: float = 0.0


BAR = 12.0
BAR_GAP = 4.0
ROW_PAD = 10.0
PLOT_WIDTH = 560.0
#: the widest a track's name gets in the legend (longer ones are cut, with a tooltip)
LEGEND_LABEL = 320.0
LEGEND_LINE = 22.0


#: Decimal arithmetic for the chart's axis: the usual 28 digits, but no limit on exponents, so
#: that any finite amount (``1.0e+400``, ``1.0e-400``) gives an axis instead of an Overflow. The
#: axis works in Decimal throughout: a float overflows above about 1e308 and is 0 below 1e-323.
AXIS_CONTEXT = Context(prec=28, rounding=ROUND_HALF_EVEN, Emax=MAX_EMAX, Emin=MIN_EMIN)

#: Bands whose ends differ by less than this share of the largest amount are drawn as equal (the
#: axis is padded around them), so ticks never need more digits than an amount can show.
FLAT = Decimal("1e-9")

#: At most this many ticks on an axis, whatever the arithmetic says.
MAX_TICKS = 24

_SUFFIXES = (
    (Decimal(10) ** 12, "T"),
    (Decimal(10) ** 9, "bn"),
    (Decimal(10) ** 6, "M"),
    (Decimal(1000), "k"),
)


def nice_step(span: Decimal, target: int = 6) -> Decimal:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving about ``target`` ticks."""
    with localcontext(AXIS_CONTEXT):
        if not span > 0:
            span = Decimal(1)
        raw = span / target
        base = Decimal(1).scaleb(raw.adjusted())  # 10 ** floor(log10(raw)), exactly
        for factor in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5)):
            if base * factor >= raw:
                return base * factor
        return base * 10


def tick_label(value: Decimal) -> str:
    """``150000`` -> ``150k``; ``1250000`` -> ``1.25M``; ``800`` -> ``800``; from a million
    trillion up or below a millionth, scientific (``1e+400``), so a label is never long.
    In another language than English, the locale's short form (:func:`i18n.compact_number`:
    ``150.000`` and ``1,25 Mio.`` in German, ``150 k`` in French, ``150 mil`` in Spanish)."""
    with localcontext(AXIS_CONTEXT):
        size = abs(value)
        if size and (size >= Decimal(10) ** 18 or size < Decimal("1e-6")):
            return f"{value.normalize():.4g}"
        if i18n.active() != i18n.DEFAULT:
            return i18n.compact_number(value.normalize())
        for limit, suffix in _SUFFIXES:
            if size >= limit:
                scaled = (value / limit).normalize()
                return f"{scaled:f}{suffix}"
        return f"{value.normalize():f}"


def _domain(values: list[Decimal]) -> tuple[Decimal, Decimal, Decimal]:
    """The axis ``(start, end, step)`` around ``values``: round ends, a round step."""
    with localcontext(AXIS_CONTEXT):
        low, high = min(values), max(values)
        if high - low <= abs(high) * FLAT:
            pad = abs(high) / 10 or Decimal(1)
            low, high = low - pad, high + pad
        step = nice_step(high - low)
        start = (low / step).to_integral_value(ROUND_FLOOR) * step
        end = (high / step).to_integral_value(ROUND_CEILING) * step
        if start < 0 <= low:
            start = Decimal(0)
        if end <= start:
            end = start + step
        return start, end, step


def axis_ticks(start: Decimal, end: Decimal, step: Decimal) -> list[Decimal]:
    """The tick values from ``start`` to ``end``, ``step`` apart (counted, not summed, so that
    rounding can never make the loop run on)."""
    with localcontext(AXIS_CONTEXT):
        count = int(((end - start) / step).to_integral_value(ROUND_FLOOR))
        return [start + step * index for index in range(min(count, MAX_TICKS) + 1)]


def axis_fraction(value: Decimal, start: Decimal, span: Decimal) -> float:
    """Where ``value`` lies between ``start`` (0.0) and ``start + span`` (1.0)."""
    with localcontext(AXIS_CONTEXT):
        return float((value - start) / span)


@dataclass(frozen=True, slots=True)
class _Axis:
    """A panel's axis: round ends ``start`` and ``end``, ticks ``step`` apart, drawn from
    ``left`` over :data:`PLOT_WIDTH`."""

    start: Decimal
    end: Decimal
    step: Decimal
    span: Decimal
    left: float

    @classmethod
    def around(cls, values: list[Decimal], left: float) -> _Axis:
        start, end, step = _domain(values)
        with localcontext(AXIS_CONTEXT):
            span = end - start
        return cls(start, end, step, span, left)

    def x(self, value: Decimal) -> float:
        return self.left + axis_fraction(value, self.start, self.span) * PLOT_WIDTH

    def ticks(self) -> list[Tick]:
        values = axis_ticks(self.start, self.end, self.step)
        return [Tick(_r(self.x(value)), tick_label(value)) for value in values]


def _bar(rung: RungView, band: BandView, y: float, axis: _Axis) -> Bar:
    x1, x2 = axis.x(band.min), axis.x(band.max)
    return Bar(
        rung=rung,
        x=_r(x1),
        y=_r(y),
        width=_r(max(x2 - x1, 2.0)),
        height=BAR,
        mid=_r(axis.x(band.mid)),
        color=rung.color,
        tooltip=with_findings(
            f"{rung.title} ({rung.level}, {rung.track_name}): "
            + gettext("%(range)s, midpoint %(midpoint)s")
            % {"range": band.range, "midpoint": band.midpoint},
            rung.pay_findings,
        ),
        flag=worst(rung.pay_findings),
        mid_derived=band.mid_derived,
    )


def _chart_row(
    level: LevelView,
    cells: list[RungView],
    shown: list[TrackView],
    y: float,
    stripe: bool,
    axis: _Axis,
    label_width: float,
) -> tuple[ChartRow, float]:
    """A level's row of a panel at ``y``, and its height: a slot per track shown in the panel
    (a track without a band on this level leaves its slot empty), the bars centred in the
    row."""
    bars_height = len(shown) * BAR + (len(shown) - 1) * BAR_GAP
    two_lines = len(level_label(level, 0.0, label_width)[1]) > 1
    height = max(bars_height + 2 * ROW_PAD, 56.0 if two_lines else 42.0 if level.name else 32.0)
    pad = (height - bars_height) / 2
    bars: list[Bar] = []
    for slot, track in enumerate(shown):
        rung = next((r for r in cells if r.track == track.key), None)
        if rung is not None and rung.band is not None:
            bars.append(_bar(rung, rung.band, y + pad + slot * (BAR + BAR_GAP), axis))
    row = ChartRow(
        level=level,
        y=_r(y),
        height=_r(height),
        center=_r(y + height / 2),
        stripe=stripe,
        bars=bars,
        **row_label(level, y + height / 2, label_width),
    )
    return row, height


def _panel(
    handbook: Handbook,
    currency: str | None,
    banded: list[RungView],
    y: float,
    label_width: float,
    plot_left: float,
) -> tuple[Panel, float]:
    """The panel of the bands in ``currency``, its title at ``y``; with the bottom of its last
    row. Levels without a band in it are left out, and the stripes alternate over the rest."""
    in_panel = [r for r in banded if r.band is not None and r.band.currency == currency]
    axis = _Axis.around([v for r in in_panel if r.band for v in (r.band.min, r.band.max)],
                        plot_left)
    shown = [t for t in handbook.tracks if any(r.track == t.key for r in in_panel)]
    row_y = y + 30
    rows: list[ChartRow] = []
    for level in handbook.levels_desc:
        cells = [r for r in level.rungs if r.band is not None and r.band.currency == currency]
        if cells:
            row, height = _chart_row(level, cells, shown, row_y, len(rows) % 2 == 0, axis,
                                     label_width)
            rows.append(row)
            row_y += height
    panel = Panel(
        currency=currency,
        title=(gettext("Pay bands in %(currency)s") % {"currency": currency} if currency
               else gettext("Pay bands (no currency stated)")),
        y=_r(y + 14),
        plot_top=_r(y + 30),
        plot_bottom=_r(row_y),
        rows=rows,
        ticks=axis.ticks(),
        axis_y=_r(row_y + 16),
    )
    return panel, row_y


def _legend(
    tracks: list[TrackView], left: float, right: float, y: float
) -> tuple[list[LegendItem], float, float]:
    """The legend from ``left`` at ``y``: an entry per track with a band (names cut, wrapping
    onto a new line past ``right``), then the midpoint's entry, whose place it returns too."""
    legend: list[LegendItem] = []
    lx, ly = left, y
    for track in tracks:
        if not any(r.band is not None for r in track.rungs):
            continue
        label = cut(track.name, LEGEND_LABEL, 12.0)
        advance = 28 + text_width(label, 12.0) + 20
        if lx > left and lx + advance - 20 > right:  # wrap onto a new line
            lx, ly = left, ly + LEGEND_LINE
        legend.append(LegendItem(_r(lx), label, track.color, _r(ly), track.name))
        lx += advance
    if lx > left and lx + 28 + text_width(gettext("midpoint"), 12.0) > right:
        lx, ly = left, ly + LEGEND_LINE
    return legend, lx, ly


def _pay_note(banded: bool, unbanded: int, withheld: int) -> str | None:
    """The line under the chart about the rungs it does not show (or why it shows none)."""
    if not banded and withheld and not unbanded:
        return gettext("Pay is not published: it is equal by policy (see the table).")
    if not banded:
        return gettext("No rung states a pay band, and no level gives a default one.")
    if not (unbanded or withheld):
        return None
    parts = []
    if unbanded:
        parts.append(ngettext("%(num)s rung without a pay band", "%(num)s rungs without a pay band",
                              unbanded) % {"num": unbanded})
    if withheld:
        parts.append(
            ngettext("%(num)s rung paid equally by policy, not published",
                     "%(num)s rungs paid equally by policy, not published", withheld)
            % {"num": withheld}
        )
    note = gettext("%(parts)s (see the table).") % {"parts": "; ".join(parts)}
    return note[0].upper() + note[1:]


def pay_chart(handbook: Handbook) -> PayChart:
    """Bars from min to max per rung, the midpoint marked; a panel per currency.

    In steps: the panels one under the other (the handbook's currency first, bands without a
    currency last), each on its own axis (:class:`_Axis`); the legend under them; the note on
    the rungs not shown; the line explaining the findings' marks when a bar carries one.
    """
    tracks = handbook.tracks
    banded = [r for t in tracks for r in t.rungs if r.band is not None]
    unbanded = [
        f"{r.title} ({r.level})"
        for t in tracks
        for r in t.rungs
        if r.band is None and not r.pay_withheld
    ]
    withheld = sum(1 for t in tracks for r in t.rungs if r.pay_withheld)
    currencies = sorted(
        {r.band.currency for r in banded if r.band is not None},
        key=lambda c: (c is None, c != handbook.currency, c or ""),
    )
    label_width = label_column_width(handbook.levels_desc)
    plot_left = MARGIN + label_width + 12
    plot_right = plot_left + PLOT_WIDTH
    width = plot_right + 36 + MARGIN
    y = MARGIN
    panels: list[Panel] = []
    for currency in currencies:
        panel, bottom = _panel(handbook, currency, banded, y, label_width, plot_left)
        panels.append(panel)
        y = bottom + 40
    legend_y = y + 4
    legend, legend_mid_x, legend_mid_y = _legend(tracks, plot_left, width - MARGIN, legend_y)
    note = _pay_note(bool(banded), len(unbanded), withheld)
    note_y = legend_mid_y + (28 if legend else 0)
    flagged = any(b.flag for p in panels for row in p.rows for b in row.bars)
    flag_note_y = (note_y + 22) if note else note_y
    bottom = flag_note_y if flagged else (note_y if note else legend_mid_y + 6)
    return PayChart(
        width=_r(width),
        height=_r(bottom + 4 + MARGIN),
        font=FONT,
        title=gettext("%(title)s: pay bands") % {"title": handbook.title},
        description=gettext(
            "One bar per rung from the band's minimum to its maximum, the tick marks the "
            "midpoint; levels highest at the top."
        ),
        label_width=_r(label_width),
        plot_left=_r(plot_left),
        plot_right=_r(plot_right),
        panels=panels,
        legend=legend,
        legend_y=_r(legend_y),
        legend_mid_x=_r(legend_mid_x),
        unbanded=unbanded,
        note=note,
        note_y=_r(note_y),
        flagged=flagged,
        flag_note_y=_r(flag_note_y),
        legend_mid_y=_r(legend_mid_y),
    )
