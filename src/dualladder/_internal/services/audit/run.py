"""``dualladder.people(ladder_or_company, roster) -> AuditReport``."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from dualladder._internal.io.roster.columns import ColumnMap
from dualladder._internal.io.roster.read import DEFAULT_MAX_BYTES, read_roster, read_rows
from dualladder._internal.model.audit import AuditOptions, AuditReport
from dualladder._internal.model.ladder import Ladder
from dualladder._internal.model.placement import Scale
from dualladder._internal.model.roster import Roster
from dualladder._internal.rules.audit_context import Collected
from dualladder._internal.services.audit.compute import compute
from dualladder._internal.util.cells import DataFrameLike
from dualladder._internal.util.findings import Report

if TYPE_CHECKING:
    from dualladder._internal.model.company import Company

__all__ = ["audit", "audit_roster"]

RosterInput = str | os.PathLike[str] | Iterable[Mapping[str, object]] | DataFrameLike


def audit(
    ladder_or_company: Ladder | Company | Sequence[Ladder],
    roster: RosterInput,
    *,
    columns: ColumnMap | Mapping[str, str] | None = None,
    options: AuditOptions | None = None,
    publish: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> AuditReport:
    """Audit ``roster`` against a ladder, several ladders (the roster's ``family`` column tells
    them apart) or a company (its job families).

    ``roster`` is a path to a CSV or XLSX file, rows of dicts (header name -> value), or a
    pandas DataFrame; NaN, None, ``pandas.NA`` and ``NaT`` are empty cells.
    ``columns`` maps roster columns to the export's headers (``{"level": "Grade"}``).
    ``options`` holds the thresholds (:class:`AuditOptions`). With ``publish``, the report is
    made fit to publish: no count of a group smaller than ``options.min_group`` is shown or
    can be worked out from the counts shown (complementary suppression over every count
    together), no statistic is one person's value, and no finding names a person
    (:mod:`dualladder._internal.services.audit.disclosure`).

    Bad input does not raise: a roster that cannot be read is a DL301 finding in the report
    (with no statistics), a bad row a DL302 or DL303 finding. Raises :class:`OSError` for a
    roster file that cannot be read at all, :class:`ValueError` for a roster that spans
    several ladders without a ``family`` column, and ``MappingError`` for a bad mapping.
    """
    scale = Scale.of(ladder_or_company)
    if isinstance(roster, str | os.PathLike):
        result = read_roster(roster, columns=columns, max_bytes=max_bytes)
    else:
        result = read_rows(roster, columns=columns)
    return audit_roster(scale, result.roster, result.findings, name=_name(roster, result.roster),
                        options=options, publish=publish)


def _name(roster: RosterInput, read: Roster | None) -> str:
    if read is not None:
        return read.name
    return os.fspath(roster) if isinstance(roster, str | os.PathLike) else "<rows>"


def audit_roster(
    scale: Scale,
    roster: Roster | None,
    read_findings: Sequence[object] = (),
    *,
    name: str = "<rows>",
    options: AuditOptions | None = None,
    publish: bool = False,
) -> AuditReport:
    """The audit of a roster already read (see :func:`audit`)."""
    from dualladder._internal.util.findings import Finding

    options = options or AuditOptions()
    findings = [f for f in read_findings if isinstance(f, Finding)]
    left_out = len({f.line for f in findings if f.code in ("DL302", "DL303")})
    if roster is None:
        ladders = tuple(dict.fromkeys(
            lad.source.name if lad.source is not None else "<ladder>" for lad in scale.ladders))
        return AuditReport(roster=name, ladders=ladders,
                           findings=Report.of(findings, [name, *ladders]), people=0,
                           rows_left_out=left_out, tracks=(), levels=(), pay=(),
                           options=options, published=publish)
    if scale.needs_family() and not roster.has("family"):
        raise ValueError(
            f"{roster.name}: the roster has no family column, but the audit has "
            f"{len(scale.ladders)} job families ({', '.join(lad.family for lad in scale.ladders)})"
            "; add a family column, or audit one ladder at a time"
        )
    collected = Collected() if publish else None
    report = compute(scale, roster, options, findings, collected)
    if publish:
        from dualladder._internal.services.audit.disclosure import publishable

        assert collected is not None
        return publishable(report, collected)
    return report
