"""Audit reporters: an :class:`AuditReport` written out as text, JSON, Markdown or HTML.

Looked up by name in :data:`AUDIT_REPORTERS`, like the findings reporters of
:mod:`dualladder._internal.services.report`; each turns a report into the text of one output file::

    AUDIT_REPORTERS["json"]().render(report)

The findings are printed with the findings reporters' own conventions (``summary``, one line a
finding, every value from a file escaped).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, ClassVar, Final

from markupsafe import Markup

from dualladder._internal.model import figures
from dualladder._internal.model.audit import (
    AuditReport,
    Category,
    Indicators,
    Quarter,
    RungStats,
    SexSplit,
)
from dualladder._internal.model.stats import Spread
from dualladder._internal.services.report import summary
from dualladder._internal.util.textsafe import escape_controls

__all__ = ["AUDIT_JSON_VERSION", "AUDIT_REPORTERS", "AuditReporter", "audit_document", "document",
           "fraction", "share", "unrounded"]

#: Version of the ``--format json`` document of ``dualladder audit`` (2: every reading of
#: Art. 9 with its article; pay quarters with shares and shared ties).
AUDIT_JSON_VERSION: Final = 2


@dataclass(frozen=True, slots=True)
class Reading:
    """One figure of the indicators: the :class:`Indicators` field (and JSON key), the letter
    of Art. 9(1), its label, the article it answers, and whether a category has it."""

    key: str
    letter: str
    label: str
    article: str
    category: bool = False
    needs: str = ""
    """The optional reading it belongs to (``hourly``, ``in_kind``, ``equity``): shown only
    where the roster has its column (see :attr:`AuditReport.readings`)."""

    @property
    def title(self) -> str:
        """``(a) mean pay gap, total pay, full-time equivalent [Art. 9(1)(a)]``."""
        return f"({self.letter}) {self.label} [{self.article}]"


#: The gap readings of Art. 9(1), in the order every format prints them.
READINGS: Final = (
    Reading("mean_gap", "a", "mean pay gap, total pay, full-time equivalent",
            "Art. 9(1)(a)", category=True),
    Reading("paid_mean_gap", "a", "mean pay gap, total pay actually paid in the year",
            "Art. 9(1)(a), annual pay of Art. 3(1)(b)"),
    Reading("hourly_mean_gap", "a", "mean pay gap, hourly pay",
            "Art. 9(1)(a), hourly pay of Art. 3(1)(b)", needs="hourly"),
    Reading("in_kind_mean_gap", "a",
            "mean pay gap, total remuneration with pay in kind, full-time equivalent",
            "Art. 9(1)(a), pay in kind of Art. 3(1)(a)", needs="in_kind"),
    Reading("basic_mean_gap", "a", "mean pay gap, basic pay, full-time equivalent",
            "Art. 9(1)(a) and (g)", category=True),
    Reading("variable_mean_gap", "b", "mean pay gap, variable pay, over every worker",
            "Art. 9(1)(b)", category=True),
    Reading("variable_mean_gap_receiving", "b",
            "mean pay gap, variable pay, over those who received some", "Art. 9(1)(b)",
            category=True),
    Reading("median_gap", "c", "median pay gap, total pay, full-time equivalent",
            "Art. 9(1)(c)"),
    Reading("paid_median_gap", "c", "median pay gap, total pay actually paid in the year",
            "Art. 9(1)(c), annual pay of Art. 3(1)(b)"),
    Reading("hourly_median_gap", "c", "median pay gap, hourly pay",
            "Art. 9(1)(c), hourly pay of Art. 3(1)(b)", needs="hourly"),
    Reading("in_kind_median_gap", "c",
            "median pay gap, total remuneration with pay in kind, full-time equivalent",
            "Art. 9(1)(c), pay in kind of Art. 3(1)(a)", needs="in_kind"),
    Reading("basic_median_gap", "c", "median pay gap, basic pay, full-time equivalent",
            "Art. 9(1)(c) and (g)"),
    Reading("variable_median_gap", "d", "median pay gap, variable pay, over every worker",
            "Art. 9(1)(d)"),
    Reading("variable_median_gap_receiving", "d",
            "median pay gap, variable pay, over those who received some", "Art. 9(1)(d)"),
)

#: The shares of Art. 9(1)(e) and of pay in kind: JSON key, label, article, needs.
SHARES: Final = (
    ("variable_share", "(e) received variable pay", "Art. 9(1)(e)", ""),
    ("equity_share", "received equity (pay in kind)", "Art. 3(1)(a)", "equity"),
)

#: The columns of the table of categories (g): header, the reading it prints.
CATEGORY_COLUMNS: Final = (
    ("Basic pay gap", "basic_mean_gap"),
    ("Variable pay gap, every worker", "variable_mean_gap"),
    ("Variable pay gap, those paid some", "variable_mean_gap_receiving"),
    ("Total pay gap", "mean_gap"),
)

#: The title of the table of categories, in every format.
CATEGORY_TITLE: Final = ("(g) by category of workers (a level across its tracks), mean gaps of "
                         "full-time-equivalent pay [Art. 9(1)(g); variable pay as in (b), "
                         "total pay as in (a)]")

#: What a figure not shown in a published report reads.
HIDDEN = "not shown, to protect a small group"

NONE = figures.NONE


def readings(report: AuditReport, *, category: bool = False) -> list[Reading]:
    """The readings ``report`` has (those of optional columns where the roster has them)."""
    return [r for r in READINGS if (not category or r.category)
            and (not r.needs or r.needs in report.readings)]


def fraction(value: Decimal | None, places: int = 4) -> float | None:
    """A ratio for JSON: rounded half up to ``places`` decimals, as a number."""
    if value is None:
        return None
    return float(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def share(value: Decimal | None) -> str:
    """``Decimal('0.4167')`` -> ``41.7 %``; None -> ``-``."""
    return NONE if value is None else figures.percent(value)


def ratio(value: Decimal | None) -> str:
    """A compa-ratio: ``0.97``."""
    if value is None:
        return NONE
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):f}"


def plural(number: int, word: str) -> str:
    """``1 row``, ``2 rows``."""
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


count = figures.count


#: How the document writes a ratio: :func:`fraction` for JSON; :func:`unrounded` (the
#: ``Decimal`` itself) for the tables of :mod:`dualladder._internal.services.tables`.
Number = Callable[[Decimal | None], Any]


def unrounded(value: Decimal | None) -> Decimal | None:
    return value


def audit_document(report: AuditReport, *, exact: bool = False) -> dict[str, Any]:
    """The document ``dualladder audit --format json`` writes for ``report``, as plain dicts
    and lists (``json.dumps(audit_document(report))`` is that output): its keys, their order
    and its ``version`` are those of ``docs/audit.md``. Ratios are floats rounded to 4
    decimals, as in the JSON; ``exact=True`` gives each as its exact ``Decimal`` instead (the
    audit's tables in ``dualladder.tables`` are this document flattened)."""
    return document(report, number=unrounded if exact else fraction)


def _spread_dict(value: Spread | None, number: Number) -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        "min": number(value.min),
        "q1": number(value.q1),
        "median": number(value.median),
        "q3": number(value.q3),
        "max": number(value.max),
    }


