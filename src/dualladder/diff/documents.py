"""The two sides of a diff as sets of documents keyed by relative path, and their diff.

A side is a file, a folder, or a git revision (``REV:PATH`` for a file or folder in a revision,
or a bare ``REV``, which takes the path of the other side). Documents are keyed by their path
relative to the side's folder, so ``origin/main:ladders`` and the folder ``ladders/`` pair file
by file; two single files pair with each other whatever their names.

Every side is read in full before anything is compared, under two caps: at most
:data:`MAX_DOCUMENTS` files and :data:`MAX_TOTAL_BYTES` bytes a side (and the per-file cap of
:mod:`dualladder.files`), so a hostile revision cannot exhaust memory.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

from dualladder.diff import git
from dualladder.diff.changes import Change
from dualladder.diff.findings import compare_findings
from dualladder.diff.ladder import diff_ladders
from dualladder.files import DEFAULT_MAX_BYTES, FileTooLarge, read_regular
from dualladder.findings import Finding, Report
from dualladder.loader import LoadResult, read_text
from dualladder.model import Ladder

__all__ = [
    "MAX_DOCUMENTS",
    "MAX_TOTAL_BYTES",
    "Diff",
    "Document",
    "FileDiff",
    "Side",
    "SourceError",
    "diff_sides",
    "read_sides",
]

#: At most this many ladder files on one side of a diff.
MAX_DOCUMENTS = 10_000
#: At most this many bytes of ladder files on one side of a diff (256 MiB).
MAX_TOTAL_BYTES = 256 * 1024 * 1024

Kind = Literal["file", "folder"]


class SourceError(Exception):
    """A side that cannot be read (exit 2): a missing path, a bad revision, a cap exceeded.
    The message is one line."""


@dataclass(frozen=True, slots=True)
class Document:
    """One file of a side: its key (path relative to the side), display name and bytes."""

    key: str
    name: str
    data: bytes


@dataclass(slots=True)
class Side:
    """One version: what the user named (``label``), whether it is one file or a folder, and
    its documents by key."""

    label: str
    kind: Kind
    documents: dict[str, Document] = field(default_factory=dict)

    def add(self, document: Document) -> None:
        if len(self.documents) >= MAX_DOCUMENTS:
            raise SourceError(f"{self.label}: more than {MAX_DOCUMENTS:,} ladder files")
        self.documents[document.key] = document
        total = sum(len(d.data) for d in self.documents.values())
        if total > MAX_TOTAL_BYTES:
            raise SourceError(
                f"{self.label}: more than {MAX_TOTAL_BYTES // (1024 * 1024)} MiB of ladder files"
            )


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
    return rel.suffix in (".yaml", ".yml") and not any(p.startswith(".") for p in rel.parts)


def _disk_side(spec: _Spec) -> Side:
    from dualladder.rules import ladder_files

    assert spec.disk is not None
    path = spec.disk
    side = Side(spec.text, "folder" if path.is_dir() else "file")
    try:
        files = list(ladder_files([path]))
    except OSError as exc:
        raise SourceError(f"{spec.text}: cannot read: {exc.strerror or exc}") from None
    for file in files:
        key = file.relative_to(path).as_posix() if side.kind == "folder" else file.name
        try:
            data = read_regular(file, max_bytes=DEFAULT_MAX_BYTES)
        except FileTooLarge as exc:
            raise SourceError(str(exc)) from None
        except OSError as exc:
            raise SourceError(f"{file}: cannot read: {exc.strerror or exc}") from None
        side.add(Document(key, str(file), data))
    return side


def _git_side(spec: _Spec, path: str, top: Path) -> Side:
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
        if blob.size > DEFAULT_MAX_BYTES:
            raise SourceError(str(FileTooLarge(f"{spec.rev}:{blob.path}", blob.size,
                                               DEFAULT_MAX_BYTES)))
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
    side = Side(label, kind)
    for blob in blobs:
        key = (
            PurePosixPath(blob.path).name if kind == "file"
            else str(PurePosixPath(blob.path).relative_to(path)) if path else blob.path
        )
        side.add(Document(key, f"{spec.rev}:{blob.path}", contents[blob.oid]))
    return side


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


def read_sides(old: str, new: str, *, cwd: Path | None = None) -> tuple[Side, Side]:
    """Read the two sides named on the command line (see the module docstring)."""
    specs = [_parse(old), _parse(new)]
    here = cwd or Path.cwd()
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
    sides: list[Side] = []
    for spec in specs:
        if spec.disk is not None:
            sides.append(_disk_side(spec))
            continue
        assert top is not None and shared is not None
        path = spec.rev_path if spec.rev_path is not None else shared
        try:
            sides.append(_git_side(spec, path, top))
        except SourceError as exc:
            if spec.rev_path is None:  # a bare word: it may have been meant as a path
                raise SourceError(f"{spec.text}: no such file or folder, and {exc}") from None
            raise
    first, second = sides
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


def _load(document: Document) -> LoadResult:
    try:
        text = document.data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raw = document.data
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        result = read_text("", document.name)
        result.findings = [Finding(document.name, line, column, "DL001", "error",
                                   "the file is not UTF-8 text")]
        return result
    return read_text(text, document.name)


def _checked(document: Document | None) -> tuple[Ladder | None, list[Finding]]:
    from dualladder.rules import check

    if document is None:
        return None, []
    result = _load(document)
    if result.ladder is None:
        return None, list(result.findings)
    return result.ladder, list(check(result.ladder))


def _outline(ladder: Ladder | None) -> str:
    if ladder is None:
        return "not readable as a ladder (see the findings)"
    rungs = sum(len(t.rungs) for t in ladder.tracks.values())
    return f"{ladder.organization} {ladder.family}: {len(ladder.levels)} levels, {rungs} rungs"


def diff_file(key: str, old: Document | None, new: Document | None) -> FileDiff:
    """Read, check and compare one document's two versions (either may be missing)."""
    old_ladder, old_findings = _checked(old)
    new_ladder, new_findings = _checked(new)
    changes: list[Change] = []
    if old is None and new is not None:
        changes.append(Change("document.added", key, f"file added ({_outline(new_ladder)})",
                              file=new.name, line=1, new=new.name))
    elif new is None and old is not None:
        changes.append(Change("document.removed", key, f"file removed ({_outline(old_ladder)})",
                              side="old", file=old.name, line=1, old=old.name))
    elif old is not None and new is not None:
        if old_ladder is not None and new_ladder is not None:
            changes.extend(diff_ladders(old_ladder, new_ladder))
        elif old_ladder is not None:
            changes.append(Change("document.broken", key,
                                  "the new version cannot be read as a ladder (see the findings)",
                                  file=new.name, line=1))
        elif new_ladder is not None:
            changes.append(Change("document.fixed", key,
                                  "the old version could not be read as a ladder; the new one "
                                  f"can ({_outline(new_ladder)})", file=new.name, line=1))
    introduced, resolved = compare_findings(old_findings, new_findings, old_ladder, new_ladder)
    return FileDiff(
        key,
        old.name if old is not None else None,
        new.name if new is not None else None,
        tuple(changes),
        tuple(introduced),
        tuple(resolved),
    )


def _pairs(old: Mapping[str, Document], new: Mapping[str, Document]) -> Iterator[
        tuple[str, Document | None, Document | None]]:
    for key in sorted(set(old) | set(new)):
        yield key, old.get(key), new.get(key)


def diff_sides(old: Side, new: Side) -> Diff:
    """The diff of two sides, document by document."""
    from dualladder.rules import gc_paused

    with gc_paused():
        files = tuple(diff_file(key, a, b) for key, a, b in _pairs(old.documents, new.documents))
    return Diff(old.label, new.label, files)
