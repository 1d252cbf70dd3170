"""``dualladder plan new|sheet|update``: career plans on the command line (see docs/plan.md).

Registered into the main parser by :func:`register`. A plan holds personal data: these
commands write only the file the user names, and print nothing of the person but their id.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

__all__ = ["register"]


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def register(commands: Any) -> None:
    """Add the ``plan`` command and its subcommands to ``commands`` (argparse subparsers)."""
    from dualladder.cli import _Parser

    plan = commands.add_parser(
        "plan",
        help="make and track a written career plan towards a rung",
        description="Career plans: scaffold one from the ladder (new), turn it into a tracking "
        "sheet (sheet) and read the sheet back (update). Check a plan with `dualladder "
        "validate PLAN` and print it with `dualladder render PLAN -o DIR`.",
    )
    assert isinstance(plan, _Parser)
    verbs = plan.add_subparsers(dest="verb", metavar="VERB", required=True, parser_class=_Parser)

    new = verbs.add_parser(
        "new",
        help="scaffold a plan from the ladder",
        description="Write a new plan from the rung at --track/--level to the goal: one step "
        "for each thing the goal asks that the current rung does not, a placeholder for the "
        "manager's commitments, and a snapshot of both rungs with their pay bands.",
    )
    new.add_argument("ladder", metavar="LADDER", help="the ladder file the plan follows")
    new.add_argument("--track", required=True, help="the current rung's track, e.g. technical")
    new.add_argument("--level", required=True, help="the current rung's level, e.g. L5")
    new.add_argument(
        "--goal", required=True, metavar="next|TRACK:LEVEL",
        help="the next rung up the same track, or a rung such as management:L6",
    )
    new.add_argument("--person", default="EMPLOYEE-ID", metavar="ID",
                     help="the person's employee id (default: a placeholder)")
    new.add_argument("--target", type=_date, default=None, metavar="YYYY-MM-DD",
                     help="when the goal should be reached (default: one year from today)")
    new.add_argument("-o", "--output", required=True, metavar="FILE",
                     help="the plan file to write (never overwritten)")
    new.set_defaults(run=run_new)


def run_new(args: argparse.Namespace) -> int:
    import os

    from dualladder.cli import EXIT_FAILED, EXIT_OK, UsageError, _fail
    from dualladder.files import write_atomic
    from dualladder.findings import LadderError
    from dualladder.loader import load
    from dualladder.plan.dump import dumps_plan
    from dualladder.plan.model import Position
    from dualladder.plan.scaffold import PlanError, new_plan, parse_goal
    from dualladder.report import TextReporter

    out = Path(args.output)
    if os.path.lexists(out):
        raise UsageError(f"{args.output}: exists; a new plan never overwrites a file")
    try:
        ladder = load(args.ladder)
    except LadderError as exc:
        import sys

        TextReporter().report(exc.report, sys.stdout)
        _fail(f"{args.ladder}: not a ladder that can be read; fix it first")
        return EXIT_FAILED
    except OSError as exc:
        raise UsageError(f"{args.ladder}: cannot read: {exc.strerror or exc}") from None
    current = Position(track=args.track, level=args.level)
    try:
        goal = parse_goal(ladder, current, args.goal)
        plan = new_plan(
            ladder,
            ladder_path=os.path.relpath(Path(args.ladder).resolve(), out.resolve().parent),
            current=current,
            goal=goal,
            person_id=args.person,
            today=date.today(),
            target=args.target,
        )
    except PlanError as exc:
        _fail(str(exc))
        return EXIT_FAILED
    except ValueError as exc:  # a person id or target the plan format refuses
        raise UsageError(" ".join(str(exc).split())) from None
    try:
        write_atomic(out, dumps_plan(plan).encode("utf-8"))
    except OSError as exc:
        raise UsageError(f"{args.output}: cannot write: {exc.strerror or exc}") from None
    print(
        f"wrote a plan from {current} to {goal} with {len(plan.steps)} steps to {args.output}; "
        "fill in the manager's commitments, then `dualladder validate` it"
    )
    return EXIT_OK
