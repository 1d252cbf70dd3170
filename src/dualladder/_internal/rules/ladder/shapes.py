"""Rules: the shapes some ladders take (no shared level, roles above the ladder, grades in use,
the fork, one role with and without reports)."""

from __future__ import annotations

from collections.abc import Iterator

from dualladder._internal.model.ladder import MANAGEMENT, TECHNICAL, Rung
from dualladder._internal.rules.ladder.registry import Context, Problem, rule
from dualladder._internal.util.textsafe import cut


def _span(ctx: Context, key: str) -> str:
    """``Analyst (G18) to Lead Analyst (G22)``: a track's lowest and highest rung."""
    rungs = ctx.ordered(key)
    low, high = rungs[0][1], rungs[-1][1]
    return ctx.name(low) if low is high else f"{ctx.name(low)} to {ctx.name(high)}"


@rule("DL111")
def shared_level(ctx: Context) -> Iterator[Problem]:
    """Management and each other track share at least one level.

    When management and another track both have rungs, at least one level must hold a rung of
    each. Without one, no rung has an equivalent: pay, rewards, influence and crossover cannot be
    compared at all, and every equivalence rule passes for want of a pair. The finding points at
    the other track.

    Why it matters: two ladders that never meet are two separate career paths, not a dual ladder.
    A technical track on grades 18 to 22 and a management track on 24 to 27 says that the
    technical track ends where management begins.

    How to fix: put equivalent rungs on shared levels (the technical track continues up beside
    management), or, if the two really are one path, make them one track.

    ```yaml
    tracks:
      management:
        rungs: [{level: G24, title: Branch Chief}, {level: G26, title: Division Director}]
      technical:
        rungs: [{level: G18, title: Analyst}, {level: G22, title: Senior Analyst}]   # DL111
    ```
    """
    management = ctx.by_level(MANAGEMENT)
    if not management:
        return
    for key in ctx.other_tracks:
        own = ctx.by_level(key)
        if own and not own.keys() & management.keys():
            yield Problem(
                ("tracks", key),
                f"{ctx.track_label(key)} ({_span(ctx, key)}) and "
                f"{ctx.track_label(MANAGEMENT)} ({_span(ctx, MANAGEMENT)}) share no level, so "
                f"no rung has an equivalent and nothing can be compared; put equivalent rungs "
                f"on shared levels",
            )


@rule("DL112")
def open_roles(ctx: Context) -> Iterator[Problem]:
    """A role above the ladder is open to every track.

    A role in `above_ladder` (a CTO, a Chief Architect) stands above the levels and is reached
    from the top of the tracks; it is no track's ceiling (DL101 does not count it). Left out,
    `open_to` means every track. A role whose `open_to` leaves out a track that has rungs is one
    finding, at its `open_to`.

    Why it matters: a role above the ladder that only managers can reach is the top of the
    management track under another name: the technical track is capped below it again.

    How to fix: open the role to every track (leave `open_to` out), or, if it really belongs to
    one track, make it that track's top rung and give the other tracks a rung beside it.

    ```yaml
    above_ladder:
      - title: Chief Technology Officer
        open_to: [management]          # DL112: not open to the technical track
    ```
    """
    tracks = [key for key, track in ctx.ladder.tracks.items() if track.rungs]
    for index, role in enumerate(ctx.ladder.above_ladder):
        if role.open_to is None:
            continue
        closed = [key for key in tracks if key not in role.open_to]
        if closed:
            names = " and ".join(ctx.track_label(key) for key in closed)
            yield Problem(
                ("above_ladder", index, "open_to"),
                f"{cut(role.title)} (above the ladder) is not open to {names}; a role above the "
                f"ladder that one track cannot reach caps that track: open it to every track "
                f"(leave `open_to` out)",
            )


@rule("DL113")
def levels_in_use(ctx: Context) -> Iterator[Problem]:
    """A rung stands on a level its track uses.

    A track that lists `levels_in_use` (the grades it uses where skipping grades is normal) may
    have rungs on those levels only. A rung on another level is one finding, at its `level`.

    Why it matters: `levels_in_use` tells DL102 which skipped levels are normal; a rung outside
    the list means the list is out of date, and gaps would be judged against the wrong grades.

    How to fix: add the level to the track's `levels_in_use`, or move the rung.

    ```yaml
    tracks:
      technical:
        levels_in_use: [G18, G20, G22]
        rungs:
          - {level: G18, title: Analyst}
          - {level: G21, title: Senior Analyst}   # DL113: G21 is not in use
    ```
    """
    for key, track in ctx.ladder.tracks.items():
        if track.levels_in_use is None:
            continue
        in_use = set(track.levels_in_use)
        for index, rung in enumerate(track.rungs):
            if rung.level not in in_use:
                yield Problem(
                    (*ctx.rung_loc(key, index), "level"),
                    f"{ctx.name(rung)} stands on {rung.level}, which {ctx.track_label(key)} "
                    f"does not list in `levels_in_use` ({', '.join(track.levels_in_use)}); add "
                    f"it there or move the rung",
                )


