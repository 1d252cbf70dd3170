"""The ``dualladder`` command line, end to end on real files: in-process through ``main`` and,
for a few cases, as a separate ``python -m dualladder`` process."""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from expect import expectations
from paths import DATA, EXAMPLES, ROOT
from reports import sarif_validator

import dualladder
from dualladder._internal.io.schema.kinds import schema
from dualladder._internal.util.catalog import CATALOG, COMPANY_LOAD_CODES, LOAD_CODES, READ_CODES
from dualladder.cli import main
from dualladder.cli.main import COMMANDS

LADDERS = ROOT / "ladders"
LADDER_FILES = sorted(LADDERS.glob("*.yaml"))
#: every file `validate ladders/` checks: the standalone ladders and the example company
ALL_EXAMPLE_FILES = sorted(LADDERS.rglob("*.yaml"))
NEGATIVE = sorted((DATA / "negative").glob("*.yaml")) + sorted(
    (DATA / "plans" / "negative").glob("*.yaml")
)

TEXT_LINE = re.compile(r"^.+:\d+:\d+: DL\d{3} (error|warning): .+$")
NOTE_LINE = re.compile(r"^.+:\d+:\d+: note: .+$")
NOTICE_LINE = re.compile(r"^::notice file=.+,line=\d+,col=\d+::.+$")
GITHUB_LINE = re.compile(r"^::(error|warning) file=.+,line=\d+,col=\d+,title=DL\d{3}::.+$")
SUMMARY = re.compile(
    r"^(no problems|\d+ errors?(, \d+ warnings?)?|\d+ warnings?) in \d+ files?$"
)

#: A file that breaks the format: an unknown key (DL002) and a duplicate key (DL003).
BROKEN = """\
dualladder: 1
organization: Acme
family: Engineering
famliy: Engineering
levels:
  - id: L5
tracks:
  management:
    rungs: [{level: L5, title: Engineering Manager}]
  technical:
    rungs: [{level: L5, title: Staff Engineer}]
  technical:
    rungs: []
"""

#: A loadable ladder in which every rule is lowered to a warning, and with no crossover (so
#: DL107 at least has something to say): whatever the rules find, they find only warnings.
WARNINGS_ONLY = (
    """\
dualladder: 1
organization: Acme
family: Engineering
currency: USD
policy:
  severity: {SEVERITIES}
levels:
  - {id: L5, pay: {min: 100000, mid: 110000, max: 120000}}
  - {id: L6, pay: {min: 120000, mid: 135000, max: 150000}}
tracks:
  management:
    rungs:
      - {level: L6, title: Engineering Manager, scope: team}
  technical:
    rungs:
      - {level: L5, title: Senior Engineer, scope: team}
      - {level: L6, title: Staff Manager Engineer, scope: group}
""".replace(
        "SEVERITIES",
        ", ".join(
            f"{code}: warning"
            for code in CATALOG
            if code not in LOAD_CODES | COMPANY_LOAD_CODES | READ_CODES
        ),
    )
)


