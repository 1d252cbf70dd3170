"""Benchmark dualladder against the floor (PyYAML's C loader) and check-jsonschema.

    python benchmarks/run.py                 # 500 files, 5 repetitions, the full table
    python benchmarks/run.py --quick         # 40 files, 2 repetitions: a smoke run
    python benchmarks/run.py --json out.json # also save the results

One run generates a synthetic company (``benchmarks/generate.py``, into the git-ignored
``benchmarks/.company/``) and measures, on the same files, side by side:

  floor          read + parse every file with ``yaml.load(text, Loader=yaml.CSafeLoader)``
  load           ``dualladder.read`` on every file (YAML, positions, model; no rules)
  check_paths    ``dualladder.rules.check_paths([folder])``: what ``validate`` does, in process
  cli-main       ``dualladder.cli.main(["validate", folder])`` in process, output to a null stream
  cli            ``python -m dualladder validate folder`` as a subprocess
  check-jsonschema  ``check-jsonschema --schemafile schema.json files...`` (the schema from
                 ``dualladder schema``), the CLI a team would otherwise put in CI
  cold-start     ``python -m dualladder validate`` on one small example ladder, plus the bare
                 interpreter and ``import yaml, pydantic`` for comparison, and an ``-X importtime``
                 log of the CLI
  render-N       loading and rendering N files' handbooks (``dualladder.render``), at two sizes
  company ...    the same number of families as one company (``generate.py --company``: a
                 company file with a shared scale and three zones, and family files): its
                 floor, validate in process and as a subprocess (start-up included, the target
                 is at most 1.0x its floor; also measured in pairs, CLI and floor back to back,
                 so that a shared machine's load falls on both), and the render of the whole
                 company site

Every in-process measurement runs in a fresh worker process (this script with ``--worker``):
one untimed warm-up, then the timed repetitions; its peak memory is the worker's own
``ru_maxrss`` (``RUSAGE_SELF``: interpreter + imports + data) and, from one more untimed pass
under ``tracemalloc``, the peak of the Python heap for the work alone. A subprocess measurement
reports the child's ``ru_maxrss`` (from ``os.wait4``, which is ``RUSAGE_CHILDREN`` for that one
child), after one untimed warm-up run; subprocesses run with bytecode caching on (into
``benchmarks/.company/pycache``), as an installed package would. Times are wall clock
(``time.perf_counter``); the table shows the median.

No measurement here asserts anything about time: targets are reported, not enforced.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import importlib.util
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SMALL_LADDER = ROOT / "ladders" / "acme-robotics-engineering.yaml"
PY = sys.executable

TARGETS = {
    "validate_vs_floor": 1.5,  # check_paths median / floor median
    "cold_start_s": 0.25,  # python -m dualladder validate <one small file>
    # python -m dualladder validate <one file> and --help / python -c 'import yaml, pydantic'
    # (issue 19: what a pre-commit hook pays on every commit)
    "cold_vs_dependencies": 1.5,
    # python -m dualladder validate <company folder> / floor of the same files (issue 11)
    "company_validate_vs_floor": 1.0,
}


# -- workers: one in-process measurement each, in a fresh process ---------------------------------


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def _work_floor(folder: Path, **_: Any) -> Callable[[], dict[str, Any]]:
    import yaml

    loader = yaml.CSafeLoader

    def run() -> dict[str, Any]:
        count = 0
        for path in _files(folder):  # parse and drop, as validate does: no data kept alive
            yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
            count += 1
        return {"files": count}

    return run


def _work_floor_nogc(folder: Path, **_: Any) -> Callable[[], dict[str, Any]]:
    """The floor with the cyclic garbage collector paused, as ``validate`` runs: shows how much
    of validate's lead over the floor is that pause alone."""
    import gc

    floor = _work_floor(folder)

    def run() -> dict[str, Any]:
        gc.disable()
        try:
            return floor()
        finally:
            gc.enable()

    return run


def _work_load(folder: Path, **_: Any) -> Callable[[], dict[str, Any]]:
    from dualladder import read

    def run() -> dict[str, Any]:
        count = not_loaded = 0
        for path in _files(folder):
            count += 1
            not_loaded += read(path).ladder is None
        return {"files": count, "not_loaded": not_loaded}

    return run


