"""Hardening of what the CLI writes (issue 8): outputs that cannot be written, file names that
are not UTF-8, control characters in data, an output that is one of the inputs, ``-o`` through
a symbolic link, safe output folder names, and the help text. End to end on real files, as a
separate ``python -m dualladder`` process where the shell's view (a full disk, a closed standard
output, raw bytes) matters."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from paths import ACME, ROOT

from dualladder.cli import main

TEXT_LINE = re.compile(r"^.+:\d+:\d+: DL\d{3} (error|warning): .+$")
GITHUB_LINE = re.compile(r"^::(error|warning) file=.+,line=\d+,col=\d+,title=DL\d{3}::.+$")
SUMMARY = re.compile(r"^(no problems|\d+ errors?(, \d+ warnings?)?|\d+ warnings?) in \d+ files?$")

#: Loads, and breaks rules: DL108 quotes the technical title (and so its control characters).
FORGING_TITLE = "Manager\u2028x.yaml:1:1: DL999 error: forged\x85y\x0bz\x0cw\x1b]0;pwned\x07"
LADDER_WITH_TITLE = """\
dualladder: 1
organization: Acme
family: Engineering
levels:
  - {id: L5}
tracks:
  management:
    rungs: [{level: L5, title: Engineering Manager}]
  technical:
    rungs: [{level: L5, title: "TITLE"}]
