"""examples/market_adjustment.py: the git diff of an adjusted ladder is exactly its raised bands."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from paths import ACME, DATA, EXAMPLES, KESTREL, ROOT

import dualladder

EXAMPLE = EXAMPLES / "market_adjustment.py"
AMOUNT = re.compile(r"\b(min|mid|max): (\d+(?:\.\d+)?)")


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo, check=True, capture_output=True, text=True,
    )
    return done.stdout


def _raised(amount: str) -> Decimal:
    steps = (Decimal(amount) * Decimal("1.03") / 500).quantize(Decimal(1), ROUND_HALF_UP)
    return steps * 500


@pytest.mark.parametrize("name", ["acme-robotics-engineering", "northbank-it"])
def test_the_diff_of_a_market_adjustment_is_exactly_the_raised_bands(
    tmp_path: Path, name: str
) -> None:
    source = ROOT / "ladders" / f"{name}.yaml"
    target = tmp_path / f"{name}.yaml"
    target.write_bytes(source.read_bytes())
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", target.name)
    _git(tmp_path, "commit", "-q", "-m", "before")
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), str(target), "3", "--step", "500"],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    diff = _git(tmp_path, "diff", "-U0", "--no-color").splitlines()
    removed = [ln[1:] for ln in diff if ln.startswith("-") and not ln.startswith("---")]
    added = [ln[1:] for ln in diff if ln.startswith("+") and not ln.startswith("+++")]
    before = dualladder.load(source)
    bands = sum(lv.pay is not None for lv in before.levels) + sum(
        rung.pay is not None for _, _, rung in before.rungs()
    )
    assert bands > 0 and len(removed) == len(added) == bands
    for old, new in zip(removed, added, strict=True):
        assert AMOUNT.sub("#", old) == AMOUNT.sub("#", new)  # only the amounts differ
        olds, news = AMOUNT.findall(old), AMOUNT.findall(new)
        assert [k for k, _ in olds] == [k for k, _ in news] == ["min", "mid", "max"]
        assert [Decimal(v) for _, v in news] == [_raised(v) for _, v in olds]
    assert dualladder.check(dualladder.load(target)).ok


def test_the_example_refuses_to_save_a_ladder_the_adjustment_breaks(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("market_adjustment", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    target = tmp_path / "acme.yaml"
    target.write_bytes((ACME).read_bytes())
    before = target.read_bytes()
    # a step so coarse that bands collapse to one amount: DL201 (midpoints do not rise)
    assert module.main([str(target), "3", "--step", "100000"]) == 1
    # a step that rounds a minimum down to 0: DL006 on the assignment
    assert module.main([str(target), "3", "--step", "1000000"]) == 1
    assert target.read_bytes() == before


@pytest.mark.parametrize(
    "folder",
    [KESTREL, DATA / "company" / "positive" / "zones"],
)
def test_a_company_adjustment_raises_the_bands_where_they_are_written(
    tmp_path: Path, folder: Path
) -> None:
    target = tmp_path / folder.name
    target.mkdir()
    for file in folder.glob("*.yaml"):
        (target / file.name).write_bytes(file.read_bytes())
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "before")
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), str(target), "3", "--step", "500"],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    diff = _git(tmp_path, "diff", "-U0", "--no-color").splitlines()
    removed = [ln[1:] for ln in diff if ln.startswith("-") and not ln.startswith("---")]
    added = [ln[1:] for ln in diff if ln.startswith("+") and not ln.startswith("+++")]
    assert removed and len(removed) == len(added)
    for old, new in zip(removed, added, strict=True):
        assert AMOUNT.sub("#", old) == AMOUNT.sub("#", new)  # only the amounts differ
        olds, news = AMOUNT.findall(old), AMOUNT.findall(new)
        assert olds and [k for k, _ in olds] == [k for k, _ in news]
        assert [Decimal(v) for _, v in news] == [_raised(v) for _, v in olds]
    before = dualladder.load_company(folder / "company.yaml")
    after = dualladder.load_company(target / "company.yaml")
    assert dualladder.check(after).ok
    for old_level, new_level in zip(before.levels, after.levels, strict=True):
        if old_level.pay is not None:
            assert new_level.pay is not None
            assert new_level.pay.min == _raised(str(old_level.pay.min))


def test_a_job_family_alone_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "kestrel"
    target.mkdir()
    for file in (KESTREL).glob("*.yaml"):
        (target / file.name).write_bytes(file.read_bytes())
    before = {f.name: f.read_bytes() for f in target.iterdir()}
    family = next(f for f in sorted(target.iterdir()) if f.name != "company.yaml")
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), str(family), "3"],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 1
    assert "adjust the company" in done.stderr
    assert {f.name: f.read_bytes() for f in target.iterdir()} == before
