"""``dualladder plan new``: a plan scaffolded from the ladder.

The scaffold holds a snapshot of both rungs (so a later change of the ladder can be named), one
step for each thing the goal asks that the current rung does not (:func:`goal_asks`), a
placeholder commitment for the manager, and the goal's pay band in the snapshot.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from datetime import date, timedelta

from dualladder._internal.model.ladder import Ladder, Rung
from dualladder._internal.model.lookup import level_id, track_key, unknown_level, unknown_track
from dualladder._internal.model.plan import (
    COMMITMENT_PLACEHOLDER,
    EMPLOYEE,
    PERSON_PLACEHOLDER,
    PLAN_KEY,
    Commitment,
    LadderRef,
    Person,
    Plan,
    Position,
    RungSnapshot,
    Snapshots,
    Step,
)
from dualladder._internal.rules.plan import PlanContext, allowed_move, goal_asks
from dualladder._internal.util.suggest import one_of

__all__ = [
    "PlanError",
    "new_command",
    "new_plan",
    "parse_goal",
    "resolve",
    "snapshot",
    "start_for",
]

class PlanError(ValueError):
    """A plan cannot be made: an unknown rung, or a move the ladder does not allow. The
    message is one line."""


def parse_goal(ladder: Ladder, current: Position, goal: str) -> Position:
    """``next`` (the next rung up the current track) or ``TRACK:LEVEL`` as a position."""
    if goal == "next":
        track = ladder.tracks.get(current.track)
        ids = ladder.level_ids
        if track is None or current.level not in ids:
            raise PlanError(f"the ladder has no rung {current}")
        above = sorted(
            (r for r in track.rungs if r.level in ids and ids.index(r.level) > ids.index(
                current.level)),
            key=lambda r: ids.index(r.level),
        )
        if not above:
            raise PlanError(
                f"{current} is the top of the {current.track} track; name a goal on another "
                "track as TRACK:LEVEL"
            )
        return Position(track=current.track, level=above[0].level)
    # a track key may hold a colon too: the split that names a track of the ladder counts
    splits = [i for i, char in enumerate(goal) if char == ":"]
    at = next((i for i in splits if track_key(ladder, goal[:i]) is not None),
              splits[0] if splits else -1)
    named, level = goal[:at], goal[at + 1 :]
    if at < 0 or not named or not level:
        alone = level_id(ladder, goal)  # a level alone: on the current track?
        example = f"{current.track}:{alone}" if alone else "technical:L6"
        raise PlanError(f"--goal {goal!r}: write `next` or TRACK:LEVEL, e.g. {example}")
    return Position(track=named, level=level)


def resolve(ladder: Ladder, position: Position, track_option: str = "--track",
            level_option: str = "--level") -> Position:
    """``position`` as the ladder spells it: a track by its key or display name, a level by
    its id, case ignored (``Technical``, ``l5``). Raises :class:`PlanError` naming the valid
    tracks or levels and the nearest one (``did you mean 'technical'?``), and the levels of
    the track's rungs for a rung it does not have."""
    key = track_key(ladder, position.track)
    if key is None:
        raise PlanError(f"{track_option}: {unknown_track(ladder, position.track)}")
    level = level_id(ladder, position.level)
    if level is None:
        raise PlanError(f"{level_option}: {unknown_level(ladder, position.level)}")
    if ladder.rung(key, level) is None:
        on = [rung.level for rung in ladder.tracks[key].rungs]
        raise PlanError(
            f"the ladder has no rung {key}:{level}: the {ladder.track_name(key)} track has "
            + (f"rungs on {one_of(on)}" if on else "no rungs")
        )
    return Position(track=key, level=level)


