"""The equivalence rules (documented in ``docs/rules.md``) and ``check``.

The registry is explicit: each module below registers its rules by code on import.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from dualladder._internal.io.company.read import CompanyCache
from dualladder._internal.io.documents import read_document
from dualladder._internal.io.parse import parse
from dualladder._internal.io.read import read_text
from dualladder._internal.model.ladder import Ladder
from dualladder._internal.rules.ladder.notes import notes
from dualladder._internal.rules.ladder.registry import RULES, Context, iter_problems
from dualladder._internal.util.catalog import Severity
from dualladder._internal.util.files import DEFAULT_MAX_BYTES
from dualladder._internal.util.findings import Finding, Loc, Report
from dualladder._internal.yaml.source import SourceMap

if TYPE_CHECKING:
    pass

__all__ = ["SCALE_ONLY", "check_file", "check_ladder", "check_read"]

#: The band rules a job family that pays only its company's bands leaves to the company's
#: scale in a company check (checked there once, however many families inherit the bands).
SCALE_ONLY = frozenset({"DL201", "DL202", "DL203", "DL206"})



def _source_for(ladder: Ladder) -> tuple[Ladder, SourceMap, list[Finding]]:
    """The text to check a ladder as, when it is not the file it was loaded from.

    A ladder built in Python has no file: it is checked as the YAML ``dumps`` writes for it
    (file ``<ladder>``). A ladder changed after loading is checked as the file ``save`` would
    write for it, under the file's name: its findings point at the lines the file will have
    once saved, and a change that breaks the whole ladder (a rung on an unknown level) gets
    the load finding (DL004) the saved file would get.
    """
    from dualladder._internal.io.dump import dumps
    from dualladder._internal.io.save import saved_text

    source = ladder.source
    if ladder.company_link is not None and source is not None:
        # a job family: checked as its file would be saved, with the company it was read with
        from dualladder._internal.io.company.save import CompanyEdit, read_back

        try:
            text = saved_text(ladder)[0]
        except CompanyEdit:  # an edit only the company file holds: checked where it stands
            return ladder, source, []
        result = read_back(ladder, text, source.name)
    else:
        if source is None:
            text, name = dumps(ladder), "<ladder>"
        else:
            text, name = saved_text(ladder)[0], source.name
        result = read_text(text, name)
    if result.ladder is None:  # the model no longer holds as a whole
        return ladder, result.source, result.findings
    return result.ladder, result.source, []


def check_ladder(
    ladder: Ladder, *, select: Iterable[str] | None = None, across: bool = True
) -> Report:
    """:func:`check` of one ladder. For a job family, ``across`` also runs the company rules
    over this one family (job codes, differentials); a company check runs them over all its
    families instead."""
    source = ladder.source
    if source is None or _edited(ladder):
        ladder, source, problems = _source_for(ladder)
        if problems:
            return Report.of(problems, [source.name])
    return _run(ladder, source, select, across=across)


def check_read(ladder: Ladder, *, across: bool = True) -> Report:
    """:func:`check_ladder` of a ladder this run has just read from its file.

    Nothing can have edited it yet, so it is checked as it stands, without first reading its
    file again to compare (what :func:`check_ladder` does to find edits made since loading,
    and what would read and build every file of a ``validate`` run twice)."""
    source = ladder.source
    assert source is not None, "check_read is for a ladder read from a file"
    return _run(ladder, source, None, across=across)


def _edited(ladder: Ladder) -> bool:
    from dualladder._internal.io.save import edited

    return edited(ladder)


def _run(
    ladder: Ladder, source: SourceMap, select: Iterable[str] | None, *, across: bool = True
) -> Report:
    """The rules on a ladder whose positions are in ``source``."""
    policy = ladder.policy
    wanted = list(select) if select is not None else None
    codes = [code for code in (wanted if wanted is not None else RULES) if code in RULES]
    ignored = set(policy.ignore)
    active = [code for code in codes if code not in ignored]
    family = ladder.company_link is not None
    if family:  # a job family (what checks it against its company is imported for one only)
        from dualladder._internal.services.check.family import family_findings, inherited_only

        if not across and inherited_only(ladder):
            # its band shapes are the company's, checked once
            active = [code for code in active if code not in SCALE_ONLY]
    findings: list[Finding] = []
    seen: set[tuple[str, Loc]] = set()
    ctx = Context(ladder)
    for registered, problem in iter_problems(ctx, active):
        where, loc = source.origin(problem.loc)
        line, column = where.locate(loc)
        severity: Severity = policy.severity.get(registered.code, registered.severity)
        message = problem.message
        if where is not source:  # a family's finding in its company's file
            message = f"{ladder.family}: {message}"
        findings.append(
            Finding(where.name, line, column, registered.code, severity, message, loc)
        )
        if problem.loc and problem.loc[-1] in ("min", "mid", "max", "currency"):
            seen.add((registered.code, problem.loc[:-1]))
        else:
            seen.add((registered.code, problem.loc))
    if family:
        extra = [*active, *(c for c in (wanted or ("DL501", "DL502")) if c not in ignored)]
        findings.extend(family_findings(ladder, extra, seen, across=across))
    return Report.of(findings, [source.name], notes(ladder, source))


def check_file(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """Read and check one file alone: load findings if it cannot be read as a ladder, else the
    rule findings (a job family with the rules across families run over it alone); a career
    plan (``dualladder-plan: 1``) gets the plan rules. OSError if the file cannot be read at
    all (see :func:`dualladder.read`: not a regular file, or larger than ``max_bytes``)."""
    doc = read_document(parse(path, max_bytes=max_bytes), Path(path), CompanyCache(),
                        only=("ladder", "family", "plan"))  # a company file is not a ladder
    if doc.plan is not None:
        from dualladder._internal.services.check.plan import check_plan

        return check_plan(doc.plan, base=Path(doc.source.name).parent, source=doc.source)
    if doc.ladder is None:
        return Report.of(doc.findings, [doc.source.name])
    return check_read(doc.ladder)
