"""The company file and the family file as pydantic v2 models.

A **company file** (``dualladder-company: 1``) holds what every job family of one organisation
shares: the level scale (ids, names, default bands), the pay zones and the default policy. A
**family file** is a ladder file with a top-level ``company: <relative path>``; it inherits the
organisation, currency, levels and policy, and pays a level differently only through a declared
:class:`Differential`.

Validators raise pydantic errors whose ``type`` is the catalog code, as in
:mod:`dualladder._internal.model.ladder`, so the loader reads codes off the errors and a company
built in Python fails like the same company read from YAML.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from pydantic import (
    Field,
    PrivateAttr,
    ValidationError,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from dualladder._internal.model.base import (
    AmountsModel,
    FileModel,
    LadderModel,
    LocaleName,
    Text,
    dl_error,
    new_dict,
    new_list,
    validate_whole,
)
from dualladder._internal.model.differential import Differential
from dualladder._internal.model.levels import Crossover, Level, TopRole, Track
from dualladder._internal.model.money import Band, Currency, Factor, Step, WithheldPay, times
from dualladder._internal.model.policy import Policy
from dualladder._internal.model.translations import (
    CompanyTranslation,
    LanguageTag,
    Translation,
)

if TYPE_CHECKING:
    from dualladder._internal.model.ladder import Ladder
    from dualladder._internal.yaml.source import SourceMap

__all__ = ["Company", "Differential", "FamilyFile", "Zone", "paid_in", "scale_band"]



class _Model(LadderModel):
    """As every model of a ladder: unknown keys refused, and every assignment validated as
    loading is (a refused one changes nothing), so a script edits a company, a zone or a
    differential as safely as a ladder."""


def scale_band(band: Band, factor: Decimal, step: Decimal = Decimal(1)) -> Band:
    """``band`` times ``factor``, each amount rounded half up to a multiple of ``step`` (the way
    location-factor calculators work), and never below one ``step``: a band is above 0 (a
    ``round_to`` larger than the band gives a band of one step, which the rules then report).
    The result has no currency of its own: it is paid in the currency of where it applies (a
    zone's, or the file's). Factors and steps are bounded
    (:data:`dualladder._internal.model.money.Factor`,
    :data:`~dualladder._internal.model.money.Step`), so the arithmetic stays exact."""

    def one(value: Decimal) -> Decimal:
        return max(times(value, factor, step), step)

    low, high = one(band.min), one(band.max)
    if band.mid_derived:  # still derived: the middle of the scaled range
        return Band.model_construct({"min", "max", "currency"}, min=low, mid=(low + high) / 2,
                                    max=high, currency=None)
    return Band.model_construct(min=low, mid=one(band.mid), max=high, currency=None)


class Zone(_Model, AmountsModel):
    """A pay zone (a location or a group of locations): its bands are explicit per level
    (``bands``), or the base band times ``factor`` rounded to ``round_to``, or both (explicit
    bands win for their levels)."""

    id: Text
    name: str | None = None
    currency: Currency | None = None
    factor: Factor | None = None
    round_to: Step = Decimal(1)
    bands: dict[Text, Band] = Field(default_factory=new_dict)

    @model_validator(mode="after")
    def _some_band(self) -> Zone:
        if self.factor is None and not self.bands:
            raise ValidationError.from_exception_data(
                "Zone",
                [dl_error("DL002", "a zone needs a `factor` of the base bands, or `bands` per "
                          "level, or both", ("factor",), None)],
            )
        return self

    @property
    def label(self) -> str:
        """``uk (United Kingdom)``, or just the id."""
        return f"{self.id} ({self.name})" if self.name else self.id


def _version(value: Any, key: str) -> Any:
    if type(value) is not int or value != 1:
        raise PydanticCustomError(
            "DL002",
            "unsupported format version {value!r}; this dualladder reads `{key}: 1`",
            {"value": value, "key": key},
        )
    return value


def _duplicates(items: Any, field: str, what: str, loc: tuple[str | int, ...]
                ) -> Iterator[InitErrorDetails]:
    seen: dict[str, int] = {}
    for index, item in enumerate(items if isinstance(items, list | tuple) else []):
        value = item.get(field) if isinstance(item, Mapping) else getattr(item, field, None)
        if not isinstance(value, str):
            continue
        if value in seen:
            yield dl_error("DL005", f"{what} {value!r} is defined twice (first as "
                      f"{loc[-1]}[{seen[value]}])", (*loc, index, field), value)
        else:
            seen[value] = index


class Company(FileModel):
    """A company: its shared level scale, pay zones and default policy; after
    :func:`dualladder.load_company`, also its job families (:attr:`families`)."""

    dualladder_company: Literal[1] = Field(alias="dualladder-company")
    organization: Text
    currency: Currency | None = None
    effective: date | None = None
    locale: LocaleName | None = None
    policy: Policy = Field(default_factory=Policy)
    levels: list[Level] = Field(min_length=1)
    zones: list[Zone] = Field(default_factory=new_list)
    #: The level names in other languages (docs/format.md, "Translations").
    translations: dict[LanguageTag, CompanyTranslation] = Field(default_factory=new_dict)

    _families: tuple[Ladder, ...] = PrivateAttr(default=())

    @field_validator("dualladder_company", mode="before")
    @classmethod
    def _version(cls, value: Any) -> Any:
        return _version(value, "dualladder-company")

    @model_validator(mode="wrap")
    @classmethod
    def _whole(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Company:
        """Field validation, then the cross-reference checks (duplicate levels and zones, zone
        bands for levels the scale lacks), all reported at once."""
        return validate_whole(Company, data, handler, _company_checks)

    # -- read-only views for scripts, rules and pages --

    @property
    def families(self) -> tuple[Ladder, ...]:
        """The job families read with the company (each with the company applied), in file
        order; empty for a company built in Python until families are given to it."""
        return self._families

    def set_origin(self, source: SourceMap | None) -> None:
        """Record where the company was read from (the readers call this)."""
        self._source = source

    def set_families(self, families: tuple[Ladder, ...]) -> None:
        """Give the company its job families (each read with the company applied)."""
        self._families = families

    def family(self, name: str) -> Ladder | None:
        """The family whose ``family`` is ``name``, matched as the audit matches a roster's
        family: exactly, else ignoring case and surrounding spaces (None if there is none)."""
        found = next((f for f in self._families if f.family == name), None)
        if found is None:
            folded = name.strip().casefold()
            found = next((f for f in self._families if f.family.casefold() == folded), None)
        return found

    @property
    def level_ids(self) -> list[str]:
        return [level.id for level in self.levels]

    def level(self, level_id: str) -> Level | None:
        return next((level for level in self.levels if level.id == level_id), None)

    @property
    def zone_ids(self) -> list[str]:
        return [zone.id for zone in self.zones]

    def zone(self, zone_id: str) -> Zone | None:
        return next((zone for zone in self.zones if zone.id == zone_id), None)

    def known_zone(self, zone: str | Zone) -> Zone:
        """The zone with id ``zone`` (a :class:`Zone` is taken as its id); KeyError naming the
        known zones for a zone the company does not have."""
        zone_id = zone.id if isinstance(zone, Zone) else zone
        found = self.zone(zone_id)
        if found is None:
            known = ", ".join(self.zone_ids) or "none"
            raise KeyError(f"the company has no zone {zone_id!r} (zones: {known})")
        return found

    def zone_currency(self, zone: str | Zone | None) -> str | None:
        """The currency a zone pays in (``zone``: its id, or the Zone): its own, else the
        company's; the base zone (None, or ``""`` as an empty roster cell gives it) pays the
        company's. KeyError for a zone the company does not have."""
        if zone is None or zone == "":
            return self.currency
        return self.known_zone(zone).currency or self.currency

    def band(self, level_id: str, zone: str | Zone | None = None) -> Band | None:
        """The company's band of a level: the base band (``zone`` None or ``""``), or its band
        in ``zone`` (explicit, or the base band times the zone's factor), a copy that carries
        the zone's currency. None where there is none; KeyError for a zone the company does
        not have."""
        level = self.level(level_id)
        if level is None:
            return None
        if zone is None or zone == "":
            return level.pay
        found = self.known_zone(zone)
        return paid_in(zone_level_band(found, level_id, level.pay), self.zone_currency(found))


