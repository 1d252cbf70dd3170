"""What the help, docs/cli.md and the commands say of the exit status of output that cannot be
written agree: exit 2, except the handbook ``render`` writes (exit 1, as docs/cli.md documents:
1 is "the handbook was not written", 2 "you asked for something that cannot be done")."""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import ACME, DOCS

from dualladder.cli import main


def _help(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main([*argv, "--help"]) == 0
    return " ".join(capsys.readouterr().out.split())


def _code(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> int:
    code = main([str(arg) for arg in argv])
    capsys.readouterr()
    return code


def test_the_help_says_what_render_does_when_the_handbook_cannot_be_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    top = _help(capsys)
    assert ("Exit status: 0 no errors; 1 errors found, or render refused or could not write "
            "the handbook; 2 usage error, unreadable path, or output that cannot be written"
            ) in top
    render = _help(capsys, "render")
    assert "Exit status: 0 the handbook was written; 1 refused" in render
    assert "or the handbook could not be written" in render
    table = next(line for line in (DOCS / "cli.md").read_text(encoding="utf-8").splitlines()
                 if line.startswith("| 1 |"))
    assert "a handbook that cannot be written" in table.split(" | ")[2]
    plan = " ".join((DOCS / "plan.md").read_text(encoding="utf-8").split())
    assert "2 usage error, unreadable input, or an output that cannot be written" in plan
    # and the commands do as both say
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    blocked = tmp_path / "notes.txt" / "out"
    assert _code(capsys, "render", ACME, "-o", blocked) == 1
    assert _code(capsys, "validate", ACME, "-o", blocked) == 2
    assert _code(capsys, "render", ACME, "-o", tmp_path / "notes.txt") == 2  # -o names a file
