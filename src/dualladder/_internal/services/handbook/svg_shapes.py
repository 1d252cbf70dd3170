"""Diagram geometry of the ladder shapes beyond two plain tracks: the roles above the ladder
(a row of boxes over the columns, with a line rising to each from the top rung of every track
that can reach it), promotions across tracks (an arrow from a rung to the other track's rung it
is promoted onto) and the fork (a dashed line under the level where the tracks part).

:func:`dualladder._internal.services.handbook.svg_diagram.ladder_diagram` calls these with the
boxes it has placed."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from dualladder._internal.services.handbook.shapes import TopRoleView
from dualladder._internal.services.handbook.svg_geometry import Box, Column, rounded
from dualladder._internal.util.i18n import gettext

__all__ = ["Link", "TopBox", "promotion_links", "reach_links", "top_boxes"]


@dataclass(frozen=True, slots=True)
class TopBox:
    """A role above the ladder."""

    role: TopRoleView
    x: float
    y: float
    width: float
    height: float
    center: float
    lines: list[tuple[float, str]]
    tooltip: str


@dataclass(frozen=True, slots=True)
class Link:
    """A line with an arrow head at its end: a rise to a role above the ladder, or a promotion
    across tracks. ``dashed`` when the move is open only under a condition."""

    x1: float
    y1: float
    x2: float
    y2: float
    color: str
    tooltip: str
    dashed: bool = False


def top_boxes(
    roles: list[TopRoleView],
    left: float,
    right: float,
    y: float,
    height: float,
    wrap_title: Callable[[str, float], list[str]],
) -> list[TopBox]:
    """The roles side by side over the span of the columns, in file order."""
    if not roles:
        return []
    gap = 16.0
    width = (right - left - gap * (len(roles) - 1)) / len(roles)
    out: list[TopBox] = []
    for number, role in enumerate(roles):
        x = left + number * (width + gap)
        lines = wrap_title(role.title, width - 16)
        if len(lines) == 1:
            texts = [(rounded(y + height / 2 + 4.5), lines[0])]
        else:
            texts = [(rounded(y + 20), lines[0]), (rounded(y + 36), lines[1])]
        tooltip = gettext("%(title)s (above the ladder; open to %(tracks)s)") % {
            "title": role.title, "tracks": role.open_to_names}
        out.append(
            TopBox(role, rounded(x), rounded(y), rounded(width), height,
                   rounded(x + width / 2), texts, tooltip)
        )
    return out


def reach_links(tops: list[TopBox], columns: list[Column], boxes: list[Box]) -> list[Link]:
    """From the top rung of each track to every role above the ladder it can reach."""
    out: list[Link] = []
    highest: dict[str, Box] = {}
    for box in boxes:
        key = box.rung.track
        if key not in highest or box.y < highest[key].y:
            highest[key] = box
    for top in tops:
        for column in columns:
            key = column.track.key
            found = highest.get(key)
            if found is None or key not in top.role.open_to:
                continue
            x2 = min(max(column.center, top.x + 14), top.x + top.width - 14)
            out.append(
                Link(
                    x1=column.center,
                    y1=found.y,
                    x2=rounded(x2),
                    y2=rounded(top.y + top.height + 2),
                    color=column.track.color,
                    tooltip=gettext("%(title)s (%(level)s, %(track)s) can rise to %(role)s") % {
                        "title": found.rung.title, "level": found.rung.level,
                        "track": found.rung.track_name, "role": top.role.title},
                )
            )
    return out


def promotion_links(boxes: list[Box]) -> list[Link]:
    """An arrow from each rung to the rung of another track it is promoted onto: that track's
    next rung above it (the row above is higher up, so a smaller ``y``)."""
    columns: dict[str, list[Box]] = {}
    for box in sorted(boxes, key=lambda b: b.y):
        columns.setdefault(box.rung.track, []).append(box)
    tops = {track: [b.y for b in column] for track, column in columns.items()}
    out: list[Link] = []
    for box in boxes:
        for move in box.rung.moves:
            if move.direction != "to" or not move.promotion or move.track not in columns:
                continue
            index = bisect_left(tops[move.track], box.y) - 1
            if index < 0:
                continue
            target = columns[move.track][index]
            rightward = target.x > box.x
            x1 = box.x + box.width if rightward else box.x
            x2 = target.x if rightward else target.x + target.width
            condition = f" ({move.condition})" if move.condition else ""
            out.append(
                Link(
                    x1=rounded(x1),
                    y1=rounded(box.y + box.height / 2),
                    x2=rounded(x2),
                    y2=rounded(target.y + target.height / 2),
                    color="#3e4c59",
                    tooltip=gettext("%(title)s (%(level)s) can be promoted to %(target)s "
                                    "(%(target_level)s)") % {
                        "title": box.rung.title, "level": box.rung.level,
                        "target": target.rung.title, "target_level": target.rung.level}
                    + condition,
                    dashed=move.condition is not None,
                )
            )
    return out
