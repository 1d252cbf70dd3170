"""The ladder rules' registry: each rule is a function over a :class:`Context` that yields
problems.

A rule is registered by its catalog code with :func:`rule` (:data:`LADDER`, a
:class:`~dualladder._internal.util.registry.Registry` like every family's); its docstring is its
documentation (``docs/rules.md`` is generated from it). A rule yields :class:`Problem`s, a YAML path
and a message; the engine turns them into findings with file, line, column and severity.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from itertools import pairwise

from dualladder._internal.model.ladder import MANAGEMENT, Band, Ladder, Rung, format_amount
from dualladder._internal.model.money import gap, percent
from dualladder._internal.util.findings import Loc
from dualladder._internal.util.registry import Problem, Registry, Rule
from dualladder._internal.util.textsafe import cut

__all__ = [
    "LADDER", "RULES", "Context", "Pair", "Problem", "Registry", "Rule", "Step", "gap",
    "iter_problems", "percent", "rule",
]

#: How many rung names a message lists for one level; the rest are counted ("and 12 more").
NAMES_SHOWN = 3


#: The ladder rules (DL101 and up).
LADDER: Registry[Context, Problem] = Registry("ladder")
RULES: dict[str, Rule[Context, Problem]] = LADDER.rules
rule = LADDER.rule


@dataclass(frozen=True, slots=True)
class Pair:
    """Two equivalent rungs: management's and another track's, on one level."""

    level: str
    left_track: str
    left_index: int
    left: Rung
    right_track: str
    right_index: int
    right: Rung

    @property
    def left_loc(self) -> Loc:
        return ("tracks", self.left_track, "rungs", self.left_index)

    @property
    def right_loc(self) -> Loc:
        return ("tracks", self.right_track, "rungs", self.right_index)


class Context:
    """One ladder, with the derived views that several rules share."""

    def __init__(self, ladder: Ladder) -> None:
        self.ladder = ladder
        self.policy = ladder.policy
        self._by_level: dict[str, dict[str, tuple[int, Rung]]] = {}

    @cached_property
    def level_rank(self) -> dict[str, int]:
        """Level id -> position on the grade scale (0 = lowest)."""
        return {level_id: i for i, level_id in enumerate(self.ladder.level_ids)}

    def by_level(self, track: str) -> dict[str, tuple[int, Rung]]:
        """A track's rungs by level id: ``{level: (index, rung)}`` (built once per track)."""
        known = self._by_level.get(track)
        if known is None:
            found = self.ladder.tracks.get(track)
            known = {rung.level: (i, rung) for i, rung in enumerate(found.rungs)} if found else {}
            self._by_level[track] = known
        return known

    @property
    def other_tracks(self) -> list[str]:
        """Every track compared with management: ``technical`` and any further track."""
        return [key for key in self.ladder.tracks if key != MANAGEMENT]

    @cached_property
    def pairs(self) -> list[Pair]:
        """Equivalent rungs: for each non-management track, each level both tracks have."""
        left = self.by_level(MANAGEMENT)
        out: list[Pair] = []
        for key in self.other_tracks:
            for level_id, (j, rung) in sorted(
                self.by_level(key).items(), key=lambda item: self.level_rank.get(item[0], -1)
            ):
                if level_id in left:
                    i, mrung = left[level_id]
                    out.append(Pair(level_id, MANAGEMENT, i, mrung, key, j, rung))
        return out

    @cached_property
    def level_position(self) -> dict[str, int]:
        """Level id -> its index in ``levels`` (the first, if an id is defined twice)."""
        positions: dict[str, int] = {}
        for i, level in enumerate(self.ladder.levels):
            positions.setdefault(level.id, i)
        return positions

    def band(self, rung: Rung) -> Band | None:
        """A rung's effective band (as :meth:`Ladder.band`), looked up in constant time."""
        if rung.pay is not None:
            return rung.pay
        position = self.level_position.get(rung.level)
        return None if position is None else self.ladder.levels[position].pay

    def band_loc(self, track: str, index: int) -> Loc:
        """The YAML path of the band that :meth:`band` returns (as :meth:`Ladder.band_loc`)."""
        rung = self.ladder.tracks[track].rungs[index]
        if rung.pay is not None:
            return ("tracks", track, "rungs", index, "pay")
        position = self.level_position.get(rung.level)
        if position is not None and self.ladder.levels[position].pay is not None:
            return ("levels", position, "pay")
        return ("tracks", track, "rungs", index)

    def name(self, rung: Rung) -> str:
        """How messages name a rung: ``Staff Engineer (L6)``."""
        return f"{cut(rung.title)} ({cut(rung.level)})"

    # -- shared helpers of the rule modules --

    def rank(self, rung: Rung) -> int:
        """The position of a rung's level on the grade scale (0 = lowest)."""
        return self.level_rank.get(rung.level, -1)

    def ordered(self, track: str) -> list[tuple[int, Rung]]:
        """A track's rungs as ``(index, rung)``, lowest level first (by position in
        ``levels``, not by position in the file)."""
        found = self.ladder.tracks.get(track)
        if found is None:
            return []
        return sorted(enumerate(found.rungs), key=lambda item: self.rank(item[1]))

    @staticmethod
    def rung_loc(track: str, index: int) -> Loc:
        return ("tracks", track, "rungs", index)

    def track_label(self, track: str) -> str:
        """How messages name a track: ``the Engineering track``."""
        return f"the {cut(self.ladder.track_name(track))} track"

    def currency(self, rung: Rung) -> str | None:
        """The currency a rung is paid in (of its effective band, else the file's)."""
        return self.ladder.currency_of(self.band(rung))

    @staticmethod
    def money(amount: Decimal, currency: str | None) -> str:
        """``150,000 USD`` (just ``150,000`` when no currency is known)."""
        text = format_amount(amount)
        return f"{text} {currency}" if currency else text

    def mid_text(self, band: Band, currency: str | None) -> str:
        """``175,000 USD``, or ``175,000 USD (derived: the middle of min and max)``."""
        text = self.money(band.mid, currency)
        return f"{text} (derived: the middle of min and max)" if band.mid_derived else text

    def band_text(self, band: Band) -> str:
        """``150,000-200,000 USD (mid 175,000)``; ``(derived mid 175,000)`` when the band
        states no midpoint."""
        currency = self.ladder.currency_of(band)
        low, high = format_amount(band.min), self.money(band.max, currency)
        derived = "derived " if band.mid_derived else ""
        return f"{low}-{high} ({derived}mid {format_amount(band.mid)})"

    def band_owner(self, rung: Rung) -> str:
        """Whose band a rung's effective band is: the rung's own (``Staff Engineer (L6)``), or
        its level's, shared by every rung there without a band of its own."""
        return self.name(rung) if rung.pay is not None else self.level_band_owner(rung.level)

    @cached_property
    def _inheritors(self) -> dict[str, list[str]]:
        """Level id -> the names of the rungs that inherit its band (no band of their own)."""
        users: dict[str, list[str]] = {}
        for _, _, rung in self.ladder.rungs():
            if rung.pay is None:
                users.setdefault(rung.level, []).append(self.name(rung))
        return users

    def level_band_owner(self, level_id: str) -> str:
        """``level L6 (Engineering Manager (L6), Staff Engineer (L6))``: the level and the
        rungs that inherit its band."""
        users = self._inheritors.get(level_id)
        if users and len(users) > NAMES_SHOWN:  # a message never grows with the ladder
            users = [*users[:NAMES_SHOWN], f"and {len(users) - NAMES_SHOWN} more"]
        return f"level {cut(level_id)}" + (f" ({', '.join(users)})" if users else "")

    @cached_property
    def steps(self) -> list[Step]:
        """Consecutive rungs of each track with comparable bands (both stated, one currency).

        A pair of level bands that several tracks inherit is listed once (for the first
        track), so the band rules report it once.
        """
        out: list[Step] = []
        seen: set[tuple[Loc, Loc]] = set()
        for key in self.ladder.tracks:
            rungs = self.ordered(key)
            for (i, low), (j, high) in pairwise(rungs):
                below, above = self.band(low), self.band(high)
                if below is None or above is None or self.currency(low) != self.currency(high):
                    continue
                locs = (self.band_loc(key, i), self.band_loc(key, j))
                if locs in seen:
                    continue
                seen.add(locs)
                levels = self.rank(high) - self.rank(low)
                out.append(Step(key, low, high, below, above, locs[1], levels))
        return out


@dataclass(frozen=True, slots=True)
class Step:
    """Two consecutive rungs of one track and their effective bands."""

    track: str
    low: Rung
    high: Rung
    low_band: Band
    high_band: Band
    high_loc: Loc
    """The YAML path of the upper rung's band (its own or its level's)."""
    levels: int
    """How many levels apart the two rungs stand (1 = adjacent levels)."""


def iter_problems(
    ctx: Context, codes: Iterable[str]
) -> Iterator[tuple[Rule[Context, Problem], Problem]]:
    return LADDER.run(ctx, codes)
