"""dualladder: dual career ladders as YAML, checked for real equivalence, published as a handbook.

>>> import dualladder
>>> ladder = dualladder.load("ladders/acme-robotics-engineering.yaml")  # doctest: +SKIP
>>> report = dualladder.check(ladder)                                   # doctest: +SKIP
>>> dualladder.render(ladder, "handbook/", format="markdown")           # doctest: +SKIP

Names are imported on first use, so ``dualladder validate`` does not pay for Jinja2.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dualladder._internal.util.lazy import lazy_exports
from dualladder._internal.util.version import __version__

_EXPORTS: dict[str, str] = {
    # model
    "Ladder": "dualladder._internal.model.ladder",
    "Level": "dualladder._internal.model.ladder",
    "Track": "dualladder._internal.model.ladder",
    "Rung": "dualladder._internal.model.ladder",
    "Band": "dualladder._internal.model.ladder",
    "Rewards": "dualladder._internal.model.ladder",
    "Decision": "dualladder._internal.model.ladder",
    "Crossover": "dualladder._internal.model.ladder",
    "Policy": "dualladder._internal.model.ladder",
    "Authority": "dualladder._internal.model.ladder",
    "Scope": "dualladder._internal.model.ladder",
    "MANAGEMENT": "dualladder._internal.model.ladder",
    "TECHNICAL": "dualladder._internal.model.ladder",
    "format_amount": "dualladder._internal.model.ladder",
    # company
    "Company": "dualladder._internal.model.company",
    "Zone": "dualladder._internal.model.company",
    "Differential": "dualladder._internal.model.company",
    "load_company": "dualladder._internal.io.company.load",
    "save_company": "dualladder._internal.io.company.save",
    "saves_company": "dualladder._internal.io.company.save",
    # reading files: what an unreadable file raises
    "FileTooLarge": "dualladder._internal.util.files",
    "NotARegularFile": "dualladder._internal.util.files",
    # findings
    "Finding": "dualladder._internal.util.findings",
    "Note": "dualladder._internal.util.findings",
    "Report": "dualladder._internal.util.findings",
    "LadderError": "dualladder._internal.util.findings",
    "Severity": "dualladder._internal.util.catalog",
    "CATALOG": "dualladder._internal.util.catalog",
    # loading and writing
    "load": "dualladder._internal.io.read",
    "loads": "dualladder._internal.io.read",
    "read": "dualladder._internal.io.read",
    "read_text": "dualladder._internal.io.read",
    "LoadResult": "dualladder._internal.io.read",
    "SourceMap": "dualladder._internal.yaml.source",
    "dump": "dualladder._internal.io.dump",
    "dumps": "dualladder._internal.io.dump",
    "save": "dualladder._internal.io.save",
    "saves": "dualladder._internal.io.save",
    # rules
    "check": "dualladder._internal.services.check.documents",
    "check_paths": "dualladder._internal.services.check.documents",
    "RULES": "dualladder._internal.rules.ladder.registry",
    # schema and handbook
    "schema": "dualladder._internal.io.schema.kinds",
    "render": "dualladder._internal.services.handbook.render",
    # people on the ladder
    "audit": "dualladder._internal.services.audit.run",
    "AuditReport": "dualladder._internal.model.audit",
    "AuditOptions": "dualladder._internal.model.audit",
    # a market adjustment from a table
    "adjust": "dualladder._internal.services.adjust",
    "Adjustment": "dualladder._internal.services.adjust",
    "AdjustmentError": "dualladder._internal.services.adjust",
}

__all__ = [
    "CATALOG",
    "MANAGEMENT",
    "RULES",
    "TECHNICAL",
    "Adjustment",
    "AdjustmentError",
    "AuditOptions",
    "AuditReport",
    "Authority",
    "Band",
    "Company",
    "Crossover",
    "Decision",
    "Differential",
    "FileTooLarge",
    "Finding",
    "Ladder",
    "LadderError",
    "Level",
    "LoadResult",
    "NotARegularFile",
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
    "adjust",
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
    from dualladder._internal.io.company.load import load_company
    from dualladder._internal.io.company.save import save_company, saves_company
    from dualladder._internal.io.dump import dump, dumps
    from dualladder._internal.io.read import LoadResult, load, loads, read, read_text
    from dualladder._internal.io.save import save, saves
    from dualladder._internal.io.schema.kinds import schema
    from dualladder._internal.model.audit import AuditOptions, AuditReport
    from dualladder._internal.model.company import Company, Differential, Zone
    from dualladder._internal.model.ladder import (
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
    from dualladder._internal.rules.ladder.registry import RULES
    from dualladder._internal.services.adjust import Adjustment, AdjustmentError, adjust
    from dualladder._internal.services.audit.run import audit
    from dualladder._internal.services.check.documents import check, check_paths
    from dualladder._internal.services.handbook.render import render
    from dualladder._internal.util.catalog import CATALOG, Severity
    from dualladder._internal.util.files import FileTooLarge, NotARegularFile
    from dualladder._internal.util.findings import Finding, LadderError, Note, Report
    from dualladder._internal.yaml.source import SourceMap


__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)
