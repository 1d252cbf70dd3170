"""A roster as the audit holds it: people column by column, and the profiles they share.

Read from a CSV or XLSX file by :mod:`dualladder._internal.io.roster.read`. A roster holds
personal data: nothing here logs or keeps it, and messages quote a value only through
:func:`show`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Final, NamedTuple

__all__ = [
    "FEMALE",
    "GENDERS",
    "MALE",
    "NOT_SHOWN",
    "PERSON_COLUMNS",
    "PROFILE_COLUMNS",
    "WELL_FORMED_ID",
    "Amount",
    "Person",
    "Profile",
    "Roster",
    "show",
    "well_formed",
]

_ONE = Decimal(1)
_ZERO = Decimal(0)

FEMALE: Final = "F"
MALE: Final = "M"

#: Values of the ``gender`` column (compared without case and surrounding spaces). Anything
#: else, or an empty cell, counts as "another gender or not stated".
GENDERS: Final[dict[str, str]] = {
    "f": FEMALE,
    "female": FEMALE,
    "woman": FEMALE,
    "w": FEMALE,
    "m": MALE,
    "male": MALE,
    "man": MALE,
}


@dataclass(frozen=True, slots=True)
class Person:
    """One row of a roster, as read (amounts exact, ``fte`` 1 and variable pay and equity 0 where
    the roster does not give them)."""

    employee_id: str
    track: str
    level: str
    base_pay: Decimal
    fte: Decimal = _ONE
    variable_pay: Decimal = _ZERO
    equity: Decimal = _ZERO
    in_kind: Decimal = _ZERO
    """The annual value of other benefits in kind."""
    hours: Decimal | None = None
    """Contracted weekly hours, where given."""
    gender: str = ""
    """``F``, ``M``, or ``""`` for another gender or not stated."""
    family: str = ""
    zone: str = ""
    currency: str = ""
    hire_date: date | None = None
    line: int = 0
    """Where the row starts in the file (0 for a person not read from a file)."""


class Profile(NamedTuple):
    """What many people of a roster share: where they stand and how they are employed.

    A roster keeps each distinct profile once and gives each person the index of theirs, so
    grouping people by rung, category or sex never looks at a string per person.
    """

    track: str
    level: str
    fte: Decimal
    gender: str
    family: str
    zone: str
    currency: str


#: The columns of a :class:`Profile`, in its field order.
PROFILE_COLUMNS: Final = Profile._fields

#: The columns held per person.
PERSON_COLUMNS: Final = ("employee_id", "base_pay", "variable_pay", "equity", "in_kind", "hours",
                         "hire_date")

Amount = Decimal | int
"""An amount of pay as a roster holds it (see :attr:`Roster.whole`)."""


@dataclass(slots=True)
class Roster:
    """The people of a roster, column by column: person ``i`` is row ``i`` of each list, and
    ``profiles[profile[i]]`` is their :class:`Profile`.

    Columns the file does not have read as empty text, ``fte`` 1, and ``variable_pay`` and
    ``equity`` 0.
    """

    name: str
    columns: dict[str, int]
    """Column -> its position in the file (1 = the first), for the columns the file has."""
    employee_id: list[str] = field(default_factory=list)
    base_pay: list[Amount] = field(default_factory=list)
    variable_pay: list[Amount] = field(default_factory=list)
    equity: list[Decimal] = field(default_factory=list)
    in_kind: list[Decimal] = field(default_factory=list)
    """The annual value of benefits in kind other than equity (0 where none)."""
    hours: list[Decimal | None] = field(default_factory=list)
    """Contracted weekly hours (None where not given)."""
    hire_date: list[date | None] = field(default_factory=list)
    line: list[int] = field(default_factory=list)
    profile: list[int] = field(default_factory=list)
    profiles: list[Profile] = field(default_factory=list)
    rows_read: int = 0
    """The rows of people in the file (blank rows not counted), kept or left out."""
    whole: set[str] = field(default_factory=set)
    """The amount columns (``base_pay``, ``variable_pay``) held as ``int``: the fast path
    reads a column of whole numbers so (``int("85000")`` is the same number as
    ``Decimal("85000")``, and quicker to read, add and sort). Other amounts are ``Decimal``;
    :meth:`person` gives ``Decimal`` always."""

    def __len__(self) -> int:
        return len(self.employee_id)

    def has(self, column: str) -> bool:
        """Whether the file has ``column``."""
        return column in self.columns

    def person(self, index: int) -> Person:
        p = self.profiles[self.profile[index]]
        return Person(
            employee_id=self.employee_id[index],
            track=p.track,
            level=p.level,
            base_pay=Decimal(self.base_pay[index]),
            fte=p.fte,
            variable_pay=Decimal(self.variable_pay[index]),
            equity=self.equity[index],
            in_kind=self.in_kind[index],
            hours=self.hours[index],
            gender=p.gender,
            family=p.family,
            zone=p.zone,
            currency=p.currency,
            hire_date=self.hire_date[index],
            line=self.line[index],
        )

    def people(self) -> Iterator[Person]:
        for index in range(len(self)):
            yield self.person(index)

    def column_number(self, column: str) -> int:
        """The position of ``column`` in the file (1 when the file lacks it)."""
        return self.columns.get(column, 1)

    def select(self, keep: Sequence[int]) -> Roster:
        """A roster of the people at the indices ``keep`` (profiles shared)."""
        out = Roster(self.name, dict(self.columns), profiles=self.profiles,
                     rows_read=self.rows_read, whole=set(self.whole))
        for name in (*PERSON_COLUMNS, "line", "profile"):
            values = getattr(self, name)
            setattr(out, name, [values[i] for i in keep])
        return out


#: What a roster value must look like to be quoted in a message: an id (letters, digits and
#: ``. _ - / # : +``, no spaces, at most 40 characters). Anything else may be a misread row
#: holding a name, a pay and a gender (``E1;Ada Lovelace;technical;L5;52000;female`` read as
#: one cell of a comma file), and is never quoted: the finding's line names the row.
WELL_FORMED_ID: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/#:+-]{0,39}", re.ASCII)
#: How a message names a value that is not a well-formed id.
NOT_SHOWN: Final = "(not shown: not a well-formed id)"


def well_formed(value: str) -> bool:
    """Whether ``value`` is an id a message may quote (see :data:`WELL_FORMED_ID`)."""
    return WELL_FORMED_ID.fullmatch(value) is not None


def show(value: str, limit: int = 40) -> str:
    """A value from the roster as messages quote it: in quotes if it is a well-formed id,
    else :data:`NOT_SHOWN` (never a name, a pay or a gender of a misread row)."""
    if not well_formed(value):
        return NOT_SHOWN
    return f"'{value[:limit]}'"
