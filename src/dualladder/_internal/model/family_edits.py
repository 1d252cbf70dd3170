"""Edits of a job family as they are made: the bands that follow an edit follow it at once, and
an edit that the family file cannot hold is refused at once.

A family read with its company holds each level's band as a value (the company's band after
the family's differential, :func:`~dualladder._internal.model.family.family_band`). Those values
depend on the differentials and on the company's bands, so :func:`follow` watches both
(:func:`~dualladder._internal.model.base.on_edit`, called after every validated assignment):

* an assignment to a differential or its band, a differential added to or removed from
  ``ladder.differentials`` (the list tells), or an assignment to one of the company's levels or
  their bands brings the family's derived level bands up to date (:func:`refresh`);
* an assignment to a level's band of the family (the level's ``pay``, one of its amounts, or
  ``ladder.levels``) is checked as :func:`dualladder.save` would check it: where the family
  writes the band itself it is accepted (a differential's own ``pay`` takes the new band too,
  so the two stay one value); a band that follows a factor or is the company's is refused with
  :class:`CompanyEdit`, and the assignment is undone. So are a level's id (the scale is the
  company's) and ``organization`` or ``currency`` other than the company's.

Edits inside other lists and mappings (``ladder.levels.pop()``) are not seen by the models;
:func:`dualladder.check` and :func:`dualladder.save` report those.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from typing import Any, SupportsIndex

from dualladder._internal.model.base import LadderModel, on_edit
from dualladder._internal.model.company import Company, Differential
from dualladder._internal.model.family import COMPANY_ONLY, FamilyLink, family_band, link_of
from dualladder._internal.model.ladder import Ladder, Level
from dualladder._internal.util.findings import Loc

__all__ = ["CompanyEdit", "band_refusal", "follow", "refresh"]


class CompanyEdit(ValueError):
    """An edit of a job family that only the company file can hold (a company band, the level
    scale, the organisation): refused when it is made, and by :func:`dualladder.save`. The
    message names the file, line and column where the value is written."""


def refusal(link: FamilyLink, loc: Loc, message: str, in_family: bool = False) -> CompanyEdit:
    """The refusal, located where the value is written: the company file, or the family's."""
    where = link.source if in_family else link.source.company_map
    line, column = where.locate(loc)
    return CompanyEdit(f"{where.name}:{line}:{column}: {message}")


def band_refusal(link: FamilyLink, family: str, index: int, level_id: str) -> CompanyEdit:
    """Why level ``index``'s band of a family cannot be set where the family file does not write
    it: it follows a differential's factor, or it is the company's."""
    found = link.file.differential(level_id)
    if found is not None and found[1].factor is not None:
        return refusal(
            link, ("differentials", found[0], "factor"),
            f"level {level_id} of {family} is paid the company's band times its differential's "
            f"factor {found[1].factor}, so its band cannot be set: change the factor "
            f"(ladder.differentials[{found[0]}].factor), or give the differential its own "
            "`pay` instead, or change the company's band in the company file "
            "(dualladder.save_company)",
            in_family=True,
        )
    return refusal(
        link, ("levels", index, "pay"),
        f"level {level_id}'s band in {family} is the company's: change it in the company file "
        "(dualladder.save_company), or declare a differential for this family "
        "(ladder.differentials, with a factor or its own pay, and a reason)",
    )


def _writes_band(link: FamilyLink, level_id: str) -> bool:
    """Whether the family file writes a level ``pay`` of its own for ``level_id``."""
    own = link.file.level_override(level_id)
    return own is not None and own[1].pay is not None


def refresh(ladder: Ladder) -> None:
    """Bring every level band of a family that follows its differentials or its company up to
    date (a band the family writes itself is its own and stays). A band that already has its
    value is kept as the same object."""
    link = link_of(ladder)
    if link is None:
        return
    for level in ladder.levels:
        if _writes_band(link, level.id):
            continue
        derived = family_band(link.company, link.file, level.id)
        if level.pay != derived:
            level.__dict__["pay"] = derived.model_copy() if derived is not None else None
            level.__pydantic_fields_set__.add("pay")
    _watch_family(ladder, link)


