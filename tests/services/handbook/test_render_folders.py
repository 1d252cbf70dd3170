"""Renders that are killed or overlap (issue 8 item 18): leftovers of killed runs are removed by
the next run (only those that are certainly ours), SIGTERM cleans up like Ctrl-C, and renders
into one folder at once take turns. Real processes, killed for real."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from paths import ACME, ROOT

from dualladder.cli import main
from dualladder.handbook import MARKER

pytestmark = pytest.mark.skipif(os.name != "posix", reason="signals and flock are POSIX")

#: Runs the CLI with ``engine._write`` (one file of the handbook) and ``remove_folder`` wrapped
#: by ``HOOK``, a snippet that sees ``path`` and the number ``count`` of files written so far.
RUNNER = """\
import os, signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)  # a background job inherits SIG_IGN
from dualladder._internal.services.handbook import engine
real_write, real_remove, count = engine._write, engine.remove_folder, 0
def write(path, data):
    global count
    real_write(path, data)
    count += 1
    {write_hook}
def remove(path, marker):
    {remove_hook}
    real_remove(path, marker)
engine._write, engine.remove_folder = write, remove
from dualladder.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def runner(write_hook: str = "pass", remove_hook: str = "pass") -> str:
    return RUNNER.format(write_hook=write_hook, remove_hook=remove_hook)


def start(code: str, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", code, "render", str(ACME), "-o", str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A handbook rendered once, as a later run finds it."""
    out = tmp_path / "site"
    assert main(["render", str(ACME), "-o", str(out)]) == 0
    capsys.readouterr()
    return out


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize(
    ("where", "hook"),
    [
        ("writing", {"write_hook": "if count == 3: os.kill(os.getpid(), signal.SIGKILL)"}),
        ("deleting the old folder", {
            "remove_hook": "if '.old-' in str(path): os.kill(os.getpid(), signal.SIGKILL)"
        }),
    ],
)
def test_leftovers_of_a_killed_render_are_removed_by_the_next(
    where: str, hook: dict[str, str], site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = snapshot(site)
    killed = start(runner(**hook), site)
    killed.communicate(timeout=120)
    assert killed.returncode == -signal.SIGKILL
    left = hidden(site.parent)
    assert len(left) == 1 and left[0].startswith(".site.")  # what a kill leaves behind
    assert main(["render", str(ACME), "-o", str(site)]) == 0
    assert hidden(site.parent) == []
    assert snapshot(site) == good


def test_sigterm_cleans_up_like_ctrl_c(site: Path) -> None:
    good = snapshot(site)
    for signum, status in ((signal.SIGTERM, 143), (signal.SIGINT, 130)):
        hook = f"if count == 3: os.kill(os.getpid(), {int(signum)})"
        process = start(runner(write_hook=hook), site)
        _, err = process.communicate(timeout=120)
        assert process.returncode == status, err
        assert b"Traceback" not in err
        assert hidden(site.parent) == []
        assert snapshot(site) == good


def test_a_signal_during_the_swap_waits_until_the_new_folder_is_in(site: Path) -> None:
    """SIGTERM right after the old folder is renamed aside: without holding signals back the
    render would stop with the output folder missing."""
    (site / "stale.md").write_text("from an earlier render", encoding="utf-8")
    with (site / MARKER).open("a", encoding="utf-8") as marker:
        marker.write("stale.md\n")  # listed: a file an earlier render wrote
    code = runner().replace(
        "from dualladder.cli import main",
        "real_rename = os.rename\n"
        "def rename(src, dst):\n"
        "    real_rename(src, dst)\n"
        "    if '.old-' in str(dst): os.kill(os.getpid(), signal.SIGTERM)\n"
        "os.rename = rename\n"
        "from dualladder.cli import main",
    )
    process = start(code, site)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 143, err
    assert (site / "index.md").is_file() and not (site / "stale.md").exists()
    assert hidden(site.parent) == []


def test_renders_into_one_folder_at_once_take_turns(site: Path) -> None:
    good = snapshot(site)
    slow = runner(write_hook="time.sleep(0.01)")
    for _ in range(2):
        processes = [start(slow, site) for _ in range(4)]
        results = [process.communicate(timeout=300) for process in processes]
        codes = [process.returncode for process in processes]
        assert codes == [0, 0, 0, 0], [err.decode() for _, err in results]
        assert hidden(site.parent) == []
        assert snapshot(site) == good


def test_only_leftovers_that_are_certainly_ours_are_removed(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parent = site.parent
    ours = {
        ".site.tmp-0123456789ab": {MARKER: "x", "index.md": "half"},
        ".site.old-abcdefabcdef": {MARKER: "x", "pay.md": "old"},
        ".site.tmp-aaaaaaaaaaaa": {},
        ".site.old-eeeeeeeeeeee": {MARKER: "x", "family/": "", "family/index.md": "a site"},
    }
    theirs = {
        ".site.tmp-not-hex-here": {MARKER: "x"},  # not our name
        ".site.tmp-0123456789abc": {MARKER: "x"},  # 13 digits
        ".other.tmp-0123456789ab": {MARKER: "x"},  # another output folder's
        ".site.tmp-bbbbbbbbbbbb": {"notes.txt": "mine"},  # files but no marker
        ".site.old-cccccccccccc": {MARKER: "x", "a/": "", "a/b/": ""},  # nests too deep
    }
    for name, content in {**ours, **theirs}.items():
        (parent / name).mkdir()
        for file, text in content.items():
            if file.endswith("/"):
                (parent / name / file).mkdir()
            else:
                (parent / name / file).write_text(text, encoding="utf-8")
    target = parent / "elsewhere"
    target.mkdir()
    (target / MARKER).touch()
    (parent / ".site.old-dddddddddddd").symlink_to(target)  # a link, never followed
    assert main(["render", str(ACME), "-o", str(site)]) == 0
    assert hidden(parent) == sorted([*theirs, ".site.old-dddddddddddd"])
    assert (target / MARKER).exists()
