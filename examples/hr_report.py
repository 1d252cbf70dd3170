"""An HR script on dualladder's Python API: the two tracks of a ladder side by side, then the
equivalence check.

    python examples/hr_report.py ladders/acme-robotics-engineering.yaml

For each level it prints the management rung and the technical rung with their pay bands, then
the findings of ``dualladder.check``. The exit status is 1 if the ladder has errors (or cannot be
read as a ladder at all), else 0.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import dualladder
from dualladder import MANAGEMENT, TECHNICAL, Ladder, Rung, format_amount


def band_text(ladder: Ladder, rung: Rung | None) -> str:
    """``USD 175,000-235,000 (mid 205,000)`` for a rung's effective band."""
    if rung is None:
        return ""
    band = ladder.band(rung)
    if band is None:
        return "no band"
    currency = ladder.currency_of(band) or ""
    span = f"{format_amount(band.min)}-{format_amount(band.max)}"
    return f"{currency} {span} (mid {format_amount(band.mid)})".strip()


def side_by_side(ladder: Ladder) -> list[list[str]]:
    """One row a level, highest first: level, then title and band on each track."""
    by_level: dict[str, dict[str, Rung]] = {}
    for track, _, rung in ladder.rungs():
        by_level.setdefault(rung.level, {})[track] = rung
    rows = []
    for level in reversed(ladder.levels):
        rungs = by_level.get(level.id, {})
        if not rungs:
            continue
        management, technical = rungs.get(MANAGEMENT), rungs.get(TECHNICAL)
        rows.append(
            [
                level.id + (f" {level.name}" if level.name else ""),
                management.title if management else "-",
                band_text(ladder, management),
                technical.title if technical else "-",
                band_text(ladder, technical),
            ]
        )
    return rows


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
             for row in [header, ["-" * w for w in widths], *rows]]
    return "\n".join(line.rstrip() for line in lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: hr_report.py LADDER.yaml", file=sys.stderr)
        return 2
    try:
        ladder = dualladder.load(args[0])
    except dualladder.LadderError as exc:
        print(f"{args[0]} is not a valid ladder file:", file=sys.stderr)
        for finding in exc.findings:
            print(f"  {finding}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"cannot read {args[0]}: {exc.strerror or exc}", file=sys.stderr)
        return 2

    print(f"{ladder.organization} -- {ladder.family}")
    print()
    header = [
        "Level",
        ladder.track_name(MANAGEMENT),
        "band",
        ladder.track_name(TECHNICAL),
        "band",
    ]
    print(table(header, side_by_side(ladder)))
    print()

    report = dualladder.check(ladder)
    for finding in report:
        print(f"{finding.code} {finding.severity} (line {finding.line}): {finding.message}")
    errors, warnings = len(report.errors), len(report.warnings)
    print(f"equivalence check: {errors} error(s), {warnings} warning(s)")
    return 1 if report.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
