"""The company rules: DL501-DL505.

DL503 and DL504 are checked while a family file is read (a family whose company cannot be
applied is not a ladder); DL501, DL502 and DL505 look across the families and zones of one
company (:mod:`dualladder.company.check`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from dualladder.company.family import FamilyContext, FamilyLink, differential_band
from dualladder.company.model import Company
from dualladder.company.registry import COMPANY, COMPANY_LOAD, Placed
from dualladder.findings import Loc
from dualladder.model import Band, Ladder, format_amount
from dualladder.rules.registry import gap, percent
from dualladder.source import SourceMap
from dualladder.textsafe import cut

__all__ = ["CompanyContext"]


@dataclass(slots=True)
class CompanyContext:
    """One company and the job families checked with it (each read with the company applied),
    in file order."""

    company: Company
    families: list[Ladder]
    #: What the rules across families remember between calls, so a run can give them one
    #: family at a time (and let each go once it is checked): the first use of each job code,
    #: the first band stated on each level.
    state: dict[str, Any] = field(default_factory=dict)
    #: Whether to check the company file itself too (DL505 on its zones): once per run.
    company_file: bool = True

    @property
    def source(self) -> SourceMap:
        assert self.company.source is not None
        return self.company.source

    def links(self) -> Iterator[tuple[Ladder, FamilyLink]]:
        for ladder in self.families:
            link = ladder.company_link
            if isinstance(link, FamilyLink):
                yield ladder, link


# -- load time: DL504, DL503 --------------------------------------------------------------------


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


# -- across families: DL501, DL502 ---------------------------------------------------------------


def _differs(a: Band, b: Band, tolerance: Decimal, currency: str | None) -> Decimal | None:
    """The widest relative gap of two bands if above ``tolerance`` (or they are in different
    currencies: 1), else None."""
    if (a.currency or currency) != (b.currency or currency):
        return Decimal(1)
    widest = max(gap(a.min, b.min), gap(a.mid, b.mid), gap(a.max, b.max))
    return widest if widest > tolerance else None


def _text(band: Band, currency: str | None) -> str:
    paid = band.currency or currency
    suffix = f" {paid}" if paid else ""
    return (f"{format_amount(band.min)}-{format_amount(band.max)}{suffix} "
            f"(mid {format_amount(band.mid)})")


@dataclass(frozen=True, slots=True)
class _Stated:
    """A band a family writes for a level: where, whose, and the band."""

    ladder: Ladder
    link: FamilyLink
    loc: Loc
    owner: str
    band: Band


def _stated(ladder: Ladder, link: FamilyLink) -> Iterator[tuple[str, _Stated]]:
    """Every band a family writes itself, by level: its own level `pay`, rungs' own `pay`."""
    for index, level in enumerate(link.file.levels or []):
        if level.pay is not None:
            yield level.id, _Stated(ladder, link, ("levels", index, "pay"),
                                    f"level {level.id}", level.pay)
    for key, track in link.file.tracks.items():
        for index, rung in enumerate(track.rungs):
            if rung.pay is not None:
                yield rung.level, _Stated(ladder, link, ("tracks", key, "rungs", index, "pay"),
                                          f"{cut(rung.title)} ({cut(rung.level)})", rung.pay)


@COMPANY.rule("DL501")
def undeclared_differential(ctx: CompanyContext) -> Iterator[Placed]:
    """A level pays the same band in every job family, unless the family declares a
    differential.

    The company's band of a level is what every family pays on it. A family may pay a level
    differently only by declaring a differential for it (`differentials`: a `factor` of the
    company's band or its own `pay`, and a `reason`); the level's band in that family is then
    the company's band after the differential. Every band a family writes itself (an entry of
    its own `levels` with `pay`, a rung's own `pay`) is compared with that band, field by field,
    with the family's `pay_tolerance`; a band in another currency always differs. Where the
    company states no band for a level, the first family (in file order) that writes one sets
    the band the others are compared with. The finding points at the band the family writes.

    Why it matters: one scale across the company means a level is worth the same wherever it
    is; a family that quietly pays its L6 more (or less) than the others breaks that promise,
    and nobody decided it. A differential is a decision, written down with its reason.

    How to fix: pay the company's band (drop the family's own band and let it inherit), or
    declare a differential for the level with the reason.

    ```yaml
    company: company.yaml          # the company pays L6 175,000-235,000
    family: Data
    differentials:
      - {level: L7, factor: 1.10, reason: market premium for machine learning}
    tracks:
      technical:
        rungs:
          - level: L6
            title: Staff Data Scientist
            pay: {min: 185000, mid: 215000, max: 245000}   # DL501: no differential for L6
    ```
    """
    first: dict[str, _Stated] = ctx.state.setdefault("DL501", {})
    for ladder, link in ctx.links():
        if "DL501" in ladder.policy.ignore:
            continue
        tolerance = ladder.policy.pay_tolerance
        currency = ctx.company.currency
        for level_id, stated in _stated(ladder, link):
            declared = link.file.differential(level_id) is not None
            reference = differential_band(ctx.company, link.file, level_id)
            if reference is not None:
                size = _differs(stated.band, reference, tolerance, currency)
                if size is None:
                    continue
                whose = (f"the family's band of level {level_id} after its differential"
                         if declared else f"the company's band of level {level_id}")
                fix = ("pay the band of the differential, or change the differential"
                       if declared else
                       "pay the company's band, or declare a differential with a reason")
            else:
                seen = first.setdefault(level_id, stated)
                if seen is stated or declared:
                    continue
                size = _differs(stated.band, seen.band, tolerance, currency)
                if size is None:
                    continue
                whose = f"the band {seen.ladder.family} pays on {seen.owner}"
                fix = "pay the same band, or declare a differential with a reason"
            shown = "a different currency" if size == 1 else (
                f"{percent(size)} apart")
            undeclared = "" if declared else ", with no declared differential"
            yield Placed(
                link.source, stated.loc,
                f"{ladder.family}: band of {stated.owner}, {_text(stated.band, currency)}, "
                f"differs from {whose}, "
                f"{_text(reference or first[level_id].band, currency)} ({shown}){undeclared}; "
                f"{fix}",
            )


