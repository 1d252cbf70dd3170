"""Issue 19's start-up-included speed targets, every one measured in the same run.

    python benchmarks/targets.py                    # 500 families, 100,000 people, 9 rounds
    python benchmarks/targets.py --rounds 15        # more rounds (a busy machine needs them)
    python benchmarks/targets.py --quick            # 40 families, 20,000 people, 3 rounds
    python benchmarks/targets.py --before /tmp/old/src   # the same commands of another tree too
    python benchmarks/targets.py --instructions     # also count instructions (valgrind)
    python benchmarks/targets.py --json out.json    # also save every time

Each target is a command against its baseline, both run as subprocesses (start-up included on
both sides), in **rounds**: one round runs every command once, in an order that rotates from
round to round, so a busy moment of a shared machine weighs on all of them alike. A target's
ratio is taken within each round (command / baseline, CPU time: user + system of the child from
``os.wait4``), and the table gives the median of the rounds' ratios and their range. Wall times
are saved with ``--json``, not judged: on a shared machine they say more about the neighbours.

The targets (issue 19, "Speed that follows from it"):

  diff         ``dualladder diff OLD NEW`` of two 500-family companies (the new side's scale
               and bands raised 3 %, ``benchmarks/diff.py``) <= ``dualladder validate OLD NEW``
  company      ``dualladder validate`` of the 500-family company <= a ``python -c`` that reads
               each of its files with ``yaml.load(text, Loader=yaml.CSafeLoader)`` (the C-loader
               floor, as a command: its start-up included, as the validate's is)
  audit        ``dualladder audit LADDER ROSTER`` of 100,000 people <= 2x a ``python -c`` that
               does ``list(csv.reader(...))`` of the same file
  one-file     ``dualladder validate ladders/acme-robotics-engineering.yaml`` <= 1.5x
               ``python -c 'import yaml, pydantic'``
  --help       ``dualladder --help`` <= 1.5x the same

and, for the one-file row, the same command against ``pydantic's floor``: a ``python -c`` that
imports yaml and pydantic's ``BaseModel`` and validates one one-field model (what any command
that validates with pydantic models pays before its own first line; ``import pydantic`` alone
loads none of it, its names load on first use).

``--before SRC`` runs every dualladder command a second time per round with ``PYTHONPATH=SRC``
(the ``src`` folder of another checkout), so a change is judged before and after in one run.
``--instructions`` counts each command once with ``valgrind --tool=cachegrind --cache-sim=no``:
instructions do not move with the load (a proxy that ignores memory stalls; CPU time is the
judge). Bytecode is cached (into ``benchmarks/.company/pycache``), as an installed package
starts. Nothing is asserted: targets are reported.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import audit as audit_bench  # noqa: E402  (a sibling script)
import diff as diff_bench  # noqa: E402

LADDER = ROOT / "ladders" / "acme-robotics-engineering.yaml"
PYCACHE = HERE / ".company" / "pycache"

FLOOR_COMMAND = ("import pathlib, sys, yaml\n"
                 "for path in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
                 "    yaml.load(path.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader)\n")
PYDANTIC_FLOOR = ("import yaml\n"
                  "from pydantic import BaseModel\n"
                  "class M(BaseModel):\n"
                  "    x: int\n"
                  "M.model_validate({'x': 1})\n")


@dataclass(frozen=True)
class Target:
    name: str
    command: str  # a key of the commands
    baseline: str
    limit: float
    says: str


TARGETS = [
    Target("diff", "diff", "validate both", 1.0,
           "`diff OLD NEW` of two {families}-family companies <= validating both"),
    Target("company", "validate company", "C-loader floor", 1.0,
           "`validate` of the {families}-family company <= the C-loader floor"),
    Target("audit", "audit", "csv.reader", 2.0,
           "`audit` of {people:,} people <= 2x `list(csv.reader(...))`"),
    Target("one-file", "validate one file", "import yaml, pydantic", 1.5,
           "one-file `validate` <= 1.5x `import yaml, pydantic`"),
    Target("one-file vs pydantic's floor", "validate one file", "pydantic's floor", 1.5,
           "one-file `validate` against pydantic's floor (reported)"),
    Target("--help", "help", "import yaml, pydantic", 1.5,
           "`--help` <= 1.5x `import yaml, pydantic`"),
]


def child_cpu(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of ``command``; exit 0 or 1 (findings)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             cwd=ROOT, env=env)
    assert child.stderr is not None
    err = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
    if child.returncode not in (0, 1) or b"Traceback" in err:
        last = (err.decode(errors="replace").strip().splitlines() or ["?"])[-1]
        raise SystemExit(f"failed (exit {child.returncode}): {' '.join(command)}: {last}")
    return elapsed, usage.ru_utime + usage.ru_stime


def instructions(command: list[str], env: dict[str, str]) -> int:
    """Instructions the command executes (valgrind's cachegrind, no cache simulation)."""
    found = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no",
                            "--cachegrind-out-file=/dev/null", *command], cwd=ROOT, env=env,
                           capture_output=True, text=True)
    for line in found.stderr.splitlines():
        if "I   refs:" in line or "I refs:" in line:
            return int(line.rsplit(":", 1)[1].strip().replace(",", ""))
    raise SystemExit(f"no instruction count from valgrind: {' '.join(command)}")


