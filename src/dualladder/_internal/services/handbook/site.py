"""The handbook as data: pages, file names and per-page views of one ladder.

Everything a template prints is computed here (no Jinja2 import), in a fixed order, so the output
is deterministic: tracks in the ladder's order with ``management`` and ``technical`` first, levels
in the ladder's order (lowest first), decision domains sorted. :func:`build_handbook` builds the
views of each page kind in turn (the track pages' rungs, the level pages, the page list and the
navigation); the view classes are in :mod:`dualladder._internal.services.handbook.views`, and how
values are written (slugs, money, percentages) in
:mod:`dualladder._internal.services.handbook.text`. The views a template gets (``Handbook``,
``Page``, ``TrackView``, ``LevelView``, ``RungView``, ``BandView``, ``PlanStart``) are importable
from here as well.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from dualladder._internal.model.ladder import (
    MANAGEMENT,
    TECHNICAL,
    Crossover,
    Ladder,
    Level,
    Rung,
    withheld_statement,
)
from dualladder._internal.model.plan import Position as PlanPosition
from dualladder._internal.services.handbook.marks import FindingView, Placement, place
from dualladder._internal.services.handbook.shapes import (
    fork_text,
    landings,
    step_views,
    top_roles,
    trunk,
)
from dualladder._internal.services.handbook.text import (
    PALETTE,
    money,
    optional_text,
    percent,
    slugify,
)
from dualladder._internal.services.handbook.views import (
    BandView,
    DecisionView,
    Format,
    Handbook,
    LevelView,
    MoveView,
    NavGroup,
    Page,
    PlanStart,
    RungView,
    TrackView,
)
from dualladder._internal.services.plan.scaffold import new_command, start_for
from dualladder._internal.util.escape import clean_text
from dualladder._internal.util.findings import Finding
from dualladder._internal.util.i18n import date_text, gettext, once_named

__all__ = [
    "BandView",
    "FindingView",
    "Handbook",
    "LevelView",
    "Page",
    "PlanStart",
    "RungView",
    "TrackView",
    "build_handbook",
    "slugify",
]


def track_order(ladder: Ladder) -> list[str]:
    """``management``, ``technical``, then any further track in file order."""
    keys = [key for key in (MANAGEMENT, TECHNICAL) if key in ladder.tracks]
    return keys + [key for key in ladder.tracks if key not in (MANAGEMENT, TECHNICAL)]


def _sort_key(text: str) -> tuple[str, str]:
    return (text.casefold(), text)


@dataclass(frozen=True, slots=True)
class _Move:
    """A crossover entry with the levels it leaves from and lands on, as sets."""

    move: Crossover
    leaves: frozenset[str]
    lands: frozenset[str]
    condition: str | None


def _crossings(ladder: Ladder) -> list[_Move]:
    out: list[_Move] = []
    for move in ladder.crossover:
        if move.from_ == move.to or move.from_ not in ladder.tracks or move.to not in ladder.tracks:
            continue
        lands = landings(ladder, move)
        out.append(
            _Move(move, frozenset(move.levels), frozenset(lands.values()),
                  optional_text(move.condition))
        )
    return out


def _moves(
    ladder: Ladder, crossings: list[_Move], track: str, level: str, hrefs: dict[str, str]
) -> list[MoveView]:
    """The moves that leave from or land on ``track``'s rung on ``level``."""
    out: dict[tuple[str, str, bool], MoveView] = {}
    for entry in crossings:
        move = entry.move
        if move.from_ == track and level in entry.leaves:
            out.setdefault(
                ("to", move.to, move.promotion),
                MoveView("to", move.to, clean_text(ladder.track_name(move.to)), hrefs[move.to],
                         move.promotion, entry.condition),
            )
        if move.to == track and level in entry.lands:
            out.setdefault(
                ("from", move.from_, move.promotion),
                MoveView(
                    "from",
                    move.from_,
                    clean_text(ladder.track_name(move.from_)),
                    hrefs[move.from_],
                    move.promotion,
                    entry.condition,
                ),
            )
    order = {key: i for i, key in enumerate(track_order(ladder))}
    return sorted(
        out.values(), key=lambda m: (order.get(m.track, 0), m.direction != "to", m.promotion)
    )


def ladder_file(ladder: Ladder) -> str:
    """The base name of the file ``ladder`` was read from (never a path, so a page says the
    same wherever the ladder was rendered from), or ``LADDER`` for one built in Python."""
    name = ladder.source.name if ladder.source is not None else ""
    base = PurePath(name).name if name and not name.startswith("<") else ""
    return base or "LADDER"


def _plan_start(
    ladder: Ladder, file: str, keys: Sequence[str], track: str, level: str, below: str | None
) -> PlanStart | None:
    """The :class:`PlanStart` of a plan towards the rung of ``track`` on ``level`` (``below``:
    the level of the track's rung one step down, if it has one)."""
    target = PlanPosition(track=track, level=level)
    start = (
        PlanPosition(track=track, level=below)
        if below is not None
        else start_for(ladder, target, keys)
    )
    if start is None:
        return None
    return PlanStart(
        command=clean_text(new_command(file, start, target)),
        track=clean_text(start.track),
        track_name=clean_text(ladder.track_name(start.track)),
        level=clean_text(start.level),
        crossover=start.track != target.track,
    )


