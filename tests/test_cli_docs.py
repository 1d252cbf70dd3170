"""docs/ is the contract of the command line: every command, subcommand and option that
``dualladder --help`` knows is documented in docs/cli.md (or the page the command points at),
and nothing in the repository holds an unresolved merge-conflict marker."""

from __future__ import annotations

import argparse
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from dualladder.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
#: Commands documented in full on a page of their own (docs/cli.md names them and points there).
OWN_PAGE = {"audit": "audit.md", "postings": "audit.md", "plan": "plan.md"}


def _commands(
    parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*prefix, name), sub
                yield from _commands(sub, (*prefix, name))


COMMANDS = list(_commands(build_parser()))


def test_the_parser_has_the_commands_of_the_docs() -> None:
    names = {path[0] for path, _ in COMMANDS}
    assert {"validate", "render", "schema", "diff", "audit", "postings", "plan"} <= names


@pytest.mark.parametrize(("path", "parser"), COMMANDS, ids=lambda v: " ".join(v)
                         if isinstance(v, tuple) else "")
def test_every_command_and_option_is_documented(
    path: tuple[str, ...], parser: argparse.ArgumentParser
) -> None:
    cli = (DOCS / "cli.md").read_text(encoding="utf-8")
    command = "dualladder " + " ".join(path)
    assert command in cli, f"docs/cli.md does not mention `{command}`"
    page = cli + (DOCS / OWN_PAGE[path[0]]).read_text(encoding="utf-8") if path[0] in OWN_PAGE \
        else cli
    for action in parser._actions:
        longest = max(action.option_strings, key=len, default=None)
        if longest is None or longest in ("--help",):
            continue
        assert longest in page, f"`{command} {longest}` is not documented"


def test_no_merge_conflict_markers_in_the_repository() -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False
    )
    if tracked.returncode != 0:
        pytest.skip("not a git checkout")
    bad: list[str] = []
    for name in tracked.stdout.decode("utf-8", "replace").split("\0"):
        path = ROOT / name
        if not name or not path.is_file() or name.startswith("tests/data/hostile/"):
            continue
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (UnicodeDecodeError, OSError):
            continue
        for number, line in enumerate(lines, start=1):
            if line.startswith(("<<<<<<< ", ">>>>>>> ")) or line == "=======":
                bad.append(f"{name}:{number}")
    assert bad == []
