"""Diffs of a company file and of a job family file.

A company's scale, zones and policy are compared once, in the company file; a family is compared
by what its own file says (tracks, rungs, crossover, differentials, level overrides, its
``company`` reference). A market adjustment of the company's bands so shows as one change per
band, not one per band and family.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from dualladder._internal.model.company import zone_level_band
from dualladder._internal.services.diff.changes import Change, show, text_or_none
from dualladder._internal.services.diff.ladder import (
    band_change,
    band_details,
    band_text,
    diff_ladders,
    generic,
    level_changes,
    located,
    other_fields,
    signed_percent,
    translation_changes,
)
from dualladder._internal.util.findings import Loc

_ARROW = "\u2192"

if TYPE_CHECKING:
    from dualladder._internal.model.company import Company, FamilyFile, Zone
    from dualladder._internal.model.ladder import Ladder

__all__ = ["diff_companies", "diff_families"]

_COMPANY_OWN = {"dualladder_company", "policy", "levels", "zones", "translations"}
_FAMILY_OWN = {"dualladder", "tracks", "crossover", "translations"}


def _currency_of(company: Company) -> Any:
    def currency(band: Any) -> str | None:
        own = getattr(band, "currency", None)
        return own if own else company.currency

    return currency


def _zone_summary(zone: Zone, company: Company) -> str:
    parts = [f"factor {zone.factor}"] if zone.factor is not None else []
    if zone.bands:
        parts.append(f"own bands for {', '.join(zone.bands)}")
    parts.append(f"paid in {zone.currency or company.currency or 'an unstated currency'}")
    return ", ".join(parts)


def _zone_label(zone: Zone) -> str:
    return f"zone {zone.name or zone.id}"


def _zone_band(company: Company, zone: Zone, level_id: str) -> Any:
    level = company.level(level_id)
    return zone_level_band(zone, level_id, level.pay if level is not None else None)


def _zone_added(zone: Zone, company: Company) -> dict[str, Any]:
    """What a ``zone.added`` says to JSON readers: the zone as written, and its band of every
    level of the scale (explicit, or the base band times its factor)."""
    currency = zone.currency or company.currency
    return {
        "name": zone.name,
        "currency": currency,
        "factor": None if zone.factor is None else str(zone.factor),
        "round_to": str(zone.round_to),
        "bands": {level.id: band_details(_zone_band(company, zone, level.id), currency)
                  for level in company.levels},
    }


def _zone_scaling(subject: str, loc: Loc, old: Company, new: Company, was: Zone, zone: Zone
                  ) -> Iterator[Change]:
    """A change of a zone's ``factor`` or ``round_to``, with what it does to the zone's bands:
    every level whose band the zone computes from the base band (not its explicit bands), its
    band before and after (in ``details``, and as a range of percentages in the message)."""
    if (was.factor, was.round_to) == (zone.factor, zone.round_to):
        return
    parts = []
    if was.factor != zone.factor:
        parts.append(f"factor {show(was.factor)} {_ARROW} {show(zone.factor)}")
    if was.round_to != zone.round_to:
        parts.append(f"round_to {show(was.round_to)} {_ARROW} {show(zone.round_to)}")
    cur_a = was.currency or old.currency
    cur_b = zone.currency or new.currency
    bands: dict[str, dict[str, Any]] = {}
    mids: list[Decimal] = []
    for level in new.levels:
        if level.id in zone.bands or level.id in was.bands or old.level(level.id) is None:
            continue  # an explicit band, or a level added: reported on its own
        a, b = _zone_band(old, was, level.id), _zone_band(new, zone, level.id)
        if a == b:
            continue
        change = band_change("zone.changed", subject, loc, a, b, cur_a, cur_b)
        bands[level.id] = {"old": change.old, "new": change.new, **change.details}
        mid = change.details["fields"].get("mid", {}).get("percent")
        if mid is not None:
            mids.append(Decimal(mid))
    message = ", ".join(parts)
    if bands:
        ids = list(bands)
        which = ids[0] if len(ids) == 1 else f"{ids[0]} to {ids[-1]} ({len(ids)} levels)"
        effect = ""
        if mids:
            low, high = min(mids), max(mids)
            effect = (f" by {signed_percent(low)} at the midpoint" if low == high
                      else f" by {signed_percent(low)} to {signed_percent(high)} at the "
                      "midpoint")
        message += f"; the zone's bands of {which} change{effect}"
    else:
        message += "; no band of the zone changes"
    key = "factor" if was.factor != zone.factor else "round_to"
    yield Change(
        "zone.changed", subject, message, (*loc, key), old=text_or_none(was.factor),
        new=text_or_none(zone.factor),
        details={"factor": {"old": text_or_none(was.factor), "new": text_or_none(zone.factor)},
                 "round_to": {"old": str(was.round_to), "new": str(zone.round_to)},
                 "bands": bands},
    )


def _zones(old: Company, new: Company) -> Iterator[Change]:
    """Zones added, removed and changed, each change labelled with the zone's display name."""
    for change, zone in _zone_changes(old, new):
        yield replace(change, label=_zone_label(zone))


