"""``dualladder plan new|sheet|update``: career plans on the command line (see docs/plan.md).

Registered into the main parser by :func:`register`. A plan holds personal data: these
commands write only the file the user names, and print nothing of the person but their id.
"""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dualladder._internal.model.plan import Plan, Step
    from dualladder._internal.yaml.source import SourceMap

__all__ = ["register"]


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _cannot_read(path: str, exc: OSError) -> str:
    """One line for a file that cannot be read (the size cap's and the not-a-regular-file
    messages name the file already)."""
    from dualladder._internal.util.files import FileTooLarge, NotARegularFile

    if isinstance(exc, FileTooLarge | NotARegularFile):
        return str(exc)
    return f"{path}: cannot read: {exc.strerror or exc}"


def register(commands: Any) -> None:
    """Add the ``plan`` command and its subcommands to ``commands`` (argparse subparsers)."""
    from dualladder._internal.model.plan_words import PERSON_PLACEHOLDER
    from dualladder.cli.shared import Parser, add_locale

    plan = commands.add_parser(
        "plan",
        help="make and track a written career plan towards a rung",
        description="Career plans: scaffold one from the ladder (new), turn it into a tracking "
        "sheet (sheet) and read the sheet back (update). Check a plan with `dualladder "
        "validate PLAN` and print it with `dualladder render PLAN -o DIR`.",
    )
    assert isinstance(plan, Parser)
    verbs = plan.add_subparsers(dest="verb", metavar="VERB", required=True, parser_class=Parser)

    new = verbs.add_parser(
        "new",
        help="scaffold a plan from the ladder",
        description="Write a new plan from the rung at --track/--level to the goal: one step "
        "for each thing the goal asks that the current rung does not, a placeholder for the "
        "manager's commitments, and a snapshot of both rungs with their pay bands.",
    )
    new.add_argument("ladder", metavar="LADDER", help="the ladder file the plan follows")
    new.add_argument("--track", required=True,
                     help="the current rung's track: its key or display name, any case, e.g. "
                     "technical")
    new.add_argument("--level", required=True,
                     help="the current rung's level id, any case, e.g. L5")
    new.add_argument(
        "--goal", required=True, metavar="next|TRACK:LEVEL",
        help="the next rung up the same track, or a rung such as management:L6",
    )
    new.add_argument("--person", default=PERSON_PLACEHOLDER, metavar="ID",
                     help="the person's employee id (default: a placeholder)")
    new.add_argument("--target", type=_date, default=None, metavar="YYYY-MM-DD",
                     help="when the goal should be reached (default: one year from today)")
    new.add_argument("-o", "--output", required=True, metavar="FILE",
                     help="the plan file to write (never overwritten)")
    new.set_defaults(run=run_new)

    sheet = verbs.add_parser(
        "sheet",
        help="write the plan's tracking sheet (.csv or .xlsx)",
        description="Write a tracking sheet of the plan: one row per step and one per thing "
        "the goal asks, with owner, due date, status and evidence columns, for a manager and "
        "their report to fill in. Read it back with `dualladder plan update`.",
    )
    sheet.add_argument("plan", metavar="PLAN", help="the plan file")
    sheet.add_argument("-o", "--output", required=True, metavar="FILE",
                       help="the sheet to write: a .csv or .xlsx file")
    sheet.add_argument("--force", action="store_true",
                       help="replace an existing sheet (one that may hold what people typed)")
    add_locale(sheet, "the sheet's header and notes (plan update reads every language)")
    sheet.set_defaults(run=run_sheet)

    update = verbs.add_parser(
        "update",
        help="update the plan's steps from a filled-in tracking sheet",
        description="Read a tracking sheet back and update each step's status, evidence, "
        "owner and due date in the plan file (matched by step id), keeping the rest of the "
        "file as it is. Nothing is changed when a row is bad: every bad row is reported as "
        "SHEET:LINE:COLUMN: message.",
    )
    update.add_argument("plan", metavar="PLAN", help="the plan file to update")
    update.add_argument("sheet", metavar="SHEET", help="the filled-in .csv or .xlsx sheet")
    update.add_argument("--force", action="store_true",
                        help="apply a sheet made from an older state of the plan, although it "
                        "sets back what changed since")
    update.set_defaults(run=run_update)


