"""Fuzzing (issue 8): hostile YAML is validated and rendered with located findings, never an
exception, within a time and a memory bound that the harness enforces.

The strategies are in ``tests/helpers/hostile.py``. In CI (``CI=true``) each property runs a fixed,
reproducible set of examples (hypothesis ``derandomize``), so main never fails on a new seed;
elsewhere the examples are random. Raise the count with ``DUALLADDER_FUZZ_EXAMPLES=5000``, or
run the atheris harness ``fuzz/fuzz_load.py`` for hours (see docs/security.md). Every input
that ever failed is kept under ``tests/data/hostile/`` and run by
:func:`test_hostile_regression_file`.
"""

from __future__ import annotations

import io
import signal
import tempfile
from pathlib import Path

import pytest
from bounds import FUZZ, BoundExceeded, bounded
from hostile import hostile_documents, mutated_examples
from hypothesis import given
from hypothesis import strategies as st
from paths import DATA

from dualladder import LoadResult, read, read_text
from dualladder._internal.services.report import REPORTERS
from dualladder._internal.util.catalog import CATALOG
from dualladder._internal.util.findings import Finding, Report
from dualladder._internal.util.textsafe import line_count
from dualladder.handbook import render
from dualladder.rules import check

HOSTILE = DATA / "hostile"
REGRESSIONS = sorted(p for p in HOSTILE.iterdir() if p.is_file()) if HOSTILE.is_dir() else []

def assert_located(findings: tuple[Finding, ...] | list[Finding], lines: int) -> None:
    for finding in findings:
        assert finding.code in CATALOG, finding
        assert 1 <= finding.line <= max(lines, 1) + 1, finding
        assert finding.column >= 1, finding
        assert finding.message, finding


def validate_and_render(result: LoadResult, lines: int, out: Path) -> None:
    """What ``validate`` and ``render --allow-invalid`` do with one file, every output format."""
    if result.ladder is None:
        assert result.findings, "a file that is not a ladder must say why"
        report = Report.of(result.findings, [result.source.name])
    else:
        report = check(result.ladder)
    assert_located(report.findings, lines)
    for reporter in REPORTERS.values():
        text = io.StringIO()
        reporter().report(report, text)
        assert text.getvalue()
    if result.ladder is not None:
        assert render(result.ladder, out, format="markdown", allow_invalid=True)


def _lines(raw: bytes) -> int:
    """How many lines a file has, as findings count them (LF, CR LF or CR end a line)."""
    return line_count(raw.decode("utf-8", "replace"))


def run_text(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp, bounded():
        result = read_text(text, "fuzz.yaml")
        validate_and_render(result, line_count(text), Path(tmp) / "out")


@FUZZ
@given(hostile_documents())
def test_hostile_documents(text: str) -> None:
    run_text(text)


@FUZZ
@given(mutated_examples())
def test_mutated_example_ladders(text: str) -> None:
    run_text(text)


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp, bounded():
        path = Path(tmp) / "x.yaml"
        path.write_bytes(raw)
        validate_and_render(read(path), _lines(raw), Path(tmp) / "out")


def test_the_harness_catches_a_hang() -> None:
    """The time bound is real: an input that loops is stopped and reported, not waited for."""
    if not hasattr(signal, "setitimer"):
        pytest.skip("no interval timer here")
    with pytest.raises(BoundExceeded, match=r"longer than 0\.2 s"), bounded(time_s=0.2):
        while True:
            pass


def test_the_harness_catches_memory() -> None:
    with pytest.raises(BoundExceeded, match="MB of heap"), bounded(memory_mb=1):
        hog = bytearray(2 * 1024 * 1024)
        del hog


def test_there_are_regression_files() -> None:
    assert len(REGRESSIONS) >= 20


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_hostile_regression_file(path: Path, tmp_path: Path) -> None:
    raw = path.read_bytes()
    with bounded():
        validate_and_render(read(path), _lines(raw), tmp_path / "out")
