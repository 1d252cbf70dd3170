"""Writing a plan as YAML: what ``dualladder plan new`` writes."""

from __future__ import annotations

from typing import Any

from dualladder._internal.io.dump import yaml_text
from dualladder._internal.io.parse import PLAN_KEY
from dualladder._internal.model.plan import Plan

__all__ = ["dumps_plan", "plan_data"]

_HEADER = (
    "# Career plan (dualladder-plan: 1; see docs/plan.md). It holds personal data: keep it\n"
    "# where the person and their manager agreed to keep it, never in the handbook.\n"
)


def plan_data(plan: Plan) -> dict[str, Any]:
    """The plan as plain data in file order, without fields left at their defaults (a step's
    ``status`` is always written, so the tracking sheet and the file agree on it)."""
    data: dict[str, Any] = plan.model_dump(
        mode="python", by_alias=True, exclude_defaults=True, exclude_none=True
    )
    data[PLAN_KEY] = 1
    for step, raw in zip(plan.steps, data.get("steps", []), strict=True):
        raw["status"] = step.status.value
    order = [field.alias or name for name, field in Plan.model_fields.items()]
    return {key: data[key] for key in order if key in data}


def dumps_plan(plan: Plan) -> str:
    """The plan as YAML text, with a header comment that says what the file is."""
    return _HEADER + yaml_text(plan_data(plan))