def paid_in(band: Band | None, currency: str | None) -> Band | None:
    """A band as looked up in a zone: a copy that carries ``currency`` (the zone's) unless it
    names its own, so ``currency_of`` answers right wherever the band goes. A copy, so that the
    file's band is not changed (edit a zone's band through ``zone.bands``)."""
    if band is None or band.currency is not None or currency is None:
        return band
    return band.model_copy(update={"currency": currency})


def zone_level_band(zone: Zone, level_id: str, base: Band | None) -> Band | None:
    """A zone's band of a level whose base band is ``base``: the zone's explicit band, else the
    base band times the zone's factor, else None."""
    explicit = zone.bands.get(level_id)
    if explicit is not None:
        return explicit
    if base is not None and zone.factor is not None:
        return scale_band(base, zone.factor, zone.round_to)
    return None


def _company_checks(data: Any) -> Iterator[InitErrorDetails]:
    """A company file's cross-reference checks: duplicate levels and zones, zone bands for
    levels the scale lacks."""
    if isinstance(data, Mapping):
        yield from _duplicates(data.get("levels"), "id", "level", ("levels",))
        yield from _duplicates(data.get("zones"), "id", "zone", ("zones",))
        yield from _zone_levels(data)


def _family_checks(data: Any) -> Iterator[InitErrorDetails]:
    """A family file's cross-reference checks: duplicate levels and differentials."""
    if isinstance(data, Mapping):
        yield from _duplicates(data.get("levels"), "id", "level", ("levels",))
        yield from _duplicates(data.get("differentials"), "level", "a differential for level",
                               ("differentials",))


