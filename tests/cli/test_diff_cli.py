"""`dualladder diff`: golden outputs in the three formats, revisions read from a temporary git
repository (never checked out), hostile revision strings, caps, exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from paths import DATA, EXAMPLES, GOLDEN, KESTREL, SMALL

from dualladder._internal.services.diff import sides
from dualladder.cli import main

DIFF_DATA = DATA / "diff"
DIFF_GOLDEN = GOLDEN / "diff"

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["diff", *args])
    out, err = capsys.readouterr()
    return code, out, err


# -- golden outputs ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt, suffix", [("text", "txt"), ("markdown", "md"), ("json", "json")])
def test_golden(
    fmt: str, suffix: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    regen_golden: bool,
) -> None:
    monkeypatch.chdir(DIFF_DATA)
    code, out, err = _run(capsys, "old", "new", "--format", fmt)
    assert code == 0 and err == ""
    golden = DIFF_GOLDEN / f"folders.{suffix}"
    if regen_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8"), "regenerate with pytest --regen-golden"


def test_json_document_shape(capsys: pytest.CaptureFixture[str],
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DIFF_DATA)
    _, out, _ = _run(capsys, "old", "new", "-f", "json")
    doc = json.loads(out)
    assert list(doc) == ["version", "old", "new", "files", "summary"]
    assert doc["summary"] == {
        "files": 3, "changed_files": 3, "changes": 9,
        "introduced": {"errors": 2, "warnings": 0}, "resolved": {"errors": 0, "warnings": 1},
    }
    eng = next(f for f in doc["files"] if f["path"] == "eng.yaml")
    assert [f["code"] for f in eng["findings"]["introduced"]] == ["DL103", "DL104"]
    assert [f["code"] for f in eng["findings"]["resolved"]] == ["DL108"]
    pay = next(c for c in eng["changes"] if c["kind"] == "level.pay")
    assert pay["details"]["fields"]["mid"] == {
        "old": "140000", "new": "144200", "change": "4200", "percent": "3.0"}
    assert (pay["file"], pay["line"]) == ("new/eng.yaml", 14)


def test_fail_on_new_errors(capsys: pytest.CaptureFixture[str],
                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DIFF_DATA)
    assert _run(capsys, "old", "new")[0] == 0
    assert _run(capsys, "old", "new", "--fail-on", "new-errors")[0] == 1
    # the other way round, the change resolves errors and introduces only a warning
    assert _run(capsys, "new", "old", "--fail-on", "new-errors")[0] == 0
    assert _run(capsys, "new", "old", "--fail-on", "new-findings")[0] == 1
    assert _run(capsys, "old/eng.yaml", "old/eng.yaml", "--fail-on", "new-findings")[0] == 0


def test_two_files_pair_whatever_their_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, str(DIFF_DATA / "old" / "eng.yaml"), str(SMALL))
    assert code == 0
    assert f"== {DIFF_DATA / 'old' / 'eng.yaml'} \u2192 {SMALL} (changed)" in out
    assert "title renamed 'Staff Engineering Manager' \u2192 'Staff Engineer'" in out


def test_output_file_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "diff.md"
    code, out, _ = _run(capsys, str(DIFF_DATA / "old"), str(DIFF_DATA / "new"), "-f", "markdown",
                        "-o", str(target))
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("### Ladder changes: ")


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("old", "new/eng.yaml", "old is a folder and new/eng.yaml a file"),
        ("old", "no-such-folder", "no-such-folder: no such file or folder, and "),
        ("old", "-x", "is not a revision"),
        ("old", "HEAD;id", "is not a revision"),
        ("old", "a..b", "is not a revision"),
        ("old", "HEAD:../etc/passwd", "is not a relative path inside the repository"),
        ("old", "HEAD:/etc/passwd", "is not a relative path inside the repository"),
        ("old", "HEAD:\x1b[31mx", "is not a relative path inside the repository"),
        ("old", "$(id)", "is not a revision"),
    ],
)
def test_usage_errors_are_one_line(
    old: str, new: str, message: str, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(DIFF_DATA)
    code, out, err = _run(capsys, "--", old, new)
    assert code == 2 and out == ""
    assert err.startswith("dualladder: error: ") and err.count("\n") == 1
    assert message in err
    assert "\x1b" not in err


def test_size_cap(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, str(DIFF_DATA / "old"), str(DIFF_DATA / "new"), "--max-bytes",
                          "100")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "larger than the 100 bytes size limit" in err and "raise it with --max-bytes" in err
    largest = max(p.stat().st_size for side in ("old", "new") for p in (DIFF_DATA / side).iterdir())
    code, _, err = _run(capsys, str(DIFF_DATA / "old"), str(DIFF_DATA / "new"), "--max-bytes",
                        str(largest))
    assert code == 0 and err == ""
    code, _, err = _run(capsys, str(DIFF_DATA / "old"), str(DIFF_DATA / "new"),
                        "--max-bytes", str(largest - 1))
    assert code == 2 and "size limit" in err
    code, _, err = _run(capsys, str(DIFF_DATA / "old"), str(DIFF_DATA / "new"), "--max-bytes", "4T")
    assert code == 2 and "is not a size" in err


def test_size_cap_of_a_company_file_read_for_a_family(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A company file that is not among the compared files is read under the same cap."""
    kestrel = KESTREL
    for side in ("old", "new"):
        shutil.copytree(kestrel, tmp_path / side)
    family = (tmp_path / "old" / "data.yaml").stat().st_size
    company = tmp_path / "new" / "company.yaml"
    company.write_text(company.read_text(encoding="utf-8") + "#" * family + "\n",
                       encoding="utf-8")
    old, new = str(tmp_path / "old" / "data.yaml"), str(tmp_path / "new" / "data.yaml")
    assert _run(capsys, old, new, "--fail-on", "new-errors")[0] == 0
    code, out, _ = _run(capsys, old, new, "--fail-on", "new-errors", "--max-bytes", str(family))
    assert code == 1 and "DL504" in out and "size limit" in out


