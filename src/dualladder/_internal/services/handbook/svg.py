"""Geometry of the two handbook pictures, computed in Python and drawn by the SVG templates.

- :func:`ladder_diagram`: one column per track, one row per level (highest at the top), a box per
  rung on two rails, and a line joining the equivalent rungs of each level across the columns
  (solid with arrow heads where a crossover move is stated, dashed where none is).
- :func:`pay_chart`: one panel per currency; per level a bar per track from ``min`` to ``max`` with
  the midpoint marked, on a shared axis with round ticks.

Coordinates are rounded to one decimal so the files are byte-identical on every run. Text width
is estimated from the character count (no font metrics are available without a browser), and long
titles are wrapped and, past the line budget, cut with an ellipsis; the full text stays in the
element's ``<title>`` tooltip.
"""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass, field
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
from typing import Final

from dualladder._internal.model.ladder import MANAGEMENT
from dualladder._internal.services.handbook.marks import FindingView, worst
from dualladder._internal.services.handbook.svg_geometry import FLAG_COLORS, Box, Column, Row
from dualladder._internal.services.handbook.svg_geometry import rounded as _r
from dualladder._internal.services.handbook.svg_shapes import (
    Link,
    TopBox,
    promotion_links,
    reach_links,
    top_boxes,
)
from dualladder._internal.services.handbook.views import (
    BandView,
    Handbook,
    LevelView,
    RungView,
    TrackView,
)
from dualladder._internal.util.i18n import N_, gettext, ngettext

__all__ = [
    "Diagram",
    "PayChart",
    "ladder_diagram",
    "pay_chart",
    "text_width",
    "two_line_width",
    "wrap",
]

def _with_findings(tooltip: str, findings: list[FindingView]) -> str:
    """A tooltip followed by the findings it carries, one per line."""
    return "\n".join([tooltip, *(f.text for f in findings)])


FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def number(value: float) -> str:
    """The ``n`` template filter: a coordinate with at most one decimal (``12``, ``12.5``)."""
    return str(_r(value))


