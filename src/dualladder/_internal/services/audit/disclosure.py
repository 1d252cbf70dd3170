"""Making an audit report fit to publish (``--publish``): no small group can be worked out.

Every count a report prints is a sum over people: a rung's headcount, the women of a category,
the men of the top pay quarter (where a tie across a quarter boundary is shared, a person counts
for their part of it), the people of a rung who received variable pay. So each count is a
vector over the people, and a reader who knows some counts knows every *linear combination* of
them: a count that is a combination of the counts shown (the women of the EUR workforce as the
sum of the women of its four quarters; the others as a total less its women and men) is as good
as shown. Suppression therefore treats every count of the report as one system, as statistical
offices do with tables (tau-ARGUS, R's sdcTable):

1. **Primary suppression.** A group of people that holds someone but fewer than ``min_group``
   is *protected*: every printed count of one is hidden, and so is every other group whose count
   could tell something about few people (a rung's people *not* paid within the band, those of a
   sex who received *no* variable pay...), though it is never printed.
2. **Complementary suppression.** The printed counts are then taken from the most important to
   the least (the Art. 9 headline of the organisation first: its women and men, (e), (f); then
   the categories; then the total of people audited, rungs and what the findings count; a rung's
   circles and shares last): a count is shown unless showing it, with the counts already shown,
   would make a protected group's count or a count already hidden a linear combination of the
   counts shown; then it is hidden too, and protected from then on. So the fewest and least
   important counts go, and no hidden count can be recovered from the shown ones by any
   addition or subtraction.
3. **Protection intervals.** A reader also knows bounds: a hidden count is at least 1 (counts
   of 0 are shown), a small one at most ``min_group - 1``, every atom at least 0. With them a
   count no combination gives can still be pinned, so for every protected count the least and
   the most a reader can make of it are found by linear programming (scipy's HiGHS, imported
   here only), for two readers (:func:`_widen`): one told which hidden counts are small, whose
   interval must reach from ``n - 1`` to ``n + 1`` (within what they knew with nothing shown),
   and one not told, who must not be able to prove a small group smaller than ``min_group``.
   Where a bound falls short, the least important shown count it rests on (a nonzero dual
   value) is hidden; at most :data:`MAX_SOLVES` programs, then every count that is not 0 is
   hidden.

Whether a vector is a combination of others is decided on the *atoms* of the report: people
who belong to exactly the same groups (with the same parts of pay quarters) are one atom, so
the vectors have one entry per atom, not per person (a few hundred at most), and numpy
(imported here only: ``--publish`` pays for it, nothing else does) decides by a singular value
decomposition whether the protected vectors lie in the row space of the shown ones. The
entries are 0, 1 and the simple fractions of shared ties, which such a decomposition separates
with a wide margin at these sizes; tests check every published report exactly, with rationals.

Other figures:

- a **statistic of a group** (a gap, a mean, a quartile, a median compa-ratio in a finding)
  is shown where each group it is taken over holds at least ``min_group`` people, whether
  or not their count is shown (a gap is a ratio of means: it tells no count and no one's pay);
- **no published statistic is one person's value**: the minimum and maximum never are shown,
  and a quartile that equals one person's value (in a group of 4k + 1 every quartile is a
  person's) is not shown either;
- a **share** (variable pay, equity, the proportions of a pay quarter) tells its count given
  the group's size, so it is shown only where both counts are shown. A share of 0 % or 100 %
  is shown: it says that nobody, or everybody, of a group of at least ``min_group`` received
  some variable pay, which the Directive's (e) asks for and which tells no one's pay;
- a **finding** about a person is never shown; one about groups only where the counts its
  message tells are shown and its statistics' groups are large enough (published reports word
  DL308, DL310-DL312 without the counts that may be hidden).

A hidden figure reads "not shown, to protect a small group" (``null`` in JSON). Counts of 0
are shown: an empty group tells about nobody. What this does not promise (docs/audit.md):
intervals are those of linear programming (a reader who uses that people are whole may narrow
one further, never to a combination of shown counts). No mean or amount of pay is printed (only
gaps, shares and counts); gaps of nested groups are suppressed against each other by rank
(:func:`_nested`), without bounds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final, TypeVar

from dualladder._internal.model.audit import (
    AuditReport,
    Category,
    Indicators,
    LevelRow,
    PayGroup,
    Quarter,
    RungStats,
)
from dualladder._internal.model.stats import Spread
from dualladder._internal.rules.audit_context import Collected
from dualladder._internal.util.findings import Report

if TYPE_CHECKING:
    import numpy

__all__ = ["Suppression", "importance", "publishable", "suppress"]

T = TypeVar("T")

#: The parts of a group a report never prints (only protects, where small).
_PARTS: Final = ("/within", "/no-variable", "/no-equity")

#: The gap fields of :class:`Indicators`.
GAPS: Final = tuple(f.name for f in dataclasses.fields(Indicators) if f.name.endswith("_gap")
                    or f.name.endswith("_gap_receiving"))


def importance(key: str) -> int | None:
    """How important the printed count ``key`` is (higher: hidden later), or None for a group
    the report never prints (a total, or a part such as the people paid within the band).

    The organisation's women, men, (e) and (f) are the Art. 9 headline (5); its others, the
    quarters' sizes and others (4); a category's women and men (3); its others and shares, the
    total of people audited, equity shares (2); a rung's headcount, what DL309 counts (1); a
    rung's circles and shares (0)."""
    if key.endswith(_PARTS):
        return None
    parts = key.split("/")
    if key.startswith("org:"):
        tail = parts[1:]
        if not tail:
            return None
        if tail[0].startswith("q"):
            return 5 if tail[-1] in ("F", "M") else 4
        if tail == ["X"]:
            return 4
        if len(tail) == 2:  # F/variable, M/equity
            return 5 if tail[1] == "variable" else 2
        return 5
    if key.startswith("cat:"):
        sex = parts[-1] if parts[-1] in ("F", "M", "X") else parts[-2] if len(parts) > 3 \
            and parts[-2] in ("F", "M") else None
        if sex is None:
            return None  # the category's total
        return 3 if parts[-1] in ("F", "M") else 2
    if key == "all":
        return 2
    if key.startswith("ceiling:"):
        return 1
    if key.startswith("rung:"):
        return 1 if len(parts) == 3 else 0
    return 0


