"""Rules: how the amounts of money are written (DL206, a dot read as a thousands separator)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

from dualladder._internal.model.ladder import Band
from dualladder._internal.model.levels import Job
from dualladder._internal.rules.ladder.registry import Context, Problem, rule
from dualladder._internal.util.findings import Loc
from dualladder._internal.util.numbers import dot_thousands
from dualladder._internal.util.textsafe import cut


def misread(amount: Decimal, currency: str | None) -> str | None:
    """DL206's words for an amount written like ``72.000`` in ``currency`` (``72.000 reads as
    72; for seventy-two thousand write 72000 (USD has 2 decimal places)``), None for any other
    amount or a currency with three decimal places."""
    reading = dot_thousands(amount)
    if reading is None or _minor_digits(currency) >= 3:
        return None
    places = f" ({currency} has {_minor_digits(currency)} decimal places)" if currency else ""
    return reading + places


@lru_cache(maxsize=64)
def _minor_digits(currency: str | None) -> int:
    """The decimal places of ``currency`` (ISO 4217, from Babel's CLDR data: 2 for USD and
    EUR, 3 for KWD, BHD, JOD, OMR, TND, 0 for JPY); 2 when no currency is known."""
    if currency is None:
        return 2
    from babel.numbers import get_currency_precision  # only for a suspect amount

    return get_currency_precision(currency)


def _band_amounts(band: Band, loc: Loc) -> Iterator[tuple[Loc, str, Decimal]]:
    for field in ("min", "mid", "max"):
        if field == "mid" and band.mid_derived:
            continue
        yield (*loc, field), field, getattr(band, field)


def _amounts(ctx: Context) -> Iterator[tuple[Loc, str, Decimal, str | None]]:
    """Every amount the ladder writes: (YAML path, how a message names it, amount, currency)."""
    ladder = ctx.ladder
    for index, level in enumerate(ladder.levels):
        currency = ladder.currency_of(level.pay)
        if level.pay is not None:
            owner = ctx.level_band_owner(level.id)
            for loc, field, amount in _band_amounts(level.pay, ("levels", index, "pay")):
                yield loc, f"{field} of the band of {owner}", amount, currency
        for pos, step in enumerate(level.steps or []):
            if step.pay is not None:
                yield (("levels", index, "steps", pos, "pay"),
                       f"pay of step {step.id} of level {level.id}", step.pay, currency)
    jobs: list[tuple[Loc, str, Job, Band | None]] = [
        (("tracks", key, "rungs", index), ctx.name(rung), rung, ctx.band(rung))
        for key, track in ladder.tracks.items()
        for index, rung in enumerate(track.rungs)
    ]
    jobs += [(("above_ladder", index), cut(role.title), role, role.pay)
             for index, role in enumerate(ladder.above_ladder)]
    for where, name, job, paid in jobs:  # paid: its band (its own, or its level's)
        currency = ladder.currency_of(paid)
        if job.pay is not None:
            for loc, field, amount in _band_amounts(job.pay, (*where, "pay")):
                yield loc, f"{field} of the band of {name}", amount, currency
        if job.rewards is not None and job.rewards.equity is not None:
            yield (*where, "rewards", "equity"), f"equity of {name}", job.rewards.equity, currency


@rule("DL206")
def dot_as_thousands_separator(ctx: Context) -> Iterator[Problem]:
    """An amount is not written with a dot as a thousands separator.

    YAML reads `min: 72.000` as seventy-two with three decimal places, not as seventy-two
    thousand as a German, Dutch or Brazilian reader writes it. Every amount of money a ladder
    writes (a band's `min`, `mid` and `max`, a step's `pay`, a rung's `equity`, on levels,
    rungs, roles above the ladder, a company's scale, its zones' bands and `round_to`) that
    is written with one to three digits, a dot and exactly three digits is a finding at the
    amount, saying what it reads as and how to write the amount it looks like:
    `72.000 reads as 72; for seventy-two thousand write 72000`. An amount in a currency with
    three decimal places (the Kuwaiti dinar KWD, BHD, JOD, OMR, TND: ISO 4217 as Babel gives
    it) is written that way in earnest and is not a finding. The check looks at the places as
    written (`72.0` or `72` is not a finding; only the three places of `72.000` are).

    Why it matters: the ladder would publish a band of 72 instead of 72,000 without any other
    rule noticing (the spread or progression rules may, or may not, catch the band). It is an
    error because a published pay range that is wrong by a factor of a thousand breaks the
    ladder's promise; a ladder that means amounts with three places in a currency of two
    (an hourly rate of 12.375) lowers it with `policy: {severity: {DL206: warning}}` or
    ignores it.

    How to fix: write the amount without a separator (`72000`); a decimal fraction with at
    most two places (`72.5`).

    ```yaml
    currency: EUR
    levels:
      - id: L3
        pay: {min: 72.000, mid: 80000, max: 90000}   # DL206: 72.000 reads as 72
    ```
    """
    for loc, name, amount, currency in _amounts(ctx):
        words = misread(amount, currency)
        if words is not None:
            yield Problem(loc, f"{name}: {words}")
