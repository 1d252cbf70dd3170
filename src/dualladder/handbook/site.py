"""The handbook as data: pages, file names and per-page views of one ladder.

Everything a template prints is computed here (no Jinja2 import), in a fixed order, so the output
is deterministic: tracks in the ladder's order with ``management`` and ``technical`` first, levels
in the ladder's order (lowest first), decision domains sorted.

File names of per-track and per-level pages come from :func:`slugify` over the ids, so a hostile
id (``../../etc/passwd``, ``C:\\x``, ``.``) cannot choose where a page is written.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath
from typing import Literal

from dualladder.findings import Finding
from dualladder.handbook.escape import clean_text
from dualladder.handbook.marks import FindingView, place, worst
from dualladder.handbook.shapes import (
    StepView,
    TopRoleView,
    fork_text,
    landings,
    step_views,
    top_roles,
    trunk,
)
from dualladder.model import (
    MANAGEMENT,
    TECHNICAL,
    Band,
    Crossover,
    Ladder,
    Level,
    Rung,
    format_amount,
    withheld_statement,
)
from dualladder.plan.model import Position as PlanPosition
from dualladder.plan.scaffold import new_command, start_for

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

Format = Literal["markdown", "html"]

#: Track colours, in track order (management, technical, then any further track). Chosen to be
#: told apart by people with the common colour-vision deficiencies, and dark enough for text.
PALETTE: tuple[tuple[str, str], ...] = (
    ("#2b5c8a", "#e6eef6"),  # management: blue
    ("#b35c12", "#fbeee2"),  # technical: amber
    ("#2e7d4f", "#e5f3ea"),  # green
    ("#7a4a9a", "#f0e8f6"),  # purple
    ("#a23a4a", "#f7e6e9"),  # red
    ("#1f7a7a", "#e2f2f2"),  # teal
)

SLUG_MAX = 48

#: The dash between the ends of a range (an en dash).
DASH = "\u2013"

#: How pages mark a midpoint that the band does not state (the middle of its range).
DERIVED = ", derived: the middle of the range"


def slugify(text: str, used: set[str], fallback: str) -> str:
    """A file-name-safe slug of ``text``: ASCII ``[a-z0-9-]``, at most :data:`SLUG_MAX` long,
    not in ``used`` (``-2``, ``-3``... appended), ``fallback`` when nothing is left.

    ``used`` is updated. Dots and slashes never survive, so a slug cannot name a parent folder,
    an absolute path or a drive.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:SLUG_MAX].strip("-")
    if not slug:
        slug = fallback
    candidate, number = slug, 2
    while candidate in used:
        candidate = f"{slug}-{number}"
        number += 1
    used.add(candidate)
    return candidate


def _text(value: str | None) -> str | None:
    return None if value is None else clean_text(value)


def percent(value: Decimal) -> str:
    """``Decimal('0.125')`` -> ``'12.5%'``."""
    scaled = (value * 100).normalize()
    text = format(scaled, "f")
    return f"{text}%"


def money(amount: Decimal, currency: str | None) -> str:
    """``150000, 'USD'`` -> ``'USD 150,000'`` (just the amount without a currency)."""
    return f"{currency} {format_amount(amount)}" if currency else format_amount(amount)


def _spread(band: Band) -> str:
    """``(max - min) / min`` in percent to one decimal (``34.5``); in scientific notation when
    that would take more digits than Decimal arithmetic keeps (a band from 0.0001 to 10^14)."""
    ratio = (band.max - band.min) / band.min * 100
    if ratio.adjusted() >= 20:
        return f"{ratio.normalize():.3g}"
    return str(ratio.quantize(Decimal("0.1")))