def start_for(ladder: Ladder, goal: Position, order: Sequence[str] = ()) -> Position | None:
    """The rung a plan towards ``goal`` starts from, as the handbook offers it.

    That is the goal track's rung below ``goal`` (a promotion). For the first rung of a track
    it is a rung of another track that the ladder lets cross into it: the highest one from
    which a stated crossover reaches ``goal`` (cross over, then climb), tracks taken in
    ``order`` (then file order) when two are as high. None when no plan leads to ``goal``.
    Linear in the rungs and crossover levels.
    """
    rank = {level_id: n for n, level_id in enumerate(ladder.level_ids)}
    track = ladder.tracks.get(goal.track)
    here = rank.get(goal.level)
    if track is None or here is None:
        return None
    below = [(rank[r.level], r.level) for r in track.rungs if rank.get(r.level, here) < here]
    if below:
        return Position(track=goal.track, level=max(below)[1])
    # the highest level, per track, at which a crossover into the goal's track is stated
    reach: dict[str, int] = {}
    for move in ladder.crossover:
        if move.to != goal.track or move.from_ == goal.track or move.from_ not in ladder.tracks:
            continue
        stated = [rank[lv] for lv in move.levels if rank.get(lv, here + 1) <= here]
        if stated:
            reach[move.from_] = max(reach.get(move.from_, -1), *stated)
    keys = [k for k in order if k in reach] + [k for k in ladder.tracks if k in reach]
    best: tuple[int, int, Position] | None = None
    for number, key in enumerate(dict.fromkeys(keys)):
        for rung in ladder.tracks[key].rungs:
            level = rank.get(rung.level)
            if level is not None and level <= reach[key] and (
                best is None or (level, -number) > best[:2]
            ):
                best = (level, -number, Position(track=key, level=rung.level))
    if best is None or not allowed_move(ladder, best[2], goal)[0]:
        return None
    return best[2]


def new_command(ladder_file: str, start: Position, goal: Position, output: str = "plan.yaml"
                ) -> str:
    """The ``dualladder plan new`` command line from ``start`` to ``goal``, each argument
    quoted for a POSIX shell where it needs it."""
    return shlex.join([
        "dualladder", "plan", "new", ladder_file, "--track", start.track, "--level",
        start.level, "--goal", f"{goal.track}:{goal.level}", "-o", output,
    ])


def snapshot(ladder: Ladder, rung: Rung) -> RungSnapshot:
    """What a rung asks and grants, and its effective band, as the plan records it."""
    return RungSnapshot(
        title=rung.title,
        scope=rung.scope,
        expectations=list(rung.expectations),
        decisions=list(rung.decisions) if rung.decisions is not None else None,
        pay=ladder.band(rung),
    )


def new_plan(
    ladder: Ladder,
    *,
    ladder_path: str,
    current: Position,
    goal: Position,
    person_id: str = PERSON_PLACEHOLDER,
    today: date,
    target: date | None = None,
) -> Plan:
    """A new plan from ``current`` to ``goal`` on ``ladder`` (read from ``ladder_path``,
    written into the plan as given). Raises :class:`PlanError` for a rung the ladder does not
    have or a move it does not allow."""
    target = target if target is not None else today + timedelta(days=365)
    plan = Plan.model_validate(
        {
            PLAN_KEY: 1,
            "person": Person(id=person_id),
            "ladder": LadderRef(path=ladder_path, effective=ladder.effective),
            "current": current,
            "goal": goal,
            "made": today,
            "target": target,
        }
    )
    ctx = PlanContext(plan, ladder)
    for position, rung in ((current, ctx.current), (goal, ctx.goal)):
        if rung is None:
            raise PlanError(f"the ladder has no rung {position}")
    assert ctx.current is not None and ctx.goal is not None
    ok, why = allowed_move(ladder, current, goal)
    if not ok:
        raise PlanError(why)
    steps = [
        Step(id=f"S{number}", what=ask.text, covers=[ask.text], owner=EMPLOYEE, due=target)
        for number, ask in enumerate(goal_asks(ctx), start=1)
    ]
    return plan.model_copy(
        update={
            "rungs": Snapshots(
                current=snapshot(ladder, ctx.current), goal=snapshot(ladder, ctx.goal)
            ),
            "steps": steps,
            "commitments": [Commitment(what=COMMITMENT_PLACEHOLDER)],
        }
    )
