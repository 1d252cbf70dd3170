"""The placed parts of the ladder diagram: its columns (one per track), rows (one per level)
and rung boxes, shared by :mod:`~dualladder._internal.services.handbook.svg_diagram` (which places
them) and :mod:`~dualladder._internal.services.handbook.svg_shapes` (which draws the shapes
around them)."""

from __future__ import annotations

from dataclasses import dataclass

from dualladder._internal.services.handbook.views import LevelView, RungView, TrackView

__all__ = [
    "FLAG_COLORS",
    "Box",
    "Column",
    "Flagged",
    "LevelRow",
    "Picture",
    "Row",
    "number",
    "rounded",
]

#: The colours of a finding's mark, by severity (dark enough to read on white and on the tints).
FLAG_COLORS = {"error": "#b42318", "warning": "#9a5b00"}


def rounded(value: float) -> float:
    """Round to one decimal; a whole number becomes an int (printed ``12``, not ``12.0``)."""
    out = round(value, 1)
    return int(out) if out == int(out) else out


def number(value: float) -> str:
    """The ``n`` template filter: a coordinate with at most one decimal (``12``, ``12.5``)."""
    return str(rounded(value))


class Flagged:
    """A shape marked in the colour of a finding on what it shows: ``flag`` is ``error``,
    ``warning`` or None (a rung's box, a join of two rungs, a bar of the pay chart)."""

    __slots__ = ()
    flag: str | None

    @property
    def flag_color(self) -> str | None:
        return FLAG_COLORS[self.flag] if self.flag else None


@dataclass(frozen=True, slots=True)
class Picture:
    """What every picture has (the handbook's two, the audit's): its size, its font, and the
    title and description an SVG carries for screen readers."""

    width: float
    height: float
    font: str
    title: str
    description: str


@dataclass(frozen=True, slots=True)
class Column:
    track: TrackView
    x: float
    width: float
    center: float
    header: list[str]
    #: the rails of the ladder: from the top of the highest rung to the bottom of the lowest
    rail_left: float
    rail_right: float
    rail_top: float
    rail_bottom: float
    empty: bool


@dataclass(frozen=True, slots=True)
class LevelRow:
    """A level's row in a picture (the ladder diagram's, the pay chart's), with its label at
    the left: the level's id, and its name under it (``svg_labels``)."""

    level: LevelView
    y: float
    height: float
    center: float
    stripe: bool
    label: str
    sublabel: str | None
    #: the baselines of the label and of the level's name, wrapped onto two lines at most
    label_y: float
    sublabels: list[tuple[float, str]]


@dataclass(frozen=True, slots=True)
class Row(LevelRow):
    """A level's row in the ladder diagram."""

    href: str


@dataclass(frozen=True, slots=True)
class Box(Flagged):
    rung: RungView
    x: float
    y: float
    width: float
    height: float
    center: float
    lines: list[tuple[float, str]]
    code: tuple[float, str] | None
    tooltip: str
    color: str
    tint: str
    #: ``error`` or ``warning`` when a finding is on this rung (outline and badge in its colour)
    flag: str | None = None
