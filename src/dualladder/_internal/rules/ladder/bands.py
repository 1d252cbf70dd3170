"""Rules: the shape of the pay bands (rising midpoints, progression, range spread)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, Overflow, localcontext

from dualladder._internal.model.ladder import Band
from dualladder._internal.model.money import percent
from dualladder._internal.rules.ladder.registry import Context, Problem, Step, rule
from dualladder._internal.util.findings import Loc


def _mids(ctx: Context, step: Step) -> tuple[str, str]:
    currency = ctx.ladder.currency_of(step.high_band)
    return ctx.mid_text(step.low_band, currency), ctx.mid_text(step.high_band, currency)


def _fix(step: Step, verb: str) -> str:
    """What to change: the midpoint, or the range when the midpoint is derived from it."""
    if step.high_band.mid_derived:
        return f"{verb} the {step.high.level} min and max (the midpoint is their middle)"
    return f"{verb} the {step.high.level} midpoint"


def _track(ctx: Context, step: Step) -> str:
    """`` on the Engineering track`` unless both bands are level bands (shared by tracks)."""
    if step.low.pay is None and step.high.pay is None:
        return ""
    return f" on {ctx.track_label(step.track)}"


@rule("DL201")
def rising_midpoints(ctx: Context) -> Iterator[Problem]:
    """Each track's midpoint rises from one rung to the next.

    The rungs of each track are taken in level order (by position in `levels`); the effective
    band's midpoint of each rung must be above that of the rung below it. Rungs without a band,
    or whose bands are in different currencies, are skipped. The finding points at the upper
    rung's band `mid` (its own band, or its level's band; a pair of level bands that several
    tracks inherit is reported once). A band that states only `min` and `max` has the middle of
    its range as its midpoint (a *derived* midpoint, which the message calls so), and the
    finding then points at the band.

    Why it matters: a promotion that does not raise the pay band is not a promotion. A midpoint
    that falls (or stays flat) usually means a typo, bands pasted in the wrong order, or a level
    that is really the same level twice; either way the ladder's pay story is broken.

    How to fix: correct the bands so the midpoints rise, or merge the two levels into one.

    ```yaml
    levels:
      - {id: L5, pay: {min: 140000, mid: 165000, max: 190000}}
      - {id: L6, pay: {min: 135000, mid: 160000, max: 185000}}   # DL201: mid falls
    ```
    """
    for step in ctx.steps:
        if step.high_band.mid <= step.low_band.mid:
            low, high = _mids(ctx, step)
            above = ctx.money(step.low_band.mid, ctx.ladder.currency_of(step.high_band))
            fix = (
                f"raise the {step.high.level} min and max so that their middle is above {above}"
                if step.high_band.mid_derived
                else f"raise it above {above}"
            )
            yield Problem(
                (*step.high_loc, "mid"),
                f"midpoint of {ctx.band_owner(step.high)}, {high}, is not above that of "
                f"{ctx.band_owner(step.low)}, {low}{_track(ctx, step)}; {fix}",
            )


def _allowed(bounds: tuple[Decimal, Decimal], levels: int) -> tuple[Decimal, Decimal]:
    """The per-level range compounded over ``levels`` steps."""
    low, high = bounds
    with localcontext() as context:
        context.traps[Overflow] = False  # thousands of levels: the bound is just infinite
        return (1 + low) ** levels - 1, (1 + high) ** levels - 1


@rule("DL202")
def midpoint_progression(ctx: Context) -> Iterator[Problem]:
    """The midpoint rises by a sensible step from one level to the next.

    For consecutive rungs of each track (in level order) the rise of the effective midpoint,
    (mid2 - mid1) / mid1, must lie within `policy.midpoint_progression` (default 5 % to 30 %).
    Where a track skips levels (DL102) the range is compounded over the levels crossed (5 % a
    level is 10.25 % over two). A midpoint that does not rise at all is DL201 and not reported
    again here. The finding points at the upper rung's band `mid` (at the band when its midpoint
    is derived from `min` and `max`); a pair of level bands that several tracks inherit is
    reported once.

    Why it matters: steps that are too small make a promotion hardly worth it, and the bands of
    neighbouring levels overlap almost completely; steps that are too large make a promotion a
    cliff and push people to negotiate a level instead of a salary. Both undermine the ladder.

    How to fix: smooth the midpoints, or widen `policy.midpoint_progression` if your pay
    structure is intentionally steeper or flatter.

    ```yaml
    levels:
      - {id: L5, pay: {min: 120000, mid: 140000, max: 160000}}
      - {id: L6, pay: {min: 170000, mid: 200000, max: 230000}}   # DL202: +42.9 %
    ```
    """
    bounds = ctx.policy.midpoint_progression
    for step in ctx.steps:
        low_mid, high_mid = step.low_band.mid, step.high_band.mid
        if high_mid <= low_mid:
            continue
        rise = (high_mid - low_mid) / low_mid
        lo, hi = _allowed(bounds, step.levels)
        if lo <= rise <= hi:
            continue
        low, high = _mids(ctx, step)
        over = f" over {step.levels} levels" if step.levels > 1 else ""
        allowed = f"{percent(bounds[0])} to {percent(bounds[1])} a level"
        if step.levels > 1:
            allowed += f" ({percent(lo)} to {percent(hi)}{over})"
        yield Problem(
            (*step.high_loc, "mid"),
            f"midpoint rises {percent(rise)}{over} from {ctx.band_owner(step.low)}, {low}, to "
            f"{ctx.band_owner(step.high)}, {high}{_track(ctx, step)}; policy "
            f"allows {allowed}; {_fix(step, 'raise' if rise < lo else 'lower')}",
        )


def _bands(ctx: Context) -> Iterator[tuple[Loc, str, Band]]:
    """Every band node in the file: level bands, then rungs' own bands."""
    for index, level in enumerate(ctx.ladder.levels):
        if level.pay is not None:
            yield ("levels", index, "pay"), ctx.level_band_owner(level.id), level.pay
    for key, index, rung in ctx.ladder.rungs():
        if rung.pay is not None:
            yield (*ctx.rung_loc(key, index), "pay"), ctx.name(rung), rung.pay


