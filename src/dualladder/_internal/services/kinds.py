"""The kinds of document dualladder reads, in one registry: :data:`KINDS`.

Each kind (``ladder``, ``company``, ``family``, ``plan``, ``roster``) is one :class:`Kind`, and
its entry carries its verbs: how a file of it is told (``detect``), read (``read``), checked in
a ``validate`` run (``check``; a roster's is the audit), rendered (``render``), written back
(``save``), written whole (``dump``), compared (``diff``) and described (``schema``). Where a
verb does not apply to a kind, its entry says so and why (:class:`NotApplicable`), so code that
handles "any document" asks the entry instead of branching on types, suffixes or keys.

Reading itself is :func:`dualladder._internal.io.documents.collect` (each file read once into a
:class:`~dualladder._internal.io.documents.Document`); which kind a Python object is, is
:func:`kind_of_model`. The verbs are imported when they are called, so the registry costs
nothing to import (``dualladder --help`` names the schema kinds from it).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from dualladder._internal.util.kind_keys import KindName, kind_of

if TYPE_CHECKING:
    from dualladder._internal.io.documents import Document
    from dualladder._internal.io.roster.columns import ColumnMap
    from dualladder._internal.services.check.run import CheckRun
    from dualladder._internal.services.diff.changes import Change
    from dualladder._internal.services.handbook.engine import Written
    from dualladder._internal.services.render_job import Rendered, RenderJob

__all__ = [
    "KINDS",
    "Kind",
    "NotApplicable",
    "kind_of_model",
    "schema_kinds",
]


@dataclass(frozen=True, slots=True)
class NotApplicable:
    """A verb that does not apply to a kind, and why (what to do instead)."""

    why: str


Detect = Callable[[Path, Mapping[str, object] | None, bytes], bool]
Read = Callable[..., "Document"]
Check = Callable[["Document", "CheckRun"], None]
Render = Callable[["RenderJob"], "Rendered"]
Save = Callable[[Any, "str | os.PathLike[str]"], object]
Dump = Callable[[Any], str]
Diff = Callable[[Any, Any], "list[Change]"]
Schema = Callable[[], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of document and its verbs (each a function, or :class:`NotApplicable`)."""

    name: KindName
    #: what it is, in words ("a ladder file")
    title: str
    #: the public function that reads one (documentation and the API reference)
    reader: str
    #: whether a file is of this kind: from its path, its top-level YAML mapping (None for a
    #: file that is not one) and its first bytes
    detect: Detect
    #: one file read as this kind: ``read(path, max_bytes=..., columns=...)`` -> a Document
    #: (OSError for a file that cannot be read at all)
    read: Read
    #: how a document of it takes part in a ``validate`` run (``CheckRun``); a roster's check
    #: is the audit of it against the run's ladders
    check: Check | NotApplicable
    render: Render | NotApplicable
    #: write a model of it back to a file, keeping the file's layout
    save: Save | NotApplicable
    #: a model of it as YAML text, written whole
    dump: Dump | NotApplicable
    #: the changes between two models of it
    diff: Diff | NotApplicable
    #: its JSON Schema (draft 2020-12)
    schema: Schema | NotApplicable


# -- detect ---------------------------------------------------------------------------------------


def _yaml_kind(name: KindName) -> Detect:
    def detect(path: Path, data: Mapping[str, object] | None, head: bytes) -> bool:
        if name == "ladder" and data is None:  # not a mapping: it gets a ladder's findings
            return True
        return data is not None and kind_of(data) == name

    return detect


def _is_roster(path: Path, data: Mapping[str, object] | None, head: bytes) -> bool:
    from dualladder._internal.io.roster.detect import is_roster

    return is_roster(path, head)


# -- read -----------------------------------------------------------------------------------------


