"""`dualladder diff` as a reviewer reads it (issue 22, item 9): the Markdown comment shows the
errors a change introduces in the open, links line numbers to the file at its revision
(``--link``), names tracks and zones by display name and shows what a zone's new factor does
to its bands; the JSON writes ``null`` for "nothing" and fills the details of added levels.
End to end on real files: the example ladders, copied into temporary git repositories."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from paths import DATA, LADDERS

from dualladder.cli import main

DIFF_DATA = DATA / "diff"
GITHUB = "https://github.com/o/r/blob/{rev}/{path}#L{line}"
GITLAB = "https://gitlab.example.com/group/project/-/blob/{rev}/{path}#L{line}"

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    done = subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True,
                          text=True)
    return done.stdout


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["diff", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def kestrel(tmp_path: Path) -> Path:
    """A repository holding the example ladders committed on ``main``; the work tree then
    changes Kestrel: the San Francisco zone's factor 1.15 -> 1.2, the Engineering management
    track renamed, an L9 level added to the company, and one Engineering rung's expectation
    removed (a removal: its line is in the old version)."""
    root = tmp_path / "repo"
    shutil.copytree(LADDERS, root / "ladders")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "base")
    company = root / "ladders" / "kestrel" / "company.yaml"
    _edit(company, "factor: 1.15", "factor: 1.2")
    _edit(company, "    pay: {min: 236000, mid: 273000, max: 310000}\n",
          "    pay: {min: 236000, mid: 273000, max: 310000}\n  - id: L9\n    name: Fellow\n"
          "    pay: {min: 280000, max: 360000}\n")
    engineering = root / "ladders" / "kestrel" / "engineering.yaml"
    _edit(engineering, "    name: Engineering Management\n", "    name: People Leadership\n")
    return root


@needs_git
def test_markdown_links_lines_to_the_file_at_its_revision(
    kestrel: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(kestrel)
    head = _git(kestrel, "rev-parse", "HEAD").strip()
    code, out, err = _run(capsys, "main", "ladders", "-f", "markdown", "--link", GITHUB)
    assert (code, err) == (0, "")
    # the new side is the work tree: its lines link to HEAD, by their path from the top
    assert f"[44](https://github.com/o/r/blob/{head}/ladders/kestrel/company.yaml#L44)" in out
    # the level added leaves Berlin (explicit bands) without an L9 band: an error, in the open
    assert ("#### kestrel/company.yaml: 1 error introduced\n\n- `DL505` error, line "
            f"[49](https://github.com/o/r/blob/{head}/ladders/kestrel/company.yaml#L49)") in out
    # GitLab's form, the same way
    code, out, _ = _run(capsys, "main", "ladders", "-f", "markdown", "--link", GITLAB)
    assert code == 0
    assert (f"(https://gitlab.example.com/group/project/-/blob/{head}/ladders/kestrel/"
            "company.yaml#L44)") in out


@needs_git
def test_a_removed_line_links_to_the_old_revision(
    kestrel: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a branch behind main the old side is the merge base: a removal's line links to the
    merge base's commit (the line as it was), a change's line to HEAD."""
    monkeypatch.chdir(kestrel)
    base = _git(kestrel, "rev-parse", "HEAD").strip()
    _git(kestrel, "checkout", "-q", "-b", "feature")
    _git(kestrel, "commit", "-q", "-am", "feature")
    head = _git(kestrel, "rev-parse", "HEAD").strip()
    _git(kestrel, "checkout", "-q", "main")
    (kestrel / "README.md").write_text("main moves on\n", encoding="utf-8")
    _git(kestrel, "add", "README.md")
    _git(kestrel, "commit", "-q", "-m", "main moves on")
    _git(kestrel, "checkout", "-q", "feature")
    company = kestrel / "ladders" / "kestrel" / "company.yaml"
    text = company.read_text(encoding="utf-8")
    company.write_text(text[:text.index("  - id: berlin\n")], encoding="utf-8")
    code, out, _ = _run(capsys, "main", "ladders", "-f", "markdown", "--link", GITHUB)
    assert code == 0
    assert (f"| old [43](https://github.com/o/r/blob/{base}/ladders/kestrel/company.yaml#L43) "
            "| zone Berlin | zone removed |") in out
    assert f"| [44](https://github.com/o/r/blob/{head}/ladders/kestrel/company.yaml#L44) " \
        "| zone San Francisco Bay Area |" in out


