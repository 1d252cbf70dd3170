"""Reading a family file: the family with its company applied, as one
:class:`~dualladder.model.Ladder`.

The family file is validated as written (:class:`FamilyFile`), its company file read (once per
run, through a :class:`CompanyCache`), then the two are merged: the company's organisation,
currency, scale and policy, the family's tracks and crossover, each level's band after the
family's differential. The merged ladder runs through the same validators and rules as any
ladder; its :class:`FamilySource` places every finding in the file where the value is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from dualladder.company.model import Company, FamilyFile, Zone, scale_band, zone_level_band
from dualladder.company.reader import CompanyCache, CompanyResult, relative_to
from dualladder.company.registry import COMPANY_LOAD, placed_findings
from dualladder.company.source import FamilySource
from dualladder.findings import Finding
from dualladder.loader import LoadResult, Parsed, _error_finding
from dualladder.model import Band, Ladder, Level, Policy, Rung, Track

__all__ = ["COMPANY_ONLY", "INHERITED_KEYS", "FamilyContext", "FamilyLink", "family_band",
           "read_family", "zone_band", "zoned_ladder"]


@dataclass(slots=True)
class FamilyContext:
    """What the load-time company rules (DL503, DL504) look at: one family file as written and
    what its ``company`` reference gave."""

    parsed: Parsed
    file: FamilyFile | None
    ref: str | None
    target: Path | None
    result: CompanyResult | None


@dataclass(frozen=True, slots=True)
class FamilyLink:
    """What ties an applied family ladder to its company: the company, the family file as
    written, and where each value stands."""

    company: Company
    file: FamilyFile
    source: FamilySource


def _merge_policy(company: Policy, family: Policy | None) -> Policy:
    """The company's policy with every key the family writes replaced by the family's: a copy
    that shares nothing with the company's, so an edit of one family's policy is not an edit
    of the company's."""
    update = {} if family is None else {
        name: getattr(family, name) for name in family.model_fields_set
    }
    return company.model_copy(update=update, deep=True)


def family_band(company: Company, file: FamilyFile, level_id: str) -> Band | None:
    """The band a family pays on a level (base zone): the family's own level ``pay`` where it
    writes one, else the company's band after the family's differential."""
    override = file.level_override(level_id)
    if override is not None and override[1].pay is not None:
        return override[1].pay
    return differential_band(company, file, level_id)


def differential_band(company: Company, file: FamilyFile, level_id: str) -> Band | None:
    """The company's band of a level after the family's differential (none: the company's)."""
    base = company.band(level_id)
    found = file.differential(level_id)
    if found is None:
        return base
    differential = found[1]
    if differential.pay is not None:
        return differential.pay
    assert differential.factor is not None
    return scale_band(base, differential.factor) if base is not None else None


def zone_level_family_band(company: Company, file: FamilyFile, level_id: str,
                           zone: Zone) -> Band | None:
    """A family's band of a level in ``zone``.

    A differential with its own band gives its band in the zone (``zones``), else its band
    times the zone's factor; otherwise the company's zone band, times the differential's
    factor if there is one. (A family's own level ``pay`` without a differential is a DL501
    finding and does not carry into zones.)
    """
    found = file.differential(level_id)
    differential = found[1] if found else None
    if differential is not None and differential.pay is not None:
        explicit = differential.zones.get(zone.id)
        if explicit is not None:
            return explicit
        if zone.factor is None:
            return None
        return scale_band(differential.pay, zone.factor, zone.round_to)
    level = company.level(level_id)
    band = zone_level_band(zone, level_id, level.pay if level else None)
    if band is not None and differential is not None and differential.factor is not None:
        band = scale_band(band, differential.factor, zone.round_to)
    return band


def zone_band(ladder: Ladder, rung: Rung, zone: str) -> Band | None:
    """A rung's band in ``zone``: its own band times the zone's factor, else its level's band
    in the zone. KeyError for a zone the company does not have; ValueError for a ladder that
    is not a job family of a company."""
    link = ladder.company_link
    if not isinstance(link, FamilyLink):
        raise ValueError(f"{ladder.family} is not a job family of a company: it has no zones")
    found = link.company.zone(zone)
    if found is None:
        known = ", ".join(link.company.zone_ids) or "none"
        raise KeyError(f"the company has no zone {zone!r} (zones: {known})")
    if rung.pay is not None and found.factor is not None:
        return scale_band(rung.pay, found.factor, found.round_to)
    return zone_level_family_band(link.company, link.file, rung.level, found)


