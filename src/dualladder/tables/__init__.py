"""Tidy tables for analysts, and pandas DataFrames of them (``pip install 'dualladder[pandas]'``;
pandas is imported only by ``to_pandas()``)::

    company = dualladder.load_company("ladders/kestrel/")
    frame = dualladder.tables.bands(company).to_pandas()       # every rung's band in every zone
    report = dualladder.audit(company, "roster.csv")
    dualladder.tables.audit_rungs(report).to_pandas(floats=True)

Every table has flat snake_case columns, named as the command line's JSON and CSV name them,
and exact numbers (``Decimal``) unless ``to_pandas(floats=True)``. Names are imported on first
use, like the package's top level.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dualladder._internal.util.lazy import lazy_exports

_EXPORTS: dict[str, str] = {
    "Table": "dualladder._internal.util.tables",
    "BAND_SOURCES": "dualladder._internal.services.tables",
    "bands": "dualladder._internal.services.tables",
    "postings": "dualladder._internal.services.tables",
    "findings": "dualladder._internal.services.tables",
    "audit_rungs": "dualladder._internal.services.tables",
    "audit_categories": "dualladder._internal.services.tables",
    "audit_indicators": "dualladder._internal.services.tables",
}

__all__ = [
    "BAND_SOURCES",
    "Table",
    "audit_categories",
    "audit_indicators",
    "audit_rungs",
    "bands",
    "findings",
    "postings",
]

if TYPE_CHECKING:
    from dualladder._internal.services.tables import (
        BAND_SOURCES,
        audit_categories,
        audit_indicators,
        audit_rungs,
        bands,
        findings,
        postings,
    )
    from dualladder._internal.util.tables import Table


__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)