def _level_withheld(ladder: Ladder, level: Level) -> str | None:
    """The statement that withholds a level's pay (its own, else the file's), or None."""
    if level.pay is not None:
        return None
    own = withheld_statement(level.withheld_pay)
    return own if own is not None else withheld_statement(ladder.withheld_pay)


@dataclass(frozen=True, slots=True)
class _Context:
    """What building every page of one ladder's handbook needs: the ladder, the track order,
    where each track's and level's page is (unique, file-name-safe slugs and their hrefs), and
    the findings placed on their rungs and levels."""

    ladder: Ladder
    keys: list[str]
    placement: Placement
    track_slugs: dict[str, str]
    track_hrefs: dict[str, str]
    level_slugs: dict[str, str]
    level_hrefs: dict[str, str]
    #: level id -> its position on the scale (lowest 0)
    positions: dict[str, int]
    crossings: list[_Move]
    #: the decision domains of ``policy.seat_at_the_table``
    seat: set[str]
    #: the base name of the ladder file, for the plan commands
    file: str

    @classmethod
    def of(cls, ladder: Ladder, suffix: str, findings: Sequence[Finding]) -> _Context:
        keys = track_order(ladder)
        used: set[str] = set()
        track_slugs = {
            key: slugify(key, used, str(n)) for n, key in enumerate(keys, start=1)
        }
        used = set()
        level_slugs = {
            level.id: slugify(level.id, used, str(n))
            for n, level in enumerate(ladder.levels, start=1)
        }
        return cls(
            ladder=ladder,
            keys=keys,
            placement=place(findings, ladder),
            track_slugs=track_slugs,
            track_hrefs={key: f"track-{track_slugs[key]}{suffix}" for key in keys},
            level_slugs=level_slugs,
            level_hrefs={lid: f"level-{slug}{suffix}" for lid, slug in level_slugs.items()},
            positions={level.id: n for n, level in enumerate(ladder.levels)},
            crossings=_crossings(ladder),
            seat=set(ladder.policy.seat_at_the_table),
            file=ladder_file(ladder),
        )


def build_handbook(
    ladder: Ladder,
    fmt: Format,
    findings: Sequence[Finding] = (),
    *,
    checked: bool = True,
) -> Handbook:
    """The view of ``ladder`` that the templates of format ``fmt`` render."""
    suffix = ".md" if fmt == "markdown" else ".html"
    ctx = _Context.of(ladder, suffix, findings)
    tracks = [_track_view(ctx, number, key) for number, key in enumerate(ctx.keys)]
    levels = _level_views(ctx, tracks)
    organization, family = clean_text(ladder.organization), clean_text(ladder.family)
    title = f"{organization} · {family}"
    pages, nav = _pages(title, suffix, tracks, levels)
    return Handbook(
        format=fmt,
        suffix=suffix,
        organization=organization,
        family=family,
        title=title,
        effective=date_text(ladder.effective) if ladder.effective else None,
        currency=ladder.currency,
        pay_tolerance=percent(ladder.policy.pay_tolerance),
        seat_at_the_table=[clean_text(d) for d in ladder.policy.seat_at_the_table],
        tracks=tracks,
        levels=levels,
        pages=pages,
        nav=nav,
        findings=ctx.placement.all,
        checked=checked,
        ladder=ladder,
        above=top_roles(ladder, ctx.keys),
        fork=fork_text(ladder, _trunk_name(ladder, ctx.keys)),
    )


def _track_view(ctx: _Context, number: int, key: str) -> TrackView:
    """A track page: the track with its rungs, lowest level first."""
    ladder = ctx.ladder
    color, tint = PALETTE[number % len(PALETTE)]
    name = clean_text(ladder.track_name(key))
    positions = ctx.positions
    rungs: list[RungView] = []
    ordered = sorted(
        enumerate(ladder.tracks[key].rungs),
        key=lambda item: positions.get(item[1].level, 1 << 30),
    )
    # the level of the track's highest rung below the current level, and of the last rung
    below: str | None = None
    last: tuple[str | None, int] = (None, -1)
    for index, rung in ordered:
        position = positions.get(rung.level)
        plan = None
        if position is not None:
            if last[1] < position:
                below, last = last[0], (rung.level, position)
            plan = _plan_start(ladder, ctx.file, ctx.keys, key, rung.level, below)
        rungs.append(_rung_view(ctx, key, name, (color, tint), index, rung, plan))
    return TrackView(
        key, name, ctx.track_slugs[key], ctx.track_hrefs[key], color, tint, rungs,
        findings=ctx.placement.tracks.get(key, []),
    )