def _check_level(ladder: Ladder, link: FamilyLink, index: int, level: Level) -> None:
    """Accept level ``index``'s band as just set, or refuse it (see the module docstring)."""
    if _writes_band(link, level.id):
        return
    derived = family_band(link.company, link.file, level.id)
    if level.pay == derived:
        return
    found = link.file.differential(level.id)
    if found is not None and found[1].pay is not None:
        if level.pay is None:
            raise refusal(
                link, ("levels", index, "pay"),
                f"level {level.id} of {ladder.family}: a differential's band cannot be removed "
                "by setting the level's band to None; remove the differential",
            )
        differential = found[1]
        differential.__dict__["pay"] = level.pay.model_copy()
        _watch_differential(differential, _family_hook(ladder))
        return
    raise band_refusal(link, ladder.family, index, level.id)


def _position(ladder: Ladder, level: Level) -> int | None:
    for index, found in enumerate(ladder.levels):
        if found is level:
            return index
    return None


def _on_ladder(ref: weakref.ref[Ladder], model: LadderModel, name: str) -> None:
    ladder = ref()
    link = link_of(ladder) if ladder is not None else None
    if ladder is None or link is None or model is not ladder:
        return
    company = link.company
    if name in COMPANY_ONLY and getattr(ladder, name) != getattr(company, name):
        raise refusal(
            link, (name,),
            f"`{name}` of {ladder.family} is the company's ({getattr(company, name)!r}), so it "
            f"cannot become {getattr(ladder, name)!r}; change it in the company file "
            "(dualladder.save_company)",
        )
    if name == "levels":
        if ladder.level_ids != company.level_ids:
            raise _scale_refusal(link, ladder)
        for index, level in enumerate(ladder.levels):
            _check_level(ladder, link, index, level)
        _watch_family(ladder, link)


def _scale_refusal(link: FamilyLink, ladder: Ladder) -> CompanyEdit:
    return refusal(
        link, ("levels",),
        f"the levels of {ladder.family} are the company's scale "
        f"({', '.join(link.company.level_ids)}); add, remove, rename or reorder levels in the "
        "company file (dualladder.save_company)",
    )


def _on_level(ref: weakref.ref[Ladder], model: LadderModel, name: str) -> None:
    ladder = ref()
    link = link_of(ladder) if ladder is not None else None
    if ladder is None or link is None or not isinstance(model, Level):
        return
    index = _position(ladder, model)
    if index is None:
        return  # no longer a level of the family
    if name == "id":
        raise _scale_refusal(link, ladder)
    if name == "pay":
        _check_level(ladder, link, index, model)
        if model.pay is not None:
            on_edit(model.pay, _level_band_hook(ref, model))


def _level_band_hook(ref: weakref.ref[Ladder], level: Level) -> Callable[[LadderModel, str], None]:
    # The level by weak reference too: the hook is kept (by the band) as long as the band
    # lives, and a level held here would keep its band, so neither would ever be freed.
    level_ref = weakref.ref(level)

    def hook(band: LadderModel, name: str) -> None:
        ladder = ref()
        level = level_ref()
        link = link_of(ladder) if ladder is not None else None
        if ladder is None or link is None or level is None or level.pay is not band:
            return
        index = _position(ladder, level)
        if index is not None:
            _check_level(ladder, link, index, level)

    return hook


def _refresher(ladder: Ladder) -> Callable[[], None]:
    ref = weakref.ref(ladder)

    def again() -> None:
        found = ref()
        if found is not None:
            refresh(found)

    return again


def _family_hook(ladder: Ladder) -> Callable[[LadderModel, str], None]:
    again = _refresher(ladder)
    return lambda model, name: again()


def _watch_differential(differential: Differential, hook: Callable[[LadderModel, str], None]
                        ) -> None:
    on_edit(differential, hook)
    if differential.pay is not None:
        on_edit(differential.pay, hook)


