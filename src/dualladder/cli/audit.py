"""``dualladder audit LADDER... ROSTER``: the people on a ladder, and the pay-transparency report.

Registered into the main parser by :func:`register` (see :func:`dualladder.cli.main.build_parser`).
Exit 0; 1 when the audit has an error finding (with ``--strict``, any finding), or a ladder
cannot be read as a ladder; 2 for a usage error, a file that cannot be read, or an output that
cannot be written.
"""

from __future__ import annotations

import argparse
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dualladder._internal.model.company import Company
    from dualladder._internal.model.ladder import Ladder
    from dualladder._internal.model.placement import Scale
    from dualladder._internal.util.findings import LadderError

__all__ = ["AUDIT_FORMATS", "register", "run_audit"]

#: ``--format`` choices of ``dualladder audit``.
AUDIT_FORMATS = ("text", "json", "markdown", "html")


def _fraction(text: str) -> Decimal:
    from dualladder._internal.model.money import FRACTION_PLACES
    from dualladder._internal.util.numbers import fits, plain_decimal
    from dualladder._internal.util.textsafe import escape_controls

    stripped = text.strip()
    percent = stripped.endswith("%")
    value = plain_decimal(stripped.removesuffix("%"))
    if value is None:
        raise argparse.ArgumentTypeError(
            f"{escape_controls(repr(text[:60]))} is not a number such as 0.05 or 5%"
        )
    if not fits(value, 3 if percent else 1, FRACTION_PLACES - (2 if percent else 0)) or not (
        0 <= value < (100 if percent else 1)
    ):
        raise argparse.ArgumentTypeError(
            f"{escape_controls(repr(text[:60]))} must be at least 0 and below 1 (100 %), with "
            f"at most {FRACTION_PLACES} decimal places"
        )
    return value / 100 if percent else value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be 1 or more")
    return value


def register(commands: Any) -> None:
    """Add the ``audit`` subcommand to ``commands`` (an argparse subparsers object)."""
    from dualladder._internal.util.files import ROSTER_MAX_BYTES as DEFAULT_MAX_BYTES
    from dualladder.cli.shared import Parser, add_locale, size_argument

    audit = commands.add_parser(
        "audit",
        help="audit a roster (CSV or XLSX) against ladders: pay in the bands, parity and "
        "ceiling in practice, pay gaps",
        description="Audit the people of a roster exported from an HR system against ladders: "
        "people on rungs the ladder does not have, pay below or above the band, parity and "
        "ceiling of the tracks in practice, access to variable pay and equity, and the pay-gap "
        "indicators of Directive (EU) 2023/970 per category of workers (DL301-DL312). LADDER "
        "is a ladder file, a family file, a company file or a company's folder; ROSTER the "
        "last argument. See docs/audit.md.",
    )
    assert isinstance(audit, Parser)
    audit.add_argument("paths", nargs="+", metavar="LADDER... ROSTER",
                       help="one or more ladders, then the roster (.csv or .xlsx)")
    audit.add_argument("-f", "--format", choices=AUDIT_FORMATS, default="text",
                       help="output format (default: text)")
    audit.add_argument("-o", "--output", metavar="FILE", default=None,
                       help="write the report to FILE (atomically) instead of standard output")
    audit.add_argument("--column", action="append", default=[], metavar="COLUMN=HEADER",
                       help="read COLUMN from the export's column HEADER (repeatable), e.g. "
                       "--column level=Grade")
    audit.add_argument("--columns", metavar="FILE", default=None,
                       help="a mapping file: a YAML mapping of column to header name")
    audit.add_argument("--publish", action="store_true",
                       help="make the report fit to publish: no count of a group under "
                       "--min-group people can be shown or worked out from the counts shown, "
                       "no statistic is one person's value, and no finding names a person")
    audit.add_argument("--min-group", type=_count, default=5, metavar="N",
                       help="the smallest group --publish and --statement show (default: 5)")
    audit.add_argument("--tolerance", type=_fraction, default=Decimal("0.05"), metavar="F",
                       help="how far apart the tracks of a level may be in practice: median "
                       "compa-ratios (DL308) and shares receiving variable pay or equity (DL312); "
                       "default 0.05 (5 %%)")
    audit.add_argument("--gap-threshold", type=_fraction, default=Decimal("0.05"), metavar="F",
                       help="the pay gap between women and men of a category from which DL310 "
                       "and DL311 report it; default 0.05 (5 %%, the Directive's Art. 10)")
    audit.add_argument("--statement", metavar="EMPLOYEE_ID", default=None,
                       help="print what Art. 7 of the Directive gives this worker (their pay "
                       "level and category, and the category's average pay by sex) instead of "
                       "the report")
    audit.add_argument("--strict", action="store_true",
                       help="fail (exit 1) on warnings as well as errors")
    audit.add_argument("--max-bytes", type=size_argument, default=DEFAULT_MAX_BYTES,
                       metavar="SIZE",
                       help="refuse (exit 2) a roster file larger than SIZE, such as 512M "
                       "(default: 256M)")
    add_locale(audit, "the report and the statement (text, markdown, html; json stays "
               "English)")
    audit.set_defaults(run=run_audit)