def test_document_cap(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sides, "MAX_DOCUMENTS", 1)
    code, _, err = _run(capsys, str(DIFF_DATA / "old"), str(DIFF_DATA / "new"))
    assert code == 2 and "more than 1 ladder files" in err


def test_data_is_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = SMALL.read_text(encoding="utf-8")
    hostile = text.replace("title: Staff Engineer\n",
                           'title: "<script>x</script> | **[a](javascript:b)** \\e]0;t\\a"\n')
    (tmp_path / "new.yaml").write_text(hostile, encoding="utf-8")
    new = str(tmp_path / "new.yaml")
    _, out, _ = _run(capsys, str(SMALL), new, "-f", "markdown")
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "\\| \\*\\*\\[a\\](javascript:b)\\*\\*" in out
    assert "\x1b" not in out
    _, out, _ = _run(capsys, str(SMALL), new)
    assert "\x1b" not in out and "\\x1b]0;t\\x07" in out
    _, out, _ = _run(capsys, str(SMALL), new, "-f", "json")
    assert "<script>x</script> | **[a](javascript:b)** \x1b]0;t\x07" in json.loads(out)[
        "files"][0]["changes"][0]["new"]


def test_broken_and_fixed_versions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("dualladder: 1\norganization: [\n", encoding="utf-8")
    code, out, _ = _run(capsys, str(SMALL), str(broken), "--fail-on", "new-errors")
    assert code == 1
    assert "the new version cannot be read (see the findings)" in out and "DL001 error" in out
    code, out, _ = _run(capsys, str(broken), str(SMALL), "--fail-on", "new-errors")
    assert code == 0
    assert "the old version could not be read; the new one can" in out


def test_markdown_is_capped(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
                            ) -> None:
    from dualladder._internal.services.diff import report

    monkeypatch.setattr(report, "MARKDOWN_MAX_ROWS", 3)
    monkeypatch.chdir(DIFF_DATA)
    _, out, _ = _run(capsys, "old", "new", "-f", "markdown")
    details = out.split("<details>", 1)[1].splitlines()
    rows = [x for x in details if x.startswith(("| ", "- `")) and not x.startswith("| line |")]
    assert len(rows) == 3
    assert "9 more rows left out to keep this comment short" in out