def _work_check_paths(folder: Path, **_: Any) -> Callable[[], dict[str, Any]]:
    from dualladder.rules import check_paths

    def run() -> dict[str, Any]:
        report = check_paths([folder])
        return {
            "files": len(report.files),
            "findings": len(report.findings),
            "files_with_findings": len({f.file for f in report.findings}),
            "codes": dict(sorted(Counter(f.code for f in report.findings).items())),
        }

    return run


def _work_cli_main(folder: Path, **_: Any) -> Callable[[], dict[str, Any]]:
    from dualladder.cli import main

    def run() -> dict[str, Any]:
        sink = io.StringIO()
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            try:
                code = main(["validate", str(folder)])
            except SystemExit as exc:
                code = exc.code
        return {"exit": code, "output_chars": len(sink.getvalue())}

    return run


def _work_render(folder: Path, *, count: int = 0, fmt: str = "markdown",
                 **_: Any) -> Callable[[], dict[str, Any]]:
    import dualladder

    paths = _files(folder)[:count] if count else _files(folder)
    out_root = Path(tempfile.mkdtemp(prefix="dualladder-render-"))

    def run() -> dict[str, Any]:
        failed: list[str] = []
        for path in paths:
            target = out_root / path.stem
            try:
                try:  # time the whole handbook also for the files with deliberate findings
                    dualladder.render(dualladder.load(path), target, format=fmt,
                                      allow_invalid=True)
                except TypeError:  # a renderer without allow_invalid
                    dualladder.render(dualladder.load(path), target, format=fmt)
            except Exception as exc:  # a broken renderer is a note in the table, not a crash
                failed.append(f"{path.name}: {type(exc).__name__}: {exc}"[:200])
        written = sum(1 for p in out_root.rglob("*") if p.is_file())
        shutil.rmtree(out_root, ignore_errors=True)
        return {"files": len(paths), "failed": len(failed), "first_failure": failed[:1],
                "written": written}

    return run


def _work_company_render(folder: Path, *, fmt: str = "markdown",
                         **_: Any) -> Callable[[], dict[str, Any]]:
    """Load a company with its families and render its whole site (allow_invalid: the
    deliberate findings must not stop the timing)."""
    import dualladder

    out_root = Path(tempfile.mkdtemp(prefix="dualladder-company-"))

    def run() -> dict[str, Any]:
        company = dualladder.load_company(folder)
        target = out_root / "site"
        dualladder.render(company, target, format=fmt, allow_invalid=True)  # type: ignore[arg-type]
        written = sum(1 for p in target.rglob("*") if p.is_file())
        return {"files": len(company.families), "written": written}

    return run


def _work_company_load(folder: Path, **_: Any) -> Callable[[], dict[str, Any]]:
    """Load a company with its families, nothing else: what ``company render`` spends before
    its templates (its check and its pages are the rest)."""
    import dualladder

    def run() -> dict[str, Any]:
        company = dualladder.load_company(folder)
        return {"files": len(company.families)}

    return run


def _work_company_check(folder: Path, **_: Any) -> Callable[[], dict[str, Any]]:
    """Load a company and check it, as ``render`` does before its templates: with
    ``company load`` and ``company render``, what a family's page costs splits into loading,
    checking and the templates."""
    import dualladder

    def run() -> dict[str, Any]:
        company = dualladder.load_company(folder)
        return {"files": len(company.families), "findings": len(dualladder.check(company))}

    return run


WORKERS: dict[str, Callable[..., Callable[[], dict[str, Any]]]] = {
    "company_check": _work_company_check,
    "company_load": _work_company_load,
    "company_render": _work_company_render,
    "floor": _work_floor,
    "floor_nogc": _work_floor_nogc,
    "load": _work_load,
    "check_paths": _work_check_paths,
    "cli_main": _work_cli_main,
    "render": _work_render,
}


def worker(name: str, folder: Path, reps: int, options: dict[str, Any]) -> None:
    """Run one measurement in this process and print its result as JSON."""
    import resource

    run = WORKERS[name](folder, **options)
    info = run()  # warm-up: imports, caches, OS page cache
    times, cpu = [], []
    for _ in range(reps):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    run()
    _, heap_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(json.dumps({"times": times, "cpu": cpu, "maxrss_kb": rss_kb, "heap_peak": heap_peak,
                      "info": info}))


