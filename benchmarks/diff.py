"""Benchmark ``dualladder diff`` against validating both versions.

    python benchmarks/diff.py                 # 500 families, 5 repetitions
    python benchmarks/diff.py --quick         # 40 families, 2 repetitions: a smoke run
    python benchmarks/diff.py --json out.json
    python benchmarks/diff.py --company       # the families of one company (issue 19's case)

One run generates a synthetic company (``benchmarks/generate.py``) as the *old* version and a
copy with every pay band raised by 3 % and rounded to 100 (a market adjustment) as the *new*
one, into the git-ignored ``benchmarks/.company/diff/``, commits both into a scratch git
repository, and measures, median of the repetitions after one untimed warm-up:

  validate both   ``check_paths`` of the old folder, then of the new one: the baseline
  diff folders    ``read_sides`` + ``diff_sides`` of the two folders (reads, validates both
                  versions, compares them, matches findings)
  diff git        the same with the old side read from the repository (``HEAD~1:files``)
  report          the diff written as text, markdown and json (to memory)

and prints each as a ratio to the baseline, with the peak of the Python heap during one more
run under ``tracemalloc``. Then the same comparison as commands, start-up included (issue 19's
target): ``python -m dualladder diff OLD NEW`` against ``python -m dualladder validate OLD
NEW`` (one process validating both folders), run in pairs back to back (the order alternating)
so that both sides of a ratio see the same load; each pair gives a wall-time and a CPU-time
(user + system, from ``os.wait4``) ratio, and the table shows their medians (``--no-cli``
skips them). Nothing is asserted: the numbers are reported.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

BAND = re.compile(r"\{min: (\d+), mid: (\d+), max: (\d+)")


def adjust(text: str, factor: Decimal, step: int) -> str:
    """Every ``{min: ..., mid: ..., max: ...`` band of a file times ``factor``, rounded to
    ``step``."""

    def one(value: str) -> str:
        scaled = (Decimal(value) * factor / step).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return str(scaled * step)

    return BAND.sub(
        lambda m: f"{{min: {one(m[1])}, mid: {one(m[2])}, max: {one(m[3])}", text
    )


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.com",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.com"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def prepare(work: Path, files: int, seed: int, company: bool = False
            ) -> tuple[Path, Path, Path, int]:
    """Generate old/ and new/ (3 % up), and a repository holding old then new as files/.
    ``company``: the families of one company (``generate.py --company``), its scale raised
    too."""
    if work.exists():
        shutil.rmtree(work)
    old, new, repo = work / "old", work / "new", work / "repo"
    subprocess.run([sys.executable, str(HERE / "generate.py"), "--files", str(files), "--seed",
                    str(seed), "--out", str(old), *(["--company"] if company else [])],
                   check=True, cwd=ROOT, capture_output=True)
    new.mkdir(parents=True)
    bands = 0
    for path in sorted(old.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        bands += len(BAND.findall(text))
        target = new / path.relative_to(old)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(adjust(text, Decimal("1.03"), 100), encoding="utf-8")
    (repo / "files").mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    for source in (old, new):
        shutil.rmtree(repo / "files")
        shutil.copytree(source, repo / "files", ignore=shutil.ignore_patterns("*.json"))
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", source.name)
    return old, new, repo, bands


def measure(works: dict[str, Callable[[], Any]], reps: int
            ) -> dict[str, tuple[float, float, float, Any]]:
    """Per work: the median wall seconds and CPU seconds of ``reps`` runs, the peak of the
    Python heap (MB) during one more run under ``tracemalloc``, and its result. The works run
    interleaved (one run of each, then the next round), so a change in the machine's load hits
    them alike; CPU time does not count the time other processes took the cores."""
    results = {name: work() for name, work in works.items()}  # warm-up
    walls: dict[str, list[float]] = {name: [] for name in works}
    cpus: dict[str, list[float]] = {name: [] for name in works}
    for _ in range(reps):
        for name, work in works.items():
            start, cpu = time.perf_counter(), time.process_time()
            results[name] = work()
            walls[name].append(time.perf_counter() - start)
            cpus[name].append(time.process_time() - cpu)
    out: dict[str, tuple[float, float, float, Any]] = {}
    for name, work in works.items():
        tracemalloc.start()
        try:
            work()
            peak = tracemalloc.get_traced_memory()[1] / 1e6
        finally:
            tracemalloc.stop()
        out[name] = (statistics.median(walls[name]), statistics.median(cpus[name]), peak,
                     results[name])
    return out


def run_cli(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system of the child) and exit status of ``command``."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             cwd=ROOT, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
    return elapsed, usage.ru_utime + usage.ru_stime, child.returncode


def cli_pairs(diff: list[str], validate: list[str], reps: int, env: dict[str, str]
              ) -> dict[str, Any]:
    """``diff`` and ``validate`` (commands) in pairs, the order alternating: each one's median
    wall and CPU seconds, and the medians of the per-pair ratios diff / validate."""
    for command in (diff, validate):  # warm-up (page cache, .pyc files)
        if run_cli(command, env)[2] not in (0, 1):
            raise SystemExit(f"failed: {' '.join(command)}")
    runs: dict[str, list[tuple[float, float, int]]] = {"diff": [], "validate": []}
    for index in range(reps):
        order = [("diff", diff), ("validate", validate)]
        for name, command in order if index % 2 == 0 else order[::-1]:
            runs[name].append(run_cli(command, env))
    pairs = list(zip(runs["diff"], runs["validate"], strict=True))
    return {
        "diff": (statistics.median(r[0] for r in runs["diff"]),
                 statistics.median(r[1] for r in runs["diff"])),
        "validate": (statistics.median(r[0] for r in runs["validate"]),
                     statistics.median(r[1] for r in runs["validate"])),
        "wall_ratios": [d[0] / v[0] for d, v in pairs],
        "cpu_ratios": [d[1] / v[1] for d, v in pairs],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, help="families (default 500; quick 40)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reps", type=int, help="timed repetitions (default 5; quick 2)")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--work", type=Path, default=HERE / ".company" / "diff")
    parser.add_argument("--company", action="store_true",
                        help="the families of one company (a company file and family files)")
    parser.add_argument("--no-cli", action="store_true",
                        help="skip the command-line pairs (diff and validate as subprocesses)")
    args = parser.parse_args(argv)
    files = args.files or (40 if args.quick else 500)
    reps = args.reps or (2 if args.quick else 5)

    from dualladder._internal.services.diff.documents import diff_sides, read_sides
    from dualladder._internal.services.diff.report import DIFF_REPORTERS
    from dualladder.rules import check_paths

    print(f"generating {files} families and a 3 % adjustment ...", file=sys.stderr)
    old, new, repo, bands = prepare(args.work.resolve(), files, args.seed, args.company)

    def validate_both() -> int:
        return len(check_paths([old]).findings) + len(check_paths([new]).findings)

    def diff_folders() -> Any:
        return diff_sides(*read_sides(str(old), str(new)))

    here = Path.cwd()

    def diff_git() -> Any:
        os.chdir(repo)
        try:
            return diff_sides(*read_sides("HEAD~1", "files"))
        finally:
            os.chdir(here)

    first = measure({"validate both": validate_both, "diff folders": diff_folders,
                     "diff git": diff_git}, reps)
    rows: list[dict[str, Any]] = []
    notes = {
        "validate both": lambda r: f"{r} findings",
        "diff folders": lambda r: f"{len(r.changes)} changes ({bands} bands adjusted)",
        "diff git": lambda r: f"{len(r.changes)} changes",
    }
    for name, (wall, cpu, peak, result) in first.items():
        rows.append({"row": name, "seconds": wall, "cpu": cpu, "heap_mb": peak,
                     "note": notes[name](result)})
    diff = first["diff folders"][3]

    def writer(fmt: str) -> Callable[[], int]:
        def write() -> int:
            out = io.StringIO()
            DIFF_REPORTERS[fmt]().report(diff, out)
            return len(out.getvalue())

        return write

    reports = measure({fmt: writer(fmt) for fmt in ("text", "markdown", "json")}, reps)
    for fmt, (wall, cpu, peak, size) in reports.items():
        rows.append({"row": f"report {fmt}", "seconds": wall, "cpu": cpu, "heap_mb": peak,
                     "note": f"{size:,} chars"})
    base, base_cpu = rows[0]["seconds"], rows[0]["cpu"]
    print(f"\n{files} families, {reps} repetitions (median)\n")
    print("| row | wall s | x validate both | CPU s | x validate both | py heap peak MB | |\n"
          "|---|---:|---:|---:|---:|---:|---|")
    for row in rows:
        row["ratio"] = row["seconds"] / base if base else None
        row["cpu_ratio"] = row["cpu"] / base_cpu if base_cpu else None
        print(f"| {row['row']} | {row['seconds']:.3f} | {row['ratio']:.2f} | {row['cpu']:.3f} "
              f"| {row['cpu_ratio']:.2f} | {row['heap_mb']:.1f} | {row['note']} |")
    cli: dict[str, Any] | None = None
    if not args.no_cli:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(args.work.resolve().parent / "pycache")  # as installed
        command = [sys.executable, "-m", "dualladder"]
        cli = cli_pairs([*command, "diff", str(old), str(new)],
                        [*command, "validate", str(old), str(new)], reps, env)
        print("\nThe commands, start-up included, in pairs (median of the per-pair ratios):\n")
        print("| command | wall s | CPU s |\n|---|---:|---:|")
        print(f"| python -m dualladder validate OLD NEW | {cli['validate'][0]:.3f} "
              f"| {cli['validate'][1]:.3f} |")
        print(f"| python -m dualladder diff OLD NEW | {cli['diff'][0]:.3f} "
              f"| {cli['diff'][1]:.3f} |")
        print(f"\ndiff / validate both: wall {statistics.median(cli['wall_ratios']):.2f} "
              f"(pairs: {', '.join(f'{r:.2f}' for r in cli['wall_ratios'])}), CPU "
              f"{statistics.median(cli['cpu_ratios']):.2f} "
              f"(pairs: {', '.join(f'{r:.2f}' for r in cli['cpu_ratios'])}); target <= 1.0")
    if args.json:
        args.json.write_text(json.dumps({"files": files, "reps": reps, "rows": rows,
                                         "cli": cli}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
