"""A yearly market adjustment: raise every pay band of a ladder, or of a company and its job
families, by a percentage, round each amount to a step, and save the files in place, so the
change can be reviewed as a diff.

    python examples/market_adjustment.py ladders/acme-robotics-engineering.yaml 3 --step 500
    python examples/market_adjustment.py ladders/kestrel/ 3 --step 1000     # a company
    python examples/market_adjustment.py ladders/kestrel/ --table adjust.csv --step 500
    git diff ladders/                                    # only the band lines changed

The one row ``*,*,*,PERCENT`` raises every band where it is written (the company's level and zone
bands, each family's own bands); bands that follow a factor follow. ``--table`` takes a CSV of
``family,level,zone,percent[,reason]`` rows instead (docs/python-api.md, "Adjusting pay from a
table"). Everything is checked before anything is saved: with errors nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import dualladder


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="the ladder file, company file or company folder to adjust")
    parser.add_argument("percent", nargs="?", help="raise every band by this percent (3, 2.5)")
    parser.add_argument("--table", help="a CSV file of family,level,zone,percent rows")
    parser.add_argument("--step", default="100", help="round amounts to this (default 100)")
    args = parser.parse_args(argv)
    table = args.table or [{"family": "*", "level": "*", "zone": "*", "percent": args.percent}]
    try:
        done = dualladder.adjust(args.path, table, round_to=args.step)
    except (OSError, ValueError) as exc:
        print(f"market_adjustment: not saved: {exc}", file=sys.stderr)
        return 1
    print(f"{args.path}: {len(done.changes)} bands or factors changed in {len(done.files)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
