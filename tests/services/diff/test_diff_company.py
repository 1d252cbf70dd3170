"""`dualladder diff` of a company folder: the company file's scale and zones compared once,
each family by what its own file says, and a family read with the company of its own side
(from the same git revision, never from disk)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from paths import KESTREL

from dualladder._internal.services.diff.documents import diff_sides, read_sides
from dualladder.cli import main


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def sides(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(KESTREL, old)
    shutil.copytree(KESTREL, new)
    _edit(new / "company.yaml", "pay: {min: 165000, mid: 190000, max: 215000}",
          "pay: {min: 170000, mid: 195700, max: 221500}")
    _edit(new / "company.yaml", "factor: 1.15", "factor: 1.2")
    _edit(new / "data.yaml", "  - level: L7\n    factor: 1.06\n",
          "  - level: L7\n    factor: 1.08\n")
    _edit(new / "data.yaml", "title: Data Science Manager", "title: Data Science Lead")
    return old, new


def _by_path(old: Path, new: Path) -> dict[str, list[str]]:
    diff = diff_sides(*read_sides(str(old), str(new)))
    return {f.path: [f"{c.kind} {c}" for c in f.changes] for f in diff.files}


def test_company_changes_are_reported_once_in_the_company_file(sides: tuple[Path, Path]) -> None:
    changes = _by_path(*sides)
    assert changes["company.yaml"] == [
        "level.pay level L6: pay USD 165,000 / 190,000 / 215,000 \u2192 USD 170,000 / 195,700 / "
        "221,500: +3.0% (min +5,000, mid +5,700, max +6,500)",
        # a new factor says what it does to the zone's bands (L6 moved with the base, too)
        "zone.changed zone sf: factor 1.15 \u2192 1.2; the zone's bands of L3 to L8 (6 levels) "
        "change by +3.9% to +7.3% at the midpoint",
    ]
    # the company's band change is not repeated in each family
    assert changes["engineering.yaml"] == [] and changes["design.yaml"] == []
    assert changes["data.yaml"] == [
        "family.changed family: differentials[1].factor 1.06 \u2192 1.08",
        "rung.title management L5 Data Science Lead: title renamed 'Data Science Manager' "
        "\u2192 'Data Science Lead'",
    ]


def test_company_findings_introduced(sides: tuple[Path, Path]) -> None:
    old, new = sides
    # the new L6 band of one family now differs from the company's without a declaration
    _edit(new / "design.yaml", "family: Design\n",
          "family: Design\n\nlevels:\n  - id: L6\n    pay: {min: 1, mid: 2, max: 3}\n")
    diff = diff_sides(*read_sides(str(old), str(new)))
    design = next(f for f in diff.files if f.path == "design.yaml")
    assert design.introduced and all(f.file.endswith("design.yaml") for f in design.introduced)
    data = next(f for f in diff.files if f.path == "data.yaml")
    assert [f.code for f in data.introduced] == ["DL202"]  # Data's L6 rose with the company's
    assert not diff.resolved.findings


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True,
                          text=True).stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_revision_families_use_the_revisions_company(
    sides: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old, new = sides
    repo = tmp_path / "repo"
    shutil.copytree(old, repo / "kestrel")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "old")
    shutil.rmtree(repo / "kestrel")
    shutil.copytree(new, repo / "kestrel")
    monkeypatch.chdir(repo)
    assert main(["diff", "main", "kestrel", "-f", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    files = {f["path"]: f for f in doc["files"]}
    assert [c["kind"] for c in files["company.yaml"]["changes"]] == ["level.pay", "zone.changed"]
    assert files["data.yaml"]["old"] == "main:kestrel/data.yaml"
    # the raised company band pushes Data's L6 (a declared 6 % above it) 31 % above its L5:
    # introduced by this change. Had the revision's families been read with the company file
    # on disk (the new one), the warning would be in both versions and introduced by nothing.
    introduced = {(f["path"], x["code"]) for f in doc["files"]
                  for x in f["findings"]["introduced"]}
    assert introduced == {("data.yaml", "DL202")}
    assert not any(f["findings"]["resolved"] for f in doc["files"])


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_revision_never_reads_a_company_file_from_disk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    (repo / "kestrel").mkdir(parents=True)
    shutil.copy(KESTREL / "data.yaml", repo / "kestrel" / "data.yaml")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "a family without its company file")
    # the company file exists on disk, beside the family, but not in the revision
    shutil.copy(KESTREL / "company.yaml", repo / "kestrel" / "company.yaml")
    monkeypatch.chdir(repo)
    assert main(["diff", "main:kestrel/data.yaml", "kestrel/data.yaml", "-f", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    [item] = doc["files"]
    assert [f["code"] for f in item["findings"]["resolved"]] == ["DL504"]
    assert "main:kestrel/company.yaml" in item["findings"]["resolved"][0]["message"]
    assert [c["kind"] for c in item["changes"]] == ["document.fixed"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_one_family_file_of_a_revision_finds_its_company_in_the_revision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(KESTREL, repo / "kestrel")
    (repo / "shared").mkdir()
    shutil.move(repo / "kestrel" / "company.yaml", repo / "shared" / "company.yaml")
    _edit(repo / "kestrel" / "data.yaml", "company: company.yaml",
          "company: ../shared/company.yaml")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "kestrel with its company file in another folder")
    # the company file on disk changes (a 3 % raise of L6); the revision keeps the old one
    _edit(repo / "shared" / "company.yaml", "pay: {min: 165000, mid: 190000, max: 215000}",
          "pay: {min: 170000, mid: 195700, max: 221500}")
    monkeypatch.chdir(repo)
    assert main(["diff", "main:kestrel/data.yaml", "kestrel/data.yaml", "-f", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    files = {f["path"]: f for f in doc["files"]}
    assert files["data.yaml"]["changes"] == []  # the family file itself did not change
    # the old family was read with the revision's company: its L6 is 31 % above L5 only now
    assert [x["code"] for x in files["data.yaml"]["findings"]["introduced"]] == ["DL202"]
    assert not files["data.yaml"]["findings"]["resolved"]
    # a family naming a file outside the repository finds nothing (and reads nothing)
    _edit(repo / "kestrel" / "data.yaml", "company: ../shared/company.yaml",
          "company: ../../../../../../etc/passwd")
    _git(repo, "commit", "-q", "-am", "outside")
    assert main(["diff", "HEAD~1:kestrel/data.yaml", "HEAD:kestrel/data.yaml", "-f", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    [item] = doc["files"]
    assert [x["code"] for x in item["findings"]["introduced"]] == ["DL504"]
    assert "root:" not in json.dumps(doc)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_findings_of_a_company_file_outside_the_folder_pair_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(KESTREL, repo / "kestrel")
    (repo / "shared").mkdir()
    shutil.move(repo / "kestrel" / "company.yaml", repo / "shared" / "company.yaml")
    for name in ("data.yaml", "design.yaml", "engineering.yaml"):
        _edit(repo / "kestrel" / name, "company: company.yaml", "company: ../shared/company.yaml")
    # a warning in the company file itself (a 45 % step from L5 to L6 on the shared scale)
    _edit(repo / "shared" / "company.yaml", "pay: {min: 165000, mid: 190000, max: 215000}",
          "pay: {min: 200000, mid: 229000, max: 260000}")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "kestrel")
    monkeypatch.chdir(repo)
    assert main(["diff", "main", "kestrel", "-f", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    outside = [f for f in doc["files"] if f["path"] == "../shared/company.yaml"]
    assert len(outside) == 1 and outside[0]["status"] == "unchanged"
    assert (outside[0]["old"], outside[0]["new"]) == ("main:shared/company.yaml",
                                                      "kestrel/../shared/company.yaml")
    assert doc["summary"]["changes"] == 0
    assert doc["summary"]["introduced"] == {"errors": 0, "warnings": 0}


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_revision_s_company_file_over_the_cap_is_too_large_not_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A family read from a git revision names a company file that the revision has but that
    is over the size cap: DL504 says it cannot be read and why, not that it does not exist."""
    repo = tmp_path / "repo"
    shutil.copytree(KESTREL, repo / "kestrel")
    family = (repo / "kestrel" / "data.yaml").stat().st_size
    company = repo / "kestrel" / "company.yaml"
    text = company.read_text(encoding="utf-8")
    company.write_text(text + "#" * family + "\n", encoding="utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "kestrel, its company file padded")
    company.write_text(text, encoding="utf-8")  # on disk: under the cap again
    monkeypatch.chdir(repo)
    cap = ["--max-bytes", str(family)]
    assert main(["diff", "main:kestrel/data.yaml", "kestrel/data.yaml", "-f", "json", *cap]) == 0
    doc = json.loads(capsys.readouterr().out)
    [item] = doc["files"]
    [resolved] = item["findings"]["resolved"]  # the revision's family could not be read
    assert resolved["code"] == "DL504" and "size limit" in resolved["message"]
    assert "does not exist" not in resolved["message"]
    _git(repo, "commit", "-q", "-am", "the company file under the cap")
    # a company file the revision does not have is still said not to exist
    _edit(repo / "kestrel" / "data.yaml", "company: company.yaml", "company: nowhere.yaml")
    _git(repo, "commit", "-q", "-am", "a company file that is not there")
    assert main(["diff", "HEAD~1:kestrel/data.yaml", "HEAD:kestrel/data.yaml", "-f", "json",
                 *cap]) == 0
    doc = json.loads(capsys.readouterr().out)
    [item] = doc["files"]
    [introduced] = item["findings"]["introduced"]
    assert introduced["code"] == "DL504" and "does not exist" in introduced["message"]


def _named_last(side: Path) -> None:
    """The company file renamed so that it sorts after its families (``zz-company.yaml``)."""
    (side / "company.yaml").rename(side / "zz-company.yaml")
    for name in ("data.yaml", "design.yaml", "engineering.yaml"):
        _edit(side / name, "company: company.yaml", "company: zz-company.yaml")


def _report(args: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert main(["diff", *args, "-f", "json"]) == 0
    text = capsys.readouterr().out.replace("zz-company.yaml", "company.yaml")
    return {f["path"]: f for f in json.loads(text)["files"]}


def test_a_company_file_after_its_families_gives_the_same_diff(
    sides: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A company file that sorts after its families is read once, before them (each family is
    read with it), and every change and finding is what it is when the company file comes
    first, in a folder and in a git revision."""
    from dualladder._internal.services.diff import documents

    old, new = sides
    # findings introduced in a family (DL501) and in the company file (a 45 % step, DL202)
    _edit(new / "design.yaml", "family: Design\n",
          "family: Design\n\nlevels:\n  - id: L6\n    pay: {min: 1, mid: 2, max: 3}\n")
    _edit(new / "company.yaml", "pay: {min: 170000, mid: 195700, max: 221500}",
          "pay: {min: 200000, mid: 229000, max: 260000}")
    first = _report([str(old), str(new)], capsys)
    introduced = {(path, x["code"]) for path, f in first.items()  # type: ignore[index]
                  for x in f["findings"]["introduced"]}  # type: ignore[index]
    assert ("design.yaml", "DL501") in introduced and ("company.yaml", "DL202") in introduced
    parsed: list[str] = []
    original = documents.parse_text

    def counting(text: str | bytes, source: str = "<string>") -> object:
        parsed.append(Path(source).name)
        return original(text, source)

    monkeypatch.setattr(documents, "parse_text", counting)
    last = [tmp_path / "last" / "old", tmp_path / "last" / "new"]
    for source, side in zip((old, new), last, strict=True):
        shutil.copytree(source, side)
        _named_last(side)
    moved = _report([str(last[0]), str(last[1])], capsys)
    assert moved == json.loads(json.dumps(first).replace(str(old), str(last[0]))
                               .replace(str(new), str(last[1])))
    # each file once a side, and engineering.yaml (the same bytes on both sides) once in all
    assert sorted(parsed) == sorted([*2 * ["data.yaml", "design.yaml", "zz-company.yaml"],
                                     "engineering.yaml"])
    if shutil.which("git") is None:
        return
    repo = tmp_path / "repo"
    shutil.copytree(last[0], repo / "kestrel")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "old")
    shutil.rmtree(repo / "kestrel")
    shutil.copytree(last[1], repo / "kestrel")
    monkeypatch.chdir(repo)
    revision = _report(["main", "kestrel"], capsys)
    assert revision == json.loads(json.dumps(first).replace(str(old), "main:kestrel")
                                  .replace(str(new), "kestrel"))
