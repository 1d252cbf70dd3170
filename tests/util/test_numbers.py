"""The bound on a number's digits and places (:func:`dualladder._internal.util.numbers.fits`)
reads a written-out decimal from its text, and gives what its digits and exponent give."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from dualladder._internal.util.numbers import fits


def _fits_by_digits(value: Decimal, digits: int, places: int) -> bool:
    """:func:`fits` from the decimal's digits and exponent alone (its definition)."""
    if not value.is_finite():
        return False
    if value.is_zero():
        return True
    if value.adjusted() >= digits:
        return False
    _, numerals, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    zeros = len(numerals) - len(bytes(numerals).rstrip(b"\0"))
    return exponent >= -places or exponent + zeros >= -places


_WRITTEN = st.from_regex(r"-?[0-9]{1,20}(\.[0-9]{0,12})?([eE][-+]?[0-9]{1,3})?", fullmatch=True)


@given(
    st.decimals(allow_nan=True, allow_infinity=True) | st.integers().map(Decimal)
    | _WRITTEN.map(Decimal),
    st.integers(0, 20),
    st.integers(-3, 12),
)
def test_fits_is_what_the_digits_and_exponent_say(value: Decimal, digits: int,
                                                  places: int) -> None:
    assert fits(value, digits, places) is _fits_by_digits(value, digits, places)


def test_written_out_amounts() -> None:
    cases = [("150000", True), ("150000.0000", True), ("0.1250", True), ("0.12345", False),
             ("-0.00010", True), ("1E+3", True), ("1.5E-7", False), ("123.45000", True)]
    assert [fits(Decimal(text), 15, 4) for text, _ in cases] == [ok for _, ok in cases]
