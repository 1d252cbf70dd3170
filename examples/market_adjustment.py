"""A yearly market adjustment: raise every pay band of a ladder by a percentage, round each
amount to a step, and save the file in place, so the change can be reviewed as a diff.

    python examples/market_adjustment.py ladders/acme-robotics-engineering.yaml 3 --step 500
    git diff ladders/acme-robotics-engineering.yaml     # only the band lines changed

Every band (a level's, and a rung's own) has its min, mid and max multiplied by
1 + PERCENT / 100 and rounded half up to a multiple of STEP; a midpoint the file leaves out
(derived as the middle of the range) stays left out. ``dualladder.save`` rewrites only those
amounts: comments, order, quoting and layout of the file stay as they were. The ladder is
checked before it is saved; with errors nothing is written and the exit status is 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from pydantic import ValidationError

import dualladder
from dualladder import Band, Ladder


def adjusted(amount: Decimal, factor: Decimal, step: Decimal) -> Decimal:
    """``amount * factor`` rounded half up to a multiple of ``step``."""
    steps = (amount * factor / step).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return steps * step


def adjust_band(band: Band, factor: Decimal, step: Decimal) -> Band:
    lo, hi = adjusted(band.min, factor, step), adjusted(band.max, factor, step)
    if band.mid_derived:
        return Band(min=lo, max=hi, currency=band.currency)
    return Band(min=lo, mid=adjusted(band.mid, factor, step), max=hi, currency=band.currency)


def adjust_ladder(ladder: Ladder, percent: Decimal, step: Decimal) -> int:
    """Raise every band of ``ladder`` in place; returns how many bands changed."""
    factor = 1 + percent / 100
    count = 0
    for level in ladder.levels:
        if level.pay is not None:
            level.pay = adjust_band(level.pay, factor, step)
            count += 1
    for _, _, rung in ladder.rungs():
        if rung.pay is not None:
            rung.pay = adjust_band(rung.pay, factor, step)
            count += 1
    return count


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ladder", help="the ladder file to adjust in place")
    parser.add_argument("percent", type=Decimal, help="the raise in percent, such as 3 or 2.5")
    parser.add_argument("--step", type=Decimal, default=Decimal(100),
                        help="round every amount to a multiple of this (default 100)")
    args = parser.parse_args(argv)
    try:
        ladder = dualladder.load(args.ladder)
    except (OSError, dualladder.LadderError) as exc:
        print(f"market_adjustment: {exc}", file=sys.stderr)
        return 1
    try:
        count = adjust_ladder(ladder, args.percent, args.step)
    except ValidationError as exc:  # a band the rounding broke (min rounded down to 0)
        print(f"market_adjustment: not saved: {exc}", file=sys.stderr)
        return 1
    report = dualladder.check(ladder)
    if report.failed():
        for finding in report.errors:
            print(finding, file=sys.stderr)
        print("market_adjustment: not saved: the adjusted ladder has errors", file=sys.stderr)
        return 1
    dualladder.save(ladder, args.ladder)
    print(f"{args.ladder}: raised {count} bands by {args.percent} % (rounded to {args.step})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
