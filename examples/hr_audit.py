"""An HR script on ``dualladder.audit``: the pay-equity summary of a roster, for a pay review.

    python examples/hr_audit.py ladders/acme-robotics-engineering.yaml examples/roster.csv

For each level (highest first) it prints the median compa-ratio of every track and how far apart
they are, then the categories of workers whose pay gap between women and men reaches the 5 %
at which the pay-transparency directive asks for a joint pay assessment, then how many findings
of each code the audit made. It names nobody: the findings are counted, not listed. The exit
status is 1 if the audit has errors (or the ladder cannot be read), 2 if a file cannot be read.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

import dualladder


def percent(value: Decimal | None) -> str:
    return "-" if value is None else f"{value * 100:.1f} %"


def ratio(value: Decimal | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print("usage: hr_audit.py LADDER.yaml ROSTER.csv", file=sys.stderr)
        return 2
    try:
        ladder = dualladder.load(args[0])
        report = dualladder.audit(ladder, args[1])
    except dualladder.LadderError as exc:
        print(f"{args[0]} is not a valid ladder file:", file=sys.stderr)
        for finding in exc.findings:
            print(f"  {finding}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"cannot read: {exc}", file=sys.stderr)
        return 2

    print(f"{ladder.organization} -- {ladder.family}: {report.people} people audited, "
          f"{report.rows_left_out} rows left out")
    print()
    names = [name for _, name in report.tracks]
    print("Median compa-ratio per level: " + " | ".join(names))
    for row in report.levels:
        medians = [r.compa.median if r is not None and r.compa is not None else None
                   for r in row.rungs]
        shown = [m for m in medians if m is not None]
        spread = (max(shown) - min(shown)) / max(shown) if len(shown) > 1 else None
        cells = "  ".join(f"{ratio(m):>5}" for m in medians)
        print(f"  {row.level:>4}  {cells}   apart: {percent(spread)}")
    print()
    threshold = report.options.gap_threshold
    for group in report.pay:
        flagged = [c for c in group.categories
                   for gap in (c.indicators.basic_mean_gap, c.indicators.variable_mean_gap)
                   if gap is not None and abs(gap) >= threshold]
        levels = sorted({c.level for c in flagged}, key=lambda lv: ladder.level_ids.index(lv))
        print(f"Categories paid in {group.currency} with a gap of {percent(threshold)} or more: "
              f"{', '.join(levels) or 'none'}")
        print(f"  organisation: mean gap {percent(group.organisation.mean_gap)}, median gap "
              f"{percent(group.organisation.median_gap)}")
    print()
    counts = Counter(finding.code for finding in report.findings)
    for code, count in sorted(counts.items()):
        print(f"  {code} {dualladder.CATALOG[code][1]}: {count}")
    print(f"audit: {len(report.findings.errors)} error(s), "
          f"{len(report.findings.warnings)} warning(s)")
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