def _watch_family(ladder: Ladder, link: FamilyLink) -> None:
    ref = weakref.ref(ladder)
    on_edit(ladder, lambda model, name: _on_ladder(ref, model, name))
    for level in ladder.levels:
        on_edit(level, lambda model, name: _on_level(ref, model, name))
        if level.pay is not None:
            on_edit(level.pay, _level_band_hook(ref, level))
    hook = _family_hook(ladder)
    differentials = link.file.differentials
    if not isinstance(differentials, _Told):
        differentials = _Told(differentials)
        link.file.__dict__["differentials"] = differentials
    differentials.tell = _refresher(ladder)
    for differential in differentials:
        _watch_differential(differential, hook)


def follow(ladder: Ladder) -> None:
    """Make a family's derived bands follow edits of its differentials and its company, and
    refuse an edit of it that its file cannot hold (see the module docstring)."""
    link = link_of(ladder)
    if link is None:
        return
    _watch_family(ladder, link)
    followers = _followers(link.company)
    followers.append(weakref.ref(ladder))
    if len(followers) >= 64 and len(followers) & (len(followers) - 1) == 0:
        followers[:] = [family for family in followers if family() is not None]  # amortised
    hook = _company_hook(link.company)
    on_edit(link.company, hook)
    for level in link.company.levels:
        on_edit(level, hook)
        if level.pay is not None:
            on_edit(level.pay, hook)


_FOLLOWERS: dict[int, tuple[weakref.ref[Company], list[weakref.ref[Ladder]]]] = {}


def _followers(company: Company) -> list[weakref.ref[Ladder]]:
    """The families that follow ``company`` (kept by weak reference, as long as it lives)."""
    key = id(company)
    found = _FOLLOWERS.get(key)
    if found is None or found[0]() is not company:

        def forget(ref: weakref.ref[Company], key: int = key,
                   followers: Any = _FOLLOWERS) -> None:
            kept = followers.get(key)
            if kept is not None and kept[0] is ref:
                del followers[key]

        found = (weakref.ref(company, forget), [])
        _FOLLOWERS[key] = found
    return found[1]


def _company_hook(company: Company) -> Callable[[LadderModel, str], None]:
    ref = weakref.ref(company)

    def hook(model: LadderModel, name: str) -> None:
        found = ref()
        if found is None:
            return
        for level in found.levels:  # a new band of a level is watched too
            on_edit(level, hook)
            if level.pay is not None:
                on_edit(level.pay, hook)
        followers = _followers(found)
        followers[:] = [family for family in followers if family() is not None]
        for family in list(followers):
            ladder = family()
            if ladder is not None:
                refresh(ladder)

    return hook


class _Told(list[Differential]):
    """The differentials of a family file: a list that tells its family when it changes, so a
    differential added or removed moves the bands that follow it. Its copies are plain lists."""

    tell: Callable[[], None] | None = None

    def _told(self) -> None:
        if self.tell is not None:
            self.tell()

    def __copy__(self) -> list[Differential]:
        return list(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> list[Differential]:
        from copy import deepcopy

        return [deepcopy(item, memo) for item in self]

    def __reduce_ex__(self, protocol: SupportsIndex) -> Any:
        return (list, (list(self),))

    def append(self, item: Differential) -> None:
        super().append(item)
        self._told()

    def extend(self, items: Iterable[Differential]) -> None:
        super().extend(items)
        self._told()

    def insert(self, index: SupportsIndex, item: Differential) -> None:
        super().insert(index, item)
        self._told()

    def remove(self, item: Differential) -> None:
        super().remove(item)
        self._told()

    def pop(self, index: SupportsIndex = -1) -> Differential:
        item = super().pop(index)
        self._told()
        return item

    def clear(self) -> None:
        super().clear()
        self._told()

    def __setitem__(self, index: Any, value: Any) -> None:
        super().__setitem__(index, value)
        self._told()

    def __delitem__(self, index: Any) -> None:
        super().__delitem__(index)
        self._told()

    def __iadd__(self, items: Iterable[Differential]) -> _Told:  # type: ignore[override,misc]
        super().__iadd__(items)
        self._told()
        return self
