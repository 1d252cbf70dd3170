"""Checking a company: its scale and zones, every family, and the rules across families.

``check(company)`` (and ``dualladder validate`` over a folder with a company file) reports, in
one :class:`~dualladder.findings.Report`:

- the company file's own problems: its band health (rising midpoints, progression, spread) on
  the scale and in every zone, and zones without bands (DL505);
- every family's findings (:func:`dualladder.check` on the family with the company applied):
  the ladder rules, and the pay rules again in every zone, each finding naming its zone;
- the rules across families: undeclared differentials (DL501) and job codes used twice (DL502).

A problem of an inherited band is reported once, at the company file, not once per family.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from dualladder.catalog import Severity
from dualladder.company import rules as company_rules
from dualladder.company.family import FamilyLink, zoned_ladder
from dualladder.company.model import Company, Zone, zone_level_band
from dualladder.company.registry import COMPANY, placed_findings
from dualladder.files import DEFAULT_MAX_BYTES, reason
from dualladder.findings import Finding, Loc, Report
from dualladder.model import Ladder, Level, Rung, Track
from dualladder.rules.registry import RULES, Context

__all__ = ["ZONE_CODES", "check_company", "family_findings", "scale_findings"]

#: The pay rules that hold in every zone: pay parity, band health, one currency.
ZONE_CODES = ("DL103", "DL201", "DL202", "DL203", "DL204")
#: The band-health rules the company's scale itself is checked with.
SCALE_CODES = ("DL201", "DL202", "DL203")


def _severity(policy_severity: dict[str, Severity], code: str, default: Severity) -> Severity:
    return policy_severity.get(code, default)


def _zone_tag(zone: Zone) -> str:
    return f"in zone {zone.label}: "


_FIELDS = frozenset({"min", "mid", "max", "currency"})


def _key(code: str, loc: Loc) -> tuple[str, Loc]:
    """What makes two problems the same problem: the rule and the node, up to the band field
    (a pay gap's widest field can change when a zone rounds the amounts)."""
    return (code, loc[:-1] if loc and loc[-1] in _FIELDS else loc)


def family_findings(ladder: Ladder, codes: Sequence[str], seen: set[tuple[str, Loc]],
                    *, across: bool = True) -> list[Finding]:
    """The findings a job family adds to the ladder rules: the pay rules in each of its
    company's zones, and (with ``across``) the company rules over this one family."""
    link = ladder.company_link
    assert isinstance(link, FamilyLink)
    source, company, policy = link.source, link.company, ladder.policy
    out: list[Finding] = []
    # A family whose every band is the company's (no differential, no band of its own) is paid
    # the company's zone bands: their problems are the company's, checked once on its scale.
    zone_codes = [code for code in ZONE_CODES if code in codes] if _own_bands(link) else []
    for number, zone in enumerate(company.zones if zone_codes else ()):
        ctx = Context(zoned_ladder(ladder, link, zone))
        for code in zone_codes:
            registered = RULES[code]
            severity = _severity(policy.severity, code, registered.severity)
            for problem in registered.check(ctx):
                where, inner = source.origin(problem.loc, number)
                if _key(code, problem.loc) in seen and inner[-1:] == ("factor",):
                    continue  # the base band's problem, scaled: reported once, for the base
                line, column = where.locate(inner)
                message = _zone_tag(zone) + problem.message
                if where is not source:
                    message = f"{ladder.family}: {message}"
                out.append(Finding(where.name, line, column, code, severity, message, inner))
    if across and company.source is not None:
        context = company_rules.CompanyContext(company, [ladder])
        for code in ("DL501", "DL502"):
            if code in codes:
                regraded = company.policy.severity.get(code)  # None: the rule's default
                out.extend(placed_findings(COMPANY, code, context, regraded))
    return out


def _own_bands(link: FamilyLink) -> bool:
    """Whether a family pays any band that is not the company's: a differential, a level band
    of its own, a rung's own band."""
    file = link.file
    return bool(
        file.differentials
        or any(level.pay is not None for level in file.levels or [])
        or any(rung.pay is not None for track in file.tracks.values() for rung in track.rungs)
    )


def inherited_only(ladder: Ladder) -> bool:
    """Whether every band of a job family is its company's (see :func:`_own_bands`). In a
    company check such a family's band shapes (DL201-DL203) are not checked again: they are
    the company's scale, checked once (:func:`scale_findings`)."""
    link = ladder.company_link
    return isinstance(link, FamilyLink) and not _own_bands(link)


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
            severity = _severity(policy.severity, code, registered.severity)
            for problem in registered.check(ctx):
                loc, message = problem.loc, problem.message
                if zone is None:
                    base.add(_key(code, loc))
                else:
                    number, found = zone
                    level_id = company.levels[int(loc[1])].id if len(loc) > 1 else ""
                    if level_id in found.bands:
                        loc = ("zones", number, "bands", level_id, *loc[3:])
                    elif _key(code, loc) in base:
                        continue
                    else:
                        loc = ("zones", number, "factor")
                    message = _zone_tag(found) + message
                line, column = source.locate(loc)
                out.append(Finding(source.name, line, column, code, severity, message, loc))

    run(_scale_ladder(company, company.levels, company.currency), None)
    for number, zone in enumerate(company.zones):
        levels = [
            level.model_copy(update={"pay": zone_level_band(zone, level.id, level.pay)})
            for level in company.levels
        ]
        run(_scale_ladder(company, levels, company.zone_currency(zone)), (number, zone))
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
        self.context = company_rules.CompanyContext(company, [], company_file=True)
        self._rules(("DL505",))  # the company file's own zones
        self.context.company_file = False

    def _rules(self, codes: Iterable[str]) -> None:
        policy = self.company.policy
        for code in codes:
            severity = policy.severity.get(code)  # None: the rule's default
            self.findings.extend(placed_findings(COMPANY, code, self.context, severity))

    def add(self, ladder: Ladder, *, just_read: bool = False) -> None:
        """Check one family of the company (read with it applied). ``just_read``: the family
        was read from its file by this run, so it cannot hold edits (see
        :func:`dualladder.rules.check_read`)."""
        from dualladder.rules import check_ladder, check_read

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


def check_company(company: Company, families: Iterable[Ladder] | None = None) -> Report:
    """Check a company and its families (default: :attr:`Company.families`); see the module
    docstring. A company built in Python (without a file) is checked as the YAML written for
    it."""
    if company.source is None:
        company = _with_source(company)
    run = CompanyRun(company)
    for ladder in company.families if families is None else families:
        run.add(ladder)
    return run.report()


def _with_source(company: Company) -> Company:
    """A company built in Python, re-read from the YAML written for it (so findings have
    lines), with its families kept."""
    from dualladder.company.dump import dumps_company
    from dualladder.company.reader import build_company
    from dualladder.findings import LadderError
    from dualladder.loader import parse_text

    result = build_company(parse_text(dumps_company(company), "<company>"))
    if result.company is None:
        raise LadderError(result.findings)
    result.company._families = company._families
    return result.company


# -- many files: validate ------------------------------------------------------------------------


def check_files(
    paths: Sequence[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Report, list[tuple[str, str]]]:
    """Check every file: standalone ladders alone, each company with the families among the
    files (and with its company file, even when the company file is not among them), and each
    career plan against the ladder it names. ``max_bytes`` is the size cap of each file read.
    Each family is checked as it is read, then let go.

    Returns the merged report and the files that could not be read, as (path, reason).
    """
    from dualladder.company.reader import CompanyCache, build_company, relative_to
    from dualladder.loader import COMPANY_KEY, PLAN_KEY, build, parse
    from dualladder.rules import check_read

    cache = CompanyCache(max_bytes=max_bytes)
    reports: list[Report] = []
    unreadable: list[tuple[str, str]] = []
    runs: dict[str, CompanyRun | None] = {}  # company key -> its run (None: not a company)

    def run_of(key: str) -> CompanyRun | None:
        if key not in runs:
            found = cache.results[key]
            if found.company is not None:
                runs[key] = CompanyRun(found.company)
            else:
                runs[key] = None
                if found.error is None and found.is_company:
                    reports.append(Report.of(found.findings, [found.source.name]))
        return runs[key]

    for path in paths:
        key = cache.key(path)
        known = cache.results.get(key)
        if known is not None and known.is_company and known.error is None:
            run_of(key)  # a company file already read for one of its families
            continue
        try:
            parsed = parse(path, max_bytes=max_bytes)
        except OSError as exc:
            unreadable.append((os.fspath(path), reason(exc)))
            continue
        data = parsed.data
        if data is not None and PLAN_KEY in data:
            from dualladder.plan.reader import check_plan_parsed

            reports.append(check_plan_parsed(parsed))
            continue
        if data is not None and COMPANY_KEY in data:
            cache.put(path, build_company(parsed))
            run_of(key)
            continue
        result = build(parsed, cache)
        if result.ladder is None:
            reports.append(Report.of(result.findings, [result.source.name]))
            ref = data.get("company") if data is not None else None
            if isinstance(ref, str) and ref:
                target = cache.key(relative_to(parsed.source.name, ref))
                if target in cache.results:
                    run_of(target)  # its company file's own problems are reported too
            continue
        link = result.ladder.company_link
        if isinstance(link, FamilyLink):
            run = run_of(cache.key(link.source.company_map.name))
            assert run is not None  # the family was read with this company applied
            run.add(result.ladder, just_read=True)
        else:
            reports.append(check_read(result.ladder))
    reports.extend(run.report() for run in runs.values() if run is not None)
    return Report.merge(reports), unreadable
