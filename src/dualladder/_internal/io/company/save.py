"""Saving a job family to its own file, and a company to the company file.

A job family read with its company is one applied
:class:`~dualladder._internal.model.ladder.Ladder`: the company's scale, bands and policy merged
with the family's tracks, differentials and keys
(:func:`dualladder._internal.io.company.family.read_family`). Its file holds only the family's part.
Saving it takes the merge apart again (:func:`family_data`): the data the family file holds for the
ladder as it is now, computed the same way for the ladder as it was loaded, and the two are handed
to :func:`dualladder._internal.io.save.patch_document`, which rewrites only what differs. So the
company's levels and bands are never copied into the family file, and an unchanged family saves
byte-identical.

Where an edited value goes is decided by the data, not by key names:

* a key the family does not inherit (``tracks``, ``crossover``, ``fork``...) is the family's own
  and is written as it is;
* an inherited value the family may state for itself (an ``effective`` date, a policy key, a key
  of a level such as its ``name``) is written as the family's override when it differs from the
  company's, or where the family file already writes it;
* a level's band is the family's only where the family file writes it (a differential's own
  ``pay``, a family level ``pay``); a band that follows a differential's ``factor`` changes with
  the factor; any other band, the level scale itself, and the values a family may only repeat
  (``organization``, ``currency``) are the company's: such an edit is refused with
  :class:`CompanyEdit`, which says where the company file writes the value.

A differential is edited on ``ladder.differentials`` (the family file's list); the level bands
that follow it follow at once, and an edit the family file cannot hold is refused when it is
made (:mod:`dualladder._internal.model.family_edits`), where the models can see it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel

from dualladder._internal.io.company.read import (
    CompanyCache,
    CompanyResult,
    build_company,
    relative_to,
)
from dualladder._internal.io.dump import to_data
from dualladder._internal.io.parse import parse_text
from dualladder._internal.io.read import LoadResult, build
from dualladder._internal.model.company import Company, Differential, FamilyFile
from dualladder._internal.model.family import (
    COMPANY_ONLY,
    INHERITED_KEYS,
    FamilyLink,
    family_band,
)
from dualladder._internal.model.family_edits import CompanyEdit, band_refusal, refusal
from dualladder._internal.model.family_source import FamilySource
from dualladder._internal.model.ladder import Band, Ladder
from dualladder._internal.util.files import write_text_atomic
from dualladder._internal.util.findings import LadderError, Loc
from dualladder._internal.yaml import emit as style
from dualladder._internal.yaml.source import SourceMap

__all__ = [
    "CompanyEdit",
    "company_edited",
    "family_data",
    "family_saved_text",
    "read_back",
    "save_company",
    "saves_company",
]


# -- the company ----------------------------------------------------------------------------------


def original_company(company: Company) -> Company | None:
    """The company as its file held it when it was read (read again once, then kept)."""
    source = company.source
    if source is None or source.text is None:
        return None
    if source.original is None:
        source.original = build_company(parse_text(source.text, source.name)).company
    kept: Company | None = source.original
    return kept


def company_edited(company: Company) -> bool:
    """Whether ``company`` differs from what its file held when it was read (True for a
    company built in Python)."""
    return original_company(company) != company


def company_data(company: Company) -> dict[str, Any]:
    """The data a company file holds for ``company`` (fields at their defaults left out)."""
    from dualladder._internal.io.company.dump import company_data as data

    return data(company)


def saves_company(company: Company) -> str:
    """The text :func:`save_company` writes for ``company``, without checking that it reads."""
    text, _ = company_saved_text(company)
    return text


def company_saved_text(company: Company) -> tuple[str, str | None]:
    """The company file's text after the edits, and why its layout could not be kept."""
    from dualladder._internal.yaml.patch import patch_document

    source = company.source
    before = original_company(company)
    if source is None or source.text is None or source.root is None or before is None:
        return style.document(company_data(company)), None
    if before == company:
        return source.text, None
    return patch_document(source.text, source.root, company_data(before), company_data(company))


def save_company(company: Company, path: str | os.PathLike[str]) -> None:
    """Write ``company`` to ``path`` with the guarantees of :func:`dualladder.save`: only what
    changed is rewritten (an unchanged company saves byte-identical), the text must read back
    as this company (else :class:`~dualladder._internal.util.findings.LadderError` with its
    findings, and nothing is written), and the write is atomic. A company built in Python is written
    whole in the house style.

    Only the company file is written; its families, read before, still show the old company:
    read them again (:func:`dualladder.load_company`) to see the saved bands in them.
    """
    from dualladder._internal.yaml.patch import reads_back

    name = os.fspath(path)
    text = saves_company(company)
    source = company.source
    if source is None or text != source.text:
        result = build_company(parse_text(text, name))
        reads_back(company, result.company, result.findings,
                   f"{name}: the edited file would not read back as this company")
    write_text_atomic(path, text)


