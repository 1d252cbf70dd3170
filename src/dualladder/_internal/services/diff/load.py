"""Reading and checking every document of one side of a diff, as ``validate`` would.

A side holds standalone ladders, company files (``dualladder-company: 1``) and job families
(``company: <relative path>``). Company files are read first; each family is read with its
company applied, its company taken from the same side, so a family in ``origin/main`` is read
with ``origin/main``'s company file, never with the one on disk: from the documents, or else
read from the same revision (a single family file compared alone still finds its company). On
a git side a family whose company file is not in the revision gets the same finding (DL504) as a
missing file; a folder on disk may name a company file outside it, as ``validate`` allows.

Standalone ladders are read, checked and compared one pair at a time (:func:`load_one`), so a
diff of a folder of 500 ladders holds two ladders in memory, not a thousand. Company files and
their families are read together per side (:func:`load_companies`); their findings are checked
per company (the company with all its families) and handed to the document whose file they
point into.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from dualladder._internal.io.company.read import CompanyCache, CompanyResult, build_company
from dualladder._internal.io.documents import Document, read_document
from dualladder._internal.io.parse import Parsed, parse_text
from dualladder._internal.model.ladder import Ladder
from dualladder._internal.util.files import reason
from dualladder._internal.util.findings import Finding, Report
from dualladder._internal.util.kind_keys import KindName, kind_of
from dualladder._internal.yaml.source import SourceMap

if TYPE_CHECKING:
    from dualladder._internal.model.company import Company, FamilyFile
    from dualladder._internal.services.diff.sides import Side

__all__ = ["Loaded", "in_company", "load_companies", "load_one", "outside_key"]

Kind = Literal["ladder", "family", "company", "unreadable"]


@dataclass(slots=True)
class Loaded:
    """One document of a side, read and checked: its model (a ladder, a family with its company
    applied, a company) or none, and the findings in its file."""

    key: str
    name: str
    kind: Kind
    ladder: Ladder | None = None
    company: Company | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def family_file(self) -> FamilyFile | None:
        link = self.ladder.company_link if self.ladder is not None else None
        return getattr(link, "file", None)

    @property
    def model(self) -> Any:
        return self.ladder if self.ladder is not None else self.company


class _SideCache(CompanyCache):
    """The company files of one side. For a git revision (``side.sealed``) nothing is read from
    disk: a company file that is not among the documents is read from the same revision, or is
    missing."""

    side: Side | None = None

    def get(self, path: str | os.PathLike[str]) -> CompanyResult:
        side = self.side
        if side is None or not side.sealed:
            return super().get(path)
        found = self.results.get(self.key(path))
        if found is not None:
            return found
        try:
            fetched = side.fetch(os.fspath(path)) if side.fetch is not None else None
        except OSError as exc:  # there, but over the size cap
            found = CompanyResult(None, [], SourceMap(name=os.fspath(path)), error=reason(exc))
            self.results[self.key(path)] = found
            return found
        if fetched is None:
            found = CompanyResult(None, [], SourceMap(name=os.fspath(path)),
                                  error=f"no such file in {side.label}", missing=True)
        else:
            found = build_company(parse_text(fetched[1], fetched[0]))
            self.results[self.key(fetched[0])] = found  # also under its own name
        self.results[self.key(path)] = found
        return found


def in_company(parsed: Parsed) -> bool:
    """Whether a parsed document belongs to a company (a company file or a job family): it can
    only be read together with the other documents of its side."""
    data = parsed.data
    return data is not None and kind_of(data) in ("company", "family")


#: What a side reads: its ladders, companies and families (a plan is read as a ladder, which
#: says it is a plan: a plan is not compared).
_SIDE_KINDS: tuple[KindName, ...] = ("ladder", "company", "family")


def load_one(key: str, parsed: Parsed) -> Loaded:
    """A standalone document (a ladder, or a file that is not readable as one), checked."""
    name = parsed.source.name
    return _standalone(key, read_document(parsed, Path(name), CompanyCache(), only=_SIDE_KINDS))


def _standalone(key: str, doc: Document) -> Loaded:
    from dualladder._internal.services.check.ladder import check_read

    name = doc.source.name
    if doc.ladder is None:
        return Loaded(key, name, "unreadable", findings=doc.findings)
    return Loaded(key, name, "ladder", ladder=doc.ladder, findings=list(check_read(doc.ladder)))


def load_companies(parsed: dict[str, Parsed], side: Side) -> dict[str, Loaded]:
    """The company files and job families of one side (``parsed`` by key), read and checked
    together: each family with its company from the same side, each company with all its
    families."""
    from dualladder._internal.services.check.company import check_company

    cache = _SideCache(max_bytes=side.max_bytes)
    cache.side = side
    loaded: dict[str, Loaded] = {}
    by_name: dict[str, str] = {}
    others: dict[str, Parsed] = {}
    for key, text in parsed.items():  # the company files first: each family reads its own
        name = text.source.name
        by_name[name] = key
        if text.data is None or kind_of(text.data) != "company":
            others[key] = text
            continue
        doc = read_document(text, Path(name), cache, only=_SIDE_KINDS)
        loaded[key] = Loaded(key, name, "company", company=doc.company,
                             findings=[] if doc.company else doc.findings)
    members: dict[str, list[Ladder]] = {}
    for key, text in others.items():
        name = text.source.name
        doc = read_document(text, Path(name), cache, only=_SIDE_KINDS)
        if doc.kind != "family" or doc.ladder is None:  # a ladder where the other side has
            loaded[key] = _standalone(key, doc)          # a family: checked alone
            continue
        loaded[key] = Loaded(key, name, "family", ladder=doc.ladder)
        assert doc.company_key is not None  # read with its company applied
        members.setdefault(doc.company_key, []).append(doc.ladder)
    reports: list[Report] = []
    for owner, families in members.items():
        found = cache.results[owner].company
        assert found is not None
        reports.append(check_company(found, families, just_read=True))  # read just above
    for item in list(loaded.values()):
        if item.company is not None and cache.key(item.name) not in members:
            reports.append(check_company(item.company, []))
    _hand_out(loaded, by_name, side, (f for report in reports for f in report))
    return loaded


def outside_key(name: str, side: Side) -> str:
    """The key of a file that is not one of ``side``'s documents (a company file a family
    names): its path from the side's folder, so both sides give the same key."""
    if side.sealed:  # names and base are REV:PATH
        rev, _, base = side.base.partition(":")
        path = name.removeprefix(f"{rev}:")
        return posixpath.relpath(posixpath.normpath(path), base or ".")
    return Path(os.path.relpath(os.path.realpath(name),
                                os.path.realpath(side.base or "."))).as_posix()


def _hand_out(loaded: dict[str, Loaded], by_name: dict[str, str], side: Side,
              findings: Iterable[Finding]) -> None:
    """Give each finding to the document of its file (a company file outside the documents
    keeps its findings under :func:`outside_key`)."""
    for finding in findings:
        key = by_name.get(finding.file)
        if key is None:
            key = outside_key(finding.file, side)
            if key not in loaded:
                loaded[key] = Loaded(key, finding.file, "company")
        loaded[key].findings.append(finding)
    for item in loaded.values():
        item.findings.sort()
