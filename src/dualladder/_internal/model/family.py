"""A job family with its company applied: the merge of a family file and its company file, and
the bands it pays (after its differentials, in every pay zone).

:func:`merged` builds the data of the applied ladder (the company's organisation, currency,
scale and policy, the family's tracks and crossover, each level's band after the family's
differential); :class:`FamilyLink` is what ties the applied ladder to its company (the
ladder's :class:`~dualladder._internal.model.ladder.Membership`). Reading a family file is
:mod:`dualladder._internal.io.company.family`.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from dualladder._internal.model.company import (
    Company,
    FamilyFile,
    Zone,
    paid_in,
    scale_band,
    zone_level_band,
)
from dualladder._internal.model.differential import Differential
from dualladder._internal.model.family_source import FamilySource
from dualladder._internal.model.ladder import Band, Ladder, Level, Policy, Rung, Track

__all__ = [
    "COMPANY_ONLY",
    "INHERITED_KEYS",
    "FamilyLink",
    "family_band",
    "family_company",
    "link_of",
    "merged",
    "zone_band",
    "zoned_ladder",
]


@dataclass(frozen=True, slots=True)
class FamilyLink:
    """What ties an applied family ladder to its company: the company, the family file as
    written, and where each value stands."""

    company: Company
    file: FamilyFile
    source: FamilySource

    @property
    def differentials(self) -> list[Differential]:
        """The differentials the family file declares (the list itself, to edit)."""
        return self.file.differentials

    def zone_band(self, ladder: Ladder, rung: Rung, zone: str) -> Band | None:
        """A rung of ``ladder`` (this family's) in ``zone``: its own band times the zone's
        factor, else its level's band in the zone; a copy that carries the zone's currency.
        KeyError for a zone the company lacks."""
        found = self.company.known_zone(zone)
        if rung.pay is not None and found.factor is not None:
            band: Band | None = scale_band(rung.pay, found.factor, found.round_to)
        else:
            band = zone_level_family_band(self.company, self.file, rung.level, found)
        return paid_in(band, self.company.zone_currency(found))


def _merge_policy(company: Policy, family: Policy | None) -> Policy:
    """The company's policy with every key the family writes replaced by the family's: a copy
    that shares nothing with the company's, so an edit of one family's policy is not an edit
    of the company's."""
    update = {} if family is None else {
        name: getattr(family, name) for name in family.model_fields_set
    }
    # as company.model_copy(update=update, deep=True), the company's values copied by _fresh
    copy = company.model_copy(update=update)
    values = copy.__dict__
    for name, value in values.items():
        if name not in update:
            values[name] = _fresh(value)
    return copy


#: Values that a deep copy leaves as they are (immutable).
_ATOMS = frozenset({str, int, bool, float, Decimal, type(None)})


def _fresh(value: Any) -> Any:
    """``copy.deepcopy(value)`` for a policy's value, without its general machinery for the
    values a policy holds: text and numbers as they are, a list or mapping of them copied, a
    tuple of them as it is (what deepcopy gives them); anything else deep-copied."""
    kind = type(value)
    if kind in _ATOMS:
        return value
    if kind is list and all(type(item) in _ATOMS for item in value):
        return list(value)
    if kind is tuple and all(type(item) in _ATOMS for item in value):
        return value
    if kind is dict and all(type(k) in _ATOMS and type(v) in _ATOMS for k, v in value.items()):
        return dict(value)
    return deepcopy(value)


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


def link_of(ladder: Ladder) -> FamilyLink | None:
    """What ties a job family's ladder to its company (None for a standalone ladder)."""
    link = ladder.company_link
    return link if isinstance(link, FamilyLink) else None


def family_company(ladder: Ladder) -> Company | None:
    """The company of a job family's ladder, as the company model (None for a standalone
    ladder); ``ladder.company`` is the same object, typed as the ladder model sees it."""
    link = link_of(ladder)
    return link.company if link is not None else None


def zone_band(ladder: Ladder, rung: Rung, zone: str) -> Band | None:
    """A rung's band in ``zone`` (``ladder.band(rung, zone)``). KeyError for a zone the company
    does not have; ValueError for a ladder that is not a job family of a company."""
    return ladder.band(rung, zone)


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
    copy.set_origin(ladder.source, ladder.company_link)
    return copy


#: Ladder keys a family inherits from its company (or merges with it); every other key of the
#: ladder format is the family's own and passes through as written. Saving a family
#: (:mod:`dualladder._internal.io.company.save`) takes the merge apart along the same line.
INHERITED_KEYS = frozenset({"dualladder", "organization", "currency", "effective", "locale",
                            "policy", "levels"})
#: Inherited keys a family may repeat but not change (pay by location is a zone, not a family
#: currency).
COMPANY_ONLY = ("organization", "currency")


def merged(file: FamilyFile, company: Company) -> dict[str, Any]:
    """The data of the family ladder: ``file`` with ``company`` applied (see the module
    docstring), to validate as a :class:`Ladder`."""
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
        "locale": file.locale or company.locale,
        "policy": _merge_policy(company.policy, file.policy),
        "levels": levels,
    }
    for name in Ladder.model_fields:
        if name not in INHERITED_KEYS:
            merged[name] = getattr(file, name)
    return merged