@dataclass(frozen=True, slots=True)
class BandView:
    """A pay band ready to print."""

    min: Decimal
    mid: Decimal
    max: Decimal
    currency: str | None
    source: Literal["rung", "level"]
    #: ``USD 145,000 - 195,000`` (with an en dash)
    range: str
    #: ``USD 170,000``
    midpoint: str
    #: ``(max - min) / min`` as a percentage, ``34.5%``
    spread: str
    #: True when the band states no midpoint and ``mid`` is the middle of its range
    mid_derived: bool = False

    @classmethod
    def of(cls, band: Band, currency: str | None, source: Literal["rung", "level"]) -> BandView:
        spread = _spread(band)
        prefix = f"{currency} " if currency else ""
        return cls(
            min=band.min,
            mid=band.mid,
            max=band.max,
            currency=currency,
            source=source,
            range=f"{prefix}{format_amount(band.min)} {DASH} {format_amount(band.max)}",
            midpoint=money(band.mid, currency) + (DERIVED if band.mid_derived else ""),
            spread=f"{spread}%",
            mid_derived=band.mid_derived,
        )

    @property
    def min_text(self) -> str:
        return format_amount(self.min)

    @property
    def mid_text(self) -> str:
        """``170,000``; ``170,000 (derived)`` when the band states no midpoint."""
        return format_amount(self.mid) + (" (derived)" if self.mid_derived else "")

    @property
    def max_text(self) -> str:
        return format_amount(self.max)


@dataclass(frozen=True, slots=True)
class DecisionView:
    domain: str
    authority: str
    scope: str
    #: True when ``domain`` is one of the policy's ``seat_at_the_table`` domains.
    seat: bool


@dataclass(frozen=True, slots=True)
class MoveView:
    """A crossover move that touches a rung: ``direction`` is ``to`` or ``from`` the other
    track."""

    direction: Literal["to", "from"]
    track: str
    track_name: str
    href: str
    #: a promotion onto the other track's next rung, not a sideways move
    promotion: bool = False
    #: when the move is open, in the organisation's words
    condition: str | None = None


@dataclass(frozen=True, slots=True)
class PlanStart:
    """How a written career plan towards a rung starts: the ``dualladder plan new`` command
    (from the track's rung below, or across from another track where the rung is the first of
    its track), and the rung it starts from."""

    command: str
    track: str
    track_name: str
    level: str
    #: True when the plan starts on another track (a crossover into this one)
    crossover: bool


#: finding field -> the row of a rung's facts that shows it (see :meth:`RungView.marks`)
_ROWS = {
    "summary": "summary",
    "scope": "scope",
    "expectations": "expectations",
    "bonus_target": "bonus_target",
    "rewards": "bonus_target",
    "equity": "equity",
    "perks": "perks",
    "decisions": "decisions",
}


def _row_of(finding: FindingView) -> str:
    return "pay" if finding.pay else _ROWS.get(finding.field, "title")


@dataclass(frozen=True, slots=True)
class RungView:
    """One rung, with everything the pages print about it."""

    track: str
    track_name: str
    track_href: str
    level: str
    level_name: str | None
    level_href: str
    #: the id of this rung's section on its track page (HTML anchors)
    anchor: str
    title: str
    code: str | None
    aliases: list[str]
    summary: str | None
    scope: str | None
    expectations: list[str]
    band: BandView | None
    bonus_target: str | None
    equity: str | None
    perks: list[str] | None
    decisions: list[DecisionView]
    #: False when the rung states no ``decisions`` at all (an empty list states "none")
    states_decisions: bool
    moves: list[MoveView]
    color: str
    tint: str
    #: the model, for templates that want something not prepared here
    rung: Rung
    #: the findings on this rung (and on the level band it inherits), in report order
    findings: list[FindingView] = field(default_factory=list)
    #: when the rung's pay is withheld by policy (equal, not published): the policy's words
    #: (``""`` when the file gives none); None otherwise
    pay_statement: str | None = None
    #: the role this rung is a variant of (one job with and without reports), if stated
    role: str | None = None
    #: the command that starts a plan towards this rung; None when no plan leads to it
    plan: PlanStart | None = None

    @property
    def pay_withheld(self) -> bool:
        """Pay equal by policy but not published (pages say so where a band would be)."""
        return self.pay_statement is not None

    @property
    def has_rewards(self) -> bool:
        return self.bonus_target is not None or self.equity is not None or self.perks is not None

    @property
    def flag(self) -> str | None:
        """``error``, ``warning`` or None: the worst finding on this rung."""
        return worst(self.findings)

    def marks(self, *rows: str) -> list[FindingView]:
        """The findings to mark on the named rows of this rung's facts: ``title``, ``summary``,
        ``scope``, ``expectations``, ``pay``, ``bonus_target``, ``equity``, ``perks``,
        ``decisions``. A finding about a pay band marks ``pay``; one about a part of the rung
        that no row shows (or about the rung as a whole) marks ``title``."""
        return [f for f in self.findings if _row_of(f) in rows]

    @property
    def pay_findings(self) -> list[FindingView]:
        """The findings about this rung's pay band."""
        return self.marks("pay")