def char_width(char: str) -> float:
    """Rough advance width of ``char`` in em, calibrated on DejaVu Sans (one of the widest
    common sans-serif faces, so text estimated to fit does fit in narrower ones)."""
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    if unicodedata.combining(char):
        return 0.0
    if char in "iljtfI.,:;'|!() ":
        return 0.32
    if char in "mwMW@":
        return 0.92
    if char.isupper() or char.isdigit():
        return 0.69
    return 0.6


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width of ``text`` at font size ``size`` px (``bold``: weight 600 or more)."""
    return sum(char_width(c) for c in text) * size * (1.12 if bold else 1.0)


def _fits(text: str, width: float, size: float, bold: bool = False) -> bool:
    """Whether ``text`` fits ``width`` (a width computed from the same text fits it, whatever
    the rounding of the sums)."""
    return text_width(text, size, bold) <= width + 1e-6


def _cut(text: str, width: float, size: float, bold: bool = False) -> str:
    """The longest prefix of ``text`` (plus an ellipsis) that fits ``width``."""
    if _fits(text, width, size, bold):
        return text
    out = ""
    budget = width - text_width("…", size, bold)
    for char in text:
        if text_width(out + char, size, bold) > budget:
            break
        out += char
    return out.rstrip() + "…"


def wrap(text: str, width: float, size: float, lines: int, bold: bool = False) -> list[str]:
    """Word-wrap ``text`` into at most ``lines`` lines of ``width`` px; what does not fit is cut
    with an ellipsis on the last line. A word wider than a line is broken."""
    words = text.split()
    out: list[str] = []
    current = ""
    index = 0
    while index < len(words) and len(out) < lines:
        word = words[index]
        trial = f"{current} {word}" if current else word
        if _fits(trial, width, size, bold):
            current = trial
            index += 1
        elif current:
            out.append(current)
            current = ""
        else:  # one word wider than a line: break it
            piece = _cut(word, width, size, bold)[:-1].rstrip() or word[:1]
            out.append(piece)
            words[index] = word[len(piece):]
    if current:
        out.append(current)
    if not out:
        return [""]
    if index < len(words):
        out[-1] = _cut(" ".join([out[-1], *words[index:]]), width, size, bold)
    return out


def two_line_width(text: str, size: float, bold: bool = False) -> float:
    """The narrowest line :func:`wrap` needs to set ``text`` on two lines at most without
    cutting it: the best place to break it between two words (its widest word when it has
    one). Linear in the text: a line's width is the sum of its characters'."""
    words = text.split()
    if not words:
        return 0.0
    widths = [text_width(w, size, bold) for w in words]
    space = text_width(" ", size, bold)
    total = sum(widths) + space * (len(words) - 1)
    best, first = total, 0.0
    for number, width in enumerate(widths[:-1]):
        first += width + (space if number else 0.0)
        best = min(best, max(first, total - first - space))
    # a hair wider than the sums, so that wrap's own sums (in another order) find it fits
    return max(best, max(widths)) + 0.01


# -- the ladder diagram ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Join:
    x1: float
    x2: float
    y: float
    #: ``both``, ``forward`` (left to right), ``backward`` or ``none``
    kind: str
    tooltip: str
    #: ``error`` or ``warning`` when a finding says these rungs are not equivalent: the line is
    #: drawn in that colour with a ``≠`` on it instead of claiming equivalence
    flag: str | None = None

    @property
    def flag_color(self) -> str | None:
        return FLAG_COLORS[self.flag] if self.flag else None

    @property
    def middle(self) -> float:
        return _r((self.x1 + self.x2) / 2)


@dataclass(frozen=True, slots=True)
class Diagram:
    width: float
    height: float
    font: str
    title: str
    description: str
    label_width: float
    header_y: float
    columns: list[Column]
    rows: list[Row]
    boxes: list[Box]
    joins: list[Join]
    legend_y: float
    #: whether boxes and level labels link to the level pages (HTML only; an SVG shown as an
    #: image cannot follow links)
    links: bool
    #: whether any box or join carries a finding (the legend then explains the marks)
    flagged: bool = False
    #: where that line of the legend is
    flag_legend_y: float = 0.0
    #: roles above the ladder (a row over the columns) and the lines that rise to them
    tops: list[TopBox] = field(default_factory=list)
    reaches: list[Link] = field(default_factory=list)
    #: the label of the row of roles above the ladder
    tops_label_y: float = 0.0
    #: promotions across tracks: an arrow from a rung to the rung it is promoted onto
    promotions: list[Link] = field(default_factory=list)
    #: the dashed line under the level where the tracks fork (None without ``fork``)
    fork_y: float | None = None
    #: where the legend's line for roles above the ladder and promotions is
    shapes_legend_y: float = 0.0
    #: the x of each entry of the legend's three lines (its mark; the label follows it),
    #: spaced for the labels in the reader's language (:func:`legend_entries`); the line of
    #: shapes holds only the entries shown
    legend_x: tuple[float, ...] = (16.0, 204.0, 364.0)
    shapes_x: tuple[float, ...] = (16.0,)
    flags_x: tuple[float, ...] = (16.0, 204.0)


#: The legend of the ladder diagram, line by line: each entry's label, where its label starts
#: within the entry (after its mark), and the least room the entry takes (the room the English
#: labels always had, so English pictures keep their places).
LADDER_LEGEND: Final = (
    ((N_("crossover both ways"), 48.0, 188.0), (N_("one way only"), 48.0, 160.0),
     (N_("equivalent, no crossover"), 48.0, 0.0)),
    ((N_("role above the ladder"), 28.0, 190.0),
     (N_("promotion across (dotted: conditional)"), 48.0, 300.0),
     (N_("the tracks fork"), 48.0, 0.0)),
    ((N_("a finding on this rung"), 24.0, 188.0),
     (N_("not equivalent: a finding (red error, amber warning)"), 26.0, 0.0)),
)
#: The room between a legend entry's label and the next entry.
LEGEND_GAP = 8.0


def legend_entries(line: tuple[tuple[str, float, float], ...],
                   shown: tuple[bool, ...] | None = None) -> tuple[tuple[float, ...], float]:
    """Where each shown entry of a legend line starts, from x = 16: far enough right that no
    label (in the reader's language) runs into the next entry; and where the line's last
    label ends."""
    xs: list[float] = []
    x, end = 16.0, 16.0
    for number, (label, offset, least) in enumerate(line):
        if shown is not None and not shown[number]:
            continue
        xs.append(_r(x))
        end = x + offset + text_width(gettext(label), 12.0)
        x += max(least, end - x + LEGEND_GAP)
    return tuple(xs), end


MARGIN = 16.0
TITLE_SIZE = 13.0
CODE_SIZE = 11.0
LABEL_SIZE = 13.0
SUBLABEL_SIZE = 11.0
HEADER_SIZE = 14.0
ROW = 64.0
BOX = 50.0
GUTTER = 64.0
#: the widest a rung's box gets for a long word or a track's long name
MAX_BOX = 400.0
#: the widest the level labels get (a longer level name is cut, with a tooltip)
LABEL_WIDTH = 260.0


def _crossing(left: RungView, right: RungView) -> str:
    """The sideways moves between two rungs of a level (promotions are drawn apart)."""
    moves = [m for m in left.moves if not m.promotion and m.track == right.track]
    forward = any(m.direction == "to" for m in moves)
    backward = any(m.direction == "from" for m in moves)
    if forward and backward:
        return "both"
    if forward:
        return "forward"
    if backward:
        return "backward"
    return "none"


_JOIN_TEXT = {
    "both": N_("equivalent; crossover both ways"),
    "forward": N_("equivalent; crossover from %(a)s to %(b)s only"),
    "backward": N_("equivalent; crossover from %(b)s to %(a)s only"),
    "none": N_("equivalent; no crossover stated"),
}
_NOT_EQUIVALENT = N_("not %(what)s")


def _level_label(level: LevelView, center: float,
                 label_width: float) -> tuple[float, list[tuple[float, str]]]:
    """The baseline of a level's label, and its name wrapped onto two lines at most (cut with
    an ellipsis only past them), with their baselines, around ``center``."""
    if not level.name:
        return _r(center + 4.5), []
    lines = wrap(level.name, label_width - 8, SUBLABEL_SIZE, 2)
    if len(lines) == 1:
        return _r(center - 4), [(_r(center + 12), lines[0])]
    return _r(center - 11), [(_r(center + 4), lines[0]), (_r(center + 18), lines[1])]


def _label_width(levels: list[LevelView]) -> float:
    """The width of the level labels' column: the widest level id or name, 60 to 260."""
    label_width = max(
        [text_width(lv.id, LABEL_SIZE, bold=True) + 8 for lv in levels]
        + [text_width(lv.name, 11.0) + 8 for lv in levels if lv.name]
        + [60.0]
    )
    return min(label_width, LABEL_WIDTH)