@rule("DL203")
def range_spread(ctx: Context) -> Iterator[Problem]:
    """Each band's range spread lies within `policy.range_spread`.

    For every band in the file (each level's `pay` and each rung's own `pay`) the spread
    (max - min) / min must lie within `policy.range_spread` (default 20 % to 100 %). Each band is
    checked once, where it is written, and the finding points at it.

    Why it matters: a band that is too narrow leaves no room to grow within a level, so people
    need a promotion for every raise; a band that is too wide makes the level meaningless for pay,
    and equal bands on two tracks no longer mean equal pay.

    How to fix: adjust min and max around the midpoint, or change `policy.range_spread` if your
    bands are intentionally narrower or wider.

    ```yaml
    levels:
      - {id: L6, pay: {min: 170000, mid: 175000, max: 180000}}   # DL203: 5.9 % spread
    ```
    """
    low, high = ctx.policy.range_spread
    for loc, owner, band in _bands(ctx):
        spread = (band.max - band.min) / band.min
        if low <= spread <= high:
            continue
        yield Problem(
            loc,
            f"band of {owner}, {ctx.band_text(band)}, spreads {percent(spread)} "
            f"((max - min) / min); policy allows {percent(low)} to {percent(high)}; "
            f"{'widen' if spread < low else 'narrow'} the band",
        )


@rule("DL205")
def level_steps(ctx: Context) -> Iterator[Problem]:
    """The steps inside a level rise, within the level's band.

    A level may have `steps` (sub-levels A to E, or steps 1 to 10), each with its own pay rate
    (`pay`, one amount). Listed lowest first, each step's pay must be above that of the step
    before it that states one, and, when the level states a band, lie within the band's `min`
    and `max`. Each offending step is one finding, at its `pay`. Steps without pay are not
    checked.

    Why it matters: a step is a raise within a level (for time in the level or for merit). A step
    that pays less than the one below it takes pay away, and a step outside the level's band
    means the band and the step table disagree about what the level pays.

    How to fix: correct the step rates, or the band.

    ```yaml
    levels:
      - id: GS-12
        pay: {min: 74950, max: 97430}
        steps:
          - {id: "1", pay: 74950}
          - {id: "2", pay: 74200}    # DL205: below step 1
          - {id: "3", pay: 99000}    # DL205: above the band's max
    ```
    """
    for index, level in enumerate(ctx.ladder.levels):
        band = level.pay
        currency = ctx.ladder.currency_of(band)
        before: tuple[str, Decimal] | None = None
        for pos, step in enumerate(level.steps or []):
            if step.pay is None:
                continue
            loc = ("levels", index, "steps", pos, "pay")
            amount = ctx.money(step.pay, currency)
            if before is not None and step.pay <= before[1]:
                yield Problem(
                    loc,
                    f"step {step.id} of level {level.id} pays {amount}, not more than step "
                    f"{before[0]} ({ctx.money(before[1], currency)}); steps rise from the "
                    f"lowest to the highest",
                )
            elif band is not None and not band.min <= step.pay <= band.max:
                yield Problem(
                    loc,
                    f"step {step.id} of level {level.id} pays {amount}, outside the level's band "
                    f"{ctx.band_text(band)}; a step lies within its level's band",
                )
            before = (step.id, step.pay)
