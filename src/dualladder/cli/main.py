"""The ``dualladder`` command line (documented in ``docs/cli.md``).

``main`` parses the arguments, then runs one subcommand, and returns the exit code:

* 0 -- no errors (warnings allowed, unless ``--strict``);
* 1 -- at least one error (or, with ``--strict``, any finding); for ``render``: the handbook
  was refused, a template failed, or the handbook could not be written into its folder;
* 2 -- usage error, a path that cannot be read, or output that cannot be written (a report,
  a file of ``-o``, standard output; not ``render``'s handbook, which is 1).

Every line the CLI prints escapes control characters (:mod:`dualladder._internal.util.textsafe`);
output that cannot be written is one ``dualladder: error:`` line
(:mod:`dualladder.cli.output`); SIGTERM stops a run like Ctrl-C (SIGINT) does, so a render cleans up
after itself either way.

Heavy modules (pydantic, the rules, Jinja2, the renderer) are imported inside the
subcommands, so ``dualladder --help`` is instant and ``dualladder validate`` never loads Jinja2;
a run of one command builds only that command's sub-parser and imports no other command's
module (:func:`build_parser`).
"""

from __future__ import annotations

import argparse
import io
import signal
import sys
from collections.abc import Callable, Sequence
from types import FrameType
from typing import Any, NoReturn

from dualladder._internal.util.files import recording_reads
from dualladder._internal.util.version import __version__
from dualladder.cli.output import (
    ClosedStdout,
    OutputError,
    QuietStderr,
    check_not_an_input,
    discard_stdout,
    write_stdout,
)
from dualladder.cli.shared import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TERMINATED,
    EXIT_USAGE,
    FORMATS,
    PROG,
    Parser,
    Terminated,
    UsageError,
    add_max_bytes,
    emit,
    expand,
    fail,
    unrecognized,
    with_hint,
)

__all__ = ["COMMANDS", "build_parser", "main", "run"]

# -- parsing --------------------------------------------------------------------------------------


#: The commands, in the order ``dualladder --help`` lists them.
COMMANDS = ("validate", "render", "schema", "diff", "plan", "audit", "postings", "init")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of the command line, with every command's sub-parser; with ``command`` (one
    of :data:`COMMANDS`), with that command's alone.

    argparse hands everything after a command's name to that command's sub-parser, so a run
    of one command parses, prints its ``--help`` and refuses its arguments the same with its
    sub-parser alone, and a command's module is imported only when it is built (``validate``
    of one file imports no other command's module). Every sub-parser is needed when the
    first argument is not a command's name: ``--help`` and ``--version`` of the program, and
    a missing or unknown command, whose messages name them all (:func:`main` decides)."""
    parser = Parser(
        prog=PROG,
        description="Check dual career ladders (management and technical tracks) written in "
        "YAML, and render them as a career handbook.",
        epilog="Exit status: 0 no errors; 1 errors found, or render refused or could not "
        "write the handbook; 2 usage error, unreadable path, or output that cannot be "
        "written (a report, a file, standard output). "
        "Run 'dualladder COMMAND --help' for the options of a command.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, parser_class=Parser
    )
    for name in COMMANDS:
        if command is None or name == command:
            _registrar(name)(commands)
    return parser


def _registrar(name: str) -> Callable[[Any], None]:
    """What adds command ``name``'s sub-parser (its module is imported here, not before)."""
    if name == "validate":
        return _register_validate
    if name == "schema":
        return _register_schema
    if name == "render":
        from dualladder.cli.render import register
    elif name == "diff":
        from dualladder.cli.diff import register
    elif name == "plan":
        from dualladder.cli.plan import register
    elif name == "audit":
        from dualladder.cli.audit import register
    elif name == "postings":
        from dualladder.cli.postings import register
    else:
        assert name == "init", name
        from dualladder.cli.init import register
    return register


# -- validate -------------------------------------------------------------------------------------


def _register_validate(commands: Any) -> None:
    """Add the ``validate`` subcommand to ``commands`` (an argparse subparsers object)."""
    validate = commands.add_parser(
        "validate",
        help="check ladder files and report every finding",
        description="Check ladder files: the file format (DL001-DL006) and the equivalence "
        "rules (DL1xx, DL2xx). Folders are searched recursively for *.yaml and *.yml files.",
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="a ladder file or a folder")
    validate.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        default=None,
        help="output format (default: github when GITHUB_ACTIONS=true, else text)",
    )
    validate.add_argument(
        "--strict", action="store_true", help="fail (exit 1) on warnings as well as errors"
    )
    validate.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default=None,
        help="write the report to FILE instead of standard output",
    )
    add_max_bytes(validate)
    validate.set_defaults(run=run_validate)


def run_validate(args: argparse.Namespace) -> int:
    from dualladder._internal.util.gcpause import gc_paused

    with gc_paused():  # from the imports on: nothing validate makes needs the collector
        return _validate(args)