@dataclass(frozen=True, slots=True)
class TrackView:
    key: str
    name: str
    slug: str
    href: str
    color: str
    tint: str
    #: lowest level first
    rungs: list[RungView]
    #: findings on the track as a whole (e.g. a track with no rungs below management's ceiling)
    findings: list[FindingView] = field(default_factory=list)

    @property
    def span(self) -> str:
        """``L3 - L10`` (en dash), ``L5`` or an empty string for a track without rungs."""
        if not self.rungs:
            return ""
        low, high = self.rungs[0].level, self.rungs[-1].level
        return low if low == high else f"{low} {DASH} {high}"


@dataclass(frozen=True, slots=True)
class LevelView:
    id: str
    name: str | None
    slug: str
    href: str
    #: the level's default band, if it states one
    band: BandView | None
    #: one entry per track (in track order): that track's rung on this level, or None
    cells: list[RungView | None]
    #: the findings on the level itself (its default band)
    own_findings: list[FindingView] = field(default_factory=list)
    #: when the level's pay is withheld by policy: the policy's words (``""`` if none given)
    withheld: str | None = None
    #: the level's steps or sub-levels, lowest first
    grade_steps: list[StepView] = field(default_factory=list)
    previous: LevelView | None = field(default=None, compare=False, repr=False)
    next: LevelView | None = field(default=None, compare=False, repr=False)

    @property
    def label(self) -> str:
        return f"{self.id} · {self.name}" if self.name else self.id

    @property
    def shared_roles(self) -> list[tuple[str, list[RungView]]]:
        """The roles that several rungs of this level share: ``(role, rungs)``, one job with
        and without reports (compared case-insensitively, shown as the first rung writes it)."""
        groups: dict[str, list[RungView]] = {}
        for rung in self.rungs:
            if rung.role is not None:
                groups.setdefault(rung.role.casefold(), []).append(rung)
        return [(rungs[0].role or "", rungs) for rungs in groups.values() if len(rungs) > 1]

    @property
    def rungs(self) -> list[RungView]:
        return [cell for cell in self.cells if cell is not None]

    @property
    def findings(self) -> list[FindingView]:
        """Every finding on this level or one of its rungs, once each, in report order."""
        found = {f.number: f for f in self.own_findings}
        for rung in self.rungs:
            found.update((f.number, f) for f in rung.findings)
        return [found[n] for n in sorted(found)]

    @property
    def equivalent(self) -> bool:
        """False when a finding here says the rungs of this level are not equivalent."""
        return not any(f.breaks for f in self.findings)

    @property
    def flag(self) -> str | None:
        return worst(self.findings)


@dataclass(frozen=True, slots=True)
class Page:
    """One page of the handbook: which template renders it to which file."""

    kind: Literal["overview", "track", "level", "pay", "decisions"]
    #: the template name without its folder and suffix: ``overview``, ``track``...
    template: str
    #: file name inside the output folder (never a path: no separators)
    file: str
    title: str
    #: the navigation label
    label: str
    track: TrackView | None = None
    level: LevelView | None = None


@dataclass(frozen=True, slots=True)
class UpLink:
    """A link from a family's handbook to the site it is part of (a company's)."""

    label: str
    href: str


@dataclass(frozen=True, slots=True)
class ZoneRow:
    """One rung's band in a pay zone."""

    level: str
    level_href: str
    track_name: str
    title: str
    color: str
    band: BandView | None


@dataclass(frozen=True, slots=True)
class ZoneTable:
    """A family's bands in one pay zone, highest level first."""

    id: str
    #: file-name-safe id, for HTML anchors (``zone-<slug>``)
    slug: str
    label: str
    currency: str | None
    #: how the zone's bands come about: ``The base bands x 1.15, rounded to 1,000.`` or
    #: ``its own bands``
    basis: str
    rows: list[ZoneRow]


@dataclass(frozen=True, slots=True)
class NavGroup:
    title: str
    pages: list[Page]