#: What a ladder file's name ends with (a folder is a company's ladders).
_LADDER_SUFFIXES = (".yaml", ".yml")


def _roster_last(paths: list[str]) -> None:
    """Refuse (a usage error) arguments in the wrong order: the roster is the last one, so a
    last argument that is a ladder file or a folder, with a roster before it, is swapped
    (``audit roster.csv ladder.yaml``), and one with no roster at all is missing it."""
    import shlex

    from dualladder._internal.io.roster.detect import is_roster
    from dualladder._internal.util.textsafe import escape_controls
    from dualladder.cli.shared import UsageError

    def ladder_like(raw: str) -> bool:
        return raw.lower().endswith(_LADDER_SUFFIXES) or Path(raw).is_dir()

    last = paths[-1]
    if not ladder_like(last):
        return
    rosters = [raw for raw in paths[:-1] if is_roster(raw)]  # told by the name: nothing read
    if not rosters:
        raise UsageError(escape_controls(
            f"{last}: the last argument is the ROSTER (.csv or .xlsx), and this is a "
            f"{'folder' if Path(last).is_dir() else 'ladder file'}; name the roster last: "
            "dualladder audit LADDER... ROSTER"
        ))
    ladders = [raw for raw in paths if raw not in rosters]
    raise UsageError(escape_controls(
        f"arguments in the wrong order: {rosters[0]} is the roster and comes last "
        f"(dualladder audit LADDER... ROSTER); write: "
        f"{shlex.join(['dualladder', 'audit', *ladders, rosters[0]])}"
    ))


def load_scale(paths: list[str]) -> Scale:
    """The ladders of ``paths`` (ladder, family or company files, company folders), each file
    read once (:func:`~dualladder._internal.io.documents.collect`; a company file with the
    families below its folder).

    Raises ``UsageError`` for a path that cannot be read, ``LadderError`` for a file that is not
    a ladder."""
    from dualladder._internal.io.company.read import CompanyCache
    from dualladder._internal.io.documents import Unreadable, collect
    from dualladder._internal.model.placement import Scale
    from dualladder._internal.util.files import reason
    from dualladder._internal.util.findings import LadderError
    from dualladder._internal.util.textsafe import escape_controls
    from dualladder.cli.shared import UsageError

    def read_company_folder(path: Path, cache: CompanyCache) -> Company:
        # imported for a company only: a ladder's audit does not build the company models
        from dualladder._internal.io.company.load import read_company_folder

        return read_company_folder(path, cache)

    ladders: list[Ladder] = []
    for raw in paths:
        path = Path(raw)
        cache = CompanyCache()
        try:
            if path.is_dir():
                company = read_company_folder(path, cache)
            else:
                # a plan given as a ladder is read as one, which says it is a plan
                doc = next(collect([path], cache=cache, only=("ladder", "family", "company")))
                if isinstance(doc, Unreadable):
                    raise doc.error
                if doc.kind != "company":
                    if doc.ladder is None:
                        raise LadderError(doc.findings)
                    ladders.append(doc.ladder)
                    continue
                company = read_company_folder(path, cache)
        except FileNotFoundError:
            raise UsageError(f"{escape_controls(raw)}: no such file or folder") from None
        except OSError as exc:
            raise UsageError(f"{escape_controls(raw)}: cannot read: "
                             f"{reason(exc)}") from None
        except ValueError as exc:
            if isinstance(exc, LadderError):
                raise
            raise UsageError(escape_controls(str(exc))) from None
        ladders.extend(company.families)
    if not ladders:
        raise UsageError("no job family to audit against: " + ", ".join(paths))
    return Scale.of(ladders)


def print_ladder_error(exc: LadderError) -> None:
    """The findings of a ladder that cannot be read, then one error line."""
    import io

    from dualladder._internal.services.report import TextReporter
    from dualladder._internal.util.findings import Report
    from dualladder.cli.shared import emit, fail

    buffer = io.StringIO()
    TextReporter().report(Report.of(exc.findings, sorted({f.file for f in exc.findings})), buffer)
    emit(buffer.getvalue(), None)
    fail("a ladder cannot be read: fix the errors above")


