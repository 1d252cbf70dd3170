"""Every file under tests/data/negative/ reports exactly the findings its ``# expect:`` comments
mark (code, line and, where pinned, column); every file under positive/ reports none.

Ladder files are ``*.yaml``; rosters are ``*.csv`` (read by ``dualladder audit``), whose markers
stand in a column the audit does not read (``note``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from expect import expectations

from dualladder.audit.roster import read_roster
from dualladder.catalog import CATALOG
from dualladder.rules import check_file

DATA = Path(__file__).parent / "data"
# ladder files, roster files, and career plans (which name a ladder of the repository)
NEGATIVE = (
    sorted((DATA / "negative").glob("*.yaml"))
    + sorted((DATA / "negative").glob("*.csv"))
    + sorted((DATA / "plans" / "negative").glob("*.yaml"))
)
POSITIVE = sorted((DATA / "positive").glob("*.yaml")) + sorted(
    (DATA / "plans" / "positive").glob("*.yaml")
)


def _actual(path: Path) -> list[tuple[str, int, int]]:
    findings = read_roster(path).findings if path.suffix == ".csv" else list(check_file(path))
    return sorted(((f.code, f.line, f.column) for f in findings), key=lambda t: (t[1], t[0]))


@pytest.mark.parametrize("path", NEGATIVE, ids=lambda p: p.stem)
def test_negative_file_reports_exactly_its_marked_findings(path: Path) -> None:
    expected = expectations(path)
    assert expected, f"{path.name} marks no expected finding"
    actual = _actual(path)
    assert [(c, line) for c, line, _ in actual] == [(c, line) for c, line, _ in expected]
    for (code, line, col), (_, _, want) in zip(actual, expected, strict=True):
        if want is not None:
            assert col == want, f"{code} at line {line}: column {col}, expected {want}"


@pytest.mark.parametrize("path", NEGATIVE, ids=lambda p: p.stem)
def test_negative_file_is_named_for_the_rule_it_breaks(path: Path) -> None:
    code = path.stem.split("-")[0]
    assert code in CATALOG
    assert code in {c for c, _, _ in expectations(path)}


def test_every_catalog_code_has_a_negative_file() -> None:
    # the company codes (DL5xx) have negative folders (a company file and its families)
    folders = [p for p in (DATA / "company" / "negative").iterdir() if p.is_dir()]
    covered = {p.stem.split("-")[0] for p in NEGATIVE} | {p.name.split("-")[0] for p in folders}
    assert sorted(set(CATALOG) - covered) == []


@pytest.mark.parametrize("path", POSITIVE, ids=lambda p: p.stem)
def test_positive_file_is_clean(path: Path) -> None:
    assert _actual(path) == []
