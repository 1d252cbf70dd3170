"""The registry of the company rules (DL501-DL505), in the shape of the ladder rules'.

A company rule is a function registered by its catalog code whose docstring is its
documentation (``docs/rules.md`` is generated from it). Unlike a ladder rule, its problems can
lie in different files (a family file, the company file), so each names its :class:`SourceMap`.
The load-time rules (DL503, DL504) are run by the family reader itself; the others by
:mod:`dualladder.company.check`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from dualladder.catalog import CATALOG, Severity
from dualladder.findings import Finding, Loc
from dualladder.source import SourceMap

__all__ = ["COMPANY_RULES", "CompanyRule", "Placed", "company_rule"]


@dataclass(frozen=True, slots=True)
class Placed:
    """What a company rule found: the file (its source map), the YAML path there, the message."""

    source: SourceMap
    loc: Loc
    message: str

    def finding(self, code: str, severity: Severity) -> Finding:
        line, column = SourceMap.locate(self.source, self.loc)
        return Finding(self.source.name, line, column, code, severity, self.message, self.loc)


@dataclass(frozen=True, slots=True)
class CompanyRule:
    code: str
    severity: Severity
    summary: str
    check: Callable[[Any], Iterable[Placed]]

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.check) or ""

    def run(self, context: Any, severity: Severity | None = None) -> list[Finding]:
        """The findings of this rule over ``context``."""
        return [p.finding(self.code, severity or self.severity) for p in self.check(context)]


COMPANY_RULES: dict[str, CompanyRule] = {}


def company_rule(code: str) -> Callable[[Callable[[Any], Iterable[Placed]]],
                                        Callable[[Any], Iterable[Placed]]]:
    """Register the decorated function as the check of catalog ``code``."""
    severity, summary = CATALOG[code]

    def register(func: Callable[[Any], Iterable[Placed]]) -> Callable[[Any], Iterable[Placed]]:
        if code in COMPANY_RULES:
            raise ValueError(f"rule {code} is registered twice")
        COMPANY_RULES[code] = CompanyRule(code, severity, summary, func)
        return func

    return register
