"""docs/ is the contract of the command line: every command, subcommand and option that
``dualladder --help`` knows is documented in docs/cli.md (or the page the command points at),
every option a command line in those pages names is one the parser has, and nothing in the
repository holds an unresolved merge-conflict marker."""

from __future__ import annotations

import argparse
import re
import subprocess
from collections.abc import Iterator

import pytest
from paths import DOCS, ROOT

from dualladder.cli import build_parser

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


def _command_lines(text: str) -> Iterator[str]:
    """The command lines of a docs page: each line of a fenced block that starts with
    ``dualladder`` (with its indented continuation lines, less a trailing ``# comment``), and
    each inline code span that does."""
    fenced = False
    lines: list[str] = []
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif fenced and line.startswith("dualladder "):
            lines.append(line)
        elif fenced and lines and line.startswith(" ") and lines[-1].startswith("dualladder "):
            lines[-1] += line
    for line in lines:
        yield line.split(" #", 1)[0]
    yield from re.findall(r"`(dualladder [^`]*)`", text)


def _parser_of(words: list[str]) -> tuple[str, argparse.ArgumentParser]:
    """The parser of the (sub)command a command line runs, and the command's name."""
    found = {path: parser for path, parser in COMMANDS}
    path: tuple[str, ...] = ()
    for word in words:
        if (*path, word) not in found:
            break
        path = (*path, word)
    return " ".join(("dualladder", *path)), found[path] if path else build_parser()


SYNOPSES = [(page, line) for page in ("cli.md", *sorted(set(OWN_PAGE.values())))
            for line in _command_lines((DOCS / page).read_text(encoding="utf-8"))]


def test_the_docs_have_command_lines() -> None:
    """The test below reads command lines (it would pass on none): the synopsis of each
    command, with the continuation of a line that goes on below it."""
    lines = [line for page, line in SYNOPSES if page == "cli.md"]
    assert len(lines) > 20
    assert any(line.startswith("dualladder audit LADDER") and "--publish" in line
               for line in lines)


@pytest.mark.parametrize(("page", "line"), SYNOPSES, ids=[f"{p}:{i}" for i, (p, _) in
                                                           enumerate(SYNOPSES)])
def test_every_option_in_the_docs_exists(page: str, line: str) -> None:
    command, parser = _parser_of(line.split()[1:])
    known = {option for action in parser._actions for option in action.option_strings}
    named = re.findall(r"(?<![\w.-])(--?[A-Za-z][\w-]*)", line)
    unknown = [option for option in named if option not in known]
    assert unknown == [], f"docs/{page}: `{command}` has no option {', '.join(unknown)}: {line}"


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
