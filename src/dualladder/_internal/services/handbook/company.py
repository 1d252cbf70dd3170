"""The company handbook: one site for a whole company.

The site holds the company's own pages (an index of families, the shared scale and the zones;
one page per level with every family's rungs on it side by side; the pay bands in every zone)
and, in a folder of its own, every family's handbook as
:mod:`dualladder._internal.services.handbook.render` renders it, with a link back to the company and
its pay in every zone. The Markdown site comes with a navigation file for MkDocs
(``mkdocs-nav.yml``) that lists the levels in the order of the scale, which MkDocs' own alphabetical
order would not (``level-l10`` before ``level-l3``).

Everything a template prints is computed here, in a fixed order (families in file order,
levels in the scale's order), so the output is deterministic.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment

from dualladder._internal.model.company import Company, Zone
from dualladder._internal.model.family import link_of
from dualladder._internal.model.ladder import MANAGEMENT, TECHNICAL, Ladder
from dualladder._internal.services.handbook.engine import (
    Nav,
    Written,
    build_files,
    marker_text,
    render_languages,
    render_page,
    template_source,
)
from dualladder._internal.services.handbook.errors import MARKER
from dualladder._internal.services.handbook.languages import inside
from dualladder._internal.services.handbook.nav import NAV_FILE, handbook_nav
from dualladder._internal.services.handbook.site import build_handbook
from dualladder._internal.services.handbook.text import PALETTE, slugify
from dualladder._internal.services.handbook.views import (
    BandView,
    Format,
    Handbook,
    ScaleLevel,
    SiteView,
    UpLink,
    ZoneTable,
)
from dualladder._internal.services.handbook.zones import TIMES, band_view, zone_table, zone_tables
from dualladder._internal.services.translations import company_in
from dualladder._internal.util import i18n
from dualladder._internal.util.escape import clean_text
from dualladder._internal.util.findings import Finding, Report
from dualladder._internal.util.i18n import date_text, gettext

__all__ = [
    "NAV_FILE",
    "CompanySite",
    "build_company_site",
    "company_files",
    "company_nav",
    "render_company",
]

# -- views ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DifferentialView:
    level: str
    #: ``x 1.06`` (with a multiplication sign) or ``own band USD 175,000 - 228,000``
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class FamilyView:
    name: str
    slug: str
    #: the family's overview page, from the company pages: ``data/index.html``
    href: str
    tracks: list[tuple[str, str]]
    """(track name, span) in track order."""
    rungs: int
    differentials: list[DifferentialView]
    errors: int
    warnings: int
    ladder: Ladder


@dataclass(frozen=True, slots=True)
class RungCell:
    title: str
    href: str
    color: str


@dataclass(frozen=True, slots=True)
class LevelRow:
    """One family on a level page: its rung on each column track, and its band there."""

    family: FamilyView
    cells: list[RungCell | None]
    band: BandView | None
    #: the family's differential on this level, if any
    differential: DifferentialView | None


@dataclass(frozen=True, slots=True)
class ZoneBand:
    zone: str
    band: BandView | None


@dataclass(frozen=True, slots=True)
class CompanyLevel(ScaleLevel):
    id: str
    name: str | None
    slug: str
    href: str
    base: BandView | None
    zones: list[ZoneBand]
    rows: list[LevelRow]
    previous: CompanyLevel | None = field(default=None, compare=False, repr=False)
    next: CompanyLevel | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class ZonePayRow:
    level: str
    href: str
    band: BandView | None
    #: families that pay this level differently in the zone: (family, band)
    exceptions: list[tuple[FamilyView, BandView | None]]


#: The company's bands in one zone (its base bands are the first table), highest level first.
ZonePay = ZoneTable[ZonePayRow]


@dataclass(frozen=True, slots=True)
class CompanyFinding:
    file: str
    code: str
    severity: str
    message: str


@dataclass(frozen=True, slots=True)
class CompanyPage:
    kind: Literal["company", "company-level", "company-pay"]
    template: str
    file: str
    title: str
    label: str
    level: CompanyLevel | None = None


@dataclass(frozen=True, slots=True)
class CompanySite(SiteView[CompanyPage, CompanyLevel, CompanyFinding]):
    format: Format
    suffix: str
    organization: str
    effective: str | None
    currency: str | None
    families: list[FamilyView]
    #: lowest first
    levels: list[CompanyLevel]
    zones: list[ZonePay]
    #: the track columns of the level pages: (key, name, colour)
    columns: list[tuple[str, str, str]]
    pages: list[CompanyPage]
    findings: list[CompanyFinding]
    checked: bool
    company: Company

    @property
    def level_pages(self) -> list[CompanyPage]:
        return [p for p in self.pages if p.kind == "company-level"]


# -- building -------------------------------------------------------------------------------------


def _differential_text(company: Company, ladder: Ladder) -> dict[str, DifferentialView]:
    link = ladder.company_link
    out: dict[str, DifferentialView] = {}
    for found in ladder.differentials if link is not None else []:
        if found.factor is not None:
            text = f"{TIMES} {i18n.decimal_text(f'{found.factor.normalize():f}')}"
        else:
            assert found.pay is not None
            shown = BandView.of(found.pay, found.pay.currency or company.currency, "level")
            text = gettext("own band %(range)s") % {"range": shown.range}
        out[found.level] = DifferentialView(clean_text(found.level), text,
                                            clean_text(found.reason))
    return out


def _family_findings(report: Report, ladder: Ladder) -> list[Finding]:
    own = ladder.source.name if ladder.source is not None else None
    prefix = f"{ladder.family}: "
    return [f for f in report if f.file == own or f.message.startswith(prefix)]


def build_company_site(company: Company, fmt: Format, report: Report | None = None, *,
                       folders: Company | None = None
                       ) -> tuple[CompanySite, list[tuple[FamilyView, Handbook]]]:
    """The company's own pages, and each family's handbook (in its folder). ``folders``: the
    company whose family names name the folders (the file's own, when ``company`` is a copy in
    another language: every language's site has the same paths)."""
    suffix = ".md" if fmt == "markdown" else ".html"
    findings = list(report) if report is not None else []
    used: set[str] = {"style", "index", "pay"}
    families: list[FamilyView] = []
    handbooks: list[tuple[FamilyView, Handbook]] = []
    named = [f.family for f in (folders or company).families]
    for number, ladder in enumerate(company.families, start=1):
        slug = slugify(named[number - 1], used, f"family-{number}")
        own = _family_findings(report, ladder) if report is not None else []
        handbook = build_handbook(ladder, fmt, own, checked=report is not None)
        view = FamilyView(
            name=clean_text(ladder.family), slug=slug, href=f"{slug}/index{suffix}",
            tracks=[(t.name, t.span) for t in handbook.tracks],
            rungs=sum(len(t.rungs) for t in handbook.tracks),
            differentials=list(_differential_text(company, ladder).values()),
            errors=sum(1 for f in own if f.severity == "error"),
            warnings=sum(1 for f in own if f.severity == "warning"),
            ladder=ladder,
        )
        handbook = dataclasses.replace(
            handbook, up=UpLink(clean_text(company.organization), f"../index{suffix}"),
            zones=zone_tables(handbook),
        )
        families.append(view)
        handbooks.append((view, handbook))
    columns = _columns(company)
    used_levels: set[str] = set()
    levels: list[CompanyLevel] = []
    for number, level in enumerate(company.levels, start=1):
        slug = slugify(level.id, used_levels, str(number))
        levels.append(CompanyLevel(
            id=clean_text(level.id), name=clean_text(level.name) if level.name else None,
            slug=slug, href=f"level-{slug}{suffix}",
            base=band_view(level.pay, company.currency),
            zones=[ZoneBand(clean_text(z.label),
                            band_view(company.band(level.id, zone=z.id), company.zone_currency(z)))
                   for z in company.zones],
            rows=[_level_row(company, view, hb, level.id, columns)
                  for view, hb in handbooks if level.id in hb.ladder.level_ids],
        ))
    CompanyLevel.link(levels)
    organization = clean_text(company.organization)
    pages = [
        CompanyPage("company", "company", f"index{suffix}",
                    gettext("%(organization)s: careers") % {"organization": organization},
                    gettext("Overview")),
        CompanyPage("company-pay", "company-pay", f"pay{suffix}",
                    gettext("%(organization)s: pay by zone") % {"organization": organization},
                    gettext("Pay by zone")),
        *(CompanyPage("company-level", "company-level", lv.href,
                      gettext("Level %(level)s") % {"level": lv.label},
                      lv.label, level=lv) for lv in levels),
    ]
    site = CompanySite(
        format=fmt, suffix=suffix, organization=organization,
        effective=date_text(company.effective) if company.effective else None,
        currency=company.currency, families=families, levels=levels,
        zones=_zone_pay(company, families, levels), columns=columns, pages=pages,
        findings=[CompanyFinding(clean_text(Path(f.file).name), f.code, f.severity,
                                 clean_text(f.message)) for f in findings],
        checked=report is not None, company=company,
    )
    return site, handbooks


def _columns(company: Company) -> list[tuple[str, str, str]]:
    """The track columns of the level pages: management, technical, then any further track
    key in the order the families first use it."""
    keys = [MANAGEMENT, TECHNICAL]
    for ladder in company.families:
        keys.extend(key for key in ladder.tracks if key not in keys)
    out = []
    for number, key in enumerate(keys):
        color = PALETTE[number % len(PALETTE)][0]
        out.append((key, gettext("Management") if key == MANAGEMENT else (
            gettext("Technical") if key == TECHNICAL
            else clean_text(key.replace("_", " ").title())),
            color))
    return out


def _level_row(company: Company, view: FamilyView, handbook: Handbook, level_id: str,
               columns: list[tuple[str, str, str]]) -> LevelRow:
    found = next((lv for lv in handbook.levels if lv.id == clean_text(level_id)), None)
    by_track = {cell.track: cell for cell in (found.rungs if found else [])}
    cells: list[RungCell | None] = []
    for key, _, color in columns:
        cell = by_track.get(key)
        # Markdown links carry no anchor: heading ids depend on the Markdown processor
        if cell is None:
            cells.append(None)
            continue
        anchor = "" if handbook.format == "markdown" else f"#{cell.anchor}"
        cells.append(RungCell(cell.title, f"{view.slug}/{cell.track_href}{anchor}", color))
    ladder = handbook.ladder
    level = ladder.level(level_id)
    return LevelRow(view, cells, band_view(level.pay if level else None, company.currency),
                    _differential_text(company, ladder).get(level_id))


def _zone_pay(company: Company, families: list[FamilyView], levels: list[CompanyLevel]
              ) -> list[ZonePay]:
    """The base bands and each zone's, with the families that pay a level differently."""
    out: list[ZonePay] = []
    used: set[str] = set()
    zones: list[Zone | None] = [None, *company.zones]
    for number, zone in enumerate(zones, start=1):
        currency = company.currency if zone is None else company.zone_currency(zone)
        rows: list[ZonePayRow] = []
        for level, view in zip(reversed(company.levels), reversed(levels), strict=True):
            base = company.band(level.id, zone=None if zone is None else zone.id)
            exceptions: list[tuple[FamilyView, BandView | None]] = []
            for family in families:
                link = link_of(family.ladder)
                if link is None or link.file.differential(level.id) is None:
                    continue
                if zone is None:
                    own = family.ladder.level(level.id)
                    band = own.pay if own is not None else None
                else:
                    from dualladder._internal.model.family import zone_level_family_band

                    band = zone_level_family_band(company, link.file, level.id, zone)
                exceptions.append((family, band_view(band, currency)))
            rows.append(ZonePayRow(view.id, view.href, band_view(base, currency), exceptions))
        out.append(zone_table(zone, number, used, currency, rows))
    return out


# -- files ----------------------------------------------------------------------------------------


def company_nav(site: CompanySite, handbooks: Sequence[tuple[FamilyView, Handbook]],
                prefix: str = "") -> Nav:
    """The site's pages for MkDocs' ``nav`` (``mkdocs-nav.yml``), levels in scale order, each
    path after ``prefix`` (``--nav-prefix``)."""
    families = [{view.name: handbook_nav(handbook, f"{prefix}{view.slug}/")}
                for view, handbook in handbooks]
    nav: list[dict[str, Any]] = [
        {gettext("Overview"): prefix + site.page("company").file},
        {gettext("Pay by zone"): prefix + site.page("company-pay").file},
        {gettext("Levels"): [{lv.label: prefix + lv.href} for lv in site.levels]},
        {gettext("Families"): families},
    ]
    return {site.organization: nav}


def company_files(site: CompanySite, handbooks: Sequence[tuple[FamilyView, Handbook]],
                  envs: Mapping[str, Environment]) -> dict[str, bytes]:
    """Every file of the company site but its navigation file: name (``index.html``,
    ``data/pay.html``) -> bytes."""
    fmt = site.format
    files: dict[str, bytes] = {}
    for page in site.pages:
        context: dict[str, Any] = {"site": site, "company": site.company, "page": page,
                                   "format": fmt}
        if page.level is not None:
            context["level"] = page.level
        files[page.file] = render_page(envs, fmt, page.template, context).encode("utf-8")
    for view, handbook in handbooks:
        with inside(view.slug):
            family_files = build_files(handbook, envs)
        for name, data in family_files.items():
            if name != MARKER:
                files[f"{view.slug}/{name}"] = data
    if fmt != "markdown":
        files["style.css"] = template_source(envs["html"], "html/style.css").encode("utf-8")
    files[MARKER] = marker_text(fmt, "company handbook").encode()
    return files


def render_company(
    company: Company,
    out_dir: str | os.PathLike[str],
    *,
    fmt: Format,
    templates: str | os.PathLike[str] | None,
    allow_invalid: bool,
    checked: Report | None = None,
    nav_prefix: str = "",
    locale: str | Sequence[str] | None = None,
) -> Written:
    """See :func:`dualladder._internal.services.handbook.render.render` (with a company).
    ``checked``: the company's report, when the caller has just checked it. ``locale``: as
    :func:`~dualladder._internal.services.handbook.engine.render_handbook`'s (the default is
    the company file's ``locale:``)."""

    def check() -> Report:
        from dualladder._internal.services.check.company import check_company

        return check_company(company)

    def build(report: Report, envs: Mapping[str, Environment]) -> tuple[dict[str, bytes], Nav]:
        # the company's own text in the reader's language; the folders named from the
        # file's own family names, so every language's site has the same paths
        site, handbooks = build_company_site(company_in(company, i18n.active())[0], fmt,
                                             report, folders=company)
        return company_files(site, handbooks, envs), company_nav(site, handbooks, nav_prefix)

    return render_languages(out_dir, build, check=check, own_locale=company.locale, fmt=fmt,
                            templates=templates, allow_invalid=allow_invalid, checked=checked,
                            nav_prefix=nav_prefix, locale=locale)
