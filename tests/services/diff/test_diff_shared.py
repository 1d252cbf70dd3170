"""`dualladder diff` reads a file whose bytes are the same on both sides once (its YAML parsed
once, the data and node tree shared; each side still reads it with its own company, checks it
and names it by its own path). These tests hold the shortcut to the full computation: every
report (text, markdown, json) and exit code is the same as when every file is parsed on each
side, on folders and git revisions, companies and standalone ladders, with findings in the
shared files on either side."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from paths import DATA, KESTREL, LADDERS, SMALL

from dualladder._internal.io.parse import Parsed, parse_text, parsed_as
from dualladder._internal.services.diff import documents
from dualladder.cli import main

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def _company(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(KESTREL, old)
    shutil.copytree(KESTREL, new)
    return old, new


def _company_band(tmp_path: Path) -> tuple[Path, Path]:
    """Only the company file changes: its L6 band rises, which pushes the unchanged Data
    family's L6 (declared 6 % above it) 31 % above its L5, a DL202 introduced in a file whose
    bytes are the same on both sides."""
    old, new = _company(tmp_path)
    _edit(new / "company.yaml", "pay: {min: 165000, mid: 190000, max: 215000}",
          "pay: {min: 200000, mid: 229000, max: 260000}")
    return old, new


def _changed_and_unchanged(tmp_path: Path) -> tuple[Path, Path]:
    """A company folder with changed and unchanged families, a family identical but for
    whitespace and a comment, and a finding in an unchanged family on both sides."""
    old, new = _company_band(tmp_path)
    for side in (old, new):  # the same management word in a technical title on both sides
        _edit(side / "engineering.yaml", "title: Staff Software Engineer",
              "title: Staff Software Engineering Manager")
    _edit(new / "design.yaml", "family: Design\n", "family: Design   \n\n# a comment\n")
    _edit(new / "data.yaml", "title: Data Science Manager", "title: Data Science Lead")
    return old, new


def _zone(tmp_path: Path) -> tuple[Path, Path]:
    """Every family the same; the company changes a zone's factor."""
    old, new = _company(tmp_path)
    _edit(new / "company.yaml", "factor: 1.15", "factor: 1.4")
    return old, new


def _swapped(make: Callable[[Path], tuple[Path, Path]]) -> Callable[[Path], tuple[Path, Path]]:
    """The same two versions the other way round: what was introduced is resolved."""
    def swapped(tmp_path: Path) -> tuple[Path, Path]:
        old, new = make(tmp_path)
        return new, old

    return swapped


def _ladders(tmp_path: Path) -> tuple[Path, Path]:
    """Standalone ladders: unchanged, one with findings on both sides, one with anchors and a
    merge key (read the long way), one that is not valid YAML, one changed."""
    old, new = tmp_path / "old", tmp_path / "new"
    for side in (old, new):
        side.mkdir()
        for name in ("acme-robotics-engineering.yaml", "northbank-it.yaml"):
            shutil.copy(LADDERS / name, side / name)
        shutil.copy(DATA / "negative" / "DL108-title.yaml", side / "titles.yaml")
        shutil.copy(DATA / "negative" / "DL001.yaml", side / "broken.yaml")
        anchored = SMALL.read_text(encoding="utf-8").replace(
            "rewards: {bonus_target: 0.10, equity: 20000, perks: [stock options]}\n"
            "        decisions:\n          - {domain: hiring",
            "rewards: &r5 {bonus_target: 0.10, equity: 20000, perks: [stock options]}\n"
            "        decisions:\n          - {domain: hiring", 1,
        ).replace("title: Principal Engineer", "title: Principal Engineering Manager")
        assert "&r5" in anchored
        (side / "anchored.yaml").write_text(anchored, encoding="utf-8")
    _edit(new / "northbank-it.yaml", "dualladder: 1\n", "dualladder: 1\n# edited\n")
    _edit(new / "acme-robotics-engineering.yaml", "aliases: [Staff Engineer]",
          "aliases: [Staff Engineer, Staff Engineer II]")
    return old, new


CASES: dict[str, Callable[[Path], tuple[Path, Path]]] = {
    "company band": _company_band,
    "changed and unchanged families": _changed_and_unchanged,
    "resolved": _swapped(_changed_and_unchanged),
    "zone": _zone,
    "ladders": _ladders,
    "ladders resolved": _swapped(_ladders),
}

