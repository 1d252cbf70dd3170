"""Every file under tests/data/negative/ reports exactly the findings its ``# expect:`` comments
mark (code, line and, where pinned, column); every file under positive/ reports none.

Ladder files are ``*.yaml``; rosters are ``*.csv``, audited against ``positive/small.yaml``
(``dualladder audit``). A roster's markers stand in a column the audit does not read
(``note``): ``# expect:`` for a finding on that line of the roster, ``# expect-ladder: DL308@56``
for a finding on line 56 of the ladder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from expect import expectations
from paths import DATA, SMALL

import dualladder
from dualladder._internal.util.catalog import CATALOG
from dualladder._internal.util.findings import Finding
from dualladder.rules import check_file

# ladder files, roster files, and career plans (which name a ladder of the repository)
NEGATIVE = (
    sorted((DATA / "negative").glob("*.yaml"))
    + sorted((DATA / "negative").glob("*.csv"))
    + sorted((DATA / "plans" / "negative").glob("*.yaml"))
)
POSITIVE = sorted((DATA / "positive").glob("*.yaml")) + sorted(
    (DATA / "plans" / "positive").glob("*.yaml")
)


LADDER = SMALL
LADDER_MARK = re.compile(r"#\s*expect-ladder:\s*(.*)$")


def _audit(path: Path) -> list[Finding]:
    return list(dualladder.audit(dualladder.load(LADDER), path).findings)


def _actual(path: Path) -> list[tuple[str, int, int]]:
    if path.suffix == ".csv":
        findings = [f for f in _audit(path) if f.file == str(path)]
    else:
        findings = list(check_file(path))
    return sorted(((f.code, f.line, f.column) for f in findings), key=lambda t: (t[1], t[0]))


def _ladder_expected(path: Path) -> list[tuple[str, int]]:
    """The ``# expect-ladder: CODE@LINE`` markers of a roster."""
    if path.suffix != ".csv":
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = LADDER_MARK.search(line)
        if match:
            out += [(code, int(at)) for code, at in re.findall(r"(DL\d{3})@(\d+)",
                                                               match.group(1))]
    return sorted(out)


def _ladder_actual(path: Path) -> list[tuple[str, int]]:
    if path.suffix != ".csv":
        return []
    return sorted((f.code, f.line) for f in _audit(path) if f.file == str(LADDER))


@pytest.mark.parametrize("path", NEGATIVE, ids=lambda p: p.stem)
def test_negative_file_reports_exactly_its_marked_findings(path: Path) -> None:
    expected = expectations(path)
    assert expected or _ladder_expected(path), f"{path.name} marks no expected finding"
    assert _ladder_actual(path) == _ladder_expected(path)
    actual = _actual(path)
    assert [(c, line) for c, line, _ in actual] == [(c, line) for c, line, _ in expected]
    for (code, line, col), (_, _, want) in zip(actual, expected, strict=True):
        if want is not None:
            assert col == want, f"{code} at line {line}: column {col}, expected {want}"


@pytest.mark.parametrize("path", NEGATIVE, ids=lambda p: p.stem)
def test_negative_file_is_named_for_the_rule_it_breaks(path: Path) -> None:
    code = path.stem.split("-")[0]
    assert code in CATALOG
    assert code in {c for c, _, _ in expectations(path)} | {c for c, _ in _ladder_expected(path)}


def test_every_catalog_code_has_a_negative_file() -> None:
    # the company codes (DL5xx) have negative folders (a company file and its families)
    folders = [p for p in (DATA / "company" / "negative").iterdir() if p.is_dir()]
    covered = {p.stem.split("-")[0] for p in NEGATIVE} | {p.name.split("-")[0] for p in folders}
    assert sorted(set(CATALOG) - covered) == []


@pytest.mark.parametrize("path", POSITIVE, ids=lambda p: p.stem)
def test_positive_file_is_clean(path: Path) -> None:
    assert _actual(path) == []
