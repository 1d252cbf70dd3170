"""``dualladder diff OLD NEW``: the semantic diff of two versions of ladders, for review.

Registered into the main parser by :func:`register` (see :func:`dualladder.cli.main.build_parser`).
Exit 0; 1 with ``--fail-on new-errors`` when the new version introduces an error (or with
``--fail-on new-findings``, any finding); 2 for a usage error or a side that cannot be read.
"""

from __future__ import annotations

import argparse
import io
from typing import Any

__all__ = ["FAIL_ON", "register", "run_diff"]

#: ``--fail-on`` choices: what makes ``diff`` exit 1.
FAIL_ON = ("never", "new-errors", "new-findings")


def register(commands: Any) -> None:
    """Add the ``diff`` subcommand to ``commands`` (an argparse subparsers object)."""
    from dualladder.cli.shared import Parser, add_max_bytes

    diff = commands.add_parser(
        "diff",
        help="show what changed between two versions of ladders, for review",
        description="Compare two versions of ladders: levels and rungs added, removed or "
        "moved, renames, pay band changes, rewards, scope and decision rights, crossover and "
        "policy, and the findings the change introduces and resolves. OLD and NEW are files, "
        "folders, or git revisions: REV:PATH (a file or folder in a revision, read with git, "
        "never checked out) or a bare REV, which takes the path of the other side. A revision "
        "against the work tree is compared as where the work tree forked from it (the merge "
        "base, so a branch behind main shows only its own changes; --tip for the revision "
        "itself); two revisions as they are (--merge-base for the fork point); A...B is B "
        "against its merge base with A, as in git.",
    )
    assert isinstance(diff, Parser)
    diff.add_argument("old", metavar="OLD",
                      help="the old version: FILE, FOLDER, REV:PATH or REV; or A...B, the "
                      "changes of B since it forked from A (as git diff A...B)")
    diff.add_argument("new", metavar="NEW", nargs="?", default=None,
                      help="the new version: FILE, FOLDER, REV:PATH or REV; after A...B, an "
                      "optional PATH to compare")
    diff.add_argument(
        "--merge-base", action="store_true",
        help="compare against the merge base of OLD (a revision) and NEW (HEAD for a path on "
        "disk); the default against a path on disk",
    )
    diff.add_argument(
        "--tip", action="store_true",
        help="compare against the revision OLD as it is, not the merge base, also when NEW is "
        "the work tree (what git diff REV shows)",
    )
    diff.add_argument(
        "-f", "--format", choices=("text", "markdown", "json"), default="text",
        help="output format (default: text); markdown is made for a pull-request comment",
    )
    diff.add_argument(
        "--link", metavar="TEMPLATE", default=None,
        help="with --format markdown: link each line number to the file at its revision; "
        "TEMPLATE is a URL with {rev} (the commit), {path} (from the top of the repository) "
        "and {line}, e.g. 'https://github.com/OWNER/REPO/blob/{rev}/{path}#L{line}' or "
        "'https://gitlab.com/GROUP/PROJECT/-/blob/{rev}/{path}#L{line}'",
    )
    diff.add_argument(
        "--fail-on", choices=FAIL_ON, default="never",
        help="exit 1 when the new version introduces errors (new-errors) or any finding "
        "(new-findings); default: never",
    )
    diff.add_argument(
        "-o", "--output", metavar="FILE", default=None,
        help="write the report to FILE instead of standard output",
    )
    add_max_bytes(diff)
    diff.set_defaults(run=run_diff)


def run_diff(args: argparse.Namespace) -> int:
    from dualladder._internal.services.diff.documents import (
        Base,
        SourceError,
        diff_sides,
        read_sides,
    )
    from dualladder._internal.services.diff.links import Linker, LinkError, check_template
    from dualladder._internal.services.diff.report import DIFF_REPORTERS, MarkdownDiffReporter
    from dualladder._internal.util.textsafe import escape_controls
    from dualladder.cli.output import check_not_an_input
    from dualladder.cli.shared import EXIT_FAILED, EXIT_OK, UsageError, emit, with_hint

    if args.merge_base and args.tip:
        raise UsageError("--merge-base and --tip ask for two different old sides: give one")
    if args.tip and "..." in args.old:
        raise UsageError(f"{escape_controls(args.old)} compares against the merge base; "
                         "for the tip, drop --tip or write OLD NEW")
    if args.link is not None and args.format != "markdown":
        raise UsageError("--link is for --format markdown (a pull-request comment)")
    try:
        template = check_template(args.link) if args.link is not None else None
    except LinkError as exc:
        raise UsageError(escape_controls(str(exc))) from None
    base: Base = "merge-base" if args.merge_base else "tip" if args.tip else "auto"
    try:
        old, new = read_sides(args.old, args.new, max_bytes=args.max_bytes, base=base)
    except SourceError as exc:
        raise UsageError(escape_controls(with_hint(str(exc)))) from None
    if args.output is not None:  # never overwrite a ladder being compared
        check_not_an_input(args.output, [d.name for side in (old, new)
                                         for d in side.documents.values()])
    diff = diff_sides(old, new)
    buffer = io.StringIO()
    if template is not None:
        MarkdownDiffReporter(Linker(template, (old, new)).url).report(diff, buffer)
    else:
        DIFF_REPORTERS[args.format]().report(diff, buffer)
    emit(buffer.getvalue(), args.output)
    introduced = diff.introduced
    if args.fail_on == "new-errors" and introduced.errors:
        return EXIT_FAILED
    if args.fail_on == "new-findings" and introduced.findings:
        return EXIT_FAILED
    return EXIT_OK
