"""How the audit holds pay while it computes: exact decimals, or whole numbers of a small unit.

Every statistic of an audit is a :class:`~decimal.Decimal` computed as the exact decimal
computation defines it (:mod:`dualladder._internal.model.stats`). Per person, though, the audit only
adds, compares and sorts, and those are exact on whole numbers too, and several times faster:
an amount of ``85000.50`` is held as ``8500050`` hundredths. So the audit runs on one of two
:class:`Amounts`:

- :class:`Scaled` holds every full-time-equivalent amount as a Python ``int`` counting units of
  ``10**-places``. It is chosen only where it is exact *and gives the very numbers the decimal
  computation gives*: every amount of the roster has at most :data:`MAX_PLACES` decimals, and
  every pay divided by its fte (``base_pay / fte``) ends within :data:`MAX_PLACES` more
  decimals (fte 0.8 or 0.5 always does; fte 0.6 where the pay is a multiple of 3); the sums
  of one group's pay stay below ``10**28 / 2`` units, so that the decimal context's 28 digits
  add them (and a person's base and variable pay) exactly too. Where one of these fails,
  :class:`Inexact` is raised and the audit starts again on :class:`Exact`. Statistics are
  taken from the whole numbers at the end, by the same decimal operations (a quartile
  between two pays interpolates their decimals), so they are the same numbers. Sorting needs
  no care either: whole numbers order exactly, where the decimals are ordered by a float key
  and then put in exact order where floats tie.
- :class:`Exact` holds decimals, as read (the reference computation).

Tests compare the two on random rosters (``tests/services/audit/test_fast_paths.py``).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, Context, Decimal
from itertools import repeat
from typing import TYPE_CHECKING, Any, Final, overload

from dualladder._internal.model.stats import sort_exact

if TYPE_CHECKING:
    from dualladder._internal.model.roster import Roster

__all__ = ["AMOUNT_COLUMNS", "MAX_PLACES", "Amounts", "Exact", "Inexact", "Scaled"]

#: The most decimals :class:`Scaled` holds of an amount as read, and the most it adds for the
#: division by fte.
MAX_PLACES: Final = 12

#: The amount columns of a roster (all held in one unit by :class:`Scaled`).
AMOUNT_COLUMNS: Final = ("base_pay", "variable_pay", "equity", "in_kind")

#: The sums of one group's base pay and of its variable pay stay below this many units: each,
#: and a person's base plus variable pay, is then below ``10**28``, which the decimal context
#: (28 digits) holds exactly.
_SUM_LIMIT: Final = 10**28 // 2

_ZERO = Decimal(0)
_ONE = Decimal(1)
_WIDE = Context(prec=200)
"""A context that never rounds an amount of the roster (``MAX_PLACES`` decimals, < 10**15)."""

Value = Any
"""An amount as an :class:`Amounts` holds it (``Decimal`` for :class:`Exact`, ``int`` for
:class:`Scaled`)."""


class Inexact(Exception):
    """:class:`Scaled` cannot hold this roster exactly; the audit runs on :class:`Exact`."""


class Amounts:
    """The arithmetic of an audit, per person. ``raw`` values are as the roster gives them
    (base and variable pay); the others are full-time equivalents (divided by fte)."""

    zero: Value
    exact_order: bool
    """Whether :meth:`keys` orders values exactly (else equal keys may hide unequal values)."""

    def raw(self, roster: Roster, column: str) -> list[Value]:
        """The amounts of a column of ``roster``."""
        raise NotImplementedError

    def per_fte(self, values: list[Value], fte: Decimal) -> list[Value]:
        """``value / fte`` of raw ``values``."""
        raise NotImplementedError

    def settle(self, pays: Iterable[tuple[Decimal, list[Value]]]) -> None:
        """Look at every raw pay with its fte (``pays``) before :meth:`per_fte` is used."""

    def paid(self, values: list[Value]) -> list[Value]:
        """Raw ``values`` in the unit of the full-time equivalents (as paid: not divided)."""
        raise NotImplementedError

    def below(self, limit: Decimal) -> Value:
        """A raw value ``x`` is below ``limit`` exactly where ``x < below(limit)``."""
        raise NotImplementedError

    def above(self, limit: Decimal) -> Value:
        """A raw value ``x`` is above ``limit`` exactly where ``x > above(limit)``."""
        raise NotImplementedError

    def raw_decimal(self, value: Value) -> Decimal:
        raise NotImplementedError

    def decimal(self, value: Value) -> Decimal:
        raise NotImplementedError

    def sum(self, values: Iterable[Value]) -> Decimal:
        """The sum, as the decimal context adds the values one by one."""
        raise NotImplementedError

    def sort(self, values: Iterable[Value]) -> list[Value]:
        raise NotImplementedError

    def view(self, sorted_values: list[Value]) -> Sequence[Decimal]:
        """Sorted values as decimals (converted when looked at: a quartile needs two)."""
        raise NotImplementedError

    def keys(self, values: list[Value]) -> list[Any]:
        """Sort keys of ``values``, never ordering two values the wrong way round."""
        raise NotImplementedError


class Exact(Amounts):
    """Decimals: the reference computation."""

    zero = _ZERO
    exact_order = False

    def raw(self, roster: Roster, column: str) -> list[Value]:
        values: list[Any] = getattr(roster, column)
        return list(map(Decimal, values)) if column in roster.whole else values

    def per_fte(self, values: list[Value], fte: Decimal) -> list[Value]:
        return values if fte == _ONE else [value / fte for value in values]

    def paid(self, values: list[Value]) -> list[Value]:
        return values

    def below(self, limit: Decimal) -> Value:
        return limit

    def above(self, limit: Decimal) -> Value:
        return limit

    def raw_decimal(self, value: Value) -> Decimal:
        return Decimal(value)

    def decimal(self, value: Value) -> Decimal:
        return Decimal(value)

    def sum(self, values: Iterable[Value]) -> Decimal:
        return sum(values, _ZERO)

    def sort(self, values: Iterable[Value]) -> list[Value]:
        return sort_exact(list(values))

    def view(self, sorted_values: list[Value]) -> Sequence[Decimal]:
        return sorted_values

    def keys(self, values: list[Value]) -> list[Any]:
        return list(map(float, values))


def _places(values: Sequence[Decimal]) -> int:
    """The decimals of the amount with the most (0 for none)."""
    exponent = min((value.as_tuple().exponent for value in set(values)), default=0)
    assert isinstance(exponent, int)  # amounts are finite
    return max(0, -exponent)


def _split(fraction: int) -> tuple[int, int]:
    """``fraction`` = 2**a * 5**b * rest: gives (max(a, b), rest)."""
    twos = fives = 0
    while fraction % 2 == 0:
        fraction //= 2
        twos += 1
    while fraction % 5 == 0:
        fraction //= 5
        fives += 1
    return max(twos, fives), fraction


class Scaled(Amounts):
    """Whole numbers of ``10**-places`` (raw amounts: of ``10**-raw_places``)."""

    zero = 0
    exact_order = True

    def __init__(self, roster: Roster) -> None:
        """Raises :class:`Inexact` where an amount has more than :data:`MAX_PLACES`
        decimals, or an fte would need more."""
        self.raw_places = max((0 if column in roster.whole else _places(getattr(roster, column))
                               for column in AMOUNT_COLUMNS), default=0)
        extra = 0
        ftes: dict[Decimal, tuple[int, int, int]] = {}
        for fte in {profile.fte for profile in roster.profiles}:
            numerator, denominator = fte.as_integer_ratio()
            needed, rest = _split(numerator)
            extra = max(extra, needed)
            ftes[fte] = (numerator // rest, denominator, rest)
        if self.raw_places > MAX_PLACES or extra > MAX_PLACES:
            raise Inexact
        self.places = self.raw_places + extra
        # value / fte = value * denominator / numerator; numerator = (2**a * 5**b) * rest, and
        # 2**a * 5**b divides 10**extra: a whole number where rest divides the value
        self._fte = {fte: (denominator * 10**extra // tens, rest)
                     for fte, (tens, denominator, rest) in ftes.items()}
        self._ratios = {fte: (denominator, tens * rest)
                        for fte, (tens, denominator, rest) in ftes.items()}

    def settle(self, pays: Iterable[tuple[Decimal, list[Value]]]) -> None:
        """Add no decimals for the division by fte where none are needed: where the numerator
        of every fte (0.8 = 4/5) divides each pay of that fte, ``value / fte`` is a whole
        number of the raw unit already (``value // 4 * 5``), and the pays of an fte of 1,
        most of a roster, are then used as read, not scaled."""
        if self.places == self.raw_places:
            return
        for fte, values in pays:
            numerator = self._ratios[fte][1]
            if numerator != 1 and any(map(operator.mod, values, repeat(numerator))):
                return
        self.places = self.raw_places
        self._fte = self._ratios

    def raw(self, roster: Roster, column: str) -> list[Value]:
        values: list[Any] = getattr(roster, column)
        if column in roster.whole:
            if not self.raw_places:
                return values
            return list(map((10**self.raw_places).__mul__, values))
        # amounts repeat (equity grants, standard salaries): each distinct one converted once
        places = self.raw_places
        known = {value: int(_WIDE.scaleb(value, places)) for value in set(values)}
        return list(map(known.__getitem__, values))

    def paid(self, values: list[Value]) -> list[Value]:
        if self.places == self.raw_places:
            return values
        return list(map((10 ** (self.places - self.raw_places)).__mul__, values))

    def per_fte(self, values: list[Value], fte: Decimal) -> list[Value]:
        factor, rest = self._fte[fte]
        if rest != 1:
            if any(map(operator.mod, values, repeat(rest))):
                raise Inexact  # a quotient without end: the decimal context rounds it
            values = list(map(operator.floordiv, values, repeat(rest)))
        return values if factor == 1 else list(map(factor.__mul__, values))

    def below(self, limit: Decimal) -> Value:
        return int(_WIDE.scaleb(limit, self.raw_places).to_integral_value(ROUND_CEILING))

    def above(self, limit: Decimal) -> Value:
        return int(_WIDE.scaleb(limit, self.raw_places).to_integral_value(ROUND_FLOOR))

    def raw_decimal(self, value: Value) -> Decimal:
        return _WIDE.scaleb(Decimal(value), -self.raw_places)

    def decimal(self, value: Value) -> Decimal:
        return _WIDE.scaleb(Decimal(value), -self.places)

    def sum(self, values: Iterable[Value]) -> Decimal:
        total = sum(values)
        if total >= _SUM_LIMIT:
            raise Inexact  # the decimal context would round the partial sums
        return self.decimal(total)

    def sort(self, values: Iterable[Value]) -> list[Value]:
        return sorted(values)

    def view(self, sorted_values: list[Value]) -> Sequence[Decimal]:
        return Mapped(sorted_values, self.decimal)

    def keys(self, values: list[Value]) -> list[Any]:
        return values


class Mapped(Sequence[Decimal]):
    """``convert`` of each of ``values``, computed when looked at (so a sorted list of whole
    numbers is seen as the decimals they stand for without building a list of them)."""

    def __init__(self, values: Sequence[Any], convert: Callable[[Any], Decimal]) -> None:
        self.values = values
        self.convert = convert

    def __len__(self) -> int:
        return len(self.values)

    @overload
    def __getitem__(self, index: int) -> Decimal: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Decimal]: ...

    def __getitem__(self, index: int | slice) -> Decimal | Sequence[Decimal]:
        if isinstance(index, slice):
            return [self.convert(value) for value in self.values[index]]
        return self.convert(self.values[index])


def quotients(values: Sequence[Decimal], divisor: Decimal) -> Mapped:
    """``value / divisor`` of each of ``values`` (sorted values stay sorted for a divisor
    above 0), computed when looked at."""
    return Mapped(values, lambda value: value / divisor)
