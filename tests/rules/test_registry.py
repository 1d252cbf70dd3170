"""One registry shape for every document family: each catalog code has one home, a code
cannot be registered twice, and docs/rules.md names the family of every rule."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from paths import DOCS

from dualladder._internal.io.company.registry import COMPANY_LOAD, placed_findings
from dualladder._internal.rules.audit import AUDIT
from dualladder._internal.rules.company import COMPANY
from dualladder._internal.rules.ladder.registry import LADDER, RULES
from dualladder._internal.rules.plan import PLAN
from dualladder._internal.util.catalog import CATALOG, COMPANY_LOAD_CODES, LOAD_CODES, READ_CODES
from dualladder._internal.util.registry import Problem, Registry
from dualladder.rules.docs import documented, registries, rules_markdown

PAGE = DOCS / "rules.md"


def test_the_families_are_the_registries_docs_are_built_from() -> None:
    assert registries() == [LADDER, AUDIT, PLAN, COMPANY_LOAD, COMPANY]
    assert RULES is LADDER.rules
    assert set(COMPANY_LOAD.rules) == COMPANY_LOAD_CODES


def test_every_catalog_code_has_exactly_one_home() -> None:
    homes: dict[str, list[str]] = {code: [] for code in CATALOG}
    for label, docs in documented():
        for code in docs:
            homes[code].append(label)
    assert {code: where for code, where in homes.items() if len(where) != 1} == {}
    registered = {code for registry in registries() for code in registry.rules}
    assert registered == set(CATALOG) - LOAD_CODES - READ_CODES


@pytest.mark.parametrize("registry", registries(), ids=lambda r: r.family)
def test_each_rule_knows_its_family_and_code(registry: Registry[Any, Any]) -> None:
    assert registry.rules
    for code, rule in registry.rules.items():
        assert (rule.code, rule.family) == (code, registry.family)
        assert (rule.severity, rule.summary) == CATALOG[code]


def _never(ctx: object) -> Iterator[Problem]:
    yield from ()


def test_registering_a_code_twice_in_one_family_raises() -> None:
    before = dict(LADDER.rules)
    with pytest.raises(ValueError, match="DL101 is registered twice"):
        LADDER.rule("DL101")(_never)
    assert LADDER.rules == before


@pytest.mark.parametrize("code", ["DL101", "DL304", "DL401", "DL503", "DL505"])
def test_registering_a_code_of_another_family_raises(code: str) -> None:
    other: Registry[object, Problem] = Registry("other")
    with pytest.raises(ValueError, match=f"{code} is registered twice"):
        other.rule(code)(_never)
    assert other.rules == {}


def test_running_a_company_rule_that_is_not_registered_is_an_error() -> None:
    # the family reader runs DL503/DL504 by code: a missing rule must not pass silently
    with pytest.raises(KeyError):
        placed_findings(COMPANY, "DL503", object())  # type: ignore[arg-type]


@pytest.mark.parametrize("registry", registries(), ids=lambda r: r.family)
def test_docs_name_each_rules_family(registry: Registry[Any, Any]) -> None:
    page = PAGE.read_text(encoding="utf-8")
    assert page == rules_markdown()
    for code in registry.rules:
        section = page.split(f"\n## {code}: ", 1)[1].split("\n## ", 1)[0]
        assert f"\n*{registry.label}; default severity: " in section, code
    assert registry.family.lower() in registry.label.lower()
