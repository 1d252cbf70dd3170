"""Reading career plan files: YAML -> :class:`~dualladder._internal.model.plan.Plan`, every
problem located (the plan rules run in :mod:`dualladder._internal.services.check.plan`).

The YAML is read by the same parser as ladders (:func:`dualladder._internal.io.read.parse`: size
cap, regular files only, duplicate keys, node caps), and pydantic errors become findings with the
same messages a ladder file gets. A plan holds personal data: nothing here logs or keeps it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from dualladder._internal.io.parse import PLAN_KEY, Parsed, error_finding, parse, parse_text
from dualladder._internal.io.read import read
from dualladder._internal.model.ladder import Ladder
from dualladder._internal.model.plan import Plan
from dualladder._internal.util.files import DEFAULT_MAX_BYTES, reason
from dualladder._internal.util.findings import Finding, LadderError
from dualladder._internal.util.kind_keys import LADDER_KEY
from dualladder._internal.yaml.source import SourceMap

__all__ = [
    "NOT_A_PLAN",
    "PlanResult",
    "build_plan",
    "ladder_of",
    "load_plan",
    "read_plan",
    "read_plan_text",
]


@dataclass(slots=True)
class PlanResult:
    """What reading one plan file gave: the plan (if it could be built) and the findings."""

    plan: Plan | None
    findings: list[Finding]
    source: SourceMap


#: How the finding of a file that is no plan at all starts (another kind of file, or none).
NOT_A_PLAN = "not a career plan"


def build_plan(parsed: Parsed) -> PlanResult:
    """The plan model of parsed YAML data, or the findings that stop it."""
    smap, findings, data = parsed.source, list(parsed.findings), parsed.data
    if data is None:
        return PlanResult(None, findings, smap)
    if PLAN_KEY not in data:
        # a ladder where a plan goes (`plan sheet ladder.yaml`): say how a plan is made from it
        hint = ("; this is a ladder: write a plan from it with `dualladder plan new`"
                if LADDER_KEY in data else "")
        findings.append(
            Finding(
                smap.name, 1, 1, "DL002", "error",
                f"{NOT_A_PLAN}: a plan file starts with `dualladder-plan: 1`{hint}", (),
            )
        )
        return PlanResult(None, findings, smap)
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        findings.extend(error_finding(err, smap, Plan) for err in exc.errors(include_url=False))
        return PlanResult(None, sorted(findings), smap)
    if findings:
        return PlanResult(None, sorted(findings), smap)
    return PlanResult(plan, [], smap)


def read_plan_text(text: str | bytes, source: str = "<string>") -> PlanResult:
    """Read plan YAML from ``text``; never raises for bad input, returns findings instead."""
    return build_plan(parse_text(text, source))


def read_plan(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> PlanResult:
    """Read a plan file; OSError if it cannot be read, findings for anything else."""
    return build_plan(parse(path, max_bytes=max_bytes))


def load_plan(path: str | os.PathLike[str]) -> Plan:
    """Read a plan file; raises :class:`~dualladder._internal.util.findings.LadderError` carrying
    every
    finding (the same error type a ladder file raises)."""
    result = read_plan(path)
    if result.plan is None:
        raise LadderError(result.findings)
    return result.plan


def ladder_of(plan: Plan, base: str | os.PathLike[str]) -> tuple[Ladder | None, str | None]:
    """The ladder a plan follows, read from ``plan.ladder.path`` relative to the folder
    ``base`` (the plan file's folder), or None and the reason it cannot be had."""
    path = Path(base) / plan.ladder.path
    try:
        result = read(path)
    except OSError as exc:  # why, without the name (the finding quotes the path, escaped)
        return None, reason(exc)
    if result.ladder is None:
        count = len(result.findings)
        return None, f"it has {count} load error{'s' if count != 1 else ''} (validate it)"
    return result.ladder, None