@dataclasses.dataclass(frozen=True, slots=True)
class Suppression:
    """What a published report shows: the printed counts shown, and every group's size."""

    shown: frozenset[str]
    hidden: frozenset[str]
    """Printed counts not shown."""
    size: Mapping[str, Fraction]
    """Each group's count (a sum of parts where a pay quarter shares a tie)."""
    min_group: int
    gapless: frozenset[str] = frozenset()
    """Groups (``org:EUR``, ``cat:...``) whose gaps are hidden by :func:`_nested`."""

    def large(self, key: str) -> bool:
        """Whether a statistic over group ``key`` may be shown (nobody, or enough people)."""
        n = self.size.get(key)
        return n is None or n == 0 or n >= self.min_group


def _vectors(groups: Mapping[str, Sequence[int]], weights: Mapping[str, Mapping[int, Fraction]]
             ) -> tuple[list[str], numpy.ndarray[Any, Any]]:
    """Every group as a row over the atoms (people in exactly the same groups, with the same
    parts): the keys, and a float matrix with one row per key.

    People are told apart by two 64-bit fingerprints of their memberships (numpy, a step per
    group, not per person), and the atoms so found are then checked exactly: every group holds
    each atom whole or not at all, with one part for all of it. Should two memberships ever
    share both fingerprints, the check fails and :func:`_vectors_by_person` does it person by
    person instead."""
    import numpy

    keys = list(groups)
    n = 1 + max((max(people) for people in groups.values() if people), default=0)
    first = numpy.zeros(n, dtype=numpy.uint64)
    second = numpy.zeros(n, dtype=numpy.uint64)
    rows: list[tuple[Any, Any]] = []
    with numpy.errstate(over="ignore"):
        for row, key in enumerate(keys):
            people = numpy.fromiter(groups[key], dtype=numpy.int64, count=len(groups[key]))
            parts = weights.get(key)
            if parts is None:
                values = None
                code = numpy.full(len(people), row + 1, dtype=numpy.uint64)
            else:
                shares = [parts[p] for p in groups[key]]
                values = numpy.array([float(x) for x in shares])
                code = numpy.array([(row + 1) * 1_000_003 + x.numerator * 65_537 + x.denominator
                                    for x in shares], dtype=numpy.uint64)
            first[people] = first[people] * numpy.uint64(0x9E3779B97F4A7C15) + code
            second[people] = (second[people] ^ code) * numpy.uint64(0xC2B2AE3D27D4EB4F) \
                + numpy.uint64(row + 7)
            rows.append((people, values))
    _, atom = numpy.unique(numpy.stack([first, second], axis=1), axis=0, return_inverse=True)
    atom = atom.reshape(-1)
    count = int(atom.max()) + 1
    size = numpy.bincount(atom, minlength=count)
    matrix = numpy.zeros((len(keys), count))
    for row, (people, values) in enumerate(rows):
        touched = atom[people]
        held = numpy.bincount(touched, minlength=count)
        if (held[held > 0] != size[held > 0]).any():
            return _vectors_by_person(groups, weights)
        if values is None:
            matrix[row, touched] = 1.0
        else:
            matrix[row, touched] = values
            if (matrix[row, touched] != values).any():
                return _vectors_by_person(groups, weights)
    return keys, matrix


