"""Checking career plans: the plan rules DL401-DL407 against the ladder the plan names."""

from __future__ import annotations

import os

from dualladder._internal.io.plan.read import ladder_of
from dualladder._internal.model.ladder import Ladder
from dualladder._internal.model.plan import Plan
from dualladder._internal.rules.plan import PLAN, PlanContext
from dualladder._internal.util.findings import Finding, Report
from dualladder._internal.yaml.source import SourceMap

__all__ = ["check_plan"]


def check_plan(
    plan: Plan,
    *,
    ladder: Ladder | None = None,
    base: str | os.PathLike[str] = ".",
    source: SourceMap | None = None,
) -> Report:
    """Run the plan rules DL401-DL407 on ``plan``: against ``ladder``, or the ladder the plan
    names (``plan.ladder.path``, relative to ``base``). Findings point into the plan file
    (``source``; a plan built in Python is reported as ``<plan>`` at line 1)."""
    problem: str | None = None
    if ladder is None:
        ladder, problem = ladder_of(plan, base)
    ctx = PlanContext(plan, ladder, problem)
    name = source.name if source is not None else "<plan>"
    findings: list[Finding] = []
    for registered, found in PLAN.run(ctx, PLAN.rules):
        line, column = source.locate(found.loc) if source is not None else (1, 1)
        findings.append(
            Finding(name, line, column, registered.code, registered.severity, found.message,
                    found.loc)
        )
    return Report.of(findings, [name])

