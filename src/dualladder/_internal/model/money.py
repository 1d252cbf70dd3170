"""Money in a ladder: exact amounts, fractions and currencies, pay bands and total rewards.

Amounts are ``Decimal`` within fixed bounds, so every amount prints in a few dozen characters
and the rules' arithmetic stays exact; :func:`format_amount` is how every output shows one.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    SerializerFunctionWrapHandler,
    StringConstraints,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    model_serializer,
    model_validator,
)
from pydantic_core import PydanticCustomError

from dualladder._internal.model.base import AmountsModel, Text, dl_error
from dualladder._internal.util.numbers import dot_thousands, exact_number, fits

__all__ = [
    "AMOUNT_DIGITS",
    "AMOUNT_PLACES",
    "Amount",
    "Band",
    "Currency",
    "Factor",
    "Fraction",
    "Rewards",
    "Step",
    "WithheldPay",
    "format_amount",
    "fraction",
    "gap",
    "percent",
    "percent_fits",
    "times",
    "withheld_statement",
]

#: The bounds of an amount of money: fewer than 15 digits before the decimal point (below a
#: thousand trillion) and at most 4 after it. No pay band needs more, and within them every
#: amount prints in a few dozen characters and the rules' arithmetic stays exact in Python's
#: 28-digit decimal context (``1.0e+999999999`` would take gigabytes to print).
AMOUNT_DIGITS = 15
AMOUNT_PLACES = 4
#: The bounds of a fraction (a bonus target, a tolerance, a policy range): at most 100
#: (10,000 %) and at most 6 decimal places.
FRACTION_MAX = Decimal(100)
FRACTION_DIGITS = 3
FRACTION_PLACES = 6
#: The bounds of a factor (a pay zone's or a differential's multiple of a band): from 0.01 to
#: 100, with at most 6 decimal places, so a scaled band stays an amount and never rounds to 0.
FACTOR_MIN = Decimal("0.01")
FACTOR_MAX = Decimal(100)


def _amount(value: Decimal) -> Decimal:
    if not fits(value, AMOUNT_DIGITS, AMOUNT_PLACES) and value.is_finite():
        raise PydanticCustomError(
            "DL002",
            f"an amount has at most {AMOUNT_DIGITS} digits before the decimal point and "
            f"{AMOUNT_PLACES} after it",
        )
    return value


def fraction(value: Decimal) -> Decimal:
    if value.is_finite() and (
        not fits(value, FRACTION_DIGITS, FRACTION_PLACES) or abs(value) > FRACTION_MAX
    ):
        raise PydanticCustomError(
            "DL002",
            f"a fraction is at most {FRACTION_MAX} ({FRACTION_MAX * 100:.0f} %) with at most "
            f"{FRACTION_PLACES} decimal places, such as 0.10 for 10 %",
        )
    return value


def _factor(value: Decimal) -> Decimal:
    if not fits(value, FRACTION_DIGITS, FRACTION_PLACES) or not (
        FACTOR_MIN <= value <= FACTOR_MAX
    ):
        raise PydanticCustomError(
            "DL002",
            f"a factor is from {FACTOR_MIN} to {FACTOR_MAX} with at most {FRACTION_PLACES} "
            "decimal places, such as 1.15",
        )
    return value


def _fraction_syntax(value: Any) -> Any:
    """Say what a fraction looks like when it is written as a percentage (``10%``)."""
    if isinstance(value, str) and value.strip().endswith("%"):
        raise PydanticCustomError(
            "DL002", "a fraction is a number such as 0.10 for 10 %, not a percentage"
        )
    return value


def _currency(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """A clear message instead of the pattern's regular expression."""
    try:
        return handler(value)
    except ValidationError:
        raise PydanticCustomError(
            "DL002", "a currency is a three-letter ISO 4217 code in capitals, such as EUR"
        ) from None


Amount = Annotated[Decimal, Field(allow_inf_nan=False), AfterValidator(_amount)]
Currency = Annotated[
    str, StringConstraints(pattern=r"^[A-Z]{3}$"), WrapValidator(_currency)
]
Fraction = Annotated[
    Decimal,
    Field(ge=0, allow_inf_nan=False),
    BeforeValidator(_fraction_syntax),
    AfterValidator(fraction),
]