def _split_dict(value: SexSplit) -> dict[str, int | None]:
    return {"women": value.women, "men": value.men, "other": value.other}


def _tie_count(value: Decimal | None, number: Number) -> Any:
    """A count that a shared tie may make a fraction: an int when whole."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else number(value)


def _quarter_dict(q: Quarter, number: Number) -> dict[str, Any]:
    return {"people": q.people, "women": _tie_count(q.women, number),
            "men": _tie_count(q.men, number), "other": _tie_count(q.other, number),
            "share": {"women": number(q.share(q.women)), "men": number(q.share(q.men)),
                      "other": number(q.share(q.other))}}


def _indicators_dict(ind: Indicators, report: AuditReport, *, category: bool,
                     number: Number = fraction) -> dict[str, Any]:
    out: dict[str, Any] = {"people": _split_dict(ind.people)}
    for reading in READINGS:
        out[reading.key] = (number(getattr(ind, reading.key))
                            if not category or reading.category else None)
    for key, _label, _article, needs in SHARES:
        out[key] = {"women": number(getattr(ind, f"{key}_women")),
                    "men": number(getattr(ind, f"{key}_men"))} \
            if not needs or needs in report.readings else None
    out["quartiles"] = ([_quarter_dict(q, number) for q in ind.quartiles]
                        if ind.quartiles is not None else None)
    return out


def _rung_dict(rung: RungStats, number: Number) -> dict[str, Any]:
    return {
        "track": rung.track,
        "title": rung.title,
        "band": rung.band,
        "withheld": rung.withheld,
        "headcount": rung.headcount,
        "compa_ratio": _spread_dict(rung.compa, number),
        "range_penetration": _spread_dict(rung.penetration, number),
        "below_min": rung.below_min,
        "above_max": rung.above_max,
        "variable_share": number(rung.variable_share),
        "equity_share": number(rung.equity_share),
    }


def document(report: AuditReport, *, number: Number = fraction) -> dict[str, Any]:
    """The ``--format json`` document of ``report`` (keys and their order are stable;
    docs/audit.md): plain dicts and lists, ready for ``json.dumps``. ``number`` writes each
    ratio: rounded to 4 decimals as a float for JSON (:func:`fraction`, the default), or
    :func:`unrounded` for the ``Decimal`` itself (the audit's tables,
    :mod:`dualladder._internal.services.tables`, are this document flattened)."""
    findings = report.findings
    return {
        "version": AUDIT_JSON_VERSION,
        "roster": report.roster,
        "ladders": list(report.ladders),
        "published": report.published,
        "options": {
            "tolerance": number(report.options.tolerance),
            "gap_threshold": number(report.options.gap_threshold),
            "min_group": report.options.min_group,
        },
        "summary": {
            "people": report.people,
            "rows_left_out": report.rows_left_out,
            "errors": len(findings.errors),
            "warnings": len(findings.warnings),
        },
        "readings": {r.key: {"letter": r.letter, "label": r.label, "article": r.article}
                     for r in READINGS},
        "findings": [finding.as_dict() for finding in findings],
        "levels": [
            {
                "family": row.family,
                "level": row.level,
                "name": row.name,
                "rungs": [_rung_dict(r, number) for r in row.rungs if r is not None],
            }
            for row in report.levels
        ],
        "pay": [
            {
                "currency": group.currency,
                "organisation": _indicators_dict(group.organisation, report, category=False,
                                                 number=number),
                "categories": [
                    {"family": c.family, "level": c.level, "name": c.name,
                     **_indicators_dict(c.indicators, report, category=True, number=number)}
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


def _cell(rung: RungStats | None, published: bool = False) -> str:
    """One rung of the side-by-side table, on one line."""
    if rung is None:
        return NONE
    title = escape_controls(rung.title)
    if rung.headcount is None and rung.compa is None:
        return f"{title}: {HIDDEN}"
    if rung.headcount == 0:
        return f"{title}: nobody"
    text = f"{title}: {HIDDEN if rung.headcount is None else rung.headcount}"

    def quartile(value: Decimal | None, shown: Callable[[Decimal | None], str]) -> str:
        return "not shown" if value is None and published else shown(value)

    if rung.compa is not None and rung.compa.q1 is None and rung.compa.median is None \
            and rung.compa.q3 is None:
        text += ", compa-ratio quartiles not shown (each is one person's)"
    elif rung.compa is not None:
        compa = rung.compa
        text += (f", compa {quartile(compa.median, ratio)} "
                 f"[{quartile(compa.q1, ratio)}-{quartile(compa.q3, ratio)}]")
    elif rung.withheld:
        text += ", pay withheld"
    if rung.penetration is not None and rung.penetration.median is not None:
        text += f", in range {share(rung.penetration.median)}"
    circles = [f"{n} {what}" for n, what in ((rung.below_min, "below"),
                                             (rung.above_max, "above")) if n]
    if published:
        circles += [f"{what}: not shown" for n, what in ((rung.below_min, "below"),
                                                         (rung.above_max, "above"))
                    if n is None]
    if circles:
        text += f" ({', '.join(circles)})"
    return text


def _gap(report: AuditReport, value: Decimal | None, hidden: bool = False) -> str:
    """A gap, never printed on or across the ``--gap-threshold`` (Art. 10) it is read
    against."""
    if value is None:
        return HIDDEN if hidden else NONE
    t = report.options.gap_threshold
    return figures.percent(value, beside=(t, -t))


def _count(report: AuditReport, value: int | Decimal | None) -> str:
    """A count; in a published report, one not shown reads so."""
    return HIDDEN if value is None and report.published else count(value)


def _people(report: AuditReport, split: SexSplit) -> str:
    return ", ".join(f"{word} {_count(report, value)}" for word, value in (
        ("women", split.women), ("men", split.men), ("other", split.other)))


def _hidden(ind: Indicators, key: str) -> bool:
    return key in ind.hidden


def indicator_rows(report: AuditReport, ind: Indicators) -> list[tuple[str, str]]:
    """The organisation's indicators as (label with its article, value): what the text,
    Markdown and HTML reports print, in one order."""
    rows = [(r.title, _gap(report, getattr(ind, r.key), _hidden(ind, r.key)))
            for r in readings(report)]
    for key, label, article, needs in SHARES:
        if needs and needs not in report.readings:
            continue
        for sex, word in (("women", "women"), ("men", "men")):
            field = f"{key}_{sex}"
            value = getattr(ind, field)
            rows.append((f"{label}, {word} [{article}]",
                         HIDDEN if value is None and _hidden(ind, field) else share(value)))
    if ind.quartiles is not None:
        for number, q in enumerate(ind.quartiles, start=1):
            parts = []
            for word, value in (("women", q.women), ("men", q.men), ("other", q.other)):
                if value is None:
                    parts.append(f"{word} {_count(report, value)}")
                elif q.people is None:
                    parts.append(f"{word} {count(value)}")
                else:
                    parts.append(f"{word} {share(q.share(value))} ({count(value)})")
            size = "" if q.people is None else f" ({plural(q.people, 'person')})".replace(
                "persons", "people")
            rows.append((f"(f) pay quarter {number}{size}, lowest first [Art. 9(1)(f)]",
                         ", ".join(parts)))
    return rows


def category_header() -> list[str]:
    return ["Level", "Women", "Men", "Other", *(h for h, _ in CATEGORY_COLUMNS)]


def category_rows(report: AuditReport, categories: Sequence[Category], *, several: bool
                  ) -> list[list[str]]:
    """The table of categories (g), one row each, as every format prints it."""
    return [
        [f"{c.family} {c.level}".strip() if several else c.level,
         _count(report, c.indicators.people.women), _count(report, c.indicators.people.men),
         _count(report, c.indicators.people.other),
         *(_gap(report, getattr(c.indicators, key), _hidden(c.indicators, key))
           for _, key in CATEGORY_COLUMNS)]
        for c in categories
    ]


def text_lines(report: AuditReport) -> list[str]:
    """The text report, line by line."""
    lines: list[str] = []
    ladders = ", ".join(escape_controls(name) for name in report.ladders)
    head = (f"Audit of {escape_controls(report.roster)} against {ladders}: "
            + (f"{report.people} people" if report.people is not None
               else f"the number of people {HIDDEN}"))
    if report.rows_left_out:
        head += f" ({plural(report.rows_left_out, 'row')} left out)"
    if report.published:
        head += (f"; for publication (no count of a group under {report.options.min_group} "
                 "shown or derivable)")
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
            rows.append([label, *(_cell(r, report.published) for r in row.rungs)])
        lines += _table(rows)
        lines.append("")
    for group in report.pay:
        unit = f" paid in {group.currency}" if group.currency else ""
        org = group.organisation
        lines.append(f"Pay-gap indicators (Directive (EU) 2023/970, Art. 9(1)), workers{unit}: "
                     f"{_people(report, org.people)}")
        for label, value in indicator_rows(report, org):
            lines.append(f"  {label}: {value}")
        lines.append(f"  {CATEGORY_TITLE}:")
        rows = [category_header(), *category_rows(report, group.categories, several=True)]
        lines += ["  " + escape_controls(line) for line in _table(rows)]
        lines.append("")
    lines += NOTES
    return lines


#: The notes under every report.
NOTES: Final = [
    "Gaps are (men - women) / men; positive: men are paid more. Full-time equivalent: pay / "
    "fte. A dash: not computed.",
]


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
    names: list[str]
    """Each cell's track, as its family names it (the label of a cell on a phone)."""


