"""Career plans: from a rung on the ladder to the next one, with everyone's part on record.

The plan file (``dualladder-plan: 1``, documented in ``docs/plan.md``) is read into a
:class:`Plan` by :func:`read_plan` (a :class:`PlanResult`: the plan or the findings) or
:func:`load_plan` (the plan, or :class:`~dualladder.LadderError`); :func:`check_plan` runs the
plan rules (DL401-DL407) against the ladder the plan names; :func:`new_plan` is ``dualladder
plan new``; :func:`dumps_plan` and :func:`save_plan` write one; :func:`render_plan` writes its
page (what ``dualladder render PLAN`` writes). Names are imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dualladder._internal.util.lazy import lazy_exports

_EXPORTS: dict[str, str] = {
    "Plan": "dualladder._internal.model.plan",
    "PlanResult": "dualladder._internal.io.plan.read",
    "read_plan": "dualladder._internal.io.plan.read",
    "read_plan_text": "dualladder._internal.io.plan.read",
    "load_plan": "dualladder._internal.io.plan.read",
    "check_plan": "dualladder._internal.services.check.plan",
    "dumps_plan": "dualladder._internal.io.plan.dump",
    "save_plan": "dualladder._internal.io.plan.save",
    "new_plan": "dualladder._internal.services.plan.scaffold",
    "render_plan": "dualladder._internal.services.plan.page",
    "PLAN": "dualladder._internal.rules.plan",
}

__all__ = [
    "PLAN",
    "Plan",
    "PlanResult",
    "check_plan",
    "dumps_plan",
    "load_plan",
    "new_plan",
    "read_plan",
    "read_plan_text",
    "render_plan",
    "save_plan",
]

if TYPE_CHECKING:
    from dualladder._internal.io.plan.dump import dumps_plan
    from dualladder._internal.io.plan.read import PlanResult, load_plan, read_plan, read_plan_text
    from dualladder._internal.io.plan.save import save_plan
    from dualladder._internal.model.plan import Plan
    from dualladder._internal.rules.plan import PLAN
    from dualladder._internal.services.check.plan import check_plan
    from dualladder._internal.services.plan.page import render_plan
    from dualladder._internal.services.plan.scaffold import new_plan


__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)
