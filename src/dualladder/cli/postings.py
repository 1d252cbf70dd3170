"""``dualladder postings LADDER...``: the pay range every job posting must show
(:mod:`dualladder._internal.services.postings` makes the list)."""

from __future__ import annotations

import argparse
from typing import Any

from dualladder._internal.services.postings import POSTING_FORMATS

__all__ = ["register", "run_postings"]


def register(commands: Any) -> None:
    """Add the ``postings`` subcommand to ``commands`` (an argparse subparsers object)."""
    from dualladder.cli.shared import Parser

    parser = commands.add_parser(
        "postings",
        help="list the pay range of every rung, as a job posting must show it",
        description="List every rung's title, level, pay zone, currency and pay range (the "
        "band's minimum and maximum), in the base bands and every pay zone of a company: what "
        "pay-transparency laws ask a job posting to show. Exit 1 when a rung has no range to "
        "post (no band, or pay withheld by policy).",
    )
    assert isinstance(parser, Parser)
    parser.add_argument("paths", nargs="+", metavar="LADDER",
                        help="a ladder file, a family file, a company file or a company folder")
    parser.add_argument("--zone", default=None, metavar="Z",
                        help="only this pay zone (default: the base bands and every zone)")
    parser.add_argument("-f", "--format", choices=POSTING_FORMATS, default="csv",
                        help="output format (default: csv)")
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help="write to FILE (atomically) instead of standard output")
    parser.set_defaults(run=run_postings)


def run_postings(args: argparse.Namespace) -> int:
    from dualladder._internal.services.postings import postings, render_postings
    from dualladder._internal.util.findings import LadderError
    from dualladder._internal.util.textsafe import escape_controls
    from dualladder.cli.audit import load_scale, print_ladder_error
    from dualladder.cli.output import check_not_an_input
    from dualladder.cli.shared import EXIT_FAILED, EXIT_OK, UsageError, emit, fail

    if args.output is not None:
        check_not_an_input(args.output, args.paths)
    try:
        scale = load_scale(args.paths)
    except LadderError as exc:
        print_ladder_error(exc)
        return EXIT_FAILED
    try:
        items = postings(scale, args.zone)
    except KeyError as exc:
        raise UsageError(escape_controls(str(exc.args[0]))) from None
    emit(render_postings(items, args.format), args.output)
    missing = [p for p in items if p.note]
    if missing:
        fail(f"{len(missing)} rung{'s' if len(missing) != 1 else ''} with no pay range to "
              "post (see the note column)")
        return EXIT_FAILED
    return EXIT_OK