# -- git revisions -----------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    done = subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True,
                          text=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose last commit holds ``ladders/`` as in ``old/``; the work tree holds
    ``ladders/`` as in ``new/`` (not committed)."""
    root = tmp_path / "repo"
    (root / "ladders").mkdir(parents=True)
    for path in (DIFF_DATA / "old").iterdir():
        shutil.copy(path, root / "ladders" / path.name)
    (root / "README.md").write_text("not a ladder\n", encoding="utf-8")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "old")
    shutil.rmtree(root / "ladders")
    shutil.copytree(DIFF_DATA / "new", root / "ladders")
    return root


@needs_git
def test_revision_against_folder_reads_git_and_leaves_the_work_tree(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    before = _git(repo, "status", "--porcelain")
    code, out, _ = _run(capsys, "main", "ladders", "-f", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["old"] == "main:ladders" and doc["new"] == "ladders"
    assert [(f["path"], f["status"], f["old"]) for f in doc["files"]] == [
        ("data.yaml", "removed", "main:ladders/data.yaml"),
        ("design.yaml", "added", None),
        ("eng.yaml", "changed", "main:ladders/eng.yaml"),
    ]
    assert doc["summary"]["changes"] == 9
    # the work tree is as it was: nothing was checked out
    assert _git(repo, "status", "--porcelain") == before
    assert (repo / "ladders" / "design.yaml").exists()


@needs_git
def test_revision_paths_and_bare_revisions(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "ladders")  # a bare revision takes the other side's path
    code, out, _ = _run(capsys, "HEAD", "eng.yaml")
    assert code == 0 and "== HEAD:ladders/eng.yaml \u2192 eng.yaml (changed)" in out
    monkeypatch.chdir(repo)
    code, out, _ = _run(capsys, "main:ladders/eng.yaml", "ladders/eng.yaml", "--fail-on",
                        "new-errors")
    assert code == 1 and "title renamed" in out
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "new")
    code, out, _ = _run(capsys, "HEAD~1", "HEAD")  # the whole tree of both commits
    assert code == 0
    assert "9 changes in 3 of 3 files" in out
    code, out, _ = _run(capsys, "HEAD~1:ladders/eng.yaml", "main:ladders/eng.yaml")
    assert code == 0 and "7 changes in 1 of 1 file" in out


@needs_git
def test_git_errors_are_one_line(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(repo)
    for old, message in [
        ("nosuchbranch", "nosuchbranch: no such revision"),
        ("main:nowhere", "main:nowhere: no such file or folder in main"),
        ("main:README.md", None),  # a file against a folder
    ]:
        code, out, err = _run(capsys, old, "ladders")
        assert code == 2 and out == "" and err.count("\n") == 1, err
        if message:
            assert message in err
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(SMALL, outside / "small.yaml")
    code, _, err = _run(capsys, "main", str(outside))
    assert code == 2 and "not inside a git repository" in err


@needs_git
def test_symlinks_in_a_revision_are_not_followed(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    (repo / "secret.txt").write_text("password: hunter2\n", encoding="utf-8")
    os.symlink("../secret.txt", repo / "ladders" / "link.yaml")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "link")
    code, out, _ = _run(capsys, "HEAD~1:ladders", "HEAD:ladders")
    assert code == 0
    assert "link.yaml" not in out and "hunter2" not in out


@needs_git
def test_blob_size_cap_is_checked_before_reading(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from dualladder._internal.services.diff import git

    monkeypatch.chdir(repo)
    read: list[object] = []
    monkeypatch.setattr(git, "read_blobs", lambda *a: read.append(a) or {})
    code, _, err = _run(capsys, "main", "ladders", "--max-bytes", "200")
    assert code == 2 and "main:ladders/data.yaml: the file is larger than" in err
    assert read == []


# -- the GitHub Actions example -------------------------------------------------------------


def _workflow() -> dict[str, object]:
    import yaml

    loaded = yaml.safe_load((EXAMPLES / "ladder-diff-comment.yml").read_text(
        encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_diff_workflow_is_safe() -> None:
    workflow = _workflow()
    # PyYAML reads the key `on` as True
    triggers = workflow.get("on", workflow.get(True))
    assert isinstance(triggers, dict) and list(triggers) == ["pull_request"]
    assert workflow["permissions"] == {"contents": "read", "pull-requests": "write"}
    jobs = workflow["jobs"]
    assert isinstance(jobs, dict)
    steps = jobs["diff"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    for step in steps:  # data from the event reaches scripts through env, never pasted in
        assert "${{" not in step.get("run", ""), step


def _scripts_path() -> str:
    """PATH with this interpreter's console-script folder first (a virtualenv's ``bin``, where
    pip put ``dualladder``): the workflow's step runs ``dualladder`` whether or not the
    virtualenv is activated."""
    folders = [sysconfig.get_path("scripts"), os.path.dirname(sys.executable)]
    found = [folder for folder in folders if shutil.which("dualladder", path=folder)]
    assert found, f"no dualladder console script in {folders}: pip install -e ."
    return os.pathsep.join([found[0], os.environ.get("PATH", os.defpath)])


@needs_git
def test_diff_workflow_step_runs(repo: Path, tmp_path: Path) -> None:
    """The workflow's diff step, run by bash in a repository with an `origin/main`."""
    steps = _workflow()["jobs"]["diff"]["steps"]  # type: ignore[index]
    step = next(s for s in steps if s.get("id") == "diff")
    _git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    output, summary = tmp_path / "output", tmp_path / "summary"
    env = {**os.environ, "PATH": _scripts_path(), "BASE_REF": "main", "GITHUB_OUTPUT": str(output),
           "GITHUB_STEP_SUMMARY": str(summary),
           "LINK": "https://github.com/o/r/blob/{rev}/{path}#L{line}"}
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert output.read_text(encoding="utf-8") == "status=1\n"  # new errors: failed later
    comment = (repo / "ladder-diff.md").read_text(encoding="utf-8")
    assert comment.startswith("### Ladder changes: origin/main:ladders")
    # the file that introduces errors is open, its errors outside any folded block
    assert "<details open><summary>eng.yaml: 7 changes</summary>" in comment
    errors = comment.index("#### eng.yaml: 2 errors introduced")
    assert comment.index("`DL103` error") > errors
    assert "<details" not in comment[errors:comment.index("`DL104` error")]
    head = _git(repo, "rev-parse", "HEAD").strip()
    assert f"](https://github.com/o/r/blob/{head}/ladders/eng.yaml#L" in comment
    assert summary.read_text(encoding="utf-8") == comment


