"""The views of one ladder's handbook: plain data classes holding everything a page prints,
already cleaned and formatted (built by
:func:`dualladder._internal.services.handbook.site.build_handbook`, and
importable from :mod:`dualladder._internal.services.handbook.site` as well)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Generic, Literal, Protocol, TypeVar

from dualladder._internal.model.ladder import Band, Ladder, Rung
from dualladder._internal.services.handbook.marks import FindingView, worst
from dualladder._internal.services.handbook.shapes import StepView, TopRoleView
from dualladder._internal.services.handbook.text import DASH, DERIVED, money, spread_percent
from dualladder._internal.util import i18n
from dualladder._internal.util.i18n import gettext

__all__ = [
    "BandView",
    "DecisionView",
    "Format",
    "Handbook",
    "LevelView",
    "MoveView",
    "NavGroup",
    "Page",
    "PlanStart",
    "RungView",
    "ScaleLevel",
    "SiteView",
    "TrackView",
    "UpLink",
    "ZoneRow",
    "ZoneTable",
]

Format = Literal["markdown", "html"]


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
        spread = spread_percent(band)
        return cls(
            min=band.min,
            mid=band.mid,
            max=band.max,
            currency=currency,
            source=source,
            range=i18n.money_range(band.min, band.max, currency, DASH),
            midpoint=money(band.mid, currency) + (gettext(DERIVED) if band.mid_derived else ""),
            spread=i18n.percent_of(spread),
            mid_derived=band.mid_derived,
        )

    @property
    def min_text(self) -> str:
        return i18n.number(self.min)

    @property
    def mid_text(self) -> str:
        """``170,000``; ``170,000 (derived)`` when the band states no midpoint."""
        return i18n.number(self.mid) + (gettext(" (derived)") if self.mid_derived else "")

    @property
    def max_text(self) -> str:
        return i18n.number(self.max)


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


class ScaleLevel:
    """What the pages of a ladder (:class:`LevelView`) and of a company's site (its
    ``CompanyLevel``) show of a level of the scale: its ``id`` and ``name`` as one label, and
    the levels below and above it (``previous``, ``next``: set by :meth:`link`)."""

    __slots__ = ()
    id: str
    name: str | None

    @property
    def label(self) -> str:
        return f"{self.id} · {self.name}" if self.name else self.id

    @staticmethod
    def link(levels: Sequence[ScaleLevel]) -> None:
        """Link each of ``levels`` (lowest first) to the one below and the one above it."""
        for before, after in itertools.pairwise(levels):
            object.__setattr__(before, "next", after)
            object.__setattr__(after, "previous", before)


@dataclass(frozen=True, slots=True)
class LevelView(ScaleLevel):
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


RowT = TypeVar("RowT")


@dataclass(frozen=True, slots=True)
class ZoneTable(Generic[RowT]):
    """The bands in one pay zone, highest level first: a family's (each a :class:`ZoneRow`),
    or a company's (the company's base bands too, each row with the families that pay the
    level differently). Built as ``ZoneTable(...)``, never ``ZoneTable[...](...)`` (a frozen
    instance takes no ``__orig_class__``)."""

    id: str
    #: file-name-safe id, for HTML anchors (``zone-<slug>``)
    slug: str
    label: str
    currency: str | None
    #: how the zone's bands come about: ``The base bands x 1.15, rounded to 1,000.`` or
    #: ``its own bands``
    basis: str
    rows: list[RowT]


@dataclass(frozen=True, slots=True)
class NavGroup:
    """A group of the navigation every HTML page shows. A group of more than
    :data:`NAV_MAX` pages (the levels of a ladder of 2,000) lists, on each page, only the pages
    around it (:meth:`shown`), so a page's size does not grow with the ladder and the whole
    handbook stays linear in it (every page listing every level made 2,000 levels 261 MB)."""

    title: str
    pages: list[Page]
    _index: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index.update((page.file, number) for number, page in enumerate(self.pages))

    def shown(self, current: Page) -> list[Page | None]:
        """The pages this group lists on the page ``current``: all of them, or for a long
        group the first, the :data:`NAV_AROUND` before and after ``current``, and the last,
        with None where pages are left out."""
        pages, count = self.pages, len(self.pages)
        if count <= NAV_MAX:
            return list(pages)
        at = self._index.get(current.file, 0)
        low, high = max(at - NAV_AROUND, 0), min(at + NAV_AROUND + 1, count)
        out: list[Page | None] = []
        if low > 0:
            out += [pages[0], None] if low > 1 else [pages[0]]
        out += pages[low:high]
        if high < count:
            out += [None, pages[-1]] if high < count - 1 else [pages[-1]]
        return out


#: The most pages a navigation group lists in full (see :meth:`NavGroup.shown`).
NAV_MAX = 40
#: How many pages before and after the current one a long group lists.
NAV_AROUND = 8


class _Kind(Protocol):
    @property
    def kind(self) -> str: ...


class _Severity(Protocol):
    @property
    def severity(self) -> str: ...


PageT = TypeVar("PageT", bound=_Kind)
LevelT = TypeVar("LevelT")
FindingT = TypeVar("FindingT", bound=_Severity)


class SiteView(Generic[PageT, LevelT, FindingT]):
    """What a ladder's handbook (:class:`Handbook`) and a company's site (its ``CompanySite``)
    share: their pages, their levels (lowest first) and the findings they show."""

    __slots__ = ()
    pages: list[PageT]
    levels: list[LevelT]
    findings: list[FindingT]

    def page(self, kind: str) -> PageT:
        return next(p for p in self.pages if p.kind == kind)

    @property
    def levels_desc(self) -> list[LevelT]:
        """Highest first: the order of the overview tables and the pictures."""
        return list(reversed(self.levels))

    @property
    def errors(self) -> list[FindingT]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[FindingT]:
        return [f for f in self.findings if f.severity == "warning"]


@dataclass(frozen=True, slots=True)
class Handbook(SiteView[Page, LevelView, FindingView]):
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
    zones: list[ZoneTable[ZoneRow]] = field(default_factory=list)
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
