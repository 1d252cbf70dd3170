"""Reading any file as the document it is: :func:`collect` reads each file once, in order, into
a :class:`Document` of its kind.

A YAML file's kind is told by its top-level keys
(:func:`~dualladder._internal.util.kind_keys.kind_of`), a roster's by its header or name
(:func:`~dualladder._internal.io.roster.detect.is_roster`); :func:`read_document` builds the
document with the reader of that kind. What each kind does beyond reading (check, render,
save, dump, diff, schema) is its entry in the registry,
:data:`dualladder._internal.services.kinds.KINDS`.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final

from dualladder._internal.io.company.read import CompanyCache, relative_to
from dualladder._internal.io.parse import Parsed, parse
from dualladder._internal.util.files import DEFAULT_MAX_BYTES, ROSTER_MAX_BYTES
from dualladder._internal.util.findings import Finding
from dualladder._internal.util.kind_keys import FAMILY_KEY, KindName, kind_of
from dualladder._internal.yaml.source import SourceMap

if TYPE_CHECKING:
    from dualladder._internal.io.roster.columns import ColumnMap
    from dualladder._internal.model.company import Company
    from dualladder._internal.model.ladder import Ladder
    from dualladder._internal.model.plan import Plan
    from dualladder._internal.model.roster import Roster

# What only a company, a plan or a roster needs is imported when one is met, so validating one
# ladder (a pre-commit hook, on every commit) pays for the ladder's models alone.

__all__ = ["YAML_KINDS", "Document", "Unreadable", "collect", "read_document", "read_roster_file"]

#: The kinds a run reads unless it asks for others: the YAML documents. A roster is read only
#: where a command asks for one (``dualladder audit``'s last argument), never found in a folder.
YAML_KINDS: Final[tuple[KindName, ...]] = ("ladder", "family", "company", "plan")


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
    #: a roster
    roster: Roster | None = None
    #: a company file or a job family: the run's key of the company file (for a family that
    #: could not be read, of the company file it names, when that was read)
    company_key: str | None = None

    @property
    def model(self) -> Ladder | Company | Plan | Roster | None:
        """What the document holds, whatever its kind (None when it could not be built)."""
        if self.ladder is not None:
            return self.ladder
        if self.company is not None:
            return self.company
        return self.plan if self.plan is not None else self.roster


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A file that could not be read at all (missing, not a regular file, over the size cap)."""

    path: Path
    error: OSError


def read_document(
    parsed: Parsed, path: Path, cache: CompanyCache, *, only: Collection[KindName] = YAML_KINDS
) -> Document:
    """The document of one parsed file, read as its kind (a family with its company, from
    ``cache``). A document of a kind not in ``only`` is read as the first of ``only``: a plan
    given where a ladder is asked for gets the ladder reader's finding that it is a plan."""
    data = parsed.data
    if data is None:  # not a mapping: it gets a ladder's findings
        return Document("ladder", path, parsed.source, list(parsed.findings))
    kind: KindName = kind_of(data)
    if kind not in only:
        kind = next(iter(only))
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
    from dualladder._internal.io.read import build

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


def read_roster_file(
    path: str | os.PathLike[str], *, columns: ColumnMap | Mapping[str, str] | None = None,
    max_bytes: int | None = None,
) -> Document:
    """A roster file as a document (CSV, or XLSX with the ``xlsx`` extra). Raises what
    :func:`~dualladder._internal.io.roster.read.read_roster` raises: OSError for a file that
    cannot be read, ``MappingError`` for a bad ``columns``, ImportError without openpyxl."""
    from dualladder._internal.io.roster.read import read_roster

    result = read_roster(path, columns=columns,
                         max_bytes=ROSTER_MAX_BYTES if max_bytes is None else max_bytes)
    return Document("roster", Path(path), SourceMap(name=os.fspath(path)),
                    list(result.findings), roster=result.roster)


def _head(path: Path) -> bytes:
    """The first bytes of a regular file (a workbook's header), or none."""
    try:
        if not path.is_file():
            return b""
        with path.open("rb") as handle:
            return handle.read(8)
    except OSError:
        return b""


def collect(
    paths: Iterable[str | os.PathLike[str]], *, max_bytes: int | None = None,
    cache: CompanyCache | None = None, only: Collection[KindName] = YAML_KINDS,
    columns: ColumnMap | Mapping[str, str] | None = None,
) -> Iterator[Document | Unreadable]:
    """Each file of ``paths`` read once, in order, as a :class:`Document` (or
    :class:`Unreadable`). A company file read before for one of its families is not read again:
    its document is the one that was read. Documents are made one at a time, so a caller that
    lets each go holds one file's tree at a time.

    ``only`` names the kinds the caller reads (by default the YAML documents); a file of
    another kind is read as the first of them (:func:`read_document`). A roster is read only
    when ``only`` names it: when it is all ``only`` names, every file is read as a roster (with
    ``columns``); otherwise a file that :func:`~dualladder._internal.io.roster.detect.is_roster`
    tells is one is. ``max_bytes`` is the size cap of each file (by default a YAML file's,
    :data:`~dualladder._internal.util.files.DEFAULT_MAX_BYTES`, and a roster's,
    :data:`~dualladder._internal.util.files.ROSTER_MAX_BYTES`).
    """
    cap = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    cache = cache if cache is not None else CompanyCache(max_bytes=cap)
    tables = "roster" in only
    if tables:
        from dualladder._internal.io.roster.detect import is_roster
    for raw in paths:
        path = Path(raw)
        if tables and (len(only) == 1 or is_roster(path, _head(path))):
            try:
                yield read_roster_file(raw, columns=columns, max_bytes=max_bytes)
            except OSError as exc:
                yield Unreadable(path, exc)
            continue
        key = cache.key(path)
        known = cache.results.get(key)
        if known is not None and known.is_company and known.error is None:
            yield Document("company", path, known.source, list(known.findings),
                           company=known.company, company_key=key)
            continue
        try:
            parsed = parse(path, max_bytes=cap)
        except OSError as exc:
            yield Unreadable(path, exc)
            continue
        doc = read_document(parsed, path, cache, only=[k for k in only if k != "roster"]
                            if tables else only)
        del parsed  # the file's plain data: not kept while the caller works on its document
        yield doc
        del doc  # nor the document, while the next file is read (the caller let it go)