@dataclass(frozen=True, slots=True)
class Handbook:
    """Everything about one ladder that the pages show."""

    format: Format
    #: the page-file suffix: ``.md`` or ``.html``
    suffix: str
    organization: str
    family: str
    title: str
    effective: str | None
    currency: str | None
    pay_tolerance: str
    seat_at_the_table: list[str]
    tracks: list[TrackView]
    #: lowest first
    levels: list[LevelView]
    pages: list[Page]
    nav: list[NavGroup]
    findings: list[FindingView]
    checked: bool
    ladder: Ladder
    #: for a job family in a company site: the link back to the company's pages
    up: UpLink | None = None
    #: for a job family of a company: its bands in each pay zone (the pay page shows them)
    zones: list[ZoneTable] = field(default_factory=list)
    #: the roles above the ladder (``above_ladder``), open to several tracks
    above: list[TopRoleView] = field(default_factory=list)
    #: ``The tracks fork at L5 (Senior): below it, everyone is on the Technical track.``
    fork: str | None = None

    def above_for(self, track: str) -> list[TopRoleView]:
        """The roles above the ladder that people of ``track`` can reach."""
        return [role for role in self.above if track in role.open_to]

    @property
    def withheld_statements(self) -> list[str]:
        """The distinct policy statements behind withheld pay, in level order (``""`` for
        pay withheld without words)."""
        found = [r.pay_statement for lv in self.levels for r in lv.rungs]
        return list(dict.fromkeys(s for s in found if s is not None))

    @property
    def derived_mids(self) -> bool:
        """Whether any band shown states no midpoint (pages then explain "derived")."""
        bands = [lv.band for lv in self.levels] + [r.band for t in self.tracks for r in t.rungs]
        return any(b is not None and b.mid_derived for b in bands)

    @property
    def levels_desc(self) -> list[LevelView]:
        """Highest first: the order of the overview table and the pictures."""
        return list(reversed(self.levels))

    @property
    def equivalent(self) -> bool:
        """False when a finding says the rungs of some level are not equivalent."""
        return not any(f.breaks for f in self.findings)

    @property
    def pay_pairs(self) -> list[FindingView]:
        """The findings that say equivalent rungs are not paid alike (DL103, DL204...)."""
        return [f for f in self.findings if f.breaks and f.pay]

    @property
    def influence_pairs(self) -> list[FindingView]:
        """The findings that say equivalent rungs differ in decision rights or breadth
        (DL105, DL106)."""
        return [f for f in self.findings if f.breaks and f.field in ("decisions", "scope")]

    @property
    def errors(self) -> list[FindingView]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[FindingView]:
        return [f for f in self.findings if f.severity == "warning"]

    def page(self, kind: str) -> Page:
        return next(p for p in self.pages if p.kind == kind)


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
            _Move(move, frozenset(move.levels), frozenset(lands.values()), _text(move.condition))
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


