"""Notes: what a ladder states that is not a problem, reported beside the findings.

Pay withheld by policy ("the levels are equal in seniority and pay; ranges are not public") is
parity *by statement*: the rules never report it as a finding, and the report says so once per
statement, as a compiler says ``note:``, pointing at the ``withheld_pay`` that makes it.
"""

from __future__ import annotations

from dualladder._internal.model.ladder import Ladder
from dualladder._internal.model.money import withheld_statement
from dualladder._internal.util.findings import Loc, Note
from dualladder._internal.yaml.source import SourceMap

__all__ = ["notes"]


def _text(levels: str, statement: str) -> str:
    quoted = f" (\u201c{statement}\u201d)" if statement else ""
    return (
        f"pay on {levels} is not published, equal on every track by the organisation's "
        f"statement{quoted}: parity by statement, so no bands are compared there"
    )


def notes(ladder: Ladder, source: SourceMap) -> list[Note]:
    """One note for each ``withheld_pay`` statement that covers rungs of ``ladder``: the
    file's own (for the levels without a statement of their own) and each level's."""
    if withheld_statement(ladder.withheld_pay) is None and all(
        withheld_statement(level.withheld_pay) is None for level in ladder.levels
    ):
        return []  # nothing is withheld (the common case): no rung to look at
    by_level = {rung.level for _, _, rung in ladder.rungs() if ladder.pay_withheld(rung)}
    if not by_level:
        return []
    out: list[Note] = []
    file_wide: list[str] = []
    for index, level in enumerate(ladder.levels):
        if level.id not in by_level:
            continue
        own = level.withheld_pay
        if own is not None and own is not False:
            statement = own if isinstance(own, str) else ""
            out.append(_note(source, ("levels", index, "withheld_pay"),
                             _text(f"level {level.id}", statement)))
        else:
            file_wide.append(level.id)
    if file_wide:
        top = ladder.withheld_pay
        statement = top if isinstance(top, str) else ""
        levels = f"level{'s' if len(file_wide) > 1 else ''} {', '.join(file_wide)}"
        out.append(_note(source, ("withheld_pay",), _text(levels, statement)))
    return out


def _note(source: SourceMap, loc: Loc, message: str) -> Note:
    where, at = source.origin(loc)
    line, column = where.locate(at, key=True)
    return Note(where.name, line, column, message, at)
