"""The people on a ladder: a roster read against the ladders, and the pay-transparency report.

The command is ``dualladder audit``; the Python function is :func:`dualladder.audit` (this
package is not called ``audit`` so that ``dualladder.audit`` is always that function). Names are
imported on first use::

    report = dualladder.audit(ladder, "roster.csv")
    for finding in report.findings:
        print(finding)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dualladder._internal.util.lazy import lazy_exports

__all__ = [
    "AuditOptions",
    "AuditReport",
    "ColumnMap",
    "Person",
    "Roster",
    "RosterResult",
    "audit",
    "audit_document",
    "read_roster",
    "read_rows",
]

_EXPORTS: dict[str, str] = {
    "AuditOptions": "dualladder._internal.model.audit",
    "AuditReport": "dualladder._internal.model.audit",
    "ColumnMap": "dualladder._internal.io.roster.columns",
    "Person": "dualladder._internal.model.roster",
    "Roster": "dualladder._internal.model.roster",
    "RosterResult": "dualladder._internal.io.roster.read",
    "audit": "dualladder._internal.services.audit.run",
    "audit_document": "dualladder._internal.services.audit.reporters",
    "read_roster": "dualladder._internal.io.roster.read",
    "read_rows": "dualladder._internal.io.roster.read",
}

if TYPE_CHECKING:
    from dualladder._internal.io.roster.columns import ColumnMap
    from dualladder._internal.io.roster.read import RosterResult, read_roster, read_rows
    from dualladder._internal.model.audit import AuditOptions, AuditReport
    from dualladder._internal.model.roster import Person, Roster
    from dualladder._internal.services.audit.reporters import audit_document
    from dualladder._internal.services.audit.run import audit


__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)