@COMPANY.rule("DL502")
def job_code_twice(ctx: CompanyContext) -> Iterator[Placed]:
    """A job code names one rung in the whole company.

    The `code` of every rung of every job family of the company is compared (exactly, after
    trimming spaces); the second and every later use of a code is a finding at that `code`,
    naming the rung that used it first. Within one standalone ladder file this rule does not
    apply.

    Why it matters: job codes are how HR systems, job postings and pay reports name a job. Two
    jobs under one code get each other's pay range, headcount and reports.

    How to fix: give each rung its own code (a family prefix is the usual way: `ENG-T5`,
    `DAT-T5`).

    ```yaml
    # engineering.yaml
          - {level: L5, title: Senior Engineer, code: T5}
    # data.yaml
          - {level: L5, title: Senior Data Scientist, code: T5}   # DL502: T5 is taken
    ```
    """
    if "DL502" in ctx.company.policy.ignore:
        return
    first: dict[str, str] = ctx.state.setdefault("DL502", {})
    for ladder, link in ctx.links():
        for key, track in link.file.tracks.items():
            for index, rung in enumerate(track.rungs):
                if rung.code is None:
                    continue
                code = rung.code.strip()
                who = f"{cut(rung.title)} ({cut(rung.level)}) in {cut(ladder.family)}"
                if code not in first:
                    first[code] = who
                    continue
                yield Placed(link.source, ("tracks", key, "rungs", index, "code"),
                             f"job code {code!r} of {who} is already used by {first[code]}; "
                             f"give each rung its own code")


# -- zones: DL505 --------------------------------------------------------------------------------


@COMPANY.rule("DL505")
def zone_without_band(ctx: CompanyContext) -> Iterator[Placed]:
    """Every pay zone gives a band for every level that has a base band.

    A zone's band of a level is its explicit band (`bands`), else the base band times the
    zone's `factor`. A zone with no `factor` must list every level of the scale that has a base
    band. Likewise a family's differential with its own `pay` needs a band in such a zone, in
    the differential's `zones`. The finding points at the zone's `bands` (or at the
    differential).

    Why it matters: a posting in that zone could not show a range, and pay parity in the zone
    could not be checked for that level.

    How to fix: add the level's band to the zone's `bands`, or give the zone a `factor` for the
    levels it does not list.

    ```yaml
    levels:
      - {id: L5, pay: {min: 145000, mid: 170000, max: 195000}}
      - {id: L6, pay: {min: 175000, mid: 205000, max: 235000}}
    zones:
      - id: uk
        currency: GBP
        bands:                     # DL505: no band for L6
          L5: {min: 80000, mid: 94000, max: 108000}
    ```
    """
    company = ctx.company
    if "DL505" in company.policy.ignore:
        return
    for index, zone in enumerate(company.zones if ctx.company_file else ()):
        if zone.factor is not None:
            continue
        missing = [lv.id for lv in company.levels if lv.pay is not None and lv.id not in zone.bands]
        if missing:
            yield Placed(ctx.source, ("zones", index, "bands"),
                         f"zone {zone.label} has no `factor` and no band for "
                         f"{', '.join(missing)}; add their bands or a factor")
    for ladder, link in ctx.links():
        for number, differential in enumerate(link.file.differentials):
            if differential.pay is None:
                continue
            lacking = [z.id for z in company.zones
                       if z.factor is None and z.id not in differential.zones]
            if lacking:
                yield Placed(link.source, ("differentials", number),
                             f"{ladder.family}: the differential for {differential.level} "
                             f"has its own band but none for zone {', '.join(lacking)}, which "
                             f"has no factor; add it under the differential's `zones`")