@needs_git
def test_tracks_and_zones_by_display_name_and_a_zone_factor_shows_its_bands(
    kestrel: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(kestrel)
    code, out, _ = _run(capsys, "main", "ladders", "-f", "markdown")
    assert code == 0
    assert "| track People Leadership | renamed Engineering Management \u2192 People " \
        "Leadership |" in out
    assert "| zone San Francisco Bay Area | factor 1.15 \u2192 1.2; the zone's bands of L3 to " \
        "L8 (6 levels) change by +3.9% to +4.6% at the midpoint |" in out
    table = out[out.index("**zone San Francisco Bay Area: its bands after this change**"):]
    # L3: 95,000 x 1.15 = 109,250 -> 109,000; x 1.2 = 114,000 (rounded to 1,000)
    assert "| L3 | USD 109,000 / 127,000 / 144,000 | USD 114,000 / 132,000 / 150,000 | " \
        "min +4.6%, mid +3.9%, max +4.2% |" in table
    assert table.count("\n| L") == 6  # L9 is new: reported as a level added, not here
    # the JSON has the same, exactly
    code, out, _ = _run(capsys, "main", "ladders", "-f", "json")
    changes = [c for f in json.loads(out)["files"] for c in f["changes"]]
    factor = next(c for c in changes if c["kind"] == "zone.changed")
    assert (factor["subject"], factor["label"]) == ("zone sf", "zone San Francisco Bay Area")
    assert factor["details"]["factor"] == {"old": "1.15", "new": "1.2"}
    assert factor["details"]["bands"]["L8"]["fields"]["max"] == {
        "old": "357000", "new": "372000", "change": "15000", "percent": "4.2"}


@needs_git
def test_json_added_level_has_its_details(
    kestrel: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(kestrel)
    _, out, _ = _run(capsys, "main", "ladders", "-f", "json")
    doc = json.loads(out)
    assert doc["version"] == 2
    added = next(c for f in doc["files"] for c in f["changes"] if c["kind"] == "level.added")
    assert added["old"] is None and added["new"] == "L9"
    assert added["details"] == {
        "name": "Fellow", "place": 7, "below": "L8", "above": None,
        "pay": {"min": "280000", "mid": "320000", "max": "360000", "currency": "USD",
                "mid_derived": True},
    }


def _values(doc: dict[str, Any]) -> list[Any]:
    return [c[key] for f in doc["files"] for c in f["changes"] for key in ("old", "new")]


def test_json_nothing_before_is_null(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A value that was not there is ``null``, whatever the kind of change (a field, a band,
    a reward, a scope), never the word "none"."""
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    shutil.copy(DIFF_DATA / "old" / "eng.yaml", old)
    shutil.copy(DIFF_DATA / "old" / "eng.yaml", new)
    text = new.read_text(encoding="utf-8")
    text = text.replace("currency: USD\n", "currency: USD\neffective: 2027-01-01\n", 1)
    text = text.replace("        scope: team\n        rewards: {bonus_target: 0.10, equity: 20000, "
                        "perks: [stock options]}\n",
                        "        scope: team\n        code: ENG-M5\n        rewards: "
                        "{bonus_target: 0.10, equity: 20000, perks: [stock options]}\n", 1)
    text = text.replace("  - id: L4\n    pay: {min: 100000, mid: 120000, max: 140000}\n",
                        "  - id: L4\n    name: Developing\n    pay: {min: 100000, mid: 120000, "
                        "max: 140000}\n", 1)
    new.write_text(text, encoding="utf-8")
    code, out, _ = _run(capsys, str(old), str(new), "-f", "json")
    assert code == 0
    doc = json.loads(out)
    changes = {c["kind"]: c for f in doc["files"] for c in f["changes"]}
    assert changes["ladder.changed"]["old"] is None
    assert changes["ladder.changed"]["new"] == "2027-01-01"
    assert changes["rung.code"]["old"] is None and changes["rung.code"]["new"] == "ENG-M5"
    assert changes["level.renamed"]["old"] is None
    assert "none" not in _values(doc)
    # and the other way round: nothing after is null too
    code, out, _ = _run(capsys, str(new), str(old), "-f", "json")
    back = {c["kind"]: c for f in json.loads(out)["files"] for c in f["changes"]}
    assert back["ladder.changed"]["new"] is None and back["rung.code"]["new"] is None


def test_errors_are_in_the_open_and_their_file_unfolded(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(DIFF_DATA)
    code, out, _ = _run(capsys, "old", "new", "-f", "markdown")
    assert code == 0
    errors = out.index("#### eng.yaml: 2 errors introduced")
    opened = out.index("<details open><summary>eng.yaml: 7 changes</summary>")
    # both errors stand between the heading and the (open) block of changes
    assert errors < out.index("`DL103` error, line 69") < opened
    assert errors < out.index("`DL104` error, line 71") < opened
    # files without errors stay folded
    assert "<details><summary>data.yaml: 1 change</summary>" in out
    # without --link, and for files outside a repository, line numbers are plain text
    assert "](" not in out


def test_errors_come_first_when_the_comment_is_cut(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from dualladder._internal.services.diff import report

    monkeypatch.chdir(DIFF_DATA)
    monkeypatch.setattr(report, "MARKDOWN_MAX_ROWS", 2)
    _, out, _ = _run(capsys, "old", "new", "-f", "markdown")
    assert "`DL103` error" in out and "`DL104` error" in out
    assert "| old 1 | data.yaml |" not in out  # the budget went to the errors
    assert "rows left out to keep this comment short" in out


@pytest.mark.parametrize("template, message", [
    ("https://x/{rev}/{path}", "needs {line}"),
    ("https://x/{rev}/{path}#L{line}{rev.__class__}", "unknown placeholder {rev.__class__}"),
    ("https://x/{path}#L{line})<script>", "give an http(s) URL"),
    ("javascript:alert(1)//{line}", "give an http(s) URL"),
    ("https://x/{path} #L{line}", "give an http(s) URL"),
])
def test_a_bad_link_template_is_a_usage_error(
    template: str, message: str, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(DIFF_DATA)
    code, out, err = _run(capsys, "old", "new", "-f", "markdown", "--link", template)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert message in err


def test_link_is_for_markdown(capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DIFF_DATA)
    code, _, err = _run(capsys, "old", "new", "-f", "json", "--link", GITHUB)
    assert code == 2 and "--link is for --format markdown" in err


@needs_git
def test_a_path_is_percent_encoded_in_a_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "repo"
    folder = root / "my ladders (draft)"
    folder.mkdir(parents=True)
    shutil.copy(DIFF_DATA / "old" / "eng.yaml", folder / "eng.yaml")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "base")
    shutil.copy(DIFF_DATA / "new" / "eng.yaml", folder / "eng.yaml")
    monkeypatch.chdir(root)
    code, out, _ = _run(capsys, "main", "my ladders (draft)", "-f", "markdown", "--link", GITHUB)
    assert code == 0
    assert "/my%20ladders%20%28draft%29/eng.yaml#L69)" in out