def zoned_ladder(ladder: Ladder, link: FamilyLink, zone: Zone) -> Ladder:
    """A copy of the family ladder with every band as paid in ``zone``, in the zone's currency
    (built without validation: every band in it is derived from validated bands)."""
    company, file = link.company, link.file
    levels = [
        level.model_copy(update={"pay": zone_level_family_band(company, file, level.id, zone)})
        for level in ladder.levels
    ]
    tracks: dict[str, Track] = {}
    for key, track in ladder.tracks.items():
        rungs = [
            rung if rung.pay is None else rung.model_copy(update={
                "pay": scale_band(rung.pay, zone.factor, zone.round_to)
                if zone.factor is not None else None
            })
            for rung in track.rungs
        ]
        tracks[key] = track.model_copy(update={"rungs": rungs})
    fields = dict(ladder.__dict__)
    fields.update(levels=levels, tracks=tracks, currency=company.zone_currency(zone))
    copy = Ladder.model_construct(**fields)
    copy._source = ladder._source
    copy._company = ladder._company
    return copy


# -- reading --------------------------------------------------------------------------------------


def _company_result(parsed: Parsed, ref: Any, companies: CompanyCache
                    ) -> tuple[Path | None, CompanyResult | None]:
    if not isinstance(ref, str) or not ref:
        return None, None
    target = relative_to(parsed.source.name, ref)
    return target, companies.get(target)


def read_family(parsed: Parsed, companies: CompanyCache | None = None) -> LoadResult:
    """Read a parsed family file with its company applied (see the module docstring)."""
    from dualladder.company import rules as _rules  # noqa: F401  (registers DL503, DL504)

    companies = companies if companies is not None else CompanyCache()
    smap, data = parsed.source, parsed.data
    assert data is not None
    findings: list[Finding] = list(parsed.findings)
    file: FamilyFile | None = None
    try:
        file = FamilyFile.model_validate(data)
    except ValidationError as exc:
        findings.extend(
            _error_finding(err, smap, FamilyFile) for err in exc.errors(include_url=False)
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
    merged = _merged(file, company)
    try:
        ladder = Ladder.model_validate(merged)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            where, loc = source.origin(tuple(err["loc"]))
            moved = dict(err)
            moved["loc"] = loc
            root = FamilyFile if where is source else Company
            findings.append(_error_finding(moved, where, root))
        return LoadResult(None, sorted(findings), smap)
    ladder._source = source
    ladder._company = FamilyLink(company, file, source)
    return LoadResult(ladder, [], source)  # one map of the file: its tree is composed once


#: Ladder keys a family inherits from its company (or merges with it); every other key of the
#: ladder format is the family's own and passes through as written. Saving a family
#: (:mod:`dualladder.company.save`) takes the merge apart along the same line.
INHERITED_KEYS = frozenset({"dualladder", "organization", "currency", "effective", "policy",
                            "levels"})
#: Inherited keys a family may repeat but not change (pay by location is a zone, not a family
#: currency).
COMPANY_ONLY = ("organization", "currency")


def _merged(file: FamilyFile, company: Company) -> dict[str, Any]:
    levels: list[Level] = []
    for level in company.levels:
        override = file.level_override(level.id)
        update: dict[str, Any] = {}
        if override is not None:
            update = {k: getattr(override[1], k) for k in override[1].model_fields_set
                      if k != "id"}
        band = family_band(company, file, level.id)
        # copies: a family's level (and a band it inherits) shares nothing with the company's,
        # so an edit of one family's level is not an edit of the company's (the other fields
        # of a level are text or flags; its steps are copied one by one)
        update["pay"] = band.model_copy() if band is not None else None
        if "steps" not in update and level.steps is not None:
            update["steps"] = [step.model_copy() for step in level.steps]
        levels.append(level.model_copy(update=update))
    merged: dict[str, Any] = {
        "dualladder": 1,
        "organization": company.organization,
        "currency": file.currency or company.currency,
        "effective": file.effective or company.effective,
        "policy": _merge_policy(company.policy, file.policy),
        "levels": levels,
    }
    for name in Ladder.model_fields:
        if name not in INHERITED_KEYS:
            merged[name] = getattr(file, name)
    return merged


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
