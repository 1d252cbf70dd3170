"""Hostile paths, reading side (issue 8 items 8, 14 and 17): what a folder walk reads, the size
cap, and folders that cannot be listed. Each test fails without its fix."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from paths import ACME, EXAMPLES

import dualladder
from dualladder import rules
from dualladder._internal.util.files import DEFAULT_MAX_BYTES, FileTooLarge, NotARegularFile
from dualladder.cli import main, size_argument

EXAMPLE = ACME

SECRET = "root:$6$SECRET-HASH:19000:0:99999:7:::\n"


def run(*argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of ladders with one real ladder and links that lead out of it."""
    ladders = tmp_path / "ladders"
    (ladders / "team").mkdir(parents=True)
    (ladders / "team" / "acme.yaml").write_bytes(EXAMPLE.read_bytes())
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "shadow.yaml").write_text(SECRET, encoding="utf-8")
    (ladders / "shadow.yaml").symlink_to(outside / "shadow.yaml")
    (ladders / "elsewhere").symlink_to(outside, target_is_directory=True)
    (ladders / "team" / "loop").symlink_to(ladders, target_is_directory=True)
    return ladders


# -- 14: a folder walk does not follow symbolic links ---------------------------------------------


def test_folder_walk_skips_symbolic_links(folder: Path) -> None:
    assert list(rules.ladder_files([folder])) == [folder / "team" / "acme.yaml"]


def test_validate_of_a_folder_never_reads_through_a_link(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run("validate", "--format", "github", str(folder), capsys=capsys)
    assert code == 0, out + err
    assert "SECRET" not in out + err
    assert out.strip().endswith("in 1 file")


def test_a_link_named_on_the_command_line_is_followed(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = folder / "acme-link.yaml"
    link.symlink_to(folder / "team" / "acme.yaml")
    code, out, _ = run("validate", str(link), capsys=capsys)
    assert code == 0, out
    assert not list(rules.ladder_files([folder])).count(link)


def test_a_named_link_to_a_secret_is_read_but_not_quoted(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run("validate", "--format", "github", str(folder / "shadow.yaml"), capsys=capsys)
    assert code == 1
    assert "not a ladder file" in out
    assert "SECRET" not in out


# -- 8: only regular files, with a size cap --------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    code, _, err = run("validate", str(fifo), capsys=capsys)  # hung forever before
    assert code == 2
    reason = "a named pipe (FIFO), not a regular file"
    assert err == f"dualladder: error: {fifo}: cannot read: {reason}\n"
    with pytest.raises(NotARegularFile):
        dualladder.load(fifo)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("command", ["diff", "audit --columns"])
def test_a_fifo_is_named_once_by_every_command(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """diff and audit --columns said "x.yaml: cannot read: x.yaml: a named pipe ...": the
    reason repeated the path the line starts with."""
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    acme = str(ACME)
    args = (
        ["diff", str(fifo), acme] if command == "diff"
        else ["audit", acme, str(EXAMPLES / "roster.csv"), "--columns", str(fifo)]
    )
    code, _, err = run(*args, capsys=capsys)
    assert code == 2
    reason = "a named pipe (FIFO), not a regular file"
    assert err == f"dualladder: error: {fifo}: cannot read: {reason}\n"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_link_to_dev_zero_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    code, _, err = run("validate", str(link), capsys=capsys)  # grew to gigabytes before
    assert code == 2
    assert "a character device, not a regular file" in err
    code, _, err = run("render", str(link), "-o", str(tmp_path / "out"), capsys=capsys)
    assert code == 2
    assert not (tmp_path / "out").exists()


def test_size_cap_refuses_a_larger_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    size = EXAMPLE.stat().st_size
    code, _, err = run("validate", "--max-bytes", "1K", str(EXAMPLE), capsys=capsys)
    assert code == 2
    assert err.startswith(
        f"dualladder: error: {EXAMPLE}: cannot read: the file is larger than the 1 KiB"
    )
    assert "--max-bytes" in err and err.count("\n") == 1
    code, _, _ = run("validate", "--max-bytes", str(size), str(EXAMPLE), capsys=capsys)
    assert code == 0
    code, _, err = run(
        "render", "--max-bytes", "1K", str(EXAMPLE), "-o", str(tmp_path / "out"), capsys=capsys
    )
    assert code == 2 and "--max-bytes" in err
    assert not (tmp_path / "out").exists()


def test_size_cap_in_the_python_api(tmp_path: Path) -> None:
    size = EXAMPLE.stat().st_size
    with pytest.raises(FileTooLarge):
        dualladder.load(EXAMPLE, max_bytes=size - 1)
    assert dualladder.load(EXAMPLE, max_bytes=size).organization == "Acme Robotics"
    with pytest.raises(OSError, match="size limit"):
        dualladder.check_paths([EXAMPLE.parent], max_bytes=1024)
    assert dualladder.check_paths([EXAMPLE], max_bytes=size).ok


def test_the_default_cap_is_applied(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (DEFAULT_MAX_BYTES + 1))
    code, _, err = run("validate", str(big), capsys=capsys)
    assert code == 2 and "4 MiB size limit" in err


@pytest.mark.parametrize(
    ("text", "size"),
    [("4194304", 4194304), ("512K", 512 * 1024), ("16M", 16 * 1024**2), ("1g", 1024**3),
     ("4MiB", 4 * 1024**2), ("64kb", 64 * 1024)],
)
def test_size_argument(text: str, size: int) -> None:
    assert size_argument(text) == size


@pytest.mark.parametrize("text", ["", "0", "-1", "4T", "1.5M", "M", "x" * 30])
def test_bad_size_is_a_usage_error(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run("validate", "--max-bytes", text, str(EXAMPLE), capsys=capsys)
    assert code == 2
    assert "--max-bytes" in err and "is not a size" in err


# -- 17: a folder that cannot be listed ------------------------------------------------------------


def test_a_folder_that_cannot_be_listed_is_exit_2(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = folder / "team"
    real = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        if Path(path) == locked:  # what chmod 000 does for any user but root
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, err = run("validate", str(folder), capsys=capsys)
    assert code == 2
    assert err == f"dualladder: error: {locked}: cannot read: Permission denied\n"
    assert "no problems" not in out
    with pytest.raises(PermissionError):
        dualladder.check_paths([folder])


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can list any folder"
)
def test_a_folder_that_cannot_be_listed_on_disk(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = folder / "team"
    locked.chmod(0)
    try:
        code, _, err = run("validate", str(folder), capsys=capsys)
    finally:
        locked.chmod(0o755)
    assert code == 2 and "cannot read" in err
