"""Replacing an output folder safely when runs are killed or overlap.

:func:`dualladder._internal.services.handbook.engine.publish` writes a handbook into a hidden
temporary folder beside the output folder (``.OUT.tmp-<12 hex digits>``), renames the old folder
aside (``.OUT.old-<12 hex digits>``), renames the new one in and deletes the old one. This module
holds what keeps that safe outside the happy path:

* :func:`locked`: an exclusive lock (``flock``) on the folder that holds the output folder, for
  the whole swap, so two renders into one folder at once take turns instead of renaming each
  other's folders away (the second waits, then replaces the first one's handbook whole);
* :func:`remove_leftovers`: the temporary and old folders a killed run (SIGKILL, a power cut)
  left behind, removed by the next run into the same folder, under the lock, and only when they
  are certainly ours (below);
* :func:`remove_folder`: deletes a handbook folder with the marker file last, so a run killed
  while deleting leaves a folder that still carries the marker;
* :func:`signals_held`: SIGINT and SIGTERM wait while the two renames run, so an interrupted
  render never leaves the output folder renamed aside with nothing in its place.

A leftover is "certainly ours" when its name is exactly ``.OUT.tmp-`` or ``.OUT.old-`` and 12
lowercase hex digits, it is a real folder (not a link) holding only regular files and real
folders of regular files (a company site has one folder level), and it is empty or holds the
marker file: :func:`publish` writes the marker first and deletes it last, so every folder it
leaves behind looks like that, and a folder of someone else's does not.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import signal
import stat
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

from dualladder._internal.services.handbook.errors import MARKER

__all__ = [
    "Batch",
    "all_or_nothing",
    "current_batch",
    "leftover_pattern",
    "locked",
    "remove_folder",
    "remove_leftovers",
    "short_name",
    "signals_held",
]

#: The longest output folder name used as it is in the names of its temporary and old folders
#: (``.NAME.tmp-<12 hex>`` adds 18 bytes; a file name has at most 255).
SHORT_NAME_BYTES = 200


def short_name(name: str) -> str:
    """``name`` as the temporary and old folders of the output folder ``name`` spell it: the
    name itself, or for a name too long to have 18 bytes added (a legal 250-character ladder
    name), ``h-`` and 24 hex digits of its SHA-256."""
    raw = os.fsencode(name)
    if len(raw) <= SHORT_NAME_BYTES:
        return name
    return "h-" + hashlib.sha256(raw).hexdigest()[:24]


def leftover_pattern(name: str) -> re.Pattern[str]:
    """The names of the temporary and old folders of the output folder ``name``."""
    return re.compile(rf"\.{re.escape(short_name(name))}\.(?:tmp|old)-[0-9a-f]{{12}}")


class Batch:
    """Several output folders replaced as one (a render of several ladders into ``DIR/<name>/``):
    each folder is swapped in as it is written, but the folder it replaced is kept aside
    (``.NAME.old-...``) until :meth:`commit`; :meth:`rollback` puts every old folder back (and
    removes the new folders that replaced nothing), so a run that fails at its third ladder
    leaves the output as it was, not one new handbook beside one old."""

    def __init__(self) -> None:
        #: (the output folder, the folder it replaced, kept aside, or None), in swap order.
        self.swapped: list[tuple[Path, Path | None]] = []
        self.failed = False

    def commit(self) -> None:
        for _, old in self.swapped:
            if old is not None:
                remove_folder(old, MARKER)
        self.swapped.clear()

    def rollback(self) -> None:
        for target, old in reversed(self.swapped):
            with locked(target.parent), signals_held(), contextlib.suppress(OSError):
                if old is None:
                    remove_folder(target, MARKER)
                    continue
                trash = target.parent / f".{short_name(target.name)}.tmp-{secrets.token_hex(6)}"
                os.rename(target, trash)
                os.rename(old, target)
                remove_folder(trash, MARKER)
        self.swapped.clear()


_BATCH: ContextVar[Batch | None] = ContextVar("dualladder_batch", default=None)


def current_batch() -> Batch | None:
    """The :class:`Batch` of :func:`all_or_nothing` around this call, if any."""
    return _BATCH.get()


@contextlib.contextmanager
def all_or_nothing() -> Iterator[Batch]:
    """Within the block every published folder is part of one :class:`Batch`: kept if the block
    ends normally and the batch is not marked ``failed``, else rolled back."""
    batch = Batch()
    token = _BATCH.set(batch)
    try:
        yield batch
    except BaseException:
        batch.rollback()
        raise
    else:
        if batch.failed:
            batch.rollback()
        else:
            batch.commit()
    finally:
        _BATCH.reset(token)


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (the parent of an output folder) while the body
    runs; wait for it if another process holds it. Where locks are not available (no
    ``fcntl``, a folder that cannot be opened for reading) the body runs unlocked."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _files_only(path: Path, depth: int) -> bool:
    """Whether ``path`` holds only regular files and, ``depth`` levels down, real folders of
    them."""
    for name in os.listdir(path):
        mode = os.lstat(path / name).st_mode
        if stat.S_ISDIR(mode) and depth > 0:
            if not _files_only(path / name, depth - 1):
                return False
        elif not stat.S_ISREG(mode):
            return False
    return True


def _ours(path: Path, marker: str) -> bool:
    try:
        if not stat.S_ISDIR(os.lstat(path).st_mode) or not _files_only(path, 1):
            return False
        names = os.listdir(path)
    except OSError:
        return False
    return not names or marker in names


def _remove_tree(path: Path, keep: str | None = None) -> None:
    """Delete what ``path`` holds (files, and folders of files), except the entry ``keep``."""
    for name in sorted(os.listdir(path)):
        if name == keep:
            continue
        entry = path / name
        with contextlib.suppress(OSError):
            if stat.S_ISDIR(os.lstat(entry).st_mode):
                _remove_tree(entry)
                os.rmdir(entry)
            else:
                os.unlink(entry)


def remove_folder(path: Path, marker: str) -> None:
    """Delete the handbook folder ``path``: everything but ``marker``, then ``marker``, then the
    folder. Errors are ignored: what is left is removed by a later run."""
    with contextlib.suppress(OSError):
        _remove_tree(path, keep=marker)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path / marker)
        os.rmdir(path)


def remove_leftovers(parent: Path, name: str, marker: str) -> list[Path]:
    """Remove the leftovers of earlier runs into ``parent / name`` (call it under
    :func:`locked`); return the folders removed."""
    pattern = leftover_pattern(name)
    removed: list[Path] = []
    try:
        entries = sorted(os.listdir(parent))
    except OSError:
        return removed
    for entry in entries:
        path = parent / entry
        if pattern.fullmatch(entry) and _ours(path, marker):
            remove_folder(path, marker)
            if not os.path.lexists(path):
                removed.append(path)
    return removed


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold back SIGINT and SIGTERM while the body runs (they are delivered right after)."""
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None:  # pragma: no cover - not POSIX
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = mask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, previous)
