"""The company rules across families and zones: DL501, DL502, DL505, and the company file's
translations, DL506, in :data:`COMPANY`.

They look across the families and zones of one company
(:mod:`dualladder._internal.services.check.company` runs them). DL503 and DL504 are checked
while a family file is read (a family whose company cannot be applied is not a ladder):
:mod:`dualladder._internal.io.company.load_rules`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from dualladder._internal.io.company.registry import Placed
from dualladder._internal.model.company import Company
from dualladder._internal.model.family import FamilyLink, differential_band
from dualladder._internal.model.ladder import Band, Ladder, format_amount
from dualladder._internal.model.money import gap, percent
from dualladder._internal.util.findings import Loc
from dualladder._internal.util.registry import Registry
from dualladder._internal.util.textsafe import cut
from dualladder._internal.yaml.source import SourceMap

__all__ = ["COMPANY", "CompanyContext"]


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


#: DL501, DL502, DL505: a company, its zones and its families.
COMPANY: Registry[CompanyContext, Placed] = Registry("company")


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


# -- the company file's own text in other languages: DL506 ----------------------------------------


@COMPANY.rule("DL506")
def company_translation(ctx: CompanyContext) -> Iterator[Placed]:
    """Every level name of a company is translated into each language the company file
    translates into, and a translation names levels the company has.

    A company file's `translations.<language>.levels` give its level names in other
    languages (docs/format.md, "Translations"); its job families translate their own texts
    (tracks, rungs: DL117, DL118). For each language there, each level that has a `name`
    needs its translation (one finding at the level's name), and each level the translation
    names must be a level of the company (one finding at the translation).

    Why it matters: every family's pages in that language show the level names; one left in
    the company file's own language shows on every page of every family.

    How to fix: add the name under `translations.<language>.levels.<level id>.name`, or remove
    the translation of a level the company no longer has.

    ```yaml
    levels:
      - {id: L5, name: Career}
      - {id: L6, name: Advanced}           # DL506: no `de` name
    translations:
      de:
        levels:
          L5: {name: Karrierestufe}
          L9: {name: Fellow}               # DL506: L9 is not a level of the company
    ```
    """
    company = ctx.company
    if not ctx.company_file or "DL506" in company.policy.ignore:
        return
    ids = set(company.level_ids)
    for tag, text in company.translations.items():
        for index, level in enumerate(company.levels):
            found = text.levels.get(level.id)
            if level.name and (found is None or found.name is None):
                yield Placed(ctx.source, ("levels", index, "name"),
                             f"no {tag} translation of the name {cut(level.name)!r} of level "
                             f"{cut(level.id)}: {tag} pages show it in the file's own language")
        for level_id in text.levels:
            if level_id not in ids:
                yield Placed(ctx.source, ("translations", tag, "levels", level_id),
                             f"translations.{tag}: level {cut(level_id)} is not a level of the "
                             "company")