def _validate(args: argparse.Namespace) -> int:
    from dualladder._internal.services.check.documents import check_files
    from dualladder._internal.services.report import REPORTERS, default_format

    files = expand(args.paths)
    if args.output is not None:
        check_not_an_input(args.output, files)
    reporter = REPORTERS[args.format or default_format()]()
    report, failed = check_files(files, max_bytes=args.max_bytes)
    unreadable = [f"{path}: cannot read: {with_hint(reason)}" for path, reason in failed]
    text = io.StringIO()
    reporter.report(report, text)
    emit(text.getvalue(), args.output)
    for message in unreadable:
        fail(message)
    if unreadable:
        return EXIT_USAGE
    return EXIT_FAILED if report.failed(strict=args.strict) else EXIT_OK


# -- schema ---------------------------------------------------------------------------------------


def _register_schema(commands: Any) -> None:
    """Add the ``schema`` subcommand to ``commands`` (an argparse subparsers object)."""
    from dualladder._internal.services.kinds import schema_kinds

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of a file format (ladder, company, family, plan)",
        description="Print the JSON Schema (draft 2020-12) of one kind of file, for editors "
        "and schema tools.",
    )
    schema.add_argument(
        "-k", "--kind", choices=schema_kinds(), default="ladder",
        help="ladder file (default), company file (dualladder-company: 1), job family file "
        "(a ladder file with company:) or career plan (dualladder-plan: 1)",
    )
    schema.add_argument(
        "-o", "--output", metavar="FILE", default=None, help="write to FILE instead"
    )
    schema.set_defaults(run=run_schema)


def run_schema(args: argparse.Namespace) -> int:
    import json

    from dualladder._internal.services.kinds import KINDS, NotApplicable

    verb = KINDS[args.kind].schema
    assert not isinstance(verb, NotApplicable)  # the choices are the kinds that have one
    emit(json.dumps(verb(), indent=2, ensure_ascii=False) + "\n", args.output)
    return EXIT_OK


# -- main -----------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    Whoever calls it (a test, a script in a long-lived process, the program itself), it leaves
    the process as it found it: the program's own exit is :func:`run`."""
    stderr = sys.stderr
    sys.stderr = QuietStderr(stderr)  # an unwritable stderr never changes the exit status
    try:
        return _main(argv)
    finally:
        sys.stderr = stderr


def run() -> NoReturn:
    """The program (the ``dualladder`` command, ``python -m dualladder``): run :func:`main` on
    ``sys.argv`` and exit with its code.

    Only the program knows that the interpreter ends next, so only it moves every object still
    alive out of the cyclic collector's sight (:func:`gc.freeze`) before exiting. The
    interpreter's last act is a full collection over everything alive (the models' schemas,
    every module's objects: about 50 M instructions, a sixth of ``python -c 'import yaml,
    pydantic'``) to free what only cycles hold, which the end of the process frees anyway.
    Atexit handlers, flushing the streams and clearing the modules happen as before. A process
    that goes on after :func:`main` (even one that set ``sys.argv`` and called ``main()``)
    must keep collecting its own objects, so :func:`main` never freezes; only the program
    says the process ends next (:func:`~dualladder._internal.util.gcpause.program_exits_next`),
    so that every pause of the collector during the command freezes before it ends (switching
    the collector back on would otherwise scan everything made while it was paused)."""
    import gc

    from dualladder._internal.util.gcpause import program_exits_next

    program_exits_next()
    code = main()
    gc.freeze()
    sys.exit(code)


def _main(argv: Sequence[str] | None) -> int:
    from dualladder._internal.util.gcpause import gc_paused

    given = sys.argv[1:] if argv is None else argv
    command = given[0] if given and given[0] in COMMANDS else None  # else: every sub-parser
    with gc_paused():  # building the parser imports the models: no garbage, no collector
        parser = build_parser(command)
    try:
        args, extras = parser.parse_known_args(argv)
        if extras:
            unrecognized(args, extras)
    except SystemExit as exc:  # --help, --version, usage errors
        code = exc.code
        return code if isinstance(code, int) else (EXIT_OK if code is None else EXIT_USAGE)
    run: Callable[[argparse.Namespace], int] = args.run
    previous = _on_sigterm(_terminate)
    closed = sys.stdout is None
    if closed:  # started with standard output closed (``>&-``): printing is an OutputError
        sys.stdout = ClosedStdout()
    try:
        with recording_reads():  # every output is checked against every file read
            code = run(args)
        write_stdout("")  # flush what the command printed: a full disk shows up here
        return code
    except (UsageError, OutputError) as exc:
        fail(str(exc))
        if isinstance(exc, OutputError):
            discard_stdout()
        return EXIT_USAGE
    except Terminated:
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader went away (``dualladder validate ... | head``): stop quietly
        discard_stdout()
        return EXIT_FAILED
    finally:
        _on_sigterm(previous)
        if closed:
            sys.stdout = None


# -- signals --------------------------------------------------------------------------------------

_SignalHandler = Callable[[int, FrameType | None], object] | int | signal.Handlers | None


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise Terminated


def _on_sigterm(handler: _SignalHandler) -> _SignalHandler:
    """Install ``handler`` for SIGTERM; return the one it replaces (``None`` where signals
    cannot be set: outside the main thread, or with no SIGTERM)."""
    if handler is None or not hasattr(signal, "SIGTERM"):
        return None
    try:
        return signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread
        return None
