"""``render`` for a docs site (issue 21): one ladder's Markdown handbook lists its pages for MkDocs
as a company site does (``mkdocs-nav.yml``, ``--nav-prefix``); a folder of several ladders gets
an index page linking them; ``render`` says which page to open. End to end on the examples."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from paths import ACME, LADDERS

from dualladder.cli import main

NAV = "mkdocs-nav.yml"


def _run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _paths(node: Any) -> list[str]:
    """Every page path of a navigation, in order."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [p for item in node for p in _paths(item)]
    assert isinstance(node, dict)
    return [p for value in node.values() for p in _paths(value)]


def _nav(folder: Path) -> Any:
    return yaml.safe_load((folder / NAV).read_text(encoding="utf-8"))["nav"]


def test_one_ladder_in_markdown_lists_its_pages_for_mkdocs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "hb"
    code, printed, err = _run(capsys, "render", ACME, "-o", out)
    assert (code, err) == (0, "")
    assert printed.splitlines()[-1].endswith(f"files written; open {out / 'index.md'}")
    (site,) = _nav(out)
    (title, entries), = site.items()
    assert title == "Acme Robotics · Engineering"
    by_name = {next(iter(e)): next(iter(e.values())) for e in entries}
    assert list(by_name) == ["Overview", "Pay bands", "Decision rights", "Tracks", "Levels"]
    levels = [next(iter(e.values())) for e in by_name["Levels"]]
    assert levels == [f"level-l{n}.md" for n in range(3, 11)]  # the scale's order: L10 last
    pages = {p.name for p in out.glob("*.md")}
    assert sorted(_paths(site)) == sorted(pages)  # every page, once


def test_nav_prefix_is_where_the_pages_sit_in_the_docs_tree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    code, _, err = _run(capsys, "render", ACME, "-o", docs / "career" / "acme",
                        "--nav-prefix", "career/acme")
    assert (code, err) == (0, "")
    text = (docs / "career" / "acme" / NAV).read_text(encoding="utf-8")
    assert "Paths start at MkDocs' docs/ folder" in text
    listed = _paths(_nav(docs / "career" / "acme"))
    assert listed[0] == "career/acme/index.md"
    assert all((docs / p).is_file() for p in listed)  # each path, from docs/


def test_nav_prefix_of_a_company(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "docs" / "kestrel"
    code, printed, _ = _run(capsys, "render", LADDERS / "kestrel", "-o", out,
                            "--nav-prefix", "kestrel")
    assert code == 0 and printed.splitlines()[-1].endswith(f"open {out / 'index.md'}")
    listed = _paths(_nav(out))
    assert listed[0] == "kestrel/index.md" and "kestrel/engineering/level-l8.md" in listed
    assert all((tmp_path / "docs" / p).is_file() for p in listed)


@pytest.mark.parametrize("prefix", ["../outside", "/srv/docs", "ca\nreer"])
def test_a_nav_prefix_outside_the_docs_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], prefix: str
) -> None:
    code, out, err = _run(capsys, "render", ACME, "-o", tmp_path / "hb", "--nav-prefix", prefix)
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1 and "--nav-prefix" in err
    assert not (tmp_path / "hb").exists()


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_a_folder_of_several_ladders_gets_an_index_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    out = tmp_path / "all"
    suffix = ".md" if fmt == "markdown" else ".html"
    code, printed, err = _run(capsys, "render", LADDERS, "-o", out, "--format", fmt)
    assert (code, err) == (0, "")
    index = out / f"index{suffix}"
    assert printed.splitlines()[-1].endswith(f"files written; open {index}")
    text = index.read_text(encoding="utf-8")
    pattern = r"\]\(([^)]+)\)" if fmt == "markdown" else r'href="([^"]+)"'
    links = re.findall(pattern, text)
    folders = sorted({p.stem for p in LADDERS.glob("*.yaml")} | {"kestrel"})
    assert sorted(link.split("/")[0] for link in links) == folders  # each handbook, once
    assert all((out / link).is_file() for link in links)
    assert "Kestrel Analytics" in text and "company of 3 job families" in text
    if fmt == "html":
        assert '<html lang="en">' in text and 'name="viewport"' in text


def test_the_index_navigation_holds_every_handbook_and_mkdocs_builds_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    code, _, _ = _run(capsys, "render", LADDERS, "-o", docs / "career", "--nav-prefix", "career")
    assert code == 0
    (site,) = _nav(docs / "career")
    listed = _paths(site)
    assert listed[0] == "career/index.md"
    pages = {p.relative_to(docs).as_posix() for p in (docs / "career").rglob("*.md")}
    assert sorted(listed) == sorted(pages)  # every page of every handbook, once
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    config = {"site_name": "Handbooks", "nav": [{"Home": "index.md"}, site]}
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True),
                                         encoding="utf-8")
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
        cwd=tmp_path, capture_output=True, text=True, check=False, timeout=600,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    assert (tmp_path / "site" / "career" / "kestrel" / "engineering" / "level-l8" /
            "index.html").is_file()


def test_the_index_is_replaced_on_the_next_render_but_never_a_file_of_yours(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "docs"
    assert _run(capsys, "render", LADDERS, "-o", out)[0] == 0
    assert _run(capsys, "render", LADDERS, "-o", out)[0] == 0  # its own index: replaced
    other = tmp_path / "docs2"
    other.mkdir()
    (other / "index.md").write_text("# Our docs\n", encoding="utf-8")
    code, printed, err = _run(capsys, "render", LADDERS, "-o", other)
    assert (code, printed) == (2, "")
    assert err == (f"dualladder: error: {other / 'index.md'}: exists and was not written by "
                   f"dualladder; rendering several handbooks into {other} writes its index.md "
                   "(choose another output folder, or move the file)\n")
    assert [p.name for p in other.iterdir()] == ["index.md"]  # nothing rendered
    assert (other / "index.md").read_text(encoding="utf-8") == "# Our docs\n"


def test_one_company_renders_alone_with_no_index_of_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A company folder renders as one site into DIR: its overview is the page to open."""
    out = tmp_path / "site"
    code, printed, _ = _run(capsys, "render", LADDERS / "kestrel", "-o", out, "--format", "html")
    assert code == 0 and printed.splitlines()[-1].endswith(f"open {out / 'index.html'}")
    assert "Career handbooks" not in (out / "index.html").read_text(encoding="utf-8")
