"""Audit reporters: an :class:`AuditReport` written out as text, JSON, Markdown or HTML.

Looked up by name in :data:`AUDIT_REPORTERS`, like the findings reporters of
:mod:`dualladder.report`; each turns a report into the text of one output file::

    AUDIT_REPORTERS["json"]().render(report)

The findings are printed with the findings reporters' own conventions (``summary``, one line a
finding, every value from a file escaped).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, ClassVar, Final

from markupsafe import Markup

from dualladder.people.model import AuditReport, Indicators, RungStats, SexSplit
from dualladder.people.stats import Spread
from dualladder.report import summary
from dualladder.textsafe import escape_controls

__all__ = ["AUDIT_JSON_VERSION", "AUDIT_REPORTERS", "AuditReporter", "document", "fraction",
           "share"]

#: Version of the ``--format json`` document of ``dualladder audit``.
AUDIT_JSON_VERSION: Final = 1

#: The Art. 9(1) indicators: letter, JSON key, label.
INDICATORS: Final = (
    ("a", "mean_gap", "mean pay gap, total pay"),
    ("b", "variable_mean_gap", "mean pay gap, variable pay"),
    ("c", "median_gap", "median pay gap, total pay"),
    ("d", "variable_median_gap", "median pay gap, variable pay"),
)

NONE = "-"


def fraction(value: Decimal | None, places: int = 4) -> float | None:
    """A ratio for JSON: rounded half up to ``places`` decimals, as a number."""
    if value is None:
        return None
    return float(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def share(value: Decimal | None) -> str:
    """``Decimal('0.4167')`` -> ``41.7 %``; None -> ``-``."""
    if value is None:
        return NONE
    shown = (value * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{shown:f} %"


def ratio(value: Decimal | None) -> str:
    """A compa-ratio: ``0.97``."""
    if value is None:
        return NONE
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):f}"


def plural(number: int, word: str) -> str:
    """``1 row``, ``2 rows``."""
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def count(value: int | None) -> str:
    return NONE if value is None else str(value)


def _spread_dict(value: Spread | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        "min": fraction(value.min),
        "q1": fraction(value.q1),
        "median": fraction(value.median),
        "q3": fraction(value.q3),
        "max": fraction(value.max),
    }


def _split_dict(value: SexSplit) -> dict[str, int | None]:
    return {"women": value.women, "men": value.men, "other": value.other}


def _indicators_dict(ind: Indicators) -> dict[str, Any]:
    out: dict[str, Any] = {"people": _split_dict(ind.people)}
    for _, key, _label in INDICATORS:
        out[key] = fraction(getattr(ind, key))
    out["variable_share"] = {"women": fraction(ind.variable_share_women),
                             "men": fraction(ind.variable_share_men)}
    out["quartiles"] = ([_split_dict(q) for q in ind.quartiles]
                        if ind.quartiles is not None else None)
    out["basic_mean_gap"] = fraction(ind.basic_mean_gap)
    return out


def _rung_dict(rung: RungStats) -> dict[str, Any]:
    return {
        "track": rung.track,
        "title": rung.title,
        "band": rung.band,
        "withheld": rung.withheld,
        "headcount": rung.headcount,
        "compa_ratio": _spread_dict(rung.compa),
        "range_penetration": _spread_dict(rung.penetration),
        "below_min": rung.below_min,
        "above_max": rung.above_max,
        "variable_share": fraction(rung.variable_share),
        "equity_share": fraction(rung.equity_share),
    }


def document(report: AuditReport) -> dict[str, Any]:
    """The ``--format json`` document (keys and their order are stable; docs/audit.md)."""
    findings = report.findings
    return {
        "version": AUDIT_JSON_VERSION,
        "roster": report.roster,
        "ladders": list(report.ladders),
        "published": report.published,
        "options": {
            "tolerance": fraction(report.options.tolerance),
            "gap_threshold": fraction(report.options.gap_threshold),
            "min_group": report.options.min_group,
        },
        "summary": {
            "people": report.people,
            "rows_left_out": report.rows_left_out,
            "errors": len(findings.errors),
            "warnings": len(findings.warnings),
        },
        "findings": [finding.as_dict() for finding in findings],
        "levels": [
            {
                "family": row.family,
                "level": row.level,
                "name": row.name,
                "rungs": [_rung_dict(r) for r in row.rungs if r is not None],
            }
            for row in report.levels
        ],
        "pay": [
            {
                "currency": group.currency,
                "organisation": _indicators_dict(group.organisation),
                "categories": [
                    {"family": c.family, "level": c.level, "name": c.name,
                     **_indicators_dict(c.indicators)}
                    for c in group.categories
                ],
            }
            for group in report.pay
        ],
    }


class AuditReporter:
    """Base class: the text of one output file for ``report``."""

    name: ClassVar[str] = ""

    def render(self, report: AuditReport) -> str:
        raise NotImplementedError


class JsonAuditReporter(AuditReporter):
    name = "json"

    def render(self, report: AuditReport) -> str:
        return json.dumps(document(report), indent=2, ensure_ascii=False) + "\n"


def _cell(rung: RungStats | None) -> str:
    """One rung of the side-by-side table, on one line."""
    if rung is None:
        return NONE
    title = escape_controls(rung.title)
    if rung.headcount is None:
        return f"{title}: fewer than the threshold"
    if not rung.headcount:
        return f"{title}: nobody"
    text = f"{title}: {rung.headcount}"
    if rung.compa is not None:
        compa = rung.compa
        text += f", compa {ratio(compa.median)} [{ratio(compa.q1)}-{ratio(compa.q3)}]"
    elif rung.withheld:
        text += ", pay withheld"
    if rung.penetration is not None:
        text += f", in range {share(rung.penetration.median)}"
    circles = [f"{n} {what}" for n, what in ((rung.below_min, "below"),
                                             (rung.above_max, "above")) if n]
    if circles:
        text += f" ({', '.join(circles)})"
    return text


def _gap(value: Decimal | None) -> str:
    return share(value)


def _people(split: SexSplit) -> str:
    return f"{count(split.women)} women, {count(split.men)} men, {count(split.other)} other"


def text_lines(report: AuditReport) -> list[str]:
    """The text report, line by line."""
    lines: list[str] = []
    ladders = ", ".join(escape_controls(name) for name in report.ladders)
    head = f"Audit of {escape_controls(report.roster)} against {ladders}: {report.people} people"
    if report.rows_left_out:
        head += f" ({plural(report.rows_left_out, 'row')} left out)"
    if report.published:
        head += f"; for publication (groups under {report.options.min_group} not shown)"
    lines += [head, ""]
    for finding in report.findings:
        lines.append(escape_controls(str(finding)))
    lines += [summary(report.findings), ""]
    if report.levels:
        lines.append("People on the ladder: headcount, compa-ratio median [quartiles], median "
                     "range penetration")
        names = [escape_controls(name) for _, name in report.tracks]
        rows = [["Level", *names]]
        for row in report.levels:
            label = escape_controls(row.level if not row.family or len(report.ladders) < 2
                                    else f"{row.family} {row.level}")
            rows.append([label, *(_cell(r) for r in row.rungs)])
        lines += _table(rows)
        lines.append("")
    for group in report.pay:
        unit = f" paid in {group.currency}" if group.currency else ""
        org = group.organisation
        lines.append(f"Pay-gap indicators (Directive (EU) 2023/970, Art. 9(1)), workers{unit}: "
                     f"{_people(org.people)}")
        for letter, key, label in INDICATORS:
            lines.append(f"  ({letter}) {label}: {_gap(getattr(org, key))}")
        lines.append(f"  (e) received variable pay: women {share(org.variable_share_women)}, "
                     f"men {share(org.variable_share_men)}")
        if org.quartiles is not None:
            quarters = "; ".join(
                f"Q{n} {count(q.women)} women, {count(q.men)} men"
                for n, q in enumerate(org.quartiles, start=1)
            )
            lines.append(f"  (f) pay quarters, lowest first: {quarters}")
        lines.append("  (g) by category of workers (a level across its tracks):")
        rows = [["Level", "Women", "Men", "Other", "Basic pay gap", "Variable pay gap",
                 "Total pay gap"]]
        for cat in group.categories:
            ind = cat.indicators
            rows.append([escape_controls(f"{cat.family} {cat.level}".strip()),
                         count(ind.people.women), count(ind.people.men), count(ind.people.other),
                         _gap(ind.basic_mean_gap), _gap(ind.variable_mean_gap),
                         _gap(ind.mean_gap)])
        lines += ["  " + line for line in _table(rows)]
        lines.append("")
    lines.append("Gaps are (men - women) / men of full-time-equivalent pay; positive: men are "
                 "paid more.")
    return lines


def _table(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            for row in rows]


class TextAuditReporter(AuditReporter):
    name = "text"

    def render(self, report: AuditReport) -> str:
        return "\n".join(text_lines(report)) + "\n"


# -- Markdown and HTML: a view of plain strings, rendered by the handbook's Jinja environments


@dataclass(frozen=True, slots=True)
class FindingView:
    code: str
    severity: str
    location: str
    message: str

    @property
    def text(self) -> str:
        return f"{self.location}: {self.code} {self.severity}: {self.message}"


@dataclass(frozen=True, slots=True)
class LevelView:
    label: str
    cells: list[str]


@dataclass(frozen=True, slots=True)
class PayView:
    heading: str
    people: str
    indicators: list[tuple[str, str]]
    header: list[str]
    categories: list[list[str]]
    threshold: str
    chart: Any


@dataclass(frozen=True, slots=True)
class View:
    """What the Markdown and HTML templates print: strings, already worded."""

    title: str
    lead: str
    findings: list[FindingView]
    summary: str
    tracks: list[str]
    levels: list[LevelView]
    pay: list[PayView]
    compa: Any
    notes: list[str]
    published: bool
    footer: str


def _head(report: AuditReport) -> str:
    head = f"{report.people} people audited"
    if report.rows_left_out:
        head += f", {plural(report.rows_left_out, 'row')} left out"
    if report.published:
        head += (f". Published report: groups of fewer than {report.options.min_group} people "
                 "(or that could be worked out from others) are not shown, nor any individual")
    return head + "."


def view(report: AuditReport, *, charts: bool) -> View:
    """The :class:`View` of a report (``charts``: with the SVG charts' geometry)."""
    from dualladder.people.charts import compa_chart, gap_chart

    findings = [FindingView(f.code, f.severity, f"{f.file}:{f.line}:{f.column}", f.message)
                for f in report.findings]
    levels = []
    several = len({row.family for row in report.levels}) > 1
    for row in report.levels:
        label = f"{row.family} {row.level}" if several else row.level
        if row.name:
            label += f" ({row.name})"
        levels.append(LevelView(label, [_cell(r) for r in row.rungs]))
    pay = []
    threshold = share(report.options.gap_threshold)
    for group in report.pay:
        org = group.organisation
        unit = f" paid in {group.currency}" if group.currency else ""
        indicators = [(f"({letter}) {label}", _gap(getattr(org, key)))
                      for letter, key, label in INDICATORS]
        indicators.append(("(e) received variable pay, women",
                           share(org.variable_share_women)))
        indicators.append(("(e) received variable pay, men", share(org.variable_share_men)))
        if org.quartiles is not None:
            for number, q in enumerate(org.quartiles, start=1):
                indicators.append((f"(f) pay quarter {number} (lowest first), women / men",
                                   f"{count(q.women)} / {count(q.men)}"))
        categories = [
            [f"{c.family} {c.level}".strip() if several else c.level,
             count(c.indicators.people.women), count(c.indicators.people.men),
             count(c.indicators.people.other), _gap(c.indicators.basic_mean_gap),
             _gap(c.indicators.variable_mean_gap), _gap(c.indicators.mean_gap)]
            for c in group.categories
        ]
        pay.append(PayView(
            heading=f"Pay-gap indicators, workers{unit} (Directive (EU) 2023/970, Art. 9(1))",
            people=_people(org.people),
            indicators=indicators,
            header=["Level", "Women", "Men", "Other", "Basic pay gap", "Variable pay gap",
                    "Total pay gap"],
            categories=categories,
            threshold=threshold,
            chart=gap_chart(group, report.options.gap_threshold) if charts else None,
        ))
    ladders = ", ".join(report.ladders)
    return View(
        title=f"Pay audit of {report.roster}",
        lead=f"{report.roster} against {ladders}: {_head(report)}",
        findings=findings,
        summary=summary(report.findings),
        tracks=[name for _, name in report.tracks],
        levels=levels,
        pay=pay,
        compa=compa_chart(report) if charts else None,
        notes=["Pay is full-time equivalent (pay / fte). Gaps are (men - women) / men: "
               "positive when men are paid more. A dash: not computed, or not shown."],
        published=report.published,
        footer="Written by dualladder audit",
    )


def _render_page(report: AuditReport, fmt: str) -> str:
    from dualladder.handbook.engine import _render, _source, environments

    envs = environments(None)
    if fmt == "html":
        css = _source(envs["html"], "html/style.css")
        return _render(envs["html"], "html/audit.html.j2",
                       {"view": view(report, charts=True), "css": Markup(css)})
    return _render(envs["markdown"], "markdown/audit.md.j2", {"view": view(report, charts=False)})


class MarkdownAuditReporter(AuditReporter):
    """Markdown (every value escaped for Markdown), for a wiki or a pull request."""

    name = "markdown"

    def render(self, report: AuditReport) -> str:
        return _render_page(report, "markdown")


class HtmlAuditReporter(AuditReporter):
    """One standalone HTML page with the charts inline (built like the handbook)."""

    name = "html"

    def render(self, report: AuditReport) -> str:
        return _render_page(report, "html")


#: Audit reporter classes by ``--format`` name.
AUDIT_REPORTERS: Final[dict[str, type[AuditReporter]]] = {
    cls.name: cls
    for cls in (TextAuditReporter, JsonAuditReporter, MarkdownAuditReporter, HtmlAuditReporter)
}
