"""``dualladder init``: write a commented starting ladder, or a company (see docs/cli.md).

Registered into the main parser by :func:`register`. Exit 0 when the files were written, 2 when
one exists already (nothing is written) or a file cannot be written.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["register", "run_init"]


def register(commands: Any) -> None:
    """Add the ``init`` subcommand to ``commands`` (an argparse subparsers object)."""
    init = commands.add_parser(
        "init",
        help="write a commented starting ladder (or --company: a company of two families)",
        description="Write a commented ladder to start from, that validates as written: one "
        "job family with a management and a technical track (PATH: a file, default "
        "ladder.yaml; a name without an extension gets .yaml; a folder gets ladder.yaml). "
        "With --company, a company folder (PATH, "
        "default company/): company.yaml with the shared levels and a pay zone, and two "
        "families, engineering.yaml and design.yaml. Never overwrites a file.",
    )
    init.add_argument("path", nargs="?", metavar="PATH", default=None,
                      help="the ladder file, or with --company the company's folder")
    init.add_argument("--company", action="store_true",
                      help="write a company (two job families and a pay zone) instead")
    init.set_defaults(run=run_init)


def _ladder_path(raw: str) -> Path:
    """Where ``init PATH`` writes a ladder: into a folder, ``ladder.yaml``; a name without an
    extension gets ``.yaml`` (``engineering`` -> ``engineering.yaml``), so that ``validate``
    and ``render`` find it in a folder. A name ending in a separator that is not a folder, or
    with another extension, is a usage error."""
    import os
    from pathlib import Path

    from dualladder._internal.io.walk import DOCUMENT_SUFFIXES, is_document_name
    from dualladder.cli.shared import UsageError

    path = Path(raw)
    if path.is_dir():
        return path
    if raw.endswith(("/", os.sep)):
        raise UsageError(f"{raw}: no such folder; make it first, or name the ladder's file "
                         f"({raw.rstrip('/' + os.sep) or 'ladder'}.yaml)")
    if not path.suffix:
        return path.with_name(path.name + DOCUMENT_SUFFIXES[0])
    if not is_document_name(path.name):
        lower = path.suffix.lower()
        named = path.with_suffix(lower) if lower in DOCUMENT_SUFFIXES else Path(f"{raw}.yaml")
        raise UsageError(f"{raw}: a ladder is a YAML file named *.yaml or *.yml (what validate "
                         f"and render find in a folder): write {named}")
    return path


def run_init(args: argparse.Namespace) -> int:
    import shlex
    from datetime import date
    from pathlib import Path

    from dualladder._internal.services.starter import StarterExists, write_starter
    from dualladder._internal.util.textsafe import escape_controls
    from dualladder.cli.shared import EXIT_OK, UsageError, cannot_write

    if args.company:
        target = Path(args.path if args.path is not None else "company")
    else:
        target = _ladder_path(args.path if args.path is not None else "ladder.yaml")
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
