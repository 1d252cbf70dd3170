"""``load_company``: a company file and the job families that name it, for scripts."""

from __future__ import annotations

import os
from pathlib import Path

from dualladder._internal.io.company.read import CompanyCache, build_company, relative_to
from dualladder._internal.io.parse import COMPANY_KEY, parse
from dualladder._internal.io.read import build
from dualladder._internal.io.walk import ladder_files
from dualladder._internal.model.company import Company
from dualladder._internal.model.family import FamilyLink
from dualladder._internal.model.ladder import Ladder
from dualladder._internal.util.findings import Finding, LadderError

__all__ = ["load_company"]


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
    given = Path(path)
    folder = given if given.is_dir() else given.parent
    cache = CompanyCache()
    failed: dict[str, list[Finding]] = {}
    families: dict[str, list[Ladder]] = {}
    found: list[str] = []
    for file in _files(folder):
        key = cache.key(file)
        known = cache.results.get(key)
        if known is not None and known.is_company and known.error is None:
            found.append(key)
            continue
        parsed = parse(file)
        if parsed.data is not None and COMPANY_KEY in parsed.data:
            cache.put(file, build_company(parsed))
            found.append(key)
            continue
        if parsed.data is None or "company" not in parsed.data:
            continue  # not a family (a standalone ladder, or not YAML): not this company's
        result = build(parsed, cache)
        if result.ladder is None:
            ref = parsed.data.get("company")
            if isinstance(ref, str) and ref:
                target = cache.key(relative_to(parsed.source.name, ref))
                failed.setdefault(target, []).extend(result.findings)
            continue
        link = result.ladder.company_link
        assert isinstance(link, FamilyLink)
        families.setdefault(cache.key(link.source.company_map.name), []).append(result.ladder)
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