#: A factor of a band (a zone's, a differential's): see :data:`FACTOR_MIN`.
Factor = Annotated[Decimal, Field(gt=0, allow_inf_nan=False), AfterValidator(_factor)]
#: What a scaled amount is rounded to (a zone's ``round_to``): an amount above 0.
Step = Annotated[Decimal, Field(gt=0, allow_inf_nan=False), AfterValidator(_amount)]


def format_amount(value: Decimal) -> str:
    """``Decimal('150000')`` -> ``'150,000'``; ``Decimal('1234.5')`` -> ``'1,234.50'``;
    ``Decimal('0.0001')`` -> ``'0.0001'`` (at most :data:`AMOUNT_PLACES` places).

    Far beyond any amount the model accepts (see :data:`AMOUNT_DIGITS`) the number is shown in
    scientific notation, so its text stays short whatever the value (``2.0e+999999999`` would
    otherwise take a gigabyte and a minute to print).
    """
    if value.is_finite() and value.adjusted() > 2 * AMOUNT_DIGITS:
        return f"{value:.6E}"
    if value == value.to_integral_value():
        return f"{value:,.0f}"
    # cents as usual, and the finer places an amount may have (0.0001 is not "0.00")
    exponent = value.normalize().as_tuple().exponent
    places = min(max(2, -exponent if isinstance(exponent, int) else 2), AMOUNT_PLACES)
    return f"{value:,.{places}f}"