def run_new(args: argparse.Namespace) -> int:
    from dualladder._internal.io.plan.dump import dumps_plan
    from dualladder._internal.io.read import load
    from dualladder._internal.model.plan import Position
    from dualladder._internal.services.plan.scaffold import (
        PlanError,
        new_plan,
        parse_goal,
        resolve,
    )
    from dualladder._internal.services.report import TextReporter
    from dualladder._internal.util.files import write_atomic
    from dualladder._internal.util.findings import LadderError
    from dualladder.cli.shared import EXIT_FAILED, EXIT_OK, UsageError, cannot_write, fail

    out = Path(args.output)
    if out.is_dir():
        raise UsageError(f"-o {args.output}: is a folder; -o names the plan file to write, e.g. "
                         f"{out / 'plan.yaml'}")
    if os.path.lexists(out):
        raise UsageError(f"{args.output}: exists; a new plan never overwrites a file")
    try:
        ladder = load(args.ladder)
    except LadderError as exc:
        import sys

        TextReporter().report(exc.report, sys.stdout)
        fail(f"{args.ladder}: not a ladder that can be read; fix it first")
        return EXIT_FAILED
    except OSError as exc:
        raise UsageError(_cannot_read(args.ladder, exc)) from None
    try:
        current = resolve(ladder, Position(track=args.track, level=args.level))
        goal = resolve(ladder, parse_goal(ladder, current, args.goal), "--goal", "--goal")
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
        fail(str(exc))
        return EXIT_FAILED
    except ValueError as exc:  # a person id or target the plan format refuses
        raise UsageError(" ".join(str(exc).split())) from None
    try:
        write_atomic(out, dumps_plan(plan).encode("utf-8"))
    except OSError as exc:
        raise UsageError(cannot_write(args.output, exc)) from None
    print(
        f"wrote a plan from {current} to {goal} with {len(plan.steps)} steps to {args.output}; "
        "fill in the manager's commitments, then `dualladder validate` it"
    )
    return EXIT_OK


def _read_plan(path: str) -> tuple[Plan, SourceMap] | None:
    """The plan file read (plan, source map), or None after printing its findings."""
    import sys

    from dualladder._internal.io.plan.read import NOT_A_PLAN, read_plan
    from dualladder._internal.services.report import TextReporter
    from dualladder._internal.util.findings import Report
    from dualladder.cli.shared import UsageError, fail

    try:
        result = read_plan(path)
    except OSError as exc:
        raise UsageError(_cannot_read(path, exc)) from None
    if result.plan is None:
        TextReporter().report(Report.of(result.findings, [result.source.name]), sys.stdout)
        if any(f.message.startswith(NOT_A_PLAN) for f in result.findings):
            fail(f"{path}: not a career plan; `plan sheet` and `plan update` take the plan file "
                 "`dualladder plan new` writes")
        else:
            fail(f"{path}: not a plan that can be read; fix it first (`dualladder validate`)")
        return None
    return result.plan, result.source


def run_sheet(args: argparse.Namespace) -> int:

    import sys

    from dualladder._internal.io.plan.read import ladder_of
    from dualladder._internal.rules.plan import PlanContext, goal_asks
    from dualladder._internal.services.plan.sheet import NotASheet, sheet_bytes, sheet_suffix
    from dualladder._internal.util.i18n import reading
    from dualladder._internal.util.textsafe import escape_controls
    from dualladder.cli.output import write_output
    from dualladder.cli.shared import EXIT_FAILED, EXIT_OK, UsageError, check_locales

    check_locales(args.locale)
    if args.locale is not None and "," in args.locale:
        raise UsageError(f"--locale {args.locale}: a sheet is written in one language")
    try:
        suffix = sheet_suffix(args.output)
    except NotASheet as exc:
        raise UsageError(str(exc)) from None
    if os.path.lexists(args.output) and not args.force:
        raise UsageError(
            f"{args.output}: exists (it may hold what people typed); pass --force to replace it"
        )
    read = _read_plan(args.plan)
    if read is None:
        return EXIT_FAILED
    plan, _ = read
    ladder, problem = ladder_of(plan, Path(args.plan).parent)
    if ladder is None:
        print(
            f"dualladder: warning: the plan's ladder cannot be read "
            f"({escape_controls(problem or '')}); the sheet lists the steps only, without the "
            "asks of the goal",
            file=sys.stderr,
        )
    try:
        with reading(args.locale or (ladder.locale if ladder is not None else None)):
            data = sheet_bytes(plan, ladder, suffix)
    except NotASheet as exc:  # .xlsx without the xlsx extra
        raise UsageError(str(exc)) from None
    write_output(args.output, data)  # a link is refused, a device written as a stream
    asks = len(goal_asks(PlanContext(plan, ladder)))
    print(
        f"wrote a tracking sheet of {len(plan.steps)} steps and {asks} asks of the goal to "
        f"{escape_controls(args.output)}; fill it in, then `dualladder plan update "
        f"{escape_controls(args.plan)} {escape_controls(args.output)}`"
    )
    return EXIT_OK