# -- measuring -----------------------------------------------------------------------------------


class Results:
    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    def add(self, row: dict[str, Any]) -> dict[str, Any]:
        self.rows.append(row)
        median = row.get("median")
        shown = f"{median:.3f} s" if median is not None else "skipped"
        extra = f"  ({row['note']})" if row.get("note") else ""
        print(f"  {row['name']:<24} {shown}{extra}", file=sys.stderr, flush=True)
        return row

    def get(self, name: str) -> dict[str, Any] | None:
        return next((r for r in self.rows if r["name"] == name and r.get("median")), None)


def skipped(name: str, what: str, note: str) -> dict[str, Any]:
    return {"name": name, "what": what, "kind": "-", "median": None, "note": note}


def in_process(name: str, what: str, worker_name: str, folder: Path, reps: int,
               **options: Any) -> dict[str, Any]:
    command = [PY, str(Path(__file__).resolve()), "--worker", worker_name, "--reps", str(reps),
               "--options", json.dumps(options), str(folder)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["exit " + str(done.returncode)])[-1]
        return skipped(name, what, f"failed: {last[:160]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    times = result["times"]
    return {
        "name": name, "what": what, "kind": "in process", "times": times,
        "cpu": result["cpu"], "cpu_median": statistics.median(result["cpu"]),
        "median": statistics.median(times), "peak_rss_mb": result["maxrss_kb"] / 1024,
        "heap_peak_mb": result["heap_peak"] / 2**20, "memory": "worker RUSAGE_SELF + tracemalloc",
        "info": result["info"], "note": "",
    }


def run_child(command: list[str], cwd: Path = ROOT,
              env: dict[str, str] | None = None) -> tuple[float, int, int, str]:
    """Run ``command``; wall seconds, exit status, the child's ru_maxrss (KiB), its stderr."""
    elapsed, code, rss, err, _ = run_child_cpu(command, cwd, env)
    return elapsed, code, rss, err


def run_child_cpu(command: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None
                  ) -> tuple[float, int, int, str, float]:
    """:func:`run_child`, and the child's CPU seconds (user + system, from ``os.wait4``)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, cwd=cwd,
                                 env=env)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
        err.seek(0)
        return (elapsed, child.returncode, usage.ru_maxrss, err.read().decode(errors="replace"),
                usage.ru_utime + usage.ru_stime)


#: The environment of the subprocess rows: bytecode caching on (into the scratch folder, so an
#: editable install in a shell with PYTHONDONTWRITEBYTECODE=1 starts like an installed package).
CHILD_ENV: dict[str, str] = {}


def subprocess_row(name: str, what: str, command: list[str], reps: int,
                   ok_codes: tuple[int, ...] = (0, 1),
                   env: dict[str, str] | None = None) -> dict[str, Any]:
    env = env or CHILD_ENV or None
    first = run_child(command, env=env)  # warm-up (OS page cache, .pyc files)
    if first[1] not in ok_codes or "Traceback" in first[3]:
        last = (first[3].strip().splitlines() or [f"exit {first[1]}"])[-1]
        return skipped(name, what, f"failed (exit {first[1]}): {last[:160]}")
    runs = [run_child_cpu(command, env=env) for _ in range(reps)]
    times = [r[0] for r in runs]
    return {
        "name": name, "what": what, "kind": "subprocess", "times": times,
        "cpu": [r[4] for r in runs], "cpu_median": statistics.median(r[4] for r in runs),
        "median": statistics.median(times), "peak_rss_mb": max(r[2] for r in runs) / 1024,
        "heap_peak_mb": None, "memory": "child ru_maxrss (os.wait4)",
        "exit": runs[-1][1], "note": "",
    }


def paired_row(name: str, what: str, folder: Path, command: list[str],
               reps: int) -> dict[str, Any]:
    """``command`` (a subprocess, start-up included) against the floor of ``folder``, measured
    in pairs back to back (in turn: floor first, then the command first), so both sides of each
    ratio see the same load on a shared machine. The ratios are of wall time and of CPU time
    (the command's user + system time against the floor's ``time.process_time``); the median
    is of the per-pair ratios."""
    run_child(command, env=CHILD_ENV or None)  # warm-up
    ratios, cpu_ratios, times, floors = [], [], [], []
    for index in range(reps):
        child: tuple[float, int, int, str, float] | None = None
        if index % 2:
            child = run_child_cpu(command, env=CHILD_ENV or None)
        floor = in_process("floor", "", "floor", folder, 1)
        if floor.get("median") is None:
            return skipped(name, what, floor.get("note", "floor failed"))
        if child is None:
            child = run_child_cpu(command, env=CHILD_ENV or None)
        elapsed, code, _, err, cpu = child
        if code not in (0, 1) or "Traceback" in err:
            return skipped(name, what, f"failed (exit {code})")
        floors.append(floor["median"])
        times.append(elapsed)
        ratios.append(elapsed / floor["median"])
        cpu_ratios.append(cpu / floor["cpu_median"])
    return {
        "name": name, "what": what, "kind": "paired", "times": times, "floors": floors,
        "ratios": ratios, "cpu_ratios": cpu_ratios, "median": statistics.median(times),
        "ratio": statistics.median(ratios), "cpu_ratio": statistics.median(cpu_ratios),
        "peak_rss_mb": None, "heap_peak_mb": None, "note": "",
    }


def has_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def api(name: str) -> Callable[..., Any] | None:
    """``dualladder.<name>`` if the package exports it (``render``, ``schema``), else None."""
    try:
        module = importlib.import_module("dualladder")
        found = getattr(module, name)
    except Exception:
        return None
    if callable(found) and not isinstance(found, type(module)):
        return found  # type: ignore[no-any-return]
    inner = getattr(found, name, None)  # a module of that name holding the function
    return inner if callable(inner) else None


def get_schema(work: Path) -> tuple[Path | None, str]:
    """``dualladder schema``'s output in a file; else ``dualladder.schema()``."""
    target = work / "schema.json"
    how = ""
    if has_module("dualladder.cli"):
        done = subprocess.run([PY, "-m", "dualladder", "schema"], capture_output=True,
                              text=True, check=False, cwd=ROOT)
        if done.returncode == 0:
            try:
                json.loads(done.stdout)
            except ValueError:
                pass
            else:
                target.write_text(done.stdout, encoding="utf-8")
                return target, "from `dualladder schema`"
        how = "`dualladder schema` failed; "
    schema = api("schema")
    if schema is not None:
        try:
            target.write_text(json.dumps(schema(), indent=2), encoding="utf-8")
            return target, how + "from dualladder.schema()"
        except Exception as exc:
            return None, how + f"dualladder.schema() failed: {exc}"
    return None, how + "no `dualladder schema` command and no dualladder.schema()"


def importtime_summary(log: str, top: int = 12) -> dict[str, list[dict[str, Any]]]:
    """An ``-X importtime`` log in brief: the imports at the top two levels of nesting by
    cumulative time, and the self time summed per top-level package."""
    rows = []
    for line in log.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| ( *)(\S+)", line)
        if match:
            self_us, cumulative, indent, name = match.groups()
            rows.append({"module": name, "self_ms": int(self_us) / 1000,
                         "cumulative_ms": int(cumulative) / 1000, "depth": len(indent) // 2})
    nested = sorted((r for r in rows if r["depth"] <= 1), key=lambda r: -r["cumulative_ms"])
    packages: Counter[str] = Counter()
    for r in rows:
        packages[r["module"].split(".")[0]] += r["self_ms"]
    by_package = [{"package": name, "self_ms": round(ms, 1)}
                  for name, ms in packages.most_common(top)]
    return {"imports": nested[:top], "packages": by_package,
            "total_ms": [round(sum(r["self_ms"] for r in rows), 1)]}


# -- the report -----------------------------------------------------------------------------------


def table(results: Results) -> str:
    floor = results.get("floor")
    base = floor["median"] if floor else None
    company_floor = results.get("company floor")
    company_base = company_floor["median"] if company_floor else None
    lines = [
        "| measurement | what | kind | median s | x floor | CPU s | peak RSS MB | py heap MB |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for row in results.rows:
        median = row.get("median")
        if median is None:
            lines.append(f"| {row['name']} | {row['what']} | - | skipped | | | | |")
            continue
        own = company_base if row["name"].startswith("company") else base
        ratio = f"{median / own:.2f}" if own else ""
        if row.get("ratio") is not None:
            ratio = f"{row['ratio']:.2f} (paired)"
        rss = f"{row['peak_rss_mb']:.0f}" if row.get("peak_rss_mb") is not None else ""
        heap = f"{row['heap_peak_mb']:.1f}" if row.get("heap_peak_mb") is not None else ""
        cpu = f"{row['cpu_median']:.3f}" if row.get("cpu_median") is not None else ""
        lines.append(f"| {row['name']} | {row['what']} | {row['kind']} | {median:.3f} | "
                     f"{ratio} | {cpu} | {rss} | {heap} |")
    return "\n".join(lines)


def verdicts(results: Results) -> list[str]:
    out = []
    floor, check = results.get("floor"), results.get("check_paths")
    if floor and check:
        ratio = check["median"] / floor["median"]
        goal = TARGETS["validate_vs_floor"]
        out.append(f"validate in process / floor = {ratio:.2f} (target <= {goal}): "
                   + ("met" if ratio <= goal else "NOT met"))
    cli, schema = results.get("cli"), results.get("check-jsonschema")
    if cli and schema:
        out.append(f"validate CLI {cli['median']:.2f} s vs check-jsonschema "
                   f"{schema['median']:.2f} s (target: faster): "
                   + ("met" if cli["median"] < schema["median"] else "NOT met")
                   + f", {schema['median'] / cli['median']:.1f}x")
    cold = results.get("cold-start")
    if cold:
        goal = TARGETS["cold_start_s"]
        out.append(f"cold start {cold['median']:.3f} s (target <= {goal} s): "
                   + ("met" if cold["median"] <= goal else "NOT met"))
    company_floor = results.get("company floor")
    company_cli = results.get("company cli")
    paired = results.get("company cli, paired")
    if paired:
        goal = TARGETS["company_validate_vs_floor"]
        shown = ", ".join(f"{r:.2f}" for r in paired["ratios"])
        cpu_shown = ", ".join(f"{r:.2f}" for r in paired["cpu_ratios"])
        out.append(f"company: validate CLI (start-up included) / floor, measured in pairs = "
                   f"{paired['ratio']:.2f} (pairs: {shown}; target <= {goal}): "
                   + ("met" if paired["ratio"] <= goal else "NOT met"))
        out.append(f"company: the same pairs in CPU time (user + system) = "
                   f"{paired['cpu_ratio']:.2f} (pairs: {cpu_shown}): "
                   + ("met" if paired["cpu_ratio"] <= goal else "NOT met"))
    if company_floor and company_cli:
        ratio = company_cli["median"] / company_floor["median"]
        goal = TARGETS["company_validate_vs_floor"]
        out.append(f"company: validate CLI (start-up included) / floor = {ratio:.2f} "
                   f"(target <= {goal}): " + ("met" if ratio <= goal else "NOT met"))
    company_check = results.get("company check_paths")
    if company_floor and company_check:
        ratio = company_check["median"] / company_floor["median"]
        out.append(f"company: validate in process / floor = {ratio:.2f}")
    deps = results.get("import yaml, pydantic")
    for name in ("cold-start", "cold --help"):
        row = results.get(name)
        if deps and row and row.get("median"):
            goal = TARGETS["cold_vs_dependencies"]
            ratio = row["median"] / deps["median"]
            cpu = row["cpu_median"] / deps["cpu_median"] if deps.get("cpu_median") else None
            out.append(f"{name} / import yaml, pydantic = {ratio:.2f} wall"
                       + (f", {cpu:.2f} CPU" if cpu is not None else "")
                       + f" (target <= {goal}): " + ("met" if ratio <= goal else "NOT met"))
    models = results.get("pydantic's models floor")
    if deps and models and models.get("median"):
        out.append(f"pydantic's models floor (importing what a model class needs) / import "
                   f"yaml, pydantic = {models['median'] / deps['median']:.2f} wall, "
                   f"{models['cpu_median'] / deps['cpu_median']:.2f} CPU: the least any "
                   "command that validates with pydantic models pays")
    site = results.get("company render")
    if site and site.get("info"):
        n = site["info"]["files"]
        loaded, checked = results.get("company load"), results.get("company check")
        load_ms = (f", of which loading {loaded['median'] / n * 1000:.1f} ms"
                   if loaded and loaded.get("median") else "")
        if load_ms and checked and checked.get("median"):
            load_ms += (f", checking {(checked['median'] - loaded['median']) / n * 1000:.1f} ms"
                        f" and the templates "
                        f"{(site['median'] - checked['median']) / n * 1000:.1f} ms")
        out.append(f"company render: whole site of {n} families, "
                   f"{site['median'] / n * 1000:.1f} ms per family{load_ms} "
                   f"({site['info']['written']} files; peak heap "
                   f"{site.get('heap_peak_mb') or 0:.0f} MB, peak RSS "
                   f"{site.get('peak_rss_mb') or 0:.0f} MB)")
    cli_site = results.get("company render cli")
    if site and site.get("info") and cli_site and cli_site.get("median"):
        n = site["info"]["files"]
        out.append(f"company render CLI: {cli_site['median'] / n * 1000:.1f} ms per family, "
                   f"start-up included (peak RSS {cli_site['peak_rss_mb']:.0f} MB)")
    renders = [r for r in results.rows if r["name"].startswith("render-") and r.get("median")]
    for row in renders:
        n = row["info"]["files"]
        out.append(f"{row['name']}: {row['median'] / n * 1000:.1f} ms per file")
    return out


def environment() -> dict[str, Any]:
    import yaml

    def version(dist: str) -> str:
        try:
            from importlib.metadata import version as v

            return v(dist)
        except Exception:
            return "-"

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, check=False, cwd=ROOT).stdout.strip()
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "pyyaml": yaml.__version__,
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
        "pydantic": version("pydantic"),
        "check-jsonschema": version("check-jsonschema"),
        "dualladder_commit": commit,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, help="job-family files (default 500; quick 40)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reps", type=int, help="timed repetitions (default 5; quick 2)")
    parser.add_argument("--quick", action="store_true", help="fewer files and repetitions")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--work", type=Path, default=HERE / ".company",
                        help="scratch folder (default benchmarks/.company, git-ignored)")
    parser.add_argument("--only", help="comma-separated: floor,load,check_paths,cli_main,cli,"
                        "check-jsonschema,cold,render,company,company-render")
    parser.add_argument("--render-sizes", default=None,
                        help="two file counts for the render rows (default 50,200; quick 5,20)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--options", default="{}", help=argparse.SUPPRESS)
    parser.add_argument("folder", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        worker(args.worker, args.folder, args.reps or 1, json.loads(args.options))
        return 0

    files = args.files or (40 if args.quick else 500)
    reps = args.reps or (2 if args.quick else 5)
    cold_reps = 3 if args.quick else 10
    sizes = [int(s) for s in (args.render_sizes or ("5,20" if args.quick else "50,200"))
             .split(",")]
    only = set(args.only.split(",")) if args.only else None

    def wanted(key: str) -> bool:
        return only is None or key in only

    work = args.work.resolve()
    company = work / "files"
    work.mkdir(parents=True, exist_ok=True)
    CHILD_ENV.update(os.environ)
    CHILD_ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    print(f"generating {files} files (seed {args.seed}) in {company} ...", file=sys.stderr)
    subprocess.run([PY, str(HERE / "generate.py"), "--files", str(files), "--seed",
                    str(args.seed), "--out", str(company)], check=True, cwd=ROOT)
    paths = _files(company)
    size = sum(p.stat().st_size for p in paths)
    env = environment()
    print(f"measuring ({reps} repetitions, median) ...", file=sys.stderr)

    results = Results()
    notes: list[str] = []
    has_cli = has_module("dualladder.cli")
    if wanted("floor"):
        results.add(in_process("floor", "PyYAML CSafeLoader, parse only", "floor", company,
                               reps))
        results.add(in_process("floor, GC paused", "the floor with gc.disable(), as validate",
                               "floor_nogc", company, reps))
    if wanted("load"):
        results.add(in_process("load", "dualladder.read (no rules)", "load", company, reps))
    if wanted("check_paths"):
        row = results.add(in_process("check_paths", "rules.check_paths (validate)",
                                     "check_paths", company, reps))
        if row.get("info"):
            info = row["info"]
            notes.append(f"validate found {info['findings']} findings in "
                         f"{info['files_with_findings']} of {info['files']} files: "
                         + ", ".join(f"{c} x{n}" for c, n in info["codes"].items()))
    if wanted("cli_main"):
        what = "cli.main(['validate', dir]), null output"
        results.add(in_process("cli-main", what, "cli_main", company, reps) if has_cli
                    else skipped("cli-main", what, "no dualladder.cli yet"))
    if wanted("cli"):
        what = "python -m dualladder validate DIR"
        results.add(subprocess_row("cli", what, [PY, "-m", "dualladder", "validate",
                                                 str(company)], reps)
                    if has_cli else skipped("cli", what, "no dualladder.cli yet"))
    if wanted("check-jsonschema"):
        what = "check-jsonschema --schemafile schema.json FILES"
        exe = shutil.which("check-jsonschema")
        schema, how = get_schema(work)
        if exe is None:
            results.add(skipped("check-jsonschema", what,
                                "pip install -r benchmarks/requirements.txt"))
        elif schema is None:
            results.add(skipped("check-jsonschema", what, how))
        else:
            row = results.add(subprocess_row(
                "check-jsonschema", what,
                [exe, "--schemafile", str(schema), *map(str, paths)], min(reps, 3)))
            notes.append(f"check-jsonschema: schema {how}; exit {row.get('exit', '-')}")
    if wanted("cold"):
        results.add(subprocess_row("python -c pass", "bare interpreter start",
                                   [PY, "-c", "pass"], cold_reps, ok_codes=(0,)))
        results.add(subprocess_row("import yaml, pydantic", "dependency floor",
                                   [PY, "-c", "import yaml, pydantic"], cold_reps,
                                   ok_codes=(0,)))
        results.add(subprocess_row(
            "pydantic's models floor", "import yaml; from pydantic import BaseModel, Field",
            [PY, "-c", "import yaml; from pydantic import BaseModel, Field"], cold_reps,
            ok_codes=(0,)))
        what = "python -m dualladder validate acme (1 file)"
        if has_cli:
            command = [PY, "-m", "dualladder", "validate", str(SMALL_LADDER)]
            results.add(subprocess_row("cold-start", what, command, cold_reps))
            results.add(subprocess_row("cold --help", "python -m dualladder --help",
                                       [PY, "-m", "dualladder", "--help"], cold_reps,
                                       ok_codes=(0,)))
            helped = subprocess.run([PY, "-X", "importtime", "-m", "dualladder", "--help"],
                                    capture_output=True, text=True, check=False, cwd=ROOT,
                                    env=CHILD_ENV)
            heavy = sorted({line.rsplit("|", 1)[-1].strip().split(".")[0]
                            for line in helped.stderr.splitlines()
                            if line.rsplit("|", 1)[-1].strip().split(".")[0]
                            in ("pydantic", "pydantic_core", "jinja2", "yaml")})
            notes.append("--help imports " + (", ".join(heavy) if heavy else
                                              "none of pydantic, jinja2, yaml"))
            if os.environ.get("PYTHONDONTWRITEBYTECODE"):
                results.add(subprocess_row(
                    "cold-start, no .pyc", "same, PYTHONDONTWRITEBYTECODE=1 (this shell)",
                    command, cold_reps, env=dict(os.environ)))
            done = subprocess.run([PY, "-X", "importtime", *command[1:]], capture_output=True,
                                  text=True, check=False, cwd=ROOT, env=CHILD_ENV)
            (work / "importtime.log").write_text(done.stderr, encoding="utf-8")
            top = importtime_summary(done.stderr)
            summary = [f"all imports: {top['total_ms'][0]:.1f} ms (self times summed)", "",
                       "self time by top-level package:"]
            summary += [f"{r['self_ms']:8.1f} ms  {r['package']}" for r in top["packages"]]
            summary += ["", "biggest imports (nesting depth <= 1, cumulative):"]
            summary += [f"{r['cumulative_ms']:8.1f} ms  {'  ' * r['depth']}{r['module']}"
                        for r in top["imports"]]
            (work / "importtime-summary.txt").write_text("\n".join(summary) + "\n",
                                                         encoding="utf-8")
            env["importtime"] = top
            notes.append(f"imports of the CLI take {top['total_ms'][0]:.0f} ms; by package "
                         f"(self time, see {work.name}/importtime-summary.txt): "
                         + ", ".join(f"{r['package']} {r['self_ms']:.0f} ms"
                                     for r in top["packages"][:6]))
        else:
            results.add(skipped("cold-start", what, "no dualladder.cli yet"))
    if wanted("render"):
        has_render = api("render") is not None
        for count in sizes:
            name = f"render-{count}"
            what = f"load + render {count} handbooks (markdown)"
            if not has_render:
                results.add(skipped(name, what, "no dualladder.render yet"))
                continue
            row = results.add(in_process(name, what, "render", company, max(2, reps // 2 + 1),
                                         count=min(count, len(paths))))
            info = row.get("info") or {}
            if info.get("failed") == info.get("files"):
                row.update(median=None, kind="-", note="every file failed: "
                           + info["first_failure"][0][:160])
            elif info.get("failed"):
                notes.append(f"{name}: {info['failed']} files failed to render, e.g. "
                             f"{info['first_failure'][0]}")

    if wanted("company"):
        # the same number of families as one company: a company file (shared scale, three
        # zones) and family files that name it
        folder = work / "company-files"
        subprocess.run([PY, str(HERE / "generate.py"), "--files", str(files), "--seed",
                        str(args.seed), "--out", str(folder), "--company"], check=True, cwd=ROOT)
        results.add(in_process("company floor", "CSafeLoader parse of the company's files",
                               "floor", folder, reps))
        row = results.add(in_process("company check_paths", "rules.check_paths (validate)",
                                     "check_paths", folder, reps))
        if row.get("info"):
            info = row["info"]
            notes.append(f"company: validate found {info['findings']} findings in "
                         f"{info['files_with_findings']} of {info['files']} files: "
                         + ", ".join(f"{c} x{n}" for c, n in info["codes"].items()))
        command = [PY, "-m", "dualladder", "validate", str(folder)]
        results.add(subprocess_row("company cli", "python -m dualladder validate DIR",
                                   command, reps))
        results.add(paired_row("company cli, paired",
                               "the CLI and the floor, alternately (ratio per pair)", folder,
                               command, reps))
    if wanted("company-render"):
        folder = work / "company-files"
        if not folder.is_dir():
            subprocess.run([PY, str(HERE / "generate.py"), "--files", str(files), "--seed",
                            str(args.seed), "--out", str(folder), "--company"], check=True,
                           cwd=ROOT)
        results.add(in_process("company load", "load_company alone (before the templates)",
                               "company_load", folder, max(2, reps // 2 + 1)))
        results.add(in_process("company check", "load_company + check (what render does first)",
                               "company_check", folder, max(2, reps // 2 + 1)))
        results.add(in_process("company render", "load_company + render the whole site (md)",
                               "company_render", folder, max(2, reps // 2 + 1)))
        out = work / "company-render-cli"
        command = [PY, "-m", "dualladder", "render", str(folder), "-o", str(out),
                   "--allow-invalid"]
        results.add(subprocess_row("company render cli",
                                   "python -m dualladder render DIR (reads, checks once)",
                                   command, max(2, reps // 2 + 1)))

    header = (f"{len(paths)} files, {size / 1e6:.1f} MB, seed {args.seed}; {reps} repetitions "
              f"({cold_reps} for start-up rows, at most 3 for check-jsonschema, "
              f"{max(2, reps // 2 + 1)} for render); Python {env['python']}, PyYAML "
              f"{env['pyyaml']} (libyaml {env['libyaml']}), pydantic {env['pydantic']}, "
              f"{env['cpus']} CPUs, commit {env['dualladder_commit']}")
    print()
    print(header)
    print()
    print(table(results))
    print()
    for line in verdicts(results) + notes:
        print(f"- {line}")
    if args.json:
        payload = {"environment": env, "files": len(paths), "bytes": size, "seed": args.seed,
                   "reps": reps, "rows": results.rows, "verdicts": verdicts(results),
                   "notes": notes}
        args.json.write_text(json.dumps(payload, indent=2, default=str) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
