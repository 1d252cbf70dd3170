"""One change between two versions of a ladder, and the catalog of change kinds.

A :class:`Change` is shaped like a finding: a machine ``kind`` (from :data:`CHANGE_KINDS`), a
``subject`` (what changed: ``level L6``, ``technical L6 Staff Engineer``), a one-line
``message`` for people, and the YAML path (``loc``) of the node in the version that has it, so
a reporter can give its line. ``old`` and ``new`` are the two values as text; ``details`` holds
exact figures (amounts and percentages as strings) for JSON readers.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Final, Literal

from pydantic import BaseModel

from dualladder._internal.model.ladder import format_amount
from dualladder._internal.util.findings import Loc, format_loc

__all__ = ["CHANGE_KINDS", "Change", "shorten", "show", "text_or_none"]

#: kind -> what it means, in report order. docs/cli.md lists them all (a test keeps it so).
CHANGE_KINDS: Final[dict[str, str]] = {
    "document.added": "a ladder file that only the new version has",
    "document.removed": "a ladder file that only the old version has",
    "document.broken": "the new version of a file cannot be read as a ladder (its findings say "
    "why)",
    "document.fixed": "the old version of a file could not be read as a ladder; the new one can",
    "ladder.changed": "a top-level field changed: organization, family, currency, effective",
    "document.kind": "a file changed its kind (a ladder, a job family of a company, a company "
    "file)",
    "company.changed": "a top-level field of a company file changed: organization, currency, "
    "effective",
    "family.changed": "a field of a job family file changed: its company, family name, policy, "
    "level overrides, differentials",
    "zone.added": "a pay zone of a company that the old version does not have",
    "zone.removed": "a pay zone the new version no longer has",
    "zone.changed": "a zone's factor, rounding, currency, name or explicit bands changed",
    "policy.changed": "a policy setting changed: tolerance, ranges, seat-at-the-table domains, "
    "ignored rules, severities",
    "level.added": "a level the old version does not define",
    "level.removed": "a level the new version no longer defines",
    "level.moved": "a level that stands at another place in the order of levels",
    "level.renamed": "a level's name changed",
    "level.pay": "a level's default pay band changed (amounts and percent)",
    "level.changed": "any other field of a level changed",
    "track.added": "a track the old version does not have",
    "track.removed": "a track the new version no longer has",
    "track.renamed": "a track's display name changed",
    "rung.added": "a rung (a job on a track at a level) the old version does not have",
    "rung.removed": "a rung the new version no longer has",
    "rung.moved": "a rung that stands on another level or track (matched by job code, title, "
    "or place)",
    "rung.title": "a rung's title was renamed",
    "rung.code": "a rung's job code changed",
    "rung.aliases": "other titles of a rung added or removed",
    "rung.summary": "a rung's summary was rewritten",
    "rung.scope": "a rung's scope was raised (wider) or lowered (narrower)",
    "rung.expectations": "expectations of a rung added or removed",
    "rung.decisions": "a decision right added, removed, raised or lowered (authority or scope)",
    "rung.pay": "a rung's pay band changed (its own band, or the band it gets after a move)",
    "rung.rewards": "bonus target, equity or perks of a rung changed",
    "rung.changed": "any other field of a rung changed",
    "crossover.added": "a crossover move between two tracks that the old version lacks",
    "crossover.removed": "a crossover move the new version no longer states",
    "crossover.changed": "the levels (or any other field) of a crossover move changed",
    "translation.added": "a translation into a language the old version does not translate into",
    "translation.removed": "a translation the new version no longer has",
    "translation.changed": "a text of a translation changed, was added or was removed",
    "other.changed": "a field this version of dualladder has no special report for changed",
}

Side = Literal["old", "new"]


@dataclass(frozen=True, slots=True)
class Change:
    """One semantic change between the old and the new version of a ladder."""

    kind: str
    subject: str
    message: str
    #: the YAML path of the changed node in the version named by ``side``
    loc: Loc = ()
    #: ``new`` for changes and additions (located in the new file), ``old`` for removals
    side: Side = "new"
    old: str | None = None
    new: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)
    #: the file of that version and the 1-based line of the node (when it was read from a file)
    file: str = ""
    line: int | None = None
    #: for a change of a rung: its ``(track, level)`` in the version named by ``side``
    rung: tuple[str, str] | None = None
    #: the subject as a reader names it, tracks and zones by their display names
    #: (``Engineering Management L6 Senior Engineering Manager``, ``zone Berlin``); empty
    #: where it is the ``subject`` itself
    label: str = ""

    @property
    def shown_subject(self) -> str:
        """The subject as a reader names it: :attr:`label`, else :attr:`subject`."""
        return self.label or self.subject

    @property
    def path(self) -> str:
        return format_loc(self.loc)

    def __str__(self) -> str:
        return f"{self.subject}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file or None,
            "line": self.line,
            "kind": self.kind,
            "subject": self.subject,
            "label": self.shown_subject,
            "message": self.message,
            "path": self.path,
            "side": self.side,
            "old": self.old,
            "new": self.new,
            "details": dict(self.details),
            "rung": list(self.rung) if self.rung else None,
        }


#: Values longer than this are cut in messages (``old``/``new`` and JSON keep them whole).
SHOWN_MAX = 120


def shorten(text: str, limit: int = SHOWN_MAX) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1] + "\u2026"


def text_or_none(value: Any) -> str | None:
    """A change's ``old`` or ``new``: the value as :func:`show` writes it, and None (``null``
    in JSON) where there is nothing, the one convention for "nothing before" (or after)."""
    return None if value is None else show(value)


def show(value: Any) -> str:
    """A value as a reviewer reads it: amounts with separators, enums by value, lists and
    mappings compactly; None as ``none``."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        if value.is_finite() and abs(value) >= 1000:
            return format_amount(value)
        return str(value)
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        data = {
            (f.alias or name): getattr(value, name)
            for name, f in type(value).model_fields.items()
            if getattr(value, name) is not None
        }
        return show(data)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {show(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple | set | frozenset):
        return "[" + ", ".join(show(v) for v in value) + "]"
    return str(value)
