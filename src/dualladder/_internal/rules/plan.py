"""The career plan rules (DL401-DL407): a plan checked against itself and its ladder.

Each rule is registered by its catalog code in :data:`PLAN` and its docstring is its
documentation (``docs/rules.md`` is generated from it), like the ladder rules. A rule reads a
:class:`PlanContext` and yields :class:`~dualladder._internal.util.registry.Problem`s whose paths
are paths in the plan file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from dualladder._internal.model.ladder import Band, Crossover, Ladder, Rung
from dualladder._internal.model.plan import (
    COMMITMENT_PLACEHOLDER,
    MANAGER,
    PERSON_PLACEHOLDER,
    Plan,
    Position,
    RungSnapshot,
    Status,
)
from dualladder._internal.model.step import Ask, compare_rungs, text_key
from dualladder._internal.util.findings import Loc
from dualladder._internal.util.registry import Problem, Registry
from dualladder._internal.yaml.tags import quote

__all__ = ["PLAN", "PlanContext", "allowed_move", "crossover_levels", "goal_asks"]


@dataclass
class PlanContext:
    """One plan and the ladder it follows (None when the ladder could not be read:
    ``ladder_problem`` then says why)."""

    plan: Plan
    ladder: Ladder | None
    ladder_problem: str | None = None

    def rung(self, position: Position) -> Rung | None:
        if self.ladder is None:
            return None
        track = self.ladder.tracks.get(position.track)
        if track is None:
            return None
        return next((r for r in track.rungs if r.level == position.level), None)

    @cached_property
    def current(self) -> Rung | None:
        return self.rung(self.plan.current)

    @cached_property
    def goal(self) -> Rung | None:
        return self.rung(self.plan.goal)

    def rank(self, level: str) -> int:
        assert self.ladder is not None
        ids = self.ladder.level_ids
        return ids.index(level) if level in ids else -1


PLAN: Registry[PlanContext, Problem] = Registry("career plan")


def goal_asks(ctx: PlanContext) -> list[Ask]:
    """What the goal rung asks that the current rung does not (empty without both rungs)."""
    if ctx.current is None or ctx.goal is None:
        return []
    return compare_rungs(ctx.current, ctx.goal, ladder=ctx.ladder).asks


def crossover_levels(ladder: Ladder, current: Position, goal: Position) -> list[str]:
    """The levels, from the current level up to the goal level, at which the first crossover
    the ladder states from the current track to the goal's is open (empty: none is)."""
    ids = ladder.level_ids
    span = set(ids[ids.index(current.level) : ids.index(goal.level) + 1])
    moves: list[Crossover] = [
        move
        for move in ladder.crossover
        if move.from_ == current.track and move.to == goal.track and span & set(move.levels)
    ]
    return sorted(span & set(moves[0].levels), key=ids.index) if moves else []


def allowed_move(ladder: Ladder, current: Position, goal: Position) -> tuple[bool, str]:
    """Whether the ladder allows the move from ``current`` to ``goal``, and how (or why not).

    Up the same track is a promotion. To another track the ladder must state a crossover from
    the current track to the goal's at a level from the current level up to the goal level
    (cross over, then climb; or climb, then cross over).
    """
    ids = ladder.level_ids
    here, there = ids.index(current.level), ids.index(goal.level)
    if current.track == goal.track:
        if there > here:
            return True, "a promotion on the same track"
        what = "the same rung" if there == here else "a move down"
        return False, f"{current} to {goal} is {what}, not a step up"
    if there < here:
        return False, f"{current} to {goal} is a move down to another track"
    at = crossover_levels(ladder, current, goal)
    if at:
        return True, f"a crossover from {current.track} to {goal.track} at {', '.join(at)}"
    levels = current.level if here == there else f"{current.level} (or up to {goal.level})"
    return False, (
        f"the ladder states no crossover from {current.track} to {goal.track} at "
        f"{levels}; add `{{from: {current.track}, to: {goal.track}, levels: "
        f"[{current.level}]}}` to the ladder's crossover, or aim at a rung on the "
        f"{current.track} track"
    )


