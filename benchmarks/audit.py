"""Benchmark ``dualladder audit`` against the ``csv`` module reading the same roster.

    python benchmarks/audit.py                 # 100,000 people, 5 rounds; 1,000,000 for memory
    python benchmarks/audit.py --rounds 15     # more rounds (a busy machine needs them)
    python benchmarks/audit.py --quick         # 20,000 people, 2 rounds; 100,000 for memory
    python benchmarks/audit.py --json out.json # also save the results

One run generates rosters for ``ladders/acme-robotics-engineering.yaml`` with
``benchmarks/roster.py`` (into the git-ignored ``benchmarks/.roster/``) and measures, side by side
on the same file, each in a fresh worker process (one untimed warm-up, then the timed
repetitions):

  csv.reader      ``list(csv.reader(open(path, newline="")))``: the floor, reading every row
  csv.DictReader  ``list(csv.DictReader(...))``: how a script would usually read it
  roster-read     ``dualladder.people.read_roster(path)``: the audit's reading alone
  audit           ``dualladder.audit(ladder, path)``: read, check every row, every statistic and
                  finding (the ladder is loaded once, before the clock starts)
  audit-publish   the same with ``publish=True`` (the disclosure pass on top)

The four run in turn, round after round, in one worker process, so that a busy moment of a
shared machine weighs on them alike; the table gives the median wall time and CPU time
(``time.process_time``) of each, and the target is judged on the median of the rounds' CPU
ratios.

Then the same two as commands, start-up included (issue 19 states the target so):
``python -m dualladder audit LADDER ROSTER`` against ``python -c 'list(csv.reader(...))'`` on
the same roster, in pairs back to back (the order alternating), each pair giving a wall-time and
a CPU-time ratio (user + system of the child, from ``os.wait4``).

The target is ``audit`` at most 2x ``csv.reader`` on the 100,000-person roster. Memory is the
peak resident size (``ru_maxrss``) of a fresh worker that reads (or audits) the 1,000,000-person
roster once, next to one that only starts Python and imports dualladder.

No measurement asserts anything: targets are reported, not enforced.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LADDER = ROOT / "ladders" / "acme-robotics-engineering.yaml"
OUT = HERE / ".roster"
TARGET = 2.0


KINDS = ("csv.reader", "csv.DictReader", "roster-read", "audit", "audit-publish")


def _work(kind: str, path: str) -> Callable[[], object]:
    import csv

    if kind == "roster-read":
        from dualladder._internal.io.roster.read import read_roster

        return lambda: read_roster(path, max_bytes=1 << 31)
    if kind.startswith("audit"):
        import dualladder

        ladder = dualladder.load(LADDER)
        publish = kind == "audit-publish"
        return lambda: dualladder.audit(ladder, path, publish=publish, max_bytes=1 << 31)
    reader = csv.reader if kind == "csv.reader" else csv.DictReader

    def run() -> object:
        with open(path, newline="", encoding="utf-8") as handle:
            return list(reader(handle))

    return run


def _worker(kind: str, path: str, repeat: int) -> dict[str, Any]:
    """``repeat`` rounds, each timing every kind once in turn (so a busy moment of the machine
    weighs on all of them alike); or, with ``repeat`` 0, one run of ``kind`` for its memory."""
    import gc

    if kind == "idle":
        import dualladder

        del dualladder
        return {"maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}
    if repeat == 0:
        _work(kind, path)()
        return {"maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}
    works = {name: _work(name, path) for name in KINDS}
    for work in works.values():
        work()  # warm-up
    wall: dict[str, list[float]] = {name: [] for name in KINDS}
    cpu: dict[str, list[float]] = {name: [] for name in KINDS}
    for _ in range(repeat):
        for name, work in works.items():
            gc.collect()
            start, start_cpu = time.perf_counter(), time.process_time()
            result = work()
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - start_cpu)
            del result
    return {"wall": wall, "cpu": cpu}


def measure(kind: str, path: Path, repeat: int) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--worker", kind, str(path), str(repeat)],
        capture_output=True, text=True, check=True,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


#: ``list(csv.reader(...))`` of the file named by the first argument, as a command
CSV_COMMAND = ("import csv, sys\n"
               "with open(sys.argv[1], newline='', encoding='utf-8') as handle:\n"
               "    rows = list(csv.reader(handle))\n")


def _child(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of ``command``, which must succeed."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
    if child.returncode not in (0, 1):  # 1: the audit has findings
        raise SystemExit(f"failed (exit {child.returncode}): {' '.join(command)}")
    return elapsed, usage.ru_utime + usage.ru_stime


def command_pairs(path: Path, repeat: int) -> dict[str, list[float]]:
    """The audit and ``csv.reader`` as commands, start-up included, in pairs (the order
    alternating): the ratios audit / csv.reader of each pair, in wall and in CPU time."""
    audit = [sys.executable, "-m", "dualladder", "audit", str(LADDER), str(path),
             "--max-bytes", "1024M"]
    floor = [sys.executable, "-c", CSV_COMMAND, str(path)]
    _child(audit), _child(floor)  # warm-up
    ratios: dict[str, list[float]] = {"wall": [], "cpu": []}
    for index in range(repeat):
        if index % 2:
            a = _child(audit)
            f = _child(floor)
        else:
            f = _child(floor)
            a = _child(audit)
        ratios["wall"].append(a[0] / f[0])
        ratios["cpu"].append(a[1] / f[1])
    return ratios


def generate(people: int) -> Path:
    path = OUT / f"roster-{people}.csv"
    if not path.exists():
        subprocess.run([sys.executable, str(HERE / "roster.py"), str(LADDER), "--people",
                        str(people), "--seed", "1", "--out", str(path)], check=True)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rounds", type=int, default=None, help="timed rounds (default 5)")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--worker", nargs=3, metavar=("KIND", "PATH", "REPEAT"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        kind, path, repeat = args.worker
        print(json.dumps(_worker(kind, path, int(repeat))))
        return 0
    people, repeat, big = (20_000, 2, 100_000) if args.quick else (100_000, 5, 1_000_000)
    repeat = args.rounds or repeat
    path = generate(people)
    results: dict[str, Any] = {"people": people, "bytes": path.stat().st_size}
    print(f"roster: {people:,} people, {path.stat().st_size / 1e6:.1f} MB ({path})")
    found = measure("rounds", path, repeat)
    for clock in ("wall", "cpu"):
        times = {kind: statistics.median(found[clock][kind]) for kind in KINDS}
        floor = times["csv.reader"]
        results[clock] = times
        print(f"  {clock} time, median of {repeat} rounds:")
        for kind in KINDS:
            print(f"    {kind:15} {times[kind]:8.3f} s  {times[kind] / floor:6.2f} x csv.reader")
        ratios = [a / c for a, c in zip(found[clock]["audit"], found[clock]["csv.reader"],
                                        strict=True)]
        results[f"audit_vs_csv_reader_{clock}"] = statistics.median(ratios)
        results[f"audit_vs_csv_reader_{clock}_rounds"] = ratios
        print(f"    audit / csv.reader, round by round: "
              f"{', '.join(f'{r:.2f}' for r in ratios)} (median {statistics.median(ratios):.2f})")
    ratio = results["audit_vs_csv_reader_cpu"]
    verdict = "meets" if ratio <= TARGET else "misses"
    print(f"target: audit at most {TARGET}x csv.reader (CPU, median of the rounds' ratios): "
          f"{ratio:.2f}x ({verdict})")
    pairs = command_pairs(path, repeat)
    results["commands"] = pairs
    print("as commands, start-up included (python -m dualladder audit / python -c "
          "'list(csv.reader(...))'), in pairs:")
    for clock in ("wall", "cpu"):
        print(f"  {clock}: median {statistics.median(pairs[clock]):.2f} (pairs: "
              f"{', '.join(f'{r:.2f}' for r in pairs[clock])}; target <= {TARGET})")
    big_path = generate(big)
    print(f"memory, {big:,} people ({big_path.stat().st_size / 1e6:.0f} MB), peak resident size:")
    memory = {}
    for kind in ("idle", "csv.reader", "audit"):
        found = measure(kind, big_path, 0)
        memory[kind] = found["maxrss_kib"] / 1024
        print(f"  {kind:15} {memory[kind]:8.0f} MiB")
    results["memory_mib"] = memory
    results["memory_people"] = big
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
