"""The two sides of a diff as sets of documents keyed by relative path, and their diff.

A side is a file, a folder, or a git revision (``REV:PATH`` for a file or folder in a revision,
or a bare ``REV``, which takes the path of the other side). The old side of a revision is
compared as its merge base with the new side where the new side is the work tree, or with
``A...B`` or ``--merge-base`` (docs/cli.md says which form compares what).

Documents are keyed by their path relative to the side's folder, so ``origin/main:ladders`` and
the folder ``ladders/`` pair file by file; two single files pair with each other whatever their
names.

Every side is read in full before anything is compared, under two caps: at most
:data:`MAX_DOCUMENTS` files and :data:`MAX_TOTAL_BYTES` bytes a side (and a per-file cap,
``max_bytes``: ``--max-bytes``, by default that of :mod:`dualladder._internal.util.files`), so a
hostile revision cannot exhaust memory.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from dualladder._internal.io.parse import Parsed, parse_text, parsed_as
from dualladder._internal.io.walk import is_document_name, ladder_files
from dualladder._internal.services.diff import git
from dualladder._internal.services.diff.changes import Change
from dualladder._internal.services.diff.findings import compare_findings
from dualladder._internal.services.diff.load import Loaded, in_company, load_companies, load_one
from dualladder._internal.services.diff.sides import (
    MAX_DOCUMENTS,
    MAX_TOTAL_BYTES,
    Document,
    Kind,
    Side,
    SourceError,
)
from dualladder._internal.services.kinds import KINDS, NotApplicable
from dualladder._internal.util.files import (
    DEFAULT_MAX_BYTES,
    FileTooLarge,
    read_regular,
    reason,
)
from dualladder._internal.util.findings import Finding, Report
from dualladder._internal.util.kind_keys import KindName

__all__ = [
    "MAX_DOCUMENTS",
    "MAX_TOTAL_BYTES",
    "Base",
    "Diff",
    "Document",
    "FileDiff",
    "Side",
    "SourceError",
    "diff_sides",
    "read_sides",
]

# -- naming a side --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Spec:
    text: str
    disk: Path | None = None
    rev: str | None = None
    #: the path inside the revision; None for a bare revision
    rev_path: str | None = None


def _parse(text: str) -> _Spec:
    if text and os.path.lexists(text):
        return _Spec(text, disk=Path(text))
    try:
        if ":" in text:
            rev, _, path = text.partition(":")
            return _Spec(text, rev=git.check_revision(rev), rev_path=git.check_path(path))
        return _Spec(text, rev=git.check_revision(text))
    except git.GitError as exc:
        raise SourceError(f"{text}: no such file or folder, and {exc}") from None


def _is_ladder_file(path: str, below: str) -> bool:
    rel = PurePosixPath(path).relative_to(below) if below else PurePosixPath(path)
    return is_document_name(rel.name) and not any(p.startswith(".") for p in rel.parts)


def _disk_side(spec: _Spec, max_bytes: int) -> Side:
    assert spec.disk is not None
    path = spec.disk
    side = Side(spec.text, "folder" if path.is_dir() else "file",
                base=str(path if path.is_dir() else path.parent), max_bytes=max_bytes)
    try:
        files = list(ladder_files([path]))
    except OSError as exc:
        raise SourceError(f"{spec.text}: cannot read: {reason(exc)}") from None
    for file in files:
        key = file.relative_to(path).as_posix() if side.kind == "folder" else file.name
        try:
            data = read_regular(file, max_bytes=max_bytes)
        except FileTooLarge as exc:
            raise SourceError(str(exc)) from None
        except OSError as exc:
            raise SourceError(f"{file}: cannot read: {reason(exc)}") from None
        side.add(Document(key, str(file), data))
    return side


def _git_side(spec: _Spec, path: str, top: Path, max_bytes: int) -> Side:
    assert spec.rev is not None
    try:
        tree = git.resolve_tree(top, spec.rev)
        blobs = git.list_blobs(top, tree, path)
    except git.GitError as exc:
        raise SourceError(str(exc)) from None
    label = f"{spec.rev}:{path}" if path else spec.rev
    if len(blobs) == 1 and blobs[0].path == path:
        kind: Kind = "file"
    else:
        kind = "folder"
        below = path + "/" if path else ""
        blobs = [b for b in blobs if b.path.startswith(below) and _is_ladder_file(b.path, path)]
        if not blobs and not path:
            raise SourceError(f"{label}: no *.yaml or *.yml files in this revision")
    if not blobs:
        raise SourceError(f"{label}: no such file or folder in {spec.rev}")
    for blob in blobs:
        if blob.size > max_bytes:
            raise SourceError(str(FileTooLarge(f"{spec.rev}:{blob.path}", blob.size,
                                               max_bytes)))
    if len(blobs) > MAX_DOCUMENTS:
        raise SourceError(f"{label}: more than {MAX_DOCUMENTS:,} ladder files")
    if sum(b.size for b in blobs) > MAX_TOTAL_BYTES:
        raise SourceError(
            f"{label}: more than {MAX_TOTAL_BYTES // (1024 * 1024)} MiB of ladder files"
        )
    try:
        contents = git.read_blobs(top, [b.oid for b in blobs])
    except git.GitError as exc:
        raise SourceError(str(exc)) from None
    folder = path if kind == "folder" else posixpath.dirname(path)
    side = Side(label, kind, sealed=True, base=f"{spec.rev}:{folder}",
                fetch=_fetcher(spec.rev, top, tree, max_bytes), max_bytes=max_bytes,
                rev=spec.rev, top=top)
    for blob in blobs:
        key = (
            PurePosixPath(blob.path).name if kind == "file"
            else str(PurePosixPath(blob.path).relative_to(path)) if path else blob.path
        )
        side.add(Document(key, f"{spec.rev}:{blob.path}", contents[blob.oid]))
    return side


def _fetcher(rev: str, top: Path, tree: str, max_bytes: int
             ) -> Callable[[str], tuple[str, bytes] | None]:
    """Read one more file of the revision (a company file a family names), with the same
    checks and size cap as the documents. ``name`` is ``REV:PATH`` (or a bare ``PATH`` from the
    top, for a family at the top of the tree), ``..`` allowed as long as it stays inside.
    None when the revision has no such file; :class:`FileTooLarge` when it is over the cap."""

    def fetch(name: str) -> tuple[str, bytes] | None:
        prefix = f"{rev}:"
        rest = name[len(prefix):] if name.startswith(prefix) else name
        wanted = posixpath.normpath(rest)
        try:
            wanted = git.check_path(wanted)
            found = [b for b in git.list_blobs(top, tree, wanted) if b.path == wanted]
            if not found:
                return None
            if found[0].size > max_bytes:
                raise FileTooLarge(f"{rev}:{wanted}", found[0].size, max_bytes)
            data = git.read_blobs(top, [found[0].oid]).get(found[0].oid)
        except git.GitError:
            return None
        return None if data is None else (f"{rev}:{wanted}", data)

    return fetch


def _repo_path(path: Path) -> tuple[Path, str]:
    """The top of the git work tree holding ``path`` and ``path`` from that top."""
    folder = path if path.is_dir() else path.parent
    try:
        top, prefix = git.toplevel(folder)
    except git.GitError as exc:
        raise SourceError(str(exc)) from None
    inside = prefix.rstrip("/")
    if not path.is_dir():
        inside = f"{inside}/{path.name}" if inside else path.name
    return top, inside


#: What the old side of a revision is compared as: ``auto`` (the merge base against the work
#: tree, the revision as it is against another revision), ``merge-base`` (always the merge
#: base), ``tip`` (always the revision as it is).
Base = Literal["auto", "merge-base", "tip"]


def read_sides(old: str, new: str | None, *, cwd: Path | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES, base: Base = "auto") -> tuple[Side, Side]:
    """Read the two sides named on the command line (see the module docstring and
    docs/cli.md); a file larger than ``max_bytes`` is a :class:`SourceError`. ``OLD`` may be
    ``A...B`` (then ``new`` is a path or None): the merge base of A and B against B."""
    here = cwd or Path.cwd()
    if "..." in old:
        return _read_range(old, new, here, max_bytes)
    if new is None:
        raise SourceError("NEW is missing: give OLD and NEW, or OLD as A...B")
    specs = [_parse(old), _parse(new)]
    disk = next((s for s in specs if s.disk is not None), None)
    top: Path | None = None
    shared: str | None = None
    if disk is not None and any(s.rev is not None for s in specs):
        assert disk.disk is not None
        top, shared = _repo_path(disk.disk)
    elif any(s.rev is not None for s in specs):
        try:
            top = git.toplevel(here)[0]
        except git.GitError as exc:
            raise SourceError(str(exc)) from None
        shared = next((s.rev_path for s in specs if s.rev_path is not None), "")
    if specs[0].rev is None and base == "merge-base":
        raise SourceError(f"{specs[0].text}: --merge-base needs OLD to be a git revision")
    if specs[0].rev is not None and base != "tip" and (base == "merge-base"
                                                        or specs[1].rev is None):
        assert top is not None
        tip = specs[1].rev or "HEAD"  # a path on disk: the work tree, grown from HEAD
        try:
            fork = git.merge_base(top, specs[0].rev, tip)
        except git.GitError as exc:
            raise SourceError(str(exc)) from None
        specs[0] = _Spec(specs[0].text, rev=fork, rev_path=specs[0].rev_path)
    sides: list[Side] = []
    for spec in specs:
        if spec.disk is not None:
            sides.append(_disk_side(spec, max_bytes))
            continue
        assert top is not None and shared is not None
        path = spec.rev_path if spec.rev_path is not None else shared
        try:
            sides.append(_git_side(spec, path, top, max_bytes))
        except SourceError as exc:
            if spec.rev_path is None:  # a bare word: it may have been meant as a path
                raise SourceError(f"{spec.text}: no such file or folder, and {exc}") from None
            raise
    first, second = sides
    return _paired(first, second)


def _read_range(old: str, new: str | None, here: Path, max_bytes: int) -> tuple[Side, Side]:
    """``A...B [PATH]`` as git means it: from the merge base of A and B to B (``A...`` is
    ``A...HEAD``), both revisions, at PATH (a path on disk, or from the top) or whole."""
    first, _, second = old.partition("...")
    try:
        a, b = git.check_revision(first or "HEAD"), git.check_revision(second or "HEAD")
        if new is not None and os.path.lexists(new):
            top, path = _repo_path(Path(new))
        else:
            top = git.toplevel(here)[0]
            if new is not None and ":" in new:
                raise git.GitError(f"{new}: after A...B, NEW is a PATH (a file or folder), "
                                   "not a revision")
            path = git.check_path(new) if new is not None else ""
        fork = git.merge_base(top, a, b)
    except git.GitError as exc:
        raise SourceError(str(exc)) from None
    sides = [_git_side(_Spec(old, rev=fork, rev_path=path), path, top, max_bytes),
             _git_side(_Spec(b, rev=b, rev_path=path), path, top, max_bytes)]
    return _paired(sides[0], sides[1])


def _paired(first: Side, second: Side) -> tuple[Side, Side]:
    """The two sides, checked to be alike (two files or two folders); two files pair with each
    other whatever their names."""
    if first.kind != second.kind:
        raise SourceError(
            f"{first.label} is a {first.kind} and {second.label} a {second.kind}: compare a "
            "file with a file, or a folder with a folder"
        )
    if first.kind == "file":
        # two single files pair with each other whatever their names
        (a,), (b,) = first.documents.values(), second.documents.values()
        first.documents = {b.key: Document(b.key, a.name, a.data)}
    return first, second


# -- the diff ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FileDiff:
    """The diff of one document: its changes and the findings it introduces and resolves."""

    path: str
    #: display names; None on the side that does not have the file
    old: str | None
    new: str | None
    changes: tuple[Change, ...] = ()
    introduced: tuple[Finding, ...] = ()
    resolved: tuple[Finding, ...] = ()

    @property
    def status(self) -> Literal["added", "removed", "changed", "unchanged"]:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "changed" if self.changes or self.introduced or self.resolved else "unchanged"


@dataclass(frozen=True, slots=True)
class Diff:
    """The diff of two sides, file by file (sorted by path)."""

    old: str
    new: str
    files: tuple[FileDiff, ...]

    @property
    def changes(self) -> list[Change]:
        return [c for f in self.files for c in f.changes]

    @property
    def introduced(self) -> Report:
        findings = [x for f in self.files for x in f.introduced]
        return Report.of(findings, sorted({x.file for x in findings}))

    @property
    def resolved(self) -> Report:
        findings = [x for f in self.files for x in f.resolved]
        return Report.of(findings, sorted({x.file for x in findings}))

    @property
    def changed_files(self) -> list[FileDiff]:
        return [f for f in self.files if f.status != "unchanged"]


def _outline(item: Loaded | None) -> str:
    if item is None or item.model is None:
        return "not readable (see the findings)"
    if item.company is not None:
        company = item.company
        return (f"{company.organization} company file: {len(company.levels)} levels, "
                f"{len(company.zones)} zones")
    ladder = item.ladder
    assert ladder is not None
    rungs = sum(len(t.rungs) for t in ladder.tracks.values())
    what = "job family" if item.kind == "family" else "ladder"
    return (f"{ladder.organization} {ladder.family} {what}: {len(ladder.levels)} levels, "
            f"{rungs} rungs")


_KIND_WORDS = {"ladder": "a ladder", "family": "a job family", "company": "a company file",
               "unreadable": "not readable"}


def _changes(key: str, old: Loaded, new: Loaded) -> list[Change]:
    if old.model is None or new.model is None:
        if old.model is not None:
            return [Change("document.broken", key,
                           "the new version cannot be read (see the findings)",
                           file=new.name, line=1)]
        if new.model is not None:
            return [Change("document.fixed", key,
                           f"the old version could not be read; the new one can "
                           f"({_outline(new)})", file=new.name, line=1)]
        return []
    changes: list[Change] = []
    if old.kind != new.kind:
        changes.append(Change("document.kind", key,
                              f"was {_KIND_WORDS[old.kind]}, now {_KIND_WORDS[new.kind]}",
                              file=new.name, line=1, old=old.kind, new=new.kind))
    # compared as their kind's entry in the registry compares them; a ladder that became a
    # job family (or the other way round) is compared as ladders
    kind: KindName | None = (
        old.kind if old.kind == new.kind and old.kind != "unreadable"
        else "ladder" if old.ladder is not None and new.ladder is not None else None
    )
    if kind is not None:
        verb = KINDS[kind].diff
        assert not isinstance(verb, NotApplicable)  # a side reads ladders and companies
        changes.extend(verb(old.model, new.model))
    return changes


def diff_file(key: str, old: Loaded | None, new: Loaded | None, *, document: bool = True
              ) -> FileDiff:
    """Compare one document's two versions, read and checked (either may be missing).
    ``document`` is False for a file that is not one of the sides' documents (a company file
    outside a folder): only its findings are compared."""
    changes: list[Change] = []
    if old is None and new is not None:
        if document:
            changes.append(Change("document.added", key, f"file added ({_outline(new)})",
                                  file=new.name, line=1, new=new.name))
    elif new is None and old is not None:
        if document:
            changes.append(Change("document.removed", key, f"file removed ({_outline(old)})",
                                  side="old", file=old.name, line=1, old=old.name))
    elif old is not None and new is not None:
        changes.extend(_changes(key, old, new))
    introduced, resolved = compare_findings(
        old.findings if old else [], new.findings if new else [],
        old.model if old else None, new.model if new else None,
    )
    return FileDiff(
        key,
        old.name if old is not None else None,
        new.name if new is not None else None,
        tuple(changes),
        tuple(introduced),
        tuple(resolved),
    )


def diff_sides(old: Side, new: Side) -> Diff:
    """The diff of two sides, document by document.

    A pair of standalone documents is read, checked, compared and dropped before the next; the
    company files and job families of each side are read and checked together, then compared
    file by file.
    """
    from dualladder._internal.util.gcpause import gc_paused

    files: list[FileDiff] = []
    deferred: tuple[dict[str, Parsed], dict[str, Parsed]] = ({}, {})
    with gc_paused():
        for key in sorted(set(old.documents) | set(new.documents)):
            a, b = old.documents.get(key), new.documents.get(key)
            pa = parse_text(a.data, a.name) if a is not None else None
            pb = None
            if b is not None:
                if pa is not None and a is not None and a.data == b.data:
                    pb = parsed_as(pa, b.name)  # the same bytes: parsed once
                if pb is None:
                    pb = parse_text(b.data, b.name)
            if (pa is not None and in_company(pa)) or (pb is not None and in_company(pb)):
                for parsed, store in ((pa, deferred[0]), (pb, deferred[1])):
                    if parsed is not None:
                        store[key] = parsed
                continue
            files.append(diff_file(
                key,
                load_one(key, pa) if pa is not None else None,
                load_one(key, pb) if pb is not None else None,
            ))
        if deferred[0] or deferred[1]:
            # Each side's parsed data is dropped once read, and each pair of documents once
            # compared, so that little is left alive (for the collector to scan) at the end.
            before = load_companies(deferred[0], old)
            deferred[0].clear()
            after = load_companies(deferred[1], new)
            deferred[1].clear()
            for key in set(before) | set(after):
                files.append(diff_file(
                    key, before.pop(key, None), after.pop(key, None),
                    document=key in old.documents or key in new.documents,
                ))
    return Diff(old.label, new.label, tuple(sorted(files, key=lambda f: f.path)))
