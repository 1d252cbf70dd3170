"""A yearly market adjustment: raise every pay band of a ladder, or of a company and its job
families, by a percentage, round each amount to a step, and save the files in place, so the
change can be reviewed as a diff.

    python examples/market_adjustment.py ladders/acme-robotics-engineering.yaml 3 --step 500
    python examples/market_adjustment.py ladders/kestrel/ 3 --step 1000     # a company
    git diff ladders/                                    # only the band lines changed

Every band has its min, mid and max multiplied by 1 + PERCENT / 100 and rounded half up to a
multiple of STEP; a midpoint the file leaves out (derived as the middle of the range) stays
left out. ``dualladder.save`` rewrites only those amounts: comments, order, quoting and layout
of the file stay as they were.

A standalone ladder: every band of it (each level's, and each rung's own).

A company (its company file, or a folder holding one): the bands are raised where they are
written. In the company file: each level's base band and each zone's explicit bands (a zone
that pays the base bands times a factor follows them by itself). In each family file: the
bands the family writes itself (a differential's own ``pay`` and its zone bands, a level band
of its own, a rung's own band); a band that follows a differential's ``factor`` follows the
raised company band by itself. A job family file given alone is refused: its bands are mostly
its company's, so the company is what gets the adjustment.

Everything is checked before anything is saved (a company with its families is adjusted and
checked in a scratch copy first); with errors nothing is written and the exit status is 1.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from pydantic import ValidationError

import dualladder
from dualladder import Band, Company, Ladder
from dualladder._internal.util.files import write_atomic


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
    """Raise every band of a standalone ``ladder`` in place; returns how many bands changed."""
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


def adjust_company(company: Company, percent: Decimal, step: Decimal) -> int:
    """Raise the bands the company file writes: level bands and zones' explicit bands."""
    factor = 1 + percent / 100
    count = 0
    for level in company.levels:
        if level.pay is not None:
            level.pay = adjust_band(level.pay, factor, step)
            count += 1
    for zone in company.zones:
        zone.bands = {key: adjust_band(band, factor, step) for key, band in zone.bands.items()}
        count += len(zone.bands)
    return count


def adjust_family(family: Ladder, percent: Decimal, step: Decimal) -> int:
    """Raise the bands a job family writes itself (read with the company already raised)."""
    factor = 1 + percent / 100
    count = 0
    for differential in family.differentials:
        if differential.pay is not None:
            differential.pay = adjust_band(differential.pay, factor, step)
            differential.zones = {key: adjust_band(band, factor, step)
                                  for key, band in differential.zones.items()}
            count += 1 + len(differential.zones)
    written = family.company_link.file  # the family file as written: its own level entries
    for level in family.levels:
        own = written.level_override(level.id)
        if own is not None and own[1].pay is not None and level.pay is not None:
            level.pay = adjust_band(level.pay, factor, step)
            count += 1
    for _, _, rung in family.rungs():
        if rung.pay is not None:
            rung.pay = adjust_band(rung.pay, factor, step)
            count += 1
    return count


def _refuse(message: str) -> int:
    print(f"market_adjustment: {message}", file=sys.stderr)
    return 1


def main_ladder(path: str, percent: Decimal, step: Decimal) -> int:
    try:
        ladder = dualladder.load(path)
    except (OSError, dualladder.LadderError) as exc:
        return _refuse(str(exc))
    if ladder.company is not None:
        company = ladder.company.source.name if ladder.company.source else "its company file"
        return _refuse(
            f"not saved: {path} is the job family {ladder.family} of the company in "
            f"{company}; most of its bands are the company's, so adjust the company: "
            f"market_adjustment.py {company} {percent}"
        )
    try:
        count = adjust_ladder(ladder, percent, step)
    except ValidationError as exc:  # a band the rounding broke (min rounded down to 0)
        return _refuse(f"not saved: {exc}")
    report = dualladder.check(ladder)
    if report.failed():
        for finding in report.errors:
            print(finding, file=sys.stderr)
        return _refuse("not saved: the adjusted ladder has errors")
    dualladder.save(ladder, path)
    print(f"{path}: raised {count} bands by {percent} % (rounded to {step})")
    return 0


def main_company(path: str, percent: Decimal, step: Decimal) -> int:
    """Adjust a scratch copy of the company file and its family files, check it, then write
    every file that changed (so a company with errors after the adjustment is left alone)."""
    try:
        company = dualladder.load_company(path)
    except (OSError, ValueError) as exc:
        return _refuse(str(exc))
    assert company.source is not None
    company_file = Path(company.source.name)
    root = company_file.parent
    files = [company_file, *(Path(f.source.name) for f in company.families if f.source)]
    with tempfile.TemporaryDirectory() as scratch:
        copies = {file: Path(scratch) / file.relative_to(root) for file in files}
        for file, copy in copies.items():
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, copy)
        try:
            staged = dualladder.load_company(copies[company_file])
            count = adjust_company(staged, percent, step)
            dualladder.save_company(staged, copies[company_file])
            staged = dualladder.load_company(copies[company_file])  # families see the raise
            for family in staged.families:
                count += adjust_family(family, percent, step)
                assert family.source is not None
                dualladder.save(family, family.source.name)
            report = dualladder.check(dualladder.load_company(copies[company_file]))
        except (ValidationError, dualladder.LadderError) as exc:
            return _refuse(f"not saved: {str(exc).replace(scratch, str(root))}")
        if report.failed():
            for finding in report.errors:
                print(str(finding).replace(scratch, str(root)), file=sys.stderr)
            return _refuse("not saved: the adjusted company has errors")
        changed = 0
        for file, copy in copies.items():
            data = copy.read_bytes()
            if data != file.read_bytes():
                write_atomic(file, data)
                changed += 1
    print(f"{path}: raised {count} bands by {percent} % (rounded to {step}) in {changed} files")
    return 0


def _is_company(path: str) -> bool:
    target = Path(path)
    if target.is_dir():
        return True
    result = dualladder.read(path)  # a company file is refused as a ladder, at its version key
    return result.ladder is None and any(
        finding.loc == ("dualladder-company",) for finding in result.findings
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="the ladder file, company file or company folder to adjust")
    parser.add_argument("percent", type=Decimal, help="the raise in percent, such as 3 or 2.5")
    parser.add_argument("--step", type=Decimal, default=Decimal(100),
                        help="round every amount to a multiple of this (default 100)")
    args = parser.parse_args(argv)
    try:
        company = _is_company(args.path)
    except OSError as exc:
        return _refuse(str(exc))
    if company:
        return main_company(args.path, args.percent, args.step)
    return main_ladder(args.path, args.percent, args.step)


if __name__ == "__main__":
    sys.exit(main())
