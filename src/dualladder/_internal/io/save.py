"""Writing a changed ladder back to its file, changing only what changed (``dualladder.save``).

``save(ladder, path)`` compares the ladder with the one its file held when it was loaded and
edits the file's text where they differ, by the source positions of the YAML nodes the loader
kept: a changed value is rewritten in the span it had (keeping its quoting, or folded text
folded), a new key or list item is inserted after its neighbour in the house style
(:mod:`dualladder._internal.yaml.emit`), a removed one is cut out with its lines. Everything else
(comments, key order, quoting, flow or block style, blank lines) is the file's own text, untouched;
an unchanged ladder saves byte-identical. A ladder built in Python is written whole in the house
style.

The edit itself is :func:`dualladder._internal.yaml.patch.patch_document`. The edit is checked
before anything is written: the new text must load back as the ladder being saved.

The comparison is on ``model_dump(by_alias=True, exclude_defaults=True, exclude_none=True)``, the
data a file would hold, so it follows the model: keys added to the format are saved without
changes here.
"""

from __future__ import annotations

import os
import warnings
from typing import Any

from dualladder._internal.io.company.save import (
    CompanyEdit,
    family_data,
    family_saved_text,
    following_bands,
    read_back,
)
from dualladder._internal.io.dump import to_data
from dualladder._internal.io.read import read_text
from dualladder._internal.model.ladder import Ladder
from dualladder._internal.util.files import write_text_atomic
from dualladder._internal.util.findings import LadderError
from dualladder._internal.yaml import emit as style
from dualladder._internal.yaml.patch import patch_document, reads_back
from dualladder._internal.yaml.source import SourceMap

__all__ = ["edited", "original", "save", "saved_text", "saves"]


def original(source: SourceMap) -> Ladder | None:
    """The ladder as its file held it when loaded (read again once, then kept)."""
    if source.original is None and source.text is not None:
        source.original = read_text(source.text, source.name).ladder
    kept: Ladder | None = source.original
    return kept


def edited(ladder: Ladder) -> bool:
    """Whether ``ladder`` differs from what its file held when it was loaded (True for a
    ladder built in Python). A job family read with its company is compared as the data of its
    own file (its differentials included); an edit only the company file could hold counts
    as a change."""
    source = ladder.source
    if source is None or source.text is None:
        return True
    if ladder.company_link is not None:
        try:
            before, after = family_data(ladder)
        except CompanyEdit:
            return True
        return before != after
    return original(source) != ladder


def saves(ladder: Ladder, target: str | None = None) -> str:
    """The text :func:`save` writes for ``ladder`` (to the file ``target``, when it is given),
    without checking that it loads.

    Warns (:class:`UserWarning`) when an edit reaches a value the file shares through an
    anchor, alias or merge key: such a file is written whole in the house style. The warning
    names the file written (``target``), and the file read when that is another one.
    """
    text, unsafe = saved_text(ladder)
    if unsafe is not None:
        read = ladder.source.name if ladder.source else None
        name = target or read or "<ladder>"
        origin = f" (read from {read})" if read is not None and target not in (None, read) else ""
        warnings.warn(
            f"{name}{origin}: {unsafe}; the file is written whole in the house style, and only "
            "its leading comments are kept",
            stacklevel=3,
        )
    return text


def saved_text(ladder: Ladder) -> tuple[str, str | None]:
    """The text to save, and why the file's layout could not be kept (None if it was)."""
    source = ladder.source
    if source is None or source.text is None or source.root is None:
        return style.document(_data(ladder)), None
    if ladder.company_link is not None:
        return family_saved_text(ladder)
    before = original(source)
    if before is None:
        return style.document(_data(ladder)), None
    if before == ladder:
        return source.text, None
    return patch_document(source.text, source.root, _data(before), _data(ladder))


def _data(ladder: Ladder) -> dict[str, Any]:
    """The data a file holds for ``ladder``: fields at their defaults left out. A value of the
    wrong type put into a list or mapping (which the model cannot refuse) is kept as it is,
    so that loading the saved text reports it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return to_data(ladder)


def save(ladder: Ladder, path: str | os.PathLike[str]) -> None:
    """Write ``ladder`` to ``path``, keeping the layout of the file it was loaded from.

    Raises :class:`~dualladder._internal.util.findings.LadderError` (and writes nothing) when the
    ladder as a whole does not hold, with the findings the file would get (a rung on a level that
    ``levels`` does not define: DL004), located in the text that would have been written. The write
    is atomic: a temporary file, then a rename.

    A job family read with its company (``company:``) is saved to its own file: only the
    family's data (its tracks, differentials, its own keys and overrides), never the company's
    levels or bands (:mod:`dualladder._internal.io.company.save`). An edit that only the company
    file can hold (a company band, the level scale) raises
    :class:`~dualladder._internal.io.company.save.CompanyEdit` (a ``ValueError``) naming where the
    company file writes it (most such edits are refused already when they are made:
    :mod:`dualladder._internal.model.family_edits`). The saved text is read back with the company
    the family was read with, and must give back ``ladder``.
    """
    name = os.fspath(path)
    text = saves(ladder, name)
    source = ladder.source
    if ladder.company_link is not None:
        _save_family(ladder, text, name)
        return
    if source is None or text != source.text:  # the file's own text needs no second reading
        result = read_text(text, name)
        reads_back(ladder, result.ladder, result.findings,
                   f"{name}: the edited file would not read back as this ladder")
    write_text_atomic(path, text)


def _save_family(ladder: Ladder, text: str, name: str) -> None:
    moved = []
    source = ladder.source
    if source is None or text != source.text:
        result = read_back(ladder, text, name)
        if result.ladder is None:
            raise LadderError(result.findings)
        moved = following_bands(ladder, result.ladder)
    write_text_atomic(name, text)
    if moved:  # bands follow their differentials as they are edited; this is a safety net
        from dualladder._internal.model.family_edits import refresh

        refresh(ladder)