# -- the family -----------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A model value as the plain data a file holds (fields at their defaults and ``None``
    left out inside models, as :func:`dualladder._internal.io.dump.to_data` leaves them)."""
    if isinstance(value, BaseModel):
        dumped: Any = value.model_dump(
            mode="python", by_alias=True, exclude_defaults=True, exclude_none=True
        )
        return dumped
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _alias(model: type[BaseModel], name: str) -> str:
    return model.model_fields[name].alias or name


def _override(base: BaseModel, written: Iterable[str], new: BaseModel,
              skip: Iterable[str] = ()) -> dict[str, Any]:
    """The keys a family writes to override ``base`` (the company's model) so that it reads
    as ``new``: those it writes already, and those whose value differs from the company's."""
    left_out = set(skip)
    keys = set(written) - left_out
    for name in type(new).model_fields:
        if name not in left_out and getattr(new, name) != getattr(base, name):
            keys.add(name)
    model = type(new)
    return {_alias(model, name): _plain(getattr(new, name))
            for name in model.model_fields if name in keys}


class _Unmerge:
    """The family file's data for an applied family ladder (see the module docstring)."""

    def __init__(self, link: FamilyLink, original: Ladder, written: FamilyFile) -> None:
        self.link = link
        self.company = link.company
        self.company_map: SourceMap = link.source.company_map
        self.original = original
        self.written = written

    def refuse(self, loc: Loc, message: str) -> CompanyEdit:
        """The refusal, located where the company file writes the value."""
        return refusal(self.link, loc, message)

    def data(self, ladder: Ladder, differentials: list[Differential]) -> dict[str, Any]:
        own = to_data(ladder)
        diffs = [_plain(d) for d in differentials]
        out: dict[str, Any] = {}
        written = self.written.model_fields_set
        for name in FamilyFile.model_fields:
            key = _alias(FamilyFile, name)
            if name == "differentials":
                value: Any = diffs
            elif name == "levels":
                value = self.levels(ladder, differentials, diffs)
            elif name not in INHERITED_KEYS:
                value = own.get(key) if name in Ladder.model_fields else getattr(
                    self.written, name)
            elif name == "policy":
                company_policy = self.company.policy
                family = self.written.policy
                value = _override(company_policy, family.model_fields_set if family else (),
                                  ladder.policy)
            elif name == "dualladder":
                value = self.written.dualladder
            else:
                value = self.scalar(name, ladder, written)
            if value is None or (value in ([], {}) and name not in written):
                continue  # left out, as the file leaves out a key at its default
            out[key] = value
        return out

    def scalar(self, name: str, ladder: Ladder, written: set[str]) -> Any:
        new, theirs = getattr(ladder, name), getattr(self.company, name)
        if new != theirs:
            if name in COMPANY_ONLY:
                raise self.refuse(
                    (name,),
                    f"`{name}` of {ladder.family} is the company's ({theirs!r}), so it cannot "
                    f"become {new!r} in the family file; change it in the company file "
                    "(dualladder.save_company)",
                )
            return _plain(new)
        return _plain(new) if name in written else None

    def levels(self, ladder: Ladder, differentials: list[Differential],
               diffs: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
        company = self.company
        if ladder.level_ids != company.level_ids:
            raise self.refuse(
                ("levels",),
                f"the levels of {ladder.family} ({', '.join(ladder.level_ids)}) are the "
                f"company's scale ({', '.join(company.level_ids)}); add, remove or reorder "
                "levels in the company file (dualladder.save_company)",
            )
        current = self.written.model_copy(update={"differentials": differentials})
        entries: list[dict[str, Any]] = []
        for index, (level, base) in enumerate(zip(ladder.levels, company.levels, strict=True)):
            found = self.written.level_override(level.id)
            keys = set(found[1].model_fields_set) if found else set()
            entry = _override(base, keys, level, skip=("id", "pay"))
            if found is not None and found[1].pay is not None:
                entry["pay"] = _plain(level.pay)  # the family writes this band itself
            else:
                self.band(index, ladder, current, differentials, diffs)
            if entry or found is not None:
                entries.append({"id": level.id, **entry})
        return entries or None

    def band(self, index: int, ladder: Ladder, current: FamilyFile,
             differentials: list[Differential], diffs: list[dict[str, Any]]) -> None:
        """Check (and write into ``diffs``) the band of level ``index`` where the family file
        does not write a level ``pay``: it follows the differentials, or is the company's."""
        level = ladder.levels[index]
        derived = family_band(self.company, current, level.id)
        if level.pay == derived:
            return
        before = self.original.levels[index].pay
        if level.pay == before:
            return  # not edited: the band follows the edited differential when saved
        found = current.differential(level.id)
        if found is not None and found[1].pay is not None:
            number, differential = found
            unchanged = self.written.differential(level.id)
            if unchanged is None or unchanged[1].pay != differential.pay:
                raise self.refuse(
                    ("levels", index, "pay"),
                    f"level {level.id} of {ladder.family}: both its band and its differential's "
                    "`pay` were changed, and they differ; change one of them",
                )
            if level.pay is None:
                raise self.refuse(
                    ("levels", index, "pay"),
                    f"level {level.id} of {ladder.family}: a differential's band cannot be "
                    "removed by setting the level's band to None; remove the differential",
                )
            diffs[number]["pay"] = _plain(level.pay)
            return
        raise band_refusal(self.link, ladder.family, index, level.id)


def _cache(link: FamilyLink, company: Company, *names: str) -> CompanyCache:
    """A cache that gives ``company`` for the company file the family names, as resolved from
    each of ``names`` (the family file, the path it is saved to)."""
    cache = CompanyCache()
    result = CompanyResult(company, [], link.source.company_map)
    for name in names:
        cache.put(relative_to(name, link.file.company), result)
    return cache


def _original(link: FamilyLink) -> tuple[Ladder, FamilyFile, Company]:
    """The family and its company as their files held them when read (kept once computed)."""
    source = link.source
    if source.original is None:
        assert source.text is not None
        company = original_company(link.company) or link.company
        result = build(parse_text(source.text, source.name),
                       _cache(link, company, source.name))
        if result.ladder is None:  # not expected: the text was read as this family before
            raise LadderError(result.findings)
        found = result.ladder.company_link
        assert isinstance(found, FamilyLink)
        source.original = (result.ladder, found.file, company)
    kept: tuple[Ladder, FamilyFile, Company] = source.original
    return kept


def family_data(ladder: Ladder) -> tuple[dict[str, Any], dict[str, Any]]:
    """The data the family file held when read, and the data it holds for ``ladder`` now.

    Raises :class:`CompanyEdit` for an edit only the company file can hold, and when the
    family's company itself has unsaved edits (save it first with :func:`save_company`).
    """
    link = ladder.company_link
    assert isinstance(link, FamilyLink)
    original, written, company = _original(link)
    unmerge = _Unmerge(link, original, written)
    if company != link.company:
        raise unmerge.refuse(
            (), f"the company of {ladder.family} has unsaved changes: save it first "
            "(dualladder.save_company), then read the family again",
        )
    before = unmerge.data(original, list(written.differentials))
    after = unmerge.data(ladder, list(link.file.differentials))
    return before, after


def family_saved_text(ladder: Ladder) -> tuple[str, str | None]:
    """The family file's text after the edits of ``ladder``, and why its layout could not be
    kept (None if it was)."""
    from dualladder._internal.yaml.patch import patch_document

    link = ladder.company_link
    assert isinstance(link, FamilyLink)
    source: FamilySource = link.source
    assert source.text is not None and source.root is not None
    before, after = family_data(ladder)
    if before == after:
        return source.text, None
    return patch_document(source.text, source.root, before, after)


def read_back(ladder: Ladder, text: str, name: str) -> LoadResult:
    """``text`` read as the family file ``name``, with the company the family was read with."""
    link = ladder.company_link
    assert isinstance(link, FamilyLink)
    return build(parse_text(text, name), _cache(link, link.company, link.source.name, name))


def following_bands(ladder: Ladder, saved: Ladder) -> list[tuple[int, Band | None]]:
    """The level bands the saved family file gives differently from ``ladder``: bands that
    follow an edited differential, as ``(level index, band)``. Any other difference between
    ``saved`` (the saved text read back) and ``ladder`` is not expected (the patch lost an
    edit) and raises :class:`RuntimeError`."""
    link = ladder.company_link
    assert isinstance(link, FamilyLink)
    original = _original(link)[0]
    moved: list[tuple[int, Band | None]] = []
    levels = list(ladder.levels)
    if len(levels) == len(saved.levels):
        for index, (level, now) in enumerate(zip(levels, saved.levels, strict=True)):
            if level.pay != now.pay and level.pay == original.levels[index].pay:
                moved.append((index, now.pay))
                levels[index] = level.model_copy(update={"pay": now.pay})
    if ladder.model_copy(update={"levels": levels}) != saved:
        name = saved.source.name if saved.source else "<family>"
        raise RuntimeError(f"{name}: the edited file would not read back as this family")
    return moved
