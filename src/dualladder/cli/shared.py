"""What the commands of the command line share: exit codes, the argument parser, one-line
errors, output, the ``--max-bytes`` option and the files a path names. Public to the
:mod:`dualladder.cli` package (every command's module uses it), not beyond it."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from dualladder._internal.util.textsafe import escape_controls
from dualladder.cli.output import cannot_write, write_output, write_stdout

__all__ = [
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_TERMINATED",
    "EXIT_USAGE",
    "FORMATS",
    "PROG",
    "RENDER_FORMATS",
    "Parser",
    "Terminated",
    "UsageError",
    "add_locale",
    "add_max_bytes",
    "cannot_write",
    "check_locales",
    "emit",
    "expand",
    "fail",
    "read_error",
    "size_argument",
    "unrecognized",
    "with_hint",
]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
#: The exit status of a run stopped by Ctrl-C (SIGINT) or by SIGTERM: 128 + the signal number.
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143

PROG = "dualladder"
FORMATS = ("text", "json", "github", "sarif")
RENDER_FORMATS = ("markdown", "html")


class UsageError(Exception):
    """A problem with what was asked for (exit 2): a path that is missing or unreadable."""


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: raised like Ctrl-C's KeyboardInterrupt, so the same clean-up runs."""


#: Words a new user tries for a command that has another name: what to say instead.
_OTHER_NAMES = {
    "check": "validate", "lint": "validate", "verify": "validate",
    "build": "render", "html": "render", "markdown": "render", "new": "init",
}
#: argparse's message for a value that is none of the choices (a command, a plan verb, a
#: ``--format``).
_INVALID_CHOICE = re.compile(r"argument (\S+): invalid choice: '(.*)' \(choose from (.*)\)",
                             re.DOTALL)


class Parser(argparse.ArgumentParser):
    """argparse, but errors say ``dualladder: error: ...`` on one line after the usage (the
    usage of the command the arguments were for), and an unknown command names the nearest."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # the innermost (sub)command's parser, for an error found after parsing
        self.set_defaults(parser_=self)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{PROG}: error: {_choice_hint(message)}\n")


def _choice_hint(message: str) -> str:
    """``argument COMMAND: invalid choice: 'valdiate' (choose from 'validate', ...)`` as
    ``unknown command 'valdiate' (commands: validate, ...); did you mean 'validate'?``; any
    other choice (``--format HTML``) keeps argparse's words and gets the nearest."""
    from dualladder._internal.util.suggest import did_you_mean

    found = _INVALID_CHOICE.fullmatch(message)
    if found is None:
        return message
    what, given, listed = found.groups()
    choices = re.findall(r"'([^']*)'", listed)
    if what not in ("COMMAND", "VERB"):
        return message + did_you_mean(given, choices)
    shown = given if len(given) <= 40 else given[:40] + "..."
    kind = "command" if what == "COMMAND" else "plan verb"
    text = f"unknown {kind} {shown!r} ({kind}s: {', '.join(choices)})"
    if kind == "plan verb" and given in ("check", "validate", "render", "show"):
        return (f"{text}; a plan is checked with `dualladder validate PLAN` and printed with "
                "`dualladder render PLAN -o DIR`")
    other = _OTHER_NAMES.get(given.casefold())
    if kind == "command" and other is not None:
        return f"{text}; did you mean {other!r}?"
    return text + did_you_mean(given, choices)


def unrecognized(args: argparse.Namespace, extras: list[str]) -> NoReturn:
    """Refuse arguments no option of the command takes, with the usage of that command (not
    of ``dualladder`` as a whole, which argparse shows)."""
    parser: argparse.ArgumentParser = args.parser_
    shown = " ".join(extras)
    parser.error(f"unrecognized arguments: {shown if len(shown) <= 200 else shown[:200] + '...'}")


def fail(message: str) -> None:
    """Print a one-line ``dualladder: error: ...`` to stderr (controls and undecodable bytes
    of file names escaped). See :class:`~dualladder.cli.output.QuietStderr` for a standard
    error that cannot be written."""
    print(f"{PROG}: error: {escape_controls(message)}", file=sys.stderr)


