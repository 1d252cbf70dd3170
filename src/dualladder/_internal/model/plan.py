"""The career plan file (``dualladder-plan: 1``) as pydantic v2 models.

A plan is written down by a person and their manager together: where the person stands on the
ladder (``current``), where they are going (``goal``), by when (``target``), the steps that get
them there and who owns each, what the manager commits to, when they review it, and both
signatures. The format is documented in ``docs/plan.md``.

Like the ladder models these are plain data with ``extra="forbid"``; the rules (DL4xx, in
:mod:`dualladder._internal.rules.plan`) check what needs the ladder or several fields at once, so a
plan that is still being filled in loads and gets findings instead of a refusal.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

from dualladder._internal.model.base import LadderModel, new_list
from dualladder._internal.model.ladder import Band, Decision, Scope
from dualladder._internal.model.plan_words import (
    COMMITMENT_PLACEHOLDER,
    EMPLOYEE,
    MANAGER,
    PERSON_PLACEHOLDER,
)
from dualladder._internal.util.kind_keys import PLAN_KEY

__all__ = [
    "COMMITMENT_PLACEHOLDER",
    "EMPLOYEE",
    "MANAGER",
    "PERSON_PLACEHOLDER",
    "PLAN_KEY",
    "Commitment",
    "LadderRef",
    "Person",
    "Plan",
    "Position",
    "RungSnapshot",
    "Signature",
    "Signoff",
    "Snapshots",
    "Status",
    "Step",
    "Waiver",
]

Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
Short = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Id = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[^\s]+$")]


class Status(enum.StrEnum):
    """Where a step stands: ``open``, ``in-progress``, ``done``, or ``dropped``."""

    OPEN = "open"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DROPPED = "dropped"


class Person(LadderModel):
    """Whom the plan is for. ``id`` is the only thing any finding or log names; ``name`` is
    optional and appears on the plan page only."""

    id: Id
    name: Short | None = None


class LadderRef(LadderModel):
    """The ladder the plan follows: a path relative to the plan file, and the ladder's
    ``effective`` date when the plan was made (to tell whether the ladder changed since)."""

    path: Text
    effective: date | None = None
    zone: Short | None = None


class Position(LadderModel):
    """A rung, named by its track key and level id."""

    track: Short
    level: Short

    def __str__(self) -> str:
        return f"{self.track}:{self.level}"


class RungSnapshot(LadderModel):
    """What a rung asked and granted when the plan was signed (written by ``plan new``), so a
    later change of the ladder can be named rung by rung."""

    title: Text
    scope: Scope | None = None
    expectations: list[Text] = Field(default_factory=new_list)
    decisions: list[Decision] | None = None
    pay: Band | None = None


class Snapshots(LadderModel):
    current: RungSnapshot | None = None
    goal: RungSnapshot | None = None


class Step(LadderModel):
    """One thing to do on the way to the goal.

    ``covers`` lists what the goal rung asks that this step answers (the texts ``plan new``
    writes: a new expectation, a wider scope, a new or stronger decision right). ``owner`` is
    ``employee``, ``manager`` or the name of someone else; ``owner`` and ``due`` may be left
    out while a plan is drafted, and rule DL404 reports them.
    """

    id: Id
    what: Text
    covers: list[Text] = Field(default_factory=new_list)
    owner: Short | None = None
    due: date | None = None
    status: Status = Status.OPEN
    evidence: Text | None = None


class Waiver(LadderModel):
    """A thing the goal asks that this plan deliberately leaves out, and why."""

    ask: Text
    reason: Text


class Commitment(LadderModel):
    """What the manager (or ``by``: someone else) does to support the plan."""

    what: Text
    by: Short = MANAGER
    due: date | None = None


class Signature(LadderModel):
    name: Short | None = None
    date: date


class Signoff(LadderModel):
    employee: Signature | None = None
    manager: Signature | None = None


class Plan(LadderModel):
    """A written career plan: from the current rung to the goal rung, with everyone's part."""

    model_config = ConfigDict(
        extra="forbid", populate_by_name=True, validate_default=False, validate_assignment=True
    )

    version: Literal[1] = Field(alias=PLAN_KEY)
    person: Person
    ladder: LadderRef
    current: Position
    goal: Position
    made: date | None = None
    target: date
    rungs: Snapshots | None = None
    steps: list[Step] = Field(default_factory=new_list)
    waived: list[Waiver] = Field(default_factory=new_list)
    commitments: list[Commitment] = Field(default_factory=new_list)
    reviews: list[date] = Field(default_factory=new_list)
    signoff: Signoff | None = None

    @field_validator("version", mode="before")
    @classmethod
    def _version(cls, value: Any) -> Any:
        if type(value) is not int or value != 1:
            raise PydanticCustomError(
                "DL002",
                "unsupported plan format version; this dualladder reads `dualladder-plan: 1`",
            )
        return value

    def step(self, step_id: str) -> Step | None:
        """The step with this id, or None."""
        return next((s for s in self.steps if s.id == step_id), None)

    @property
    def signed(self) -> date | None:
        """The date the plan was signed: the later of the two signatures, if both signed."""
        if self.signoff is None or self.signoff.employee is None or self.signoff.manager is None:
            return None
        return max(self.signoff.employee.date, self.signoff.manager.date)
