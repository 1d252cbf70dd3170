"""The top-level keys that name a document's kind: ``dualladder: 1`` (a ladder or a job family),
``dualladder-company: 1`` (a company file), ``dualladder-plan: 1`` (a career plan)."""

from __future__ import annotations

from typing import Final

__all__ = ["COMPANY_KEY", "KIND_KEYS", "LADDER_KEY", "PLAN_KEY"]

#: The top-level key of a ladder or job family file (``dualladder: 1``).
LADDER_KEY: Final = "dualladder"

#: The top-level key of a company file (``dualladder-company: 1``).
COMPANY_KEY: Final = "dualladder-company"

#: The top-level key of a career plan file (``dualladder-plan: 1``, see docs/plan.md).
PLAN_KEY: Final = "dualladder-plan"

#: The top-level keys that name a document's kind.
KIND_KEYS: Final = (LADDER_KEY, COMPANY_KEY, PLAN_KEY)
