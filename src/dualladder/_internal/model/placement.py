"""Where a person stands on the ladders: a roster profile resolved to a rung and its band.

The audit looks bands up through one function, :func:`band_in`, which knows the three cases a
rung can be in: a published band (the rung's own or its level's, in the person's pay zone when
the ladder is a job family of a company), pay *withheld* (equal by the organisation's
statement, no band published), or no band at all.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from dualladder._internal.model.ladder import MANAGEMENT, Band, Ladder, Rung, format_amount
from dualladder._internal.model.lookup import level_id, track_key, unknown_level, unknown_track
from dualladder._internal.util.suggest import did_you_mean

if TYPE_CHECKING:
    from dualladder._internal.model.company import Company
    from dualladder._internal.model.roster import Profile

__all__ = ["Position", "Problem", "Scale", "band_in", "company_of"]

T = TypeVar("T")


def band_in(ladder: Ladder, rung: Rung, zone: str) -> Band | None:
    """The band a person on ``rung`` is paid against: in pay zone ``zone`` (``""``: the base
    bands). KeyError for a zone the ladder's company does not have."""
    return ladder.band(rung, zone) if zone else ladder.band(rung)


@dataclass(frozen=True, slots=True)
class Position:
    """A rung of one ladder, in one pay zone: what the people of a profile are compared with."""

    ladder: Ladder
    track: str
    index: int
    rung: Rung
    rank: int
    """The level's position on the ladder's scale (0 = lowest)."""
    zone: str
    band: Band | None
    withheld: bool
    """Pay withheld by policy (equal by statement; no band)."""
    currency: str | None

    @property
    def family(self) -> str:
        return self.ladder.family

    @property
    def level(self) -> str:
        return self.rung.level

    @property
    def name(self) -> str:
        """``Staff Engineer (L6)``."""
        return f"{self.rung.title} ({self.rung.level})"

    @property
    def loc(self) -> tuple[str | int, ...]:
        return ("tracks", self.track, "rungs", self.index)

    def band_text(self) -> str:
        """``145,000-195,000 USD (mid 170,000)``, ``pay withheld`` or ``no band``."""
        if self.band is None:
            return "pay withheld, equal by policy" if self.withheld else "no band"
        unit = f" {self.currency}" if self.currency else ""
        return (f"{format_amount(self.band.min)}-{format_amount(self.band.max)}{unit} "
                f"(mid {format_amount(self.band.mid)})")


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a profile has no position: the finding's code, the roster column it is about, and
    the message (without the person)."""

    code: str
    column: str
    message: str


def _match(value: str, names: Mapping[str, T]) -> T | None:
    """``names`` maps a name (exact, and casefolded) to what it names; exact names first."""
    found = names.get(value)
    return found if found is not None else names.get(value.casefold())


def _family_company(ladder: Ladder) -> Company | None:
    """:func:`~dualladder._internal.model.family.family_company`, imported for a job family
    only: the audit of a standalone ladder does not build the company models."""
    if ladder.company_link is None:
        return None
    from dualladder._internal.model.family import family_company

    return family_company(ladder)


def _company_key(company: Company) -> object:
    """What makes two company objects one company: the file they were read from (a family
    file read on its own reads its company again, into another object)."""
    source = company.source
    if source is not None and source.name:
        return ("file", os.path.realpath(source.name))
    return ("object", id(company))


def company_of(ladders: Sequence[Ladder]) -> Company | None:
    """The company every one of ``ladders`` belongs to, however they were read (a company's
    folder, its company file, or its family files one by one); None if some ladder stands
    alone or they belong to several companies."""
    companies = [_family_company(lad) for lad in ladders]
    if not companies or any(c is None for c in companies):
        return None
    keys = {_company_key(c) for c in companies if c is not None}
    return companies[0] if len(keys) == 1 else None


class Scale:
    """The ladders a roster is audited against: one ladder, several (the roster's ``family``
    column tells them apart), or the job families of a company."""

    def __init__(self, ladders: Sequence[Ladder], company: Company | None = None) -> None:
        if not ladders:
            raise ValueError("an audit needs at least one ladder")
        self.ladders = list(ladders)
        self.company = company
        self._families: dict[str, Ladder] = {}
        for ladder in self.ladders:
            self._families.setdefault(ladder.family, ladder)
            self._families.setdefault(ladder.family.casefold(), ladder)
        self._cache: dict[tuple[str, str, str, str, str], Position | Problem] = {}

    @classmethod
    def of(cls, target: Ladder | Company | Sequence[Ladder]) -> Scale:
        """A scale from a ladder, a company (its families) or a list of ladders."""
        if isinstance(target, Ladder):
            return cls([target], _family_company(target))
        if isinstance(target, Sequence):
            ladders = list(target)
            return cls(ladders, company_of(ladders))
        return cls(list(target.families), target)

    @property
    def shared_levels(self) -> bool:
        """Whether levels are one scale across families (a company): then a category of
        workers is a level across families, else a level of one family."""
        return self.company is not None

    def needs_family(self) -> bool:
        return len({ladder.family for ladder in self.ladders}) > 1

    def position(self, profile: Profile) -> Position | Problem:
        """Where the people of ``profile`` stand (cached: a roster has few profiles)."""
        key = (profile.family, profile.track, profile.level, profile.zone, profile.currency)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._resolve(profile)
        return found

    def _resolve(self, profile: Profile) -> Position | Problem:
        from dualladder._internal.model.roster import show

        if profile.family:
            ladder = _match(profile.family, self._families)
            if ladder is None:
                families = sorted({lad.family for lad in self.ladders})
                return Problem("DL304", "family", f"family {show(profile.family)} is not a "
                               f"ladder of this audit (families: {', '.join(families)})"
                               f"{did_you_mean(profile.family, families)}")
        else:
            ladder = self.ladders[0]
        track = track_key(ladder, profile.track)
        if track is None:
            return Problem("DL304", "track", unknown_track(ladder, profile.track,
                                                           show(profile.track)))
        level = level_id(ladder, profile.level)
        if level is None:
            return Problem("DL304", "level", unknown_level(ladder, profile.level,
                                                           show(profile.level)))
        rungs = ladder.tracks[track].rungs
        index = next((i for i, r in enumerate(rungs) if r.level == level), None)
        if index is None:
            return Problem("DL304", "level", f"the {ladder.track_name(track)} track of the "
                           f"{ladder.family} ladder has no rung on level {level}")
        rung = rungs[index]
        zone = profile.zone
        if zone:
            if zone not in ladder.zones:
                zones = ", ".join(ladder.zones) or "none"
                return Problem("DL305", "zone", f"zone {show(zone)} is not a pay zone of the "
                               f"{ladder.family} ladder (zones: {zones})"
                               f"{did_you_mean(zone, ladder.zones)}")
            company = _family_company(ladder)
            assert company is not None
            found_zone = company.zone(zone)
            currency = company.zone_currency(found_zone) if found_zone else ladder.currency
        else:
            currency = None
        band = band_in(ladder, rung, zone)
        if currency is None:
            currency = ladder.currency_of(band)
        if profile.currency and currency and profile.currency != currency:
            where = f" in zone {zone}" if zone else ""
            return Problem("DL305", "currency", f"currency {show(profile.currency)} is not the "
                           f"currency of {rung.title} ({level}){where}, {currency}")
        if profile.currency and not currency:
            currency = profile.currency
        rank = ladder.level_ids.index(level)
        return Position(ladder, track, index, rung, rank, zone, band,
                        band is None and ladder.pay_withheld(rung), currency)

    def ladder_of(self, profile: Profile) -> Ladder | None:
        """The ladder of a profile's family (the only ladder when the roster names none);
        None for a family that is not one of the ladders."""
        if not profile.family:
            return self.ladders[0]
        return _match(profile.family, self._families)

    def family_key(self, position: Position) -> str:
        """The family part of a category: ``""`` on a shared scale, else the family."""
        return "" if self.shared_levels else position.family

    @staticmethod
    def is_management(track: str) -> bool:
        return track == MANAGEMENT