def _reader(name: KindName) -> Read:
    def read(path: str | os.PathLike[str], *, max_bytes: int | None = None,
             columns: ColumnMap | Mapping[str, str] | None = None) -> Document:
        from dualladder._internal.io.documents import Unreadable, collect

        found = next(collect([path], max_bytes=max_bytes, only=(name,), columns=columns))
        if isinstance(found, Unreadable):
            raise found.error
        return found

    return read


# -- check ----------------------------------------------------------------------------------------


def _check(name: KindName) -> Check:
    def check(doc: Document, run: CheckRun) -> None:
        from dualladder._internal.services.check import run as runs

        verb: Check = {
            "ladder": runs.check_ladder_doc,
            "family": runs.check_family_doc,
            "company": runs.check_company_doc,
            "plan": runs.check_plan_doc,
            "roster": runs.check_roster_doc,
        }[name]
        verb(doc, run)

    return check


# -- render ---------------------------------------------------------------------------------------


def _render_ladder(job: RenderJob) -> Rendered:
    from dualladder._internal.services.handbook.engine import render_handbook

    return _handbook(job, render_handbook, f"{job.model.organization} {job.model.family}")


def _render_company(job: RenderJob) -> Rendered:
    from dualladder._internal.services.handbook.company import render_company

    return _handbook(job, render_company, f"{job.model.organization} company")


def _handbook(job: RenderJob, render: Callable[..., Written], what: str) -> Rendered:
    """A handbook (a ladder's, a company's site) rendered by ``render``, said as ``what``."""
    from dualladder._internal.services.render_job import Rendered

    done = render(job.model, job.target, fmt=job.format, templates=job.templates,
                  allow_invalid=job.allow_invalid, checked=job.checked,
                  nav_prefix=job.nav_prefix, locale=job.locale)
    return Rendered(done.files, f"wrote {what} handbook ({job.format}) to {job.target}", done.nav)


def _render_plan(job: RenderJob) -> Rendered:
    """A plan's page. Its errors (a plan or ladder that cannot be rendered) are one line each
    (a :class:`RenderError`), as the page is one file of personal data, not a handbook."""
    from dualladder._internal.services.handbook.errors import RenderError
    from dualladder._internal.services.plan.page import render_plan
    from dualladder._internal.services.render_job import Rendered
    from dualladder._internal.util.findings import LadderError

    try:
        files = render_plan(job.model, job.target, base=job.path.parent, source=job.source,
                            format=job.format, templates=job.templates,
                            allow_invalid=job.allow_invalid, locale=job.locale)
    except (LadderError, RenderError) as exc:
        raise RenderError(" ".join(str(exc).split()) or type(exc).__name__) from None
    return Rendered(files, f"wrote the career plan {job.path} ({job.format}) to {job.target}")


# -- save and dump --------------------------------------------------------------------------------


def _save_ladder(model: Any, path: str | os.PathLike[str]) -> None:
    from dualladder._internal.io.save import save

    save(model, path)


def _save_company(model: Any, path: str | os.PathLike[str]) -> None:
    from dualladder._internal.io.company.save import save_company

    save_company(model, path)


def _save_plan(model: Any, path: str | os.PathLike[str]) -> str | None:
    from dualladder._internal.io.plan.save import save_plan

    return save_plan(model, path)


def _dump_ladder(model: Any) -> str:
    from dualladder._internal.io.dump import dumps

    return dumps(model)


def _dump_company(model: Any) -> str:
    from dualladder._internal.io.company.dump import dumps_company

    return dumps_company(model)


def _dump_plan(model: Any) -> str:
    from dualladder._internal.io.plan.dump import dumps_plan

    return dumps_plan(model)


# -- diff -----------------------------------------------------------------------------------------


def _diff_ladders(old: Any, new: Any) -> list[Change]:
    from dualladder._internal.services.diff.ladder import diff_ladders

    return diff_ladders(old, new)


def _diff_families(old: Any, new: Any) -> list[Change]:
    from dualladder._internal.services.diff.company import diff_families

    return diff_families(old, new)


