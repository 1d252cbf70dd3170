"""The ladder's own text in other languages: the ``translations`` key of a ladder, family or
company file (documented in ``docs/format.md``, "Translations"), as models; what is done with
them is in :mod:`dualladder._internal.model.localize`.

A file is written in one language (its ``locale``, English when it names none). Its
``translations`` give, per language, the texts a reader sees (titles, summaries, expectations,
level names, track names, the family's name), keyed by what does not change with the language:
a level by its id, a track by its key, a rung by its track and level, a role above the ladder by
its title as the file writes it. Every other key of the file (pay, scope, decisions) is the same
in every language and is never repeated.

A translation is plain data; the ladder model holds it under ``translations``.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from dualladder._internal.model.base import LadderModel, Text, new_dict

__all__ = [
    "DEFAULT_LANGUAGE",
    "CompanyTranslation",
    "LanguageTag",
    "LevelText",
    "RungText",
    "TrackText",
    "Translation",
]

#: The language of a file that names none (``locale:``).
DEFAULT_LANGUAGE = "en"

#: A language, as gettext and Babel name it: ``de``, ``fr``, ``pt_BR``.
LanguageTag = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:_[A-Z]{2})?$")]


class RungText(LadderModel):
    """A rung's (or a role above the ladder's) text in one language."""

    title: Text | None = None
    summary: Text | None = None
    #: as many as the rung's own, in the same order
    expectations: list[Text] | None = None


class LevelText(LadderModel):
    """A level's text in one language."""

    name: Text | None = None


class TrackText(LadderModel):
    """A track's text in one language: its name and its rungs' text, by level id."""

    name: Text | None = None
    rungs: dict[Text, RungText] = Field(default_factory=new_dict)


class Translation(LadderModel):
    """The text of a ladder or family file in one language."""

    family: Text | None = None
    levels: dict[Text, LevelText] = Field(default_factory=new_dict)
    tracks: dict[Text, TrackText] = Field(default_factory=new_dict)
    #: by the role's title as the file writes it
    above_ladder: dict[Text, RungText] = Field(default_factory=new_dict)


class CompanyTranslation(LadderModel):
    """The text of a company file in one language: the names of its levels."""

    levels: dict[Text, LevelText] = Field(default_factory=new_dict)