@dataclass(frozen=True, slots=True)
class _Grid:
    """Where the ladder diagram's parts go: the label column, the columns' left edge and
    width (a column is as wide as its boxes), and the tops of the headers, of the row of roles
    above the ladder and of the first level."""

    label_width: float
    box_width: float
    x0: float
    header_y: float
    tops_y: float
    top: float

    @classmethod
    def of(cls, handbook: Handbook) -> _Grid:
        label_width = _label_width(handbook.levels_desc)
        tracks = handbook.tracks
        longest = max(
            [text_width(r.title, TITLE_SIZE, bold=True) for t in tracks for r in t.rungs]
            + [text_width(t.name, HEADER_SIZE, bold=True) for t in tracks]
            + [0.0]
        )
        # wide enough for most titles on one line, two at most; long ones wrap or get cut
        box_width = min(max(longest + 28, 180.0), 260.0)
        # but never so narrow that a word of a title is broken or a track's name cut (a
        # translated ladder has long words: "Führungskräfteentwicklungsprogramm"), up to a limit
        widest_word = max(
            [text_width(w, TITLE_SIZE, bold=True) for t in tracks for r in t.rungs
             for w in r.title.split()] + [0.0]
        )
        header = max([text_width(t.name, HEADER_SIZE, bold=True) for t in tracks] + [0.0])
        box_width = max(box_width, min(max(widest_word + 20, header - 2 * MARGIN + 4), MAX_BOX))
        # and wide enough that every title fits its two lines uncut (a translated title runs
        # longer: "Vice President Engineering (Bereichsleitung Softwareentwicklung)"), up to
        # the same limit; a box already wide enough keeps its width
        two_lines = max([two_line_width(r.title, TITLE_SIZE, bold=True)
                         for t in tracks for r in t.rungs] + [0.0])
        box_width = max(box_width, min(two_lines + 16, MAX_BOX))
        tops_y = MARGIN + 44
        return cls(
            label_width=label_width,
            box_width=box_width,
            x0=MARGIN + label_width + 16,
            header_y=MARGIN + 20,
            tops_y=tops_y,
            top=tops_y + (ROW + 16 if handbook.above else 0),
        )

    def column_x(self, number: int) -> float:
        return self.x0 + number * (self.box_width + GUTTER)

    def span(self, tracks: int) -> float:
        """The right edge of the last of ``tracks`` columns."""
        return self.x0 + tracks * self.box_width + max(tracks - 1, 0) * GUTTER


