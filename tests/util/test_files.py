"""Safe reading (regular files only, size cap) and atomic writing."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from dualladder._internal.util.files import (
    FileTooLarge,
    NotARegularFile,
    _size,
    read_regular,
    write_atomic,
)


def test_reads_a_regular_file(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"dualladder: 1\n")
    assert read_regular(path) == b"dualladder: 1\n"


def test_refuses_a_fifo_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    with pytest.raises(NotARegularFile, match="named pipe"):
        read_regular(fifo)


def test_refuses_a_device_and_a_folder(tmp_path: Path) -> None:
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(NotARegularFile, match="character device"):
        read_regular(link)
    with pytest.raises(NotARegularFile, match="folder"):
        read_regular(tmp_path)


def test_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * 2049)
    with pytest.raises(FileTooLarge) as info:
        read_regular(path, max_bytes=2048)
    assert "2 KiB size limit (2,049 bytes" in str(info.value)
    assert read_regular(path, max_bytes=2049) == b"x" * 2049


def test_size_text() -> None:
    assert _size(10) == "10 bytes"
    assert _size(4 * 1024 * 1024) == "4 MiB"
    assert _size(1536) == "1.5 KiB"
    assert _size(3 * 1024**3) == "3 GiB"


def test_write_atomic_keeps_mode_and_replaces_content(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_write_atomic_failure_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out.txt"
    path.write_bytes(b"old")

    def boom(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="No space"):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_write_atomic_replaces_a_symlink_instead_of_writing_through_it(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    link = tmp_path / "report.txt"
    link.symlink_to(victim)
    write_atomic(link, b"report")
    assert victim.read_bytes() == b"precious"
    assert not link.is_symlink()
    assert link.read_bytes() == b"report"


def test_write_atomic_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        write_atomic(tmp_path, b"x")
