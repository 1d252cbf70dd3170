"""The decision-rights matrix: one table per decision domain, levels down, a column per track.

Every domain's table has the same rows (each level on which any track has a rung, lowest first)
and the same columns (the tracks, in track order), so the equivalent rungs of a level sit side by
side in one row, and a ladder of any number of levels fits the page: levels add rows, never
columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from dualladder._internal.services.handbook.marks import FindingView
from dualladder._internal.services.handbook.site import domains
from dualladder._internal.services.handbook.views import (
    DecisionView,
    Handbook,
    LevelView,
    RungView,
    TrackView,
)

__all__ = ["DecisionMatrix", "MatrixCell", "MatrixRow", "decision_matrices"]


@dataclass(frozen=True, slots=True)
class MatrixCell:
    """One rung's rights in one domain."""

    rung: RungView
    #: the rung's decisions in this domain (usually one; none: it holds no right there)
    decisions: list[DecisionView]
    #: findings about this rung's decision rights in this domain (or in no one domain)
    findings: list[FindingView]


@dataclass(frozen=True, slots=True)
class MatrixRow:
    level: LevelView
    #: one entry per track (in track order): the cell, or None when the track has no rung here
    cells: list[MatrixCell | None]


@dataclass(frozen=True, slots=True)
class DecisionMatrix:
    """One domain's rights: a row per level, a column per track."""

    domain: str
    #: whether ``domain`` is one of the policy's seat-at-the-table domains
    seat: bool
    tracks: list[TrackView]
    rows: list[MatrixRow]


def _cell(rung: RungView | None, domain: str) -> MatrixCell | None:
    if rung is None:
        return None
    findings = [f for f in rung.marks("decisions") if f.domain in (None, domain)]
    return MatrixCell(rung, [d for d in rung.decisions if d.domain == domain], findings)


def decision_matrices(handbook: Handbook) -> list[DecisionMatrix]:
    """One matrix per domain (sorted), each with the same rows and columns."""
    seat = set(handbook.seat_at_the_table)
    levels = [level for level in handbook.levels if level.rungs]
    return [
        DecisionMatrix(
            domain=domain,
            seat=domain in seat,
            tracks=list(handbook.tracks),
            rows=[
                MatrixRow(level, [_cell(rung, domain) for rung in level.cells])
                for level in levels
            ],
        )
        for domain in domains(handbook)
    ]
