"""The equivalence rules (documented in ``docs/rules.md``) and ``check``.

The registry is explicit: each module below registers its rules by code on import.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dualladder.catalog import Severity
from dualladder.files import DEFAULT_MAX_BYTES
from dualladder.findings import Finding, Loc, Report
from dualladder.gcpause import gc_paused
from dualladder.loader import PLAN_KEY, build, parse, read_text
from dualladder.model import Ladder
from dualladder.rules import bands, crossover, parity, shapes, structure, titles
from dualladder.rules.notes import notes
from dualladder.rules.registry import RULES, Context, Problem, Rule, iter_problems
from dualladder.source import SourceMap

if TYPE_CHECKING:
    from dualladder.company.model import Company

__all__ = [
    "RULES",
    "Context",
    "Problem",
    "Rule",
    "check",
    "check_file",
    "check_ladder",
    "check_paths",
    "check_read",
    "gc_paused",
    "ladder_files",
]

_MODULES = (structure, parity, crossover, titles, shapes, bands)  # the registry, in catalog order


def _source_for(ladder: Ladder) -> tuple[Ladder, SourceMap, list[Finding]]:
    """The text to check a ladder as, when it is not the file it was loaded from.

    A ladder built in Python has no file: it is checked as the YAML ``dumps`` writes for it
    (file ``<ladder>``). A ladder changed after loading is checked as the file ``save`` would
    write for it, under the file's name: its findings point at the lines the file will have
    once saved, and a change that breaks the whole ladder (a rung on an unknown level) gets
    the load finding (DL004) the saved file would get.
    """
    from dualladder.dump import dumps
    from dualladder.writer import saved_text

    source = ladder.source
    if ladder.company_link is not None and source is not None:
        # a job family: checked as its file would be saved, with the company it was read with
        from dualladder.company.save import CompanyEdit, read_back

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


def check(subject: Ladder | Company, *, select: Iterable[str] | None = None) -> Report:
    """Run every rule (or the ``select``ed codes) on a ladder or a company; returns the sorted
    report.

    Findings point at lines of the file the ladder was loaded from (for a job family, of the
    family file or of the company file, where the value is written). A ladder changed since it
    was loaded is checked as the file :func:`dualladder.save` would write (so the lines are
    those of the saved file); a ladder built in Python is checked as the YAML that
    :func:`dualladder.dumps` writes for it (file ``<ladder>``). A
    :class:`~dualladder.company.Company` is checked with its families
    (:func:`dualladder.company.check.check_company`).
    """
    if not isinstance(subject, Ladder):
        from dualladder.company.check import check_company
        from dualladder.company.model import Company

        if not isinstance(subject, Company):
            raise TypeError(
                "check() takes a Ladder (from dualladder.load, dualladder.loads or "
                "dualladder.Ladder(...)) or a Company (dualladder.load_company), not "
                f"{type(subject).__name__}"
            )

        report = check_company(subject)
        if select is None:
            return report
        chosen = set(select)
        return Report.of([f for f in report if f.code in chosen], report.files)
    return check_ladder(subject, select=select)


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
    from dualladder.writer import edited

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
    if not across and ladder.company_link is not None:
        from dualladder.company.check import inherited_only

        if inherited_only(ladder):  # its band shapes are the company's, checked once
            active = [code for code in active if code not in ("DL201", "DL202", "DL203")]
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
    if ladder.company_link is not None:
        from dualladder.company.check import family_findings

        extra = [*active, *(c for c in (wanted or ("DL501", "DL502")) if c not in ignored)]
        findings.extend(family_findings(ladder, extra, seen, across=across))
    return Report.of(findings, [source.name], notes(ladder, source))


def _walk(folder: Path) -> Iterator[Path]:
    """Every ``*.yaml``/``*.yml`` file below ``folder``, without following links.

    Symbolic links (to files or to folders) are not followed and hidden files and folders are
    left out, as linters do: a link in a folder of ladders cannot make a run read a file
    outside it (``x.yaml -> /etc/shadow``), and a link to a parent folder cannot make it loop.
    A folder that cannot be listed raises its :class:`OSError` (``PermissionError``), so a run
    never passes by silently checking less than it was asked to.
    """
    pending = [folder]
    while pending:
        current = pending.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                if entry.name.startswith(".") or entry.is_symlink():
                    continue
                if entry.is_dir(follow_symlinks=False):
                    pending.append(Path(entry.path))
                elif entry.name.endswith((".yaml", ".yml")):
                    # a regular file, or a pipe, device or socket that the reader then refuses
                    # (an unreadable path, exit 2): never skipped in silence
                    yield Path(entry.path)


def ladder_files(paths: Sequence[str | os.PathLike[str]]) -> Iterator[Path]:
    """The files to check: each file given, and every ``*.yaml``/``*.yml`` below each folder,
    sorted, leaving out hidden files and folders (``.github/``, ``.pre-commit-config.yaml``)
    and symbolic links below it (see :func:`_walk`). A path given is used as given, even a
    link. Raises FileNotFoundError for a path that does not exist, and the OSError of a folder
    that cannot be listed."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(_walk(path))
        elif path.exists() or path.is_symlink():
            yield path
        else:
            raise FileNotFoundError(f"{raw}: no such file or folder")


def check_file(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """Read and check one file: load findings if it cannot be read as a ladder, else the
    rule findings; a career plan (``dualladder-plan: 1``) gets the plan rules. OSError if the
    file cannot be read at all (see :func:`dualladder.read`: not a regular file, or larger than
    ``max_bytes``)."""
    parsed = parse(path, max_bytes=max_bytes)
    if parsed.data is not None and PLAN_KEY in parsed.data:
        from dualladder.plan.reader import check_plan_parsed

        return check_plan_parsed(parsed)
    result = build(parsed)
    if result.ladder is None:
        return Report.of(result.findings, [result.source.name])
    return _run(result.ladder, result.source, None)


def check_paths(
    paths: Sequence[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Report:
    """Check every file under ``paths`` and merge the reports: standalone ladders alone, each
    company with its families among them (:func:`dualladder.company.check.check_files`).
    OSError for a file that cannot be read (``max_bytes``: the size cap of each file)."""
    from dualladder.company.check import check_files

    with gc_paused():
        report, unreadable = check_files(list(ladder_files(paths)), max_bytes=max_bytes)
    if unreadable:
        path, reason = unreadable[0]
        raise OSError(f"{path}: cannot read: {reason}")
    return report