def _diagram_rows(levels: list[LevelView], grid: _Grid) -> list[Row]:
    rows: list[Row] = []
    for index, level in enumerate(levels):
        y = grid.top + index * ROW
        label_y, sublabels = _level_label(level, y + ROW / 2, grid.label_width)
        rows.append(
            Row(
                level=level,
                y=_r(y),
                height=ROW,
                center=_r(y + ROW / 2),
                stripe=index % 2 == 0,
                label=_cut(level.id, grid.label_width - 8, LABEL_SIZE, bold=True),
                sublabel=_cut(level.name, grid.label_width - 8, 11.0) if level.name else None,
                href=level.href,
                label_y=label_y,
                sublabels=sublabels,
            )
        )
    return rows


def _column(track: TrackView, x: float, rows: list[Row], grid: _Grid) -> Column:
    """A track's column; its rails run from a little above its highest box to a little below
    its lowest (a track without rungs gets empty rails at the top)."""
    col_width = grid.box_width
    ys = [row.y for row in (_row_for(rows, rung) for rung in track.rungs) if row]
    rail_top = min(ys) + (ROW - BOX) / 2 if ys else grid.top
    rail_bottom = max(ys) + (ROW + BOX) / 2 if ys else grid.top
    return Column(
        track=track,
        x=_r(x),
        width=_r(col_width),
        center=_r(x + col_width / 2),
        header=wrap(track.name, col_width + 2 * MARGIN - 4, HEADER_SIZE, 1, bold=True),
        rail_left=_r(x + 14),
        rail_right=_r(x + col_width - 14),
        rail_top=_r(rail_top - 8 if ys else rail_top),
        rail_bottom=_r(rail_bottom + 8 if ys else rail_bottom),
        empty=not ys,
    )


def _box_texts(
    rung: RungView, by: float, box_width: float
) -> tuple[list[tuple[float, str]], tuple[float, str] | None]:
    """The lines of a box at ``by`` and its code line: a title of one line with the code under
    it, a title of one line in the middle, or a title of two lines (the code then left out)."""
    lines = wrap(rung.title, box_width - 16, TITLE_SIZE, 2, bold=True)
    if rung.code and len(lines) == 1:
        return [(_r(by + 21), lines[0])], (_r(by + 38), _cut(rung.code, box_width - 16, CODE_SIZE))
    if len(lines) == 1:
        return [(_r(by + BOX / 2 + 4.5), lines[0])], None
    return [(_r(by + 20), lines[0]), (_r(by + 36), lines[1])], None


def _box(rung: RungView, row: Row, x: float, box_width: float) -> Box:
    by = row.y + (ROW - BOX) / 2
    texts, code = _box_texts(rung, by, box_width)
    tooltip = f"{rung.title} ({rung.level}, {rung.track_name})"
    if rung.code:
        tooltip += gettext(", code %(code)s") % {"code": rung.code}
    return Box(
        rung=rung,
        x=_r(x),
        y=_r(by),
        width=_r(box_width),
        height=BOX,
        center=_r(x + box_width / 2),
        lines=texts,
        code=code,
        tooltip=_with_findings(tooltip, rung.findings),
        color=rung.color,
        tint=rung.tint,
        flag=rung.flag,
    )


