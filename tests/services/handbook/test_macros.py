"""``plural`` of ``markdown/_macros.md.j2`` (mends item 4): no built-in page calls it, but
docs/handbook.md lists it among the macros a user's template may import, so it stays and is
the reader's language's: the count written the locale's way, the form chosen by its plural
rules (CLDR, through Babel), the words given by the template (``one``, ``other``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import ACME, ROOT

import dualladder
from dualladder.handbook import render

PAGE = ('{% import "markdown/_macros.md.j2" as m %}'
        '{{ m.plural(0, "niveau", "niveaux") }}|{{ m.plural(1, "Stufe", "Stufen") }}|'
        '{{ m.plural(1000, "Stufe", "Stufen") }}|{{ m.plural(1, "level") }}|'
        '{{ m.plural(3, "level") }}\n')


@pytest.mark.parametrize(("locale", "shown"), [
    ("en", "0 niveaux|1 Stufe|1,000 Stufen|1 level|3 levels"),
    ("de", "0 niveaux|1 Stufe|1.000 Stufen|1 level|3 levels"),
    ("fr", "0 niveau|1 Stufe|1\u202f000 Stufen|1 level|3 levels"),  # French: 0 is singular
    ("es", "0 niveaux|1 Stufe|1.000 Stufen|1 level|3 levels"),
])
def test_plural_follows_the_readers_language(tmp_path: Path, locale: str, shown: str) -> None:
    user = tmp_path / "templates" / "markdown"
    user.mkdir(parents=True)
    (user / "pay.md.j2").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out"
    render(dualladder.load(ACME), out, templates=tmp_path / "templates", locale=locale)
    assert (out / "pay.md").read_text(encoding="utf-8") == shown + "\n"


def test_no_built_in_page_calls_plural_and_the_docs_list_it() -> None:
    templates = ROOT / "src" / "dualladder" / "templates"
    callers = [p.name for p in templates.rglob("*.j2") if ".plural(" in p.read_text("utf-8")]
    assert callers == []
    assert "`plural(count, one, other)`" in (ROOT / "docs" / "handbook.md").read_text("utf-8")
