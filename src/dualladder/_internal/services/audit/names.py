"""The names from the files in an audit report, in the reader's language where the files
translate them (``translations:`` of a ladder, a family or a company file; docs/format.md).

The audit measures the files as written; a report read in German shows the level names, the
rung titles, the track names and the family names of the rung table and the category tables as
the German handbook shows them (:func:`~dualladder._internal.services.translations.ladder_in`),
each falling back to the file's own text where the file has no translation. Nothing else of
the report changes: its figures, its keys (JSON) and its findings stay as computed.
"""

from __future__ import annotations

from dataclasses import replace

from dualladder._internal.model.audit import AuditReport, Category, LevelRow, RungStats
from dualladder._internal.model.ladder import Ladder
from dualladder._internal.model.placement import Scale
from dualladder._internal.services.translations import ladder_in

__all__ = ["named_in"]


def named_in(report: AuditReport, scale: Scale, locale: str) -> AuditReport:
    """``report`` with the names from ``scale``'s files in ``locale`` (``report`` itself when
    no file translates a name into it)."""
    copies: dict[str, Ladder] = {}
    for ladder in scale.ladders:
        copies.setdefault(ladder.family, ladder_in(ladder, locale, levels=False)[0])
    if all(copies[ladder.family] is ladder for ladder in scale.ladders):
        return report

    def family(name: str) -> str:
        copy = copies.get(name)
        return copy.family if copy is not None and name else name

    def rung(stats: RungStats | None) -> RungStats | None:
        copy = copies.get(stats.family) if stats is not None else None
        if stats is None or copy is None:
            return stats
        found = copy.rung(stats.track, stats.level)
        return replace(stats, title=found.title if found is not None else stats.title,
                       track_name=copy.track_name(stats.track))

    def row(level: LevelRow) -> LevelRow:
        copy = copies.get(level.family)
        found = copy.level(level.level) if copy is not None else None
        return replace(level, family=family(level.family),
                       name=found.name if found is not None else level.name,
                       rungs=tuple(rung(r) for r in level.rungs))

    def category(c: Category) -> Category:
        return replace(c, family=family(c.family))

    names: dict[str, list[str]] = {key: [] for key, _ in report.tracks}
    for ladder in scale.ladders:
        copy = copies[ladder.family]
        for key in ladder.tracks:
            if key in names and copy.track_name(key) not in names[key]:
                names[key].append(copy.track_name(key))
    return replace(
        report,
        levels=tuple(row(level) for level in report.levels),
        tracks=tuple((key, " / ".join(names[key]) or shown) for key, shown in report.tracks),
        pay=tuple(replace(group, categories=tuple(category(c) for c in group.categories))
                  for group in report.pay),
    )
