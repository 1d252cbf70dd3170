"""Every file that was in ladders/ and tests/data/ before the format grew its new shapes gives
the same findings with the current code: same codes, lines, columns and severities.

The texts and their findings were stored once, on main before the change
(``tests/snapshot/make.py``), so this runs the old files as they were, even if a file in the
tree is edited later. Messages may be reworded, so they are kept for reading, not compared.
"""

from __future__ import annotations

import json

import pytest
from paths import SNAPSHOT

from dualladder import read_text
from dualladder.rules import check

FINDINGS = SNAPSHOT / "findings-v1.json"
STORED: dict[str, dict[str, object]] = json.loads(FINDINGS.read_text(encoding="utf-8"))


def _now(text: str, name: str) -> list[tuple[str, int, int, str]]:
    result = read_text(text, name)
    report = result.findings if result.ladder is None else list(check(result.ladder))
    return [(f.code, f.line, f.column, f.severity) for f in report]


def test_the_snapshot_covers_the_examples_and_the_test_data() -> None:
    assert len(STORED) >= 40
    assert any(name.startswith("ladders/") for name in STORED)
    assert any(name.startswith("tests/data/negative/") for name in STORED)
    assert sum(len(entry["findings"]) for entry in STORED.values()) >= 40  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(STORED))
def test_old_file_gives_the_same_findings(name: str) -> None:
    entry = STORED[name]
    text = entry["text"]
    assert isinstance(text, str)
    expected = [(c, line, col, sev) for c, line, col, sev, _ in entry["findings"]]  # type: ignore[attr-defined]
    assert _now(text, name) == expected