def _diff_companies(old: Any, new: Any) -> list[Change]:
    from dualladder._internal.services.diff.company import diff_companies

    return diff_companies(old, new)


# -- schema ---------------------------------------------------------------------------------------


def _schema(name: str) -> Schema:
    def build() -> dict[str, Any]:
        from dualladder._internal.io.schema.kinds import schema

        return schema(name)

    return build


_PERSONAL = "it holds personal data"

#: Every kind of document, by name, in the order ``dualladder schema --kind`` lists them.
KINDS: Final[dict[KindName, Kind]] = {
    kind.name: kind
    for kind in (
        Kind(
            "ladder", "a ladder file", "dualladder.read",
            detect=_yaml_kind("ladder"), read=_reader("ladder"), check=_check("ladder"),
            render=_render_ladder, save=_save_ladder, dump=_dump_ladder, diff=_diff_ladders,
            schema=_schema("ladder"),
        ),
        Kind(
            "company", "a company file", "dualladder.company.read_company",
            detect=_yaml_kind("company"), read=_reader("company"), check=_check("company"),
            render=_render_company, save=_save_company, dump=_dump_company,
            diff=_diff_companies, schema=_schema("company"),
        ),
        Kind(
            "family", "a job family file", "dualladder.read",
            detect=_yaml_kind("family"), read=_reader("family"), check=_check("family"),
            # alone, a family renders as a ladder; among its company's files, in the site
            render=_render_ladder, save=_save_ladder,
            dump=NotApplicable(
                "a job family is written back by save, which writes its own part only; "
                "dualladder.dumps of it writes the applied ladder, a standalone ladder"
            ),
            diff=_diff_families, schema=_schema("family"),
        ),
        Kind(
            "plan", "a career plan", "dualladder.plan.read_plan",
            detect=_yaml_kind("plan"), read=_reader("plan"), check=_check("plan"),
            render=_render_plan, save=_save_plan, dump=_dump_plan,
            diff=NotApplicable(
                f"{_PERSONAL}, and a plan's history is its steps; dualladder diff compares "
                "ladders (a plan on one side is not readable as one)"
            ),
            schema=_schema("plan"),
        ),
        Kind(
            "roster", "a roster", "dualladder.people.read_roster",
            detect=_is_roster, read=_reader("roster"), check=_check("roster"),
            render=NotApplicable(
                f"{_PERSONAL}: what is published is the audit's report "
                "(dualladder audit -f html or markdown, with --publish)"
            ),
            save=NotApplicable("a roster is an HR system's export: dualladder reads it and "
                               "never writes it"),
            dump=NotApplicable("a roster is an HR system's export: dualladder reads it and "
                               "never writes it"),
            diff=NotApplicable(f"{_PERSONAL}; never copied, so never compared"),
            schema=NotApplicable("a table, not a YAML document: its columns are in "
                                 "docs/audit.md (and --column maps them)"),
        ),
    )
}


def schema_kinds() -> list[str]:
    """The kinds that have a JSON Schema, in registry order (``dualladder schema --kind``)."""
    return [name for name, kind in KINDS.items() if not isinstance(kind.schema, NotApplicable)]


def kind_of_model(subject: object) -> KindName | None:
    """Which kind a Python object is a model of (None: none of them): the one place that asks
    of an object what :func:`~dualladder._internal.util.kind_keys.kind_of` asks of a file. A
    ladder read with its company applied is a job family."""
    from dualladder._internal.model.ladder import Ladder

    if isinstance(subject, Ladder):
        return "family" if subject.company_link is not None else "ladder"
    from dualladder._internal.model.company import Company

    if isinstance(subject, Company):
        return "company"
    from dualladder._internal.model.plan import Plan

    if isinstance(subject, Plan):
        return "plan"
    from dualladder._internal.model.roster import Roster

    return "roster" if isinstance(subject, Roster) else None