def times(value: Decimal, factor: Decimal, step: Decimal) -> Decimal:
    """``value * factor`` rounded half up to a multiple of ``step`` (how location-factor
    calculators and pay raises round)."""
    return (value * factor / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


#: The largest raise or cut in percent that :meth:`Band.scaled` takes (and a market adjustment).
PERCENT_MAX = 100_000


def percent_fits(value: Decimal) -> bool:
    """Whether ``value`` is a percent :meth:`Band.scaled` takes: finite, at most
    :data:`PERCENT_MAX` either way, at most 6 decimal places (digits looked at first, so
    ``1e999999999`` is no work)."""
    return fits(value, 6, FRACTION_PLACES) and abs(value) <= PERCENT_MAX


def _number(value: object, name: str) -> Decimal:
    number = exact_number(value)
    try:
        result = Decimal(number) if isinstance(number, int | str | Decimal) else None
    except InvalidOperation:
        result = None
    if result is None or not result.is_finite():
        raise ValueError(f"{name} is a number, not {value!r}")
    return result


class Band(AmountsModel):
    """A pay band: ``0 < min <= mid <= max``, exact amounts, optional currency override.

    ``mid`` may be left out (pay tables that publish only a minimum and a maximum): it is then
    *derived* as the middle of the range, ``(min + max) / 2``, so ``band.mid`` is always a
    ``Decimal`` for the rules and scripts, while :attr:`mid_derived` says it was not written.
    A derived midpoint is not written back by :func:`dualladder.dumps` (``model_dump`` leaves
    it out), and it follows ``min`` and ``max`` when they change.
    """

    min: Amount
    #: The default is a placeholder only: a band without ``mid`` gets the middle of its range.
    mid: Amount = Decimal(0)
    max: Amount
    currency: Currency | None = None

    @property
    def mid_derived(self) -> bool:
        """True when ``mid`` was not stated but derived as the middle of ``min`` and ``max``."""
        return "mid" not in self.model_fields_set

    @model_validator(mode="after")
    def _ordered(self) -> Band:
        lo, hi = self.min, self.max
        if self.mid_derived:
            # __dict__, not setattr: no assignment validation (and no recursion into this check)
            self.__dict__["mid"] = (lo + hi) / 2
        mid = self.mid
        problem: tuple[str, Decimal, str] | None = None
        if lo <= 0:
            problem = ("min", lo, f"pay band min {format_amount(lo)} is not above 0")
        elif self.mid_derived and hi < lo:
            problem = (
                "max",
                hi,
                f"pay band max {format_amount(hi)} is below min {format_amount(lo)}",
            )
        elif mid < lo:
            problem = (
                "mid",
                mid,
                f"pay band mid {format_amount(mid)} is below min {format_amount(lo)}",
            )
        elif hi < mid:
            problem = (
                "max",
                hi,
                f"pay band max {format_amount(hi)} is below mid {format_amount(mid)}",
            )
        if problem is not None:
            field, value, text = problem
            text = f"{text}; a band needs 0 < min <= mid <= max"
            # which amount is out of order: a dot as a thousands separator (DL206) says so
            for amount in (value, lo) if field != "min" else (value,):
                if (reading := dot_thousands(amount)) is not None:
                    text = f"{text} ({reading})"
                    break
            raise ValidationError.from_exception_data(
                "Band", [dl_error("DL006", text, (field,), value)]
            )
        return self

    def scaled(self, percent: Decimal | int | float | str,
               round_to: Decimal | int | float | str = 1) -> Band:
        """A new band, this one raised by ``percent`` % (``3`` for 3 %, ``-2.5`` for a cut),
        each amount rounded half up to a multiple of ``round_to``; the currency kept, a derived
        midpoint still derived. Numbers follow the one rule of the models (a float through its
        shortest repr). ValueError for a percent beyond +-100,000 or with more than 6 places,
        a step that is not an amount above 0, or a band the raise leaves out of order
        (``scaled(-100)``)."""
        number = _number(percent, "percent")
        if not percent_fits(number):
            raise ValueError("a percent is at most 100,000 with at most 6 decimal places")
        factor = 1 + number / 100
        step = _number(round_to, "round_to")
        if step <= 0 or not fits(step, AMOUNT_DIGITS, AMOUNT_PLACES):
            raise ValueError(f"round_to is an amount above 0, not {step}")
        low, high = times(self.min, factor, step), times(self.max, factor, step)
        if self.mid_derived:
            return Band(min=low, max=high, currency=self.currency)
        return Band(min=low, mid=times(self.mid, factor, step), max=high, currency=self.currency)

    @model_serializer(mode="wrap")
    def _without_derived_mid(self, handler: SerializerFunctionWrapHandler) -> Any:
        """A derived midpoint is not data of the file: dumps and ``model_dump`` leave it out."""
        data = handler(self)
        if self.mid_derived and isinstance(data, dict):
            data.pop("mid", None)
        return data


class Rewards(AmountsModel):
    """Total rewards beyond base pay."""

    bonus_target: Fraction | None = None
    equity: Annotated[Decimal, Field(ge=0, allow_inf_nan=False), AfterValidator(_amount)] | None = (
        None
    )
    perks: list[Text] | None = None


#: ``withheld_pay``: the organisation's statement (text), ``true`` (withheld, no words given) or
#: ``false`` (the same as leaving it out).
WithheldPay = bool | Text


def withheld_statement(value: WithheldPay | None) -> str | None:
    """The statement a ``withheld_pay`` value makes: its text, ``""`` for ``true``, None when
    pay is not withheld (left out or ``false``)."""
    if value is None or value is False:
        return None
    return "" if value is True else value


def gap(a: Decimal, b: Decimal) -> Decimal:
    """The relative gap of two amounts (``docs/rules.md``): ``|a - b| / max(a, b)``."""
    top = max(a, b)
    return abs(a - b) / top if top else Decimal(0)


#: Above this a fraction is shown as "> 1e20 %": rounding it to 0.1 % would need more digits
#: than the decimal context has.
_HUGE = Decimal("1e18")


def percent(value: Decimal) -> str:
    """``Decimal('0.0769')`` -> ``'7.7 %'``, rounded half up (a gap too small to show is
    ``'< 0.1 %'``, so a failing gap never reads as ``0 %``)."""
    if 0 < value < Decimal("0.0005"):
        return "< 0.1 %"
    if not value.is_finite() or abs(value) >= _HUGE:  # a range compounded over many levels
        return "> 1e20 %" if value > 0 else "< -1e20 %"
    shown = (value * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{shown:f} %".replace(".0 %", " %")
