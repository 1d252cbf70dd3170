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

from dualladder.lazy import lazy_exports

__all__ = [
    "AuditOptions",
    "AuditReport",
    "ColumnMap",
    "Person",
    "Roster",
    "RosterResult",
    "audit",
    "read_roster",
    "read_rows",
]

_EXPORTS: dict[str, str] = {
    "AuditOptions": "dualladder.people.model",
    "AuditReport": "dualladder.people.model",
    "ColumnMap": "dualladder.people.columns",
    "Person": "dualladder.people.roster",
    "Roster": "dualladder.people.roster",
    "RosterResult": "dualladder.people.roster",
    "audit": "dualladder.people.api",
    "read_roster": "dualladder.people.roster",
    "read_rows": "dualladder.people.roster",
}

if TYPE_CHECKING:
    from dualladder.people.api import audit
    from dualladder.people.columns import ColumnMap
    from dualladder.people.model import AuditOptions, AuditReport
    from dualladder.people.roster import Person, Roster, RosterResult, read_roster, read_rows


__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)
