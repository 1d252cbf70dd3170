"""``dualladder audit ... --statement EMPLOYEE_ID``: what Art. 7 of Directive (EU) 2023/970
gives a worker on request.

The statement holds the worker's own pay level (full-time-equivalent base, variable and total
pay, their band and compa-ratio) and their category of workers (their level across its tracks),
with the category's average pay of women and of men. An average is shown only for a group of at
least the threshold (``--min-group``, default 5): a smaller group would let the worker work out
a colleague's pay.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from dualladder._internal.model.audit import AuditOptions
from dualladder._internal.model.placement import Position, Scale
from dualladder._internal.model.roster import FEMALE, MALE, Roster
from dualladder._internal.services.translations import ladder_in, track_name_in
from dualladder._internal.util import i18n
from dualladder._internal.util.i18n import N_, gettext, ngettext
from dualladder._internal.util.textsafe import escape_controls

__all__ = ["Statement", "StatementError", "statement", "statement_in", "statement_text"]


class StatementError(ValueError):
    """No statement can be made for that id (not in the roster, or left out of the audit)."""


@dataclass(frozen=True, slots=True)
class Statement:
    employee_id: str
    family: str
    track: str
    title: str
    level: str
    level_name: str | None
    currency: str | None
    band: str
    base_pay: Decimal
    """Full-time-equivalent base pay."""
    variable_pay: Decimal
    total_pay: Decimal
    fte: Decimal
    base_paid: Decimal
    """Base pay actually paid in the year (the roster's ``base_pay``)."""
    variable_paid: Decimal
    total_paid: Decimal
    compa_ratio: Decimal | None
    category: str
    category_people: int | None
    """None below the threshold."""
    women: int | None
    """None where the category's women, men or others are fewer than the threshold (and not
    none): a small count would tell who they are."""
    men: int | None
    mean_pay_women: Decimal | None
    """Mean full-time-equivalent total pay of the category's women; None below the threshold."""
    mean_pay_men: Decimal | None
    min_group: int
    category_family: str | None = None
    """The family the category is within (None: the level across every family)."""
    band_range: tuple[Decimal, Decimal, Decimal] | None = None
    """The band's minimum, midpoint and maximum, written the reader's way in the text."""
    track_key: str = ""
    """The track's key (:attr:`track` is its name), to find its name in another language."""


def _cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def statement(scale: Scale, roster: Roster | None, employee_id: str,
              options: AuditOptions) -> Statement:
    """The Art. 7 statement of ``employee_id``; :class:`StatementError` if there is none."""
    if roster is None:
        raise StatementError("the roster cannot be read, so no statement can be made")
    wanted = employee_id.strip()
    try:
        index = roster.employee_id.index(wanted)
    except ValueError:
        raise StatementError(f"employee_id {wanted!r} is not in the roster (or its row was "
                             "left out: see the findings of the audit)") from None
    profile = roster.profiles[roster.profile[index]]
    position = scale.position(profile)
    if not isinstance(position, Position):
        raise StatementError(f"employee_id {wanted!r} is left out of the audit: "
                             f"{position.message}")
    fte = profile.fte
    base = roster.base_pay[index] / fte
    variable = roster.variable_pay[index] / fte
    category = scale.family_key(position)
    totals: dict[str, list[Decimal]] = {FEMALE: [], MALE: []}
    people = others = 0
    for other, other_profile in enumerate(roster.profiles):
        there = scale.position(other_profile)
        if not isinstance(there, Position) or there.level != position.level or \
                scale.family_key(there) != category or there.currency != position.currency:
            continue
        members = [i for i, p in enumerate(roster.profile) if p == other]
        people += len(members)
        side = totals.get(other_profile.gender)
        if side is None:
            others += len(members)
        else:
            side.extend((roster.base_pay[i] + roster.variable_pay[i]) / other_profile.fte
                        for i in members)
    k = options.min_group

    def mean(values: list[Decimal]) -> Decimal | None:
        return _cents(sum(values, Decimal(0)) / len(values)) if len(values) >= k else None

    def safe(n: int) -> bool:
        return n == 0 or n >= k

    counts = safe(len(totals[FEMALE])) and safe(len(totals[MALE])) and safe(others)
    ladder = position.ladder
    level = ladder.level(position.level)
    where = f"level {position.level}" + (f" of {position.family}" if category else "")
    return Statement(
        employee_id=wanted,
        family=position.family,
        track=track_name_in(ladder, position.track),
        title=position.rung.title,
        level=position.level,
        level_name=level.name if level is not None else None,
        currency=position.currency,
        band=position.band_text(),
        base_pay=_cents(base),
        variable_pay=_cents(variable),
        total_pay=_cents(base + variable),
        fte=fte,
        base_paid=_cents(Decimal(roster.base_pay[index])),
        variable_paid=_cents(Decimal(roster.variable_pay[index])),
        total_paid=_cents(Decimal(roster.base_pay[index] + roster.variable_pay[index])),
        compa_ratio=(base / position.band.mid).quantize(Decimal("0.01"), ROUND_HALF_UP)
        if position.band is not None else None,
        category=f"{where}, across its tracks",
        category_people=people if people >= k else None,
        women=len(totals[FEMALE]) if counts else None,
        men=len(totals[MALE]) if counts else None,
        mean_pay_women=mean(totals[FEMALE]),
        mean_pay_men=mean(totals[MALE]),
        min_group=k,
        category_family=position.family if category else None,
        band_range=(position.band.min, position.band.mid, position.band.max)
        if position.band is not None else None,
        track_key=position.track,
    )


def statement_in(s: Statement, scale: Scale, locale: str) -> Statement:
    """``s`` with the names from the files in ``locale`` (the worker's title, track, level
    name and family, as the report in that language names them:
    :func:`~dualladder._internal.services.audit.names.named_in`), each name a file does not
    translate as the file writes it. For the text and the page; JSON keeps the files' names."""
    ladder = next((lad for lad in scale.ladders if lad.family == s.family), None)
    copy = ladder_in(ladder, locale, levels=False)[0] if ladder is not None else None
    if copy is None or copy is ladder:
        return s
    rung = copy.rung(s.track_key, s.level)
    level = copy.level(s.level)
    return replace(
        s,
        family=copy.family,
        track=track_name_in(copy, s.track_key) if s.track_key in copy.tracks else s.track,
        title=rung.title if rung is not None else s.title,
        level_name=level.name if level is not None and level.name else s.level_name,
        category_family=copy.family if s.category_family is not None else None,
    )


def _money(value: Decimal | None, currency: str | None) -> str:
    """An amount as every page writes it (``USD 200,400``, ``200.400 $``), or why not."""
    if value is None:
        return gettext("not shown, to protect a small group")
    return i18n.money(value, currency)


#: What :meth:`Position.band_text` says of a rung without a band, marked for the catalogs.
NO_BAND = (N_("pay withheld, equal by policy"), N_("no band"))


def _band(s: Statement) -> str:
    """The band as the statement's reader reads it, as the handbook writes bands (``USD
    175,000 - 235,000 (mid 205,000)``, ``175.000 - 235.000 $ (Mitte 205.000)``)."""
    if s.band_range is None:  # why there is none, in the reader's words
        return gettext(s.band) if s.band in NO_BAND else s.band
    low, mid, high = s.band_range
    return (i18n.money_range(low, high, s.currency, "-") + " ("
            + gettext("mid %(amount)s") % {"amount": i18n.number(mid)} + ")")


def _category(s: Statement) -> str:
    if s.category_family is not None:
        return gettext("level %(level)s of %(family)s, across its tracks") % {
            "level": s.level, "family": s.category_family}
    return gettext("level %(level)s, across its tracks") % {"level": s.level}


def statement_text(scale: Scale, roster: Roster | None, employee_id: str,
                   options: AuditOptions, fmt: str = "text") -> str:
    """The statement as text (``fmt`` ``json`` for a JSON document, ``html`` for an HTML page;
    ``markdown`` gives the text)."""
    s = statement(scale, roster, employee_id, options)
    if fmt != "json":  # the names from the files in the reader's language; JSON the files'
        s = statement_in(s, scale, i18n.active())
    if fmt == "html":
        return _html(s)
    if fmt == "json":
        doc: dict[str, Any] = {
            "employee_id": s.employee_id,
            "family": s.family,
            "track": s.track,
            "title": s.title,
            "level": s.level,
            "currency": s.currency,
            "band": s.band,
            "pay": {"base": str(s.base_pay), "variable": str(s.variable_pay),
                    "total": str(s.total_pay)},
            "fte": str(s.fte),
            "pay_actually_paid": {"base": str(s.base_paid), "variable": str(s.variable_paid),
                                  "total": str(s.total_paid)},
            "compa_ratio": None if s.compa_ratio is None else str(s.compa_ratio),
            "category": {
                "name": s.category,
                "people": s.category_people,
                "women": s.women,
                "men": s.men,
                "mean_pay_women": None if s.mean_pay_women is None else str(s.mean_pay_women),
                "mean_pay_men": None if s.mean_pay_men is None else str(s.mean_pay_men),
                "min_group": s.min_group,
            },
        }
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    cur = s.currency
    level = s.level + (f" ({s.level_name})" if s.level_name else "")
    base, variable, total, compa = (gettext("base pay"), gettext("variable pay"),
                                    gettext("total pay"), gettext("compa-ratio"))
    width = max(len(base), len(variable), len(total), len(compa)) + 2  # the amounts aligned

    def row(label: str, value: str) -> str:
        return f"  {label.ljust(width)}{value}"

    lines = [
        gettext("Pay statement for employee %(id)s (Directive (EU) 2023/970, Art. 7)")
        % {"id": s.employee_id},
        "",
        i18n.once_named(gettext("Job: %(title)s, %(track)s track, level %(level)s, %(family)s"),
                        s.track)
        % {"title": s.title, "track": s.track, "level": level, "family": s.family},
        gettext("Pay band: %(band)s") % {"band": _band(s)},
        gettext("Your pay (full-time equivalent, per year):"),
        row(base, _money(s.base_pay, cur)),
        row(variable, _money(s.variable_pay, cur)),
        row(total, _money(s.total_pay, cur)),
    ]
    if s.compa_ratio is not None:
        lines.append(row(compa, i18n.decimal_text(f"{s.compa_ratio:f}") + " "
                         + gettext("(base pay / band midpoint)")))
    if s.fte != 1:
        lines += [
            gettext("Your pay actually paid (you work %(fte)s of full time, per year):")
            % {"fte": i18n.decimal_text(f"{s.fte.normalize():f}")},
            row(base, _money(s.base_paid, cur)),
            row(variable, _money(s.variable_paid, cur)),
            row(total, _money(s.total_paid, cur)),
        ]

    def people(n: int | None) -> str:
        return "" if n is None else f" ({n})"

    size = gettext("fewer than the threshold") if s.category_people is None \
        else ngettext("%(num)s person", "%(num)s people", s.category_people) % {
            "num": s.category_people}
    lines += [
        "",
        gettext("Your category of workers: %(category)s (%(size)s)")
        % {"category": _category(s), "size": size},
        "  " + gettext("(averages are of full-time-equivalent total pay)"),
        "  " + gettext("average total pay of women%(count)s: %(amount)s")
        % {"count": people(s.women), "amount": _money(s.mean_pay_women, cur)},
        "  " + gettext("average total pay of men%(count)s: %(amount)s")
        % {"count": people(s.men), "amount": _money(s.mean_pay_men, cur)},
    ]
    if s.mean_pay_women is None or s.mean_pay_men is None or s.women is None:
        lines.append("  " + gettext(
            "(an average or a count of fewer than %(min)s people is not shown, so that "
            "nobody's pay or sex can be worked out)") % {"min": s.min_group})
    return "\n".join(escape_controls(line) for line in lines) + "\n"


def _html(s: Statement) -> str:
    """The statement as one HTML page (``html/statement.html.j2``, every value escaped), in
    the active locale's words and number formats, as the text is."""
    from markupsafe import Markup

    from dualladder._internal.services.handbook.engine import (
        environments,
        render_template,
        template_source,
    )

    envs = environments(None)
    context = {
        "s": s,
        "money": lambda value: _money(value, s.currency),
        "band": _band(s),
        "category": _category(s),
        "fte": i18n.decimal_text(f"{s.fte.normalize():f}"),
        "compa": None if s.compa_ratio is None else i18n.decimal_text(f"{s.compa_ratio:f}"),
        "css": Markup(template_source(envs["html"], "html/style.css")),
    }
    return render_template(envs["html"], "html/statement.html.j2", context)
