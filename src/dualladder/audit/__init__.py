"""Auditing the people on a ladder: a roster read against the ladder's levels and bands.

The roster reader lives in :mod:`dualladder.audit.roster`; names are imported on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = ["ColumnMap", "Person", "Roster", "RosterResult", "read_roster", "read_rows"]

_EXPORTS: dict[str, str] = {
    "ColumnMap": "dualladder.audit.columns",
    "Person": "dualladder.audit.roster",
    "Roster": "dualladder.audit.roster",
    "RosterResult": "dualladder.audit.roster",
    "read_roster": "dualladder.audit.roster",
    "read_rows": "dualladder.audit.roster",
}

if TYPE_CHECKING:
    from dualladder.audit.columns import ColumnMap
    from dualladder.audit.roster import Person, Roster, RosterResult, read_roster, read_rows


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'dualladder.audit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
