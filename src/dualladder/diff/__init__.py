"""Semantic diffs of ladders, and the rung-to-rung comparison they are built on.

* :func:`compare_rungs` -- what one rung asks and grants that another does not (expectations,
  scope, decision rights) and the pay step between them; the handbook's "new at this level"
  and career plans use it too.
* :func:`diff_ladders` -- every change between two versions of one ladder;
  :func:`diff_families` and :func:`diff_companies` the same for a job family (with its
  company applied) and a company file.
* :func:`read_sides` and :func:`diff_sides` -- whole versions as the command line reads them
  (files, folders, git revisions) and their diff; :data:`DIFF_REPORTERS` write it out.

Names are imported on first use, like the package's top level.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dualladder._internal.util.lazy import lazy_exports

_EXPORTS: dict[str, str] = {
    "Ask": "dualladder._internal.model.step",
    "DecisionChange": "dualladder._internal.model.step",
    "RungDelta": "dualladder._internal.model.step",
    "compare_rungs": "dualladder._internal.model.step",
    "CHANGE_KINDS": "dualladder._internal.services.diff.changes",
    "Change": "dualladder._internal.services.diff.changes",
    "diff_ladders": "dualladder._internal.services.diff.ladder",
    "diff_companies": "dualladder._internal.services.diff.company",
    "diff_families": "dualladder._internal.services.diff.company",
    "changes_by_rung": "dualladder._internal.services.diff.ladder",
    "match_rungs": "dualladder._internal.services.diff.ladder",
    "Diff": "dualladder._internal.services.diff.documents",
    "FileDiff": "dualladder._internal.services.diff.documents",
    "diff_sides": "dualladder._internal.services.diff.documents",
    "read_sides": "dualladder._internal.services.diff.documents",
    "Side": "dualladder._internal.services.diff.sides",
    "SourceError": "dualladder._internal.services.diff.sides",
    "DIFF_REPORTERS": "dualladder._internal.services.diff.report",
}

__all__ = [
    "CHANGE_KINDS",
    "DIFF_REPORTERS",
    "Ask",
    "Change",
    "DecisionChange",
    "Diff",
    "FileDiff",
    "RungDelta",
    "Side",
    "SourceError",
    "changes_by_rung",
    "compare_rungs",
    "diff_companies",
    "diff_families",
    "diff_ladders",
    "diff_sides",
    "match_rungs",
    "read_sides",
]

if TYPE_CHECKING:
    from dualladder._internal.model.step import Ask, DecisionChange, RungDelta, compare_rungs
    from dualladder._internal.services.diff.changes import CHANGE_KINDS, Change
    from dualladder._internal.services.diff.company import diff_companies, diff_families
    from dualladder._internal.services.diff.documents import Diff, FileDiff, diff_sides, read_sides
    from dualladder._internal.services.diff.ladder import changes_by_rung, diff_ladders, match_rungs
    from dualladder._internal.services.diff.report import DIFF_REPORTERS
    from dualladder._internal.services.diff.sides import Side, SourceError


__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)
