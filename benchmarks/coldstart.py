"""The cold start of a one-file ``validate`` and of ``--help``, in pairs against both floors.

    python benchmarks/coldstart.py                       # 10 rounds, this checkout
    python benchmarks/coldstart.py --rounds 20
    python benchmarks/coldstart.py --tree before=/tmp/old/src --tree after=src

Each round runs, back to back and in a rotating order (so that a shared machine's load falls
on every command alike), as subprocesses:

  baseline       ``python -c 'import yaml, pydantic'``: issue 19's baseline (<= 1.5x)
  models floor   ``import yaml; from pydantic import BaseModel, Field``, one tiny model built
                 and one validation: what any command that validates with pydantic models
                 pays before its own first line (building the first validator makes pydantic
                 look for plugins: ``importlib.metadata`` and every installed package's entry
                 points)
  validate       ``python -m dualladder validate ladders/acme-robotics-engineering.yaml``
  --help         ``python -m dualladder --help``

for each tree given with ``--tree NAME=SRC`` (``PYTHONPATH=SRC``; default: the installed
package, or the one on PYTHONPATH), so that two versions of the code are measured in the same
run. The time is the
child's CPU time (user + system, ``os.wait4``); every ratio is taken within one round, and the
table gives the median of the rounds' ratios and their range. Bytecode is cached (into a
scratch folder, whatever PYTHONDONTWRITEBYTECODE says), after one untimed warm-up run of every
command. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LADDER = ROOT / "ladders" / "acme-robotics-engineering.yaml"
BASELINE = "import yaml, pydantic"
MODELS_FLOOR = (
    "import yaml\n"
    "from pydantic import BaseModel, Field\n"
    "class M(BaseModel):\n"
    "    a: int = Field(0)\n"
    "M.model_validate({'a': 1})\n"
)


def cpu(command: list[str], env: dict[str, str]) -> float:
    """The CPU seconds (user + system) of one run of ``command``; it must exit 0."""
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             cwd=ROOT, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    assert child.stderr is not None
    err = child.stderr.read().decode(errors="replace")
    child.stderr.close()
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)}: exit {child.returncode}\n{err}")
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--tree", action="append", default=[], metavar="NAME=SRC",
                        help="a source folder to run dualladder from (PYTHONPATH); repeatable")
    args = parser.parse_args(argv)
    trees = dict(t.split("=", 1) for t in args.tree) or {"installed": ""}
    cache = tempfile.mkdtemp(prefix="dualladder-coldstart-pycache-")
    base_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    base_env["PYTHONPYCACHEPREFIX"] = cache
    py = sys.executable
    commands: dict[str, tuple[list[str], dict[str, str]]] = {
        "baseline": ([py, "-c", BASELINE], base_env),
        "models floor": ([py, "-c", MODELS_FLOOR], base_env),
    }
    for name, src in trees.items():
        env = dict(base_env, PYTHONPATH=str(Path(src).resolve())) if src else base_env
        commands[f"validate ({name})"] = ([py, "-m", "dualladder", "validate", str(LADDER)], env)
        commands[f"--help ({name})"] = ([py, "-m", "dualladder", "--help"], env)
    for command, env in commands.values():  # warm-up: page cache, bytecode
        cpu(command, env)
    names = list(commands)
    times: dict[str, list[float]] = {name: [] for name in names}
    for index in range(args.rounds):
        order = names[index % len(names):] + names[:index % len(names)]
        for name in order:
            times[name].append(cpu(*commands[name]))

    def ratios(name: str, floor: str) -> list[float]:
        return [a / b for a, b in zip(times[name], times[floor], strict=True)]

    print(f"{args.rounds} rounds, CPU time (user + system) of each child; "
          f"Python {sys.version.split()[0]}")
    print(f"{'command':<24} {'median s':>9}  {'/ baseline':>22}  {'/ models floor':>22}")
    for name in names:
        line = f"{name:<24} {statistics.median(times[name]):9.3f}"
        for floor in ("baseline", "models floor"):
            found = ratios(name, floor)
            line += (f"  {statistics.median(found):5.2f}x ({min(found):.2f}-{max(found):.2f})"
                     .rjust(24))
        print(line)
    if len(trees) == 2:
        first, second = trees
        for what in ("validate", "--help"):
            found = ratios(f"{what} ({second})", f"{what} ({first})")
            print(f"{what}: {second} / {first} = {statistics.median(found):.3f} "
                  f"(rounds {min(found):.3f}-{max(found):.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
