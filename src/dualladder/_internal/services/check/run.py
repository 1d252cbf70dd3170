"""One ``validate`` run over documents (:class:`CheckRun`), and how a document of each kind
takes part in it: a ladder is checked alone, a family with its company's run, a company with
all its families when the run ends, a plan against the ladder it names. The registry of kinds
(:data:`dualladder._internal.services.kinds.KINDS`) names these as each kind's ``check``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dualladder._internal.io.company.read import CompanyCache
from dualladder._internal.io.documents import Document
from dualladder._internal.services.check.ladder import check_read
from dualladder._internal.util.findings import Report

if TYPE_CHECKING:
    from dualladder._internal.model.audit import AuditOptions, AuditReport
    from dualladder._internal.model.placement import Scale
    from dualladder._internal.services.check.company import CompanyRun

__all__ = ["AuditSetup", "CheckRun", "check_company_doc", "check_family_doc", "check_ladder_doc",
           "check_plan_doc", "check_roster_doc"]


@dataclass(frozen=True, slots=True)
class AuditSetup:
    """What a roster is checked against in a run (``dualladder audit``): the ladders, the
    thresholds, and whether the report is made fit to publish."""

    scale: Scale
    options: AuditOptions
    publish: bool = False


@dataclass(slots=True)
class CheckRun:
    """One ``validate`` run over documents: each checked as it comes (a family with its
    company's run, so a company of 500 families holds one family at a time), the reports in
    the order they are made."""

    cache: CompanyCache
    reports: list[Report] = field(default_factory=list)
    runs: dict[str, CompanyRun | None] = field(default_factory=dict)
    #: the ladders a roster is audited against (None: a run that reads no roster)
    audit: AuditSetup | None = None
    #: the audit of each roster, in the order they were read
    audits: list[AuditReport] = field(default_factory=list)

    def company(self, key: str) -> CompanyRun | None:
        """The run of the company file ``key`` (read by now), started on first use; None when
        it is not a company (its own findings are reported once)."""
        if key not in self.runs:
            from dualladder._internal.services.check.company import CompanyRun

            found = self.cache.results[key]
            if found.company is not None:
                self.runs[key] = CompanyRun(found.company)
            else:
                self.runs[key] = None
                if found.error is None and found.is_company:
                    self.reports.append(Report.of(found.findings, [found.source.name]))
        return self.runs[key]

    def report(self) -> Report:
        companies = [run.report() for run in self.runs.values() if run is not None]
        return Report.merge([*self.reports, *companies])


def _not_read(doc: Document, run: CheckRun) -> bool:
    """Report a document that could not be built (True), with its company file's own findings
    when it is a family whose company file was read."""
    if doc.model is not None:
        return False
    run.reports.append(Report.of(doc.findings, [doc.source.name]))
    if doc.company_key is not None:
        run.company(doc.company_key)
    return True


def check_ladder_doc(doc: Document, run: CheckRun) -> None:
    """A standalone ladder: checked alone, as it stands (just read)."""
    if not _not_read(doc, run):
        assert doc.ladder is not None
        run.reports.append(check_read(doc.ladder))


def check_family_doc(doc: Document, run: CheckRun) -> None:
    """A job family: checked with its company's run (the rules across families included)."""
    if not _not_read(doc, run):
        assert doc.ladder is not None and doc.company_key is not None
        company = run.company(doc.company_key)
        assert company is not None  # the family was read with this company applied
        company.add(doc.ladder, just_read=True)


def check_company_doc(doc: Document, run: CheckRun) -> None:
    """A company file: checked with all its families of the run when the run ends."""
    assert doc.company_key is not None
    run.company(doc.company_key)


def check_plan_doc(doc: Document, run: CheckRun) -> None:
    """A career plan: checked against the ladder it names (relative to the plan's file)."""
    from dualladder._internal.services.check.plan import check_plan

    if not _not_read(doc, run):
        assert doc.plan is not None
        base = Path(doc.source.name).parent
        run.reports.append(check_plan(doc.plan, base=base, source=doc.source))


def check_roster_doc(doc: Document, run: CheckRun) -> None:
    """A roster: audited against the run's ladders (DL301-DL312). ValueError for a run that
    has no ladders to audit against, or a roster that spans several ladders without a
    ``family`` column."""
    from dualladder._internal.services.audit.run import audit_roster

    if run.audit is None:
        raise ValueError(f"{doc.source.name}: a roster is checked against ladders "
                         "(dualladder audit LADDER... ROSTER)")
    setup = run.audit
    run.audits.append(audit_roster(setup.scale, doc.roster, doc.findings, name=doc.source.name,
                                   options=setup.options, publish=setup.publish))
