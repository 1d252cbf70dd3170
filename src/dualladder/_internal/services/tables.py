"""Tidy tables of what analysts tabulate (``dualladder.tables``): every rung's band in every pay
zone, the postings, findings, and the audit's rungs, categories and organisation indicators.

Each is a :class:`~dualladder._internal.util.tables.Table` of flat snake_case columns named as
the command line's JSON and CSV name them (nested JSON keys joined with ``_``:
``compa_ratio_median``, ``quartiles_1_women``), with exact numbers (``Decimal``) where the JSON
rounds them; :meth:`Table.to_pandas` gives a DataFrame. The audit's tables are its ``--format
json`` document (:func:`dualladder._internal.services.audit.reporters.document`) flattened, so a
figure a published report does not show is None here too.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from dualladder._internal.model.audit import AuditReport
from dualladder._internal.model.company import Company, Zone
from dualladder._internal.model.family import link_of
from dualladder._internal.model.ladder import Ladder, Rung
from dualladder._internal.util.findings import Report
from dualladder._internal.util.tables import Table, flatten

__all__ = [
    "BAND_COLUMNS",
    "BAND_SOURCES",
    "audit_categories",
    "audit_indicators",
    "audit_rungs",
    "bands",
    "findings",
    "postings",
]

BAND_COLUMNS = ("family", "track", "track_name", "level", "title", "zone", "currency", "min",
                "mid", "max", "source")
#: What ``source`` of a band says: where its amounts are written.
BAND_SOURCES = {
    "rung": "the rung's own band",
    "level": "its level's band (a standalone ladder)",
    "company": "the company's band of the level (a job family without a differential there)",
    "differential": "the family's differential for the level (a factor of the company's band, "
                    "or its own band and zone bands)",
    "family": "a band the family file writes on the level itself",
    "zone": "the zone's explicit band for the level",
    "withheld": "no band: pay withheld by policy",
}


def _ladders(target: Ladder | Company | Sequence[Ladder]) -> list[Ladder]:
    if isinstance(target, Ladder):
        return [target]
    if isinstance(target, Company):
        return list(target.families)
    return list(target)


def _source(ladder: Ladder, rung: Rung, zone: Zone | None, has_band: bool) -> str | None:
    """Where a rung's band in ``zone`` (None: the base zone) is written (:data:`BAND_SOURCES`),
    in the order the band is looked up (:func:`~dualladder._internal.model.family.family_band`,
    :func:`~dualladder._internal.model.family.zone_level_family_band`)."""
    if not has_band:
        return "withheld" if ladder.pay_withheld(rung) else None
    if rung.pay is not None:
        return "rung"
    link = link_of(ladder)
    if link is None:
        return "level"
    if zone is None:
        own = link.file.level_override(rung.level)
        if own is not None and own[1].pay is not None:
            return "family"
    if link.file.differential(rung.level) is not None:
        return "differential"
    return "zone" if zone is not None and rung.level in zone.bands else "company"


def _band_rows(ladder: Ladder) -> Iterator[dict[str, Any]]:
    link = link_of(ladder)
    zones: list[Zone | None] = [None]
    if link is not None:
        zones.extend(link.company.zones)
    for zone in zones:
        for track, _, rung in ladder.rungs():
            band = ladder.band(rung, zone.id if zone is not None else None)
            yield {
                "family": ladder.family, "track": track, "track_name": ladder.track_name(track),
                "level": rung.level, "title": rung.title,
                "zone": zone.id if zone is not None else None,
                "currency": ladder.currency_of(band) if band is not None else (
                    link.company.zone_currency(zone) if link is not None else ladder.currency),
                "min": band.min if band else None, "mid": band.mid if band else None,
                "max": band.max if band else None,
                "source": _source(ladder, rung, zone, band is not None),
            }


def bands(target: Ladder | Company | Sequence[Ladder]) -> Table:
    """Every rung's band in the base zone and every pay zone of its company: one row per rung
    and zone, in ladder, zone and track order (see ``docs/python-api.md`` for the columns)."""
    return Table.of("bands", BAND_COLUMNS,
                    (row for ladder in _ladders(target) for row in _band_rows(ladder)))


def postings(target: Ladder | Company | Sequence[Ladder], zone: str | None = None) -> Table:
    """The postings ``dualladder postings`` lists (the same columns as its CSV, the values of
    its JSON: the base zone and a missing value None, amounts exact)."""
    from dualladder._internal.model.placement import Scale
    from dualladder._internal.services.postings import COLUMNS
    from dualladder._internal.services.postings import postings as posted

    rows = (
        {"family": p.family, "track": p.track, "track_name": p.track_name, "level": p.level,
         "level_name": p.level_name, "title": p.title, "code": p.code, "zone": p.zone or None,
         "currency": p.currency, "min": p.min, "max": p.max, "note": p.note or None}
        for p in posted(Scale.of(target), zone)
    )
    return Table.of("postings", COLUMNS, rows)


def findings(report: Report) -> Table:
    """The findings of a report, one row each (``Finding.as_dict()``: the keys of ``validate
    --format json``)."""
    columns = ("file", "line", "column", "code", "severity", "message", "path")
    return Table.of("findings", columns, (finding.as_dict() for finding in report))


_SPREAD = ("min", "q1", "median", "q3", "max")
RUNG_COLUMNS = ("family", "level", "level_name", "track", "track_name", "title", "band",
                "withheld", "headcount", *(f"compa_ratio_{k}" for k in _SPREAD),
                *(f"range_penetration_{k}" for k in _SPREAD), "below_min", "above_max",
                "variable_share", "equity_share")


def _document(report: AuditReport) -> dict[str, Any]:
    from dualladder._internal.services.audit.reporters import audit_document

    return audit_document(report, exact=True)


def audit_rungs(report: AuditReport) -> Table:
    """One row per rung of the audit (its ``levels[].rungs[]`` in JSON, with the level's
    ``family``, ``level`` and ``level_name``, and the track's display name in that family, as
    :func:`bands` and :func:`postings` give it)."""
    names = {(row.family, row.level, cell.track): cell.track_name
             for row in report.levels for cell in row.rungs if cell is not None}

    def rows() -> Iterator[dict[str, Any]]:
        for level in _document(report)["levels"]:
            for rung in level["rungs"]:
                name = names.get((level["family"], level["level"], rung["track"]))
                yield {"family": level["family"], "level": level["level"],
                       "level_name": level["name"], "track_name": name, **flatten(rung)}

    return Table.of("audit_rungs", RUNG_COLUMNS, rows())


def _indicator_columns(*, quartiles: bool) -> tuple[str, ...]:
    from dualladder._internal.services.audit.reporters import READINGS, SHARES

    columns = ["people_women", "people_men", "people_other"]
    columns.extend(reading.key for reading in READINGS)
    columns.extend(f"{key}_{sex}" for key, *_ in SHARES for sex in ("women", "men"))
    if quartiles:
        columns.extend(f"quartiles_{n}_{key}" for n in range(1, 5) for key in (
            "people", "women", "men", "other", "share_women", "share_men", "share_other"))
    return tuple(columns)


def audit_categories(report: AuditReport) -> Table:
    """One row per category of workers (a level, across its tracks) and currency: the
    ``pay[].categories[]`` of the JSON, flattened (``family`` is None on a company's shared
    scale, where JSON writes ``""``)."""
    def rows() -> Iterator[dict[str, Any]]:
        for group in _document(report)["pay"]:
            for category in group["categories"]:
                values = dict(category)
                values.pop("quartiles", None)  # categories have none (null in JSON)
                name = values.pop("name")
                yield {"currency": group["currency"], **flatten(values),
                       "family": category["family"] or None, "level_name": name}

    columns = ("currency", "family", "level", "level_name", *_indicator_columns(quartiles=False))
    return Table.of("audit_categories", columns, rows())


def audit_indicators(report: AuditReport) -> Table:
    """The organisation's indicators, one row per currency it pays in (the ``pay[].
    organisation`` of the JSON, flattened; the pay quarters as ``quartiles_1_people`` ...
    ``quartiles_4_share_other``). Its indicator columns are the categories' (same names)."""
    rows = ({"currency": group["currency"], **flatten(group["organisation"])}
            for group in _document(report)["pay"])
    return Table.of("audit_indicators", ("currency", *_indicator_columns(quartiles=True)), rows)
