"""Checks over a rendered handbook folder that the handbook, company-site and shapes tests
share: every link and anchor resolves inside the folder, Markdown tables are not ragged,
pictures are SVG, and :func:`snapshot` of a folder's bytes (to show a failed render changed
nothing)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

#: The handbook's output formats.
FORMATS = ("markdown", "html")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (relative path -> bytes)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


class LinkParser(HTMLParser):
    """The ids, link targets and linked resources (stylesheets, pictures, scripts) of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.srcs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("href") is not None:
            self.hrefs.append(values["href"] or "")
        if tag in ("link", "img", "object", "script") and (values.get("href") or values.get("src")):
            self.srcs.append(values.get("href") or values.get("src") or "")


def check_html_links(folder: Path) -> None:
    """Every relative link of every page points at a file of the folder (and its anchor)."""
    parsed: dict[str, LinkParser] = {}
    for page in sorted(folder.glob("*.html")):
        parser = LinkParser()
        parser.feed(page.read_text(encoding="utf-8"))
        parsed[page.name] = parser
    assert "index.html" in parsed
    for name, parser in parsed.items():
        assert parser.srcs == ["style.css"], name
        for href in parser.hrefs:
            assert not re.match(r"^[a-z][a-z0-9+.-]*:", href), f"{name}: absolute link {href}"
            target, _, anchor = href.partition("#")
            target = target or name
            assert "/" not in target and (folder / target).is_file(), f"{name}: {href}"
            if anchor:
                assert anchor in parsed[target].ids, f"{name}: {href}: no such anchor"
        # every page links to every other page (the navigation)
        linked = {h.partition("#")[0] for h in parser.hrefs}
        assert set(parsed) - {name} <= linked, name


MD_LINK = re.compile(r"(?<!\\)\]\(([^)\s]+)\)")


def check_markdown(folder: Path) -> None:
    """Relative links and images resolve; every table row has its header's cell count."""
    for page in sorted(folder.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        for target in MD_LINK.findall(text):
            assert not re.match(r"^[a-z][a-z0-9+.-]*:", target), f"{page.name}: {target}"
            path, _, anchor = target.partition("#")
            assert (folder / path).is_file(), f"{page.name}: broken link {target}"
            if anchor:
                linked = (folder / path).read_text(encoding="utf-8")
                assert f'id="{anchor}"' in linked, f"{page.name}: no anchor {target}"
        for table in tables(text):
            widths = {len(cells(row)) for row in table}
            assert len(widths) == 1, f"{page.name}: ragged table {table}"


def tables(text: str) -> Iterator[list[str]]:
    """The Markdown tables of ``text``, each as its rows (lines starting with a pipe)."""
    block: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            block.append(line)
        elif block:
            yield block
            block = []


def cells(row: str) -> list[str]:
    """Split a GitHub table row at its unescaped pipes (a backslash escapes the next char)."""
    out, current, escaped = [], "", False
    for char in row.strip()[1:-1]:
        if escaped:
            current += char
            escaped = False
        elif char == "\\":
            current += char
            escaped = True
        elif char == "|":
            out.append(current)
            current = ""
        else:
            current += char
    out.append(current)
    return out


def check_svgs(folder: Path) -> None:
    """Every SVG picture of the folder is an SVG document with a size."""
    for svg in sorted(folder.glob("*.svg")):
        root = ET.parse(svg).getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg", svg.name
        assert float(root.get("width", "0")) > 0 and float(root.get("height", "0")) > 0


def check_inside(out: Path, written: list[Path]) -> None:
    """The files a render reports having written are, sorted, exactly the folder's files."""
    root = out.resolve()
    assert written == sorted(written)
    for path in written:
        assert path.resolve().parent == root, path
        assert path.is_file()
    assert {p.name for p in written} == {p.name for p in out.iterdir()}
