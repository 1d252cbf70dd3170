"""docs/rules.md is generated from the catalog and the rule docstrings and kept in sync."""

from __future__ import annotations

import re

import pytest
from paths import DOCS

from dualladder._internal.util.catalog import CATALOG, LOAD_CODES
from dualladder.rules.docs import LOAD_DOCS, TITLES, rule_doc, rules_markdown

PAGE = DOCS / "rules.md"
REGENERATE = "python -m dualladder.rules.docs > docs/rules.md"


def test_rules_page_is_up_to_date() -> None:
    assert PAGE.exists(), f"docs/rules.md is missing; generate it with `{REGENERATE}`"
    assert PAGE.read_text(encoding="utf-8") == rules_markdown(), (
        f"docs/rules.md is out of date with the rule docstrings; regenerate it with "
        f"`{REGENERATE}`"
    )


@pytest.mark.parametrize("code", list(CATALOG))
def test_every_code_has_a_section_with_the_four_parts(code: str) -> None:
    doc = rule_doc(code)
    assert "Why it matters:" in doc and "How to fix:" in doc
    assert "```yaml\n" in doc
    assert f"## {code}: {TITLES[code]}\n" in rules_markdown()


def test_load_docs_cover_exactly_the_load_codes() -> None:
    assert set(LOAD_DOCS) == set(LOAD_CODES)
    assert set(TITLES) == set(CATALOG)


def test_catalog_links_point_at_headings() -> None:
    page = rules_markdown()
    anchors = re.findall(r"\]\(#([a-z0-9-]+)\)", page)
    headings = {
        re.sub(r"[^a-z0-9 -]", "", h.lower()).replace(" ", "-")
        for h in re.findall(r"^## (.+)$", page, flags=re.MULTILINE)
    }
    assert len(anchors) == len(CATALOG)
    assert set(anchors) <= headings


def test_intro_explains_policy_and_load_codes() -> None:
    intro = rules_markdown().split("## Catalog")[0]
    assert "`ignore`" in intro and "`severity`" in intro
    assert "DL001-DL006 cannot be ignored" in intro


def test_main_prints_the_page(capsys: pytest.CaptureFixture[str]) -> None:
    from dualladder.rules.docs import main

    main()
    assert capsys.readouterr().out == rules_markdown()