def commands(old: Path, new: Path, roster: Path) -> tuple[dict[str, list[str]], set[str]]:
    """Every command of a round, and which of them run dualladder (``--before`` runs those
    twice)."""
    py = sys.executable
    dl = [py, "-m", "dualladder"]
    found = {
        "import yaml, pydantic": [py, "-c", "import yaml, pydantic"],
        "pydantic's floor": [py, "-c", PYDANTIC_FLOOR],
        "help": [*dl, "--help"],
        "validate one file": [*dl, "validate", str(LADDER)],
        "C-loader floor": [py, "-c", FLOOR_COMMAND, str(new)],
        "validate company": [*dl, "validate", str(new)],
        "validate both": [*dl, "validate", str(old), str(new)],
        "diff": [*dl, "diff", str(old), str(new)],
        "csv.reader": [py, "-c", audit_bench.CSV_COMMAND, str(roster)],
        "audit": [*dl, "audit", str(LADDER), str(roster), "--max-bytes", "1024M"],
    }
    return found, {name for name, command in found.items() if command[:3] == dl}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rounds", type=int, default=None, help="rounds (default 9; quick 3)")
    parser.add_argument("--before", type=Path, default=None, metavar="SRC",
                        help="also run the dualladder commands with PYTHONPATH=SRC")
    parser.add_argument("--instructions", action="store_true",
                        help="also count each command's instructions once (valgrind)")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    families, people, rounds = (40, 20_000, 3) if args.quick else (500, 100_000, 9)
    rounds = args.rounds or rounds

    work = HERE / ".company" / "targets"
    old, new, _, bands = diff_bench.prepare(work, families, 1, company=True)
    roster = audit_bench.generate(people)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE",
                                                           "PYTHONPATH")}
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    runs, ours = commands(old, new, roster)
    sides = {"after": env}
    if args.before:
        sides["before"] = {**env, "PYTHONPATH": str(args.before.resolve())}
    jobs = [(side, name) for name in runs for side in sides if side == "after" or name in ours]
    print(f"{families} families ({bands} bands raised 3 % on the new side), a roster of "
          f"{people:,} people; {rounds} rounds of {len(jobs)} commands"
          + (f"; before: {args.before}" if args.before else ""))
    for side, name in jobs:  # warm-up: bytecode, the OS's page cache
        child_cpu(runs[name], sides[side])
    cpu: dict[tuple[str, str], list[float]] = {job: [] for job in jobs}
    wall: dict[tuple[str, str], list[float]] = {job: [] for job in jobs}
    for index in range(rounds):
        shift = index % len(jobs)
        order = jobs[shift:] + jobs[:shift]
        if index % 2:
            order.reverse()
        for side, name in order:
            elapsed, seconds = child_cpu(runs[name], sides[side])
            wall[side, name].append(elapsed)
            cpu[side, name].append(seconds)
        print(f"  round {index + 1}/{rounds} done", file=sys.stderr)

    results: dict[str, Any] = {
        "families": families, "people": people, "rounds": rounds,
        "python": platform.python_version(), "machine": platform.machine(),
        "cpus": os.cpu_count(), "load": os.getloadavg(),
        "cpu": {f"{s}:{n}": v for (s, n), v in cpu.items()},
        "wall": {f"{s}:{n}": v for (s, n), v in wall.items()},
    }
    print("\nCPU seconds, median of the rounds:")
    for side, name in jobs:
        print(f"  {side:6} {name:24} {statistics.median(cpu[side, name]):8.3f}")
    head = "| target | side | ratio (median of rounds) | rounds' range | limit | met |"
    print(f"\n{head}\n|---|---|---:|---|---:|---|")
    verdicts: dict[str, Any] = {}
    for target in TARGETS:
        for side in sides:
            if (side, target.command) not in cpu:
                continue
            ratios = [c / b for c, b in zip(cpu[side, target.command],
                                            cpu["after", target.baseline], strict=True)]
            median = statistics.median(ratios)
            met = "yes" if median <= target.limit else "no"
            if target.name.startswith("one-file vs"):
                met = "(reported)"
            verdicts[f"{side}:{target.name}"] = {"median": median, "ratios": ratios}
            says = target.says.format(families=families, people=people)
            print(f"| {says} | {side} | {median:.2f} | {min(ratios):.2f}-"
                  f"{max(ratios):.2f} | {target.limit} | {met} |")
    results["targets"] = verdicts
    if args.instructions:
        print("\ninstructions (billions, valgrind cachegrind, once each):")
        counted: dict[str, int] = {}
        for side, name in jobs:
            counted[f"{side}:{name}"] = instructions(runs[name], sides[side])
            print(f"  {side:6} {name:24} {counted[f'{side}:{name}'] / 1e9:8.3f}")
        results["instructions"] = counted
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
