"""How the audit prints a figure: one helper for every reporter and every message.

A figure is compared with its threshold exactly (a category gap of 4.98 % is below the 5 % of
Art. 10), and it must read that way too: :func:`percent` rounds half up to one decimal, but where
that would put the printed figure on the other side of a threshold, or on it, it prints more
decimals (up to :data:`MAX_PLACES`) until the printed figure lies on the same side as the
exact one, and past that rounds towards the exact value's side. So 4.98 % beside 5 % reads
``4.98 %``, 5.001 % reads ``5.001 %``, and 5 % exactly reads ``5.0 %``.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Final

__all__ = ["MAX_PLACES", "NONE", "count", "percent"]

#: What a figure that is not computed reads.
NONE: Final = "-"

#: The most decimals of a percentage :func:`percent` prints to keep a figure off a threshold.
MAX_PLACES: Final = 4

_HUNDRED = Decimal(100)
_HUGE = Decimal(10) ** 20


def _side(value: Decimal, threshold: Decimal) -> int:
    return (value > threshold) - (value < threshold)


def percent(value: Decimal, *, beside: Iterable[Decimal] = (), places: int = 1,
            short: bool = False) -> str:
    """``Decimal('0.0769')`` -> ``'7.7 %'``: a fraction as a percentage, rounded half up to
    ``places`` decimals, never printed on or across any of the thresholds ``beside`` (as
    fractions, ``Decimal('0.05')``) unless it is exactly on one. ``short``: ``'7 %'`` for
    ``'7.0 %'`` (in messages). A figure above 0 too small to show reads ``'< 0.1 %'``, so a
    failing figure never reads 0."""
    if not value.is_finite() or abs(value) >= _HUGE:
        return "> 1e20 %" if value > 0 else "< -1e20 %"
    limits = [t * _HUNDRED for t in beside]
    exact = value * _HUNDRED
    for digits in range(places, MAX_PLACES + 1):
        shown = exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
        if all(_side(shown, t) == _side(exact, t) for t in limits):
            break
    else:  # still on a threshold: towards the exact figure's side of each
        below = any(exact < t <= shown for t in limits)
        shown = exact.quantize(Decimal(1).scaleb(-MAX_PLACES),
                               rounding=ROUND_FLOOR if below else ROUND_CEILING)
    if not shown and value > 0:
        return f"< {Decimal(1).scaleb(-places):f} %"
    text = f"{shown:f} %"
    return text.replace(".0 %", " %") if short else text


def count(value: int | Decimal | None) -> str:
    """A count of people: ``12``; a shared one (pay quarters, ties): ``2.5`` (two decimals at
    most); None -> ``-``."""
    if value is None:
        return NONE
    if isinstance(value, int) or value == value.to_integral_value():
        return str(int(value))
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP).normalize():f}"
