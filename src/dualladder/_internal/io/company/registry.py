"""The registries of the company rules (DL501-DL505):
:class:`~dualladder._internal.util.registry.Registry` instances like every family's.

A company rule is a function registered by its catalog code whose docstring is its
documentation (``docs/rules.md`` is generated from it). Unlike a ladder rule, its problems can
lie in different files (a family file, the company file), so each names its :class:`SourceMap`.
The load-time rules (DL503, DL504, :data:`COMPANY_LOAD`) read one family file and are run by
the family reader itself; the others (:data:`COMPANY`) read a company and its families and are
run by :mod:`dualladder._internal.services.check.company`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from dualladder._internal.io.company.read import CompanyResult
from dualladder._internal.io.parse import Parsed
from dualladder._internal.model.company import FamilyFile
from dualladder._internal.util.catalog import Severity
from dualladder._internal.util.findings import Finding, Loc
from dualladder._internal.util.registry import Registry
from dualladder._internal.yaml.source import SourceMap

__all__ = ["COMPANY_LOAD", "FamilyContext", "Placed", "placed_findings"]


@dataclass(slots=True)
class FamilyContext:
    """What the load-time company rules (DL503, DL504) look at: one family file as written and
    what its ``company`` reference gave."""

    parsed: Parsed
    file: FamilyFile | None
    ref: str | None
    target: Path | None
    result: CompanyResult | None


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

C = TypeVar("C")


def placed_findings(
    registry: Registry[C, Placed], code: str, context: C, severity: Severity | None = None
) -> list[Finding]:
    """The findings of rule ``code`` (registered: a missing rule is a bug, not a pass) over
    ``context``, with ``severity`` (the rule's default if not given)."""
    rule = registry.rules[code]
    return [placed.finding(code, severity or rule.severity) for placed in rule.check(context)]
