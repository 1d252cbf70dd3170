"""Views of the ladder shapes beyond two plain tracks: roles above the ladder, the fork, steps
inside a level, one role with and without reports, and crossover that is a promotion or has a
condition. Computed here (no Jinja2), printed by the templates; :mod:`.site` attaches them."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from dualladder._internal.model.ladder import Crossover, Ladder, Level, TopRole, format_amount
from dualladder._internal.util.escape import clean_text
from dualladder._internal.util.i18n import gettext, once_named

__all__ = [
    "StepView",
    "TopRoleView",
    "fork_text",
    "landings",
    "step_views",
    "top_roles",
    "trunk",
]


@dataclass(frozen=True, slots=True)
class TopRoleView:
    """A role above the ladder, ready to print."""

    title: str
    code: str | None
    summary: str | None
    scope: str | None
    expectations: list[str]
    #: the keys of the tracks whose people can reach it (every track when the file says none)
    open_to: list[str]
    #: ``Management and Technical``: the names of those tracks
    open_to_names: str
    #: True when every track with rungs can reach it
    open_to_all: bool
    #: the id of its section on the overview (HTML anchors)
    anchor: str


def _names(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return gettext("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def top_roles(ladder: Ladder, order: list[str]) -> list[TopRoleView]:
    """The roles of ``above_ladder``, in file order (the first is drawn leftmost)."""
    out: list[TopRoleView] = []
    with_rungs = [key for key in order if ladder.tracks[key].rungs]
    for number, role in enumerate(ladder.above_ladder, start=1):
        open_to = _open_to(role, order)
        names = [clean_text(ladder.track_name(key)) for key in open_to] or [gettext("no track")]
        out.append(
            TopRoleView(
                title=clean_text(role.title),
                code=clean_text(role.code) if role.code else None,
                summary=clean_text(role.summary) if role.summary else None,
                scope=role.scope.value if role.scope else None,
                expectations=[clean_text(e) for e in role.expectations],
                open_to=open_to,
                open_to_names=_names(names),
                open_to_all=all(key in open_to for key in with_rungs),
                anchor=f"above-{number}",
            )
        )
    return out


def _open_to(role: TopRole, order: list[str]) -> list[str]:
    if role.open_to is None:
        return list(order)
    return [key for key in order if key in role.open_to]


def fork_text(ladder: Ladder, trunk_name: str | None) -> str | None:
    """``The tracks fork at L5 (Senior): below it, everyone is on the Technical track.``"""
    if ladder.fork is None:
        return None
    level = ladder.level(ladder.fork)
    if level is None:
        return None
    label = clean_text(level.id) + (f" ({clean_text(level.name)})" if level.name else "")
    if trunk_name:
        return once_named(gettext("The tracks fork at %(level)s: below it, everyone is on the "
                                  "%(track)s track."), trunk_name) % {"level": label,
                                                                      "track": trunk_name}
    return gettext("The tracks fork at %(level)s.") % {"level": label}


def trunk(ladder: Ladder, order: list[str]) -> str | None:
    """The track that starts lowest (technical on a tie): the shared track below the fork."""
    rank = {level_id: i for i, level_id in enumerate(ladder.level_ids)}
    starts = [
        (min(rank.get(r.level, 1 << 30) for r in ladder.tracks[key].rungs), key)
        for key in order
        if ladder.tracks[key].rungs
    ]
    if not starts:
        return None
    low = min(start for start, _ in starts)
    lowest = [key for start, key in starts if start == low]
    return "technical" if "technical" in lowest else lowest[0]


@dataclass(frozen=True, slots=True)
class StepView:
    id: str
    name: str | None
    #: the step's pay rate (``USD 74,950``) or None
    pay: str | None


def step_views(ladder: Ladder, level: Level) -> list[StepView]:
    currency = ladder.currency_of(level.pay)
    out: list[StepView] = []
    for step in level.steps or []:
        pay = None
        if step.pay is not None:
            pay = f"{currency} {format_amount(step.pay)}" if currency else format_amount(step.pay)
        out.append(StepView(clean_text(step.id), clean_text(step.name) if step.name else None,
                            pay))
    return out


def landings(ladder: Ladder, move: Crossover) -> dict[str, str]:
    """Where a move lands on the ``to`` track, from each level of ``move.levels`` that has a
    landing: the same level for a sideways move; for a promotion, the level of the ``to``
    track's next rung above it. One sort and a binary search per level (n log n)."""
    target = ladder.tracks.get(move.to)
    if target is None:
        return {}
    if not move.promotion:
        return {level_id: level_id for level_id in move.levels}
    rank = {lid: i for i, lid in enumerate(ladder.level_ids)}
    above = sorted({rank[r.level] for r in target.rungs if r.level in rank})
    out: dict[str, str] = {}
    for level_id in move.levels:
        here = rank.get(level_id)
        if here is None:
            continue
        index = bisect_right(above, here)
        if index < len(above):
            out[level_id] = ladder.level_ids[above[index]]
    return out
