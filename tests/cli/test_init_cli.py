"""``dualladder init`` (issue 21): a commented starting ladder, or a company of two families and
a pay zone, that validates as written and renders; never over an existing file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from dualladder.cli import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_init_writes_a_commented_ladder_that_validates_and_renders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(capsys, "init")
    assert (code, err) == (0, "")
    assert out == ("wrote ladder.yaml; next: dualladder validate ladder.yaml && dualladder "
                   "render ladder.yaml -o handbook --format html\n")
    text = (tmp_path / "ladder.yaml").read_text(encoding="utf-8")
    assert text.startswith("# A dual career ladder, written by `dualladder init`")
    assert sum(line.lstrip().startswith("#") for line in text.splitlines()) >= 10
    data = yaml.safe_load(text)
    assert set(data["tracks"]) == {"management", "technical"}
    assert data["effective"] == date.today()  # effective from the day it is written
    # validates as written: no finding at all, not even a warning
    code, out, err = _run(capsys, "validate", "--strict", "ladder.yaml")
    assert (code, err) == (0, "")
    assert out.strip().lower() == "no problems in 1 file"
    for fmt in ("markdown", "html"):
        code, out, err = _run(capsys, "render", "ladder.yaml", "-o", f"hb-{fmt}", "--format", fmt)
        assert (code, err) == (0, "")
        assert (tmp_path / f"hb-{fmt}" / ("index.md" if fmt == "markdown" else "index.html")
                ).is_file()


def test_init_company_writes_two_families_and_a_zone_that_validate_and_render(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "acme"
    code, out, err = _run(capsys, "init", "--company", folder)
    assert (code, err) == (0, "")
    assert sorted(p.name for p in folder.iterdir()) == [
        "company.yaml", "design.yaml", "engineering.yaml"]
    company = yaml.safe_load((folder / "company.yaml").read_text(encoding="utf-8"))
    assert company["dualladder-company"] == 1 and len(company["zones"]) == 1
    families = [yaml.safe_load((folder / name).read_text(encoding="utf-8"))
                for name in ("engineering.yaml", "design.yaml")]
    assert [f["family"] for f in families] == ["Engineering", "Design"]
    assert all(f["company"] == "company.yaml" for f in families)
    code, out, err = _run(capsys, "validate", "--strict", folder)
    assert (code, err) == (0, "")
    assert out.strip().lower() == "no problems in 3 files"
    code, out, err = _run(capsys, "render", folder, "-o", tmp_path / "site", "--format", "html")
    assert (code, err) == (0, "")
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "engineering" / "index.html").is_file()
    # the zone pays the base bands times 1.15, rounded to 1,000
    code, out, err = _run(capsys, "postings", folder, "--format", "csv")
    assert code == 0
    assert ("Design,management,Design Management,L5,Career,Design Manager,,metro,USD,155000,"
            "204000,") in out


def test_init_into_a_folder_writes_ladder_yaml_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "init", tmp_path)
    assert code == 0 and (tmp_path / "ladder.yaml").is_file()
    assert str(tmp_path / "ladder.yaml") in out


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = tmp_path / "ladder.yaml"
    mine.write_text("precious\n", encoding="utf-8")
    code, out, err = _run(capsys, "init", mine)
    assert (code, out) == (2, "")
    assert err == (f"dualladder: error: {mine}: exists; init never overwrites a file (nothing "
                   "written)\n")
    assert mine.read_text(encoding="utf-8") == "precious\n"


def test_init_company_writes_nothing_when_one_file_exists(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "design.yaml").write_text("mine\n", encoding="utf-8")
    code, _, err = _run(capsys, "init", "--company", tmp_path)
    assert code == 2 and "design.yaml: exists; init never overwrites" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["design.yaml"]
    assert (tmp_path / "design.yaml").read_text(encoding="utf-8") == "mine\n"


def test_init_that_cannot_write_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "init", tmp_path / "no" / "such" / "ladder.yaml")
    assert (code, out) == (2, "")
    assert err.startswith("dualladder: error: ") and len(err.splitlines()) == 1


def test_init_of_a_name_without_an_extension_writes_name_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``init engineering`` wrote a file called ``engineering``, which ``validate .`` and
    ``render .`` never find (they read *.yaml and *.yml in a folder): it writes
    ``engineering.yaml``, and says so."""
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(capsys, "init", "engineering")
    assert (code, err) == (0, "")
    assert out.startswith("wrote engineering.yaml; next: dualladder validate engineering.yaml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["engineering.yaml"]
    code, out, _ = _run(capsys, "validate", "--strict", ".")
    assert code == 0 and out.strip().lower() == "no problems in 1 file"
    # .yml is a ladder's name too; an existing file of the new name is never overwritten
    assert _run(capsys, "init", "design.yml")[0] == 0 and (tmp_path / "design.yml").is_file()
    code, out, err = _run(capsys, "init", "engineering")
    assert (code, out) == (2, "") and "engineering.yaml: exists; init never overwrites" in err


@pytest.mark.parametrize(("name", "message"), [
    ("ladder.txt", "ladder.txt: a ladder is a YAML file named *.yaml or *.yml (what validate "
                   "and render find in a folder): write ladder.txt.yaml"),
    ("Ladder.YAML", "write Ladder.yaml"),
    ("hr/", "hr/: no such folder; make it first, or name the ladder's file (hr.yaml)"),
])
def test_init_refuses_a_name_validate_would_not_find(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    name: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(capsys, "init", name)
    assert (code, out) == (2, "")
    assert err.startswith("dualladder: error: ") and message in err
    assert len(err.splitlines()) == 1 and list(tmp_path.iterdir()) == []
