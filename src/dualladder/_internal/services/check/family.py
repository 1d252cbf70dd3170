"""Checking a job family against its company: the pay rules again in each of its company's
zones, and the company rules over this one family (DL501, DL502)."""

from __future__ import annotations

from collections.abc import Sequence

from dualladder._internal.io.company.registry import placed_findings
from dualladder._internal.model.company import Zone
from dualladder._internal.model.family import FamilyLink, zoned_ladder
from dualladder._internal.model.ladder import Ladder
from dualladder._internal.rules.company import COMPANY, CompanyContext
from dualladder._internal.rules.ladder.registry import RULES, Context
from dualladder._internal.util.catalog import Severity
from dualladder._internal.util.findings import Finding, Loc

__all__ = ["ZONE_CODES", "family_findings", "inherited_only", "problem_key", "severity_of",
           "zone_tag"]

#: The pay rules that hold in every zone: pay parity, band health, one currency.
ZONE_CODES = ("DL103", "DL201", "DL202", "DL203", "DL204")
def severity_of(policy_severity: dict[str, Severity], code: str, default: Severity) -> Severity:
    return policy_severity.get(code, default)


def zone_tag(zone: Zone) -> str:
    return f"in zone {zone.label}: "


_FIELDS = frozenset({"min", "mid", "max", "currency"})


def problem_key(code: str, loc: Loc) -> tuple[str, Loc]:
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
            severity = severity_of(policy.severity, code, registered.severity)
            for problem in registered.check(ctx):
                where, inner = source.origin(problem.loc, number)
                if problem_key(code, problem.loc) in seen and inner[-1:] == ("factor",):
                    continue  # the base band's problem, scaled: reported once, for the base
                line, column = where.locate(inner)
                message = zone_tag(zone) + problem.message
                if where is not source:
                    message = f"{ladder.family}: {message}"
                out.append(Finding(where.name, line, column, code, severity, message, inner))
    if across and company.source is not None:
        context = CompanyContext(company, [ladder])
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
