"""The registries of the company rules (DL501-DL505): :class:`~dualladder.registry.Registry`
instances like every family's.

A company rule is a function registered by its catalog code whose docstring is its
documentation (``docs/rules.md`` is generated from it). Unlike a ladder rule, its problems can
lie in different files (a family file, the company file), so each names its :class:`SourceMap`.
The load-time rules (DL503, DL504, :data:`COMPANY_LOAD`) read one family file and are run by
the family reader itself; the others (:data:`COMPANY`) read a company and its families and are
run by :mod:`dualladder.company.check`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from dualladder.catalog import Severity
from dualladder.findings import Finding, Loc
from dualladder.registry import Registry
from dualladder.source import SourceMap

if TYPE_CHECKING:
    from dualladder.company.family import FamilyContext
    from dualladder.company.rules import CompanyContext

__all__ = ["COMPANY", "COMPANY_LOAD", "Placed", "placed_findings"]


@dataclass(frozen=True, slots=True)
class Placed:
    """What a company rule found: the file (its source map), the YAML path there, the message."""

    source: SourceMap
    loc: Loc
    message: str

    def finding(self, code: str, severity: Severity) -> Finding:
        line, column = SourceMap.locate(self.source, self.loc)
        return Finding(self.source.name, line, column, code, severity, self.message, self.loc)


#: DL503, DL504: a family file and its company reference, checked while the family is read.
COMPANY_LOAD: Registry[FamilyContext, Placed] = Registry("company load")
#: DL501, DL502, DL505: a company, its zones and its families.
COMPANY: Registry[CompanyContext, Placed] = Registry("company")

C = TypeVar("C")


def placed_findings(
    registry: Registry[C, Placed], code: str, context: C, severity: Severity | None = None
) -> list[Finding]:
    """The findings of rule ``code`` (registered: a missing rule is a bug, not a pass) over
    ``context``, with ``severity`` (the rule's default if not given)."""
    rule = registry.rules[code]
    return [placed.finding(code, severity or rule.severity) for placed in rule.check(context)]
