"""Hostile input, round two (issue 20): the reproductions that cannot be stored as files under
``tests/data/hostile/`` (named pipes, links, unwritable streams, generated inputs). Each test
fails without its fix."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from dualladder.cli import main
from dualladder.numbers import fits, plain_decimal

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "ladders" / "northbank-it.yaml"


# -- the shared bound on numbers (items 1, 2, 3, 6, 14) -------------------------------------------


@pytest.mark.parametrize(
    ("text", "digits", "places", "expected"),
    [
        ("2e+999999999", 15, 4, False),
        ("1e-999999999", 15, 4, False),
        ("-2e+999999999", 3, 6, False),
        ("999999999999999.9999", 15, 4, True),
        ("1000000000000000", 15, 4, False),
        ("1.50000000000000000000", 1, 1, True),
        ("0.00001", 1, 4, False),
        ("0E-999999999", 1, 4, True),
        ("1" + "0" * 5000, 15, 4, False),
        ("NaN", 15, 4, False),
        ("Infinity", 15, 4, False),
    ],
)
def test_fits_never_raises(text: str, digits: int, places: int, expected: bool) -> None:
    assert fits(Decimal(text), digits, places) is expected


@pytest.mark.parametrize(
    "text",
    ["1_000", "\u0661\u0662\u0663", "\uff11\uff12\uff13", "NaN", "inf", "1e-999999999",
     "1e1000", "", "1.2.3", "0x10", "1" * 65, " 1 2 "],
)
def test_plain_decimal_refuses(text: str) -> None:
    assert plain_decimal(text) is None


@pytest.mark.parametrize("text", ["85000.50", " 1 ", "-1", "+.5", "1.", "1e3", "1E-3"])
def test_plain_decimal_reads(text: str) -> None:
    assert plain_decimal(text) == Decimal(text.strip())


# -- 12: a named pipe inside a folder ------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_in_a_folder_is_an_unreadable_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "n"
    folder.mkdir()
    (folder / "a.yaml").write_bytes(EXAMPLE.read_bytes())
    os.mkfifo(folder / "p.yaml")
    assert main(["validate", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "p.yaml: cannot read: a named pipe (FIFO), not a regular file" in err


# -- 15: an unwritable standard error ------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize(
    "argv", [["validate", "no-such-file.yaml"], ["validate", "--no-such-option"],
             ["audit", str(EXAMPLE), "x.csv", "--tolerance", "2e+999999999"]],
)
def test_an_unwritable_stderr_keeps_exit_2(argv: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "dualladder", *argv], stderr=full, stdout=subprocess.PIPE,
            check=False, timeout=60,
        )
    assert done.returncode == 2


def test_a_closed_stderr_keeps_exit_2() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import os, sys; os.close(2); from dualladder.cli import main; "
         "sys.exit(main(['validate', 'no-such-file.yaml']))"],
        stdout=subprocess.PIPE, check=False, timeout=60,
    )
    assert done.returncode == 2


# -- 5: one large aliased string ----------------------------------------------------------------


def _aliased_title_ladder(size: int, rungs: int) -> str:
    title = "Staff " * (size // 6)
    lines = ["dualladder: 1", "organization: Acme", "family: Engineering", "currency: USD",
             "levels:"]
    lines += [f"  - {{id: L{i}, pay: {{min: {100 + i}000, mid: {110 + i}000, "
              f"max: {120 + i}000}}}}" for i in range(1, rungs + 1)]
    lines += ["tracks:", "  management:", "    rungs:"]
    lines += [f"      - {{level: L{i}, title: {'&t ' + title.strip() if i == 1 else '*t'}}}"
              for i in range(1, rungs + 1)]
    lines += ["  technical:", "    rungs:"]
    lines += [f"      - {{level: L{i}, title: *t}}" for i in range(1, rungs + 1)]
    return "\n".join(lines) + "\n"


def test_aliases_are_counted_in_characters(tmp_path: Path) -> None:
    from dualladder.loader import MAX_ALIAS_CHARS, read_text

    text = _aliased_title_ladder(MAX_ALIAS_CHARS // 20, 12)
    assert len(text) < MAX_ALIAS_CHARS // 10
    findings = read_text(text, "t.yaml").findings
    assert [f.code for f in findings] == ["DL001"]
    assert "characters of text" in findings[0].message


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_a_long_aliased_title_is_cut_in_every_message(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 20 KB title aliased into 20 rungs: every message names it in at most 60 characters
    (each message quoted it whole: 20 KB a finding, and one finding per rung)."""
    path = tmp_path / "t.yaml"
    path.write_text(_aliased_title_ladder(20_000, 10), encoding="utf-8")
    main(["validate", str(path), "-f", fmt])
    out = capsys.readouterr().out
    assert "Staff Staff" in out  # the title is named, cut
    assert len(out) < 150_000  # was 20 KB a finding
    assert max(map(len, out.splitlines())) < 2_000
