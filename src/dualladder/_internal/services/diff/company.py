"""Diffs of a company file and of a job family file.

A company's scale, zones and policy are compared once, in the company file; a family is compared
by what its own file says (tracks, rungs, crossover, differentials, level overrides, its
``company`` reference). A market adjustment of the company's bands so shows as one change per
band, not one per band and family.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from dualladder._internal.services.diff.changes import Change
from dualladder._internal.services.diff.ladder import (
    band_text,
    diff_ladders,
    generic,
    level_changes,
    located,
    other_fields,
)
from dualladder._internal.util.findings import Loc

if TYPE_CHECKING:
    from dualladder._internal.model.company import Company, FamilyFile, Zone
    from dualladder._internal.model.ladder import Ladder

__all__ = ["diff_companies", "diff_families"]

_COMPANY_OWN = {"dualladder_company", "policy", "levels", "zones"}
_FAMILY_OWN = {"dualladder", "tracks", "crossover"}


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


def _zones(old: Company, new: Company) -> Iterator[Change]:
    before = {zone.id: (i, zone) for i, zone in enumerate(old.zones)}
    after = {zone.id: (i, zone) for i, zone in enumerate(new.zones)}
    for zone_id, (index, zone) in after.items():
        loc: Loc = ("zones", index)
        subject = f"zone {zone_id}"
        if zone_id not in before:
            yield Change("zone.added", subject, f"zone added ({_zone_summary(zone, new)})", loc,
                         new=zone_id)
            continue
        was = before[zone_id][1]
        for name in type(zone).model_fields:
            if name == "bands":
                continue
            yield from generic("zone.changed", subject, name, (*loc, name),
                               getattr(was, name), getattr(zone, name))
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
                             "new" if b is not None else "old", band_text(a, cur_a),
                             band_text(b, cur_b))
                continue
            from dualladder._internal.services.diff.ladder import band_change

            change = band_change("zone.changed", subject, (*loc, "bands", level_id), a, b,
                                  cur_a, cur_b)
            yield Change(change.kind, change.subject, f"{level_id} {change.message}", change.loc,
                         change.side, change.old, change.new, change.details)
    for zone_id, (index, _) in before.items():
        if zone_id not in after:
            yield Change("zone.removed", f"zone {zone_id}", "zone removed", ("zones", index),
                         "old", old=zone_id)


def diff_companies(old: Company, new: Company) -> list[Change]:
    """Every change between two versions of a company file: its own fields, policy, the level
    scale (with the base bands), and the pay zones."""
    changes: list[Change] = []
    changes.extend(other_fields("company.changed", "company", (), old, new, _COMPANY_OWN))
    changes.extend(generic("policy.changed", "policy", "", ("policy",), old.policy, new.policy))
    changes.extend(level_changes(old.levels, new.levels, _currency_of(old), _currency_of(new)))
    changes.extend(_zones(old, new))
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
