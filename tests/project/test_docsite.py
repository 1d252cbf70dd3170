"""The documentation site (mkdocs.yml): every page of docs/ is in the nav and every nav entry is a
page; each API reference page documents a public package through a ``:::`` directive; and the
site builds with ``mkdocs build --strict`` (no broken link or anchor, no docstring the reference
cannot read), as CI builds it."""

from __future__ import annotations

import importlib
import pkgutil
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from paths import DOCS, ROOT

CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def _pages(nav: Any) -> Iterator[str]:
    """The page files of a MkDocs nav (a list of pages, ``{title: page}`` and sections)."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for entry in nav:
            yield from _pages(entry)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _pages(value)


def test_the_nav_holds_every_page_once() -> None:
    listed = list(_pages(CONFIG["nav"]))
    on_disk = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
    assert len(listed) == len(set(listed)), "a page is in the nav twice"
    missing = [f"docs/{page}" for page in on_disk if page not in listed]
    assert not missing, f"add {', '.join(missing)} to the nav in mkdocs.yml"
    gone = [page for page in listed if page not in on_disk]
    assert not gone, f"mkdocs.yml's nav lists pages docs/ does not hold: {', '.join(gone)}"


def test_each_reference_page_documents_a_public_package() -> None:
    pages = sorted((DOCS / "reference").glob("*.md"))
    assert pages
    for page in pages:
        targets = re.findall(r"^::: ([\w.]+)$", page.read_text(encoding="utf-8"), re.MULTILINE)
        assert targets, f"{page.name} has no ::: directive"
        for target in targets:
            module = importlib.import_module(target)
            assert module.__all__, f"{target} has no public names"


#: Public modules without a reference page: the command line (docs/cli.md is its reference) and
#: the tool that prints the key tables of docs/format.md and docs/plan.md.
NO_PAGE = {"cli": "docs/cli.md", "keys": "a maintainer's tool"}


def test_every_public_package_has_a_reference_page() -> None:
    """A public package (or module) of ``dualladder`` is documented on its own reference page
    in docs/reference/, named after it and holding its ``:::`` directive; adding a public package
    means adding its page."""
    import dualladder

    public = sorted(m.name for m in pkgutil.iter_modules(dualladder.__path__)
                    if not m.name.startswith("_") and m.name not in NO_PAGE)
    assert public
    for name in public:
        page = DOCS / "reference" / f"{name}.md"
        assert page.is_file(), f"dualladder.{name} is public: give it {page.relative_to(ROOT)}"
        assert f"\n::: dualladder.{name}\n" in page.read_text(encoding="utf-8")


def test_the_site_builds_strictly(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr, built.stderr
    reference = (tmp_path / "reference" / "index.html").read_text("utf-8")
    assert 'id="dualladder.load"' in reference and 'id="dualladder.Ladder"' in reference
    for page in (tmp_path / "reference").rglob("index.html"):
        html = page.read_text("utf-8")
        # Sphinx roles and interactive examples are made Markdown (.ci/griffe_roles.py)
        assert not re.search(r":(func|class|meth|attr|data|mod|exc):`", html), page
        assert "<blockquote>" not in html, page
