"""What one rung asks that another does not: the rung-to-rung comparison.

One function, :func:`compare_rungs`, serves three readers:

* the handbook's level pages compare each rung with the same track's rung one step below
  (what is new at this level: expectations, wider scope, new or stronger decision rights, the
  pay step);
* ``dualladder diff`` compares the old and the new version of one rung;
* a career plan compares the current rung with the goal rung (one step for each thing the goal
  asks that the current rung does not: :attr:`RungDelta.asks`).

The comparison is about what a rung *asks and grants*, so text is matched loosely (case and
runs of spaces do not count: re-typing an expectation is not a new one) and decision rights are
compared per domain by their order (``informed < consulted < recommends < decides``, ``team <
... < industry``), never by their text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, Literal

from dualladder._internal.model.ladder import Authority, Band, Decision, Rung, Scope

if TYPE_CHECKING:
    from dualladder._internal.model.ladder import Ladder

__all__ = [
    "Ask",
    "DecisionChange",
    "Direction",
    "RungDelta",
    "compare_rungs",
    "direction",
    "midpoint",
    "percent_change",
    "text_key",
]

#: How an ordered value moved: ``up`` (more authority, wider scope), ``down`` or ``same``.
Direction = Literal["up", "down", "same"]


def text_key(text: str) -> str:
    """The form two texts are matched by: case-folded, runs of white space as one space."""
    return " ".join(text.split()).casefold()


def direction(before: Authority | Scope | None, after: Authority | Scope | None) -> Direction:
    """``up`` when ``after`` ranks above ``before`` (a stated value ranks above none)."""
    if before == after:
        return "same"
    if before is None:
        return "up"
    if after is None:
        return "down"
    return "up" if after > before else "down"


def midpoint(band: Any) -> Decimal | None:
    """The midpoint of a band: its ``mid``, else the middle of ``min`` and ``max`` (for band
    shapes that state no midpoint), else None."""
    if band is None:
        return None
    mid = getattr(band, "mid", None)
    if isinstance(mid, Decimal):
        return mid
    low, high = getattr(band, "min", None), getattr(band, "max", None)
    if isinstance(low, Decimal) and isinstance(high, Decimal):
        return (low + high) / 2
    return None


def percent_change(before: Decimal, after: Decimal) -> Decimal | None:
    """``(after - before) / before`` in percent, rounded half up to one decimal; None when
    ``before`` is zero."""
    if before == 0:
        return None
    return ((after - before) / before * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class DecisionChange:
    """One decision right that differs between two rungs, in one domain.

    ``before`` is None for a right only the second rung holds, ``after`` None for one it lost.
    """

    domain: str
    before: Decision | None
    after: Decision | None

    @property
    def authority(self) -> Direction:
        return direction(
            self.before.authority if self.before else None,
            self.after.authority if self.after else None,
        )

    @property
    def scope(self) -> Direction:
        return direction(
            self.before.scope if self.before else None,
            self.after.scope if self.after else None,
        )

    @property
    def kind(self) -> Literal["added", "removed", "stronger", "weaker", "mixed"]:
        """``stronger``: more authority or a wider scope and nothing less; ``weaker`` the
        reverse; ``mixed``: one up, the other down."""
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        moves = {self.authority, self.scope} - {"same"}
        if moves == {"up"}:
            return "stronger"
        if moves == {"down"}:
            return "weaker"
        return "mixed"


@dataclass(frozen=True, slots=True)
class Ask:
    """One thing a rung asks (or grants) that another does not, for a plan step or a page."""

    kind: Literal["expectation", "scope", "decision"]
    #: a one-line description, e.g. ``decides hiring at group (was recommends at team)``
    text: str


def _show_decision(decision: Decision) -> str:
    return f"{decision.authority.value} at {decision.scope.value}"


@dataclass(frozen=True, slots=True)
class RungDelta:
    """The difference between two rungs (``before`` -> ``after``): what was added, widened,
    strengthened, dropped, and the pay step between their bands."""

    before: Rung
    after: Rung
    #: expectations of ``after`` that ``before`` does not state, in ``after``'s order
    expectations_added: tuple[str, ...]
    #: expectations of ``before`` that ``after`` no longer states
    expectations_removed: tuple[str, ...]
    #: decision rights that differ, in ``after``'s domain order (then the removed ones)
    decisions: tuple[DecisionChange, ...]
    band_before: Band | None = None
    band_after: Band | None = None
    currency_before: str | None = None
    currency_after: str | None = None

    @property
    def scope(self) -> Direction:
        """``up`` when ``after``'s scope is wider than ``before``'s."""
        return direction(self.before.scope, self.after.scope)

    @property
    def new_decisions(self) -> list[DecisionChange]:
        return [d for d in self.decisions if d.kind == "added"]

    @property
    def stronger_decisions(self) -> list[DecisionChange]:
        """Rights held before that are now held with more authority or at a wider scope
        (``mixed`` changes count: they ask something new too)."""
        return [d for d in self.decisions if d.kind in ("stronger", "mixed")]

    @property
    def weaker_decisions(self) -> list[DecisionChange]:
        return [d for d in self.decisions if d.kind in ("weaker", "removed")]

    @property
    def pay_step(self) -> Decimal | None:
        """Midpoint to midpoint in percent (one decimal), or None without two comparable bands
        (a band missing, a midpoint not known, two different currencies)."""
        before, after = midpoint(self.band_before), midpoint(self.band_after)
        if before is None or after is None or self.currency_before != self.currency_after:
            return None
        return percent_change(before, after)

    @property
    def asks(self) -> list[Ask]:
        """What ``after`` asks or grants that ``before`` does not: each new expectation, a
        wider scope, each new or stronger decision right. A career plan makes one step of each.
        """
        out = [Ask("expectation", text) for text in self.expectations_added]
        if self.scope == "up" and self.after.scope is not None:
            was = self.before.scope.value if self.before.scope else "none stated"
            out.append(Ask("scope", f"works at {self.after.scope.value} scope (was {was})"))
        for change in self.decisions:
            if change.after is None or change.kind not in ("added", "stronger", "mixed"):
                continue
            text = f"{_show_decision(change.after)} on {change.domain}"
            if change.before is not None:
                text += f" (was {_show_decision(change.before)})"
            out.append(Ask("decision", text))
        return out

    @property
    def same(self) -> bool:
        """True when neither expectations, scope nor decision rights differ."""
        return not (
            self.expectations_added
            or self.expectations_removed
            or self.decisions
            or self.scope != "same"
        )


def _same_text(text: str) -> str:
    return text


def _expectation_diff(
    before: Sequence[str], after: Sequence[str], key: Callable[[str], str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if before == after:  # unchanged (the common case in a diff): nothing added or removed
        return (), ()
    old = {key(t) for t in before}
    new = {key(t) for t in after}
    added = tuple(t for t in after if key(t) not in old)
    removed = tuple(t for t in before if key(t) not in new)
    return _unique(added, key), _unique(removed, key)


def _unique(items: Iterable[str], key: Callable[[str], str]) -> tuple[str, ...]:
    seen: set[str] = set()
    out = []
    for item in items:
        if key(item) not in seen:
            seen.add(key(item))
            out.append(item)
    return tuple(out)


def _pair(before: list[Decision], after: list[Decision]) -> list[tuple[Decision | None,
                                                                      Decision | None]]:
    """Pair the rights of one domain: one each is a pair; otherwise equal rights first, then
    equal scopes, then equal authorities, then in order; the rest are added or removed."""
    if len(before) == 1 and len(after) == 1:
        return [(before[0], after[0])]
    left, right = list(before), list(after)
    pairs: list[tuple[Decision | None, Decision | None]] = []
    for same in (
        lambda a, b: a.authority == b.authority and a.scope == b.scope,
        lambda a, b: a.scope == b.scope,
        lambda a, b: a.authority == b.authority,
        lambda a, b: True,
    ):
        for b in list(right):
            match = next((a for a in left if same(a, b)), None)
            if match is not None:
                left.remove(match)
                right.remove(b)
                pairs.append((match, b))
    pairs.extend((None, b) for b in right)
    pairs.extend((a, None) for a in left)
    return pairs


def _rights(decisions: Sequence[Decision] | None) -> list[tuple[str, Authority, Scope]]:
    """What :func:`_decision_diff` compares of each right, in order."""
    return [(d.domain, d.authority, d.scope) for d in decisions or ()]


def _decision_diff(
    before: Sequence[Decision] | None, after: Sequence[Decision] | None,
    key: Callable[[str], str],
) -> tuple[DecisionChange, ...]:
    if _rights(before) == _rights(after):  # the same rights in the same order: no change
        return ()
    old: dict[str, list[Decision]] = {}
    for d in before or ():
        old.setdefault(key(d.domain), []).append(d)
    new: dict[str, list[Decision]] = {}
    for d in after or ():
        new.setdefault(key(d.domain), []).append(d)
    out: list[DecisionChange] = []
    for domain_key in [*new, *(k for k in old if k not in new)]:
        for a, b in _pair(old.get(domain_key, []), new.get(domain_key, [])):
            if a is not None and b is not None and (a.authority, a.scope) == (b.authority, b.scope):
                continue
            domain = (b or a).domain  # type: ignore[union-attr]
            out.append(DecisionChange(domain, a, b))
    return tuple(out)


def compare_rungs(
    before: Rung,
    after: Rung,
    *,
    ladder: Ladder | None = None,
    before_ladder: Ladder | None = None,
    after_ladder: Ladder | None = None,
    exact: bool = False,
) -> RungDelta:
    """Compare two rungs: what ``after`` asks and grants that ``before`` does not, and back.

    With a ladder (``ladder`` for both, or ``before_ladder``/``after_ladder`` for two versions)
    the pay step uses each rung's effective band (its own, else its level's) and currency;
    without one, only the rungs' own ``pay``.

    Expectations and decision domains are matched ignoring case and runs of spaces (what a rung
    asks does not change with its spelling); with ``exact`` they must match exactly, as a
    reviewer of a change wants.

    >>> step = compare_rungs(senior, staff, ladder=ladder)   # doctest: +SKIP
    >>> [ask.text for ask in step.asks]                       # doctest: +SKIP
    ['Leads technical strategy for a group', 'works at group scope (was team)', ...]
    """
    first = before_ladder or ladder
    second = after_ladder or ladder
    band_before = first.band(before) if first is not None else before.pay
    band_after = second.band(after) if second is not None else after.pay
    key = _same_text if exact else text_key
    added, removed = _expectation_diff(before.expectations, after.expectations, key)
    return RungDelta(
        before=before,
        after=after,
        expectations_added=added,
        expectations_removed=removed,
        decisions=_decision_diff(before.decisions, after.decisions, key),
        band_before=band_before,
        band_after=band_after,
        currency_before=_currency(first, band_before),
        currency_after=_currency(second, band_after),
    )


def _currency(ladder: Ladder | None, band: Band | None) -> str | None:
    if ladder is not None:
        return ladder.currency_of(band)
    return band.currency if band is not None else None
