"""Numbers read from untrusted text: one bound on every decimal's digits and exponent.

Python's ``Decimal`` reads ``2e+999999999`` without complaint, and the first sum, product or
``abs`` of it then raises ``decimal.Overflow`` (or takes minutes, for ``1e-999999999`` divided
into something). So every number dualladder reads (amounts and fractions in YAML, company
factors, roster cells, plan sheets, command-line options) is checked with :func:`fits` before
any arithmetic: it looks only at the number's digits and exponent, never at the decimal
context, so it cannot overflow, and once a number fits, every step the rules take with it
stays exact and fast. :func:`plain_decimal` is how text that is not YAML (a CSV or XLSX cell,
an option) becomes a number: ASCII digits only, no ``_`` separators, no ``NaN``, and an
exponent of at most :data:`EXPONENT_DIGITS` digits.
"""

from __future__ import annotations

import numbers
import re
from decimal import Decimal, InvalidOperation
from typing import Any, Final

__all__ = [
    "EXPONENT_DIGITS",
    "MAX_NUMBER_CHARS",
    "dot_thousands",
    "exact_number",
    "fits",
    "grouped_number",
    "plain_decimal",
]

#: The longest text read as a number outside YAML (a roster cell, an option): no amount,
#: fraction or factor needs more, and a longer cell is not a number.
MAX_NUMBER_CHARS: Final = 64
#: The most digits of an exponent (``1e-999999999`` has nine: refused as text).
EXPONENT_DIGITS: Final = 3

_PLAIN = re.compile(
    rf"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{{1,{EXPONENT_DIGITS}}})?",
    re.ASCII,
)


def fits(value: Decimal, digits: int, places: int) -> bool:
    """Whether ``value`` is finite with at most ``digits`` digits before the decimal point and
    ``places`` after it (trailing zeros do not count: ``1.500`` has one place).

    Only the digits and the exponent are looked at, never the decimal context, so this never
    raises, whatever the value (``2e+999999999``, ``1e-999999999``, five thousand digits).
    """
    if not value.is_finite():
        return False
    if value.is_zero():
        return True
    if value.adjusted() >= digits:  # adjusted(): the exponent of the first digit, exactly
        return False
    text = str(value)
    if "E" not in text and places >= 0:  # written out (amounts, fractions): the places are
        point = text.find(".")  # the digits after the point, less trailing zeros
        return point < 0 or len(text[point + 1:].rstrip("0")) <= places
    parts = value.as_tuple()
    exponent = parts.exponent
    assert isinstance(exponent, int)  # finite
    if exponent >= -places:
        return True
    numerals = parts.digits
    zeros = len(numerals) - len(bytes(numerals).rstrip(b"\0"))
    return exponent + zeros >= -places


def plain_decimal(text: str) -> Decimal | None:
    """``' 85000.50 '`` -> ``Decimal('85000.50')``: a number written with ASCII digits, an
    optional sign, point and short exponent; None for anything else (``1_000``, Arabic-Indic or
    full-width digits, ``NaN``, ``Infinity``, ``1e-999999999``, text over
    :data:`MAX_NUMBER_CHARS` characters). The caller bounds its digits with :func:`fits`."""
    stripped = text.strip()
    if len(stripped) > MAX_NUMBER_CHARS or not _PLAIN.fullmatch(stripped):
        return None
    try:
        return Decimal(stripped)
    except InvalidOperation:  # not expected: the pattern is a subset of Decimal's syntax
        return None


def exact_number(value: Any) -> Any:
    """The one rule for a number given in Python where an exact decimal goes (an amount, a
    fraction, a factor), at construction and at assignment alike:

    - a ``Decimal`` (or text) as it is;
    - an integer of any integral type (``int``, ``numpy.int64``: :class:`numbers.Integral`) as
      that integer;
    - a float (``float``, ``numpy.float64``, ``numpy.float32``) as the decimal its shortest repr
      prints, ``1.023`` as ``Decimal('1.023')``, never its binary expansion
      (``1.0229999999999999982236431605997495353221893310546875``). A float with binary noise
      (``0.1 + 0.2``) keeps the noise, and the bounds on places refuse it;
    - a tuple or list of them, element by element; anything else (``bool``, a mapping) as it is,
      for the model to refuse.
    """
    if isinstance(value, bool | Decimal | str):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, float):
        return Decimal(float.__repr__(value))
    if isinstance(value, numbers.Real) and type(value).__module__ == "numpy":
        return Decimal(str(value))  # numpy's shortest repr of its own precision
    if isinstance(value, tuple | list):
        return type(value)(exact_number(item) for item in value)
    return value


#: A number written with a thousands separator: ``72,000``, ``1,234,567.50``, ``72 000``
#: (a space, a no-break space or a narrow one), ``72'000``; one separator throughout.
_GROUPED = re.compile(r"([+-]?[0-9]{1,3})([, \u00a0\u202f'])([0-9]{3})((?:\2[0-9]{3})*)(\.[0-9]+)?")
#: The same with a decimal comma, as German, French or Spanish write it: ``1.234.567``,
#: ``136.000,50``, ``136 000,50`` (a single ``72.000`` is a number to YAML: DL206 says more).
_GROUPED_COMMA = re.compile(
    r"([+-]?[0-9]{1,3})([. \u00a0\u202f'])([0-9]{3})((?:\2[0-9]{3})*)(,[0-9]+)?"
)


def grouped_number(text: str) -> str | None:
    """``"72,000"`` -> ``"72000"``, ``"136.000,50"`` -> ``"136000.50"``: the number as it is
    written without its thousands separators (and with a decimal point), or None when ``text``
    is not a number written with them. For the message that
    says how to write it (YAML reads ``72,000`` as text, and inside ``{...}`` as ``72`` and a
    key ``000``)."""
    if len(text) > MAX_NUMBER_CHARS:
        return None
    found = _GROUPED.fullmatch(text.strip())
    if found is None:
        found = _GROUPED_COMMA.fullmatch(text.strip())
        if found is None or (found[2] == "." and not found[4] and not found[5]):
            return None
    head, separator, first, rest, fraction = found.groups()
    return head + first + rest.replace(separator, "") + (fraction or "").replace(",", ".")


_ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def _below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    words = [f"{_ONES[hundreds]} hundred"] if hundreds else []
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        words.append(_TENS[tens] + (f"-{_ONES[ones]}" if ones else ""))
    elif rest:
        words.append(_ONES[rest])
    return " ".join(words)


def dot_thousands(value: Decimal) -> str | None:
    """``Decimal('72.000')`` -> ``'72.000 reads as 72; for seventy-two thousand write 72000'``:
    what an amount written with one to three digits, a dot and exactly three digits reads as,
    and how to write the amount a dot as a thousands separator means (``72.000`` in German);
    None for any other amount. YAML amounts are read as ``Decimal`` from the text as written,
    so the places written are the exponent (``72.000`` keeps its three, ``72.0`` has one)."""
    if not value.is_finite() or value < 1:
        return None
    _, digits, exponent = value.as_tuple()
    if exponent != -3 or not 4 <= len(digits) <= 6:
        return None
    meant = int(value * 1000)
    high, low = divmod(meant, 1000)
    words = f"{_below_thousand(high)} thousand" + (f" {_below_thousand(low)}" if low else "")
    return f"{value} reads as {value.normalize():f}; for {words} write {meant}"
