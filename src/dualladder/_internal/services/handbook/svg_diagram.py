"""The ladder diagram, computed in Python and drawn by the template ``svg/ladder.svg.j2``: one
column per track, one row per level (highest at the top), a box per rung on two rails, and a
line joining the equivalent rungs of each level across the columns (solid with arrow heads
where a crossover move is stated, dashed where none is); the roles above the ladder, promotions
across tracks and the fork are drawn around the boxes by
:mod:`~dualladder._internal.services.handbook.svg_shapes`.

Coordinates are rounded to one decimal so the files are byte-identical on every run; long
titles are wrapped and, past the line budget, cut
(:mod:`~dualladder._internal.services.handbook.svg_text`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Final

from dualladder._internal.model.ladder import MANAGEMENT
from dualladder._internal.services.handbook.marks import FindingView, worst
from dualladder._internal.services.handbook.svg_geometry import Box, Column, Flagged, Picture, Row
from dualladder._internal.services.handbook.svg_geometry import rounded as _r
from dualladder._internal.services.handbook.svg_labels import (
    MARGIN,
    label_column_width,
    row_label,
)
from dualladder._internal.services.handbook.svg_shapes import (
    Link,
    TopBox,
    promotion_links,
    reach_links,
    top_boxes,
)
from dualladder._internal.services.handbook.svg_text import (
    FONT,
    cut,
    text_width,
    two_line_width,
    with_findings,
    wrap,
)
from dualladder._internal.services.handbook.views import (
    Handbook,
    LevelView,
    RungView,
    TrackView,
)
from dualladder._internal.util.i18n import N_, gettext

__all__ = ["Diagram", "ladder_diagram"]


@dataclass(frozen=True, slots=True)
class Join(Flagged):
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
    def middle(self) -> float:
        return _r((self.x1 + self.x2) / 2)


@dataclass(frozen=True, slots=True)
class Diagram(Picture):
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


TITLE_SIZE = 13.0
CODE_SIZE = 11.0
HEADER_SIZE = 14.0
ROW = 64.0
BOX = 50.0
GUTTER = 64.0
#: the widest a rung's box gets for a long word or a track's long name
MAX_BOX = 400.0


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
        label_width = label_column_width(handbook.levels_desc)
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
        rows.append(
            Row(
                level=level,
                y=_r(y),
                height=ROW,
                center=_r(y + ROW / 2),
                stripe=index % 2 == 0,
                href=level.href,
                **row_label(level, y + ROW / 2, grid.label_width),
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
        return [(_r(by + 21), lines[0])], (_r(by + 38), cut(rung.code, box_width - 16, CODE_SIZE))
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
        tooltip=with_findings(tooltip, rung.findings),
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
                tooltip=with_findings(
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