def _zone_changes(old: Company, new: Company) -> Iterator[tuple[Change, Zone]]:
    before = {zone.id: (i, zone) for i, zone in enumerate(old.zones)}
    after = {zone.id: (i, zone) for i, zone in enumerate(new.zones)}
    for zone_id, (index, zone) in after.items():
        loc: Loc = ("zones", index)
        subject = f"zone {zone_id}"
        if zone_id not in before:
            yield Change("zone.added", subject, f"zone added ({_zone_summary(zone, new)})", loc,
                         new=zone_id, details=_zone_added(zone, new)), zone
            continue
        was = before[zone_id][1]
        for change in _zone_scaling(subject, loc, old, new, was, zone):
            yield change, zone
        for name in type(zone).model_fields:
            if name in ("bands", "factor", "round_to"):
                continue
            for change in generic("zone.changed", subject, name, (*loc, name),
                                  getattr(was, name), getattr(zone, name)):
                yield change, zone
        for level_id in [*zone.bands, *(k for k in was.bands if k not in zone.bands)]:
            a, b = was.bands.get(level_id), zone.bands.get(level_id)
            if a == b:
                continue
            cur_a = getattr(a, "currency", None) or was.currency or old.currency
            cur_b = getattr(b, "currency", None) or zone.currency or new.currency
            if a is None or b is None:
                text = (f"band for {level_id} added: {band_text(b, cur_b)}" if a is None
                        else f"band for {level_id} removed (was {band_text(a, cur_a)})")
                yield Change("zone.changed", subject, text, (*loc, "bands", level_id),
                             "new" if b is not None else "old",
                             None if a is None else band_text(a, cur_a),
                             None if b is None else band_text(b, cur_b)), zone
                continue
            change = band_change("zone.changed", subject, (*loc, "bands", level_id), a, b,
                                 cur_a, cur_b)
            yield Change(change.kind, change.subject, f"{level_id} {change.message}", change.loc,
                         change.side, change.old, change.new, change.details), zone
    for zone_id, (index, gone) in before.items():
        if zone_id not in after:
            yield Change("zone.removed", f"zone {zone_id}", "zone removed", ("zones", index),
                         "old", old=zone_id), gone


def diff_companies(old: Company, new: Company) -> list[Change]:
    """Every change between two versions of a company file: its own fields, policy, the level
    scale (with the base bands), and the pay zones."""
    changes: list[Change] = []
    changes.extend(other_fields("company.changed", "company", (), old, new, _COMPANY_OWN))
    changes.extend(generic("policy.changed", "policy", "", ("policy",), old.policy, new.policy))
    changes.extend(level_changes(old.levels, new.levels, _currency_of(old), _currency_of(new)))
    changes.extend(_zones(old, new))
    changes.extend(translation_changes(old.translations, new.translations))
    return located(changes, old.source, new.source)


def diff_families(old: Ladder, new: Ladder) -> list[Change]:
    """Every change between two versions of a job family file (each read with its company
    applied): what the family file says, and its tracks, rungs and crossover."""
    changes: list[Change] = []
    old_file: FamilyFile | None = getattr(old.company_link, "file", None)
    new_file: FamilyFile | None = getattr(new.company_link, "file", None)
    if old_file is not None and new_file is not None:
        changes.extend(located(
            other_fields("family.changed", "family", (), old_file, new_file, _FAMILY_OWN),
            old.source, new.source,
        ))
    changes.extend(diff_ladders(old, new, family=True))
    return changes
