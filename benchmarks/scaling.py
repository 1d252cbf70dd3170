"""How reading and checking grow with the size of a ladder: 1k, 10k and 100k rungs.

    python benchmarks/scaling.py              # 1k, 10k, 100k rungs (a minute or two)
    python benchmarks/scaling.py --quick      # 1k, 4k, 16k rungs
    python benchmarks/scaling.py --json out.json

Each shape is generated at each size and run through what ``dualladder validate`` does
(``read_text`` then ``check``) in this process, with the cyclic garbage collector paused as the
CLI pauses it. Reported per shape and size: the file size, the median CPU time of three runs
(``time.process_time``, so other processes on the machine count less), the peak of the Python
heap during one more run (``tracemalloc``) and that peak per MB of file; then the **growth
exponent** k of time ~ size^k between consecutive sizes and fitted over all of them (1 is
linear; n log n reads as slightly above 1; 2 is quadratic).

Shapes (each a case that was once quadratic):

  rungs       n rungs, n/2 levels with a band each and a rung on each track, bands too narrow
              and too close, so every level gives findings (DL202, DL203) that name the rungs
              sharing the band
  duplicates  n/2 unknown top-level keys, each written twice: n/2 DL003 and n/2 DL002 findings,
              each located in a mapping of n keys
  findings    n rungs whose titles are all the same (DL109 on every one), each finding located

Nothing here asserts a speed; tests/services/check/test_scaling.py checks the growth by counting
executed lines instead of timing.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def rungs_shape(n: int) -> str:
    levels = max(n // 2, 1)
    out = ["dualladder: 1", "organization: Acme", "family: Scale", "currency: USD", "levels:"]
    for i in range(levels):
        low = 100_000 + i * 7
        out.append(f"  - {{id: L{i}, pay: {{min: {low}, mid: {low + 5}, max: {low + 9}}}}}")
    out.append("tracks:")
    for track in ("management", "technical"):
        out += [f"  {track}:", "    rungs:"]
        out += [
            f"      - {{level: L{i}, title: {track[0].upper()}{i}, scope: team}}"
            for i in range(levels)
        ]
    return "\n".join(out) + "\n"


def duplicates_shape(n: int) -> str:
    keys = max(n // 2, 1)
    out = ["dualladder: 1", "organization: Acme", "family: Scale"]
    out += [f"k{i}: 1" for i in range(keys)]
    out += [f"k{i}: 2" for i in range(keys)]
    return "\n".join(out) + "\n"


def findings_shape(n: int) -> str:
    levels = max(n // 2, 1)
    out = ["dualladder: 1", "organization: Acme", "family: Scale", "levels:"]
    out += [f"  - {{id: L{i}}}" for i in range(levels)]
    out.append("tracks:")
    for track in ("management", "technical"):
        out += [f"  {track}:", "    rungs:"]
        out += [f"      - {{level: L{i}, title: Engineer}}" for i in range(levels)]
    return "\n".join(out) + "\n"


SHAPES: dict[str, Callable[[int], str]] = {
    "rungs": rungs_shape,
    "duplicates": duplicates_shape,
    "findings": findings_shape,
}


def validate(text: str) -> int:
    """What ``dualladder validate`` does with one file; the number of findings."""
    import dualladder
    from dualladder import read_text

    result = read_text(text, "scale.yaml")
    if result.ladder is None:
        return len(result.findings)
    return len(dualladder.check(result.ladder))


def measure(text: str, reps: int) -> dict[str, Any]:
    times: list[float] = []
    findings = 0
    gc.disable()
    try:
        for _ in range(reps):
            start = time.process_time()
            findings = validate(text)
            times.append(time.process_time() - start)
        tracemalloc.start()
        validate(text)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    finally:
        gc.enable()
        gc.collect()
    size_mb = len(text.encode()) / 1024**2
    return {
        "bytes": len(text.encode()),
        "findings": findings,
        "seconds": statistics.median(times),
        "peak_mb": peak / 1024**2,
        "peak_per_file_mb": (peak / 1024**2) / size_mb,
    }


def exponent(sizes: list[int], seconds: list[float]) -> float:
    """The least-squares slope of log(time) against log(size)."""
    xs, ys = [math.log(s) for s in sizes], [math.log(max(t, 1e-9)) for t in seconds]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1k, 4k, 16k rungs")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--shape", choices=list(SHAPES), action="append")
    parser.add_argument("--json", metavar="FILE", help="also save the results")
    args = parser.parse_args(argv)
    sizes = [1_000, 4_000, 16_000] if args.quick else [1_000, 10_000, 100_000]
    results: dict[str, Any] = {}
    print(f"{'shape':<11} {'rungs':>8} {'file MB':>8} {'findings':>9} {'CPU s':>8} "
          f"{'peak MB':>8} {'MB/MB':>6} {'exponent':>9}")
    for shape in args.shape or list(SHAPES):
        rows = []
        for i, n in enumerate(sizes):
            row = measure(SHAPES[shape](n), args.reps) | {"rungs": n}
            step = (
                f"{exponent(sizes[i - 1 : i + 1], [rows[-1]['seconds'], row['seconds']]):.2f}"
                if rows else ""
            )
            rows.append(row)
            print(f"{shape:<11} {n:>8,} {row['bytes'] / 1024**2:>8.2f} {row['findings']:>9,} "
                  f"{row['seconds']:>8.3f} {row['peak_mb']:>8.1f} "
                  f"{row['peak_per_file_mb']:>6.0f} {step:>9}", flush=True)
        fitted = exponent(sizes, [r["seconds"] for r in rows])
        print(f"{shape:<11} growth exponent over {sizes[0]:,}-{sizes[-1]:,} rungs: {fitted:.2f}")
        results[shape] = {"rows": rows, "exponent": fitted}
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