def build_handbook(
    ladder: Ladder,
    fmt: Format,
    findings: Sequence[Finding] = (),
    *,
    checked: bool = True,
) -> Handbook:
    """The view of ``ladder`` that the templates of format ``fmt`` render."""
    suffix = ".md" if fmt == "markdown" else ".html"
    placement = place(findings, ladder)
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
    track_hrefs = {key: f"track-{track_slugs[key]}{suffix}" for key in keys}
    level_hrefs = {lid: f"level-{slug}{suffix}" for lid, slug in level_slugs.items()}
    positions = {level.id: n for n, level in enumerate(ladder.levels)}
    seat = set(ladder.policy.seat_at_the_table)
    crossings = _crossings(ladder)
    file = ladder_file(ladder)

    tracks: list[TrackView] = []
    for number, key in enumerate(keys):
        color, tint = PALETTE[number % len(PALETTE)]
        name = clean_text(ladder.track_name(key))
        rungs: list[RungView] = []
        ordered = sorted(
            enumerate(ladder.tracks[key].rungs),
            key=lambda item: positions.get(item[1].level, 1 << 30),
        )
        # the level of the track's highest rung below the current level, and of the last rung
        below: str | None = None
        last: tuple[str | None, int] = (None, -1)
        for index, rung in ordered:
            level = ladder.level(rung.level)
            position = positions.get(rung.level)
            plan = None
            if position is not None:
                if last[1] < position:
                    below, last = last[0], (rung.level, position)
                plan = _plan_start(ladder, file, keys, key, rung.level, below)
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
                    clean_text(d.domain), d.authority.value, d.scope.value, d.domain in seat
                )
                for d in (rung.decisions or [])
            ]
            rungs.append(
                RungView(
                    track=key,
                    track_name=name,
                    track_href=track_hrefs[key],
                    level=clean_text(rung.level),
                    level_name=_text(level.name) if level else None,
                    level_href=level_hrefs.get(rung.level, ""),
                    anchor=f"at-{level_slugs.get(rung.level, 'unknown')}",
                    title=clean_text(rung.title),
                    code=_text(rung.code),
                    aliases=[clean_text(a) for a in rung.aliases],
                    summary=_text(rung.summary),
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
                    moves=_moves(ladder, crossings, key, rung.level, track_hrefs),
                    color=color,
                    tint=tint,
                    rung=rung,
                    findings=placement.rung(key, index, rung.level, rung.pay is not None),
                    pay_statement=_text(ladder.pay_statement(rung)),
                    role=_text(rung.role),
                    plan=plan,
                )
            )
        tracks.append(
            TrackView(
                key, name, track_slugs[key], track_hrefs[key], color, tint, rungs,
                findings=placement.tracks.get(key, []),
            )
        )

    levels: list[LevelView] = []
    for level in ladder.levels:
        cells: list[RungView | None] = []
        for track in tracks:
            cells.append(next((r for r in track.rungs if r.rung.level == level.id), None))
        levels.append(
            LevelView(
                id=clean_text(level.id),
                name=_text(level.name),
                slug=level_slugs[level.id],
                href=level_hrefs[level.id],
                band=(
                    BandView.of(level.pay, ladder.currency_of(level.pay), "level")
                    if level.pay is not None
                    else None
                ),
                cells=cells,
                own_findings=placement.levels.get(level.id, []),
                withheld=_text(_level_withheld(ladder, level)),
                grade_steps=step_views(ladder, level),
            )
        )
    for before, after in itertools.pairwise(levels):
        object.__setattr__(before, "next", after)
        object.__setattr__(after, "previous", before)

    organization, family = clean_text(ladder.organization), clean_text(ladder.family)
    title = f"{organization} · {family}"
    overview = Page("overview", "overview", f"index{suffix}", f"{title}: career ladder",
                    "Overview")
    pay = Page("pay", "pay", f"pay{suffix}", f"{title}: pay bands", "Pay bands")
    rights = Page("decisions", "decisions", f"decisions{suffix}",
                     f"{title}: decision rights", "Decision rights")
    track_pages = [
        Page("track", "track", t.href, f"{t.name} track", t.name, track=t) for t in tracks
    ]
    level_pages = [
        Page("level", "level", lv.href, f"Level {lv.label}", lv.label, level=lv) for lv in levels
    ]
    pages = [overview, *track_pages, *level_pages, pay, rights]
    nav = [
        NavGroup("Handbook", [overview, pay, rights]),
        NavGroup("Tracks", track_pages),
        NavGroup("Levels", list(reversed(level_pages))),
    ]
    return Handbook(
        format=fmt,
        suffix=suffix,
        organization=organization,
        family=family,
        title=title,
        effective=ladder.effective.isoformat() if ladder.effective else None,
        currency=ladder.currency,
        pay_tolerance=percent(ladder.policy.pay_tolerance),
        seat_at_the_table=[clean_text(d) for d in ladder.policy.seat_at_the_table],
        tracks=tracks,
        levels=levels,
        pages=pages,
        nav=nav,
        findings=placement.all,
        checked=checked,
        ladder=ladder,
        above=top_roles(ladder, keys),
        fork=fork_text(ladder, _trunk_name(ladder, keys)),
    )


def _trunk_name(ladder: Ladder, keys: list[str]) -> str | None:
    key = trunk(ladder, keys)
    return clean_text(ladder.track_name(key)) if key is not None else None


def domains(handbook: Handbook) -> list[str]:
    """Every decision domain of the ladder, sorted."""
    found: Iterable[str] = (d.domain for t in handbook.tracks for r in t.rungs for d in r.decisions)
    return sorted(set(found), key=_sort_key)
