"""A side of a diff and its caps (dualladder._internal.services.diff.sides)."""

from __future__ import annotations

import pytest

from dualladder._internal.services.diff import sides
from dualladder._internal.services.diff.sides import Document, Side, SourceError


def test_the_total_size_cap_counts_each_document_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bytes of a side are counted as files are added (a file added again under its key
    counts once, at its new size), and the side over the cap is refused."""
    monkeypatch.setattr(sides, "MAX_TOTAL_BYTES", 10)
    side = Side("old", "folder")
    side.add(Document("a.yaml", "old/a.yaml", b"123456"))
    side.add(Document("a.yaml", "old/a.yaml", b"12"))  # replaced: 2 bytes, not 8
    side.add(Document("b.yaml", "old/b.yaml", b"12345678"))  # 10 in all: at the cap
    assert sorted(side.documents) == ["a.yaml", "b.yaml"]
    with pytest.raises(SourceError, match=r"^old: more than 0 MiB of ladder files$"):
        side.add(Document("c.yaml", "old/c.yaml", b"1"))


def test_the_document_count_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sides, "MAX_DOCUMENTS", 2)
    side = Side("new", "folder")
    side.add(Document("a.yaml", "new/a.yaml", b""))
    side.add(Document("b.yaml", "new/b.yaml", b""))
    with pytest.raises(SourceError, match=r"^new: more than 2 ladder files$"):
        side.add(Document("c.yaml", "new/c.yaml", b""))
