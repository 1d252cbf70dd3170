"""Benchmark ``dualladder.save`` of one ladder against ``dualladder.dump`` of the same ladder.

    python benchmarks/save.py                  # 200 repetitions of each case
    python benchmarks/save.py --repeat 20      # a smoke run
    python benchmarks/save.py --json out.json  # also save the results

Every case writes ``ladders/acme-robotics-engineering.yaml`` (294 lines) into a temporary
folder; loading the ladder and making the edit happen before the clock starts, on a fresh
ladder for every repetition (``save`` reads the file's original model once per loaded ladder,
and that is part of what it costs). The cases:

  dump            ``dualladder.dump(ladder, path)``: the whole file re-emitted by PyYAML
  save-unchanged  ``dualladder.save`` of the ladder as loaded (writes the file's own text)
  save-one-band   one level's band raised (one line of the file changes)
  save-all-bands  every band raised by 3 % (examples/market_adjustment.py)
  save-built      the same ladder built in Python (no file: written whole in the house style)

The table shows the median time of each and its ratio to ``dump`` measured in the same run.
Nothing here asserts anything about time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import dualladder
from dualladder import Band, Ladder

HERE = Path(__file__).resolve().parent
LADDER = HERE.parent / "ladders" / "acme-robotics-engineering.yaml"


def _one_band(ladder: Ladder) -> Ladder:
    ladder.levels[3].pay = Band(min=180000, mid=211000, max=242000)
    return ladder


def _all_bands(ladder: Ladder) -> Ladder:
    for level in ladder.levels:
        if level.pay is not None:
            pay = level.pay
            level.pay = Band(min=pay.min * Decimal("1.03"), mid=pay.mid * Decimal("1.03"),
                             max=pay.max * Decimal("1.03"))
    return ladder


def _built(ladder: Ladder) -> Ladder:
    return Ladder.model_validate(ladder.model_dump(by_alias=True))


CASES: dict[str, tuple[Callable[[Ladder], Ladder], Callable[[Ladder, Path], None]]] = {
    "dump": (lambda ladder: ladder, dualladder.dump),
    "save-unchanged": (lambda ladder: ladder, dualladder.save),
    "save-one-band": (_one_band, dualladder.save),
    "save-all-bands": (_all_bands, dualladder.save),
    "save-built": (_built, dualladder.save),
}


def measure(repeat: int) -> dict[str, float]:
    medians: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "ladder.yaml"
        for name, (prepare, write) in CASES.items():
            ladders = [prepare(dualladder.load(LADDER)) for _ in range(repeat + 1)]
            write(ladders.pop(), out)  # warm-up
            times = []
            for ladder in ladders:
                start = time.perf_counter()
                write(ladder, out)
                times.append(time.perf_counter() - start)
            medians[name] = statistics.median(times)
    return medians


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    medians = measure(args.repeat)
    base = medians["dump"]
    rows: list[dict[str, Any]] = [
        {"case": name, "median_ms": round(t * 1000, 3), "vs_dump": round(t / base, 2)}
        for name, t in medians.items()
    ]
    print(f"{'case':<16} {'median ms':>10} {'x dump':>7}")
    for row in rows:
        print(f"{row['case']:<16} {row['median_ms']:>10.3f} {row['vs_dump']:>7.2f}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
