"""The level labels at the left of both pictures, the ladder diagram's and the pay-band
chart's: the width of their column, and a level's id over its name, wrapped onto two lines."""

from __future__ import annotations

from typing import TypedDict

from dualladder._internal.services.handbook.svg_geometry import rounded as _r
from dualladder._internal.services.handbook.svg_text import cut, text_width, wrap
from dualladder._internal.services.handbook.views import LevelView

__all__ = ["LABEL_SIZE", "LABEL_WIDTH", "MARGIN", "SUBLABEL_SIZE", "RowLabel",
           "label_column_width", "level_label", "row_label"]

#: the room around a picture
MARGIN = 16.0
LABEL_SIZE = 13.0
SUBLABEL_SIZE = 11.0
#: the widest the level labels get (a longer level name is cut, with a tooltip)
LABEL_WIDTH = 260.0


def level_label(level: LevelView, center: float,
                label_width: float) -> tuple[float, list[tuple[float, str]]]:
    """The baseline of a level's label, and its name wrapped onto two lines at most (cut with
    an ellipsis only past them), with their baselines, around ``center``."""
    if not level.name:
        return _r(center + 4.5), []
    lines = wrap(level.name, label_width - 8, SUBLABEL_SIZE, 2)
    if len(lines) == 1:
        return _r(center - 4), [(_r(center + 12), lines[0])]
    return _r(center - 11), [(_r(center + 4), lines[0]), (_r(center + 18), lines[1])]


class RowLabel(TypedDict):
    """The label fields of a level's row (:class:`~dualladder._internal.services.handbook.
    svg_geometry.LevelRow`), as both pictures fill them."""

    label: str
    sublabel: str | None
    label_y: float
    sublabels: list[tuple[float, str]]


def row_label(level: LevelView, center: float, label_width: float) -> RowLabel:
    """A level row's label around ``center``: its id and its name, each cut to the column,
    and their baselines (:func:`level_label`)."""
    label_y, sublabels = level_label(level, center, label_width)
    return RowLabel(
        label=cut(level.id, label_width - 8, LABEL_SIZE, bold=True),
        sublabel=cut(level.name, label_width - 8, SUBLABEL_SIZE) if level.name else None,
        label_y=label_y,
        sublabels=sublabels,
    )


def label_column_width(levels: list[LevelView]) -> float:
    """The width of the level labels' column: the widest level id or name, 60 to 260."""
    label_width = max(
        [text_width(lv.id, LABEL_SIZE, bold=True) + 8 for lv in levels]
        + [text_width(lv.name, 11.0) + 8 for lv in levels if lv.name]
        + [60.0]
    )
    return min(label_width, LABEL_WIDTH)
