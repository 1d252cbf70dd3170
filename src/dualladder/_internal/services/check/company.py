"""Checking a company: its scale and zones, every family, and the rules across families.

``check(company)`` (and ``dualladder validate`` over a folder with a company file) reports, in
one :class:`~dualladder._internal.util.findings.Report`:

- the company file's own problems: its band health (rising midpoints, progression, spread) on
  the scale and in every zone, and zones without bands (DL505);
- every family's findings (:func:`dualladder.check` on the family with the company applied):
  the ladder rules, and the pay rules again in every zone, each finding naming its zone;
- the rules across families: undeclared differentials (DL501) and job codes used twice (DL502).

A problem of an inherited band is reported once, at the company file, not once per family.
"""

from __future__ import annotations

from collections.abc import Iterable

from dualladder._internal.io.company.registry import placed_findings
from dualladder._internal.model.company import Company, Zone, zone_level_band
from dualladder._internal.model.ladder import Ladder, Level, Rung, Track
from dualladder._internal.rules.company import COMPANY, CompanyContext
from dualladder._internal.rules.ladder.registry import RULES, Context
from dualladder._internal.services.check.family import problem_key, severity_of, zone_tag
from dualladder._internal.services.check.ladder import check_ladder, check_read
from dualladder._internal.util.findings import Finding, Loc, Report

__all__ = ["CompanyRun", "check_company", "scale_findings"]

#: The band-health rules the company's scale itself is checked with.
SCALE_CODES = ("DL201", "DL202", "DL203", "DL206")


class _ScaleContext(Context):
    """The company's scale as a ladder with one rung on every level, so the band rules read
    its level bands; messages name levels only."""

    def level_band_owner(self, level_id: str) -> str:
        return f"level {level_id}"

    def name(self, rung: Rung) -> str:
        return f"level {rung.level}"


def _scale_ladder(company: Company, levels: list[Level], currency: str | None) -> Ladder:
    rungs = [Rung.model_construct(level=level.id, title=level.id, pay=None) for level in levels]
    return Ladder.model_construct(
        dualladder=1, organization=company.organization, family="", currency=currency,
        effective=None, policy=company.policy, levels=levels,
        tracks={"scale": Track.model_construct(name="scale", rungs=rungs)}, crossover=[],
    )


def scale_findings(company: Company) -> list[Finding]:
    """Band health of the company's scale, on the base bands and in every zone (a zone's
    problem that only scales a base band's problem is reported once, for the base)."""
    source = company.source
    assert source is not None
    policy = company.policy
    codes = [code for code in SCALE_CODES if code not in policy.ignore]
    out: list[Finding] = []
    base: set[tuple[str, Loc]] = set()

    def run(ladder: Ladder, zone: tuple[int, Zone] | None) -> None:
        ctx = _ScaleContext(ladder)
        for code in codes:
            registered = RULES[code]
            severity = severity_of(policy.severity, code, registered.severity)
            for problem in registered.check(ctx):
                loc, message = problem.loc, problem.message
                if zone is None:
                    base.add(problem_key(code, loc))
                else:
                    number, found = zone
                    level_id = company.levels[int(loc[1])].id if len(loc) > 1 else ""
                    if level_id in found.bands:
                        loc = ("zones", number, "bands", level_id, *loc[3:])
                    elif problem_key(code, loc) in base:
                        continue
                    else:
                        loc = ("zones", number, "factor")
                    message = zone_tag(found) + message
                line, column = source.locate(loc)
                out.append(Finding(source.name, line, column, code, severity, message, loc))

    run(_scale_ladder(company, company.levels, company.currency), None)
    if "DL206" not in policy.ignore:  # a zone's `round_to: 1.000` rounds to 1, not 1,000
        out.extend(_round_to_findings(company))
    for number, zone in enumerate(company.zones):
        levels = [
            level.model_copy(update={"pay": zone_level_band(zone, level.id, level.pay)})
            for level in company.levels
        ]
        run(_scale_ladder(company, levels, company.zone_currency(zone)), (number, zone))
    return out


def _round_to_findings(company: Company) -> list[Finding]:
    """DL206 on each zone's ``round_to``, an amount the scale's bands do not show."""
    from dualladder._internal.rules.ladder.amounts import misread

    source = company.source
    assert source is not None
    severity = severity_of(company.policy.severity, "DL206", RULES["DL206"].severity)
    out: list[Finding] = []
    for number, zone in enumerate(company.zones):
        words = misread(zone.round_to, company.zone_currency(zone))
        if words is not None:
            loc = ("zones", number, "round_to")
            line, column = source.locate(loc)
            out.append(Finding(source.name, line, column, "DL206", severity,
                               f"{zone_tag(zone)}round_to: {words}", loc))
    return out


class CompanyRun:
    """The check of one company, given its families one at a time: each family is checked as
    it comes (its findings, and its part of the rules across families) and can then be let go,
    so a run over 500 families holds one family's node tree at a time, not 500."""

    def __init__(self, company: Company) -> None:
        source = company.source
        assert source is not None
        self.company = company
        self.findings = scale_findings(company)
        self.scale = {(f.file, f.line, f.column, f.code) for f in self.findings}
        self.files = [source.name]
        self.context = CompanyContext(company, [], company_file=True)
        self._rules(("DL505", "DL506"))  # the company file's own zones and translations
        self.context.company_file = False

    def _rules(self, codes: Iterable[str]) -> None:
        policy = self.company.policy
        for code in codes:
            severity = policy.severity.get(code)  # None: the rule's default
            self.findings.extend(placed_findings(COMPANY, code, self.context, severity))

    def add(self, ladder: Ladder, *, just_read: bool = False) -> None:
        """Check one family of the company (read with it applied). ``just_read``: the family
        was read from its file by this run, so it cannot hold edits (see
        :func:`dualladder._internal.services.check.ladder.check_read`)."""
        report = (check_read if just_read else check_ladder)(ladder, across=False)
        self.files.extend(report.files)
        self.findings.extend(
            f for f in report if (f.file, f.line, f.column, f.code) not in self.scale
        )
        self.context.families = [ladder]
        self._rules(("DL501", "DL502", "DL505"))
        self.context.families = []

    def report(self) -> Report:
        return Report.of(self.findings, self.files)


def check_company(company: Company, families: Iterable[Ladder] | None = None, *,
                  just_read: bool = False) -> Report:
    """Check a company and its families (default: :attr:`Company.families`); see the module
    docstring. A company built in Python (without a file) is checked as the YAML written for
    it. ``just_read``: the families were read from their files by this run, so they cannot hold
    edits and are checked as they stand (see :meth:`CompanyRun.add`)."""
    if company.source is None:
        company = _with_source(company)
    run = CompanyRun(company)
    for ladder in company.families if families is None else families:
        run.add(ladder, just_read=just_read)
    return run.report()


def _with_source(company: Company) -> Company:
    """A company built in Python, re-read from the YAML written for it (so findings have
    lines), with its families kept."""
    from dualladder._internal.io.company.dump import dumps_company
    from dualladder._internal.io.company.read import build_company
    from dualladder._internal.io.parse import parse_text
    from dualladder._internal.util.findings import LadderError

    result = build_company(parse_text(dumps_company(company), "<company>"))
    if result.company is None:
        raise LadderError(result.findings)
    result.company.set_families(company.families)
    return result.company
