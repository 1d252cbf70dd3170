"""The top-level keys that name a document's kind: ``dualladder: 1`` (a ladder or a job family),
``dualladder-company: 1`` (a company file), ``dualladder-plan: 1`` (a career plan)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal

__all__ = ["COMPANY_KEY", "FAMILY_KEY", "KIND_KEYS", "LADDER_KEY", "PLAN_KEY", "KindName",
           "kind_of"]

#: The kinds of document dualladder reads: four YAML documents, told apart by :func:`kind_of`,
#: and the roster, a table, told by its header or file name
#: (:func:`dualladder._internal.io.roster.detect.is_roster`).
KindName = Literal["ladder", "family", "company", "plan", "roster"]

#: The top-level key of a ladder or job family file (``dualladder: 1``).
LADDER_KEY: Final = "dualladder"

#: The top-level key of a job family file: the path of its company file.
FAMILY_KEY: Final = "company"

#: The top-level key of a company file (``dualladder-company: 1``).
COMPANY_KEY: Final = "dualladder-company"

#: The top-level key of a career plan file (``dualladder-plan: 1``, see docs/plan.md).
PLAN_KEY: Final = "dualladder-plan"

#: The top-level keys that name a document's kind.
KIND_KEYS: Final = (LADDER_KEY, COMPANY_KEY, PLAN_KEY)


def kind_of(data: Mapping[str, object]) -> Literal["ladder", "family", "company", "plan"]:
    """Which kind of document the top-level keys of ``data`` make it: the one place that tells
    them apart. A career plan's key wins over a company file's; a ladder file that names its
    ``company`` is a job family; anything else is read as a ladder (and a file that is not one
    gets that ladder's findings)."""
    if PLAN_KEY in data:
        return "plan"
    if COMPANY_KEY in data:
        return "company"
    if FAMILY_KEY in data:
        return "family"
    return "ladder"