@dataclass(frozen=True, slots=True)
class PayView:
    heading: str
    people: str
    indicators: list[tuple[str, str]]
    header: list[str]
    categories: list[list[str]]
    category_title: str
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
    head = (f"{report.people} people audited" if report.people is not None
            else f"The number of people audited is {HIDDEN}")
    if report.rows_left_out:
        head += f", {plural(report.rows_left_out, 'row')} left out"
    if report.published:
        head += (f". Published report: no count of a group of fewer than "
                 f"{report.options.min_group} people is shown or can be worked out from the "
                 "counts shown, no figure is one person's, and no individual is named")
    return head + "."


def view(report: AuditReport, *, charts: bool) -> View:
    """The :class:`View` of a report (``charts``: with the SVG charts' geometry)."""
    from dualladder._internal.services.audit.charts import compa_chart, gap_chart

    findings = [FindingView(f.code, f.severity, f"{f.file}:{f.line}:{f.column}", f.message)
                for f in report.findings]
    levels = []
    several = len({row.family for row in report.levels}) > 1
    for row in report.levels:
        label = f"{row.family} {row.level}" if several else row.level
        if row.name:
            label += f" ({row.name})"
        levels.append(LevelView(label, [_cell(r, report.published) for r in row.rungs],
                                [r.track_name if r is not None else name
                                 for r, (_, name) in zip(row.rungs, report.tracks,
                                                         strict=True)]))
    pay = []
    threshold = share(report.options.gap_threshold)
    for group in report.pay:
        org = group.organisation
        unit = f" paid in {group.currency}" if group.currency else ""
        pay.append(PayView(
            heading=f"Pay-gap indicators, workers{unit} (Directive (EU) 2023/970, Art. 9(1))",
            people=_people(report, org.people),
            indicators=indicator_rows(report, org),
            header=category_header(),
            categories=category_rows(report, group.categories, several=several),
            category_title=CATEGORY_TITLE[0].upper() + CATEGORY_TITLE[1:],
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
        notes=list(NOTES),
        published=report.published,
        footer="Written by dualladder audit",
    )


def _render_page(report: AuditReport, fmt: str) -> str:
    from dualladder._internal.services.handbook.engine import (
        environments,
        render_template,
        template_source,
    )

    envs = environments(None)
    if fmt == "html":
        css = template_source(envs["html"], "html/style.css")
        return render_template(envs["html"], "html/audit.html.j2",
                       {"view": view(report, charts=True), "css": Markup(css)})
    return render_template(envs["markdown"], "markdown/audit.md.j2",
                           {"view": view(report, charts=False)})


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
