"""The statistics of an audit, in exact decimals.

Amounts stay :class:`~decimal.Decimal` from the roster to the report: sums and means are exact
(to the 28 significant digits of the default context), and quantiles interpolate between exact
values. Sorting a large group of decimals is slow, so values are ordered by a float key (a float
conversion is monotonic, so it never puts a smaller value after a larger one; only values closer
than a float can tell apart may tie) and such ties are then put in exact order.

Definitions (they are the ones docs/audit.md states):

- **quantiles** by the *inclusive* method (Excel's ``QUARTILE.INC``, ``statistics.quantiles(...,
  method="inclusive")``): the q-th quartile of n sorted values stands at position (n - 1) * q / 4,
  interpolated linearly between its neighbours; one value is its own every quartile.
- **pay gap** between women and men: (mean of men - mean of women) / mean of men, the
  Directive's "difference of average pay levels between female and male workers expressed as a
  percentage of the average pay level of male workers". Positive when men are paid more.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["Spread", "gap", "mean", "median", "sort_exact", "spread"]


def sort_exact(values: Sequence[Decimal]) -> list[Decimal]:
    """``sorted(values)``, faster: by float first, then exactly where floats tie."""
    out = sorted(values, key=float)
    if all(map(operator.le, out, out[1:])):
        return out
    return sorted(values)


def _at(data: Sequence[Decimal], numerator: int, denominator: int) -> Decimal:
    """The value at position (n - 1) * numerator / denominator of sorted ``data``."""
    n = len(data)
    index, rest = divmod((n - 1) * numerator, denominator)
    if rest == 0:
        return data[index]
    low, high = data[index], data[index + 1]
    return low + (high - low) * rest / denominator


@dataclass(frozen=True, slots=True)
class Spread:
    """Minimum, quartiles and maximum of a group."""

    count: int
    min: Decimal | None
    """None in a published report: the minimum is one person's value."""
    q1: Decimal | None
    """None in a published report where it is one person's value (so are the median and q3)."""
    median: Decimal | None
    q3: Decimal | None
    max: Decimal | None

    def rounded(self, places: int) -> Spread:
        q = Decimal(1).scaleb(-places)

        def r(value: Decimal | None) -> Decimal | None:
            return None if value is None else value.quantize(q, rounding=ROUND_HALF_UP)

        return Spread(self.count, r(self.min), r(self.q1), r(self.median), r(self.q3),
                      r(self.max))


def spread(sorted_values: Sequence[Decimal]) -> Spread | None:
    """The :class:`Spread` of already sorted values (None for none)."""
    if not sorted_values:
        return None
    data = sorted_values
    return Spread(len(data), data[0], _at(data, 1, 4), _at(data, 2, 4), _at(data, 3, 4),
                  data[-1])


def mean(values: Sequence[Decimal]) -> Decimal | None:
    """The mean, None for no values."""
    return sum(values, Decimal(0)) / len(values) if values else None


def median(sorted_values: Sequence[Decimal]) -> Decimal | None:
    """The median of already sorted values (the mean of the middle two for an even count)."""
    if not sorted_values:
        return None
    return _at(sorted_values, 1, 2)


def gap(men: Decimal | None, women: Decimal | None) -> Decimal | None:
    """(men - women) / men: the pay gap, None when either side is missing or men's is 0."""
    if men is None or women is None or men == 0:
        return None
    return (men - women) / men
