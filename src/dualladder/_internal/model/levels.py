"""The jobs of a ladder: levels (and their steps), rungs on tracks, roles above the ladder,
decision rights, and the moves between tracks."""

from __future__ import annotations

import enum
from typing import Any

from pydantic import Field

from dualladder._internal.model.base import AmountsModel, LadderModel, Text, new_list
from dualladder._internal.model.money import Amount, Band, Rewards, WithheldPay

__all__ = [
    "Authority",
    "Crossover",
    "Decision",
    "Job",
    "Level",
    "LevelStep",
    "OnLevel",
    "Rung",
    "Scope",
    "TopRole",
    "Track",
]

#: Each ordered enum's members by position (see :attr:`_Ordered.rank`).
_RANKS: dict[type, dict[Any, int]] = {}


class _Ordered(enum.StrEnum):
    """A string enum whose members compare by their position in the class."""

    @property
    def rank(self) -> int:
        ranks = _RANKS.get(type(self))
        if ranks is None:  # once per enum: the rules compare ranks thousands of times
            ranks = _RANKS[type(self)] = {member: index for index, member in enumerate(type(self))}
        return ranks[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.rank >= other.rank


class Authority(_Ordered):
    """How much say a rung has in a decision: ``informed < consulted < recommends < decides``."""

    INFORMED = "informed"
    CONSULTED = "consulted"
    RECOMMENDS = "recommends"
    DECIDES = "decides"


class Scope(_Ordered):
    """How far a rung's work or decision reaches: ``team < group < organization < company <
    industry``."""

    TEAM = "team"
    GROUP = "group"
    ORGANIZATION = "organization"
    COMPANY = "company"
    INDUSTRY = "industry"


class Decision(LadderModel):
    """One decision right: in ``domain`` the rung has ``authority`` at ``scope``."""

    domain: Text
    authority: Authority
    scope: Scope


class Job(LadderModel):
    """What a rung and a role above the ladder have in common: a job, with its title, what it
    asks, what it pays and which decisions it makes.

    Its fields come in this order in both (pydantic puts a base's fields first): a
    :class:`TopRole` adds ``open_to`` after them; a :class:`Rung` puts ``level`` before them
    (through :class:`OnLevel`) and ``role`` after them.
    """

    title: Text
    code: Text | None = None
    aliases: list[Text] = Field(default_factory=new_list)
    summary: str | None = None
    scope: Scope | None = None
    expectations: list[Text] = Field(default_factory=new_list)
    pay: Band | None = None
    rewards: Rewards | None = None
    decisions: list[Decision] | None = None


class OnLevel(LadderModel):
    """The level a job stands on (a rung's first key)."""

    level: Text


# pydantic collects fields along the MRO from its far end: OnLevel's ``level`` first, then the
# Job's fields, then the rung's own. Listing OnLevel after Job keeps the rung's key order (dumps,
# the JSON Schema and docs/format.md's table all follow it).
class Rung(Job, OnLevel):
    """One job on one track at one level."""

    #: The role this rung is one variant of: rungs of one level that share a ``role`` are the
    #: same job with and without reports (they differ in skills, not in scope).
    role: Text | None = None


class Track(LadderModel):
    """A track: its display name and its rungs, lowest level first."""

    name: Text | None = None
    rungs: list[Rung] = Field(default_factory=new_list)
    #: The levels (grades) this track uses, where skipping grades is normal (professionals on
    #: 18, 20, 22; managers on 24, 26, 27). Left out: every level between its lowest and highest
    #: rung.
    levels_in_use: list[Text] | None = None


class TopRole(Job):
    """A role above the ladder (CTO, Chief Architect): open to people from several tracks, and
    the ceiling of none of them."""

    #: The tracks whose people can reach this role; left out: every track.
    open_to: list[Text] | None = None


class LevelStep(AmountsModel):
    """A step or sub-level inside a level, with its own pay rate if it has one."""

    id: Text
    name: str | None = None
    #: The step's pay rate (one amount), in the band's currency.
    pay: Amount | None = None


class Level(LadderModel):
    """A grade on the shared scale. Ids are strings (``id: 010`` is refused, not read as 8)."""

    id: Text
    name: str | None = None
    pay: Band | None = None
    #: Pay on this level is equal by policy but not published: the policy's words, or ``true``.
    withheld_pay: WithheldPay | None = None
    #: Steps or sub-levels inside the level (A to E, steps 1 to 10), lowest first.
    steps: list[LevelStep] | None = None


class Crossover(LadderModel):
    """A move between two tracks: sideways at equal level and pay, or a promotion onto the
    other track's next rung; possibly only under a condition."""

    from_: Text = Field(alias="from")
    to: Text
    levels: list[Text] = Field(min_length=1)
    #: True when the move is a promotion: from a level of ``levels`` to the next rung above it
    #: on the ``to`` track, instead of a sideways move on the same level.
    promotion: bool = False
    #: When the move is open, in the organisation's words ("when a position is open").
    condition: Text | None = None
