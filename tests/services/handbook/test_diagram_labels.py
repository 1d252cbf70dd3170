"""The ladder diagram's box titles are never cut (issue 21: "nothing cut"): a box is as wide
as its longest title needs to sit on two lines (up to the widest box), so a translated title
("Vice President Engineering (Bereichsleitung Softwareentwicklung)") fits as the English one
did. English pictures keep their widths: their titles already fit (the golden handbooks,
tests/services/handbook/test_render.py, hold them byte for byte)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from paths import ACME, KESTREL, ROOT

import dualladder
from dualladder._internal.services.handbook.svg_text import text_width, two_line_width, wrap
from dualladder.handbook import render

SIZE = 13.0
WORDS = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzäöüßABCDEFGHIJKLMNOPQRSTUVWXYZ()-/.I"),
                min_size=1, max_size=30)


@given(words=st.lists(WORDS, min_size=1, max_size=12))
def test_two_line_width_is_what_wrap_needs(words: list[str]) -> None:
    """At that width the text wraps onto two lines at most, uncut; a little narrower it does
    not fit on two (unless one word alone sets the width)."""
    text = " ".join(words)
    width = two_line_width(text, SIZE, bold=True)
    lines = wrap(text, width, SIZE, 2, bold=True)
    assert len(lines) <= 2 and " ".join(lines) == text
    widest = max(text_width(w, SIZE, bold=True) for w in words)
    if width - 0.01 > widest + 0.5:
        narrower = wrap(text, width - 0.5, SIZE, 2, bold=True)
        assert " ".join(narrower) != text


def _svg_texts(page: Path) -> list[str]:
    svg = page.read_text(encoding="utf-8").split('class="dl-ladder"', 1)[1].split("</svg>", 1)[0]
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_no_title_in_the_diagram_is_cut(tmp_path: Path, lang: str) -> None:
    render(dualladder.load(ACME), tmp_path / "acme", format="html", locale=lang)
    render(dualladder.load_company(KESTREL), tmp_path / "kestrel", format="html", locale=lang)
    pages = [tmp_path / "acme" / "index.html",
             *sorted((tmp_path / "kestrel").glob("*/index.html"))]
    assert len(pages) > 1
    for page in pages:
        texts = _svg_texts(page)
        assert texts and not [t for t in texts if "…" in t], page
    if lang == "de":  # the long German title, on two lines of its box
        texts = _svg_texts(tmp_path / "acme" / "index.html")
        assert "Vice President Engineering" in texts
        assert "(Bereichsleitung Softwareentwicklung)" in texts



def test_the_diagrams_tooltips_are_in_the_readers_language(tmp_path: Path) -> None:
    """The tooltips of the lines and arrows (a join of equivalent rungs, a rise to a role
    above the ladder, a promotion across) say their words in the reader's language."""
    meridian = dualladder.load(ROOT / "ladders" / "meridian-research-agency.yaml")
    render(meridian, tmp_path / "de", format="html", locale="de")
    titles = re.findall(r"<title>([^<]*)</title>",
                        (tmp_path / "de" / "index.html").read_text(encoding="utf-8"))
    joins = [t for t in titles if "gleichwertig" in t]
    assert joins and all(" und " in t and " and " not in t for t in joins), joins
    text = "\n".join(titles)
    assert "(über der Leiter; offen für " in text
    assert " aufsteigen" in text and " befördert werden" in text
    for english in ("above the ladder", "can rise to", "can be promoted to"):
        assert english not in text, english
