"""dualladder: dual career ladders as YAML, checked for real equivalence, published as a handbook.

>>> import dualladder
>>> ladder = dualladder.load("ladders/acme-robotics-engineering.yaml")  # doctest: +SKIP
>>> report = dualladder.check(ladder)                                   # doctest: +SKIP
>>> dualladder.render(ladder, "handbook/", format="markdown")           # doctest: +SKIP

Names are imported on first use, so ``dualladder validate`` does not pay for Jinja2.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dualladder.lazy import lazy_exports

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    # model
    "Ladder": "dualladder.model",
    "Level": "dualladder.model",
    "Track": "dualladder.model",
    "Rung": "dualladder.model",
    "Band": "dualladder.model",
    "Rewards": "dualladder.model",
    "Decision": "dualladder.model",
    "Crossover": "dualladder.model",
    "Policy": "dualladder.model",
    "Authority": "dualladder.model",
    "Scope": "dualladder.model",
    "MANAGEMENT": "dualladder.model",
    "TECHNICAL": "dualladder.model",
    "format_amount": "dualladder.model",
    # company
    "Company": "dualladder.company.model",
    "Zone": "dualladder.company.model",
    "Differential": "dualladder.company.model",
    "load_company": "dualladder.company.load",
    "save_company": "dualladder.company.save",
    "saves_company": "dualladder.company.save",
    # findings
    "Finding": "dualladder.findings",
    "Note": "dualladder.findings",
    "Report": "dualladder.findings",
    "LadderError": "dualladder.findings",
    "Severity": "dualladder.catalog",
    "CATALOG": "dualladder.catalog",
    # loading and writing
    "load": "dualladder.loader",
    "loads": "dualladder.loader",
    "read": "dualladder.loader",
    "read_text": "dualladder.loader",
    "LoadResult": "dualladder.loader",
    "SourceMap": "dualladder.source",
    "dump": "dualladder.dump",
    "dumps": "dualladder.dump",
    "save": "dualladder.writer",
    "saves": "dualladder.writer",
    # rules
    "check": "dualladder.rules",
    "check_paths": "dualladder.rules",
    "RULES": "dualladder.rules",
    # schema and handbook
    "schema": "dualladder.format_schema",
    "render": "dualladder.handbook",
    # people on the ladder
    "audit": "dualladder.people.api",
    "AuditReport": "dualladder.people.model",
    "AuditOptions": "dualladder.people.model",
}

__all__ = [
    "CATALOG",
    "MANAGEMENT",
    "RULES",
    "TECHNICAL",
    "AuditOptions",
    "AuditReport",
    "Authority",
    "Band",
    "Company",
    "Crossover",
    "Decision",
    "Differential",
    "Finding",
    "Ladder",
    "LadderError",
    "Level",
    "LoadResult",
    "Note",
    "Policy",
    "Report",
    "Rewards",
    "Rung",
    "Scope",
    "Severity",
    "SourceMap",
    "Track",
    "Zone",
    "__version__",
    "audit",
    "check",
    "check_paths",
    "dump",
    "dumps",
    "format_amount",
    "load",
    "load_company",
    "loads",
    "read",
    "read_text",
    "render",
    "save",
    "save_company",
    "saves",
    "saves_company",
    "schema",
]

if TYPE_CHECKING:
    from dualladder.catalog import CATALOG, Severity
    from dualladder.company.load import load_company
    from dualladder.company.model import Company, Differential, Zone
    from dualladder.company.save import save_company, saves_company
    from dualladder.dump import dump, dumps
    from dualladder.findings import Finding, LadderError, Note, Report
    from dualladder.format_schema import schema
    from dualladder.handbook import render
    from dualladder.loader import LoadResult, load, loads, read, read_text
    from dualladder.model import (
        MANAGEMENT,
        TECHNICAL,
        Authority,
        Band,
        Crossover,
        Decision,
        Ladder,
        Level,
        Policy,
        Rewards,
        Rung,
        Scope,
        Track,
        format_amount,
    )
    from dualladder.people.api import audit
    from dualladder.people.model import AuditOptions, AuditReport
    from dualladder.rules import RULES, check, check_paths
    from dualladder.source import SourceMap
    from dualladder.writer import save, saves


__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)
