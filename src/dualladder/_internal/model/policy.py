"""A ladder's ``policy``: the tolerances and ranges the rules apply, and per-rule ``ignore``
and ``severity``."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, Field, field_validator
from pydantic_core import PydanticCustomError

from dualladder._internal.model.base import AmountsModel, Text, new_dict, new_list
from dualladder._internal.model.money import fraction
from dualladder._internal.util.catalog import (
    CATALOG,
    COMPANY_LOAD_CODES,
    LOAD_CODES,
    READ_CODES,
    Severity,
)

__all__ = ["MANAGEMENT_WORDS", "NOT_MANAGEMENT", "Policy", "RuleCode"]

#: A bound of a policy range: bounded like a fraction; its sign and order are checked with the
#: whole range (see ``Policy._range``), so the message can show both ends.
RangeEnd = Annotated[Decimal, AfterValidator(fraction)]
Range = tuple[RangeEnd, RangeEnd]


def _code(value: str) -> str:
    if value not in CATALOG:
        raise PydanticCustomError("DL002", "unknown rule code {code!r}", {"code": value})
    if value in LOAD_CODES or value in COMPANY_LOAD_CODES:
        raise PydanticCustomError(
            "DL002",
            "{code} is a load error; it cannot be ignored or downgraded",
            {"code": value},
        )
    if value in READ_CODES:
        raise PydanticCustomError(
            "DL002",
            "{code} is a roster read error; it cannot be ignored or downgraded",
            {"code": value},
        )
    return value


RuleCode = Annotated[str, AfterValidator(_code)]


#: The default ``policy.management_words``.
MANAGEMENT_WORDS: tuple[str, ...] = (
    "manager", "director", "head of", "vice president", "VP", "chief"
)
#: The default ``policy.not_management``: manager titles that do not manage people.
NOT_MANAGEMENT: tuple[str, ...] = (
    "program manager",
    "programme manager",
    "product manager",
    "project manager",
)


class Policy(AmountsModel):
    """Tolerances and ranges the rules apply, and per-rule ``ignore`` and ``severity``."""

    pay_tolerance: Annotated[
        Decimal, Field(ge=0, lt=1, allow_inf_nan=False), AfterValidator(fraction)
    ] = Decimal(0)
    midpoint_progression: Range = (Decimal("0.05"), Decimal("0.30"))
    range_spread: Range = (Decimal("0.20"), Decimal("1.00"))
    seat_at_the_table: list[Text] = Field(default_factory=lambda: ["strategy"])
    #: DL108: words that name people management in a title (whole words, any case).
    management_words: list[Text] = Field(default_factory=lambda: list(MANAGEMENT_WORDS))
    #: DL108: phrases that contain a management word but name other work (programme or
    #: product management); they are taken out of a title before the words are looked for.
    not_management: list[Text] = Field(default_factory=lambda: list(NOT_MANAGEMENT))
    ignore: list[RuleCode] = Field(default_factory=new_list)
    severity: dict[RuleCode, Severity] = Field(default_factory=new_dict)

    @field_validator("midpoint_progression", "range_spread")
    @classmethod
    def _range(cls, value: Range) -> Range:
        lo, hi = value
        if not (lo.is_finite() and hi.is_finite()) or lo > hi or lo < 0:
            raise PydanticCustomError(
                "DL002", "a range is [low, high] with 0 <= low <= high, got [{lo}, {hi}]",
                {"lo": str(lo), "hi": str(hi)},
            )
        return value