@PLAN.rule("DL401")
def rungs_exist(ctx: PlanContext) -> Iterator[Problem]:
    """The plan's ladder can be read, and its current and goal rungs are on it.

    `ladder.path` (relative to the plan file) must name a ladder file that loads without
    errors, and `current` and `goal` must each name a track of that ladder and a level on which
    the track has a rung. The finding points at the path, or at the rung that is not there.

    Why it matters: a plan towards a rung the ladder does not have cannot be followed, and the
    plan's steps (what the goal asks that the current rung does not) cannot be worked out.

    How to fix: correct the path or the track and level; after a ladder reorganisation, move
    the plan to the rung that replaced the old one.

    ```yaml
    ladder: {path: ../../ladders/acme-robotics-engineering.yaml}
    current: {track: technical, level: L5}
    goal: {track: technical, level: L12}     # DL401: the ladder has no L12
    ```
    """
    if ctx.ladder is None:
        yield Problem(
            ("ladder", "path"),
            f"the plan's ladder {ctx.plan.ladder.path!r} cannot be read: {ctx.ladder_problem}",
        )
        return
    for field, position in (("current", ctx.plan.current), ("goal", ctx.plan.goal)):
        if ctx.rung(position) is not None:
            continue
        track = ctx.ladder.tracks.get(position.track)
        if track is None:
            known = ", ".join(ctx.ladder.tracks)
            yield Problem(
                (field, "track"),
                f"the ladder has no track {position.track!r} (its tracks: {known})",
            )
            continue
        levels = ", ".join(r.level for r in track.rungs) or "none"
        yield Problem(
            (field, "level"),
            f"the {position.track} track has no rung on level {position.level!r} "
            f"(its rungs are on: {levels})",
        )


@PLAN.rule("DL402")
def move_allowed(ctx: PlanContext) -> Iterator[Problem]:
    """The move from the current rung to the goal is one the ladder allows.

    A goal on the same track must stand on a higher level. A goal on another track needs a
    crossover the ladder states, from the current track to the goal's, at a level between the
    current level and the goal level (both included): cross over, then climb, or the reverse.
    The finding names the crossover that is missing.

    Why it matters: a plan promises a path. A move the ladder does not offer (a crossover it
    never states, a step down) sets the person up for a promotion case nobody can approve.

    How to fix: aim at a rung the ladder allows, or add the crossover to the ladder (a change
    that should be reviewed like any other ladder change).

    ```yaml
    current: {track: management, level: L6}
    goal: {track: technical, level: L6}   # DL402 when the ladder has no such crossover
    ```
    """
    if ctx.ladder is None or ctx.current is None or ctx.goal is None:
        return
    ok, why = allowed_move(ctx.ladder, ctx.plan.current, ctx.plan.goal)
    if not ok:
        yield Problem(("goal",), why)


def _covers(ctx: PlanContext) -> set[str]:
    keys = {text_key(w.ask) for w in ctx.plan.waived if w.reason.strip()}
    for step in ctx.plan.steps:
        if step.status != Status.DROPPED:
            keys.update(text_key(text) for text in step.covers)
    return keys


@PLAN.rule("DL403")
def asks_covered(ctx: PlanContext) -> Iterator[Problem]:
    """Everything the goal asks that the current rung does not is covered by a step, or waived
    with a reason.

    What the goal asks is worked out from the ladder: each expectation of the goal rung that
    the current rung does not state, a wider scope, and each new or stronger decision right
    (case and spacing do not matter). A step covers an ask when its `covers` list names it and
    the step is not `dropped`; a `waived` entry needs a reason. `dualladder plan new` writes one
    step for each ask. The finding points at `steps` and names the ask.

    Why it matters: a plan that leaves out what the next rung asks ends in a review where the
    person learns, too late, what was missing.

    How to fix: add a step whose `covers` names the ask, or waive it with a reason both sides
    agree on.

    ```yaml
    steps:
      - {id: S1, what: Lead the storage redesign, covers: [Sets technical direction for a group]}
    waived:
      - {ask: Mentors senior engineers, reason: Done in the current role already}
    ```
    """
    if ctx.ladder is None or ctx.current is None or ctx.goal is None:
        return
    if not allowed_move(ctx.ladder, ctx.plan.current, ctx.plan.goal)[0]:
        return  # DL402: what a move the ladder does not offer asks is beside the point
    covered = _covers(ctx)
    for ask in goal_asks(ctx):
        if text_key(ask.text) not in covered:
            yield Problem(
                ("steps",),
                f"the goal {ctx.plan.goal} asks {ask.kind} {ask.text!r}, which no step covers "
                f"and no waiver explains; add a step with `covers: [{ask.text!r}]` or waive it "
                "with a reason",
            )