def _vectors_by_person(groups: Mapping[str, Sequence[int]],
                       weights: Mapping[str, Mapping[int, Fraction]]
                       ) -> tuple[list[str], numpy.ndarray[Any, Any]]:
    """:func:`_vectors`, person by person (exact, and slower)."""
    import numpy

    keys = list(groups)
    signature: dict[int, list[tuple[int, Fraction]]] = {}
    atoms: dict[tuple[tuple[int, Fraction], ...], int] = {}
    one = Fraction(1)
    for row, key in enumerate(keys):
        parts = weights.get(key)
        for person in groups[key]:
            part = one if parts is None else parts[person]
            signature.setdefault(person, []).append((row, part))
    for person_entries in sorted(signature.values()):  # atoms in an order rows cannot change
        atoms.setdefault(tuple(person_entries), len(atoms))
    matrix = numpy.zeros((len(keys), max(len(atoms), 1)))
    for entries, column in atoms.items():
        for row, part in entries:
            matrix[row, column] = float(part)
    return keys, matrix


def _in_span(shown: numpy.ndarray[Any, Any], protected: numpy.ndarray[Any, Any]) -> bool:
    """Whether some row of ``protected`` lies in the row space of ``shown``."""
    import numpy

    if not len(protected):
        return False
    if not len(shown):
        return bool((numpy.abs(protected).sum(axis=1) == 0).any())
    _, values, rows = numpy.linalg.svd(shown, full_matrices=False)
    tolerance = values.max() * max(shown.shape) * numpy.finfo(float).eps if len(values) \
        else 0.0
    basis = rows[values > tolerance]
    residual = protected - (protected @ basis.T) @ basis
    scale = numpy.linalg.norm(protected, axis=1)
    return bool((numpy.linalg.norm(residual, axis=1) <= 1e-9 * numpy.maximum(scale, 1)).any())


