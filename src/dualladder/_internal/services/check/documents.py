"""Checking any documents: a ladder or a company (:func:`check`), every file under some paths
(:func:`check_paths`, ``dualladder validate``), each company with the families among them."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from dualladder._internal.io.company.read import CompanyCache, build_company, relative_to
from dualladder._internal.io.parse import parse
from dualladder._internal.io.read import build
from dualladder._internal.io.walk import ladder_files
from dualladder._internal.model.company import Company
from dualladder._internal.model.family import FamilyLink
from dualladder._internal.model.ladder import Ladder
from dualladder._internal.services.check.company import CompanyRun, check_company
from dualladder._internal.services.check.ladder import check_ladder, check_read
from dualladder._internal.services.check.plan import check_plan_parsed
from dualladder._internal.util.files import DEFAULT_MAX_BYTES, reason
from dualladder._internal.util.findings import Report
from dualladder._internal.util.gcpause import gc_paused
from dualladder._internal.util.kind_keys import COMPANY_KEY, PLAN_KEY

__all__ = ["check", "check_files", "check_paths"]


def check(subject: Ladder | Company, *, select: Iterable[str] | None = None) -> Report:
    """Run every rule (or the ``select``ed codes) on a ladder or a company; returns the sorted
    report.

    Findings point at lines of the file the ladder was loaded from (for a job family, of the
    family file or of the company file, where the value is written). A ladder changed since it
    was loaded is checked as the file :func:`dualladder.save` would write (so the lines are
    those of the saved file); a ladder built in Python is checked as the YAML that
    :func:`dualladder.dumps` writes for it (file ``<ladder>``). A
    :class:`~dualladder.company.Company` is checked with its families
    (:func:`dualladder._internal.services.check.company.check_company`).
    """
    if not isinstance(subject, Ladder):
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


def check_files(
    paths: Sequence[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Report, list[tuple[str, str]]]:
    """Check every file: standalone ladders alone, each company with the families among the
    files (and with its company file, even when the company file is not among them), and each
    career plan against the ladder it names. ``max_bytes`` is the size cap of each file read.
    Each family is checked as it is read, then let go.

    Returns the merged report and the files that could not be read, as (path, reason).
    """
    cache = CompanyCache(max_bytes=max_bytes)
    reports: list[Report] = []
    unreadable: list[tuple[str, str]] = []
    runs: dict[str, CompanyRun | None] = {}  # company key -> its run (None: not a company)

    def run_of(key: str) -> CompanyRun | None:
        if key not in runs:
            found = cache.results[key]
            if found.company is not None:
                runs[key] = CompanyRun(found.company)
            else:
                runs[key] = None
                if found.error is None and found.is_company:
                    reports.append(Report.of(found.findings, [found.source.name]))
        return runs[key]

    for path in paths:
        key = cache.key(path)
        known = cache.results.get(key)
        if known is not None and known.is_company and known.error is None:
            run_of(key)  # a company file already read for one of its families
            continue
        try:
            parsed = parse(path, max_bytes=max_bytes)
        except OSError as exc:
            unreadable.append((os.fspath(path), reason(exc)))
            continue
        data = parsed.data
        if data is not None and PLAN_KEY in data:
            reports.append(check_plan_parsed(parsed))
            continue
        if data is not None and COMPANY_KEY in data:
            cache.put(path, build_company(parsed))
            run_of(key)
            continue
        result = build(parsed, cache)
        if result.ladder is None:
            reports.append(Report.of(result.findings, [result.source.name]))
            ref = data.get("company") if data is not None else None
            if isinstance(ref, str) and ref:
                target = cache.key(relative_to(parsed.source.name, ref))
                if target in cache.results:
                    run_of(target)  # its company file's own problems are reported too
            continue
        link = result.ladder.company_link
        if isinstance(link, FamilyLink):
            run = run_of(cache.key(link.source.company_map.name))
            assert run is not None  # the family was read with this company applied
            run.add(result.ladder, just_read=True)
        else:
            reports.append(check_read(result.ladder))
    reports.extend(run.report() for run in runs.values() if run is not None)
    return Report.merge(reports), unreadable


def check_paths(
    paths: Sequence[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Report:
    """Check every file under ``paths`` and merge the reports: standalone ladders alone, each
    company with its families among them (:func:`check_files`).
    OSError for a file that cannot be read (``max_bytes``: the size cap of each file)."""
    with gc_paused():
        report, unreadable = check_files(list(ladder_files(paths)), max_bytes=max_bytes)
    if unreadable:
        path, reason = unreadable[0]
        raise OSError(f"{path}: cannot read: {reason}")
    return report