FORMATS = (["-f", "text"], ["-f", "markdown"], ["-f", "json"],
           ["-f", "json", "--fail-on", "new-findings"], ["--fail-on", "new-errors"])


def _reports(args: list[str], capsys: pytest.CaptureFixture[str]
             ) -> list[tuple[int, str, str]]:
    out = []
    for options in FORMATS:
        code = main(["diff", *args, *options])
        text, err = capsys.readouterr()
        out.append((code, text, err))
    return out


def _full_and_shared(args: list[str], capsys: pytest.CaptureFixture[str],
                     monkeypatch: pytest.MonkeyPatch) -> tuple[list[tuple[int, str, str]],
                                                               list[tuple[int, str, str]], int]:
    """Every report with the shortcut and with every file parsed on each side, and how many
    files the shortcut took."""
    shared = 0

    def counting(parsed: Parsed, source: str) -> Parsed | None:
        nonlocal shared
        found = parsed_as(parsed, source)
        shared += found is not None
        return found

    with monkeypatch.context() as patch:
        patch.setattr(documents, "parsed_as", counting)
        fast = _reports(args, capsys)
    with monkeypatch.context() as patch:
        patch.setattr(documents, "parsed_as", lambda parsed, source: None)
        full = _reports(args, capsys)
    return fast, full, shared


@pytest.mark.parametrize("case", list(CASES))
def test_folders_give_the_full_reports(case: str, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = CASES[case](tmp_path)
    fast, full, shared = _full_and_shared([str(old), str(new)], capsys, monkeypatch)
    assert fast == full
    assert shared > 0  # the shortcut was taken (formats x files the same on both sides)
    # findings in a file with the same bytes on both sides name that side's own path
    files = {f["path"]: f for f in json.loads(fast[2][1])["files"]}
    for item in files.values():
        assert all(x["file"] == item["new"] for x in item["findings"]["introduced"])
        assert all(x["file"] == item["old"] for x in item["findings"]["resolved"])
    if case in ("company band", "changed and unchanged families", "resolved"):
        found = files["data.yaml"]["findings"]
        assert found["resolved" if case == "resolved" else "introduced"]


@needs_git
@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("form", ["bare", "range"])
def test_revisions_give_the_full_reports(case: str, form: str, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The old side read from git names its files ``REV:path``; the new side is the work tree
    (a bare revision) or a second commit (``A...B``)."""
    old, new = CASES[case](tmp_path)
    repo = tmp_path / "repo"
    shutil.copytree(old, repo / "files")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "old")
    shutil.rmtree(repo / "files")
    shutil.copytree(new, repo / "files")
    if form == "range":
        _git(repo, "checkout", "-q", "-b", "topic")
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", "new")
    monkeypatch.chdir(repo)
    args = {"bare": ["main", "files"], "range": ["main...topic", "files"]}[form]
    fast, full, shared = _full_and_shared(args, capsys, monkeypatch)
    assert fast == full
    assert shared > 0


def test_two_files_with_the_same_bytes_under_other_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two single files pair whatever their names: each side's findings name its own file."""
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    for path in (old, new):
        shutil.copy(DATA / "negative" / "DL108-title.yaml", path)
    fast, full, shared = _full_and_shared([str(old), str(new)], capsys, monkeypatch)
    assert fast == full and shared > 0


def _every_yaml() -> list[Path]:
    found = sorted(p for root in (DATA, LADDERS) for p in root.rglob("*.y*ml"))
    assert len(found) > 50
    return found


def test_parsed_as_is_parsing_under_the_other_name() -> None:
    """On every YAML file of the repository (valid, broken, hostile): what :func:`parsed_as`
    gives is what parsing the text again under the other name gives, or None where parsing
    gave findings (they name the file)."""
    taken = 0
    for path in _every_yaml():
        raw = path.read_bytes()
        first = parse_text(raw, "old/" + path.name)
        again = parse_text(raw, "main:new/" + path.name)
        shared = parsed_as(first, "main:new/" + path.name)
        if first.findings or first.data is None:
            assert shared is None
            continue
        taken += 1
        assert shared is not None
        assert shared.data == again.data and shared.findings == again.findings == []
        a, b = shared.source, again.source
        assert (a.name, a.line_count, a.text) == (b.name, b.line_count, b.text)
        assert a.tree is first.source.tree  # the text's own tree (or the promise of one)
        assert yaml.serialize(a.root) == yaml.serialize(b.root)  # anchors kept: linear
    assert taken > 20

