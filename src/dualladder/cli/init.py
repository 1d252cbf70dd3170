"""``dualladder init``: write a commented starting ladder, or a company (see docs/cli.md).

Registered into the main parser by :func:`register`. Exit 0 when the files were written, 2 when
one exists already (nothing is written) or a file cannot be written.
"""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["register", "run_init"]


def register(commands: Any) -> None:
    """Add the ``init`` subcommand to ``commands`` (an argparse subparsers object)."""
    init = commands.add_parser(
        "init",
        help="write a commented starting ladder (or --company: a company of two families)",
        description="Write a commented ladder to start from, that validates as written: one "
        "job family with a management and a technical track (PATH: a file, default "
        "ladder.yaml; a folder gets ladder.yaml). With --company, a company folder (PATH, "
        "default company/): company.yaml with the shared levels and a pay zone, and two "
        "families, engineering.yaml and design.yaml. Never overwrites a file.",
    )
    init.add_argument("path", nargs="?", metavar="PATH", default=None,
                      help="the ladder file, or with --company the company's folder")
    init.add_argument("--company", action="store_true",
                      help="write a company (two job families and a pay zone) instead")
    init.set_defaults(run=run_init)


def run_init(args: argparse.Namespace) -> int:
    import shlex
    from datetime import date
    from pathlib import Path

    from dualladder._internal.services.starter import StarterExists, write_starter
    from dualladder._internal.util.textsafe import escape_controls
    from dualladder.cli.shared import EXIT_OK, UsageError, cannot_write

    target = Path(args.path if args.path is not None else
                  ("company" if args.company else "ladder.yaml"))
    try:
        written = write_starter(target, company=args.company, today=date.today())
    except StarterExists as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:  # the target, never the temporary file a write makes beside it
        where = target / "ladder.yaml" if target.is_dir() and not args.company else target
        raise UsageError(cannot_write(where, exc)) from None
    check = shlex.quote(str(target if args.company else written[0]))
    names = ", ".join(str(path) for path in written)
    print(escape_controls(
        f"wrote {names}; next: dualladder validate {check} && dualladder render {check} "
        "-o handbook --format html"
    ))
    return EXIT_OK
