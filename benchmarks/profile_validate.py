"""Where the time of ``dualladder validate`` goes: phases, rules, and a cProfile listing.

    python benchmarks/profile_validate.py                     # the company of benchmarks/run.py
    python benchmarks/profile_validate.py --files 200 --pyinstrument

1. Phases, measured by wrapping the phase boundaries (almost no overhead, unlike a profiler):
   finding the files, reading them, building plain data from the parser's events (the fast
   path, ``yaml.fastread``), YAML composing and the node walk (``loader._Builder``) for the
   files the fast path leaves to the node path, the node tree composed late to locate a
   finding, pydantic validation
   (and within it the cross-reference checks in Python), the rules (each by code), and merging
   the reports. The wrappers lean on private names of ``_internal.io.parse``; a phase whose
   boundary moved is shown as "n/a" and folds into "other".
2. cProfile of ``check_paths`` (top functions by own time and by cumulative time), written to
   ``benchmarks/.company/profile.txt``; with ``--pyinstrument``, a pyinstrument tree too.

Nothing under ``src/`` is changed: the wrappers live for the length of this process.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import dataclasses
import io
import pstats
import statistics
import subprocess
import sys
import time
import types
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

Timer = Callable[..., Any]


class Phases:
    def __init__(self) -> None:
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self.missing: list[str] = []

    def wrap(self, name: str, func: Timer, consume: bool = False) -> Timer:
        seconds = self.seconds

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                result = func(*args, **kwargs)
                if consume:
                    result = list(result)
                return result
            finally:
                seconds[name] += time.perf_counter() - start

        return timed


def instrument(phases: Phases) -> Callable[[], None]:
    """Wrap the phase boundaries; returns a function that undoes it."""
    from dualladder import rules
    from dualladder._internal.io import parse as loader
    from dualladder._internal.io import read as reader
    from dualladder._internal.model import ladder as model
    from dualladder._internal.util.findings import Report

    undo: list[Callable[[], None]] = []

    def patch(owner: Any, attr: str, value: Any) -> None:
        old = owner.__dict__[attr] if isinstance(owner, type) else getattr(owner, attr)
        setattr(owner, attr, value)
        undo.append(lambda: setattr(owner, attr, old))

    # reading the bytes = read() minus read_text()
    if hasattr(reader, "read_text"):
        patch(reader, "read_text", phases.wrap("parse+build+validate", reader.read_text))
    else:
        phases.missing.append("loader.read_text")
    # the fast path: data straight from the parser's events (no node tree)
    if hasattr(loader, "data_from_events"):
        patch(loader, "data_from_events",
              phases.wrap("events to data", loader.data_from_events))
    else:
        phases.missing.append("loader.data_from_events")
    from dualladder._internal.yaml import source

    if hasattr(source, "compose"):  # the node tree of a file with a finding, composed late
        patch(source, "compose", phases.wrap("lazy compose", source.compose))
    # YAML composing: the loader class's get_single_node
    base = getattr(loader, "Loader", getattr(loader, "_Loader", None))
    if base is not None and hasattr(base, "get_single_node"):
        timed_compose = phases.wrap("yaml compose", base.get_single_node)

        class TimedLoader(base):  # type: ignore[misc, valid-type]
            def get_single_node(self) -> Any:
                return timed_compose(self)

        patch(loader, "Loader" if hasattr(loader, "Loader") else "_Loader", TimedLoader)
    else:
        phases.missing.append("loader.Loader.get_single_node")
    # the node walk: only the outermost _Builder.build call is timed (no per-node overhead)
    builder = getattr(loader, "_Builder", None)
    if builder is not None and hasattr(builder, "build"):
        inner_build = builder.build
        seconds = phases.seconds

        def outer_build(self: Any, node: Any, loc: Any) -> Any:
            self.build = types.MethodType(inner_build, self)  # recursion skips the wrapper
            start = time.perf_counter()
            try:
                return inner_build(self, node, loc)
            finally:
                seconds["node walk (_Builder)"] += time.perf_counter() - start

        patch(builder, "build", outer_build)
    else:
        phases.missing.append("loader._Builder.build")
    # pydantic: Ladder.model_validate, and the cross-reference checks inside it
    ladder = model.Ladder
    validate = ladder.model_validate
    timed_validate = phases.wrap("pydantic validate", validate)
    try:
        ladder.model_validate = timed_validate  # type: ignore[method-assign]
        undo.append(lambda: delattr(ladder, "model_validate"))
    except (AttributeError, TypeError):
        phases.missing.append("Ladder.model_validate")
    if hasattr(model, "_cross_references"):
        patch(model, "_cross_references",
              phases.wrap("  of which cross-references", model._cross_references, True))
    # the rules, each by code
    registry = rules.RULES
    originals = dict(registry)
    for code, registered in originals.items():
        registry[code] = dataclasses.replace(
            registered, check=phases.wrap(f"rule {code}", registered.check, consume=True)
        )
    undo.append(lambda: registry.update(originals))
    # the rest of check(): context, locating findings, the per-file report
    patch(rules, "check", phases.wrap("rules (check, all)", rules.check))
    patch(rules, "check_file", phases.wrap("check_file", rules.check_file))
    patch(rules, "read", phases.wrap("read", rules.read))
    patch(Report, "merge", classmethod(phases.wrap("merge reports", Report.merge.__func__)))
    patch(rules, "ladder_files", phases.wrap("find files", rules.ladder_files, consume=True))

    def restore() -> None:
        for step in reversed(undo):
            with contextlib.suppress(Exception):  # best effort; the process ends soon after
                step()

    return restore


def phase_table(folder: Path, reps: int) -> str:
    from dualladder.rules import check_paths

    check_paths([folder])  # warm-up
    plain = []
    for _ in range(reps):
        start = time.perf_counter()
        check_paths([folder])
        plain.append(time.perf_counter() - start)
    total = statistics.median(plain)

    runs: list[dict[str, float]] = []
    walls = []
    phases = Phases()
    restore = instrument(phases)
    try:
        for _ in range(reps):
            phases.seconds.clear()
            start = time.perf_counter()
            check_paths([folder])
            walls.append(time.perf_counter() - start)
            runs.append(dict(phases.seconds))
    finally:
        restore()
    wall = statistics.median(walls)
    names = sorted({n for r in runs for n in r})
    med = {n: statistics.median(r.get(n, 0.0) for r in runs) for n in names}

    def m(name: str) -> float:
        return med.get(name, 0.0)

    parsing, compose, walk = m("parse+build+validate"), m("yaml compose"), m(
        "node walk (_Builder)")
    pyd, rules_all, find = m("pydantic validate"), m("rules (check, all)"), m("find files")
    rule_rows = sorted(((n, s) for n, s in med.items() if n.startswith("rule DL")),
                       key=lambda item: -item[1])
    rules_sum = sum(s for _, s in rule_rows)
    rows: list[tuple[str, float]] = [
        ("find files (rglob + sort)", find),
        ("read the file (bytes, decode)", m("read") - parsing),
        ("yaml events to data (_internal.yaml.fastread: the fast path, no nodes)",
         m("events to data")),
        ("yaml compose (node path: anchors, tags, merge keys, problems)", compose),
        ("node tree composed late, to locate findings", m("lazy compose")),
        ("node walk (loader._Builder: data + positions)", walk),
        ("pydantic validate (Ladder.model_validate)", pyd),
    ]
    if "  of which cross-references" in med:
        rows.append(("  of which cross-references (Python)", m("  of which cross-references")))
    rows += [
        ("rest of read_text (SourceMap, findings)",
         parsing - m("events to data") - compose - walk - pyd),
        ("rules: the rule functions", rules_sum),
        ("rules: context, locating, per-file report", rules_all - rules_sum),
        ("check_file itself", m("check_file") - m("read") - rules_all),
        ("merge reports (sort)", m("merge reports") - m("check_file")),
        ("other (check_paths loop)", wall - find - m("merge reports")),
    ]
    out = [
        f"check_paths over {folder}: median {total:.3f} s uninstrumented, "
        f"{wall:.3f} s instrumented ({reps} runs)",
        "",
        "| phase | seconds | share |",
        "|---|---:|---:|",
    ]
    out += [f"| {name} | {sec:.3f} | {sec / wall * 100:.1f} % |" for name, sec in rows]
    out += ["", "| rule | seconds | share |", "|---|---:|---:|"]
    out += [f"| {name[5:]} | {sec:.4f} | {sec / wall * 100:.2f} % |" for name, sec in rule_rows]
    if phases.missing:
        out += ["", "n/a (boundary not found): " + ", ".join(phases.missing)]
    return "\n".join(out)


def cprofile(folder: Path, top: int) -> str:
    from dualladder.rules import check_paths

    profiler = cProfile.Profile()
    profiler.enable()
    check_paths([folder])
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs()
    out.write("== by own time ==\n")
    stats.sort_stats("tottime").print_stats(top)
    out.write("== by cumulative time ==\n")
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def pyinstrument_tree(folder: Path) -> str:
    try:
        from pyinstrument import Profiler
    except ImportError:
        return "pyinstrument is not installed (pip install -r benchmarks/requirements.txt)\n"
    from dualladder.rules import check_paths

    profiler = Profiler(interval=0.0005)
    profiler.start()
    check_paths([folder])
    profiler.stop()
    return str(profiler.output_text(unicode=False, color=False, show_all=False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--top", type=int, default=30, help="functions in the cProfile listing")
    parser.add_argument("--work", type=Path, default=HERE / ".company")
    parser.add_argument("--pyinstrument", action="store_true")
    args = parser.parse_args(argv)
    folder = args.work / "files"
    subprocess.run([sys.executable, str(HERE / "generate.py"), "--files", str(args.files),
                    "--seed", str(args.seed), "--out", str(folder)], check=True)
    print(phase_table(folder, args.reps))
    listing = cprofile(folder, args.top)
    target = args.work / "profile.txt"
    target.write_text(listing, encoding="utf-8")
    print(f"\ncProfile listing written to {target}")
    if args.pyinstrument:
        tree = pyinstrument_tree(folder)
        (args.work / "pyinstrument.txt").write_text(tree, encoding="utf-8")
        print(f"pyinstrument tree written to {args.work / 'pyinstrument.txt'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
