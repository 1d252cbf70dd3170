"""Reading and checking do work in proportion to the file (issue 8 item 9), measured without a
clock: the number of lines of dualladder's code executed, a count that does not depend on the
machine or its load. Four times the input must cost about four times the lines; a quadratic
step (a scan of every rung for every level, of every key for every duplicate key, of every
key of a mapping for every finding in it) costs sixteen.

Timings at 1k, 10k and 100k rungs, and the growth exponent, are in ``benchmarks/scaling.py``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from paths import ROOT

import dualladder
from dualladder import read_text
from dualladder._internal.io import parse as loader

sys.path.insert(0, str(ROOT / "benchmarks"))
from scaling import SHAPES

PACKAGE = str(Path(dualladder.__file__).resolve().parent)


def lines_run(work: Callable[[], Any]) -> int:
    """How many lines of dualladder's own code ``work()`` executes."""
    count = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if not frame.f_code.co_filename.startswith(PACKAGE):
            return None
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def validate(text: str) -> None:
    result = read_text(text)
    if result.ladder is not None:
        dualladder.check(result.ladder)


@pytest.mark.parametrize("shape", list(SHAPES))
def test_four_times_the_input_is_about_four_times_the_work(shape: str) -> None:
    small, large = SHAPES[shape](150), SHAPES[shape](600)
    ratio = lines_run(lambda: validate(large)) / lines_run(lambda: validate(small))
    assert ratio < 5.5, f"{shape}: 4x the input ran {ratio:.1f}x the lines"


def test_written_nodes_do_not_count_against_the_alias_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    """The node cap counts what aliases and merges add, not what the file writes: a large file
    is bounded by the size cap instead, and 100k rungs can be validated with it raised."""
    monkeypatch.setattr(loader, "MAX_NODES", 50)
    text = SHAPES["rungs"](100)  # some 700 nodes, all written out
    assert read_text(text).ladder is not None
    bomb = "dualladder: 1\na: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: [*a, *a, *a, *a, *a, *a]\n"
    findings = read_text(bomb).findings
    assert findings[0].code == "DL001" and "more than 50 nodes" in findings[0].message


def _html_bytes(text: str, out: Path) -> int:
    from dualladder.handbook import render

    files = render(dualladder.loads(text), out, format="html", allow_invalid=True)
    return sum(path.stat().st_size for path in files)


def test_four_times_the_levels_is_about_four_times_the_html(tmp_path: Path) -> None:
    """A handbook's size is linear in the ladder (issue 20 item 19): every page listed every
    level in its navigation, so 2,000 levels (291 KB) wrote 261 MB; now a long group of the
    navigation lists the pages around the current one. Counted in bytes, not seconds."""
    small = _html_bytes(SHAPES["rungs"](150), tmp_path / "small")
    large = _html_bytes(SHAPES["rungs"](600), tmp_path / "large")
    assert large / small < 4.6, f"4x the levels wrote {large / small:.2f}x the bytes"
