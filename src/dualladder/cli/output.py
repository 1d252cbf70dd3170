"""Where a command's output goes: standard output, or the file of ``-o FILE``.

Shared by every subcommand that writes one document (``validate``, ``schema``, and the commands
of later issues), so they all answer an output that cannot be written the same way: one line,
``dualladder: error: ...``, exit 2, never a traceback, and an existing file left as it was.

``-o FILE`` is written with :func:`dualladder._internal.util.files.write_atomic` (a temporary file
renamed over it), except where that makes no sense:

* a device or a named pipe (``/dev/null``, ``/dev/stdout``, a FIFO, ``>(...)``) is written to
  directly, as a stream; ``/dev/full`` fails with "No space left on device"; a socket is
  refused;
* a symbolic link to anything else is refused: the output would either write through it into a
  file the link's owner chose, or silently replace the user's link (see ``docs/cli.md``);
* a file that is one of the command's inputs (by any path, a symlink or a hard link: the same
  device and inode) is refused, so ``validate x.yaml -o x.yaml`` cannot destroy the ladder.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import sys
from collections.abc import Iterable
from typing import Any

from dualladder._internal.util.files import files_read, write_atomic, write_reason
from dualladder._internal.util.textsafe import escape_controls

__all__ = [
    "ClosedStdout",
    "OutputError",
    "QuietStderr",
    "cannot_write",
    "check_not_an_input",
    "discard_stdout",
    "write_output",
    "write_stdout",
]


class OutputError(Exception):
    """The output cannot be written (exit 2); the message is one line, already escaped."""


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def cannot_write(path: str | os.PathLike[str], exc: OSError) -> str:
    """``out/x.json: cannot write: the folder out does not exist``: the message of an output
    that cannot be written, naming the file asked for (never the temporary file an atomic
    write was making beside it) and why, in words."""
    return f"{os.fspath(path)}: cannot write: {write_reason(path, exc)}"


def _shown(name: str | os.PathLike[str]) -> str:
    return escape_controls(os.fspath(name))


def _is_stream(mode: int) -> bool:
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def check_not_an_input(name: str, inputs: Iterable[str | os.PathLike[str]]) -> None:
    """Raise :class:`OutputError` if the output file ``name`` is one of ``inputs`` (compared by
    device and inode, so another spelling, a symlink or a hard link is caught too)."""
    try:
        out = os.stat(name)
    except OSError:
        return  # nothing there (or nothing we can see): it cannot be an input
    if not stat.S_ISREG(out.st_mode):
        return
    for path in inputs:
        try:
            info = os.stat(path)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) == (out.st_dev, out.st_ino):
            same = "" if os.fspath(path) == name else f" (the same file as {_shown(path)})"
            raise OutputError(
                f"-o {_shown(name)}: is one of the input files{same} (read directly or "
                "through a reference); refusing to overwrite it"
            )


def _write_stream(name: str, data: bytes) -> None:
    """Write to a device, FIFO or socket: open without waiting for a reader, then block."""
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(name, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OutputError(f"{_shown(name)}: cannot write: no process reads this pipe") from None
        raise
    try:
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)


def write_output(name: str, text: str | bytes) -> None:
    """Write ``text`` (UTF-8, or bytes as they are) to the file ``name`` as described in the
    module docstring. Within a command, a file the command read, directly or through a
    reference (see :func:`dualladder._internal.util.files.recording_reads`), is refused too.

    Raises :class:`OutputError`; an existing regular file is unchanged when it does.
    """
    check_not_an_input(name, files_read())
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        try:
            link = os.lstat(name)
        except FileNotFoundError:
            link = None
        if link is not None and stat.S_ISLNK(link.st_mode):
            try:
                target_mode: int | None = os.stat(name).st_mode
            except OSError:
                target_mode = None
            if target_mode is None or not _is_stream(target_mode):
                raise OutputError(
                    f"-o {_shown(name)}: is a symbolic link; dualladder neither writes through "
                    "a link nor replaces it: name the file itself"
                )
            _write_stream(name, data)
        elif link is not None and stat.S_ISDIR(link.st_mode):
            raise OutputError(f"-o {_shown(name)}: is a folder")
        elif link is not None and stat.S_ISSOCK(link.st_mode):
            raise OutputError(f"-o {_shown(name)}: is a socket, which cannot be written to")
        elif link is not None and _is_stream(link.st_mode):
            _write_stream(name, data)
        else:
            write_atomic(name, data)
    except OSError as exc:
        raise OutputError(cannot_write(_shown(name), exc)) from None


class ClosedStdout(io.TextIOBase):
    """Standard output when the process was started with it closed (Python sets
    ``sys.stdout`` to None): writing raises :class:`OutputError`, so every command, and every
    ``print`` in it, fails the same way instead of with an AttributeError or in silence."""

    def write(self, text: str) -> int:
        if not text:
            return 0
        raise OutputError("cannot write the output: standard output is closed")

    def fileno(self) -> int:
        raise OSError("standard output is closed")


class QuietStderr(io.TextIOBase):
    """Standard error for one run: what cannot be written to it (a closed descriptor, a full
    disk, ``2>/dev/full``) is dropped, so the message is lost but never the exit status (an
    OSError while printing a usage error would otherwise turn exit 2 into a traceback and
    exit 1)."""

    def __init__(self, stream: Any) -> None:
        super().__init__()
        self.stream = stream

    def write(self, text: str) -> int:
        try:
            if self.stream is not None:
                self.stream.write(text)
                self.stream.flush()
        except (OSError, ValueError):
            pass
        return len(text)

    def flush(self) -> None:
        try:
            if self.stream is not None:
                self.stream.flush()
        except (OSError, ValueError):
            pass


def write_stdout(text: str) -> None:
    """Write ``text`` to standard output and flush it, so that a full disk, a closed or a
    broken standard output shows up here, as an :class:`OutputError` (a reader that went away
    is :class:`BrokenPipeError`, left to the caller)."""
    out = sys.stdout
    if out is None or (text and isinstance(out, ClosedStdout)):
        raise OutputError("cannot write the output: standard output is closed")
    try:
        out.write(text)
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write to standard output: {_reason(exc)}") from None
    except UnicodeEncodeError as exc:
        raise OutputError(
            f"cannot write to standard output: its encoding ({exc.encoding}) cannot show "
            "the report; set PYTHONIOENCODING=utf-8 or use -o FILE"
        ) from None
    except ValueError:  # the stream was closed by the program around us
        raise OutputError("cannot write the output: standard output is closed") from None


def discard_stdout() -> None:
    """Point file descriptor 1 at ``/dev/null``, so the interpreter's last flush of what could
    not be written does not print a second error (or a traceback) at exit."""
    if sys.stdout is None or isinstance(sys.stdout, ClosedStdout):
        return  # closed: descriptor 1 may now be one of our own files
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
