"""The kinds of document dualladder reads, in one registry, and :func:`collect`.

A file's kind is told in one place (:func:`~dualladder._internal.util.kind_keys.kind_of`, by its
top-level keys); :func:`read` builds the document of its kind, and how a kind is checked within a
run is its entry in :data:`KINDS` (``ladder``, ``family``, ``company``, ``plan``). Code that handles
"any file" asks these: :func:`collect` reads each file once into a :class:`Document` that carries
where it was read from; ``validate`` (a :class:`CheckRun`) and ``render`` take documents from it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final

from dualladder._internal.io.company.read import CompanyCache, relative_to
from dualladder._internal.io.parse import Parsed, parse
from dualladder._internal.io.read import build
from dualladder._internal.model.ladder import Ladder
from dualladder._internal.services.check.ladder import check_read
from dualladder._internal.util.files import DEFAULT_MAX_BYTES
from dualladder._internal.util.findings import Finding, Report
from dualladder._internal.util.kind_keys import FAMILY_KEY, KindName, kind_of
from dualladder._internal.yaml.source import SourceMap

if TYPE_CHECKING:
    from dualladder._internal.model.company import Company
    from dualladder._internal.model.plan import Plan
    from dualladder._internal.services.check.company import CompanyRun

# What only a company or a plan needs is imported when one is met, so validating one ladder
# (a pre-commit hook, on every commit) pays for the ladder's models and rules alone.

__all__ = ["KINDS", "CheckRun", "Document", "Kind", "Unreadable", "collect"]


@dataclass(slots=True)
class Document:
    """One file as read: its kind, where it was read from (``source``: its name and where each
    value stands; for a job family, in its own file or its company's), what it holds (the model
    of its kind, or None when it could not be built) and what reading it found."""

    kind: KindName
    path: Path
    source: SourceMap
    findings: list[Finding] = field(default_factory=list)
    #: a ladder, or a job family with its company applied
    ladder: Ladder | None = None
    #: a company file
    company: Company | None = None
    #: a career plan
    plan: Plan | None = None
    #: a company file or a job family: the run's key of the company file (for a family that
    #: could not be read, of the company file it names, when that was read)
    company_key: str | None = None


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A file that could not be read at all (missing, not a regular file, over the size cap)."""

    path: Path
    error: OSError


@dataclass(slots=True)
class CheckRun:
    """One ``validate`` run over documents: each checked as it comes (a family with its
    company's run, so a company of 500 families holds one family at a time), the reports in
    the order they are made."""

    cache: CompanyCache
    reports: list[Report] = field(default_factory=list)
    runs: dict[str, CompanyRun | None] = field(default_factory=dict)

    def company(self, key: str) -> CompanyRun | None:
        """The run of the company file ``key`` (read by now), started on first use; None when
        it is not a company (its own findings are reported once)."""
        if key not in self.runs:
            from dualladder._internal.services.check.company import CompanyRun

            found = self.cache.results[key]
            if found.company is not None:
                self.runs[key] = CompanyRun(found.company)
            else:
                self.runs[key] = None
                if found.error is None and found.is_company:
                    self.reports.append(Report.of(found.findings, [found.source.name]))
        return self.runs[key]

    def report(self) -> Report:
        companies = [run.report() for run in self.runs.values() if run is not None]
        return Report.merge([*self.reports, *companies])


@dataclass(frozen=True, slots=True)
class Kind:
    """What a kind of document does: its name, what it is in words, and how it is checked
    within a run (``check`` adds the document's findings to the run)."""

    name: KindName
    title: str
    check: Callable[[Document, CheckRun], None]


def _not_read(doc: Document, run: CheckRun) -> bool:
    """Report a document that could not be built (True), with its company file's own findings
    when it is a family whose company file was read."""
    if doc.ladder is not None or doc.company is not None or doc.plan is not None:
        return False
    run.reports.append(Report.of(doc.findings, [doc.source.name]))
    if doc.company_key is not None:
        run.company(doc.company_key)
    return True


def _check_ladder(doc: Document, run: CheckRun) -> None:
    if not _not_read(doc, run):
        assert doc.ladder is not None
        run.reports.append(check_read(doc.ladder))


def _check_family(doc: Document, run: CheckRun) -> None:
    if not _not_read(doc, run):
        assert doc.ladder is not None and doc.company_key is not None
        company = run.company(doc.company_key)
        assert company is not None  # the family was read with this company applied
        company.add(doc.ladder, just_read=True)


def _check_company(doc: Document, run: CheckRun) -> None:
    assert doc.company_key is not None
    run.company(doc.company_key)  # checked with its families when the run ends


def _check_plan(doc: Document, run: CheckRun) -> None:
    from dualladder._internal.services.check.plan import check_plan

    if not _not_read(doc, run):
        assert doc.plan is not None
        base = Path(doc.source.name).parent
        run.reports.append(check_plan(doc.plan, base=base, source=doc.source))


#: Every kind of document, by name (a roster, a table rather than a YAML document, is read by
#: ``dualladder audit`` alone and is not one of them yet).
KINDS: Final[dict[KindName, Kind]] = {
    "ladder": Kind("ladder", "a ladder file", _check_ladder),
    "family": Kind("family", "a job family file", _check_family),
    "company": Kind("company", "a company file", _check_company),
    "plan": Kind("plan", "a career plan", _check_plan),
}


def read(parsed: Parsed, path: Path, cache: CompanyCache) -> Document:
    """The document of one parsed file, read as its kind (a family with its company, from
    ``cache``)."""
    data = parsed.data
    if data is None:  # not a mapping: it gets a ladder's findings
        return Document("ladder", path, parsed.source, list(parsed.findings))
    kind = kind_of(data)
    if kind == "plan":
        from dualladder._internal.io.plan.read import build_plan

        plan = build_plan(parsed)
        return Document(kind, path, plan.source, list(plan.findings), plan=plan.plan)
    if kind == "company":
        from dualladder._internal.io.company.read import build_company

        found = build_company(parsed)
        cache.put(path, found)
        return Document(kind, path, found.source, list(found.findings), company=found.company,
                        company_key=cache.key(path))
    result = build(parsed, cache)
    key: str | None = None
    link = None
    if kind == "family" and result.ladder is not None:
        from dualladder._internal.model.family import link_of

        link = link_of(result.ladder)
    if link is not None:
        key = cache.key(link.source.company_map.name)
    elif kind == "family":
        ref = data.get(FAMILY_KEY)
        if isinstance(ref, str) and ref:
            named = cache.key(relative_to(parsed.source.name, ref))
            key = named if named in cache.results else None
    return Document(kind, path, result.source, list(result.findings), ladder=result.ladder,
                    company_key=key)


def collect(
    paths: Iterable[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES,
    cache: CompanyCache | None = None,
) -> Iterator[Document | Unreadable]:
    """Each file of ``paths`` read once, in order, as a :class:`Document` (or
    :class:`Unreadable`). A company file read before for one of its families is not read again:
    its document is the one that was read. Documents are made one at a time, so a caller that
    lets each go holds one file's tree at a time."""
    cache = cache if cache is not None else CompanyCache(max_bytes=max_bytes)
    for raw in paths:
        path = Path(raw)
        key = cache.key(path)
        known = cache.results.get(key)
        if known is not None and known.is_company and known.error is None:
            yield Document("company", path, known.source, list(known.findings),
                           company=known.company, company_key=key)
            continue
        try:
            parsed = parse(path, max_bytes=max_bytes)
        except OSError as exc:
            yield Unreadable(path, exc)
            continue
        yield read(parsed, path, cache)