"""

BROKEN = "dualladder: 1\norganization: Acme\nfamliy: x\n"


def process(
    *argv: str | bytes, cwd: Path = ROOT, **kwargs: object
) -> subprocess.CompletedProcess[bytes]:
    """``python -m dualladder ARGV`` with raw bytes out (to check what really reaches them)."""
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    options: dict[str, object] = {"capture_output": True, "cwd": cwd, "env": env, "check": False}
    options.update(kwargs)
    if "stdout" in kwargs:
        options.pop("capture_output")
        options.setdefault("stderr", subprocess.PIPE)
    return subprocess.run([sys.executable, "-m", "dualladder", *argv], **options)  # type: ignore[call-overload, no-any-return]


def one_error_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8")
    assert "Traceback" not in text
    lines = text.splitlines()
    assert len(lines) == 1, text
    assert lines[0].startswith("dualladder: error: ")
    return lines[0]


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    return path


# -- item 5: output that cannot be written ---------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_schema_to_a_full_disk_is_one_line_and_exit_2() -> None:
    with open("/dev/full", "wb") as full:
        result = process("schema", stdout=full)
    assert result.returncode == 2
    assert "No space left on device" in one_error_line(result.stderr)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("to", ["-o", "stdout"])
def test_validate_to_a_full_disk_is_one_line_and_exit_2(to: str, broken: Path) -> None:
    if to == "-o":
        result = process("validate", str(broken), "-o", "/dev/full")
    else:
        with open("/dev/full", "wb") as full:
            result = process("validate", str(broken), stdout=full)
    assert result.returncode == 2
    assert "No space left on device" in one_error_line(result.stderr)


def test_closed_standard_output_is_one_line_and_exit_2(broken: Path) -> None:
    result = subprocess.run(
        ["sh", "-c", f'exec "{sys.executable}" -m dualladder validate "{broken}" >&-'],
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 2
    assert "standard output is closed" in one_error_line(result.stderr)


@pytest.mark.parametrize(
    ("argv", "status"),
    [
        (["render", str(ACME), "-o", "{tmp}/site"], 2),
        (["validate", str(ACME), "-o", "{tmp}/report.txt"], 0),
        (["schema", "-o", "{tmp}/schema.json"], 0),
    ],
)
def test_with_standard_output_closed_only_printing_fails(
    argv: list[str], status: int, tmp_path: Path
) -> None:
    words = " ".join(f'"{word.format(tmp=tmp_path)}"' for word in argv)
    result = subprocess.run(
        ["sh", "-c", f'exec "{sys.executable}" -m dualladder {words} >&-'],
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == status, result.stderr
    if status:
        assert "standard output is closed" in one_error_line(result.stderr)
    else:
        assert result.stderr == b""
    assert len(list(tmp_path.iterdir())) == 1  # the handbook, report or schema was written


def test_an_output_folder_that_does_not_exist_is_one_line(broken: Path, tmp_path: Path) -> None:
    result = process("validate", str(broken), "-o", str(tmp_path / "no" / "such" / "r.txt"))
    assert result.returncode == 2
    assert f"cannot write: the folder {tmp_path / 'no' / 'such'} does not exist" in one_error_line(
        result.stderr)


@pytest.fixture
def bad_name(tmp_path: Path) -> bytes:
    """A broken ladder whose file name holds a byte that is not UTF-8."""
    name = b"bad\xffname.yaml"
    (Path(os.fsdecode(tmp_path)) / os.fsdecode(name)).write_text(BROKEN, encoding="utf-8")
    return name


def test_json_with_a_non_utf8_file_name_stays_valid_utf8(bad_name: bytes, tmp_path: Path) -> None:
    result = process("validate", "-f", "json", bad_name, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stderr == b""
    doc = json.loads(result.stdout.decode("utf-8"))  # strict UTF-8
    assert doc["files"] == ["bad\\xffname.yaml"]
    assert {f["file"] for f in doc["findings"]} == {"bad\\xffname.yaml"}


def test_sarif_with_a_non_utf8_file_name_percent_encodes_its_bytes(
    bad_name: bytes, tmp_path: Path
) -> None:
    result = process("validate", "-f", "sarif", bad_name, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    doc = json.loads(result.stdout.decode("utf-8"))
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in doc["runs"][0]["results"]
    }
    assert uris == {"bad%FFname.yaml"}


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_one_line_formats_show_the_bad_byte(fmt: str, bad_name: bytes, tmp_path: Path) -> None:
    result = process("validate", "-f", fmt, bad_name, cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.decode("utf-8").splitlines()
    assert lines[0].startswith(("bad\\xffname.yaml:", "::error file=bad\\xffname.yaml,"))


def test_output_file_with_a_non_utf8_name(bad_name: bytes, tmp_path: Path) -> None:
    out = b"report\xfe.json"
    result = process("validate", "-f", "json", bad_name, "-o", out, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout == b"" and result.stderr == b""
    written = (Path(os.fsdecode(tmp_path)) / os.fsdecode(out)).read_bytes()
    assert json.loads(written.decode("utf-8"))["summary"]["errors"] >= 1


def test_an_unwritable_non_utf8_output_name_is_one_line(bad_name: bytes, tmp_path: Path) -> None:
    out = b"no\xfe/such/report.json"
    result = process("validate", bad_name, "-o", out, cwd=tmp_path)
    assert result.returncode == 2
    assert one_error_line(result.stderr).startswith("dualladder: error: no\\xfe/such/")


# -- item 15: control characters never reach the terminal or the log raw ---------------------------


@pytest.fixture
def forging(tmp_path: Path) -> Path:
    path = tmp_path / "forging.yaml"
    title = FORGING_TITLE.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    path.write_text(LADDER_WITH_TITLE.replace("TITLE", title), encoding="utf-8")
    return path


def _no_raw_controls(text: str) -> None:
    for char in ("\x1b", "\x07", "\x0b", "\x0c", "\x85", "\u2028"):
        assert char not in text, repr(char)


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_control_characters_in_data_cannot_forge_findings(fmt: str, forging: Path) -> None:
    result = process("validate", "-f", fmt, str(forging))
    assert result.returncode == 0  # warnings only
    out = result.stdout.decode("utf-8")
    _no_raw_controls(out)
    lines = out.splitlines()  # as Python splits them: \x85, \u2028, \v, \f count too
    pattern = TEXT_LINE if fmt == "text" else GITHUB_LINE
    assert all(pattern.match(line) for line in lines[:-1]), lines
    assert SUMMARY.match(lines[-1])
    assert "DL999" not in "".join(line.split(": ", 1)[0] for line in lines)
    quoted = [line for line in lines if "DL108" in line]
    assert quoted and "\\u2028x.yaml:1:1: DL999" in quoted[0]
    # the quoted title is cut at 60 characters (issue 20 item 5), its escapes counted
    assert "'Manager\\u2028x.yaml:1:1: DL999 error: forged\\x85y\\x0bz\\x..." in quoted[0]


def test_control_characters_in_a_file_name_are_escaped(tmp_path: Path) -> None:
    name = "evil\x1b]0;pwned\x07\u2028.yaml"
    (tmp_path / name).write_text(BROKEN, encoding="utf-8")
    result = process("validate", name, cwd=tmp_path)
    out = result.stdout.decode("utf-8")
    _no_raw_controls(out)
    assert out.splitlines()[0].startswith("evil\\x1b]0;pwned\\x07\\u2028.yaml:")
    missing = process("validate", "gone\x1b[2J.yaml", cwd=tmp_path)
    assert missing.returncode == 2
    assert one_error_line(missing.stderr) == (
        "dualladder: error: gone\\x1b[2J.yaml: no such file or folder"
    )


def test_render_escapes_what_it_prints(forging: Path, tmp_path: Path) -> None:
    text = forging.read_text(encoding="utf-8").replace(
        "family: Engineering", 'family: "Eng\\e[2Jineering"'
    )
    forging.write_text(text, encoding="utf-8")
    result = process("render", str(forging), "-o", str(tmp_path / "out"), "--allow-invalid")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    _no_raw_controls(out)
    assert "wrote Acme Eng\\x1b[2Jineering handbook (markdown)" in out


# -- item 16: an output that is one of the inputs ----------------------------------------------


@pytest.mark.parametrize("how", ["same", "spelt-otherwise", "hard-link", "symlink"])
def test_validate_refuses_to_overwrite_an_input(
    how: str, broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = broken.read_bytes()
    out = {
        "same": str(broken),
        "spelt-otherwise": str(tmp_path / "." / ".." / tmp_path.name / "broken.yaml"),
        "hard-link": str(tmp_path / "hard.yaml"),
        "symlink": str(tmp_path / "link.yaml"),
    }[how]
    if how == "hard-link":
        os.link(broken, out)
    elif how == "symlink":
        os.symlink(broken, out)
    code = main(["validate", str(broken), "-o", out])
    _, err = capsys.readouterr()
    assert code == 2
    assert "is one of the input files" in err
    assert len(err.splitlines()) == 1
    assert broken.read_bytes() == before


def test_validate_refuses_an_input_found_in_a_folder(
    broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = broken.read_bytes()
    assert main(["validate", str(tmp_path), "-o", str(broken)]) == 2
    assert "is one of the input files" in capsys.readouterr().err
    assert broken.read_bytes() == before


def test_render_refuses_an_output_folder_holding_an_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    assert main(["render", str(ACME), "-o", str(site)]) == 0
    inside = site / "acme.yaml"
    inside.write_bytes(ACME.read_bytes())
    (site / ".dualladder-handbook").touch()
    capsys.readouterr()
    assert main(["render", str(inside), "-o", str(site)]) == 2
    assert "which rendering would delete" in capsys.readouterr().err
    assert inside.read_bytes() == ACME.read_bytes()


def test_render_refuses_an_output_folder_holding_the_templates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    assert main(["render", str(ACME), "-o", str(site)]) == 0
    templates = site / "templates" / "markdown"
    templates.mkdir(parents=True)
    capsys.readouterr()
    code = main(["render", str(ACME), "-o", str(site), "--templates", str(templates.parent)])
    assert code == 2
    assert "which rendering would delete" in capsys.readouterr().err
    assert templates.is_dir()


# -- item 14: -o through a symbolic link ----------------------------------------------------------


def test_output_through_a_symlink_to_a_file_is_refused(
    broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n", encoding="utf-8")
    link = tmp_path / "report.txt"
    link.symlink_to(target)
    assert main(["validate", str(broken), "-o", str(link)]) == 2
    assert "is a symbolic link" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert link.is_symlink()


def test_output_through_a_dangling_symlink_creates_nothing(
    broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "report.txt"
    link.symlink_to(tmp_path / "planted.txt")
    assert main(["validate", str(broken), "-o", str(link)]) == 2
    assert "is a symbolic link" in capsys.readouterr().err
    assert not (tmp_path / "planted.txt").exists()


def test_output_to_a_device_or_a_link_to_one_is_written_as_a_stream(
    broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "null"
    link.symlink_to(os.devnull)
    assert main(["validate", str(broken), "-o", os.devnull]) == 1
    assert main(["validate", str(broken), "-o", str(link)]) == 1
    assert capsys.readouterr().err == ""
    assert link.is_symlink() and Path(os.devnull).is_char_device()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_output_to_a_pipe_nobody_reads_fails_at_once(broken: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = process("validate", str(broken), "-o", str(fifo), timeout=60)
    assert result.returncode == 2
    assert "no process reads this pipe" in one_error_line(result.stderr)


def test_output_to_a_socket_is_refused(
    broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        assert main(["validate", str(broken), "-o", str(path)]) == 2
    assert capsys.readouterr().err.endswith("is a socket, which cannot be written to\n")


def test_output_over_a_regular_file_replaces_it_and_keeps_its_mode(
    broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.json"
    report.write_text("old", encoding="utf-8")
    os.chmod(report, 0o640)
    assert main(["validate", "-f", "json", str(broken), "-o", str(report)]) == 1
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["errors"] >= 1
    assert report.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == sorted(["broken.yaml", "report.json"]) or (
        sorted(p.name for p in tmp_path.iterdir()) == ["broken.yaml", "report.json"]
    )


@pytest.mark.parametrize("command", ["schema", "validate"])
def test_a_failed_write_leaves_the_old_output_and_no_temporary_file(
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out" / "report.json"
    out.parent.mkdir()
    out.write_text("the old output", encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    argv = ["schema"] if command == "schema" else ["validate", str(ACME)]
    assert main([*argv, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == f"dualladder: error: {out}: cannot write: No space left on device\n"
    assert out.read_text(encoding="utf-8") == "the old output"
    assert [p.name for p in out.parent.iterdir()] == ["report.json"]


# -- item 12: output folder names are safe whatever the file names ---------------------------------


def test_dot_dot_file_names_render_inside_the_output_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ladders = tmp_path / "in"
    ladders.mkdir()
    for name in ("a.yaml", "...yaml"):
        (ladders / name).write_bytes(ACME.read_bytes())
    (ladders / "..yaml").write_bytes(ACME.read_bytes())
    new = tmp_path / "new"
    a, dots = str(ladders / "a.yaml"), str(ladders / "...yaml")
    code = main(["render", a, dots, "-o", str(new / "out")])
    assert code == 0, capsys.readouterr()
    assert sorted(p.name for p in new.iterdir()) == ["out"]
    # each in its folder, and the index page of the two (issue 21)
    assert sorted(p.name for p in (new / "out").iterdir()) == [
        "a", "index.md", "ladder", "mkdocs-nav.yml"]
    assert (new / "out" / "ladder" / "index.md").is_file()
    capsys.readouterr()
    code = main(["render", a, str(ladders / "..yaml"), "-o", str(tmp_path / "o2")])
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "o2").iterdir()) == [
        "a", "index.md", "ladder", "mkdocs-nav.yml"]
    # `..yaml` did not render into DIR itself: DIR holds no handbook page, only the index
    assert not (tmp_path / "o2" / "pay.md").exists()
    assert "# Career handbooks" in (tmp_path / "o2" / "index.md").read_text(encoding="utf-8")


def test_names_that_become_the_same_folder_are_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("..yaml", "...yaml"):
        (tmp_path / name).write_bytes(ACME.read_bytes())
    out = tmp_path / "out"
    two, three = str(tmp_path / "..yaml"), str(tmp_path / "...yaml")
    assert main(["render", two, three, "-o", str(out)]) == 2
    assert "would both render into" in capsys.readouterr().err
    assert not out.exists()


def test_hidden_and_odd_stems_become_plain_folder_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = {".hidden.yaml": "hidden", "back\\slash.yaml": "back-slash", "esc\x1b.yaml": "esc-"}
    for name in names:
        (tmp_path / name).write_bytes(ACME.read_bytes())
    out = tmp_path / "out"
    assert main(["render", *(str(tmp_path / n) for n in names), "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*names.values(), "index.md", "mkdocs-nav.yml"])  # and their index page (issue 21)


# -- item 26: help that an installed package can follow ------------------------------------------


def test_help_does_not_point_at_files_an_installed_package_lacks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for argv in (["--help"], ["validate", "--help"], ["render", "--help"], ["schema", "--help"]):
        assert main(argv) == 0
        out = capsys.readouterr().out
        assert "docs/" not in out and ".md" not in out, argv
    main(["--help"])
    assert "dualladder COMMAND --help" in " ".join(capsys.readouterr().out.split())


def test_readme_warns_that_the_benchmarks_take_minutes() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [line for line in readme.splitlines() if "python benchmarks/run.py" in line]
    assert commands and "--quick" in commands[0]  # the first one a reader copies is quick
    full = [line for line in commands if "--quick" not in line]
    assert full and re.search(r"about \d+ minutes", full[0])
