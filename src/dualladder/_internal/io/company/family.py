"""Reading a family file: the family with its company applied, as one
:class:`~dualladder._internal.model.ladder.Ladder`.

The family file is validated as written (:class:`FamilyFile`), its company file read (once per
run, through a :class:`CompanyCache`), the load-time company rules run (DL504, DL503,
:mod:`~dualladder._internal.io.company.load_rules`), then the two are merged
(:func:`~dualladder._internal.model.family.merged`). The merged ladder runs through the same
validators and rules as any ladder; its :class:`FamilySource` places every finding in the file
where the value is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from dualladder._internal.io.company import load_rules  # noqa: F401  (registers DL503, DL504)
from dualladder._internal.io.company.read import CompanyCache, CompanyResult, relative_to
from dualladder._internal.io.company.registry import COMPANY_LOAD, FamilyContext, placed_findings
from dualladder._internal.io.parse import LoadResult, Parsed, error_finding
from dualladder._internal.model.company import Company, FamilyFile
from dualladder._internal.model.family import COMPANY_ONLY, FamilyLink, merged
from dualladder._internal.model.family_edits import follow
from dualladder._internal.model.family_source import FamilySource
from dualladder._internal.model.ladder import Ladder
from dualladder._internal.util.findings import Finding

__all__ = ["read_family"]


def _company_result(parsed: Parsed, ref: Any, companies: CompanyCache
                    ) -> tuple[Path | None, CompanyResult | None]:
    if not isinstance(ref, str) or not ref:
        return None, None
    target = relative_to(parsed.source.name, ref)
    return target, companies.get(target)


def read_family(parsed: Parsed, companies: CompanyCache | None = None) -> LoadResult:
    """Read a parsed family file with its company applied (see the module docstring)."""
    companies = companies if companies is not None else CompanyCache()
    smap, data = parsed.source, parsed.data
    assert data is not None
    findings: list[Finding] = list(parsed.findings)
    file: FamilyFile | None = None
    try:
        file = FamilyFile.model_validate(data)
    except ValidationError as exc:
        findings.extend(
            error_finding(err, smap, FamilyFile) for err in exc.errors(include_url=False)
        )
    target, result = _company_result(parsed, data.get("company"), companies)
    context = FamilyContext(parsed, file, data.get("company"), target, result)
    findings.extend(placed_findings(COMPANY_LOAD, "DL504", context))
    company = result.company if result is not None else None
    if company is None or file is None:
        return LoadResult(None, sorted(findings), smap)
    findings.extend(placed_findings(COMPANY_LOAD, "DL503", context))
    findings.extend(_same_as_company(parsed, file, company))
    findings.extend(_differential_zones(parsed, file, company))
    if findings:
        return LoadResult(None, sorted(findings), smap)
    assert result is not None
    source = FamilySource.of(smap, result.source, file, company, frozenset(data))
    data_merged = merged(file, company)
    try:
        ladder = Ladder.model_validate(data_merged)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            where, loc = source.origin(tuple(err["loc"]))
            moved = dict(err)
            moved["loc"] = loc
            root = FamilyFile if where is source else Company
            findings.append(error_finding(moved, where, root))
        return LoadResult(None, sorted(findings), smap)
    ladder.set_origin(source, FamilyLink(company, file, source))
    follow(ladder)  # its bands follow edits; an edit its file cannot hold is refused
    return LoadResult(ladder, [], source)  # one map of the file: its tree is composed once


def _same_as_company(parsed: Parsed, file: FamilyFile, company: Company) -> Iterator[Finding]:
    """``organization`` and ``currency`` are the company's: a family may repeat them, not
    change them (pay by location is a zone, not a family currency)."""
    for key in COMPANY_ONLY:
        mine, theirs = getattr(file, key), getattr(company, key)
        if mine is not None and mine != theirs:
            line, column = parsed.source.locate((key,))
            yield Finding(
                parsed.source.name, line, column, "DL002", "error",
                f"{key}: the family says {mine!r} but its company says {theirs!r}; "
                f"leave `{key}` out, a family inherits it",
                (key,),
            )


def _differential_zones(parsed: Parsed, file: FamilyFile, company: Company
                        ) -> Iterator[Finding]:
    known = company.zone_ids
    for index, differential in enumerate(file.differentials):
        for zone in differential.zones:
            if zone not in known:
                loc = ("differentials", index, "zones", zone)
                line, column = parsed.source.locate(loc, key=True)
                yield Finding(
                    parsed.source.name, line, column, "DL002", "error",
                    f"differentials[{index}].zones: the company has no zone {zone!r} "
                    f"(zones: {', '.join(known) or 'none'})",
                    loc,
                )
