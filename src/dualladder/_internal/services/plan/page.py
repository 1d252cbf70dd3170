"""The plan page: one printable page of a career plan, in HTML or Markdown.

The page shows the current and the goal rung side by side (title, scope, expectations,
decision rights, pay band, in the person's zone where the company has zones), the steps with
owners, dates and status, the manager's commitments, the reviews and the sign-off lines. It is
rendered from the templates ``html/plan.html.j2`` and ``markdown/plan.md.j2`` through the
handbook's environments (a user's template folder overrides them, rendered in Jinja's sandbox)
and written with the handbook's atomic folder swap, so a failed render leaves the old page.

A plan holds personal data: this writes only the folder the user names.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from dualladder._internal.model.ladder import Band, Ladder, Rung, format_amount
from dualladder._internal.model.plan import COMMITMENT_PLACEHOLDER, Plan, Position
from dualladder._internal.rules.plan import (
    PlanContext,
    allowed_move,
    crossover_levels,
    goal_asks,
)
from dualladder._internal.services.handbook.words import word
from dualladder._internal.services.plan.words import owner
from dualladder._internal.services.translations import ladder_in
from dualladder._internal.util import i18n
from dualladder._internal.util.findings import Finding, Report
from dualladder._internal.util.i18n import gettext

if TYPE_CHECKING:
    from jinja2 import Environment

__all__ = ["PLAN_FILES", "PlanPage", "RungSide", "plan_page", "render_plan"]

#: The page file of each format.
PLAN_FILES = {"html": "plan.html", "markdown": "plan.md"}

DASH = "\u2013"


@dataclass(frozen=True)
class RungSide:
    """One column of the page: a rung as the ladder states it now."""

    label: str
    position: str
    title: str
    track: str
    level: str
    scope: str | None
    expectations: list[str]
    decisions: list[str]
    pay: str | None


@dataclass(frozen=True)
class PlanPage:
    """Everything the plan template prints, computed here (no logic in templates)."""

    plan: Plan
    format: str
    title: str
    person: str
    ladder_name: str
    current: RungSide | None
    goal: RungSide | None
    move: str
    condition: str | None
    zone: str | None
    asks: list[str]
    findings: list[Finding] = field(default_factory=list)

    @property
    def steps_done(self) -> int:
        return sum(1 for s in self.plan.steps if s.status.value == "done")

    @property
    def commitments(self) -> list[str]:
        return [
            c.what + (f" ({owner(c.by)})" if c.by != "manager" else "")
            + (gettext(", by %(date)s") % {"date": i18n.date_text(c.due)} if c.due else "")
            for c in self.plan.commitments
            if c.what != COMMITMENT_PLACEHOLDER
        ]


def _band_text(band: Band | None, currency: str | None) -> str | None:
    if band is None:
        return None
    if i18n.active() != i18n.DEFAULT:
        return (i18n.money_range(band.min, band.max, currency, DASH) + " ("
                + gettext("mid %(amount)s") % {"amount": i18n.number(band.mid)} + ")")
    text = f"{format_amount(band.min)}{DASH}{format_amount(band.max)}"
    if currency:
        text += f" {currency}"
    return text + f" (mid {format_amount(band.mid)})"


def _zone_band(ladder: Ladder, rung: Rung, zone: str | None) -> tuple[Band | None, str | None]:
    """The rung's band and currency, in ``zone`` when the ladder is a company's family with
    that zone, else its base band."""
    if zone is not None and ladder.company_link is not None:
        from dualladder._internal.model.family import zone_band

        try:
            band = zone_band(ladder, rung, zone)
        except (KeyError, ValueError):
            band = None
        if band is not None:
            return band, band.currency or ladder.currency_of(band)
    band = ladder.band(rung)
    return band, ladder.currency_of(band)


def _side(
    label: str, ladder: Ladder, position: Position, rung: Rung, zone: str | None
) -> RungSide:
    band, currency = _zone_band(ladder, rung, zone)
    withheld = getattr(ladder, "pay_withheld", None)
    pay = _band_text(band, currency)
    if pay is None and callable(withheld) and withheld(rung):
        pay = gettext("not published, equal by policy")
    return RungSide(
        label=label,
        position=str(position),
        title=rung.title,
        track=ladder.track_name(position.track),
        level=position.level,
        scope=word(rung.scope.value) if rung.scope else None,
        expectations=list(rung.expectations),
        decisions=[
            gettext("%(authority)s on %(domain)s at %(scope)s") % {
                "authority": word(d.authority.value), "domain": d.domain,
                "scope": word(d.scope.value)}
            for d in rung.decisions or []
        ],
        pay=pay,
    )


def _move(ladder: Ladder, current: Position, goal: Position) -> str:
    """How an allowed move is made, in the reader's language: a promotion, or a crossover
    between two tracks at the levels the ladder states it (English names the tracks by their
    keys, as pages always did; the other languages by the tracks' names)."""
    if current.track == goal.track:
        return gettext("a promotion on the same track")
    english = i18n.active() == i18n.DEFAULT
    return gettext("a crossover from %(from)s to %(to)s at %(levels)s") % {
        "from": current.track if english else ladder.track_name(current.track),
        "to": goal.track if english else ladder.track_name(goal.track),
        "levels": ", ".join(crossover_levels(ladder, current, goal))}


def plan_page(
    plan: Plan, ladder: Ladder | None, fmt: str, findings: Sequence[Finding] = ()
) -> PlanPage:
    """The page's view of ``plan`` on ``ladder`` (None: a ladder that could not be read).

    The rungs' words (titles, track names, scope, expectations, the family) are the ladder's in
    the active locale (:func:`~dualladder._internal.services.translations.ladder_in`); the plan's
    own text, and the asks its steps cover, stay as written."""
    ctx = PlanContext(plan, ladder)
    shown = ladder_in(ladder, i18n.active())[0] if ladder is not None else None
    words = PlanContext(plan, shown)
    zone = plan.ladder.zone
    current = goal = None
    move, condition = "", None
    if shown is not None and words.current is not None:
        current = _side(gettext("Now"), shown, plan.current, words.current, zone)
    if shown is not None and words.goal is not None:
        goal = _side(gettext("Goal"), shown, plan.goal, words.goal, zone)
    if ladder is not None and current is not None and goal is not None:
        ok, move = allowed_move(ladder, plan.current, plan.goal)
        if not ok:  # why not, as the plan's finding says it (findings stay English)
            move = gettext("not allowed: %(move)s") % {"move": move}
        else:
            move = _move(shown or ladder, plan.current, plan.goal)  # tracks in its words
        if ok and plan.current.track != plan.goal.track:
            for crossing in ladder.crossover:
                if crossing.from_ == plan.current.track and crossing.to == plan.goal.track:
                    text = getattr(crossing, "condition", None)
                    condition = str(text) if text else None
                    break
    person = plan.person.id + (f" ({plan.person.name})" if plan.person.name else "")
    title = gettext("Career plan: %(current)s to %(goal)s") % {
        "current": current.title if current else plan.current,
        "goal": goal.title if goal else plan.goal}
    return PlanPage(
        plan=plan,
        format=fmt,
        title=title,
        person=person,
        ladder_name=(f"{shown.organization}, {shown.family}" if shown else plan.ladder.path),
        current=current,
        goal=goal,
        move=move,
        condition=condition,
        zone=zone,
        asks=[ask.text for ask in goal_asks(ctx)],
        findings=list(findings),
    )


def render_plan(
    plan: Plan,
    out_dir: str | os.PathLike[str],
    *,
    ladder: Ladder | None = None,
    base: str | os.PathLike[str] = ".",
    source: object = None,
    format: Literal["markdown", "html"] = "html",
    templates: str | os.PathLike[str] | None = None,
    allow_invalid: bool = False,
    locale: str | Sequence[str] | None = None,
) -> list[Path]:
    """Write the plan page into ``out_dir`` (``plan.html`` or ``plan.md``); return the files.
    ``locale``: the reader's language (None: the ladder file's ``locale:``, else English).

    The plan is checked first (:func:`dualladder._internal.services.check.plan.check_plan`): a plan
    with errors raises :class:`~dualladder._internal.util.findings.LadderError` unless
    ``allow_invalid``, and its findings are listed on the page. The folder is written like a
    handbook: atomically, and a non-empty folder that dualladder did not write is refused.
    """
    from dualladder._internal.io.plan.read import ladder_of
    from dualladder._internal.services.check.plan import check_plan
    from dualladder._internal.services.handbook.engine import (
        marker_text,
        render_languages,
        render_page,
    )
    from dualladder._internal.services.handbook.errors import MARKER
    from dualladder._internal.yaml.source import SourceMap

    smap = source if isinstance(source, SourceMap) else None
    if ladder is None:
        ladder, _ = ladder_of(plan, base)

    def check() -> Report:
        return check_plan(plan, ladder=ladder, base=base, source=smap)

    def build(report: Report, envs: Mapping[str, Environment]) -> tuple[dict[str, bytes], None]:
        page = plan_page(plan, ladder, format, report.findings)
        text = render_page(envs, format, "plan", {"page": page, "plan": plan})
        return {PLAN_FILES[format]: text.encode("utf-8"),
                MARKER: marker_text(format).encode("utf-8")}, None

    return render_languages(out_dir, build, check=check,
                            own_locale=ladder.locale if ladder is not None else None,
                            fmt=format, templates=templates, allow_invalid=allow_invalid,
                            checked=None, nav_prefix="", locale=locale, linked=False).files
