"""An HR script on a company: every family's band of each level in one pay zone, and the checks.

    python examples/company_zones.py ladders/kestrel berlin

It reads the company (its file and every job family that names it, with
``dualladder.load_company``), prints one row a level (highest first) with the band each family
pays there in the zone, marks the bands a family's differential changes, then prints the
findings of ``dualladder.check`` over the whole company. The exit status is 1 if the company has
errors or cannot be read, 2 for an unknown zone, else 0.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import dualladder
from dualladder import format_amount


def main(argv: Sequence[str]) -> int:
    if len(argv) != 2:
        print("usage: python examples/company_zones.py COMPANY_FOLDER_OR_FILE ZONE",
              file=sys.stderr)
        return 2
    try:
        company = dualladder.load_company(argv[0])
    except (dualladder.LadderError, ValueError, OSError) as exc:
        print(f"cannot read the company: {exc}", file=sys.stderr)
        return 1
    zone = company.zone(argv[1])
    if zone is None:
        print(f"no zone {argv[1]!r}; zones: {', '.join(company.zone_ids)}", file=sys.stderr)
        return 2
    currency = company.zone_currency(zone) or ""
    print(f"{company.organization}: bands in zone {zone.label} ({currency})")
    for level in reversed(company.levels):
        print(f"{level.id} {level.name or ''}".rstrip())
        base = company.band(level.id, zone=zone.id)
        for family in company.families:
            rungs = [rung for _, _, rung in family.rungs() if rung.level == level.id]
            if not rungs:
                continue
            band = family.band(rungs[0], zone=zone.id)
            text = "no band" if band is None else (
                f"{format_amount(band.min)}-{format_amount(band.max)} "
                f"(mid {format_amount(band.mid)})")
            mark = " *" if band is not None and base is not None and band != base else ""
            print(f"  {family.family:<14} {text}{mark}")
    print("* paid differently from the company's band (a differential)")
    report = dualladder.check(company)
    for finding in report:
        print(finding)
    print(f"{len(report.errors)} errors, {len(report.warnings)} warnings")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
