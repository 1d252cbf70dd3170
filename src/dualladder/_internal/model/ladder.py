"""The ladder file format (documented in ``docs/format.md``) as pydantic v2 models.

The models are plain data. Validation that needs more than one field lives in validators whose
pydantic error ``type`` is the catalog code (``DL004``, ``DL005``, ``DL006``), so a ladder built in
Python fails exactly like the same ladder loaded from YAML, and the loader only has to read the
code off the error.

This module holds the :class:`Ladder` and its cross-reference checks; its parts live beside it
and every name is importable from here as well: the shared base in
:mod:`dualladder._internal.model.base`, amounts and bands in
:mod:`dualladder._internal.model.money`, levels, rungs and tracks in
:mod:`dualladder._internal.model.levels`, the policy in :mod:`dualladder._internal.model.policy`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, Protocol

from pydantic import (
    Field,
    PrivateAttr,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from dualladder._internal.model.base import (
    FileModel,
    LocaleName,
    Text,
    dl_error,
    new_dict,
    new_list,
    validate_whole,
)
from dualladder._internal.model.levels import (
    Authority,
    Crossover,
    Decision,
    Level,
    LevelStep,
    Rung,
    Scope,
    TopRole,
    Track,
)
from dualladder._internal.model.money import (
    Band,
    Currency,
    Rewards,
    WithheldPay,
    format_amount,
    withheld_statement,
)
from dualladder._internal.model.policy import Policy
from dualladder._internal.model.translations import LanguageTag, Translation
from dualladder._internal.util.suggest import did_you_mean, nearest

if TYPE_CHECKING:
    # a job family's (``differentials``): not a ladder's field, so its model is not built here
    from dualladder._internal.model.differential import Differential
    from dualladder._internal.yaml.source import SourceMap

__all__ = [
    "MANAGEMENT",
    "TECHNICAL",
    "Authority",
    "Band",
    "Crossover",
    "Currency",
    "Decision",
    "Employer",
    "Ladder",
    "Level",
    "LevelStep",
    "Membership",
    "Policy",
    "Rewards",
    "Rung",
    "Scope",
    "Text",
    "TopRole",
    "Track",
    "WithheldPay",
    "format_amount",
    "withheld_statement",
]


#: The two tracks every ladder has; any further track is compared with ``management``.
MANAGEMENT = "management"
TECHNICAL = "technical"


class Employer(Protocol):
    """The company of a job family, as the family's ladder sees it. The ladder model knows
    this shape only, never the company model (:class:`dualladder.Company` is one)."""

    @property
    def zone_ids(self) -> list[str]: ...


class Membership(Protocol):
    """What ties a job family's ladder to its company, as the ladder sees it: the company, the
    differentials the family file declares, and a rung's band in a pay zone. The ladder model
    knows this shape only (:class:`dualladder._internal.model.family.FamilyLink` is the one
    implementation), so it never imports the company model."""

    @property
    def company(self) -> Employer: ...

    @property
    def differentials(self) -> list[Differential]: ...

    def zone_band(self, ladder: Ladder, rung: Rung, zone: str) -> Band | None: ...


class Ladder(FileModel):
    """One job family's dual ladder: levels, tracks, crossover and policy."""

    dualladder: Literal[1]
    organization: Text
    family: Text
    currency: Currency | None = None
    effective: date | None = None
    locale: LocaleName | None = None
    #: Pay is equal by policy but not published, on every level that states no band.
    withheld_pay: WithheldPay | None = None
    policy: Policy = Field(default_factory=Policy)
    levels: list[Level] = Field(min_length=1)
    #: The level where the tracks fork: below it people are on one shared track.
    fork: Text | None = None
    tracks: dict[Text, Track]
    #: Roles above the ladder, open to several tracks (CTO, Chief Architect).
    above_ladder: list[TopRole] = Field(default_factory=new_list)
    crossover: list[Crossover] = Field(default_factory=new_list)
    #: The file's texts in other languages (docs/format.md, "Translations").
    translations: dict[LanguageTag, Translation] = Field(default_factory=new_dict)

    #: For a job family of a company: what ties it to its company.
    _membership: Membership | None = PrivateAttr(default=None)
    _level_index: dict[str, int] = PrivateAttr(default_factory=dict)

    @field_validator("dualladder", mode="before")
    @classmethod
    def _version(cls, value: Any) -> Any:
        if type(value) is not int or value != 1:
            # The value is not repeated here: the loader adds it as written in the file.
            raise PydanticCustomError(
                "DL002", "unsupported format version; this dualladder reads `dualladder: 1`"
            )
        return value

    @model_validator(mode="wrap")
    @classmethod
    def _whole(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Ladder:
        """Run field validation, then the cross-reference checks, and report all at once."""
        return validate_whole(Ladder, data, handler, _cross_references)

    def set_origin(self, source: SourceMap | None, membership: Membership | None = None) -> None:
        """Record where the ladder was read from and, for a job family, what ties it to its
        company (the readers call this; a ladder built in Python has neither)."""
        self._source = source
        self._membership = membership

    @property
    def company_link(self) -> Membership | None:
        """For a job family read with its company: what ties it to the company (the company,
        the family file as written, where each value stands); None for a standalone ladder."""
        return self._membership

    @property
    def company(self) -> Employer | None:
        """The company whose job family this is (None for a standalone ladder)."""
        link = self._membership
        return None if link is None else link.company

    @property
    def zones(self) -> list[str]:
        """The ids of the pay zones this ladder is paid in (its company's; none standalone)."""
        company = self.company
        return company.zone_ids if company is not None else []

    @property
    def differentials(self) -> list[Differential]:
        """For a job family: the differentials its file declares, to read or edit (a changed
        factor or band is written to the family file by :func:`dualladder.save`; the level
        bands that follow it follow at once). ValueError for a standalone ladder, which has
        none."""
        link = self._membership
        if link is None:
            raise ValueError(f"{self.family} is not a job family of a company: it has no "
                             "differentials")
        return link.differentials

    # -- derived views (read-only helpers for rules, renderers and scripts) --

    @property
    def level_ids(self) -> list[str]:
        return [level.id for level in self.levels]

    def _level_position(self, level_id: str) -> int | None:
        """The index of level ``level_id`` in ``levels``, in constant time.

        An index by id is kept and checked on every use (the level at the index must still
        have that id), and rebuilt when the check fails, so it is never stale after a change to
        ``levels``; a rule or a renderer that looks up every rung's level stays linear.
        """
        levels = self.levels
        index = self._level_index
        position = index.get(level_id)
        if position is not None and position < len(levels) and levels[position].id == level_id:
            return position
        index.clear()
        for i, level in enumerate(levels):
            index.setdefault(level.id, i)
        return index.get(level_id)

    def level(self, level_id: str) -> Level | None:
        position = self._level_position(level_id)
        return None if position is None else self.levels[position]

    def rung(self, track: str, level_id: str) -> Rung | None:
        """The rung of ``track`` on level ``level_id``, or None if the track has none there.

        >>> ladder.rung(TECHNICAL, "L6").pay  # doctest: +SKIP
        """
        found = self.tracks.get(track)
        if found is None:
            return None
        for rung in found.rungs:
            if rung.level == level_id:
                return rung
        return None

    def find(self, name: str) -> list[tuple[str, Rung]]:
        """Every rung whose job code, title or alias is ``name``, as ``(track key, rung)`` in
        ladder order. Case and runs of spaces do not matter (``"staff  engineer"`` finds
        ``Staff Engineer``); a list, because one title may name rungs on two tracks (DL109)."""
        wanted = _fold(name)
        return [
            (key, rung)
            for key, _, rung in self.rungs()
            if any(
                _fold(text) == wanted for text in (rung.code or "", rung.title, *rung.aliases)
            )
        ]

    def rungs(self) -> Iterator[tuple[str, int, Rung]]:
        """Every rung as ``(track key, index in the track, rung)``."""
        for key, track in self.tracks.items():
            for index, rung in enumerate(track.rungs):
                yield key, index, rung

    def track_name(self, key: str) -> str:
        track = self.tracks.get(key)
        return track.name if track and track.name else key.replace("_", " ").title()

    def band(self, rung: Rung, zone: str | None = None) -> Band | None:
        """A rung's effective band: its own ``pay``, else its level's. With ``zone`` (a job
        family of a company), its band in that pay zone; KeyError for an unknown zone. The base
        zone is None; ``""`` (an empty roster or postings cell) means the same."""
        if zone:
            link = self._membership
            if link is None:
                raise ValueError(
                    f"{self.family} is not a job family of a company: it has no zones"
                )
            return link.zone_band(self, rung, zone)
        if rung.pay is not None:
            return rung.pay
        level = self.level(rung.level)
        return level.pay if level else None

    def pay_withheld(self, rung: Rung) -> bool:
        """Whether a rung's pay is withheld by policy: equal by the organisation's statement,
        but not published. True when the rung has no band (neither its own nor its level's)
        and its level, or the file, states ``withheld_pay``. Such a rung has no :meth:`band`;
        rules and pages treat it as parity by statement, never as a missing band."""
        return self.pay_statement(rung) is not None

    def pay_statement(self, rung: Rung) -> str | None:
        """The policy statement behind a withheld rung's pay (``""`` when ``withheld_pay: true``
        gives no words); None when the rung's pay is not withheld."""
        if self.band(rung) is not None:
            return None
        level = self.level(rung.level)
        if level is None:
            return None
        own = withheld_statement(level.withheld_pay)
        return own if own is not None else withheld_statement(self.withheld_pay)

    def band_loc(self, key: str, index: int) -> tuple[str | int, ...]:
        """The YAML path of the band that :meth:`band` returns for that rung."""
        rung = self.tracks[key].rungs[index]
        if rung.pay is not None:
            return ("tracks", key, "rungs", index, "pay")
        position = self._level_position(rung.level)
        if position is not None and self.levels[position].pay is not None:
            return ("levels", position, "pay")
        return ("tracks", key, "rungs", index)

    def currency_of(self, band: Band | None) -> str | None:
        """The currency a band is paid in: its own, else the file's."""
        if band is not None and band.currency:
            return band.currency
        return self.currency


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


# -- cross-reference checks (DL002 tracks, DL004, DL005), on raw input or models ------------------


def _get(obj: Any, key: str, attr: str | None = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(key)
    return getattr(obj, attr or key, None)


def _items(obj: Any) -> list[Any]:
    return list(obj) if isinstance(obj, list | tuple) else []


def _track_hint(name: str, tracks: Mapping[Any, Any]) -> str:
    """The nearest track key to a name that is not one; none for a required track that is
    missing (a misspelt key is named where it stands)."""
    if name in (MANAGEMENT, TECHNICAL):
        return ""
    return did_you_mean(name, [key for key in tracks if isinstance(key, str)])


def _cross_references(data: Any) -> Iterator[InitErrorDetails]:
    """What no single field can check: the ids a ladder defines, and every place that names one.

    Reads the input as given (mappings from a file, or models), so it runs even when a field is
    broken; every problem is reported, in this order: levels defined twice, a band published and
    withheld, the tracks (the two required ones, rungs on undefined levels, two rungs on one
    level), steps defined twice, the fork, the levels a track uses, the tracks a role above the
    ladder is open to, and the crossover moves.
    """
    if not isinstance(data, Mapping):
        return
    levels = _items(data.get("levels"))
    level_ids = _first_index(levels, "id")
    tracks = data.get("tracks")
    if not isinstance(tracks, Mapping):
        tracks = None
    yield from _levels_defined_twice(levels, level_ids)
    yield from _bands_published_and_withheld(levels)
    if tracks is not None:
        yield from _required_tracks(tracks)
        yield from _rungs_on_defined_levels_once(tracks, level_ids)
    yield from _steps_defined_twice(levels)
    yield from _fork_on_the_scale(data.get("fork"), level_ids)
    if tracks is not None:
        yield from _levels_in_use_on_the_scale(tracks, level_ids)
        yield from _roles_open_to_defined_tracks(_items(data.get("above_ladder")), tracks)
    yield from _crossover_on_defined_tracks_and_levels(
        _items(data.get("crossover")), tracks, level_ids
    )


def _first_index(items: list[Any], key: str) -> dict[str, int]:
    """Each id (the text under ``key``) at the index of the item that first defines it, in file
    order; an item without a text id defines none."""
    first: dict[str, int] = {}
    for index, item in enumerate(items):
        value = _get(item, key)
        if isinstance(value, str) and value not in first:
            first[value] = index
    return first


def _undefined(level_id: Any, level_ids: dict[str, int]) -> bool:
    """``level_id`` is text that names no level of the scale (a file without levels, whose
    problem is reported elsewhere, has none undefined)."""
    return isinstance(level_id, str) and bool(level_ids) and level_id not in level_ids


def _undefined_level(
    named_by: str, level_id: str, level_ids: dict[str, int], loc: tuple[str | int, ...]
) -> InitErrorDetails:
    """DL004 at ``loc``: ``named_by`` (the fork, a track's ``levels_in_use``, a crossover move)
    names a level the scale does not define; the nearest defined one as a hint."""
    return dl_error(
        "DL004",
        f"{named_by} names level {level_id!r}, which `levels` does not define"
        f"{did_you_mean(level_id, level_ids)}",
        loc,
        level_id,
    )


def _levels_defined_twice(
    levels: list[Any], level_ids: dict[str, int]
) -> Iterator[InitErrorDetails]:
    """DL005: a level id defined again after its first definition."""
    for index, level in enumerate(levels):
        level_id = _get(level, "id")
        if isinstance(level_id, str) and level_ids[level_id] != index:
            yield dl_error(
                "DL005",
                f"level {level_id!r} is defined twice (first as levels[{level_ids[level_id]}])",
                ("levels", index, "id"),
                level_id,
            )


def _bands_published_and_withheld(levels: list[Any]) -> Iterator[InitErrorDetails]:
    """DL002: a level's band is published (``pay``) or withheld (``withheld_pay``), not both."""
    for index, level in enumerate(levels):
        withheld = _get(level, "withheld_pay")
        if _get(level, "pay") is not None and withheld is not None and withheld is not False:
            yield dl_error(
                "DL002",
                "a level publishes its band (`pay`) or withholds it (`withheld_pay`), not both",
                ("levels", index, "withheld_pay"),
                withheld,
            )


def _required_tracks(tracks: Mapping[Any, Any]) -> Iterator[InitErrorDetails]:
    """Every ladder has a management and a technical track: pydantic's ``missing`` when one is
    not there, or DL002 at the further track whose key is a misspelling of it (``technicl:``)."""
    further = [key for key in tracks if key not in (MANAGEMENT, TECHNICAL)]
    for required in (MANAGEMENT, TECHNICAL):
        misspelt = nearest(required, further) if required not in tracks else None
        if misspelt is not None:  # `technicl:`: say which key it is, at the key
            further.remove(misspelt)
            yield dl_error(
                "DL002",
                f"unknown track {misspelt!r}{did_you_mean(misspelt, [required])} "
                f"(tracks must hold {MANAGEMENT} and {TECHNICAL})",
                ("tracks", misspelt),
                misspelt,
            )
        elif required not in tracks:
            yield InitErrorDetails(
                type=PydanticCustomError(
                    "missing", f"tracks must hold {required!r}; it is missing"
                ),
                loc=("tracks", required),
                input=None,
            )


def _rungs_on_defined_levels_once(
    tracks: Mapping[Any, Any], level_ids: dict[str, int]
) -> Iterator[InitErrorDetails]:
    """Each rung of each track: DL004 when its level is not defined, DL005 when its track already
    has a rung on that level (one track has one rung per level)."""
    for key, track in tracks.items():
        rungs = _items(_get(track, "rungs"))
        first_on_level = _first_index(rungs, "level")
        for index, rung in enumerate(rungs):
            level_id = _get(rung, "level")
            if not isinstance(level_id, str):
                continue
            undefined = _undefined(level_id, level_ids)
            if not undefined and first_on_level[level_id] == index:
                continue  # the common case: nothing to say
            loc = ("tracks", key, "rungs", index, "level")
            title = _get(rung, "title")
            who = f"{title} ({level_id})" if isinstance(title, str) else f"a rung on {level_id}"
            if undefined:
                yield dl_error(
                    "DL004",
                    f"{who} names level {level_id!r}, which `levels` does not define "
                    f"(defined: {', '.join(level_ids)}){did_you_mean(level_id, level_ids)}",
                    loc,
                    level_id,
                )
            if first_on_level[level_id] != index:
                yield dl_error(
                    "DL005",
                    f"{who}: track {key!r} already has a rung on level {level_id!r} "
                    f"(rungs[{first_on_level[level_id]}]); one track has one rung per level",
                    loc,
                    level_id,
                )


def _steps_defined_twice(levels: list[Any]) -> Iterator[InitErrorDetails]:
    """DL005: a step id defined twice on one level (steps are named per level)."""
    for index, level in enumerate(levels):
        steps = _items(_get(level, "steps"))
        step_ids = _first_index(steps, "id")
        for pos, step in enumerate(steps):
            step_id = _get(step, "id")
            if isinstance(step_id, str) and step_ids[step_id] != pos:
                yield dl_error(
                    "DL005",
                    f"step {step_id!r} is defined twice on this level (first as "
                    f"steps[{step_ids[step_id]}])",
                    ("levels", index, "steps", pos, "id"),
                    step_id,
                )


def _fork_on_the_scale(fork: Any, level_ids: dict[str, int]) -> Iterator[InitErrorDetails]:
    """DL004: the level where the tracks fork is a level of the scale."""
    if _undefined(fork, level_ids):
        yield _undefined_level("`fork`", fork, level_ids, ("fork",))


def _levels_in_use_on_the_scale(
    tracks: Mapping[Any, Any], level_ids: dict[str, int]
) -> Iterator[InitErrorDetails]:
    """DL004: the levels a track uses (``levels_in_use``) are levels of the scale."""
    for key, track in tracks.items():
        for pos, level_id in enumerate(_items(_get(track, "levels_in_use"))):
            if _undefined(level_id, level_ids):
                yield _undefined_level(
                    "`levels_in_use`", level_id, level_ids, ("tracks", key, "levels_in_use", pos)
                )


def _roles_open_to_defined_tracks(
    roles: list[Any], tracks: Mapping[Any, Any]
) -> Iterator[InitErrorDetails]:
    """DL002: a role above the ladder is open only to tracks of the file."""
    for index, role in enumerate(roles):
        for pos, name in enumerate(_items(_get(role, "open_to"))):
            if isinstance(name, str) and name not in tracks:
                yield dl_error(
                    "DL002",
                    f"a role above the ladder is open to track {name!r}, which `tracks` does "
                    f"not define{_track_hint(name, tracks)}",
                    ("above_ladder", index, "open_to", pos),
                    name,
                )


def _crossover_on_defined_tracks_and_levels(
    moves: list[Any], tracks: Mapping[Any, Any] | None, level_ids: dict[str, int]
) -> Iterator[InitErrorDetails]:
    """Each crossover move: DL002 when it goes from or to a track the file does not define
    (unchecked without tracks), DL004 when a level it starts from is not a level of the scale."""
    for index, move in enumerate(moves):
        for field, attr in (("from", "from_"), ("to", None)):
            name = _get(move, field, attr)
            if isinstance(name, str) and tracks is not None and name not in tracks:
                yield dl_error(
                    "DL002",
                    f"crossover names track {name!r}, which `tracks` does not define"
                    f"{_track_hint(name, tracks)}",
                    ("crossover", index, field),
                    name,
                )
        for pos, level_id in enumerate(_items(_get(move, "levels"))):
            if _undefined(level_id, level_ids):
                yield _undefined_level(
                    "crossover", level_id, level_ids, ("crossover", index, "levels", pos)
                )
