"""The equivalence rules (documented in ``docs/rules.md``) and ``check``.

The registry is explicit: each module below registers its rules by code on import.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from dualladder.catalog import Severity
from dualladder.findings import Finding, Report
from dualladder.loader import read, read_text
from dualladder.model import Ladder
from dualladder.rules import bands, crossover, parity, structure, titles
from dualladder.rules.registry import RULES, Context, Problem, Rule, iter_problems
from dualladder.source import SourceMap

__all__ = [
    "RULES",
    "Context",
    "Problem",
    "Rule",
    "check",
    "check_file",
    "check_paths",
    "gc_paused",
    "ladder_files",
]

_MODULES = (structure, parity, crossover, titles, bands)  # the registry, in catalog order


def _source_for(ladder: Ladder) -> tuple[Ladder, SourceMap, list[Finding]]:
    """A ladder built in Python has no file: check it as the YAML ``dumps`` writes for it."""
    from dualladder.dump import dumps

    result = read_text(dumps(ladder), "<ladder>")
    if result.ladder is None:  # a model changed after validation so that it no longer holds
        return ladder, result.source, result.findings
    return result.ladder, result.source, []


def check(ladder: Ladder, *, select: Iterable[str] | None = None) -> Report:
    """Run every rule (or the ``select``ed codes) on ``ladder``; returns the sorted report.

    Findings point at lines of the file the ladder was loaded from; a ladder built in Python
    is checked as the YAML that :func:`dualladder.dumps` writes for it (file ``<ladder>``).
    """
    if not isinstance(ladder, Ladder):
        raise TypeError(
            "check() takes a Ladder (from dualladder.load, dualladder.loads or "
            f"dualladder.Ladder(...)), not {type(ladder).__name__}"
        )
    source = ladder.source
    if source is None:
        ladder, source, problems = _source_for(ladder)
        if problems:
            return Report.of(problems, [source.name])
    policy = ladder.policy
    codes = [code for code in (select if select is not None else RULES) if code in RULES]
    ignored = set(policy.ignore)
    findings: list[Finding] = []
    ctx = Context(ladder)
    for registered, problem in iter_problems(ctx, (c for c in codes if c not in ignored)):
        line, column = source.locate(problem.loc)
        severity: Severity = policy.severity.get(registered.code, registered.severity)
        findings.append(
            Finding(source.name, line, column, registered.code, severity, problem.message,
                    problem.loc)
        )
    return Report.of(findings, [source.name])


def ladder_files(paths: Sequence[str | os.PathLike[str]]) -> Iterator[Path]:
    """The files to check: each file given, and every ``*.yaml``/``*.yml`` below each folder,
    sorted, leaving out hidden files and folders (``.github/``, ``.pre-commit-config.yaml``)
    below it. Raises FileNotFoundError for a path that does not exist."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = [
                p
                for p in path.rglob("*")
                if p.suffix in (".yaml", ".yml")
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            ]
            yield from sorted(found)
        elif path.exists():
            yield path
        else:
            raise FileNotFoundError(f"{raw}: no such file or folder")


def check_file(path: str | os.PathLike[str]) -> Report:
    """Read and check one file: load findings if it cannot be read as a ladder, else the
    rule findings. OSError if the file cannot be read at all."""
    result = read(path)
    if result.ladder is None:
        return Report.of(result.findings, [result.source.name])
    return check(result.ladder)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector over a batch of files.

    Loading and checking a file make thousands of short-lived objects (YAML nodes, data, models)
    but no reference cycles: reference counting frees each file's objects when it is done. The
    cyclic collector would still run every few thousand allocations and scan everything alive,
    about a fifth of a batch's time (benchmarks/PROFILE.md). It is switched back on after.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_paths(paths: Sequence[str | os.PathLike[str]]) -> Report:
    """Check every ladder file under ``paths`` and merge the reports."""
    with gc_paused():
        return Report.merge([check_file(path) for path in ladder_files(paths)])
