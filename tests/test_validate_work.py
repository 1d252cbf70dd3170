"""How much work ``validate`` does per file, counted (never timed): each file of a run is
composed from YAML once. (A check of a ladder loaded earlier reads its file again to find
edits made since; a ladder ``validate`` has just read cannot have any, and reading it twice
once made validating a company take twice the time it needs.)"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import dualladder
from dualladder import loader
from dualladder.rules import check_paths, ladder_files

LADDERS = Path(__file__).resolve().parent.parent / "ladders"


@pytest.fixture
def composed(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each file's YAML is composed into nodes (by file name)."""
    counts: Counter[str] = Counter()
    original = loader.parse_text

    def counting(text: Any, source: str = "<string>") -> loader.Parsed:
        counts[source] += 1
        return original(text, source)

    monkeypatch.setattr(loader, "parse_text", counting)
    from dualladder.company import save

    monkeypatch.setattr(save, "parse_text", counting)
    return counts


def test_validate_of_a_folder_composes_each_file_once(composed: Counter[str]) -> None:
    files = [str(p) for p in ladder_files([LADDERS])]
    report = check_paths([LADDERS])
    assert sorted(report.files) == sorted(files)
    assert composed == Counter(files)  # a company, its families, standalone ladders: once each


def test_validate_of_one_family_reads_its_company_once(composed: Counter[str]) -> None:
    family = LADDERS / "kestrel" / "data.yaml"
    check_paths([family])
    assert composed == Counter([str(family), str(LADDERS / "kestrel" / "company.yaml")])


def test_check_of_a_loaded_ladder_still_sees_edits(composed: Counter[str]) -> None:
    """The counterpart: a ladder loaded earlier is compared with its file, so an edit made
    since is checked as the file save would write."""
    ladder = dualladder.load(LADDERS / "acme-robotics-engineering.yaml")
    assert not [f for f in dualladder.check(ladder) if f.code == "DL108"]
    rung = ladder.tracks["technical"].rungs[1]
    ladder.tracks["technical"].rungs[1] = rung.model_copy(update={"title": "Engineering Manager"})
    assert [f.code for f in dualladder.check(ladder) if f.code == "DL108"] == ["DL108"]
    name = str(LADDERS / "acme-robotics-engineering.yaml")
    assert composed[name] >= 2  # loaded, then read again to compare
