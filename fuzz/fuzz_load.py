"""Fuzz dualladder's reading, checking and rendering with atheris, for long runs by hand.

    pip install atheris                      # not a dependency of dualladder
    python fuzz/fuzz_load.py -max_total_time=3600 fuzz/corpus/
    python fuzz/fuzz_load.py -runs=100000 -max_len=4096 fuzz/corpus/

atheris (libFuzzer for Python) mutates the bytes of the corpus folder, guided by the code each
input reaches. The seeds are the example ladders and every file of ``tests/data/hostile/``;
``fuzz/corpus/`` (git-ignored) collects what libFuzzer finds interesting.

Each input is read as a ladder file (``dualladder.read_text`` of the bytes), checked, printed in
every report format and, when it is a ladder, rendered. The property is the one of
``tests/security/test_fuzz.py``: findings with a file, line and column, never an exception. An input
that raises, or that libFuzzer stops for time (``-timeout``, default here 20 s) or memory
(``-rss_limit_mb``, default here 2048), is written as ``crash-*``/``timeout-*``/``oom-*``: copy
it into ``tests/data/hostile/`` with a name that says what it is, and fix the bug; the
regression test then runs it in CI for good.
"""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

try:
    import atheris
except ImportError:  # pragma: no cover - a tool for hand runs
    sys.exit("fuzz/fuzz_load.py needs atheris: pip install atheris")

with atheris.instrument_imports():
    from dualladder import read_text
    from dualladder._internal.services.report import REPORTERS
    from dualladder._internal.util.catalog import CATALOG
    from dualladder._internal.util.findings import Report
    from dualladder.handbook import render
    from dualladder.rules import check

OUT = Path(tempfile.mkdtemp(prefix="dualladder-fuzz-"))


def one_input(data: bytes) -> None:
    result = read_text(data, "fuzz.yaml")
    if result.ladder is None:
        if not result.findings:
            raise AssertionError("a file that is not a ladder must say why")
        report = Report.of(result.findings, ["fuzz.yaml"])
    else:
        report = check(result.ladder)
    lines = data.count(b"\n") + 1
    for finding in report.findings:
        if finding.code not in CATALOG or not 1 <= finding.line <= lines + 1 or finding.column < 1:
            raise AssertionError(f"finding not located in the file: {finding!r}")
    for reporter in REPORTERS.values():
        reporter().report(report, io.StringIO())
    if result.ladder is not None:
        render(result.ladder, OUT / "out", format="markdown", allow_invalid=True)


def seeds(corpus: Path) -> None:
    """Copy the example ladders and the hostile regression files into an empty corpus."""
    corpus.mkdir(parents=True, exist_ok=True)
    if any(corpus.iterdir()):
        return
    for source in [*ROOT.glob("ladders/**/*.yaml"), *ROOT.glob("tests/data/hostile/*")]:
        if source.is_file():
            shutil.copyfile(source, corpus / source.name)


def main() -> None:
    args = sys.argv[1:]
    folders = [a for a in args if not a.startswith("-")]
    for folder in folders:
        seeds(Path(folder))
    defaults = ["-timeout=20", "-rss_limit_mb=2048"]
    flags = [d for d in defaults if not any(a.startswith(d.split("=")[0]) for a in args)]
    atheris.Setup([sys.argv[0], *flags, *args], one_input)
    try:
        atheris.Fuzz()
    finally:
        shutil.rmtree(OUT, ignore_errors=True)


if __name__ == "__main__":
    main()
