"""The two sides of a diff: what each one is (a file, a folder, a git revision), its documents,
and the caps on them (:data:`MAX_DOCUMENTS`, :data:`MAX_TOTAL_BYTES`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from dualladder._internal.util.files import DEFAULT_MAX_BYTES

__all__ = ["MAX_DOCUMENTS", "MAX_TOTAL_BYTES", "Document", "Kind", "Side", "SourceError"]

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
    #: True for a git revision: its families find their company file in it or nowhere
    sealed: bool = False
    #: the folder the keys are relative to (``ladders``, ``origin/main:ladders``): a company
    #: file outside the documents is keyed by its path from here, alike on both sides
    base: str = ""
    #: for a revision: another file of it (a company file that a family names) by the path the
    #: family's reference gives (``REV:kestrel/../shared/company.yaml``), as its display name
    #: and bytes; None where the revision has no such file
    fetch: Callable[[str], tuple[str, bytes] | None] | None = None
    #: the size cap of each file read for this side (its documents and company files)
    max_bytes: int = DEFAULT_MAX_BYTES
    #: for a revision: the revision as its files' display names start (``REV:``), and the top
    #: of the repository it was read from (a ``--link`` resolves it to a commit)
    rev: str | None = None
    top: Path | None = None
    #: the bytes of the documents added so far (the cap checked in constant time per file)
    _total: int = field(default=0, init=False, repr=False)

    def add(self, document: Document) -> None:
        if len(self.documents) >= MAX_DOCUMENTS:
            raise SourceError(f"{self.label}: more than {MAX_DOCUMENTS:,} ladder files")
        replaced = self.documents.get(document.key)
        self.documents[document.key] = document
        self._total += len(document.data) - (len(replaced.data) if replaced is not None else 0)
        if self._total > MAX_TOTAL_BYTES:
            raise SourceError(
                f"{self.label}: more than {MAX_TOTAL_BYTES // (1024 * 1024)} MiB of ladder files"
            )
