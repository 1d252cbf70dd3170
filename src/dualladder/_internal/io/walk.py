"""Which files a run reads: each file given, and every ``*.yaml``/``*.yml`` below each folder."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

__all__ = ["DOCUMENT_SUFFIXES", "is_document_name", "ladder_files"]

#: The file names a folder's documents go by (a roster is never found in a folder: it is named).
DOCUMENT_SUFFIXES = (".yaml", ".yml")


def is_document_name(name: str) -> bool:
    """Whether a file of this name in a folder is one of its documents (``*.yaml``, ``*.yml``;
    hidden files are left out by the walk)."""
    return name.endswith(DOCUMENT_SUFFIXES)


def _walk(folder: Path) -> Iterator[Path]:
    """Every ``*.yaml``/``*.yml`` file below ``folder``, without following links.

    Symbolic links (to files or to folders) are not followed and hidden files and folders are
    left out, as linters do: a link in a folder of ladders cannot make a run read a file
    outside it (``x.yaml -> /etc/shadow``), and a link to a parent folder cannot make it loop.
    A folder that cannot be listed raises its :class:`OSError` (``PermissionError``), so a run
    never passes by silently checking less than it was asked to.
    """
    pending = [folder]
    while pending:
        current = pending.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                if entry.name.startswith(".") or entry.is_symlink():
                    continue
                if entry.is_dir(follow_symlinks=False):
                    pending.append(Path(entry.path))
                elif is_document_name(entry.name):
                    # a regular file, or a pipe, device or socket that the reader then refuses
                    # (an unreadable path, exit 2): never skipped in silence
                    yield Path(entry.path)


def ladder_files(paths: Sequence[str | os.PathLike[str]]) -> Iterator[Path]:
    """The files to check: each file given, and every ``*.yaml``/``*.yml`` below each folder,
    sorted, leaving out hidden files and folders (``.github/``, ``.pre-commit-config.yaml``)
    and symbolic links below it (see :func:`_walk`). A path given is used as given, even a
    link. Raises FileNotFoundError for a path that does not exist, and the OSError of a folder
    that cannot be listed."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(_walk(path))
        elif path.exists() or path.is_symlink():
            yield path
        else:
            raise FileNotFoundError(f"{raw}: no such file or folder")