def _join_text(left: RungView, right: RungView, kind: str) -> str:
    """What the line between two equivalent rungs says: the crossover it draws and the
    conditions stated for it, in a stable order."""
    text = gettext(_JOIN_TEXT[kind]) % {"a": left.track_name, "b": right.track_name}
    conditions = sorted(
        gettext("%(a)s to %(b)s: %(condition)s")
        % {"a": left.track_name, "b": right.track_name, "condition": m.condition}
        if m.direction == "to"
        else gettext("%(a)s to %(b)s: %(condition)s")
        % {"a": right.track_name, "b": left.track_name, "condition": m.condition}
        for m in left.moves
        if m.condition and not m.promotion and m.track == right.track
    )
    if conditions:
        text += f" ({'; '.join(conditions)})"
    return text


def _breaking(row: Row, left: RungView, right: RungView) -> list[FindingView]:
    """The findings that say two rungs of a level are not equivalent, each once, in order.

    The rules compare each track with management: a finding on the right-hand rung is about its
    pair with management, one on management's rung (its own band) about management's pair with
    the next track, one on the level about all of them.
    """
    found = [*right.findings, *row.level.own_findings]
    if left.track == MANAGEMENT:
        found += left.findings
    return sorted({f.number: f for f in found if f.breaks}.values(), key=lambda f: f.number)


def _joins(row: Row, columns: list[Column]) -> list[Join]:
    """The lines joining the rungs of a level, each to the next track's rung on it."""
    present = [(columns[i], cell) for i, cell in enumerate(row.level.cells) if cell is not None]
    joins: list[Join] = []
    for (left_col, left), (right_col, right) in itertools.pairwise(present):
        kind = _crossing(left, right)
        text = _join_text(left, right, kind)
        breaking = _breaking(row, left, right)
        if breaking:
            text = gettext(_NOT_EQUIVALENT) % {"what": text}
        joins.append(
            Join(
                x1=_r(left_col.x + left_col.width),
                x2=_r(right_col.x),
                y=row.center,
                kind=kind,
                tooltip=_with_findings(
                    gettext("%(a)s and %(b)s (%(level)s): %(what)s")
                    % {"a": left.title, "b": right.title, "level": row.level.id, "what": text},
                    breaking,
                ),
                flag=worst(breaking),
            )
        )
    return joins


def _fork_y(handbook: Handbook, rows: list[Row]) -> float | None:
    """The foot of the level where the tracks fork (the dashed line), if drawn."""
    fork_rows = [row for row in rows if handbook.ladder.fork is not None
                 and row.level.id == handbook.ladder.fork]
    return _r(fork_rows[0].y + ROW) if handbook.fork and fork_rows else None


