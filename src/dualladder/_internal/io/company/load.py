"""``load_company``: a company file and the job families that name it, for scripts."""

from __future__ import annotations

import os
from pathlib import Path

from dualladder._internal.io.company.read import CompanyCache
from dualladder._internal.io.documents import Unreadable, collect
from dualladder._internal.io.walk import ladder_files
from dualladder._internal.model.company import Company
from dualladder._internal.model.ladder import Ladder
from dualladder._internal.util.findings import Finding, LadderError
from dualladder._internal.util.kind_keys import COMPANY_KEY

__all__ = ["load_company", "read_company_folder"]


def _files(folder: Path) -> list[Path]:
    return list(ladder_files([folder]))


def load_company(path: str | os.PathLike[str]) -> Company:
    """Read a company with its job families.

    ``path`` is a company file, or a folder that holds exactly one company file (searched
    recursively, like ``dualladder validate``). The families are the ladder files below the
    company file's folder whose ``company`` names it, each read with the company applied, in
    file order (:attr:`Company.families`). Raises
    :class:`~dualladder._internal.util.findings.LadderError` with every finding when the company
    file or a family cannot be read (load errors, not rule findings: run :func:`dualladder.check` on
    the company for those), ``OSError`` when a file cannot be read at all, and ``ValueError`` for a
    folder without exactly one company file.
    """
    return read_company_folder(path, CompanyCache())


def read_company_folder(path: str | os.PathLike[str], cache: CompanyCache) -> Company:
    """:func:`load_company`, with the company files a run has read already (``cache``: a
    company file given to the run is not read again)."""
    given = Path(path)
    folder = given if given.is_dir() else given.parent
    failed: dict[str, list[Finding]] = {}
    families: dict[str, list[Ladder]] = {}
    found: list[str] = []
    for doc in collect(_files(folder), cache=cache, max_bytes=cache.max_bytes):
        if isinstance(doc, Unreadable):
            raise doc.error
        if doc.company_key is None:
            continue  # a standalone ladder, a plan, not YAML, or a family of no company read
        if doc.kind == "company":
            found.append(doc.company_key)
        elif doc.ladder is not None:  # a family, read with its company applied
            families.setdefault(doc.company_key, []).append(doc.ladder)
        else:
            failed.setdefault(doc.company_key, []).extend(doc.findings)
    if given.is_dir():
        companies = sorted(set(found))
        if len(companies) != 1:
            shown = ", ".join(companies) or "none"
            raise ValueError(f"{os.fspath(path)}: a folder with exactly one company file is "
                             f"needed, found {len(companies)} ({shown})")
        key = companies[0]
    else:
        key = cache.key(given)
        if key not in cache.results:
            cache.get(given)
    found_company = cache.results[key]
    if found_company.error is not None:
        raise OSError(f"{os.fspath(path)}: cannot read: {found_company.error}")
    company = found_company.company
    if company is None:
        if not found_company.findings:
            raise LadderError([Finding(os.fspath(path), 1, 1, "DL002", "error",
                                       f"not a company file: it lacks `{COMPANY_KEY}: 1`")])
        raise LadderError([*found_company.findings, *failed.get(key, [])])
    if failed.get(key):
        raise LadderError(failed[key])
    company.set_families(tuple(families.get(key, [])))
    return company
