"""A ladder in another language: :func:`localized` gives a copy of a ladder in a language,
each text taken from its translation (:mod:`dualladder._internal.model.translations`) or else
the file's own; :func:`untranslated` says which texts a translation lacks (the rule DL117 and
the renderer report them) and :func:`stale` what a translation names that the ladder does not
have (DL118). Nothing here reads files or writes findings: the rules and services locate what
these return.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TypeVar

from dualladder._internal.model.ladder import Ladder
from dualladder._internal.model.translations import LevelText, RungText, Translation
from dualladder._internal.util.findings import Loc

__all__ = [
    "Untranslated",
    "language_of",
    "localized",
    "pick",
    "same_language",
    "stale",
    "untranslated",
]


def language_of(tag: str) -> str:
    """``de`` for ``de_AT``."""
    return tag.split("_", 1)[0]


def same_language(a: str, b: str) -> bool:
    return language_of(a) == language_of(b)


T = TypeVar("T")


def pick(translations: Mapping[str, T], locale: str) -> tuple[str, T] | None:
    """The translation for ``locale``: its own (``de_AT``), else its language's (``de``),
    else the first of another region of that language (``de_DE`` for ``de``); None if the
    file has none in that language."""
    if locale in translations:
        return locale, translations[locale]
    language = language_of(locale)
    if language in translations:
        return language, translations[language]
    for tag, text in translations.items():
        if language_of(tag) == language:
            return tag, text
    return None


@dataclass(frozen=True, slots=True)
class Untranslated:
    """A text of the ladder that a translation lacks: where the file's own text stands (a
    YAML path of the ladder) and what it is, for the message."""

    loc: Loc
    what: str


def _quote(text: str) -> str:
    one = " ".join(text.split())
    return repr(one if len(one) <= 60 else one[:59] + "\u2026")


def _rung_texts(loc: Loc, own_summary: str | None, own_expectations: list[str],
                text: RungText | None, where: str) -> Iterator[Untranslated]:
    if text is None or text.title is None:
        yield Untranslated((*loc, "title"), f"the title of {where}")
    if own_summary and (text is None or text.summary is None):
        yield Untranslated((*loc, "summary"), f"the summary of {where}")
    if own_expectations and (text is None or text.expectations is None):
        yield Untranslated((*loc, "expectations"), f"the expectations of {where}")


def untranslated(ladder: Ladder, text: Translation, *, levels: bool = True,
                 company_levels: Mapping[str, LevelText] | None = None
                 ) -> Iterator[Untranslated]:
    """Every text of ``ladder`` a reader sees that ``text`` (one language's translation)
    lacks, in file order. ``levels`` False leaves the level names out (a job family's levels
    are its company's, checked in the company file); ``company_levels`` are the company's
    level names in that language, used where the family's own translation has none."""
    if text.family is None:
        yield Untranslated(("family",), f"the family name {_quote(ladder.family)}")
    if levels:
        for index, level in enumerate(ladder.levels):
            if not level.name:
                continue
            own = text.levels.get(level.id)
            theirs = (company_levels or {}).get(level.id)
            if (own is None or own.name is None) and (theirs is None or theirs.name is None):
                yield Untranslated(("levels", index, "name"),
                                   f"the name {_quote(level.name)} of level {level.id}")
    for key, track in ladder.tracks.items():
        track_text = text.tracks.get(key)
        if track_text is None or track_text.name is None:
            shown = track.name or ladder.track_name(key)
            yield Untranslated(("tracks", key, "name") if track.name else ("tracks", key),
                               f"the name {_quote(shown)} of the {key} track")
        for index, rung in enumerate(track.rungs):
            rung_text = track_text.rungs.get(rung.level) if track_text is not None else None
            yield from _rung_texts(("tracks", key, "rungs", index), rung.summary,
                                   rung.expectations, rung_text,
                                   f"{_quote(rung.title)} ({rung.level}) on the {key} track")
    for index, role in enumerate(ladder.above_ladder):
        yield from _rung_texts(("above_ladder", index), role.summary, role.expectations,
                               text.above_ladder.get(role.title),
                               f"{_quote(role.title)} above the ladder")


def stale(ladder: Ladder, text: Translation) -> Iterator[tuple[Loc, str]]:
    """What ``text`` names that ``ladder`` does not have, or translates otherwise than the
    ladder has it: ``(path in the translation, message)``; the path is relative to the
    translation (``tracks.technical.rungs.L9``)."""
    level_ids = set(ladder.level_ids)
    for level_id in text.levels:
        if level_id not in level_ids:
            yield ("levels", level_id), f"level {level_id} is not a level of the ladder"
    for key, track_text in text.tracks.items():
        track = ladder.tracks.get(key)
        if track is None:
            yield ("tracks", key), f"{key} is not a track of the ladder"
            continue
        rungs = {rung.level: rung for rung in track.rungs}
        for level_id, rung_text in track_text.rungs.items():
            rung = rungs.get(level_id)
            if rung is None:
                yield (("tracks", key, "rungs", level_id),
                       f"the {key} track has no rung on level {level_id}")
                continue
            yield from _counts(("tracks", key, "rungs", level_id), rung.expectations,
                               rung_text, f"{_quote(rung.title)} ({level_id})")
    roles = {role.title: role for role in ladder.above_ladder}
    for title, role_text in text.above_ladder.items():
        role = roles.get(title)
        if role is None:
            yield (("above_ladder", title),
                   f"no role above the ladder is titled {_quote(title)}")
            continue
        yield from _counts(("above_ladder", title), role.expectations, role_text,
                           f"the role {_quote(title)}")


def _counts(loc: Loc, own: list[str], text: RungText, where: str) -> Iterator[tuple[Loc, str]]:
    if text.expectations is not None and len(text.expectations) != len(own):
        yield ((*loc, "expectations"),
               f"{len(text.expectations)} expectations translated, but {where} has "
               f"{len(own)}: translate each one, in the same order")


def _rung_update(expectations: list[str], text: RungText | None) -> dict[str, object]:
    """What of a rung's (or a role's) text ``text`` replaces: each text it gives; its
    expectations only when as many as the rung's own (they are paired one to one)."""
    if text is None:
        return {}
    update: dict[str, object] = {}
    if text.title is not None:
        update["title"] = text.title
    if text.summary is not None:
        update["summary"] = text.summary
    if text.expectations is not None and len(text.expectations) == len(expectations):
        update["expectations"] = list(text.expectations)
    return update


def localized(ladder: Ladder, text: Translation | None,
              company_levels: Mapping[str, LevelText] | None = None) -> Ladder:
    """A copy of ``ladder`` with its texts in one language: each from ``text`` (the file's
    translation), a level's name else from ``company_levels``, else the file's own. The copy
    shares everything else with ``ladder`` (where it was read from, its company, its bands),
    so it is for reading and rendering, not for saving."""
    text = text or Translation()
    company_levels = company_levels or {}
    levels = []
    for level in ladder.levels:
        own = text.levels.get(level.id)
        theirs = company_levels.get(level.id)
        name = (own.name if own is not None and own.name is not None
                else theirs.name if theirs is not None else None)
        levels.append(level.model_copy(update={"name": name}) if name else level)
    tracks = {}
    for key, track in ladder.tracks.items():
        track_text = text.tracks.get(key)
        rungs = []
        for rung in track.rungs:
            rung_text = track_text.rungs.get(rung.level) if track_text is not None else None
            update = _rung_update(rung.expectations, rung_text)
            rungs.append(rung.model_copy(update=update) if update else rung)
        name = track_text.name if track_text is not None else None
        track_update: dict[str, object] = {"rungs": rungs}
        if name is not None:
            track_update["name"] = name
        tracks[key] = track.model_copy(update=track_update)
    roles = []
    for role in ladder.above_ladder:
        update = _rung_update(role.expectations, text.above_ladder.get(role.title))
        roles.append(role.model_copy(update=update) if update else role)
    update_ladder: dict[str, object] = {"levels": levels, "tracks": tracks,
                                        "above_ladder": roles}
    if text.family is not None:
        update_ladder["family"] = text.family
    return ladder.model_copy(update=update_ladder)