def emit(text: str, output: str | None) -> None:
    """Write a command's whole output: to the file ``output`` (atomically, see
    :func:`dualladder.cli.output.write_output`) or, when it is ``None``, to standard output.
    Raises :class:`~dualladder.cli.output.OutputError` when it cannot be written."""
    if output is None:
        write_stdout(text)
    else:
        write_output(output, text)


_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def size_argument(text: str) -> int:
    """``--max-bytes`` values: ``4194304``, ``512K``, ``4M``, ``1G`` (also ``4MiB``, ``4MB``;
    the units are powers of 1024)."""
    raw = text.strip().lower().removesuffix("ib").removesuffix("b")
    unit = raw[-1:] if raw[-1:] in ("k", "m", "g") else ""
    number = raw[: len(raw) - len(unit)].strip()
    if not number.isdigit() or len(number) > 15 or int(number) == 0:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a size; write a number of bytes, or one with K, M or G (4M)"
        )
    return int(number) * _UNITS[unit]


def add_locale(parser: argparse.ArgumentParser, what: str) -> None:
    """``--locale``: the language of the pages a command writes for their readers."""
    from dualladder._internal.util.locales import SHIPPED

    parser.add_argument(
        "--locale",
        metavar="LANG",
        default=None,
        help=f"the language of {what}: {', '.join(SHIPPED)} (default: the file's locale: key, "
        "else en); several, comma-separated, write one folder per language",
    )


def check_locales(value: str | None) -> None:
    """Refuse an unknown ``--locale`` before anything is read (exit 2, one line naming the
    shipped locales)."""
    if value is None:
        return
    from dualladder._internal.util.locales import UnknownLocale, check_locale

    try:
        names = [part.strip() for part in value.split(",")]
        for name in names:
            check_locale(name)
    except UnknownLocale as exc:
        raise UsageError(f"--locale {value}: {exc}") from None


def add_max_bytes(parser: argparse.ArgumentParser) -> None:
    """The ``--max-bytes`` option of every command that reads ladder files."""
    from dualladder._internal.util.files import DEFAULT_MAX_BYTES

    parser.add_argument(
        "--max-bytes",
        type=size_argument,
        default=DEFAULT_MAX_BYTES,
        metavar="SIZE",
        help="refuse (exit 2) an input file larger than SIZE, such as 512K or 16M "
        f"(default: {DEFAULT_MAX_BYTES // 1024**2}M)",
    )


def with_hint(reason: str) -> str:
    """A reason a file could not be read, saying which option raises the size cap."""
    return reason.replace("raise the limit if", "raise it with --max-bytes if", 1)


def read_error(path: object, exc: OSError) -> str:
    """The one-line message for an input file that cannot be read."""
    from dualladder._internal.util.files import reason

    return f"{path}: cannot read: {with_hint(reason(exc))}"


def expand(paths: Sequence[str]) -> list[Path]:
    """The ladder files named by ``paths``: files as given, folders searched recursively.

    Each file once, in argument order. Raises :class:`UsageError` for a path that does not
    exist, or a folder that holds no ``*.yaml``/``*.yml`` file.
    """
    from dualladder._internal.io.walk import ladder_files

    files: dict[Path, None] = {}
    for raw in paths:
        path = Path(raw)
        try:
            found = list(ladder_files([raw]))
        except FileNotFoundError:
            raise UsageError(f"{raw}: no such file or folder") from None
        except OSError as exc:
            where = exc.filename if exc.filename is not None else raw
            raise UsageError(f"{where}: cannot read: {exc.strerror or exc}") from None
        if not found and path.is_dir():
            if not os.access(path, os.R_OK | os.X_OK):
                raise UsageError(f"{raw}: cannot read folder: permission denied")
            raise UsageError(f"{raw}: no *.yaml or *.yml files in this folder")
        files.update(dict.fromkeys(found))
    return list(files)
