"""Audit reporters: an :class:`AuditReport` written out as text, JSON, Markdown or HTML.

Looked up by name in :data:`AUDIT_REPORTERS`, like the findings reporters of
:mod:`dualladder._internal.services.report`; each turns a report into the text of one output file::

    AUDIT_REPORTERS["json"]().render(report)

The findings are printed with the findings reporters' own conventions (one line a finding, in
English, every value from a file escaped); the line that counts them under the list is the
report's own, in the reader's language (:func:`findings_summary`).
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
from dualladder._internal.util import i18n
from dualladder._internal.util.findings import Report
from dualladder._internal.util.i18n import N_, gettext, ngettext
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
        return f"({self.letter}) {gettext(self.label)} [{gettext(self.article)}]"


#: The gap readings of Art. 9(1), in the order every format prints them.
READINGS: Final = (
    Reading("mean_gap", "a", N_("mean pay gap, total pay, full-time equivalent"),
            N_("Art. 9(1)(a)"), category=True),
    Reading("paid_mean_gap", "a", N_("mean pay gap, total pay actually paid in the year"),
            N_("Art. 9(1)(a), annual pay of Art. 3(1)(b)")),
    Reading("hourly_mean_gap", "a", N_("mean pay gap, hourly pay"),
            N_("Art. 9(1)(a), hourly pay of Art. 3(1)(b)"), needs="hourly"),
    Reading("in_kind_mean_gap", "a",
            N_("mean pay gap, total remuneration with pay in kind, full-time equivalent"),
            N_("Art. 9(1)(a), pay in kind of Art. 3(1)(a)"), needs="in_kind"),
    Reading("basic_mean_gap", "a", N_("mean pay gap, basic pay, full-time equivalent"),
            N_("Art. 9(1)(a) and (g)"), category=True),
    Reading("variable_mean_gap", "b", N_("mean pay gap, variable pay, over every worker"),
            N_("Art. 9(1)(b)"), category=True),
    Reading("variable_mean_gap_receiving", "b",
            N_("mean pay gap, variable pay, over those who received some"),
            N_("Art. 9(1)(b)"),
            category=True),
    Reading("median_gap", "c", N_("median pay gap, total pay, full-time equivalent"),
            N_("Art. 9(1)(c)")),
    Reading("paid_median_gap", "c", N_("median pay gap, total pay actually paid in the year"),
            N_("Art. 9(1)(c), annual pay of Art. 3(1)(b)")),
    Reading("hourly_median_gap", "c", N_("median pay gap, hourly pay"),
            N_("Art. 9(1)(c), hourly pay of Art. 3(1)(b)"), needs="hourly"),
    Reading("in_kind_median_gap", "c",
            N_("median pay gap, total remuneration with pay in kind, full-time equivalent"),
            N_("Art. 9(1)(c), pay in kind of Art. 3(1)(a)"), needs="in_kind"),
    Reading("basic_median_gap", "c", N_("median pay gap, basic pay, full-time equivalent"),
            N_("Art. 9(1)(c) and (g)")),
    Reading("variable_median_gap", "d", N_("median pay gap, variable pay, over every worker"),
            N_("Art. 9(1)(d)")),
    Reading("variable_median_gap_receiving", "d",
            N_("median pay gap, variable pay, over those who received some"),
            N_("Art. 9(1)(d)")),
)

#: The shares of Art. 9(1)(e) and of pay in kind: JSON key, label, article, needs.
SHARES: Final = (
    ("variable_share", N_("(e) received variable pay"), N_("Art. 9(1)(e)"), ""),
    ("equity_share", N_("received equity (pay in kind)"), N_("Art. 3(1)(a)"), "equity"),
)

#: The columns of the table of categories (g): header, the reading it prints.
CATEGORY_COLUMNS: Final = (
    (N_("Basic pay gap"), "basic_mean_gap"),
    (N_("Variable pay gap, every worker"), "variable_mean_gap"),
    (N_("Variable pay gap, those paid some"), "variable_mean_gap_receiving"),
    (N_("Total pay gap"), "mean_gap"),
)

#: The title of the table of categories, in every format.
CATEGORY_TITLE: Final = N_("(g) by category of workers (a level across its tracks), mean gaps "
                            "of full-time-equivalent pay [Art. 9(1)(g); variable pay as in (b), "
                            "total pay as in (a)]")

#: What a figure not shown in a published report reads.
HIDDEN = N_("not shown, to protect a small group")

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
    """``Decimal('0.4167')`` -> ``41.7 %`` (``41,7 %`` in German); None -> ``-``."""
    return NONE if value is None else i18n.decimal_text(figures.percent(value))


def ratio(value: Decimal | None) -> str:
    """A compa-ratio: ``0.97``."""
    if value is None:
        return NONE
    return i18n.decimal_text(f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):f}")


def rows(number: int) -> str:
    """``1 row``, ``2 rows`` (in the reader's language)."""
    return ngettext("%(num)s row", "%(num)s rows", number) % {"num": number}


def count(value: int | Decimal | None) -> str:
    """A count of people (a shared one with the locale's decimal sign)."""
    return i18n.decimal_text(figures.count(value))


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
    hidden = gettext(HIDDEN)
    if rung.headcount is None and rung.compa is None:
        return f"{title}: {hidden}"
    if rung.headcount == 0:
        return f"{title}: " + gettext("nobody")
    text = f"{title}: {hidden if rung.headcount is None else rung.headcount}"

    def quartile(value: Decimal | None, shown: Callable[[Decimal | None], str]) -> str:
        return gettext("not shown") if value is None and published else shown(value)

    if rung.compa is not None and rung.compa.q1 is None and rung.compa.median is None \
            and rung.compa.q3 is None:
        text += gettext(", compa-ratio quartiles not shown (each is one person's)")
    elif rung.compa is not None:
        compa = rung.compa
        text += gettext(", compa %(median)s [%(q1)s-%(q3)s]") % {
            "median": quartile(compa.median, ratio), "q1": quartile(compa.q1, ratio),
            "q3": quartile(compa.q3, ratio)}
    elif rung.withheld:
        text += gettext(", pay withheld")
    if rung.penetration is not None and rung.penetration.median is not None:
        text += gettext(", in range %(share)s") % {"share": share(rung.penetration.median)}
    below, above = gettext("below"), gettext("above")
    circles = [f"{n} {what}" for n, what in ((rung.below_min, below),
                                             (rung.above_max, above)) if n]
    if published:
        circles += [gettext("%(what)s: not shown") % {"what": what}
                    for n, what in ((rung.below_min, below), (rung.above_max, above))
                    if n is None]
    if circles:
        text += f" ({', '.join(circles)})"
    return text


def _gap(report: AuditReport, value: Decimal | None, hidden: bool = False) -> str:
    """A gap, never printed on or across the ``--gap-threshold`` (Art. 10) it is read
    against."""
    if value is None:
        return gettext(HIDDEN) if hidden else NONE
    t = report.options.gap_threshold
    return i18n.decimal_text(figures.percent(value, beside=(t, -t)))


def _count(report: AuditReport, value: int | Decimal | None) -> str:
    """A count; in a published report, one not shown reads so."""
    return gettext(HIDDEN) if value is None and report.published else count(value)


#: How a report names the sexes of the roster.
WOMEN, MEN, OTHER = N_("women"), N_("men"), N_("other")


def _people(report: AuditReport, split: SexSplit) -> str:
    return ", ".join(f"{gettext(word)} {_count(report, value)}" for word, value in (
        (WOMEN, split.women), (MEN, split.men), (OTHER, split.other)))


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
        for sex, word in (("women", WOMEN), ("men", MEN)):
            field = f"{key}_{sex}"
            value = getattr(ind, field)
            rows.append((f"{gettext(label)}, {gettext(word)} [{gettext(article)}]",
                         gettext(HIDDEN) if value is None and _hidden(ind, field)
                         else share(value)))
    if ind.quartiles is not None:
        for number, q in enumerate(ind.quartiles, start=1):
            parts = []
            for word, value in ((WOMEN, q.women), (MEN, q.men), (OTHER, q.other)):
                if value is None:
                    parts.append(f"{gettext(word)} {_count(report, value)}")
                elif q.people is None:
                    parts.append(f"{gettext(word)} {count(value)}")
                else:
                    parts.append(f"{gettext(word)} {share(q.share(value))} ({count(value)})")
            label = (gettext("(f) pay quarter %(number)s, lowest first [Art. 9(1)(f)]")
                     % {"number": number} if q.people is None else
                     ngettext("(f) pay quarter %(number)s (%(num)s person), lowest first "
                              "[Art. 9(1)(f)]",
                              "(f) pay quarter %(number)s (%(num)s people), lowest first "
                              "[Art. 9(1)(f)]", q.people) % {"number": number, "num": q.people})
            rows.append((label, ", ".join(parts)))
    return rows


def category_header() -> list[str]:
    return [gettext("Level"), gettext("Women"), gettext("Men"), gettext("Other"),
            *(gettext(h) for h, _ in CATEGORY_COLUMNS)]


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
    head = (gettext("Audit of %(roster)s against %(ladders)s:")
            % {"roster": escape_controls(report.roster), "ladders": ladders} + " "
            + (ngettext("%(num)s person", "%(num)s people", report.people)
               % {"num": report.people} if report.people is not None
               else gettext("the number of people %(hidden)s") % {"hidden": gettext(HIDDEN)}))
    if report.rows_left_out:
        head += " (" + gettext("%(rows)s left out") % {"rows": rows(report.rows_left_out)} + ")"
    if report.published:
        head += gettext("; for publication (no count of a group under %(min)s shown or "
                        "derivable)") % {"min": report.options.min_group}
    lines += [head, ""]
    for finding in report.findings:
        lines.append(escape_controls(str(finding)))
    lines += [findings_summary(report.findings), ""]
    if report.levels:
        lines.append(gettext("People on the ladder: headcount, compa-ratio median [quartiles], "
                             "median range penetration"))
        names = [escape_controls(name) for _, name in report.tracks]
        table = [[gettext("Level"), *names]]
        for row in report.levels:
            label = escape_controls(row.level if not row.family or len(report.ladders) < 2
                                    else f"{row.family} {row.level}")
            table.append([label, *(_cell(r, report.published) for r in row.rungs)])
        lines += _table(table)
        lines.append("")
    for group in report.pay:
        org = group.organisation
        lines.append((gettext("Pay-gap indicators (Directive (EU) 2023/970, Art. 9(1)), workers "
                              "paid in %(currency)s:") % {"currency": group.currency}
                      if group.currency else
                      gettext("Pay-gap indicators (Directive (EU) 2023/970, Art. 9(1)), workers:"))
                     + f" {_people(report, org.people)}")
        for label, value in indicator_rows(report, org):
            lines.append(f"  {label}: {value}")
        lines.append(f"  {gettext(CATEGORY_TITLE)}:")
        table = [category_header(), *category_rows(report, group.categories, several=True)]
        lines += ["  " + escape_controls(line) for line in _table(table)]
        lines.append("")
    lines += notes(report)
    return lines


#: The notes under every report.
NOTES: Final = [
    N_("Gaps are (men - women) / men; positive: men are paid more. Full-time equivalent: pay / "
       "fte. A dash: not computed."),
]
#: The note under a report that shows a pay quarter's count with a fraction (a shared tie).
TIE_NOTE: Final = N_(
    "A pay quarter's count with a fraction, such as %(count)s, is not a number of people: "
    "people paid the same across the boundary of two pay quarters are shared between the "
    "quarters in proportion to their sexes (the method of the UK gender pay gap reporting "
    "rules), so that no one's quarter depends on their employee id. The proportions are the "
    "figures Art. 9(1)(f) asks for.")


def notes(report: AuditReport) -> list[str]:
    """The notes under the report: those of every report, and what a shared tie means where
    a pay quarter's count the report shows has a fraction (docs/audit.md, "Pay quarters")."""
    shown = [gettext(note) for note in NOTES]
    fractions = (value for group in report.pay for q in group.organisation.quartiles or ()
                 for value in (q.women, q.men, q.other)
                 if isinstance(value, Decimal) and value != value.to_integral_value())
    first = next(fractions, None)
    if first is not None:
        shown.append(gettext(TIE_NOTE) % {"count": count(first)})
    return shown


def findings_summary(findings: Report) -> str:
    """The line under the findings in the reader's language: ``2 errors, 1 warning in 3
    files``, as every other output writes it in English; ``2 Fehler, 1 Warnung in 3 Dateien``.
    The findings above it stay English; this line is the report's own."""
    errors, warnings = len(findings.errors), len(findings.warnings)
    parts = []
    if errors:
        parts.append(ngettext("%(num)s error", "%(num)s errors", errors) % {"num": errors})
    if warnings:
        parts.append(ngettext("%(num)s warning", "%(num)s warnings", warnings)
                     % {"num": warnings})
    files = len(findings.files)
    return gettext("%(found)s in %(files)s") % {
        "found": ", ".join(parts) if parts else gettext("no problems"),
        "files": ngettext("%(num)s file", "%(num)s files", files) % {"num": files}}


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


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _head(report: AuditReport) -> str:
    head = (ngettext("%(num)s person audited", "%(num)s people audited", report.people)
            % {"num": report.people} if report.people is not None
            else gettext("The number of people audited is %(hidden)s")
            % {"hidden": gettext(HIDDEN)})
    if report.rows_left_out:
        head += ", " + gettext("%(rows)s left out") % {"rows": rows(report.rows_left_out)}
    if report.published:
        head += ". " + gettext(
            "Published report: no count of a group of fewer than %(min)s people is shown or can "
            "be worked out from the counts shown, no figure is one person's, and no individual "
            "is named") % {"min": report.options.min_group}
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
        pay.append(PayView(
            heading=(gettext("Pay-gap indicators, workers paid in %(currency)s (Directive (EU) "
                             "2023/970, Art. 9(1))") % {"currency": group.currency}
                     if group.currency else
                     gettext("Pay-gap indicators, workers (Directive (EU) 2023/970, Art. 9(1))")),
            people=_people(report, org.people),
            indicators=indicator_rows(report, org),
            header=category_header(),
            categories=category_rows(report, group.categories, several=several),
            category_title=_capital(gettext(CATEGORY_TITLE)),
            threshold=threshold,
            chart=gap_chart(group, report.options.gap_threshold) if charts else None,
        ))
    ladders = ", ".join(report.ladders)
    return View(
        title=gettext("Pay audit of %(roster)s") % {"roster": report.roster},
        lead=gettext("%(roster)s against %(ladders)s:") % {"roster": report.roster,
                                                            "ladders": ladders}
        + f" {_head(report)}",
        findings=findings,
        summary=findings_summary(report.findings),
        tracks=[name for _, name in report.tracks],
        levels=levels,
        pay=pay,
        compa=compa_chart(report) if charts else None,
        notes=notes(report),
        published=report.published,
        footer=gettext("Written by dualladder audit"),
    )


def _render_page(report: AuditReport, fmt: str) -> str:
    from dualladder._internal.services.handbook.engine import (
        environments,
        render_page,
        template_source,
    )

    envs = environments(None)
    if fmt == "html":
        css = template_source(envs["html"], "html/style.css")
        return render_page(envs, "html", "audit",
                           {"view": view(report, charts=True), "css": Markup(css)})
    return render_page(envs, "markdown", "audit", {"view": view(report, charts=False)})


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
