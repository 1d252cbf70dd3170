"""What the audit rules (:mod:`dualladder._internal.rules.audit`) look at: the people of each rung,
the groups behind the report's numbers, and the whole :class:`AuditContext`.

:mod:`dualladder._internal.services.audit.compute` gathers them from a roster and runs the rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from itertools import chain

from dualladder._internal.model.audit import AuditOptions, Category
from dualladder._internal.model.audit_amounts import Amounts, Value, quotients
from dualladder._internal.model.ladder import MANAGEMENT, Band, Ladder
from dualladder._internal.model.placement import Position, Problem, Scale
from dualladder._internal.model.roster import Roster
from dualladder._internal.model.stats import Spread, sort_exact, spread
from dualladder._internal.util.findings import Finding

__all__ = ["AuditContext", "Collected", "Rung"]


@dataclass(slots=True)
class Rung:
    """What is gathered about the people of one rung (across pay zones)."""

    position: Position
    amounts: Amounts
    """How the pays of :attr:`parts` are held."""
    people: list[int] = field(default_factory=list)
    parts: list[tuple[list[Value], Band | None]] = field(default_factory=list)
    """The full-time-equivalent base pays of the rung's people, by the band they are paid in."""
    currencies: set[str] = field(default_factory=set)
    below: list[tuple[int, Decimal, Position]] = field(default_factory=list)
    """(person, full-time-equivalent base pay, where they stand: their zone's band) of those
    paid below the band minimum."""
    above: list[tuple[int, Decimal, Position]] = field(default_factory=list)
    variable: list[int] = field(default_factory=list)
    """Those who received variable pay."""
    equity: list[int] = field(default_factory=list)
    """Those who received equity."""
    _sorted: Sequence[Decimal] | None = None
    _compa: Sequence[Decimal] | None = None

    def band(self) -> Band | None:
        """The one band all the rung's people are paid in (None: none, or several zones')."""
        bands = {(b.min, b.mid, b.max) if b is not None else None for _, b in self.parts}
        if len(bands) != 1:
            return None
        return self.parts[0][1]

    def fte_base(self) -> Sequence[Decimal]:
        """Every full-time-equivalent base pay, sorted."""
        if self._sorted is None:
            amounts = self.amounts
            self._sorted = amounts.view(amounts.sort(chain.from_iterable(
                pays for pays, _ in self.parts)))
        return self._sorted

    def compa_sorted(self) -> Sequence[Decimal]:
        """Every compa-ratio, sorted (only people paid in a band; computed as looked at
        where all are paid in one band)."""
        if self._compa is None:
            band = self.band()
            if band is not None:
                self._compa = quotients(self.fte_base(), band.mid)
            else:
                decimal = self.amounts.decimal
                self._compa = sort_exact([decimal(pay) / b.mid for pays, b in self.parts
                                          if b is not None for pay in pays])
        return self._compa

    def compa(self) -> Spread | None:
        """Compa-ratio: minimum, quartiles, maximum. With one band, the spread of the pays
        divided by the midpoint (the same numbers, one sort)."""
        band = self.band()
        if band is not None:
            found = spread(self.fte_base())
            return None if found is None else _scaled(found, Decimal(0), band.mid)
        return spread(self.compa_sorted())

    def penetration_values(self) -> list[Decimal]:
        """Every person's range penetration (those paid in a band that has a width)."""
        decimal = self.amounts.decimal
        return [(decimal(pay) - b.min) / (b.max - b.min) for pays, b in self.parts
                if b is not None and b.max != b.min for pay in pays]

    def penetration(self) -> Spread | None:
        """Range penetration: (pay - min) / (max - min), minimum, quartiles, maximum."""
        band = self.band()
        if band is not None:
            width = band.max - band.min
            found = spread(self.fte_base())
            return None if found is None or not width else _scaled(found, band.min, width)
        return spread(sort_exact(self.penetration_values()))


def _scaled(value: Spread, low: Decimal, width: Decimal) -> Spread:
    """``(x - low) / width`` of every number of a spread (an increasing map keeps the order)."""

    def f(x: Decimal | None) -> Decimal | None:
        return None if x is None else (x - low) / width

    q1, median, q3 = f(value.q1), f(value.median), f(value.q3)
    assert q1 is not None and median is not None and q3 is not None
    return Spread(value.count, f(value.min), q1, median, q3, f(value.max))


@dataclass(slots=True)
class Collected:
    """The groups behind the report's numbers (row indices of the roster), for the disclosure
    pass."""

    groups: dict[str, list[int]] = field(default_factory=dict)
    weights: dict[str, dict[int, Fraction]] = field(default_factory=dict)
    """Groups whose count is a weighted sum (a pay quarter, where a tie is shared): person ->
    their part in it; every other group counts each of its people once."""
    findings: list[tuple[Finding, tuple[str, ...] | None, tuple[str, ...]]] = field(
        default_factory=list)
    """Each finding of the rules with the groups whose counts its message tells (None: it is
    about a person) and the groups a statistic of its message is taken over."""
    person_valued: dict[str, set[str]] = field(default_factory=dict)
    """``<rung key>/compa`` or ``/penetration`` -> the quartiles (``q1``, ``median``, ``q3``)
    that are one person's value (never published)."""


@dataclass(slots=True)
class AuditContext:
    """What the audit rules look at."""

    scale: Scale
    roster: Roster
    options: AuditOptions
    amounts: Amounts
    """How pay is held per person (see :mod:`dualladder._internal.model.audit_amounts`)."""
    unplaced: list[tuple[Problem, list[int], Ladder | None]] = field(default_factory=list)
    """Profiles without a position: the problem, the people, the ladder whose policy rules."""
    rungs: dict[tuple[str, str, str], Rung] = field(default_factory=dict)
    """(family, track, level) -> the people there."""
    categories: list[tuple[Category, str, Position | None]] = field(default_factory=list)
    """Each category with its currency and a rung of it to point findings at."""
    collected: Collected | None = None
    """The groups behind the numbers (rules add the groups their messages count)."""

    def management_and_others(self) -> Iterable[tuple[Ladder, str, dict[str, Rung],
                                                       dict[str, Rung]]]:
        """For each ladder and each track other than management: the two tracks' rungs with
        people, by level."""
        for ladder in self.scale.ladders:
            family = ladder.family
            by_track: dict[str, dict[str, Rung]] = {}
            for (fam, track, level), rung in self.rungs.items():
                if fam == family:
                    by_track.setdefault(track, {})[level] = rung
            for track in ladder.tracks:
                if track != MANAGEMENT:
                    yield ladder, track, by_track.get(MANAGEMENT, {}), by_track.get(track, {})