def _zone_levels(data: Mapping[str, Any]) -> Iterator[InitErrorDetails]:
    """DL004: a zone (explicit) band for a level the scale does not define."""
    levels = data.get("levels")
    known = {
        (lv.get("id") if isinstance(lv, Mapping) else getattr(lv, "id", None))
        for lv in (levels if isinstance(levels, list | tuple) else [])
    }
    zones = data.get("zones")
    for index, zone in enumerate(zones if isinstance(zones, list | tuple) else []):
        bands = zone.get("bands") if isinstance(zone, Mapping) else getattr(zone, "bands", None)
        if not isinstance(bands, Mapping):
            continue
        for level_id in bands:
            if isinstance(level_id, str) and known and level_id not in known:
                defined = ", ".join(k for k in known if isinstance(k, str))
                yield dl_error("DL004", f"zone band for level {level_id!r}, which `levels` does "
                               f"not define (defined: {defined})",
                               ("zones", index, "bands", level_id),
                          level_id)


class FamilyFile(_Model):
    """A family file as written: a ladder that names its company and leaves out what it
    inherits (``organization``, ``currency``, ``levels``, ``policy``)."""

    dualladder: Literal[1]
    company: Text
    organization: Text | None = None
    family: Text
    currency: Currency | None = None
    effective: date | None = None
    locale: LocaleName | None = None
    withheld_pay: WithheldPay | None = None
    policy: Policy | None = None
    levels: list[Level] | None = None
    differentials: list[Differential] = Field(default_factory=new_list)
    fork: Text | None = None
    tracks: dict[Text, Track]
    above_ladder: list[TopRole] = Field(default_factory=new_list)
    crossover: list[Crossover] = Field(default_factory=new_list)
    translations: dict[LanguageTag, Translation] = Field(default_factory=new_dict)

    @field_validator("dualladder", mode="before")
    @classmethod
    def _version(cls, value: Any) -> Any:
        return _version(value, "dualladder")

    @model_validator(mode="wrap")
    @classmethod
    def _whole(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> FamilyFile:
        return validate_whole(FamilyFile, data, handler, _family_checks)

    def differential(self, level_id: str) -> tuple[int, Differential] | None:
        for index, found in enumerate(self.differentials):
            if found.level == level_id:
                return index, found
        return None

    def level_override(self, level_id: str) -> tuple[int, Level] | None:
        for index, found in enumerate(self.levels or []):
            if found.id == level_id:
                return index, found
        return None