def test_output_that_is_an_input_is_refused(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "old.yaml"
    shutil.copy(SMALL, old)
    before = old.read_bytes()
    code, out, err = _run(capsys, str(old), str(SMALL), "-o", str(old))
    assert code == 2 and out == "" and err.startswith("dualladder: error: ")
    assert old.read_bytes() == before


# -- a branch behind main: the merge base (issue 22, item 8) -----------------------------------


@pytest.fixture
def behind(tmp_path: Path) -> Path:
    """A repository where ``feature`` forked from ``main`` (ladders as in ``old/``), renamed a
    title in eng.yaml and committed, and then ``main`` moved on: it removed data.yaml. The work
    tree is ``feature``, checked out."""
    root = tmp_path / "behind"
    (root / "ladders").mkdir(parents=True)
    for path in (DIFF_DATA / "old").iterdir():
        shutil.copy(path, root / "ladders" / path.name)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "base")
    _git(root, "checkout", "-q", "-b", "feature")
    eng = root / "ladders" / "eng.yaml"
    text = eng.read_text(encoding="utf-8")
    assert "Staff Engineer" in text
    eng.write_text(text.replace("Staff Engineer", "Staff Software Engineer", 1), encoding="utf-8")
    _git(root, "commit", "-q", "-am", "feature: rename a title")
    _git(root, "checkout", "-q", "main")
    _git(root, "rm", "-q", "ladders/data.yaml")
    _git(root, "commit", "-q", "-m", "main moves on: data.yaml removed")
    _git(root, "checkout", "-q", "feature")
    return root


def _files(out: str) -> list[tuple[str, str]]:
    """(file name, status) of the files that changed (a whole tree's paths start ladders/)."""
    return [(Path(f["path"]).name, f["status"]) for f in json.loads(out)["files"]
            if f["status"] != "unchanged"]


@needs_git
def test_a_branch_behind_main_names_only_its_own_changes(
    behind: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(behind)
    base = _git(behind, "merge-base", "main", "feature").strip()
    # the work tree against main: against where the branch forked from main
    for args in (["main", "ladders"], ["main", "ladders", "--merge-base"],
                 ["main...feature"], ["main...feature", "ladders"], ["main..."],
                 ["main", "feature", "--merge-base"]):
        code, out, err = _run(capsys, *args, "-f", "json")
        assert (code, err) == (0, ""), args
        assert _files(out) == [("eng.yaml", "changed")], args  # never "data.yaml added"
        assert "Staff Software Engineer" in out, args
        assert json.loads(out)["old"].startswith(base[:12]), args
    # the tips as they are, as `git diff main feature` compares them
    code, out, _ = _run(capsys, "main", "feature", "-f", "json")
    assert code == 0 and _files(out) == [("data.yaml", "added"), ("eng.yaml", "changed")]
    code, out, _ = _run(capsys, "main", "ladders", "--tip", "-f", "json")
    assert code == 0 and _files(out) == [("data.yaml", "added"), ("eng.yaml", "changed")]


@needs_git
def test_merge_base_errors_are_one_line(
    behind: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(behind)
    for args, says in [
        (["main...nope"], "nope"),
        (["main...feature", "main:ladders"], "PATH"),
        (["main", "ladders", "--merge-base", "--tip"], "--tip"),
        ([str(behind / "ladders"), "ladders", "--merge-base"], "revision"),
    ]:
        code, out, err = _run(capsys, *args)
        assert code == 2 and out == "", args
        assert says in err and len(err.strip().splitlines()) == 1, (args, err)
    _git(behind, "checkout", "-q", "--orphan", "lonely")
    _git(behind, "commit", "-q", "-m", "unrelated history")
    code, _, err = _run(capsys, "main", "ladders")
    assert code == 2 and "no merge base" in err and "--tip" in err