def _reader_locale(args: argparse.Namespace, scale: Scale) -> str | None:
    """The report's language: --locale, else the first ladder's (or company's) ``locale:``;
    JSON is for programs and stays English."""
    if args.format == "json":
        return None
    if args.locale is not None:
        return str(args.locale)
    own = [ladder.locale for ladder in scale.ladders if ladder.locale]
    if scale.company is not None and scale.company.locale:
        own.insert(0, scale.company.locale)
    return own[0] if own else None


def run_audit(args: argparse.Namespace) -> int:
    from dualladder._internal.util.gcpause import gc_paused

    # from the imports on: reading and auditing make no reference cycles to collect
    with gc_paused():
        return _audit(args)


def _audit(args: argparse.Namespace) -> int:
    from dualladder._internal.io.company.read import CompanyCache
    from dualladder._internal.io.roster.columns import (
        MappingError,
        parse_assignments,
        read_mapping_file,
    )
    from dualladder._internal.model.audit import AuditOptions
    from dualladder._internal.services.check.run import AuditSetup, CheckRun
    from dualladder._internal.services.kinds import KINDS, NotApplicable
    from dualladder._internal.util.files import reason
    from dualladder._internal.util.findings import LadderError
    from dualladder._internal.util.i18n import reading
    from dualladder._internal.util.textsafe import escape_controls
    from dualladder.cli.output import check_not_an_input
    from dualladder.cli.shared import EXIT_FAILED, EXIT_OK, UsageError, check_locales, emit

    check_locales(args.locale)
    if args.locale is not None and "," in args.locale:
        raise UsageError(f"--locale {args.locale}: an audit report is written in one language")
    if len(args.paths) < 2:
        raise UsageError("audit needs at least one LADDER and the ROSTER, e.g. "
                         "dualladder audit ladder.yaml roster.csv")
    _roster_last(args.paths)
    *ladder_paths, roster_path = args.paths
    try:
        mapping = read_mapping_file(args.columns) if args.columns else {}
        for column, header in parse_assignments(args.column).items():
            mapping[column] = header
    except MappingError as exc:
        raise UsageError(escape_controls(str(exc))) from None
    except OSError as exc:
        raise UsageError(f"{escape_controls(args.columns)}: cannot read: "
                         f"{reason(exc)}") from None
    if args.output is not None:
        check_not_an_input(args.output, [*args.paths, *([args.columns] if args.columns else [])])
    try:
        scale = load_scale(ladder_paths)
    except LadderError as exc:
        print_ladder_error(exc)
        return EXIT_FAILED
    roster_kind = KINDS["roster"]
    try:
        doc = roster_kind.read(roster_path, columns=mapping, max_bytes=args.max_bytes)
    except MappingError as exc:
        raise UsageError(escape_controls(str(exc))) from None
    except FileNotFoundError:
        raise UsageError(f"{escape_controls(roster_path)}: no such file") from None
    except ImportError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        message = str(exc) if exc.strerror is None else f"{roster_path}: cannot read: " \
            f"{exc.strerror}"
        raise UsageError(escape_controls(message)) from None
    options = AuditOptions(tolerance=args.tolerance, gap_threshold=args.gap_threshold,
                           min_group=args.min_group)
    run = CheckRun(CompanyCache(), audit=AuditSetup(scale, options, args.publish))
    check = roster_kind.check
    assert not isinstance(check, NotApplicable)
    try:
        check(doc, run)  # the roster's check: its audit against the ladders
    except ValueError as exc:
        raise UsageError(escape_controls(str(exc))) from None
    report = run.audits[0]
    if args.statement is not None:
        from dualladder._internal.services.audit.statement import StatementError, statement_text

        if args.publish:
            raise UsageError("--statement and --publish do not go together: a statement is "
                             "for one worker")
        try:
            with reading(_reader_locale(args, scale)):
                text = statement_text(scale, doc.roster, args.statement, options, args.format)
        except StatementError as exc:
            raise UsageError(escape_controls(str(exc))) from None
        emit(text, args.output)
        return EXIT_OK
    from dualladder._internal.services.audit.names import named_in
    from dualladder._internal.services.audit.reporters import AUDIT_REPORTERS

    with reading(_reader_locale(args, scale)) as locale:
        # the pages name the rungs as the files translate them; JSON keeps the files' names
        shown = report if args.format == "json" else named_in(report, scale, locale)
        text = AUDIT_REPORTERS[args.format]().render(shown)
    emit(text, args.output)
    return EXIT_FAILED if report.findings.failed(strict=args.strict) else EXIT_OK
