"""Reading files of a git revision without checking it out: ``git rev-parse``, ``git ls-tree``
and one ``git cat-file --batch`` for all the blobs.

Revision strings come from a pull request's workflow, so they are treated as hostile: git runs
without a shell, with an argument list, a revision must match :data:`REVISION` (no leading
``-``, no spaces or control characters) and is passed after ``--end-of-options``; a path must be
relative, without ``..`` and is passed after ``--`` with literal pathspecs (``:(glob)`` magic is
off). Blob sizes are read from ``ls-tree`` and checked against the caps before any blob is read,
and symlinks and submodules in the tree are skipped, never followed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

__all__ = [
    "REVISION",
    "Blob",
    "GitError",
    "check_path",
    "check_revision",
    "commit",
    "list_blobs",
    "merge_base",
    "read_blobs",
    "resolve_tree",
    "toplevel",
]

#: What a revision may look like: a branch, tag or remote name, a (short) object id, ``HEAD~2``,
#: ``main^``, ``@{upstream}``, ``v1.2``. Nothing else reaches git.
REVISION = re.compile(r"[A-Za-z0-9_@][A-Za-z0-9_@./~^{}+-]{0,199}")

#: Seconds one git command may take before the diff gives up.
TIMEOUT = 120

_OBJECT_ID = re.compile(rb"[0-9a-f]{40}(?:[0-9a-f]{24})?")


class GitError(Exception):
    """git could not give what was asked (exit 2); the message is one line."""


@dataclass(frozen=True, slots=True)
class Blob:
    """A regular file in a git tree: its path from the top of the repository, object id and
    size in bytes."""

    path: str
    oid: str
    size: int


def check_revision(rev: str) -> str:
    """``rev`` if it is a plain revision (see :data:`REVISION`), else :class:`GitError`."""
    if not REVISION.fullmatch(rev) or ".." in rev or rev.endswith((".lock", ".")):
        shown = rev.encode("unicode_escape").decode("ascii")[:80]
        raise GitError(
            f"{shown!r} is not a revision dualladder reads (a branch, tag or commit such as "
            "origin/main, v1.2 or HEAD~1)"
        )
    return rev


def check_path(path: str) -> str:
    """``path`` as a clean relative posix path ('' for the top), else :class:`GitError`."""
    raw = path.strip("/") if path not in ("", "/") else ""
    if raw.startswith("./"):
        raw = raw[2:]
    parts = PurePosixPath(raw).parts if raw else ()
    bad = (
        path.startswith("/")
        or any(part in ("..", ".") for part in parts)
        or any(ord(c) < 32 or c in "\\\x7f" for c in raw)
        or raw.startswith(":")
        or len(raw) > 1000
    )
    if bad:
        shown = path.encode("unicode_escape").decode("ascii")[:80]
        raise GitError(f"{shown!r} is not a relative path inside the repository")
    return "/".join(parts)


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        GIT_TERMINAL_PROMPT="0",
        GIT_OPTIONAL_LOCKS="0",
        GIT_LITERAL_PATHSPECS="1",
        GIT_NO_REPLACE_OBJECTS="1",
        LC_ALL="C",
    )
    return env


def _git(args: Sequence[str], cwd: Path, data: bytes | None = None) -> bytes:
    exe = shutil.which("git")
    if exe is None:
        raise GitError("git is not installed; it is needed to read a revision")
    try:
        done = subprocess.run(
            [exe, "-c", "core.fsmonitor=false", *args],
            cwd=cwd,
            input=data,
            capture_output=True,
            timeout=TIMEOUT,
            env=_environment(),
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took longer than {TIMEOUT} s") from None
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = why[-1] if why else f"exit {done.returncode}"
        raise GitError(f"git {args[0]} failed: {reason}")
    return done.stdout


def toplevel(folder: Path) -> tuple[Path, str]:
    """The top folder of the work tree holding ``folder``, and ``folder``'s path from it
    (``'ladders/'``, or ``''`` at the top)."""
    try:
        out = _git(["rev-parse", "--show-toplevel", "--show-prefix"], folder)
    except GitError:
        raise GitError(f"{folder}: not inside a git repository") from None
    lines = out.decode("utf-8", "surrogateescape").split("\n")
    return Path(lines[0]), lines[1] if len(lines) > 1 else ""


def resolve_tree(top: Path, rev: str) -> str:
    """The object id of the tree of ``rev`` (a commit, a tag or a tree)."""
    return _object_id(top, rev, "tree")


def _object_id(top: Path, rev: str, kind: str) -> str:
    """The full object id of the ``kind`` (``tree``, ``commit``) that ``rev`` names."""
    check_revision(rev)
    try:
        out = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{{kind}}}"],
                   top)
    except GitError:
        raise GitError(f"{rev}: no such revision in the repository at {top}") from None
    oid = out.strip()
    if not _OBJECT_ID.fullmatch(oid):
        raise GitError(f"{rev}: git gave no object id")
    return oid.decode("ascii")


def list_blobs(top: Path, tree: str, path: str) -> list[Blob]:
    """The regular files at or below ``path`` in ``tree`` (symlinks and submodules left out)."""
    args = ["ls-tree", "-r", "-l", "-z", "--full-tree", tree]
    if path:
        args += ["--", path]
    out = _git(args, top)
    blobs: list[Blob] = []
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        fields = meta.split()
        if len(fields) != 4 or fields[1] != b"blob" or fields[0] not in (b"100644", b"100755"):
            continue  # a symlink (120000), a submodule (commit) or something odd
        blobs.append(
            Blob(name.decode("utf-8", "surrogateescape"), fields[2].decode("ascii"),
                 int(fields[3]))
        )
    return blobs


def read_blobs(top: Path, oids: Sequence[str]) -> dict[str, bytes]:
    """The contents of ``oids``, read by one ``git cat-file --batch``."""
    if not oids:
        return {}
    out = _git(["cat-file", "--batch"], top, "".join(f"{oid}\n" for oid in oids).encode())
    found: dict[str, bytes] = {}
    at = 0
    for oid in oids:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        if len(header) != 3 or header[1] != b"blob":
            raise GitError(f"git cat-file could not read {oid}")
        size = int(header[2])
        found[oid] = out[end + 1:end + 1 + size]
        at = end + 1 + size + 1
    return found


def commit(top: Path, rev: str) -> str:
    """The full object id of the commit ``rev`` names."""
    return _object_id(top, rev, "commit")


def merge_base(top: Path, old: str, new: str) -> str:
    """The commit where ``new``'s history forked from ``old``'s (``git merge-base``, the old
    side of ``git diff old...new``): ``old`` itself, by the name given, when it is an ancestor
    of ``new`` (nothing to tell apart), else its short object id."""
    first, second = commit(top, old), commit(top, new)
    try:
        out = _git(["merge-base", "--end-of-options", first, second], top)
    except GitError:
        raise GitError(
            f"no merge base of {old} and {new}: they share no history (in a shallow clone, "
            "fetch the history: fetch-depth: 0); compare with the tip itself: --tip"
        ) from None
    oid = out.strip().decode("ascii")
    if not _OBJECT_ID.fullmatch(oid.encode("ascii")):
        raise GitError(f"git merge-base gave no commit for {old} and {new}")
    return old if oid == first else oid[:12]
