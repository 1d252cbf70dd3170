"""Where a value of a family stands: the family file, or the company file it inherits from.

A family read with its company applied is one :class:`~dualladder._internal.model.ladder.Ladder`;
its YAML paths (``levels[3].pay.mid``) are those of the applied ladder. :class:`FamilySource` maps
each of them back to the file and node where the value is written: an inherited band to the company
file's ``levels[3].pay``, a band changed by a differential to the family file's
``differentials[0]``, a band in a zone to the zone's ``bands`` or ``factor``. Everything else is in
the family file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dualladder._internal.model.company import Company, FamilyFile
from dualladder._internal.util.findings import Loc
from dualladder._internal.yaml.source import SourceMap

__all__ = ["FamilySource"]

#: Top-level keys a family inherits from its company when it does not write them.
INHERITED = ("organization", "currency", "effective", "locale")


@dataclass(slots=True)
class FamilySource(SourceMap):
    """The :class:`SourceMap` of a family file (``locate`` and friends work on that file) that
    also knows the company file, for :meth:`origin` and :meth:`place`."""

    company_map: SourceMap = field(default_factory=lambda: SourceMap(name="<company>"))
    file: FamilyFile | None = None
    company: Company | None = None
    raw_keys: frozenset[str] = frozenset()

    @classmethod
    def of(cls, family: SourceMap, company_map: SourceMap, file: FamilyFile, company: Company,
           raw_keys: frozenset[str]) -> FamilySource:
        return cls(name=family.name, tree=family.tree, line_count=family.line_count,
                   text=family.text, company_map=company_map, file=file, company=company,
                   raw_keys=raw_keys)

    def origin(self, loc: Loc, zone: int | None = None) -> tuple[SourceMap, Loc]:
        """The file and YAML path where the value at ``loc`` of the applied ladder (or of its
        copy in zone number ``zone``) is written."""
        if not loc:
            return self, loc
        head = loc[0]
        if head in INHERITED:
            return (self, loc) if head in self.raw_keys else (self.company_map, loc)
        if head == "policy":
            return self._policy(loc)
        if head == "levels":
            return self._level(loc, zone)
        if head == "tracks" and zone is not None and len(loc) > 4 and loc[4] == "pay":
            # a rung's own band scaled by the zone's factor
            return self.company_map, ("zones", zone, "factor")
        return self, loc

    def _policy(self, loc: Loc) -> tuple[SourceMap, Loc]:
        policy = self.file.policy if self.file else None
        if policy is None:
            return self.company_map, loc
        if len(loc) == 1 or loc[1] in policy.model_fields_set:
            return self, loc
        return self.company_map, loc

    def _level(self, loc: Loc, zone: int | None) -> tuple[SourceMap, Loc]:
        assert self.file is not None and self.company is not None
        if len(loc) < 2 or not isinstance(loc[1], int) or loc[1] >= len(self.company.levels):
            return self.company_map, loc[:1]
        index = loc[1]
        level_id = self.company.levels[index].id
        rest = loc[2:]
        override = self.file.level_override(level_id)
        differential = self.file.differential(level_id)
        if not rest or rest[0] != "pay":
            if override is not None and (not rest or rest[0] in override[1].model_fields_set):
                return self, ("levels", override[0], *rest)
            return self.company_map, loc
        fields = rest[1:]
        if zone is None and override is not None and override[1].pay is not None:
            return self, ("levels", override[0], "pay", *fields)
        if differential is not None:
            number, found = differential
            if found.factor is not None:
                return self, ("differentials", number, "factor")
            if zone is None:
                return self, ("differentials", number, "pay", *fields)
            if self._zone_of(zone) in found.zones:
                return self, ("differentials", number, "zones", self._zone_of(zone), *fields)
            return self.company_map, ("zones", zone, "factor")
        if zone is None:
            return self.company_map, loc
        return self._zone(zone, level_id, fields)

    def _zone_of(self, zone: int) -> str:
        assert self.company is not None
        return self.company.zones[zone].id

    def _zone(self, zone: int, level_id: str, fields: Loc) -> tuple[SourceMap, Loc]:
        """A company level band in a zone: the zone's explicit band, else its factor."""
        assert self.company is not None
        found = self.company.zones[zone]
        if level_id in found.bands:
            return self.company_map, ("zones", zone, "bands", level_id, *fields)
        return self.company_map, ("zones", zone, "factor")