@PLAN.rule("DL404")
def steps_complete(ctx: PlanContext) -> Iterator[Problem]:
    """Every step has its own id, an owner and a due date no later than the target date.

    Why it matters: a step nobody owns is done by nobody, and a step due after the target
    date means the target cannot be met; ids let the tracking sheet update the right step.

    How to fix: give the step an `owner` (`employee`, `manager`, or a person's name) and a
    `due` date on or before `target`.

    ```yaml
    target: 2027-06-30
    steps:
      - {id: S1, what: Lead the storage redesign, owner: employee, due: 2027-09-01}  # DL404
    ```
    """
    seen: dict[str, int] = {}
    target = ctx.plan.target
    for index, step in enumerate(ctx.plan.steps):
        loc: Loc = ("steps", index)
        if step.id in seen:
            yield Problem(
                (*loc, "id"),
                f"step id {step.id!r} is used by steps[{seen[step.id]}] too; give each step "
                "its own id",
            )
        else:
            seen[step.id] = index
        if step.owner is None:
            yield Problem(loc, f"step {step.id} has no owner; say who does it")
        if step.due is None:
            yield Problem(loc, f"step {step.id} has no due date")
        elif step.due > target:
            yield Problem(
                (*loc, "due"),
                f"step {step.id} is due {step.due.isoformat()}, after the target date "
                f"{target.isoformat()}",
            )


@PLAN.rule("DL405")
def manager_commits(ctx: PlanContext) -> Iterator[Problem]:
    """The manager commits to at least one thing in support of the plan.

    A commitment counts when its `by` is `manager` (the default) and it is not the
    placeholder that `dualladder plan new` writes for the manager to replace.

    Why it matters: a plan where only the employee has work to do is a to-do list, not a
    shared plan; the manager's part (sponsorship, a project, time, an introduction) is what
    makes the next rung reachable, and writing it down puts it on record.

    How to fix: add what the manager will do under `commitments`.

    ```yaml
    commitments:
      - {what: Puts Ada forward to lead the storage redesign, due: 2026-12-15}
    ```
    """
    if not any(
        c.by == MANAGER and c.what != COMMITMENT_PLACEHOLDER for c in ctx.plan.commitments
    ):
        yield Problem(
            ("commitments",),
            "the plan has no commitment from the manager; add what the manager will do to "
            "support it under `commitments`",
        )


@PLAN.rule("DL408")
def person_named(ctx: PlanContext) -> Iterator[Problem]:
    """The plan names its person: `person.id` is not the placeholder `EMPLOYEE-ID` that
    `dualladder plan new` writes when no `--person` is given.

    Why it matters: a plan is one person's; with the placeholder it cannot be matched to the
    person, their roster row or their review, and a second plan made the same way looks like
    the same person's.

    How to fix: write the person's employee id.

    ```yaml
    person: {id: EMPLOYEE-ID}   # DL408: write the id, such as E1042
    ```
    """
    if ctx.plan.person.id == PERSON_PLACEHOLDER:
        yield Problem(
            ("person", "id"),
            f"the person's id is still the placeholder {PERSON_PLACEHOLDER} that `plan new` "
            "writes; write the person's employee id",
        )


def _dated(ctx: PlanContext) -> Iterator[tuple[Loc, str, date]]:
    plan = ctx.plan
    for index, step in enumerate(plan.steps):
        if step.due is not None:
            yield ("steps", index, "due"), f"step {step.id} due date", step.due
    for index, commitment in enumerate(plan.commitments):
        if commitment.due is not None:
            yield ("commitments", index, "due"), "a commitment's due date", commitment.due
    if plan.signoff is not None:
        for who in ("employee", "manager"):
            signature = getattr(plan.signoff, who)
            if signature is not None:
                yield ("signoff", who, "date"), f"the {who}'s sign-off", signature.date


