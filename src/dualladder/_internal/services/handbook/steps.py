"""What is new at each step up a track, for the level pages.

Each rung is compared, with :func:`dualladder.diff.compare_rungs`, with the rung one step below
it on the same track (the track's previous rung, so a track that skips a level compares with
the rung it actually grows from). The view lists what the higher rung asks and grants that the
lower one does not: new expectations, a wider scope, new and stronger decision rights, and the
pay step (midpoint to midpoint) in percent. Career plans use the same comparison, so a page
and a plan never disagree about what a promotion asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from dualladder._internal.model.step import compare_rungs, midpoint
from dualladder._internal.services.handbook.text import money
from dualladder._internal.services.handbook.views import Handbook, LevelView, RungView
from dualladder._internal.services.handbook.words import word
from dualladder._internal.util import i18n
from dualladder._internal.util.escape import clean_text
from dualladder._internal.util.i18n import gettext

__all__ = ["StepView", "level_steps"]


@dataclass(frozen=True, slots=True)
class StepView:
    """One rung of a level page and what is new in it compared with the rung below."""

    rung: RungView
    #: the same track's rung one step below; None for the first rung of a track
    below: RungView | None
    expectations: list[str]
    #: ``team`` -> ``group``: the two scopes when the scope is wider, else None
    scope_from: str | None
    scope_to: str | None
    #: ``architecture: decides at group``
    new_decisions: list[str]
    #: ``architecture: decides at team -> decides at group``
    stronger_decisions: list[str]
    #: ``+20.6%``, or None without two comparable bands
    pay_step: str | None
    #: ``USD 170,000 -> USD 205,000`` (the two midpoints) when there is a pay step
    pay_from: str | None
    pay_to: str | None

    @property
    def nothing_new(self) -> bool:
        return not (self.expectations or self.scope_to or self.new_decisions
                    or self.stronger_decisions)


def _right(authority: str, scope: str) -> str:
    return f"{word(authority)} " + gettext("at %(scope)s") % {"scope": word(scope)}


def _step(handbook: Handbook, rung: RungView, below: RungView | None) -> StepView:
    if below is None:
        return StepView(rung, None, [], None, None, [], [], None, None, None)
    ladder = handbook.ladder
    delta = compare_rungs(below.rung, rung.rung, ladder=ladder)
    wider = delta.scope == "up" and rung.rung.scope is not None
    new: list[str] = []
    stronger: list[str] = []
    for change in delta.decisions:
        after = change.after
        if after is None:
            continue
        now = _right(after.authority.value, after.scope.value)
        if change.kind == "added":
            new.append(f"{clean_text(change.domain)}: {now}")
        elif change.kind in ("stronger", "mixed") and change.before is not None:
            was = _right(change.before.authority.value, change.before.scope.value)
            stronger.append(f"{clean_text(change.domain)}: {was} \u2192 {now}")
    step = delta.pay_step
    low, high = midpoint(delta.band_before), midpoint(delta.band_after)
    shown = None
    if step is not None:
        shown = ("+" if step > 0 else "") + i18n.percent_of(f"{step}")
    return StepView(
        rung=rung,
        below=below,
        expectations=[clean_text(e) for e in delta.expectations_added],
        scope_from=(below.rung.scope.value if below.rung.scope else gettext("not stated")) if wider
        else None,
        scope_to=rung.rung.scope.value if wider and rung.rung.scope else None,
        new_decisions=new,
        stronger_decisions=stronger,
        pay_step=shown,
        pay_from=_money(low, delta.currency_before) if shown else None,
        pay_to=_money(high, delta.currency_after) if shown else None,
    )


def _money(value: Decimal | None, currency: str | None) -> str | None:
    return None if value is None else money(value, currency)


def level_steps(handbook: Handbook, level: LevelView) -> list[StepView]:
    """One :class:`StepView` per rung on ``level``, in track order."""
    out: list[StepView] = []
    for track, cell in zip(handbook.tracks, level.cells, strict=False):
        if cell is None:
            continue
        index = next(i for i, rung in enumerate(track.rungs) if rung is cell)
        out.append(_step(handbook, cell, track.rungs[index - 1] if index > 0 else None))
    return out
