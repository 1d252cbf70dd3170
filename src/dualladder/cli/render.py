"""``dualladder render PATH... -o DIR``: the career handbook of ladders, companies and plans.

Registered into the main parser by :func:`register` (see :func:`dualladder.cli.main.build_parser`),
imported only when the command runs or the whole parser is built (``--help``). Every file is
read and checked first, once; a refused run writes nothing. Exit 0 when the handbooks were
written; 1 when the render is refused (errors, without ``--allow-invalid``) or fails; 2 for a
usage error or an unreadable path.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dualladder._internal.util.textsafe import CONTROLS, escape_controls
from dualladder.cli.shared import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    RENDER_FORMATS,
    Parser,
    UsageError,
    add_locale,
    add_max_bytes,
    cannot_write,
    check_locales,
    expand,
    fail,
    read_error,
)

if TYPE_CHECKING:
    from dualladder._internal.model.company import Company
    from dualladder._internal.model.ladder import Ladder
    from dualladder._internal.model.plan import Plan
    from dualladder._internal.util.findings import Finding, Report
    from dualladder._internal.util.kind_keys import KindName
    from dualladder._internal.yaml.source import SourceMap

__all__ = ["folder_name", "register", "run_render"]


def register(commands: Any) -> None:
    """Add the ``render`` subcommand to ``commands`` (an argparse subparsers object)."""
    render = commands.add_parser(
        "render",
        help="write the career handbook of ladder files",
        description="Write the handbook of each ladder. One PATH that is a file renders into "
        "DIR; several paths or a folder render each ladder into DIR/<file stem>/, with an "
        "index page in DIR that links them. A company (a folder with a company file) renders "
        "as one site. Markdown handbooks list their pages for MkDocs in mkdocs-nav.yml.",
        epilog="Exit status: 0 the handbook was written; 1 refused (the findings are "
        "printed), a template error, or the handbook could not be written (the output "
        "folder is left as it was); 2 usage error, a path that cannot be read, -o naming a "
        "file, or an output folder that holds an input.",
    )
    assert isinstance(render, Parser)
    render.add_argument("paths", nargs="+", metavar="PATH", help="a ladder file or a folder")
    render.add_argument(
        "-o", "--output", metavar="DIR", required=True, help="folder to write the handbook to"
    )
    render.add_argument(
        "-f",
        "--format",
        choices=RENDER_FORMATS,
        default="markdown",
        help="markdown (for MkDocs-style sites, the default) or a standalone html site",
    )
    render.add_argument(
        "--templates",
        metavar="DIR",
        default=None,
        help="folder of templates that override the built-in ones by name",
    )
    render.add_argument(
        "--nav-prefix",
        metavar="PATH",
        default="",
        help="where the output folder sits inside the MkDocs docs folder, such as career/: "
        "the paths of the navigation file start with it (markdown)",
    )
    render.add_argument(
        "--allow-invalid",
        action="store_true",
        help="render a ladder even if it breaks equivalence rules (files that cannot be read "
        "as a ladder are still refused)",
    )
    add_locale(render, "the handbook")
    add_max_bytes(render)
    render.set_defaults(run=run_render)


def _written(exc: OSError, target: str | os.PathLike[str]) -> str | os.PathLike[str]:
    """The file a failed write was writing: ``exc.filename``, unless that is the temporary
    file an atomic write makes beside it (``.index.md.x1y2.tmp``), or None."""
    name = exc.filename
    if not isinstance(name, str) or os.path.basename(name).startswith("."):
        return target
    return name


#: What a ladder's folder name under ``-o DIR`` cannot hold: path separators, controls, line
#: separators and undecodable bytes (each becomes ``-``).
_UNSAFE_NAME = re.compile(f"[/\\\\]|{CONTROLS.pattern}")


def folder_name(path: Path) -> str:
    """The folder a ladder renders into under ``-o DIR`` when several are rendered: its file
    stem, without leading dots (no hidden folder, never ``.`` or ``..``: ``...yaml`` must not
    render into DIR's parent), path separators and control characters replaced by ``-``, and
    ``ladder`` when nothing is left."""
    name = _UNSAFE_NAME.sub("-", path.stem).lstrip(".")
    return name or "ladder"


def _targets(args: argparse.Namespace, files: list[Path]) -> list[tuple[Path, Path]]:
    """(ladder file, output folder) pairs: one file argument -> DIR, else DIR/<name>/.

    Two files with one name are refused later, once it is known which of them render on
    their own (a company's families render inside the company's site)."""
    out_dir = Path(args.output)
    if len(args.paths) == 1 and not Path(args.paths[0]).is_dir():
        return [(files[0], out_dir)]
    return [(path, out_dir / folder_name(path)) for path in files]


def _same_or_below(path: Path, folder: os.stat_result) -> bool:
    """Whether ``path`` is the folder (same device and inode) or lies below it, however either
    is spelt (symlinks, ``..``, bind mounts)."""
    current = path.resolve()
    while True:
        try:
            info = current.stat()
        except OSError:
            info = None
        if info is not None and (info.st_dev, info.st_ino) == (folder.st_dev, folder.st_ino):
            return True
        if current.parent == current:
            return False
        current = current.parent


def _refuse_inputs_inside(
    targets: list[tuple[Path, Path]], templates: Path | None
) -> None:
    """A render replaces each output folder whole: refuse one that holds an input file or the
    templates folder, which the render would delete."""
    for _, target in targets:
        try:
            folder = os.stat(target)
        except OSError:
            continue  # does not exist yet: nothing is inside it
        inside = [path for path, _ in targets if _same_or_below(path, folder)]
        if templates is not None and _same_or_below(templates, folder):
            inside.append(templates)
        if inside:
            raise UsageError(
                f"-o {target}: holds {inside[0]}, which rendering would delete "
                "(the output folder is replaced as a whole); choose another output folder"
            )


def _print_findings(report: Report) -> None:
    from dualladder._internal.services.report import TextReporter

    TextReporter().report(report, sys.stdout)


@dataclass(frozen=True)
class _Unit:
    """One thing to render: its kind, its model, its file, its output folder, where it was
    read from and the report it was checked with when read."""

    kind: KindName
    model: Ladder | Company | Plan
    path: Path
    target: Path
    source: SourceMap | None = None
    checked: Report | None = None


def _read_for_render(
    args: argparse.Namespace, targets: list[tuple[Path, Path]]
) -> tuple[list[_Unit], list[Report], bool, bool]:
    """Read and check every file to render, each once: a unit for each standalone ladder, each
    company (with the families among the files) and each career plan, the reports, and
    whether a file was unreadable or the render is refused.

    A company renders as one site: into DIR when it is all there is to render, else into
    DIR/<its folder's name>/. A single family file renders alone, like a ladder.
    """
    from dualladder._internal.io.company.read import CompanyCache
    from dualladder._internal.io.documents import Unreadable, collect
    from dualladder._internal.services.check.company import check_company
    from dualladder._internal.services.check.ladder import check_read
    from dualladder._internal.util.findings import Report

    single = len(args.paths) == 1 and not Path(args.paths[0]).is_dir()
    # a career plan renders only when it is named: one found in a folder is personal data
    # that the user did not ask to publish (the folder is a handbook's, not the plan's)
    named = {Path(raw) for raw in args.paths if not Path(raw).is_dir()}
    units: list[_Unit] = []
    reports: list[Report] = []
    unreadable = refused = False
    cache = CompanyCache(max_bytes=args.max_bytes)
    members: dict[str, list[Ladder]] = {}
    company_files: dict[str, Path] = {}
    outputs = dict(targets)
    for doc in collect(outputs, max_bytes=args.max_bytes, cache=cache):
        if isinstance(doc, Unreadable):
            fail(read_error(doc.path, doc.error))
            unreadable = True
            continue
        path, target = doc.path, outputs[doc.path]
        if doc.kind == "plan":
            if path not in named:
                print(
                    escape_controls(
                        f"dualladder: note: {path}: a career plan, left out: a plan "
                        "renders only when its file is named, never from a folder"
                    ),
                    file=sys.stderr,
                )
                continue
            plan = _plan_unit(doc.plan, doc.source, doc.findings, args.allow_invalid, reports)
            refused = refused or plan is None or plan.refused
            if plan is not None:
                units.append(_Unit("plan", plan.plan, path, target, source=doc.source))
            continue
        if doc.kind == "company":  # it renders with its families
            assert doc.company_key is not None
            company_files.setdefault(doc.company_key, path)
            members.setdefault(doc.company_key, [])
            continue
        if doc.ladder is None:
            refused = True  # not a ladder: nothing to render, even with --allow-invalid
            reports.append(Report.of(doc.findings, [doc.source.name]))
            continue
        if doc.kind == "family" and not single:  # it renders in its company's site
            assert doc.company_key is not None
            company_file = cache.results[doc.company_key].source.name
            company_files.setdefault(doc.company_key, Path(company_file))
            members.setdefault(doc.company_key, []).append(doc.ladder)
            continue
        report = check_read(doc.ladder)  # just read: checked as it stands
        reports.append(report)
        refused = refused or (not report.ok and not args.allow_invalid)
        units.append(_Unit(doc.kind, doc.ladder, path, target, checked=report))
    out_dir = Path(args.output)
    for key, path in company_files.items():
        found = cache.results[key]
        if found.company is None:
            refused = True
            reports.append(Report.of(found.findings, [found.source.name]))
            continue
        company = found.company
        company.set_families(tuple(members[key]))
        report = check_company(company, just_read=True)
        reports.append(report)
        refused = refused or (not report.ok and not args.allow_invalid)
        alone = not units and len(company_files) == 1
        name = folder_name(Path(os.path.abspath(path)).parent)
        units.append(_Unit("company", company, path, out_dir if alone else out_dir / name,
                           checked=report))
    seen: dict[Path, Path] = {}
    for unit in units:
        if unit.target in seen:
            raise UsageError(
                f"{seen[unit.target]} and {unit.path} would both render into {unit.target}; "
                "render them separately"
            )
        seen[unit.target] = unit.path
    return units, reports, unreadable, refused


def run_render(args: argparse.Namespace) -> int:
    from dualladder._internal.services.handbook.nav import nav_prefix
    from dualladder._internal.util.findings import Report

    templates = Path(args.templates) if args.templates is not None else None
    if templates is not None and not templates.is_dir():
        what = ("a file, not a folder: --templates names the folder of your templates"
                if templates.exists() else "no such folder")
        raise UsageError(f"--templates {args.templates}: {what}")
    try:
        args.nav_prefix = nav_prefix(args.nav_prefix)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    check_locales(args.locale)
    files = expand(args.paths)
    targets = _targets(args, files)
    out_path = Path(args.output)
    if out_path.exists() and not out_path.is_dir():
        raise UsageError(f"-o {args.output}: exists and is not a folder")
    _refuse_inputs_inside(targets, templates)

    # Read and check everything first: a refused run writes nothing.
    units, reports, unreadable, refused = _read_for_render(args, targets)
    if unreadable:
        return EXIT_USAGE
    report = Report.merge(reports)
    if refused:
        _print_findings(report)
        fail(
            "not rendering: fix the errors above"
            + ("" if args.allow_invalid else ", or pass --allow-invalid to render anyway")
        )
        return EXIT_FAILED
    report = _with_fallbacks(report, units, args.locale)
    if report.findings:
        _print_findings(report)
    _refuse_inputs_inside([(unit.path, unit.target) for unit in units], templates)
    if _indexed(args, units):
        from dualladder._internal.services.handbook.errors import RenderError
        from dualladder._internal.services.handbook.index import check_index

        try:
            check_index(args.output, args.format)
        except RenderError as exc:
            raise UsageError(str(exc)) from None

    from dualladder._internal.services.handbook.folders import all_or_nothing

    if len(units) == 1:  # one folder: its swap is atomic by itself
        return _render_units(args, units, templates)
    with all_or_nothing() as batch:  # every handbook of the run, or none (all rolled back)
        code = _render_units(args, units, templates)
        batch.failed = code != EXIT_OK
    return code


def _with_fallbacks(report: Report, units: list[_Unit], locale: str | None) -> Report:
    """``report`` with the findings of the texts a translation lacks in the languages rendered
    (DL117, DL506): each page shows the file's own text there, and the run says where."""
    from dualladder._internal.model.company import Company
    from dualladder._internal.model.ladder import Ladder
    from dualladder._internal.services.handbook.languages import reader_locales
    from dualladder._internal.services.translations import fallbacks
    from dualladder._internal.util.findings import Report

    found: list[Finding] = []
    for unit in units:
        if isinstance(unit.model, Ladder | Company):
            found.extend(fallbacks(unit.model, reader_locales(locale, unit.model.locale)))
    if not found:
        return report
    return Report.merge([report, Report.of(found, sorted({f.file for f in found}))])


def _render_units(args: argparse.Namespace, units: list[_Unit], templates: Path | None) -> int:
    """Render each unit (a ladder, a company, a plan) into its folder, as its kind's entry
    in the registry renders it, from the report it was checked with when read (not checked
    again); the exit code."""
    from dualladder._internal.services.handbook.errors import RenderError
    from dualladder._internal.services.kinds import KINDS, NotApplicable
    from dualladder._internal.services.render_job import RenderJob
    from dualladder._internal.util.findings import LadderError, Report

    written: list[Path] = []
    out_dir = Path(args.output)
    opens: list[Path] = []  # the page to open of each unit
    navs: list[Mapping[str, Any]] = []  # each handbook's navigation, for the index's (markdown)
    for unit in units:
        verb = KINDS[unit.kind].render
        assert not isinstance(verb, NotApplicable)  # only ladders, companies and plans
        # where its pages sit in the docs tree: DIR's place, then its folder in DIR
        prefix = args.nav_prefix + ("" if unit.target == out_dir else f"{unit.target.name}/")
        job = RenderJob(unit.model, unit.path, unit.target, unit.source, unit.checked,
                        args.format, templates, args.allow_invalid, prefix,
                        args.locale)
        try:
            # checked when read: not checked again (nor its files read again)
            done = verb(job)
        except LadderError as exc:
            findings: Sequence[Finding] = exc.findings
            _print_findings(Report.of(findings, sorted({f.file for f in findings})))
            fail("not rendering: the ladder has errors")
            return EXIT_FAILED
        except RenderError as exc:
            fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            return EXIT_FAILED
        except OSError as exc:
            fail(cannot_write(_written(exc, unit.target), exc))
            return EXIT_FAILED
        written.extend(done.files)
        print(escape_controls(done.line))
        if unit.kind == "plan":
            opens.extend(page for page in done.files if page.suffix in (".md", ".html"))
            continue
        opens.append(unit.target / ("index.md" if args.format == "markdown" else "index.html"))
        if done.nav is not None:  # a Markdown handbook in one language
            navs.append(done.nav)
    if _indexed(args, units):
        try:
            index = _write_index(args, units, navs, templates)
        except OSError as exc:
            fail(cannot_write(_written(exc, args.output), exc))
            return EXIT_FAILED
        written.extend(index)
        opens = index[:1]
    count = f"{len(written)} file{'' if len(written) == 1 else 's'} written"
    print(escape_controls(f"{count}; open {opens[0]}" if len(opens) == 1 else count))
    return EXIT_OK


def _indexed(args: argparse.Namespace, units: Sequence[_Unit]) -> bool:
    """Whether the render writes an index page into -o DIR: it renders handbooks (ladders,
    companies) into folders below DIR."""
    out_dir = Path(args.output)
    return any(unit.kind != "plan" and unit.target != out_dir for unit in units)


def _write_index(args: argparse.Namespace, units: Sequence[_Unit],
                 navs: list[Mapping[str, Any]], templates: Path | None) -> list[Path]:
    """The index page of -o DIR linking every handbook rendered below it (and for Markdown the
    navigation of them all); the files written."""
    from dualladder._internal.model.company import Company
    from dualladder._internal.model.ladder import Ladder
    from dualladder._internal.services.handbook.index import IndexEntry, index_files, write_index
    from dualladder._internal.util.i18n import date_text, gettext, ngettext, reading

    # the index page in the run's (first) language
    first = args.locale.split(",")[0].strip() if args.locale else None

    out_dir = Path(args.output)
    entries = []
    for unit in units:
        what, target = unit.model, unit.target
        if unit.kind == "plan" or target == out_dir:
            continue
        with reading(first):
            if isinstance(what, Ladder):
                title = f"{what.organization} · {what.family}"
                kind = gettext("job family") if unit.kind == "family" else gettext("ladder")
            else:
                assert isinstance(what, Company)
                count = len(what.families)
                title = what.organization
                kind = ngettext("company of %(num)s job family", "company of %(num)s job families",
                                count) % {"num": count}
            effective = date_text(what.effective) if what.effective else None
        entries.append(IndexEntry(title, target.name, kind, effective))
    with reading(first):
        files = index_files(entries, args.format, prefix=args.nav_prefix,
                            navs=navs, templates=templates)
    return write_index(out_dir, files)


@dataclass(frozen=True)
class PlanUnit:
    """A career plan to render: the plan, where it was read from, and whether its findings
    refuse the render."""

    plan: Plan
    source: SourceMap
    refused: bool


def _plan_unit(plan: Plan | None, source: SourceMap, findings: list[Finding],
               allow_invalid: bool, reports: list[Report]) -> PlanUnit | None:
    """Check one career plan, as read, for ``render`` (None: not a plan that can be read)."""
    from dualladder._internal.services.check.plan import check_plan
    from dualladder._internal.util.findings import Report

    if plan is None:
        reports.append(Report.of(findings, [source.name]))
        return None
    report = check_plan(plan, base=Path(source.name).parent, source=source)
    reports.append(report)
    return PlanUnit(plan, source, not report.ok and not allow_invalid)
