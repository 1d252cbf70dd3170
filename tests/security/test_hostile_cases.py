"""Hostile input against every command (issue 20): each folder under ``tests/data/hostile/cli/``
is one reproduction, run through the command line in-process, within the fuzzing harness's
time and memory bounds.

A case folder holds the input files and a ``case.toml``:

```toml
# what the case reproduces (issue 20, item N)
args = ["audit", "{ladders}/acme-robotics-engineering.yaml", "roster.csv"]
exit = 1                       # the exit status the command must give
stdout = ["DL302"]             # text the standard output must hold (optional)
stderr = ["dualladder: error"] # text the standard error must hold (optional)
absent = ["Ada Lovelace"]      # text neither may hold: personal data, a file's content
max_output = 200000            # the largest file the command may write, in bytes (optional)
```

``{ladders}`` in an argument is the repository's ``ladders/`` folder. The command runs in a copy
of the case folder. Whatever the case, there is no exception (a traceback), every line of
standard error is one line of the documented kinds, and every finding in the output is
``file:line:col: CODE severity: message``.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest
from bounds import bounded
from paths import DATA, ROOT

from dualladder.cli import main

CASES_DIR = DATA / "hostile" / "cli"
CASES = sorted(p for p in CASES_DIR.iterdir() if (p / "case.toml").is_file())

#: A finding line of the text report.
FINDING = re.compile(r"^\S.*:\d+:\d+: DL\d{3} (error|warning|info): \S")
#: The lines standard error may hold: argparse's usage, and dualladder's one-line messages.
STDERR_LINE = re.compile(
    r"^(usage: |\s+\S|dualladder: (error|warning|note): |\S.*:\d+:\d+: |\.\.\. and \d+ more)"
)


def test_there_are_cases() -> None:
    assert len(CASES) >= 10


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_hostile_case(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    spec = tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))
    work = tmp_path / "case"
    shutil.copytree(case, work, ignore=shutil.ignore_patterns("case.toml"))
    monkeypatch.chdir(work)
    before = {p: p.stat().st_size for p in work.rglob("*") if p.is_file()}
    args = [a.replace("{ladders}", str(ROOT / "ladders")) for a in spec["args"]]
    with bounded():
        code = main(args)
    out, err = capsys.readouterr()
    assert code == spec["exit"], (out[-2000:], err[-2000:])
    for text in spec.get("stdout", []):
        assert text in out, out[-2000:]
    for text in spec.get("stderr", []):
        assert text in err, err[-2000:]
    for text in spec.get("absent", []):
        assert text not in out and text not in err
    for line in err.splitlines():
        assert STDERR_LINE.match(line), line
    for line in out.splitlines():
        if re.search(r": DL\d{3} ", line) and not line.startswith(("|", "-", "<", " ")):
            assert FINDING.match(line), line
    written = [p for p in work.rglob("*") if p.is_file() and p not in before]
    for path in written:
        assert path.stat().st_size <= spec.get("max_output", 50_000_000), path