def _rung_view(
    ctx: _Context,
    key: str,
    name: str,
    colors: tuple[str, str],
    index: int,
    rung: Rung,
    plan: PlanStart | None,
) -> RungView:
    """Rung ``index`` of track ``key`` (named ``name``), as its track and level pages show it."""
    ladder = ctx.ladder
    level = ladder.level(rung.level)
    effective = ladder.band(rung)
    band = None
    if effective is not None:
        band = BandView.of(
            effective,
            ladder.currency_of(effective),
            "rung" if rung.pay is not None else "level",
        )
    rewards = rung.rewards
    decisions = [
        DecisionView(
            clean_text(d.domain), d.authority.value, d.scope.value, d.domain in ctx.seat
        )
        for d in (rung.decisions or [])
    ]
    return RungView(
        track=key,
        track_name=name,
        track_href=ctx.track_hrefs[key],
        level=clean_text(rung.level),
        level_name=optional_text(level.name) if level else None,
        level_href=ctx.level_hrefs.get(rung.level, ""),
        anchor=f"at-{ctx.level_slugs.get(rung.level, 'unknown')}",
        title=clean_text(rung.title),
        code=optional_text(rung.code),
        aliases=[clean_text(a) for a in rung.aliases],
        summary=optional_text(rung.summary),
        scope=rung.scope.value if rung.scope else None,
        expectations=[clean_text(e) for e in rung.expectations],
        band=band,
        bonus_target=(
            percent(rewards.bonus_target)
            if rewards and rewards.bonus_target is not None
            else None
        ),
        equity=(
            money(rewards.equity, ladder.currency)
            if rewards and rewards.equity is not None
            else None
        ),
        perks=(
            [clean_text(p) for p in rewards.perks]
            if rewards and rewards.perks is not None
            else None
        ),
        decisions=decisions,
        states_decisions=rung.decisions is not None,
        moves=_moves(ladder, ctx.crossings, key, rung.level, ctx.track_hrefs),
        color=colors[0],
        tint=colors[1],
        rung=rung,
        findings=ctx.placement.rung(key, index, rung.level, rung.pay is not None),
        pay_statement=optional_text(ladder.pay_statement(rung)),
        role=optional_text(rung.role),
        plan=plan,
    )


def _level_views(ctx: _Context, tracks: list[TrackView]) -> list[LevelView]:
    """The level pages, lowest level first, each linked to the one below and above."""
    ladder = ctx.ladder
    levels: list[LevelView] = []
    for level in ladder.levels:
        cells: list[RungView | None] = []
        for track in tracks:
            cells.append(next((r for r in track.rungs if r.rung.level == level.id), None))
        levels.append(
            LevelView(
                id=clean_text(level.id),
                name=optional_text(level.name),
                slug=ctx.level_slugs[level.id],
                href=ctx.level_hrefs[level.id],
                band=(
                    BandView.of(level.pay, ladder.currency_of(level.pay), "level")
                    if level.pay is not None
                    else None
                ),
                cells=cells,
                own_findings=ctx.placement.levels.get(level.id, []),
                withheld=optional_text(_level_withheld(ladder, level)),
                grade_steps=step_views(ladder, level),
            )
        )
    LevelView.link(levels)
    return levels


def _pages(
    title: str, suffix: str, tracks: list[TrackView], levels: list[LevelView]
) -> tuple[list[Page], list[NavGroup]]:
    """Every page in writing order (overview, tracks, levels, pay, decision rights), and the
    navigation: the handbook's own pages, the tracks, the levels highest first."""
    overview = Page("overview", "overview", f"index{suffix}",
                    gettext("%(title)s: career ladder") % {"title": title}, gettext("Overview"))
    pay = Page("pay", "pay", f"pay{suffix}", gettext("%(title)s: pay bands") % {"title": title},
               gettext("Pay bands"))
    rights = Page("decisions", "decisions", f"decisions{suffix}",
                  gettext("%(title)s: decision rights") % {"title": title},
                  gettext("Decision rights"))
    track_pages = [
        Page("track", "track", t.href,
             once_named(gettext("%(track)s track"), t.name) % {"track": t.name}, t.name, track=t)
        for t in tracks
    ]
    level_pages = [
        Page("level", "level", lv.href, gettext("Level %(level)s") % {"level": lv.label},
             lv.label, level=lv)
        for lv in levels
    ]
    pages = [overview, *track_pages, *level_pages, pay, rights]
    nav = [
        NavGroup(gettext("Handbook"), [overview, pay, rights]),
        NavGroup(gettext("Tracks"), track_pages),
        NavGroup(gettext("Levels"), list(reversed(level_pages))),
    ]
    return pages, nav


def _trunk_name(ladder: Ladder, keys: list[str]) -> str | None:
    key = trunk(ladder, keys)
    return clean_text(ladder.track_name(key)) if key is not None else None


def domains(handbook: Handbook) -> list[str]:
    """Every decision domain of the ladder, sorted."""
    found: Iterable[str] = (d.domain for t in handbook.tracks for r in t.rungs for d in r.decisions)
    return sorted(set(found), key=_sort_key)
