"""Reading inputs and writing outputs safely: the one place that touches the file system for
ladders, companies, rosters, plans and reports.

* :func:`read_regular` reads a *regular* file only (never a FIFO, a device or a folder, so
  ``x.yaml -> /dev/zero`` or a named pipe cannot hang or exhaust memory) and at most
  ``max_bytes`` of it; above the cap it raises :class:`FileTooLarge` without reading the rest.
* :func:`write_atomic` writes a file through a temporary file in the same folder and a rename,
  so a crash or a full disk never leaves half a file, and an existing file keeps its mode.

Both raise :class:`OSError` subclasses whose message is one line, for the CLI to print as
``dualladder: error: ...``.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ROSTER_MAX_BYTES",
    "FileTooLarge",
    "NotARegularFile",
    "read_regular",
    "reason",
    "write_atomic",
    "write_reason",
    "write_text_atomic",
]

#: The default size cap of one input file (4 MiB). Real ladders are a few kilobytes; a cap keeps
#: memory bounded whatever a file holds (reading costs about 70 bytes of memory a byte).
DEFAULT_MAX_BYTES = 4 * 1024 * 1024
#: The default size cap of a roster file (256 MiB: about three million rows of a typical
#: export); :data:`dualladder._internal.io.roster.read.DEFAULT_MAX_BYTES`.
ROSTER_MAX_BYTES = 256 * 1024 * 1024


class NotARegularFile(OSError):
    """The path names a FIFO, a device, a socket or a folder, not a regular file."""

    def __init__(self, path: str, kind: str) -> None:
        super().__init__(f"{path}: {kind}, not a regular file")
        self.path = path
        self.reason = f"{kind}, not a regular file"


class FileTooLarge(OSError):
    """The file is larger than the size cap."""

    def __init__(self, path: str, size: int, limit: int) -> None:
        self.reason = (
            f"the file is larger than the {_size(limit)} size limit "
            f"({size:,} bytes or more); raise the limit if the file is really meant to be this big"
        )
        super().__init__(f"{path}: {self.reason}")
        self.path = path
        self.size = size
        self.limit = limit


def _size(count: int) -> str:
    """``4194304`` -> ``'4 MiB'``."""
    if count < 1024:
        return f"{count} bytes"
    value, unit = count / 1024, "KiB"
    for bigger in ("MiB", "GiB"):
        if value < 1024:
            break
        value, unit = value / 1024, bigger
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


#: The files read so far by the command that is running (see :func:`recording_reads`), or None
#: outside a command.
_READS: ContextVar[list[str] | None] = ContextVar("dualladder_reads", default=None)


@contextlib.contextmanager
def recording_reads() -> Iterator[None]:
    """Within the block, every file :func:`read_regular` opens is noted (:func:`files_read`):
    a command's output is then checked against every file it read, directly or through a
    reference (a family's company file, a plan's ladder), not only the ones it was given."""
    token = _READS.set([])
    try:
        yield
    finally:
        _READS.reset(token)


def files_read() -> list[str]:
    """The files read so far within :func:`recording_reads` (none outside it)."""
    return list(_READS.get() or ())


def read_regular(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of the regular file at ``path``, at most ``max_bytes`` of them.

    The file is opened without blocking (a FIFO does not wait for a writer) and checked with
    ``fstat`` on the open descriptor, so a swap between check and read cannot slip a device in.
    Raises :class:`NotARegularFile`, :class:`FileTooLarge`, or the :class:`OSError` of ``open``.
    """
    name = os.fspath(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(name, flags)
    reads = _READS.get()
    if reads is not None:
        reads.append(name)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(name, _kind(info.st_mode))
        if info.st_size > max_bytes:
            raise FileTooLarge(name, info.st_size, max_bytes)
        chunks: list[bytes] = []
        total = 0
        # the whole file at once where fstat knows its size (one buffer, which join returns
        # as it is, instead of 1 MiB pieces copied into a second one: a large file's pages
        # are then touched once), still never more than max_bytes + 1 in all
        size = max(1 << 20, info.st_size + 1)
        while True:
            chunk = os.read(fd, min(size, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:  # the file grew while we read it
                raise FileTooLarge(name, total, max_bytes)
        return b"".join(chunks)
    finally:
        os.close(fd)


def reason(exc: OSError) -> str:
    """Why a file could not be read, without its name, for ``path: cannot read: <reason>``."""
    if isinstance(exc, NotARegularFile | FileTooLarge):
        return exc.reason
    return exc.strerror or str(exc)


def write_reason(path: str | os.PathLike[str], exc: OSError) -> str:
    """Why ``path`` (a file or folder to write) could not be written, in words, without the
    name of the temporary file a write makes beside it: ``the folder out does not exist``,
    ``notes.txt is a file, not a folder``, else the system's words (``Permission denied``)."""
    parent = os.path.dirname(os.fspath(path)) or "."
    if isinstance(exc, FileNotFoundError) and not os.path.isdir(parent):
        return f"the folder {parent} does not exist"
    if isinstance(exc, NotADirectoryError | FileExistsError):
        probe = parent if isinstance(exc, NotADirectoryError) else os.fspath(path)
        while probe not in ("", ".", os.sep) and not os.path.isfile(probe):
            probe = os.path.dirname(probe)
        if os.path.isfile(probe):
            return f"{probe} is a file, not a folder"
    if isinstance(exc, IsADirectoryError):
        return "it is a folder"
    return exc.strerror or str(exc)


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: a temporary file beside it, flushed to disk, then
    renamed over it. An existing file keeps its permission bits; on any failure the temporary
    file is removed and ``path`` is left as it was.

    A symlink at ``path`` is replaced by the new file, never written through: an output path
    cannot be used to overwrite the file a link points at.
    """
    target = Path(path)
    if target.is_dir() and not target.is_symlink():
        raise IsADirectoryError(f"{os.fspath(path)}: is a folder")
    folder = target.parent
    mode: int | None = None
    try:
        info = os.lstat(target)
        if stat.S_ISREG(info.st_mode):
            mode = stat.S_IMODE(info.st_mode)
    except FileNotFoundError:
        pass
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


BOM = b"\xef\xbb\xbf"


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """:func:`write_atomic` of ``text`` in UTF-8, keeping the byte order mark of the file it
    replaces: a file that starts with a UTF-8 BOM (as some Windows editors write it) still does,
    so saving a file unchanged leaves it byte-identical. A new file gets none."""
    data = text.encode("utf-8")
    with contextlib.suppress(OSError):
        if stat.S_ISREG(os.lstat(path).st_mode):
            with open(path, "rb") as handle:
                if handle.read(len(BOM)) == BOM:
                    data = BOM + data
    write_atomic(path, data)
