"""The company rules checked while a family file is read: DL504 (its company file can be read)
and DL503 (it uses only its company's levels), in :data:`COMPANY_LOAD`.

They are part of reading: a family whose company cannot be applied is not a ladder, so the
family reader (:mod:`dualladder._internal.io.company.family`) runs them before it merges. The
rules across families (DL501, DL502, DL505) are :mod:`dualladder._internal.rules.company`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from dualladder._internal.io.company.registry import COMPANY_LOAD, FamilyContext, Placed
from dualladder._internal.util.findings import Loc
from dualladder._internal.util.textsafe import cut

__all__ = ["COMPANY_LOAD", "company_file", "unknown_level"]


@COMPANY_LOAD.rule("DL504")
def company_file(ctx: FamilyContext) -> Iterator[Placed]:
    """A family file's `company` names a company file that can be read.

    The path in `company` is taken relative to the folder of the family file. The file must
    exist, be a regular readable file, and be a company file (its first key
    `dualladder-company: 1`) without load errors of its own. The finding points at the
    `company` value of the family file; a company file with errors also reports them itself.
    A family whose company cannot be read is not checked further: everything it inherits is
    missing.

    Why it matters: a family inherits its levels, bands, zones and policy from its company; a
    path with a typo, or one that names another family's file, would leave it with nothing to
    stand on.

    How to fix: correct the path (relative to the family file), or fix the errors reported in
    the company file.

    ```yaml
    dualladder: 1
    company: ../acme-compny.yaml    # DL504: no such file
    family: Data
    ```
    """
    if not isinstance(ctx.ref, str) or not ctx.ref or ctx.result is None:
        return
    result, ref = ctx.result, ctx.ref
    where = ctx.parsed.source
    shown = os.fspath(ctx.target) if ctx.target is not None else ref
    if result.error is not None:
        if result.missing:
            message = (f"company file {ref!r} does not exist (looked for {shown}); the path is "
                       f"relative to this file's folder")
        else:
            message = f"company file {ref!r} cannot be read: {result.error}"
    elif not result.is_company:
        message = (f"{ref!r} is not a company file: it does not start with "
                   f"`dualladder-company: 1`")
    elif result.company is None:
        count = len(result.findings)
        first = result.findings[0] if result.findings else None
        detail = f" (first: line {first.line}: {first.code})" if first is not None else ""
        message = (f"company file {ref!r} cannot be read as a company: {count} "
                   f"error{'s' if count != 1 else ''} there{detail}")
    else:
        return
    yield Placed(where, ("company",), message)


@COMPANY_LOAD.rule("DL503")
def unknown_level(ctx: FamilyContext) -> Iterator[Placed]:
    """A job family uses only the levels of its company's scale.

    Every level a family names (a rung's `level`, a crossover's `levels`, an entry of the
    family's own `levels`, a differential's `level`, the `fork`) must be an id of the company's
    `levels`.
    Ids are compared exactly. Each unknown id is one finding, at the value, listing the
    company's levels.

    Why it matters: the company's scale is what makes a level mean the same thing in every
    family; a family-only level has no company band, no zone bands and no equivalent in the
    other families.

    How to fix: use a level of the company's scale, or add the level to the company file.

    ```yaml
    # company file: levels L3-L8
    tracks:
      technical:
        rungs:
          - {level: L9, title: Fellow}    # DL503: the company has no L9
    ```
    """
    file, result = ctx.file, ctx.result
    if file is None or result is None or result.company is None:
        return
    scale = result.company.level_ids
    known = set(scale)
    where = ctx.parsed.source
    listed = ", ".join(scale)

    def unknown(level_id: str, loc: Loc, what: str) -> Placed:
        return Placed(where, loc, f"{what} names level {level_id!r}, which the company's "
                      f"scale does not define (levels: {listed})")

    for index, level in enumerate(file.levels or []):
        if level.id not in known:
            yield unknown(level.id, ("levels", index, "id"), f"levels[{index}]")
    for index, differential in enumerate(file.differentials):
        if differential.level not in known:
            yield unknown(differential.level, ("differentials", index, "level"),
                          "a differential")
    for key, track in file.tracks.items():
        for index, rung in enumerate(track.rungs):
            if rung.level not in known:
                yield unknown(rung.level, ("tracks", key, "rungs", index, "level"),
                              f"{cut(rung.title)} ({cut(rung.level)})")
    if file.fork is not None and file.fork not in known:
        yield unknown(file.fork, ("fork",), "fork")
    for index, move in enumerate(file.crossover):
        for position, level_id in enumerate(move.levels):
            if level_id not in known:
                yield unknown(level_id, ("crossover", index, "levels", position), "crossover")
