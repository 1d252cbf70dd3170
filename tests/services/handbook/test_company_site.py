"""The company handbook: one site for a company and all its families (golden pages, links,
the MkDocs navigation file, the zone tables, the CLI, escaping)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from pages import FORMATS, MD_LINK, LinkParser, cells, snapshot, tables
from paths import DATA, GOLDEN, KESTREL, ROOT

import dualladder
from dualladder._internal.services.handbook.company import NAV_FILE
from dualladder._internal.util.findings import LadderError
from dualladder.cli import main
from dualladder.company import load_company
from dualladder.handbook import MARKER, render

COMPANY_GOLDEN = GOLDEN / "company"
COMPANY_DATA = DATA / "company"


def check_links(folder: Path, fmt: str) -> None:
    """Every relative link of every page (in every subfolder) points at a file of the site,
    never outside it; HTML anchors exist; Markdown tables are not ragged."""
    root = folder.resolve()
    suffix = ".html" if fmt == "html" else ".md"
    pages = sorted(folder.rglob(f"*{suffix}"))
    assert pages
    ids: dict[Path, set[str]] = {}
    links: list[tuple[Path, str]] = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if fmt == "html":
            parser = LinkParser()
            parser.feed(text)
            ids[page.resolve()] = parser.ids
            links.extend((page, href) for href in parser.hrefs)
            assert parser.srcs == ["style.css"], page
        else:
            links.extend((page, target) for target in MD_LINK.findall(text))
            for table in tables(text):
                assert len({len(cells(row)) for row in table}) == 1, f"{page}: ragged {table}"
    for page, href in links:
        assert not re.match(r"^[a-z][a-z0-9+.-]*:", href), f"{page}: absolute link {href}"
        target, _, anchor = href.partition("#")
        path = (page.parent / target).resolve() if target else page.resolve()
        assert path.is_file(), f"{page}: broken link {href}"
        assert path.is_relative_to(root), f"{page}: {href} leaves the site"
        if fmt == "markdown":
            assert not anchor, f"{page}: a Markdown link with an anchor: {href}"
        elif anchor and path.suffix == ".html":
            assert anchor in ids[path], f"{page}: {href}: no such anchor"


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden_company_site(fmt: str, tmp_path: Path, regen_golden: bool) -> None:
    out = tmp_path / "site"
    written = render(load_company(KESTREL), out, format=fmt)  # type: ignore[arg-type]
    assert written == sorted(written)
    got = snapshot(out)
    assert sorted(got) == sorted(p.relative_to(out).as_posix() for p in written)
    golden = COMPANY_GOLDEN / fmt
    if regen_golden:
        shutil.rmtree(golden, ignore_errors=True)
        shutil.copytree(out, golden)
    want = snapshot(golden)
    assert sorted(got) == sorted(want), "the company site's files differ from tests/golden"
    for name in sorted(want):
        assert got[name].decode() == want[name].decode(), (
            f"company/{fmt}/{name} differs from tests/golden (pytest --regen-golden rewrites it)"
        )


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_site_has_the_company_pages_and_a_folder_per_family(fmt: str, tmp_path: Path
                                                                ) -> None:
    out = tmp_path / "site"
    render(load_company(KESTREL), out, format=fmt)  # type: ignore[arg-type]
    suffix = ".html" if fmt == "html" else ".md"
    top = {p.name for p in out.iterdir()}
    levels = {f"level-l{n}{suffix}" for n in range(3, 9)}
    extra = {"style.css"} if fmt == "html" else {NAV_FILE}
    assert top == {MARKER, f"index{suffix}", f"pay{suffix}", *levels, *extra,
                   "data", "design", "engineering"}
    for family in ("data", "design", "engineering"):
        names = {p.name for p in (out / family).iterdir()}
        assert f"index{suffix}" in names and f"pay{suffix}" in names and MARKER not in names
    check_links(out, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_site_is_byte_identical_on_repeat(fmt: str, tmp_path: Path) -> None:
    company = load_company(KESTREL)
    render(company, tmp_path / "a", format=fmt)  # type: ignore[arg-type]
    render(load_company(KESTREL), tmp_path / "b", format=fmt)  # type: ignore[arg-type]
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


def test_a_level_page_puts_every_family_side_by_side(tmp_path: Path) -> None:
    render(load_company(KESTREL), tmp_path / "s")
    text = (tmp_path / "s" / "level-l6.md").read_text(encoding="utf-8")
    rows = [cells(r) for r in next(tables(text))]
    assert [c.strip() for c in rows[0]] == ["Family", "Management", "Technical", "Band"]
    families = [re.sub(r"\[(.*?)\]\(.*", r"\1", r[0].strip()) for r in rows[2:]]
    assert families == ["Data", "Design", "Engineering"]
    data = rows[2]
    assert "Staff Data Scientist" in data[2] and "174,900" in data[3] and "1.06" in data[3]


def test_pay_pages_show_every_zone(tmp_path: Path) -> None:
    render(load_company(KESTREL), tmp_path / "md")
    company_pay = (tmp_path / "md" / "pay.md").read_text(encoding="utf-8")
    assert re.findall(r"^## (.+)$", company_pay, flags=re.M) == [
        "Base · USD", "sf (San Francisco Bay Area) · USD", "berlin (Berlin) · EUR"]
    family_pay = (tmp_path / "md" / "data" / "pay.md").read_text(encoding="utf-8")
    zones = re.findall(r"^### (.+)$", family_pay, flags=re.M)
    assert zones == ["sf (San Francisco Bay Area) · USD", "berlin (Berlin) · EUR"]
    # the Staff Data Scientist in San Francisco: 165,000 x 1.15 -> 190,000, x 1.06 -> 201,000
    assert "| Staff Data Scientist | 201,000 | 232,000 | 262,000 |" in family_pay
    render(load_company(KESTREL), tmp_path / "html", format="html")
    page = (tmp_path / "html" / "pay.html").read_text(encoding="utf-8")
    assert page.count('type="radio"') == 3 and page.count('class="zone-panel"') == 3
    assert page.count(" checked>") == 1


def test_the_mkdocs_nav_lists_levels_in_scale_order(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    shutil.copytree(COMPANY_DATA / "base", folder)
    levels = "\n".join(
        f"  - {{id: L{n}, pay: {{min: {100 + 10 * n}000, mid: {110 + 10 * n}000, "
        f"max: {125 + 10 * n}000}}}}" for n in range(1, 12)
    )
    text = (folder / "company.yaml").read_text(encoding="utf-8")
    text = re.sub(r"levels:\n(  - .*\n)+", f"levels:\n{levels}\n", text)
    (folder / "company.yaml").write_text(text, encoding="utf-8")
    company = load_company(folder)
    render(company, tmp_path / "out", allow_invalid=True)
    nav = yaml.safe_load((tmp_path / "out" / NAV_FILE).read_text(encoding="utf-8"))
    (site,) = nav["nav"]
    entries = site["Example Co"]
    by_name = {next(iter(e)): next(iter(e.values())) for e in entries}
    order = [next(iter(e)) for e in by_name["Levels"]]
    assert order == [f"L{n}" for n in range(1, 12)]  # L10 after L9, not before L2
    family = by_name["Families"][0]["Engineering"]
    family_levels = next(e["Levels"] for e in family if "Levels" in e)
    assert [next(iter(e)) for e in family_levels] == [f"L{n}" for n in range(1, 12)]

    def paths(node: object) -> list[str]:
        if isinstance(node, str):
            return [node]
        if isinstance(node, list):
            return [p for item in node for p in paths(item)]
        assert isinstance(node, dict)
        return [p for value in node.values() for p in paths(value)]

    listed = paths(nav)
    assert all((tmp_path / "out" / p).is_file() for p in listed)
    pages = {p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.md")}
    assert set(listed) == pages


def test_a_company_with_errors_is_refused_unless_allowed(tmp_path: Path) -> None:
    company = load_company(COMPANY_DATA / "negative" / "DL501")
    with pytest.raises(LadderError) as caught:
        render(company, tmp_path / "out")
    assert {f.code for f in caught.value.findings} >= {"DL501"}
    assert not (tmp_path / "out").exists()
    render(company, tmp_path / "out", allow_invalid=True)
    index = (tmp_path / "out" / "index.md").read_text(encoding="utf-8")
    assert "DL501" in index and "in data.yaml" in index


def test_a_single_family_renders_alone_with_its_zones(tmp_path: Path) -> None:
    render(dualladder.load(KESTREL / "data.yaml"), tmp_path / "data")
    pay = (tmp_path / "data" / "pay.md").read_text(encoding="utf-8")
    assert "## Pay by zone" in pay and "### berlin (Berlin) · EUR" in pay
    assert "Part of the" not in (tmp_path / "data" / "index.md").read_text(encoding="utf-8")


def test_hostile_names_are_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    shutil.copytree(COMPANY_DATA / "base", folder)
    company = folder / "company.yaml"
    company.write_text(company.read_text(encoding="utf-8").replace(
        "name: Europe", "name: '<script>alert(1)</script> | [x](http://evil)'"), encoding="utf-8")
    family = folder / "engineering.yaml"
    family.write_text(family.read_text(encoding="utf-8").replace(
        "family: Engineering", "family: '../../<b>Eng</b> | *x*'"), encoding="utf-8")
    render(load_company(folder), tmp_path / "h", format="html")
    for page in (tmp_path / "h").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>" not in text and "<b>Eng</b>" not in text, page
    assert {p.name for p in (tmp_path / "h").iterdir() if p.is_dir()} == {"b-eng-b-x"}
    render(load_company(folder), tmp_path / "m")
    check_links(tmp_path / "m", "markdown")
    for page in (tmp_path / "m").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert not any("evil" in link for link in MD_LINK.findall(text)), page
        assert "\\[x\\](http://evil)" in text or "evil" not in text, page


# -- the command line --------------------------------------------------------------------------


def test_cli_renders_a_company_folder_as_one_site(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(KESTREL), "-o", str(tmp_path / "site"), "--format", "html"]) == 0
    out = capsys.readouterr().out
    assert "wrote Kestrel Analytics company handbook (html)" in out
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "data" / "index.html").is_file()


def test_cli_renders_the_examples_folder_with_the_company_in_its_own_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", str(ROOT / "ladders"), "-o", str(tmp_path / "all")]) == 0
    capsys.readouterr()
    names = {p.name for p in (tmp_path / "all").iterdir()}
    standalone = {p.stem for p in (ROOT / "ladders").glob("*.yaml")}
    assert "acme-robotics-engineering" in standalone
    # each handbook in its folder, and the index page that links them with their navigation
    assert names == standalone | {"kestrel", "index.md", NAV_FILE}
    assert (tmp_path / "all" / "kestrel" / NAV_FILE).is_file()


def test_cli_refuses_a_company_with_errors(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["render", str(COMPANY_DATA / "negative" / "DL502"), "-o", str(tmp_path / "s")])
    out, err = capsys.readouterr()
    assert code == 1 and "DL502" in out and "not rendering" in err
    assert not (tmp_path / "s").exists()
    code = main(["render", str(COMPANY_DATA / "negative" / "DL504"), "-o", str(tmp_path / "s")])
    out, err = capsys.readouterr()
    assert code == 1 and "DL504" in out
