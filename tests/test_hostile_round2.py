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