#: How many bad rows ``plan update`` prints before it counts the rest.
SHOWN_PROBLEMS = 50


def _changes(old: Step, new: Step) -> list[str]:
    """What an update changed of a step, in words: ``done -> open``, ``evidence removed``."""
    out = [f"{old.status.value} -> {new.status.value}"] if old.status is not new.status else []
    if old.evidence != new.evidence:
        out.append("evidence " + ("added" if old.evidence is None else
                                  "removed" if new.evidence is None else "changed"))
    out += [f"{name} changed" for name in ("owner", "due")
            if getattr(old, name) != getattr(new, name)]
    return out


def run_update(args: argparse.Namespace) -> int:
    import shlex
    import sys

    from dualladder._internal.io.plan.save import save_plan
    from dualladder._internal.services.plan.sheet import (
        NotASheet,
        SheetError,
        apply_sheet,
        read_sheet,
        sheet_suffix,
    )
    from dualladder._internal.services.report import TextReporter
    from dualladder._internal.util.findings import LadderError, Report
    from dualladder._internal.util.textsafe import escape_controls
    from dualladder.cli.shared import EXIT_FAILED, EXIT_OK, UsageError, cannot_write, fail

    try:  # `plan update SHEET PLAN`: the sheet first, told by the names alone
        sheet_suffix(args.plan)
        swapped = args.sheet.lower().endswith((".yaml", ".yml"))
    except NotASheet:
        swapped = False
    if swapped:
        raise UsageError(escape_controls(
            f"arguments in the wrong order: {args.plan} is the sheet and comes last (dualladder "
            f"plan update PLAN SHEET); write: "
            f"{shlex.join(['dualladder', 'plan', 'update', args.sheet, args.plan])}"
        ))
    read = _read_plan(args.plan)
    if read is None:
        return EXIT_FAILED
    plan, source = read
    try:
        updated = apply_sheet(plan, read_sheet(args.sheet), args.sheet, force=args.force)
    except NotASheet as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(_cannot_read(args.sheet, exc)) from None
    except SheetError as exc:
        for problem in exc.problems[:SHOWN_PROBLEMS]:
            print(problem, file=sys.stderr)
        more = len(exc.problems) - SHOWN_PROBLEMS
        if more > 0:
            print(f"... and {more} more", file=sys.stderr)
        count = len(exc.problems)
        fail(
            f"{args.sheet}: {count} bad cell{'s' if count != 1 else ''} or row"
            f"{'s' if count != 1 else ''}; {args.plan} was not changed"
        )
        return EXIT_FAILED
    if updated == plan:  # nothing to write: the file keeps even its time stamp
        print(f"updated 0 of {len(plan.steps)} steps of {escape_controls(args.plan)} (the "
              "sheet changes nothing)")
        return EXIT_OK
    try:
        # through a symbolic link to the plan it names (the file that was read), never over it
        unsafe = save_plan(updated, os.path.realpath(args.plan), before=plan, source=source)
    except LadderError as exc:
        TextReporter().report(Report.of(exc.findings, [args.plan]), sys.stdout)
        fail(f"{args.plan}: the updated plan would not read back; it was not changed")
        return EXIT_FAILED
    except OSError as exc:
        raise UsageError(cannot_write(args.plan, exc)) from None
    if unsafe is not None:
        print(
            f"dualladder: warning: {escape_controls(args.plan)}: {unsafe}; the file was written "
            "whole, with its leading comments kept",
            file=sys.stderr,
        )
    changed = [
        new.id + " " + ", ".join(_changes(old, new))
        for old, new in zip(plan.steps, updated.steps, strict=True)
        if old != new
    ]
    print(
        f"updated {len(changed)} of {len(plan.steps)} steps of {escape_controls(args.plan)}: "
        + ", ".join(changed)
    )
    return EXIT_OK