def suppress(collected: Collected, min_group: int, gapped: Sequence[str] = ()) -> Suppression:
    """Choose the printed counts to show (see the module documentation); ``gapped``: the
    groups with gaps (``org:EUR``, ``cat:...``), the most important first (:func:`_nested`)."""
    # the groups in the order of their keys, never of the rows: the choice of what to hide
    # (ties of importance, the atoms' columns, the solver's dual values) then does not
    # depend on the order of the roster's rows
    groups = {key: collected.groups[key] for key in sorted(collected.groups)}
    size = {key: (sum(collected.weights[key].values(), Fraction(0))
                  if key in collected.weights else Fraction(len(people)))
            for key, people in groups.items()}
    keys, matrix = _vectors(groups, collected.weights)
    row = {key: i for i, key in enumerate(keys)}
    small = {key for key, n in size.items() if 0 < n < min_group}
    printed = {key: rank for key in keys if (rank := importance(key)) is not None}
    protected = sorted(row[key] for key in small)
    candidates = sorted((key for key in printed if key not in small),
                        key=lambda key: (-printed[key], row[key]))
    shown: list[int] = []
    hidden = {key for key in printed if key in small}
    _add(matrix, candidates, row, shown, protected, hidden)
    order = {row[key]: place for place, key in enumerate(candidates)}
    value = [float(size[key]) for key in keys]
    _widen(matrix, value, keys, order, shown, protected, {row[key] for key in small},
           {row[key] for key in printed}, hidden, min_group)
    shown_keys = frozenset(keys[i] for i in shown)
    gapless = _nested(matrix, row, size, small, min_group, gapped)
    return Suppression(shown_keys, frozenset(hidden), size, min_group, gapless)


def _nested(matrix: numpy.ndarray[Any, Any], row: Mapping[str, int],
            size: Mapping[str, Fraction], small: set[str], min_group: int,
            gapped: Sequence[str]) -> frozenset[str]:
    """The groups whose gaps are hidden so that gaps of nested groups cannot be differenced
    down to a small group's pay.

    A gap compares the pay of a group's women with that of its men: a reader who knows the
    counts (from elsewhere) and one side's mean knows the other's, so each shown gap is taken
    to tell the pay total of each of its sides (its women, its men), a row over the atoms as
    its count is. (A gap over those who received variable pay tells no more: the others'
    variable pay is 0; it is shown only where they are ``min_group`` or more a side.) Pay
    totals add up as counts do, so
    a small group's pay follows from shown gaps exactly where its row lies in the span of
    their sides' rows (the organisation's women less one category's, where they share the
    men). Groups are taken in the order of ``gapped``, the most important first, and a
    group's gaps are shown only where their sides bring no small group's row into that span;
    a group whose gaps are hidden anyway (a side smaller than ``min_group``) adds nothing."""
    protected = matrix[sorted(row[key] for key in small)]
    told: list[int] = []
    hidden: set[str] = set()
    for base in gapped:
        sides = [f"{base}/{sex}" for sex in ("F", "M")]
        if any(key not in row or 0 < size[key] < min_group for key in sides):
            continue
        rows = [row[key] for key in sides]
        if _in_span(matrix[told + rows], protected):
            hidden.add(base)
        else:
            told += rows
    return frozenset(hidden)


