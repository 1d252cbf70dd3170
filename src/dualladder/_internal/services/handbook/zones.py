"""A job family's pay in each of its company's zones, as the handbook shows it."""

from __future__ import annotations

from dualladder._internal.model.company import Zone
from dualladder._internal.model.family import FamilyLink
from dualladder._internal.model.ladder import Band
from dualladder._internal.services.handbook.text import slugify
from dualladder._internal.services.handbook.views import (
    BandView,
    Handbook,
    RowT,
    ZoneRow,
    ZoneTable,
)
from dualladder._internal.util import i18n
from dualladder._internal.util.escape import clean_text
from dualladder._internal.util.i18n import gettext

__all__ = ["TIMES", "band_view", "zone_basis", "zone_table", "zone_tables"]

TIMES = "\N{MULTIPLICATION SIGN}"


def band_view(band: Band | None, currency: str | None) -> BandView | None:
    """A band as the pages show it (None: no band)."""
    return None if band is None else BandView.of(band, band.currency or currency, "level")


def zone_basis(zone: Zone) -> str:
    """How a zone's bands come about, in words."""
    parts = []
    if zone.factor is not None:
        step = i18n.number(zone.round_to)
        factor = i18n.decimal_text(f"{zone.factor.normalize():f}")
        parts.append(gettext("The base bands %(times)s %(factor)s, rounded to %(step)s")
                     % {"times": TIMES, "factor": factor, "step": step})
    if zone.bands:
        own = ", ".join(clean_text(level) for level in zone.bands)
        parts.append((gettext("its own bands for %(levels)s") if parts
                      else gettext("Its own bands for %(levels)s")) % {"levels": own})
    return "; ".join(parts) + "."


def zone_tables(handbook: Handbook) -> list[ZoneTable[ZoneRow]]:
    """A family handbook's bands in each of its company's zones."""
    ladder = handbook.ladder
    link = ladder.company_link
    if not isinstance(link, FamilyLink):
        return []
    company = link.company
    used: set[str] = set()
    tables: list[ZoneTable[ZoneRow]] = []
    for number, zone in enumerate(company.zones, start=1):
        currency = company.zone_currency(zone)
        rows = [
            ZoneRow(lv.id, lv.href, cell.track_name, cell.title, cell.color,
                    band_view(ladder.band(cell.rung, zone=zone.id), currency))
            for lv in handbook.levels_desc
            for cell in lv.rungs
        ]
        tables.append(zone_table(zone, number, used, currency, rows))
    return tables


def zone_table(zone: Zone | None, number: int, used: set[str], currency: str | None,
               rows: list[RowT]) -> ZoneTable[RowT]:
    """The table of ``zone`` (None: the company's base bands), the ``number``-th on its page
    (its slug unique among ``used``), holding ``rows``."""
    if zone is None:
        label, basis, ident = gettext("Base"), gettext("The company's base bands."), "base"
    else:
        label, basis, ident = clean_text(zone.label), zone_basis(zone), zone.id
    return ZoneTable(ident, slugify(ident, used, str(number)), label, currency, basis, rows)
