"""Semantic diffs of ladders, and the rung-to-rung comparison they are built on.

* :func:`compare_rungs` -- what one rung asks and grants that another does not (expectations,
  scope, decision rights) and the pay step between them; the handbook's "new at this level"
  and career plans use it too.
* :func:`diff_ladders` -- every change between two versions of one ladder.

Names are imported on first use, like the package's top level.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dualladder.lazy import lazy_exports

_EXPORTS: dict[str, str] = {
    "Ask": "dualladder.diff.step",
    "DecisionChange": "dualladder.diff.step",
    "RungDelta": "dualladder.diff.step",
    "compare_rungs": "dualladder.diff.step",
    "CHANGE_KINDS": "dualladder.diff.changes",
    "Change": "dualladder.diff.changes",
    "diff_ladders": "dualladder.diff.ladder",
    "changes_by_rung": "dualladder.diff.ladder",
    "match_rungs": "dualladder.diff.ladder",
}

__all__ = [
    "CHANGE_KINDS",
    "Ask",
    "Change",
    "DecisionChange",
    "RungDelta",
    "changes_by_rung",
    "compare_rungs",
    "diff_ladders",
    "match_rungs",
]

if TYPE_CHECKING:
    from dualladder.diff.changes import CHANGE_KINDS, Change
    from dualladder.diff.ladder import changes_by_rung, diff_ladders, match_rungs
    from dualladder.diff.step import Ask, DecisionChange, RungDelta, compare_rungs


__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)