def _trunk(ctx: Context) -> str | None:
    """The track that starts lowest (technical on a tie): the shared track below the fork."""
    starts = [(ctx.rank(rungs[0][1]), key) for key in ctx.ladder.tracks
              if (rungs := ctx.ordered(key))]
    if not starts:
        return None
    low = min(rank for rank, _ in starts)
    lowest = [key for rank, key in starts if rank == low]
    return TECHNICAL if TECHNICAL in lowest else lowest[0]


@rule("DL114")
def fork(ctx: Context) -> Iterator[Problem]:
    """The tracks fork at the level `fork` names.

    `fork` names the level where the tracks part: below it people are on one shared track (the
    track that starts lowest, usually the technical one, called the trunk here), and from it up
    every other track has rungs. A rung of another track below the fork, or another track whose
    lowest rung is above the fork, is one finding, at that rung. Without `fork` nothing is
    checked (a management track starting above the technical entry level is normal).

    Why it matters: the fork is where people choose; pages show it. If management has rungs
    below it, or starts two levels above it, the choice the ladder describes is not the one it
    offers.

    How to fix: correct `fork`, or move the rungs that contradict it.

    ```yaml
    fork: L5
    tracks:
      management:
        rungs:
          - {level: L6, title: Engineering Manager}   # DL114: management starts above L5
    ```
    """
    level_id = ctx.ladder.fork
    if level_id is None or level_id not in ctx.level_rank:
        return
    at = ctx.level_rank[level_id]
    trunk = _trunk(ctx)
    for key in ctx.ladder.tracks:
        rungs = ctx.ordered(key)
        if key == trunk or not rungs:
            continue
        below = [(i, r) for i, r in rungs if ctx.rank(r) < at]
        for index, rung in below:
            yield Problem(
                ctx.rung_loc(key, index),
                f"{ctx.name(rung)} on {ctx.track_label(key)} stands below the fork at "
                f"{level_id}, where people are still on {ctx.track_label(trunk or key)}; move "
                f"it to {level_id} or above, or correct `fork`",
            )
        index, lowest = rungs[0]
        if ctx.rank(lowest) > at:
            yield Problem(
                ctx.rung_loc(key, index),
                f"{ctx.track_label(key)} starts at {ctx.name(lowest)}, above the fork at "
                f"{level_id}; add a rung on {level_id} or correct `fork`",
            )


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


@rule("DL115")
def one_role(ctx: Context) -> Iterator[Problem]:
    """Rungs that share a `role` stand on one level, each on its own track.

    `role` says that rungs are one job with and without reports: a "lead developer" and a
    "lead developer - management" who differ in skills, not in scope. Such rungs are one level's
    rungs on different tracks. A rung whose `role` an earlier rung (in file order) of another
    level, or of the same track, already names is one finding, at its `role`. Roles are compared
    case-insensitively.

    Why it matters: the same role on two levels would pay the same job differently depending on
    whether it has reports, which is exactly what a dual ladder rules out.

    How to fix: move the rungs to one level, or give them different roles.

    ```yaml
    tracks:
      management:
        rungs: [{level: L6, title: Lead Developer - Management, role: lead developer}]
      technical:
        rungs: [{level: L7, title: Lead Developer, role: lead developer}]   # DL115
    ```
    """
    first: dict[str, tuple[str, Rung]] = {}
    for key, index, rung in ctx.ladder.rungs():
        if rung.role is None:
            continue
        seen = first.setdefault(_norm(rung.role), (key, rung))
        if seen[1] is rung:
            continue
        other_key, other = seen
        if other.level != rung.level:
            why = f"which stands on {other.level}"
        elif other_key == key:
            why = "on the same track"
        else:
            continue
        yield Problem(
            (*ctx.rung_loc(key, index), "role"),
            f"{ctx.name(rung)} shares the role {rung.role!r} with {ctx.name(other)}, {why}; "
            f"the variants of one role stand on one level, on different tracks",
        )


@rule("DL116")
def same_words(ctx: Context) -> Iterator[Problem]:
    """Equivalent rungs described in the same words are declared one `role`.

    For each pair of equivalent rungs that do not share a `role`: the same `summary`, or the
    same non-empty set of `expectations` (compared case-insensitively, ignoring spaces and
    order), is one finding, at the non-management rung.

    Why it matters: two rungs described in the same words are the same job; the only difference
    the ladder can show is who has reports. Saying so (`role`) lets the pages present them as one
    role with and without reports, instead of two jobs that look copied.

    How to fix: give both rungs the same `role`, or describe what really differs between them.

    ```yaml
    tracks:
      management:
        rungs:
          - {level: L6, title: Lead Developer - Management, summary: Leads the team's delivery.}
      technical:
        rungs:
          - {level: L6, title: Lead Developer, summary: Leads the team's delivery.}   # DL116
    ```
    """
    for pair in ctx.pairs:
        left, right = pair.left, pair.right
        if left.role is not None and _norm(left.role) == _norm(right.role):
            continue
        same_summary = left.summary is not None and _norm(left.summary) == _norm(right.summary)
        mine = {_norm(e) for e in right.expectations}
        same_expectations = bool(mine) and mine == {_norm(e) for e in left.expectations}
        if same_summary or same_expectations:
            what = "summary" if same_summary else "expectations"
            yield Problem(
                pair.right_loc,
                f"{ctx.name(right)} and {ctx.name(left)} have the same {what}; if they are one "
                f"role with and without reports, give both the same `role`",
            )