def run(*argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_process(*argv: str, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-m", "dualladder", *argv],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environ,
        check=False,
    )


@pytest.fixture(autouse=True)
def _not_in_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    return path


@pytest.fixture
def warnings_only(tmp_path: Path) -> Path:
    path = tmp_path / "warnings.yaml"
    path.write_text(WARNINGS_ONLY, encoding="utf-8")
    return path


def json_report(*argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    code, out, _ = run("validate", "--format", "json", *argv, capsys=capsys)
    doc: dict[str, Any] = json.loads(out)
    return code, doc


# -- exit codes -----------------------------------------------------------------------------------


def test_exit_0_on_the_example_ladders(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run("validate", str(LADDERS), capsys=capsys)
    assert code == 0, out
    assert err == ""
    assert out.splitlines()[-1].endswith(f"in {len(ALL_EXAMPLE_FILES)} files")
    assert not any(" error: " in line for line in out.splitlines())


def test_exit_1_on_a_broken_file(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run("validate", str(broken), capsys=capsys)
    assert code == 1
    assert err == ""
    lines = out.splitlines()
    assert [[*line.split(": ")[0].split(":")[-2:], line.split()[1]] for line in lines[:-1]] == [
        ["4", "1", "DL002"],
        ["12", "3", "DL003"],
    ]
    assert lines[-1] == "2 errors in 1 file"


def test_warnings_pass_unless_strict(
    warnings_only: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, doc = json_report(str(warnings_only), capsys=capsys)
    assert doc["findings"], "the warnings-only sample should give at least one warning"
    assert {f["severity"] for f in doc["findings"]} == {"warning"}
    assert code == 0
    code, out, _ = run("validate", "--strict", str(warnings_only), capsys=capsys)
    assert code == 1
    assert " warning" in out.splitlines()[-1]
    assert run("validate", str(warnings_only), capsys=capsys)[0] == 0


def test_exit_2_on_a_missing_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    code, out, err = run("validate", str(LADDERS), str(missing), capsys=capsys)
    assert code == 2
    assert out == ""
    assert err == f"dualladder: error: {missing}: no such file or folder\n"


def test_exit_2_on_a_folder_without_ladders(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    code, _, err = run("validate", str(tmp_path), capsys=capsys)
    assert code == 2
    assert err.startswith("dualladder: error: ")
    assert "no *.yaml or *.yml files" in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["validate"],
        ["validate", "--format", "xml", "ladders"],
        ["validate", "--bogus", "ladders"],
        ["frobnicate"],
        ["render", "ladders"],  # -o is required
        ["render", "-o", "out", "--format", "pdf", "ladders"],
    ],
    ids=lambda argv: " ".join(argv) or "nothing",
)
def test_exit_2_on_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(*argv, capsys=capsys)
    assert code == 2
    assert out == ""
    assert err.splitlines()[-1].startswith("dualladder")
    assert "error: " in err.splitlines()[-1]
    assert "Traceback" not in err


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run("--help", capsys=capsys)
    assert code == 0
    assert "validate" in out and "render" in out and "schema" in out
    code, out, _ = run("validate", "--help", capsys=capsys)
    assert code == 0
    assert "--strict" in out and "--format" in out
    code, out, _ = run("--version", capsys=capsys)
    assert code == 0
    assert out.strip() == f"dualladder {dualladder.__version__}"


def test_unreadable_file_is_reported_and_the_rest_still_checked(
    broken: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    locked = tmp_path / "locked.yaml"
    locked.write_text(BROKEN, encoding="utf-8")
    from dualladder._internal.io import documents as kinds

    real = kinds.parse

    def parse(path: str | os.PathLike[str], **options: Any) -> Any:
        if Path(path).name == "locked.yaml":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, **options)

    monkeypatch.setattr(kinds, "parse", parse)
    code, out, err = run("validate", str(tmp_path), capsys=capsys)
    assert code == 2
    assert "DL002" in out and "broken.yaml" in out  # the readable file was still reported
    assert out.splitlines()[-1] == "2 errors in 1 file"
    assert err == f"dualladder: error: {locked}: cannot read: Permission denied\n"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file"
)
def test_unreadable_file_on_disk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locked = tmp_path / "locked.yaml"
    locked.write_text(BROKEN, encoding="utf-8")
    locked.chmod(0)
    try:
        code, _, err = run("validate", str(locked), capsys=capsys)
    finally:
        locked.chmod(0o644)
    assert code == 2
    assert err.startswith("dualladder: error: ") and "cannot read" in err


# -- inputs ---------------------------------------------------------------------------------------


def test_many_files_all_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = tmp_path / "first.yaml", tmp_path / "second.yml"
    first.write_text(BROKEN, encoding="utf-8")
    second.write_text("dualladder: 1\norganization: [unclosed\n", encoding="utf-8")
    code, doc = json_report(str(first), str(second), *map(str, LADDER_FILES), capsys=capsys)
    assert code == 1
    files = {f["file"] for f in doc["findings"] if f["severity"] == "error"}
    assert files == {str(first), str(second)}
    assert doc["summary"]["files"] == 2 + len(LADDER_FILES)
    assert {f["code"] for f in doc["findings"] if f["file"] == str(second)} == {"DL001"}


def test_folder_argument_is_searched_recursively(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (nested / "deep.yml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "top.yaml").write_text(LADDER_FILES[0].read_text("utf-8"), encoding="utf-8")
    (tmp_path / "readme.md").write_text("# not a ladder", encoding="utf-8")
    # hidden folders and files (CI workflows, tool configs) are not ladders
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "ci.yml").write_text("on: push\n", encoding="utf-8")
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    code, doc = json_report(str(tmp_path), capsys=capsys)
    assert code == 1
    assert sorted(doc["files"]) == sorted([str(nested / "deep.yml"), str(tmp_path / "top.yaml")])


def test_a_file_given_twice_is_checked_once(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, doc = json_report(str(broken), str(broken.parent), str(broken), capsys=capsys)
    assert code == 1
    assert doc["files"] == [str(broken)]
    assert doc["summary"]["errors"] == 2


@pytest.mark.parametrize(
    "content",
    [
        bytes(range(256)) * 4,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        b"\x00\x00\x00\x00",
        b"key: [1, 2\n: : :\n",
        b"- \t tabbed\n\t- x: 1\n",
    ],
    ids=["all-bytes", "png", "nul", "bad-flow", "tabs"],
)
def test_garbage_is_dl001_not_a_traceback(
    content: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "garbage.yaml"
    path.write_bytes(content)
    code, out, err = run("validate", str(path), capsys=capsys)
    assert code == 1
    assert err == ""
    lines = out.splitlines()
    assert " DL001 error: " in lines[0] or " DL002 error: " in lines[0]
    assert all(TEXT_LINE.match(line) for line in lines[:-1])


def test_binary_file_is_dl001(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "photo.yaml"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01")
    code, doc = json_report(str(path), capsys=capsys)
    assert code == 1
    assert [f["code"] for f in doc["findings"]] == ["DL001"]


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n"], ids=repr)
def test_empty_file(content: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text(content, encoding="utf-8")
    code, doc = json_report(str(path), capsys=capsys)
    assert code == 1
    assert [f["code"] for f in doc["findings"]] == ["DL002"]
    assert "empty" in doc["findings"][0]["message"]


def test_file_with_another_extension_is_checked_when_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ladder.txt"
    path.write_text(BROKEN, encoding="utf-8")
    code, doc = json_report(str(path), capsys=capsys)
    assert code == 1
    assert doc["files"] == [str(path)]


# -- formats --------------------------------------------------------------------------------------


def test_text_format(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run("validate", "--format", "text", str(broken), str(LADDERS), capsys=capsys)
    assert code == 1
    lines = out.splitlines()
    assert lines
    notes = [line for line in lines[:-1] if NOTE_LINE.match(line)]
    assert notes, "ladders/ holds a ladder whose pay is withheld by policy"
    findings = lines[: len(lines) - 1 - len(notes)]
    assert lines[len(findings):-1] == notes  # notes come after every finding
    for line in findings:
        assert TEXT_LINE.match(line), line
    assert SUMMARY.match(lines[-1]), lines[-1]


def test_github_format(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run("validate", "--format", "github", str(broken), capsys=capsys)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 3
    for line in lines[:-1]:
        assert GITHUB_LINE.match(line), line
    assert lines[0] == (
        f"::error file={broken.as_posix()},line=4,col=1,title=DL002::"
        "top level: unknown field 'famliy'; did you mean 'family'?"
    )
    assert SUMMARY.match(lines[-1])


def test_github_is_the_default_inside_github_actions(
    broken: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, out, _ = run("validate", str(broken), capsys=capsys)
    assert out.startswith("::error file=")
    _, out, _ = run("validate", "--format", "text", str(broken), capsys=capsys)
    assert out.startswith(str(broken))


def test_json_format(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = json_report(str(broken), capsys=capsys)
    assert code == 1
    assert doc["version"] == 1
    assert doc["files"] == [str(broken)]
    assert doc["summary"] == {"errors": 2, "warnings": 0, "files": 1}
    assert [(f["code"], f["line"], f["column"]) for f in doc["findings"]] == [
        ("DL002", 4, 1),
        ("DL003", 12, 3),
    ]
    for item in doc["findings"]:
        assert set(item) == {"file", "line", "column", "code", "severity", "message", "path"}
    assert doc["findings"][0]["path"] == "famliy"


def test_sarif_format(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run("validate", "--format", "sarif", str(broken), capsys=capsys)
    assert code == 1
    doc = json.loads(out)
    assert doc["version"] == "2.1.0"
    results = doc["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["DL002", "DL003"]
    assert results[1]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 12,
        "startColumn": 3,
    }
    validator = sarif_validator()
    assert list(validator.iter_errors(doc)) == []


def test_sarif_uses_paths_relative_to_the_working_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "ladders").mkdir()
    (tmp_path / "ladders" / "x.yaml").write_text(BROKEN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, out, _ = run("validate", "--format", "sarif", str(tmp_path / "ladders"), capsys=capsys)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in json.loads(out)["runs"][0]["results"]
    }
    assert uris == {"ladders/x.yaml"}


def test_output_file(broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.sarif"
    code, out, err = run(
        "validate", "--format", "sarif", "-o", str(target), str(broken), capsys=capsys
    )
    assert code == 1
    assert out == "" and err == ""
    assert json.loads(target.read_text("utf-8"))["version"] == "2.1.0"


def test_output_file_that_cannot_be_written(
    broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        "validate", "-o", str(tmp_path / "no" / "such" / "dir" / "r.txt"), str(broken),
        capsys=capsys,
    )
    assert code == 2
    assert err.startswith("dualladder: error: ") and "cannot write" in err


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_every_finding_in_every_format_has_a_code(
    fmt: str,
    broken: Path,
    warnings_only: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Like flake8: no output line is a finding without a code from the catalog."""
    garbage = tmp_path / "garbage.yaml"
    garbage.write_bytes(b"\x00\xff\xfe")
    paths = [str(broken), str(warnings_only), str(garbage), *map(str, LADDER_FILES)]
    _, out, _ = run("validate", "--format", fmt, *paths, capsys=capsys)
    codes: list[str] = []
    if fmt in ("text", "github"):
        lines = out.splitlines()
        assert SUMMARY.match(lines[-1])
        pattern = TEXT_LINE if fmt == "text" else GITHUB_LINE
        note = NOTE_LINE if fmt == "text" else NOTICE_LINE
        for line in lines[:-1]:
            if note.match(line):  # a note is not a finding: it has no code, as a compiler's
                continue
            assert pattern.match(line), line
            codes.append(re.findall(r"DL\d{3}", line)[0])
    elif fmt == "json":
        doc = json.loads(out)
        codes = [f["code"] for f in doc["findings"]]
        assert len(codes) == doc["summary"]["errors"] + doc["summary"]["warnings"]
    else:
        results = json.loads(out)["runs"][0]["results"]
        codes = [r["ruleId"] for r in results if r.get("kind") != "informational"]
        assert all("ruleId" in r or r["level"] == "none" for r in results)
    assert codes
    assert set(codes) <= set(CATALOG)


# -- the data harness -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", NEGATIVE, ids=lambda p: p.stem)
def test_negative_data_file_through_the_cli(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = sorted((code, line) for code, line, _ in expectations(path))
    code, doc = json_report(str(path), capsys=capsys)
    actual = sorted((f["code"], f["line"]) for f in doc["findings"])
    assert actual == expected
    marked = {c for c, _ in expected}
    has_error = any(f["severity"] == "error" for f in doc["findings"] if f["code"] in marked)
    assert code == (1 if has_error else 0)


# -- schema ---------------------------------------------------------------------------------------


def test_schema_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run("schema", capsys=capsys)
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert doc == schema()


def test_schema_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "ladder.schema.json"
    assert run("schema", "-o", str(target), capsys=capsys)[:2] == (0, "")
    assert json.loads(target.read_text("utf-8"))["$id"] == schema()["$id"]


# -- render ---------------------------------------------------------------------------------------


def test_render_one_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "handbook"
    code, out, err = run("render", str(LADDER_FILES[0]), "-o", str(out_dir), capsys=capsys)
    assert code == 0, out + err
    assert str(out_dir) in out
    written = [p for p in out_dir.rglob("*") if p.is_file()]
    assert written
    assert not any(p.is_dir() and p.name == LADDER_FILES[0].stem for p in out_dir.iterdir())


def test_render_a_folder_into_one_subfolder_per_ladder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "site"
    code, out, err = run(
        "render", str(LADDERS), "-o", str(out_dir), "--format", "html", capsys=capsys
    )
    assert code == 0, out + err
    for path in LADDER_FILES:
        assert any((out_dir / path.stem).rglob("*.html")), path.stem


def test_render_refuses_a_broken_file(
    broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "handbook"
    for extra in ([], ["--allow-invalid"]):
        code, out, err = run("render", str(broken), "-o", str(out_dir), *extra, capsys=capsys)
        assert code == 1
        assert " DL002 error: " in out
        assert err.startswith("dualladder: error: not rendering")
        assert not out_dir.exists() or not any(out_dir.iterdir())


def test_render_refuses_rule_errors_unless_allowed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "unequal.yaml"
    # the technical track stops at L5 while management reaches L6: DL101 (an error)
    path.write_text(
        WARNINGS_ONLY.split("policy:")[0]
        + """\
levels:
  - {id: L5, pay: {min: 100000, mid: 110000, max: 120000}}
  - {id: L6, pay: {min: 120000, mid: 135000, max: 150000}}
tracks:
  management:
    rungs:
      - {level: L5, title: Team Lead}
      - {level: L6, title: Engineering Manager}
  technical:
    rungs:
      - {level: L5, title: Senior Engineer}
""",
        encoding="utf-8",
    )
    code, doc = json_report(str(path), capsys=capsys)
    assert code == 1  # the premise: a rule reports this ladder with an error
    assert "DL101" in {f["code"] for f in doc["findings"] if f["severity"] == "error"}
    out_dir = tmp_path / "handbook"
    code, out, _ = run("render", str(path), "-o", str(out_dir), capsys=capsys)
    assert code == 1
    assert " error: " in out
    code, out, err = run("render", str(path), "-o", str(out_dir), "--allow-invalid",
                         capsys=capsys)
    assert code == 0, out + err
    assert any(out_dir.rglob("*"))


def test_render_bad_templates_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        "render", str(LADDER_FILES[0]), "-o", str(tmp_path / "h"),
        "--templates", str(tmp_path / "missing"), capsys=capsys,
    )
    assert code == 2
    assert err.startswith("dualladder: error: --templates")


def test_render_error_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    render_module = importlib.import_module("dualladder._internal.services.handbook.engine")

    def boom(*args: object, **kwargs: object) -> list[Path]:
        raise render_module.RenderError("template overview.md: unexpected '}'")

    templates = tmp_path / "templates"
    templates.mkdir()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(render_module, "render_handbook", boom)
        code, _, err = run(
            "render", str(LADDER_FILES[0]), "-o", str(tmp_path / "h"),
            "--templates", str(templates), capsys=capsys,
        )
    assert code == 1
    assert err == "dualladder: error: template overview.md: unexpected '}'\n"


def test_render_into_a_folder_it_did_not_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "docs"
    mine.mkdir()
    (mine / "notes.md").write_text("mine", encoding="utf-8")
    code, _, err = run("render", str(LADDER_FILES[0]), "-o", str(mine), capsys=capsys)
    assert code == 1
    assert err.startswith("dualladder: error: ") and err.count("\n") == 1
    assert (mine / "notes.md").read_text("utf-8") == "mine"
    # rendering it again over its own earlier output is fine
    out_dir = tmp_path / "handbook"
    assert run("render", str(LADDER_FILES[0]), "-o", str(out_dir), capsys=capsys)[0] == 0
    assert run("render", str(LADDER_FILES[0]), "-o", str(out_dir), capsys=capsys)[0] == 0


def test_render_same_stem_twice_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "eng.yaml").write_text(LADDER_FILES[0].read_text("utf-8"),
                                                    encoding="utf-8")
    code, _, err = run("render", str(tmp_path), "-o", str(tmp_path / "out"), capsys=capsys)
    assert code == 2
    assert "would both render into" in err


def test_render_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run("render", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "h"),
                       capsys=capsys)
    assert code == 2
    assert err == f"dualladder: error: {tmp_path / 'nope.yaml'}: no such file or folder\n"


# -- as a separate process ------------------------------------------------------------------------


def test_process_exit_0_on_ladders() -> None:
    result = run_process("validate", "ladders")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == f"no problems in {len(ALL_EXAMPLE_FILES)} files" or (
        SUMMARY.match(result.stdout.splitlines()[-1])
    )


def test_process_exit_1_on_a_broken_file(broken: Path) -> None:
    result = run_process("validate", "--format", "github", str(broken))
    assert result.returncode == 1
    assert result.stderr == ""
    assert all(GITHUB_LINE.match(line) for line in result.stdout.splitlines()[:-1])


def test_process_github_default_from_the_environment(broken: Path) -> None:
    result = run_process("validate", str(broken), GITHUB_ACTIONS="true")
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=")


def test_process_exit_1_strict_on_warnings(warnings_only: Path) -> None:
    assert run_process("validate", str(warnings_only)).returncode == 0
    assert run_process("validate", "--strict", str(warnings_only)).returncode == 1


def test_process_exit_2_missing_path_and_bad_option() -> None:
    missing = run_process("validate", "does/not/exist.yaml")
    assert missing.returncode == 2
    assert missing.stdout == ""
    assert missing.stderr == "dualladder: error: does/not/exist.yaml: no such file or folder\n"
    bad = run_process("validate", "--no-such-option", "ladders")
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
    assert bad.stderr.splitlines()[-1].startswith("dualladder: error: ")


def test_process_garbage_file(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(os.urandom(0) + bytes(range(256)))
    result = run_process("validate", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert " DL001 error: " in result.stdout


def test_process_schema_is_json() -> None:
    result = run_process("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout)["$schema"].endswith("/draft/2020-12/schema")


def test_validate_does_not_import_the_renderer() -> None:
    code = (
        "import sys\n"
        "from dualladder.cli import main\n"
        "rc = main(['validate', '--format', 'json', 'ladders'])\n"
        "heavy = sorted(m for m in sys.modules if m == 'jinja2' or m.startswith('jinja2.')\n"
        "               or m.startswith('dualladder.handbook'))\n"
        "print(heavy, file=sys.stderr)\n"
        "raise SystemExit(rc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "[]"


def test_help_imports_none_of_the_heavy_dependencies() -> None:
    """`--help` (and each command's) builds the parser only: no pydantic, PyYAML or Jinja2
    (issue 19: what a pre-commit hook or a shell completion pays)."""
    code = (
        "import sys\n"
        "from dualladder.cli import main\n"
        "for argv in (['--help'], ['plan', 'new', '--help'], ['validate', '--help']):\n"
        "    try:\n"
        "        main(argv)\n"
        "    except SystemExit as exc:\n"
        "        assert exc.code == 0, exc.code\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules}\n"
        "               & {'pydantic', 'pydantic_core', 'yaml', 'jinja2'})\n"
        "print(heavy, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "[]"
    assert "usage: dualladder" in result.stdout


#: What a one-file ``validate`` does not import: every other command's module (each is imported
#: when its sub-parser is built) and what only they, or only companies, or only other report
#: formats use.
NOT_ON_THE_VALIDATE_PATH = (
    "dualladder.cli.audit",
    "dualladder.cli.diff",
    "dualladder.cli.init",
    "dualladder.cli.plan",
    "dualladder.cli.postings",
    "dualladder.cli.render",
    "dualladder._internal.services.postings",
    "dualladder._internal.services.render_job",
    "dualladder._internal.model.company",
    "dualladder._internal.model.differential",
    "json",  # the text report needs none of it
)


def test_a_one_file_validate_imports_no_other_command() -> None:
    """``dualladder validate FILE`` (what a pre-commit hook runs on every commit) builds its own
    sub-parser alone: it imports no other command's module, nor the models only a company
    needs (performance.md, the one-file ``validate``)."""
    import importlib.util

    assert all(importlib.util.find_spec(name) for name in NOT_ON_THE_VALIDATE_PATH)
    ladder = str(LADDERS / "acme-robotics-engineering.yaml")
    code = (
        "import sys\n"
        "from dualladder.cli import main\n"
        f"assert main(['validate', {ladder!r}]) == 0\n"
        f"print(sorted(set(sys.modules) & set({list(NOT_ON_THE_VALIDATE_PATH)!r})),\n"
        "      file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "[]"
    assert "no problems in 1 file" in result.stdout


def _parsed(command: str | None, argv: list[str],
            capsys: pytest.CaptureFixture[str]) -> tuple[object, dict[str, Any], str, str]:
    """What ``build_parser(command)`` makes of ``argv``: the exit code (None: parsed), the
    values parsed (but the parser object), what it printed."""
    from dualladder.cli import build_parser

    values: dict[str, Any] = {}
    code: object = None
    try:
        namespace, extras = build_parser(command).parse_known_args(argv)
        values = {k: v for k, v in vars(namespace).items() if k != "parser_"}
        values["extras"] = extras
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, values, out, err


@pytest.mark.parametrize(
    "argv",
    [[name, *rest] for name in COMMANDS for rest in ([], ["--help"], ["--no-such-option"],
                                                      ["-f", "HTML", "x.yaml"])]
    + [["plan", verb, *rest] for verb in ("new", "sheet", "update", "nwe")
       for rest in ([], ["--help"])]
    + [["validate", "x.yaml", "--version"], ["validate", "--strict", "-o", "r.txt", "x.yaml"],
       ["audit", "ladder.yaml", "roster.csv", "--max-bytes", "4Q"]],
    ids=" ".join,
)
def test_a_command_parses_alone_as_in_the_whole_parser(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A run of one command builds that command's sub-parser alone: what it parses, its help
    and its errors are the whole parser's, byte for byte."""
    alone = _parsed(argv[0], argv, capsys)
    assert alone == _parsed(None, argv, capsys)
    assert alone[0] is not None or alone[1]["command"] == argv[0]


def test_every_command_is_listed(capsys: pytest.CaptureFixture[str]) -> None:
    """COMMANDS is the list an unknown command is told (every sub-parser the program has)."""
    code, _, err = run("lint-all", capsys=capsys)
    assert code == 2
    assert f"(commands: {', '.join(COMMANDS)})" in err


#: Put first on ``PYTHONPATH`` of a subprocess: reports, as the interpreter's last atexit handler
#: (registered first, so run last, just before its final collection), how many objects the
#: process moved out of the cyclic collector's sight.
FREEZE_PROBE = """\
import atexit, gc, sys

atexit.register(lambda: print(f"frozen: {gc.get_freeze_count()}", file=sys.stderr))
"""


def _frozen(command: list[str], tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run ``command`` with :data:`FREEZE_PROBE` as its ``sitecustomize``; return the process
    and the number of objects it had frozen when the interpreter ended."""
    probe = tmp_path / "probe"
    probe.mkdir(exist_ok=True)
    (probe / "sitecustomize.py").write_text(FREEZE_PROBE, "utf-8")
    pythonpath = os.pathsep.join(filter(None, [str(probe), os.environ.get("PYTHONPATH")]))
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False,
                            env={**os.environ, "PYTHONPATH": pythonpath})
    (line,) = [ln for ln in result.stderr.splitlines() if ln.startswith("frozen: ")]
    return result, int(line.removeprefix("frozen: "))


def test_main_never_freezes_the_callers_objects(tmp_path: Path) -> None:
    """``main()`` leaves the process as it found it, also when called without arguments on a
    ``sys.argv`` the caller set: a long-lived process goes on after it and must keep collecting
    its own cycles. Also for the audit, which freezes what it made when it runs as the
    program."""
    ladder = str(LADDERS / "northbank-it.yaml")
    acme, roster = str(LADDERS / "acme-robotics-engineering.yaml"), str(EXAMPLES / "roster.csv")
    code = (
        "import gc, sys\n"
        "from dualladder.cli import main\n"
        f"assert main(['validate', {ladder!r}]) == 0\n"
        "assert gc.get_freeze_count() == 0, gc.get_freeze_count()\n"
        f"sys.argv = ['dualladder', 'validate', {ladder!r}]\n"
        "assert main() == 0\n"
        "assert gc.get_freeze_count() == 0, gc.get_freeze_count()\n"
        # the audit pauses the collector while it runs: it too leaves it on and unfrozen
        f"sys.argv = ['dualladder', 'audit', {acme!r}, {roster!r}]\n"
        "assert main() in (0, 1)\n"
        "assert gc.get_freeze_count() == 0, gc.get_freeze_count()\n"
        "assert gc.isenabled()\n"
    )
    result, frozen = _frozen([sys.executable, "-c", code], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no problems in 1 file" in result.stdout
    assert "Gaps are (men - women) / men" in result.stdout
    assert frozen == 0


@pytest.mark.parametrize("program", ["python -m dualladder", "console script"])
def test_only_the_program_itself_freezes_its_objects_before_exit(
    program: str, tmp_path: Path
) -> None:
    """The program (``python -m dualladder``, the ``dualladder`` command) ends the interpreter
    next, so it moves what is alive out of the collector's sight before it exits: the
    interpreter's last full collection has nothing to scan. Its exit code and output are
    ``main``'s."""
    import sysconfig

    command = (
        [sys.executable, "-m", "dualladder"] if program == "python -m dualladder"
        else [str(Path(sysconfig.get_path("scripts")) / "dualladder")]
    )
    for args, code, out in (
        (["validate", str(LADDERS / "northbank-it.yaml")], 0, "no problems in 1 file"),
        (["validat", str(LADDERS / "northbank-it.yaml")], 2, ""),
    ):
        result, frozen = _frozen([*command, *args], tmp_path)
        assert result.returncode == code, result.stderr
        assert out in result.stdout
        assert frozen > 1000, frozen


def test_console_script_entry_point() -> None:
    """The installed ``dualladder`` command is the program (:func:`dualladder.cli.run`), not
    ``main``, which is for callers that go on after it."""
    from importlib.metadata import entry_points

    from dualladder.cli import run

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "dualladder"]
    assert script.value == "dualladder.cli:run"
    assert script.load() is run


# -- examples and the pre-commit hook -------------------------------------------------------------



def test_pre_commit_hook_definition() -> None:
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "dualladder-validate"]
    assert hook["entry"] == "dualladder validate"
    assert hook["language"] == "python"
    files = re.compile(hook["files"])
    for path in ("ladders/acme.yaml", "hr/ladders/eng.yml", "ladders/sub/x.yaml"):
        assert files.search(path), path
    for path in (".pre-commit-config.yaml", ".github/workflows/ci.yml", "ladders/README.md",
                 "mkdocs.yml", "notladders/x.yaml"):
        assert not files.search(path), path
    consumer = yaml.safe_load((EXAMPLES / "pre-commit-config.yaml").read_text("utf-8"))
    ids = [h["id"] for repo in consumer["repos"] for h in repo["hooks"]]
    assert "dualladder-validate" in ids


def test_pre_commit_style_invocation(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """pre-commit runs ``entry args... file...``; the files of the example ladders pass."""
    assert run("validate", *map(str, LADDER_FILES), capsys=capsys)[0] == 0
    assert run("validate", "--strict", str(broken), *map(str, LADDER_FILES),
               capsys=capsys)[0] == 1


def test_github_actions_example() -> None:
    import yaml

    workflow = yaml.safe_load((EXAMPLES / "github-actions-pip.yml").read_text("utf-8"))
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    commands = [s["run"] for s in steps if "run" in s]
    assert any(c.startswith("dualladder validate ladders/") for c in commands)
    assert any("--format sarif" in c for c in commands)
    upload = "github/codeql-action/upload-sarif"
    uploads = [s for s in steps if s.get("uses", "").startswith(upload)]
    assert uploads and uploads[0]["with"]["sarif_file"] == "dualladder.sarif"


def test_hr_report_example(broken: Path) -> None:
    script = str(EXAMPLES / "hr_report.py")
    good = subprocess.run([sys.executable, script, str(LADDER_FILES[0])], capture_output=True,
                          text=True, cwd=ROOT, check=False)
    ladder = dualladder.load(LADDER_FILES[0])
    assert good.returncode == (1 if dualladder.check(ladder).errors else 0), good.stderr
    assert ladder.organization in good.stdout
    for _, _, rung in ladder.rungs():
        assert rung.title in good.stdout
    bad = subprocess.run([sys.executable, script, str(broken)], capture_output=True, text=True,
                         check=False)
    assert bad.returncode == 1
    assert "DL002" in bad.stderr
