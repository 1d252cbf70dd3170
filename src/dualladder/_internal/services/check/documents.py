"""Checking any documents: a ladder or a company (:func:`check`), every file under some paths
(:func:`check_paths`, ``dualladder validate``), each company with the families among them.

Each file is read once (:func:`~dualladder._internal.io.documents.collect`) and checked as its
kind's entry in the registry says (:data:`~dualladder._internal.services.kinds.KINDS`)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, cast

from dualladder._internal.io.company.read import CompanyCache
from dualladder._internal.io.documents import Unreadable, collect
from dualladder._internal.io.walk import ladder_files
from dualladder._internal.model.ladder import Ladder
from dualladder._internal.services.check.ladder import check_ladder
from dualladder._internal.services.check.run import CheckRun
from dualladder._internal.services.kinds import KINDS, NotApplicable, kind_of_model
from dualladder._internal.util.files import DEFAULT_MAX_BYTES, reason
from dualladder._internal.util.findings import Report
from dualladder._internal.util.gcpause import gc_paused

if TYPE_CHECKING:
    from dualladder._internal.model.company import Company

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
    kind = kind_of_model(subject)  # which kind of model: asked of the registry
    if kind in ("ladder", "family"):
        assert isinstance(subject, Ladder)
        return check_ladder(subject, select=select)
    if kind != "company":
        raise TypeError(
            "check() takes a Ladder (from dualladder.load, dualladder.loads or "
            "dualladder.Ladder(...)) or a Company (dualladder.load_company), not "
            f"{type(subject).__name__}"
        )
    from dualladder._internal.services.check.company import check_company

    report = check_company(cast("Company", subject))  # a Company: its kind says so
    if select is None:
        return report
    chosen = set(select)
    return Report.of([f for f in report if f.code in chosen], report.files)


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
    run = CheckRun(cache)
    unreadable: list[tuple[str, str]] = []
    for doc in collect(paths, max_bytes=max_bytes, cache=cache):
        if isinstance(doc, Unreadable):
            unreadable.append((os.fspath(doc.path), reason(doc.error)))
        else:
            verb = KINDS[doc.kind].check
            assert not isinstance(verb, NotApplicable)  # collect reads the YAML kinds
            verb(doc, run)
        del doc  # let the document go before the next file is read
    return run.report(), unreadable


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