@PLAN.rule("DL406")
def dates_in_order(ctx: PlanContext) -> Iterator[Problem]:
    """The plan's dates are in order.

    The target date comes after the date the plan was made (`made`); no step, commitment or
    signature is dated before `made`; reviews lie between `made` and `target`, earliest first.

    Why it matters: dates out of order are typing mistakes (2026 for 2027) that make a plan
    look overdue or endless, and a review after the target date comes too late to help.

    How to fix: correct the date the finding points at.

    ```yaml
    made: 2026-11-25
    target: 2026-06-30     # DL406: before the plan was made
    ```
    """
    plan = ctx.plan
    made = plan.made
    if made is not None:
        if plan.target <= made:
            yield Problem(
                ("target",),
                f"the target date {plan.target.isoformat()} is not after the date the plan "
                f"was made, {made.isoformat()}",
            )
        for loc, what, when in _dated(ctx):
            if when < made:
                yield Problem(
                    loc,
                    f"{what}, {when.isoformat()}, is before the plan was made "
                    f"({made.isoformat()})",
                )
    previous: date | None = None
    for index, review in enumerate(plan.reviews):
        loc = ("reviews", index)
        if made is not None and review < made:
            yield Problem(loc, f"review {review.isoformat()} is before the plan was made")
        elif review > plan.target:
            yield Problem(
                loc,
                f"review {review.isoformat()} is after the target date "
                f"{plan.target.isoformat()}; a review should come while there is time to act",
            )
        elif previous is not None and review < previous:
            yield Problem(
                loc, f"review {review.isoformat()} comes before the review listed above it"
            )
        previous = review


def _changes(snapshot: RungSnapshot, rung: Rung, band: Band | None) -> list[str]:
    """What changed on a rung since its snapshot, in words."""
    changes: list[str] = []
    if text_key(snapshot.title) != text_key(rung.title):
        changes.append(f"title {quote(snapshot.title)} is now {quote(rung.title)}")
    then = Rung(
        level=rung.level,
        title=snapshot.title,
        scope=snapshot.scope,
        expectations=list(snapshot.expectations),
        decisions=snapshot.decisions,
    )
    delta = compare_rungs(then, rung)
    changes.extend(f"new expectation {text!r}" for text in delta.expectations_added)
    changes.extend(f"expectation {text!r} removed" for text in delta.expectations_removed)
    if delta.scope != "same":
        was = snapshot.scope.value if snapshot.scope else "none"
        now = rung.scope.value if rung.scope else "none"
        changes.append(f"scope {was} is now {now}")
    changes.extend(f"decision right on {d.domain} {d.kind}" for d in delta.decisions)
    old = snapshot.pay
    if old is not None and band is not None and (old.min, old.max) != (band.min, band.max):
        changes.append(f"pay band {old.min}-{old.max} is now {band.min}-{band.max}")
    elif (old is None) != (band is None):
        changes.append("pay band " + ("removed" if band is None else "added"))
    return changes


@PLAN.rule("DL407")
def ladder_unchanged(ctx: PlanContext) -> Iterator[Problem]:
    """The ladder has not changed since the plan was signed.

    For a signed plan (both signatures), the current and goal rungs as they were at sign-off
    (the `rungs` snapshot that `dualladder plan new` writes) are compared with the ladder as it
    is now: title, expectations, scope, decision rights and pay band. A ladder whose
    `effective` date differs from the plan's `ladder.effective` has changed too. The finding
    names each rung and what changed.

    Why it matters: a plan signed against one version of the ladder may aim at expectations
    that no longer exist, or miss new ones; both people should look again.

    How to fix: review the plan together against the new ladder, update the steps (`dualladder
    plan new` again gives the new snapshot), and sign again.

    ```yaml
    ladder: {path: ../../ladders/acme.yaml, effective: 2026-01-01}   # DL407 when the ladder
    # now says effective: 2027-01-01, or the goal rung's expectations changed
    ```
    """
    plan, ladder = ctx.plan, ctx.ladder
    if ladder is None or plan.signed is None:
        return
    stated = plan.ladder.effective
    if stated is not None and ladder.effective is not None and stated != ladder.effective:
        yield Problem(
            ("ladder", "effective"),
            f"the ladder now takes effect {ladder.effective.isoformat()}; the plan was signed "
            f"against the version of {stated.isoformat()}; review the plan against it",
        )
    if plan.rungs is None:
        return
    for field, snapshot, rung in (
        ("current", plan.rungs.current, ctx.current),
        ("goal", plan.rungs.goal, ctx.goal),
    ):
        if snapshot is None or rung is None:
            continue
        changes = _changes(snapshot, rung, ladder.band(rung))
        if changes:
            position = getattr(plan, field)
            yield Problem(
                ("rungs", field),
                f"the {field} rung {position} changed since the plan was signed "
                f"({plan.signed.isoformat()}): {'; '.join(changes)}",
            )