def _add(matrix: numpy.ndarray[Any, Any], candidates: list[str], row: Mapping[str, int],
         shown: list[int], protected: list[int], hidden: set[str]) -> None:
    """Show ``candidates`` in order, a block at a time where a block brings no protected row
    into the span (one decomposition), else halving it down to the count that does, which is
    hidden and protected from then on. A count printed only as a share of another
    (:func:`_share_of`) is not printed where that other is hidden (the share would tell it)."""
    start, block = 0, 16
    while start < len(candidates):
        key = candidates[start]
        whole = _share_of(key)
        if whole is not None and whole in hidden:  # a share of a hidden count: not printed,
            hidden.add(key)  # and the share cannot be worked out (its whole cannot)
            start += 1
            continue
        take = candidates[start:start + block]
        stop = next((i for i, k in enumerate(take) if i and _share_of(k) is not None), None)
        if stop is not None:  # decide a share's count on its own
            take = take[:stop]
        rows = [row[k] for k in take]
        if not _in_span(matrix[shown + rows], matrix[protected]):
            shown += rows
            start += len(take)
            block = min(block * 2, 256)
            continue
        if len(take) > 1:
            block = max(len(take) // 2, 1)
            continue
        hidden.add(take[0])
        protected.append(rows[0])
        start += 1
        block = 16


#: The most linear programs one publication solves (up to five per protected count and per
#: time a count is looked at again); where the next test could pass it, every count that is
#: not 0 is hidden instead (the fallback hides more, never less). The rosters of the tests and
#: of docs/performance.md need at most a few hundred.
MAX_SOLVES: Final = 4000

#: How far a bound must reach, beyond the rounding of the solver.
_EPS: Final = 1e-7


def _widen(matrix: numpy.ndarray[Any, Any], value: Sequence[float], keys: Sequence[str],
           order: Mapping[int, int], shown: list[int], protected: list[int], small: set[int],
           printed: set[int], hidden: set[str], min_group: int) -> None:
    """Give every protected count its protection interval (see the module documentation).

    The least and the most a count can be are found by linear programming over the atoms'
    numbers of people (at least 0), given the shown counts and that every hidden printed count
    is at least 1: (a) for a reader who is also told which printed counts are small (at most
    ``min_group - 1``), a small group's interval must reach from ``value - 1`` (at least 1) to
    ``value + 1`` (at most ``min_group - 1``), unless that reader knew the bound with nothing
    shown, and that of a count hidden to protect others must reach one of the two; (b) for a
    reader who is not told, a small group's most must be ``min_group`` or more. Where a bound
    falls short, the least important shown count it rests
    on (a nonzero dual value of its equality) is hidden, and the count looked at again. Hiding
    a count replaces its equality by "at least 1", which only widens every interval, so a count
    found protected stays protected."""
    import numpy

    if not protected:
        return
    solve = _solver()
    solves = 0
    passed: set[tuple[bytes, float, float, bool]] = set()  # tests passed stay passed
    queue = list(dict.fromkeys(protected))
    while queue:
        r = queue.pop()
        if not matrix[r].any():
            continue
        v = value[r]
        # (sign, the bound needed, whether the reader is told which counts are small): the
        # least (sign 1) must reach down to need, the most (sign -1) up to it. A small group
        # needs every test of its own; a count hidden only to protect others needs one of
        # its two (the reader may not know it to within less than one person)
        low = (1.0, max(v - 1, min(1.0, v)), True)
        if r in small:
            needs = [[low], [(-1.0, min(v + 1, float(min_group - 1)), True)],
                     [(-1.0, float(min_group), False)]]
        else:
            needs = [[low, (-1.0, v + 1, True)]]
        # the real counts are feasible, so a bound needed no further than the value is reached
        needs = [either for either in needs if not any(
            sign * (v - need) <= _EPS or (matrix[r].tobytes(), sign, need, told) in passed
            for sign, need, told in either)]
        if not needs:
            continue
        eq = matrix[shown]
        b_eq = numpy.array([value[i] for i in shown])
        at_least = sorted(i for i in set(protected) if i in printed)
        at_most = sorted(i for i in small if i in printed)
        ge, ge_b = -matrix[at_least], numpy.array([-min(1.0, value[i]) for i in at_least])
        told_ub = (numpy.vstack([ge, matrix[at_most]]), numpy.concatenate(
            [ge_b, [max(float(min_group - 1), value[i]) for i in at_most]]))
        blame: list[int] | None = None
        for either in needs:
            for sign, need, told in either:
                a_ub, b_ub = told_ub if told else (ge, ge_b)
                if solves + 2 > MAX_SOLVES:  # a test takes one or two programs
                    _hide_all(matrix, keys, shown, hidden)
                    return
                solves += 1
                bound, duals = solve(sign * matrix[r], a_ub, b_ub, eq, b_eq)
                ok = bound is not None and bound <= sign * need + _EPS
                if not ok and told and bound is not None:  # known with nothing shown
                    solves += 1
                    known, _ = solve(sign * matrix[r], a_ub, b_ub, eq[:0], b_eq[:0])
                    ok = known is not None and known >= bound - _EPS
                if ok:
                    passed.add((matrix[r].tobytes(), sign, need, told))
                    blame = None
                    break
                blame = [shown[i] for i in range(len(shown)) if duals is not None
                         and abs(duals[i]) > 1e-9 and matrix[shown[i]].any()]
            if blame is not None:
                break
        if blame is None:
            continue
        overlap = [i for i in shown if (matrix[i] * matrix[r]).any()]
        others = [i for i in shown if matrix[i].any()]
        choice = max(blame or overlap or others, key=order.__getitem__, default=None)
        if choice is None:  # nothing shown is left to hide: the interval is what it is
            continue
        _hide(matrix, keys, choice, shown, protected, hidden, queue)
        queue.append(r)


Solve = Callable[..., tuple[float | None, "numpy.ndarray[Any, Any] | None"]]


def _solver() -> Solve:
    """The least of ``c @ x`` over ``x >= 0`` with ``a_ub @ x <= b_ub`` and ``a_eq @ x ==
    b_eq`` by scipy's HiGHS (imported here: only ``--publish`` loads scipy): the least (-inf
    where there is none, None where nothing is feasible) and the dual values of the
    equalities."""
    from scipy.optimize import linprog as untyped

    linprog: Callable[..., Any] = untyped

    def solve(c: Any, a_ub: Any, b_ub: Any, a_eq: Any, b_eq: Any
              ) -> tuple[float | None, numpy.ndarray[Any, Any] | None]:
        result = linprog(c, A_ub=a_ub if len(a_ub) else None, b_ub=b_ub if len(b_ub) else None,
                         A_eq=a_eq if len(a_eq) else None, b_eq=b_eq if len(b_eq) else None,
                         bounds=(0, None), method="highs")
        if result.status == 3:
            return float("-inf"), None
        if result.status != 0:
            return None, None
        duals = result.eqlin.marginals if len(a_eq) else None
        return float(result.fun), duals

    return solve


def _hide(matrix: numpy.ndarray[Any, Any], keys: Sequence[str], choice: int, shown: list[int],
          protected: list[int], hidden: set[str], queue: list[int]) -> None:
    """Hide the shown count ``choice`` (protected from then on), and the shown counts printed
    as a share of it."""
    shown.remove(choice)
    hidden.add(keys[choice])
    protected.append(choice)
    queue.append(choice)
    for i in [i for i in shown if _share_of(keys[i]) == keys[choice]]:
        shown.remove(i)
        hidden.add(keys[i])


def _hide_all(matrix: numpy.ndarray[Any, Any], keys: Sequence[str], shown: list[int],
              hidden: set[str]) -> None:
    """The fallback past :data:`MAX_SOLVES`: every shown count that is not 0 is hidden."""
    for i in [i for i in shown if matrix[i].any()]:
        shown.remove(i)
        hidden.add(keys[i])


def _share_of(key: str) -> str | None:
    """The count a count is printed as a share of (``rung:.../variable`` of ``rung:...``,
    ``cat:.../F/equity`` of ``cat:.../F``); None for a count printed as it is."""
    for what in ("/variable", "/equity"):
        if key.endswith(what) and key.startswith(("rung:", "cat:", "org:")):
            return key.removesuffix(what)
    return None


def _if(ok: bool, value: T) -> T | None:
    return value if ok else None


def publishable(report: AuditReport, collected: Collected) -> AuditReport:
    """``report`` with every figure a published report may not show replaced by None (and
    named in the ``hidden`` fields), no minimum or maximum, and no finding about a person or
    that tells a hidden figure."""
    threshold = report.options.gap_threshold

    def trigger(ind: Indicators) -> bool:  # a category gap at the Art. 10 threshold (DL310)
        return any(gap is not None and abs(gap) >= threshold
                   for gap in (ind.basic_mean_gap, ind.mean_gap))

    categories = [c.indicators for group in report.pay for c in group.categories]
    found = suppress(collected, report.options.min_group, [
        *(group.organisation.key for group in report.pay),
        *(ind.key for ind in sorted(categories, key=lambda ind: not trigger(ind)))])

    def shown(*keys: str) -> bool:
        return all(key in found.shown for key in keys if key in found.shown
                   or key in found.hidden)

    def large(*keys: str) -> bool:
        return all(found.large(key) for key in keys)

    def spread(value: Spread | None, key: str, what: str) -> Spread | None:
        if value is None or not large(key):
            return None
        person = collected.person_valued.get(f"{key}/{what}", set())
        q1, median, q3 = (None if name in person else getattr(value, name)
                          for name in ("q1", "median", "q3"))
        return Spread(value.count, None, q1, median, q3, None)

    def share(numerator: str, denominator: str) -> bool:
        return shown(numerator, denominator)

    def rung(stats: RungStats | None) -> RungStats | None:
        if stats is None:
            return None
        key = stats.key
        return dataclasses.replace(
            stats,
            headcount=_if(shown(key), stats.headcount),
            compa=spread(stats.compa, key, "compa"),
            penetration=spread(stats.penetration, key, "penetration"),
            below_min=_if(shown(f"{key}/below"), stats.below_min),
            above_max=_if(shown(f"{key}/above"), stats.above_max),
            variable_share=_if(share(f"{key}/variable", key), stats.variable_share),
            equity_share=_if(share(f"{key}/equity", key), stats.equity_share),
        )

    def quarter(key: str, q: Quarter) -> Quarter:
        return Quarter(_if(shown(key), q.people), _if(shown(f"{key}/F"), q.women),
                       _if(shown(f"{key}/M"), q.men), _if(shown(f"{key}/X"), q.other))

    def indicators(ind: Indicators) -> Indicators:
        key = ind.key
        women, men = f"{key}/F", f"{key}/M"
        values: dict[str, Any] = {}
        if not large(women, men) or key in found.gapless:
            values |= dict.fromkeys(GAPS)
        elif not large(f"{women}/variable", f"{men}/variable"):  # a gap over 1 to k - 1
            values |= dict.fromkeys(name for name in GAPS if name.endswith("_receiving"))
        for field, numerator, denominator, ok in (
                ("variable_share_women", f"{women}/variable", women, True),
                ("variable_share_men", f"{men}/variable", men, True),
                ("equity_share_women", f"{women}/equity", women, True),
                ("equity_share_men", f"{men}/equity", men, True),
                ("mean_pay_women", women, women, large(women)),
                ("mean_pay_men", men, men, large(men))):
            if getattr(ind, field) is not None and not (
                    ok and (field.startswith("mean") or share(numerator, denominator))):
                values[field] = None
        hidden = frozenset(name for name, value in values.items()
                           if value is None and getattr(ind, name) is not None)
        quartiles = None if ind.quartiles is None else tuple(
            quarter(f"{key}/q{n}", q) for n, q in enumerate(ind.quartiles, start=1))
        people = ind.people
        return dataclasses.replace(
            ind, **values, quartiles=quartiles, hidden=hidden,
            people=dataclasses.replace(people, women=_if(shown(women), people.women),
                                       men=_if(shown(men), people.men),
                                       other=_if(shown(f"{key}/X"), people.other)))

    levels = tuple(
        LevelRow(row.family, row.level, row.name, row.rank, tuple(rung(r) for r in row.rungs))
        for row in report.levels
    )
    pay = tuple(
        PayGroup(group.currency, indicators(group.organisation),
                 tuple(Category(c.family, c.level, c.name, c.rank, indicators(c.indicators))
                       for c in group.categories))
        for group in report.pay
    )
    kept = [f for f, counts, statistics in collected.findings
            if counts is not None and f.file != report.roster and shown(*counts)
            and large(*statistics)
            and not any(s.rsplit("/", 1)[0] in found.gapless for s in statistics)]
    kept += [f for f in report.findings if f.code == "DL301"]
    findings = Report.of(kept, report.findings.files)
    return dataclasses.replace(report, findings=findings, levels=levels, pay=pay,
                               people=_if(shown("all"), report.people), published=True)
