"""The benchmark generator (benchmarks/generate.py): reproducible, and its files are ladders.

No timing here: how fast dualladder is gets measured by ``python benchmarks/run.py``, never
asserted in the test suite.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from paths import ROOT

import dualladder

GENERATE = ROOT / "benchmarks" / "generate.py"


def _generate(out: Path, seed: int, files: int = 3) -> dict[str, bytes]:
    subprocess.run(
        [sys.executable, str(GENERATE), "--files", str(files), "--seed", str(seed), "--out",
         str(out)],
        check=True,
        capture_output=True,
    )
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_same_seed_gives_identical_bytes(tmp_path: Path) -> None:
    first = _generate(tmp_path / "a", seed=7)
    second = _generate(tmp_path / "b", seed=7)
    assert len([n for n in first if n.endswith(".yaml")]) == 3
    assert first == second


def test_another_seed_gives_another_company(tmp_path: Path) -> None:
    assert _generate(tmp_path / "a", seed=7) != _generate(tmp_path / "b", seed=8)


def test_a_file_does_not_depend_on_the_file_count(tmp_path: Path) -> None:
    small = _generate(tmp_path / "a", seed=3, files=2)
    large = _generate(tmp_path / "b", seed=3, files=4)
    assert {n: b for n, b in small.items() if n.endswith(".yaml")}.items() <= large.items()


def test_generated_files_load_as_ladders(tmp_path: Path) -> None:
    _generate(tmp_path, seed=1, files=3)
    paths = sorted(tmp_path.glob("*.yaml"))
    assert len(paths) == 3
    for path in paths:
        ladder = dualladder.load(path)
        assert len(ladder.levels) == 12
        assert {"management", "technical"} <= set(ladder.tracks)
        technical = ladder.tracks["technical"].rungs
        assert [r.level for r in technical] == [f"L{i}" for i in range(1, 13)]
        assert ladder.tracks["management"].rungs[-1].level == "L12"
        assert all(4 <= len(r.decisions or []) <= 6 for _, _, r in ladder.rungs())


DIFF_BENCH = GENERATE.parent / "diff.py"


def test_diff_benchmark_adjusts_every_band_and_reports_ratios(tmp_path: Path) -> None:
    """benchmarks/diff.py on two families: the new version is the old one with every band 3 %
    up (rounded to 100), the diff finds exactly those bands, and the table holds ratios."""
    import importlib.util
    from decimal import Decimal

    spec = importlib.util.spec_from_file_location("diff_bench", DIFF_BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.adjust("pay: {min: 100000, mid: 118000, max: 136000}", Decimal("1.03"), 100) \
        == "pay: {min: 103000, mid: 121500, max: 140100}"
    done = subprocess.run(
        [sys.executable, str(DIFF_BENCH), "--files", "2", "--reps", "1", "--work",
         str(tmp_path / "work")],
        capture_output=True, text=True, check=True,
    )
    in_process, _, commands = done.stdout.partition("The commands, start-up included")
    rows = {line.split("|")[1].strip(): line for line in in_process.splitlines()
            if line.startswith("| ") and not line.startswith("| row")}
    assert "| python -m dualladder diff OLD NEW |" in commands
    assert re.search(r"diff / validate both: wall \d+\.\d\d \(pairs: \d+\.\d\d\), CPU "
                     r"\d+\.\d\d", commands)
    assert set(rows) == {"validate both", "diff folders", "diff git", "report text",
                         "report markdown", "report json"}
    assert rows["validate both"].count("| 1.00 |") == 2  # wall and CPU ratios to itself
    changes = rows["diff folders"].split("|")[7].strip()
    bands = changes.split("(")[1].split()[0]
    assert changes.startswith(f"{bands} changes")  # one change per adjusted band


def test_company_mode_writes_one_company_with_three_zones(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(GENERATE), "--files", "6", "--seed", "2", "--out", str(tmp_path),
         "--company"],
        check=True, capture_output=True,
    )
    company = dualladder.load_company(tmp_path)
    assert len(company.families) == 6
    assert company.level_ids == [f"L{i}" for i in range(1, 13)]
    assert [z.id for z in company.zones] == ["high-cost", "low-cost", "eu"]
    assert company.zones[2].currency == "EUR" and len(company.zones[2].bands) == 12
    for family in company.families:
        assert family.organization == company.organization
        assert family.level_ids == company.level_ids
        text = Path(family.source.name).read_text(encoding="utf-8")  # type: ignore[union-attr]
        assert "\ncompany: company.yaml\n" in text and "\nlevels:" not in text
    again = tmp_path / "again"
    subprocess.run(
        [sys.executable, str(GENERATE), "--files", "6", "--seed", "2", "--out", str(again),
         "--company"],
        check=True, capture_output=True,
    )
    assert {p.name: p.read_bytes() for p in tmp_path.glob("*.yaml")} == {
        p.name: p.read_bytes() for p in again.glob("*.yaml")
    }


COLDSTART_BENCH = GENERATE.parent / "coldstart.py"


def test_coldstart_benchmark_reports_both_floors() -> None:
    """benchmarks/coldstart.py, one round: each command runs (exit 0) and its row gives the
    ratio against ``import yaml, pydantic`` and against pydantic's models floor (no time is
    asserted)."""
    done = subprocess.run([sys.executable, str(COLDSTART_BENCH), "--rounds", "1"],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    rows = done.stdout.splitlines()
    for name in ("baseline", "models floor", "validate (installed)", "--help (installed)"):
        (row,) = [line for line in rows if line.startswith(name)]
        assert re.search(r"\d\.\d\dx \(.+\)\s+\d\.\d\dx \(.+\)$", row), row