def _tracks_named(names: list[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    if len(names) < 2:
        return "".join(names)
    return gettext("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def ladder_diagram(handbook: Handbook) -> Diagram:
    """The ladders side by side, highest level at the top.

    In steps: the grid (:class:`_Grid`), a row per level, a column per track with a box per
    rung on a level, the roles above the ladder and the lines rising to them, the promotions,
    the joins of each level's rungs, and last the legend's lines below the rows, which set the
    picture's height.
    """
    tracks = handbook.tracks
    grid = _Grid.of(handbook)
    rows = _diagram_rows(handbook.levels_desc, grid)
    columns: list[Column] = []
    boxes: list[Box] = []
    for number, track in enumerate(tracks):
        x = grid.column_x(number)
        columns.append(_column(track, x, rows, grid))
        for rung in track.rungs:
            row = _row_for(rows, rung)
            if row is not None:
                boxes.append(_box(rung, row, x, grid.box_width))
    tops = top_boxes(
        handbook.above,
        grid.x0,
        max(grid.span(len(tracks)), grid.x0 + grid.box_width),
        grid.tops_y + (ROW - BOX) / 2,
        BOX,
        lambda text, width: wrap(text, width, TITLE_SIZE, 2, bold=True),
    )
    reaches = reach_links(tops, columns, boxes)
    promotions = promotion_links(boxes)
    fork_y = _fork_y(handbook, rows)
    joins = [join for row in rows for join in _joins(row, columns)]
    # the legend: the tracks' line, then the shapes' line and the findings' line when used
    legend_y = grid.top + len(rows) * ROW + 24
    flagged = any(b.flag for b in boxes) or any(j.flag for j in joins)
    shaped = bool(tops or promotions or fork_y is not None)
    shapes_legend_y = legend_y + 24
    flag_legend_y = shapes_legend_y + (24 if shaped else 0)
    last = flag_legend_y if flagged else (shapes_legend_y if shaped else legend_y)
    legend_width = 32 + (190 if tops else 0) + (300 if promotions else 0)
    legend_width += 160 if fork_y is not None else 0
    legend_x, end = legend_entries(LADDER_LEGEND[0])
    shown = (bool(tops), bool(promotions), fork_y is not None)
    shapes_x, shapes_end = legend_entries(LADDER_LEGEND[1], shown)
    flags_x, flags_end = legend_entries(LADDER_LEGEND[2])
    ends = [end] + ([shapes_end] if shaped else []) + ([flags_end] if flagged else [])
    width = max(float(legend_width), max(ends) + MARGIN)
    return Diagram(
        width=_r(max(grid.span(len(tracks)) + MARGIN, 600.0, width)),
        height=_r(last + 20 + MARGIN),
        font=FONT,
        title=gettext("%(title)s: the %(tracks)s ladders")
        % {"title": handbook.title, "tracks": _tracks_named([t.name for t in tracks])},
        description=gettext(
            "Each column is a track and each row a level, highest at the top; a line joins "
            "the equivalent rungs of a level."
        ),
        label_width=_r(grid.label_width),
        header_y=_r(grid.header_y),
        columns=columns,
        rows=rows,
        boxes=boxes,
        joins=joins,
        legend_y=_r(legend_y),
        links=handbook.format == "html",
        flagged=flagged,
        flag_legend_y=_r(flag_legend_y),
        tops=tops,
        reaches=reaches,
        tops_label_y=_r(grid.tops_y + ROW / 2),
        promotions=promotions,
        fork_y=fork_y,
        shapes_legend_y=_r(shapes_legend_y),
        legend_x=legend_x,
        shapes_x=shapes_x,
        flags_x=flags_x,
    )


def _row_for(rows: list[Row], rung: RungView) -> Row | None:
    for row in rows:
        if rung.level_href and row.level.href == rung.level_href:
            return row
    return None


# -- the pay-band chart ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bar:
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
    def flag_color(self) -> str | None:
        return FLAG_COLORS[self.flag] if self.flag else None

    @property
    def end(self) -> float:
        return _r(self.x + self.width)


@dataclass(frozen=True, slots=True)
class ChartRow:
    level: LevelView
    y: float
    height: float
    center: float
    stripe: bool
    label: str
    sublabel: str | None
    bars: list[Bar]
    #: the baselines of the label and of the level's name, wrapped onto two lines at most
    label_y: float = 0.0
    sublabels: list[tuple[float, str]] = field(default_factory=list)


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
class PayChart:
    width: float
    height: float
    font: str
    title: str
    description: str
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
    trillion up or below a millionth, scientific (``1e+400``), so a label is never long."""
    with localcontext(AXIS_CONTEXT):
        size = abs(value)
        if size and (size >= Decimal(10) ** 18 or size < Decimal("1e-6")):
            return f"{value.normalize():.4g}"
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
        tooltip=_with_findings(
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
    two_lines = len(_level_label(level, 0.0, label_width)[1]) > 1
    height = max(bars_height + 2 * ROW_PAD, 56.0 if two_lines else 42.0 if level.name else 32.0)
    pad = (height - bars_height) / 2
    label_y, sublabels = _level_label(level, y + height / 2, label_width)
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
        label=_cut(level.id, label_width - 8, LABEL_SIZE, bold=True),
        sublabel=_cut(level.name, label_width - 8, 11.0) if level.name else None,
        bars=bars,
        label_y=label_y,
        sublabels=sublabels,
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
        label = _cut(track.name, LEGEND_LABEL, 12.0)
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
    label_width = _label_width(handbook.levels_desc)
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
