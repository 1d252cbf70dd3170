"""Rules: crossover (sideways moves between the tracks)."""

from __future__ import annotations

from collections.abc import Iterator

from dualladder._internal.model.ladder import MANAGEMENT
from dualladder._internal.rules.ladder.registry import Context, Problem, rule
from dualladder._internal.util.findings import Loc


@rule("DL107")
def crossover(ctx: Context) -> Iterator[Problem]:
    """People can move sideways between management and each other track, both ways.

    When management and another track both have rungs, `crossover` needs at least one entry from
    management to that track and one from that track to management. No entry between them at all
    is one finding; an entry in one direction only is one finding naming the missing direction.
    Which levels a move covers is not checked. The finding points at `crossover` (or at the top of
    the file when there is no `crossover`).

    Why it matters: a dual ladder is only a real choice if the choice can be revisited. Engineers
    who try management must be able to return to the technical track at their level and pay
    without starting over, and managers must be able to go back to hands-on work; a one-way door
    turns a career experiment into a bet.

    How to fix: add the missing direction, at the levels where both tracks have rungs.

    ```yaml
    crossover:   # DL107: technical -> management only; nobody can move back
      - {from: technical, to: management, levels: [L6, L7]}
    ```
    """
    if not ctx.ordered(MANAGEMENT):
        return
    loc: Loc = ("crossover",) if ctx.ladder.crossover else ()
    moves = {(move.from_, move.to) for move in ctx.ladder.crossover}
    for key in ctx.other_tracks:
        if not ctx.ordered(key):
            continue
        down, up = (MANAGEMENT, key) in moves, (key, MANAGEMENT) in moves
        management, other = ctx.track_label(MANAGEMENT), ctx.track_label(key)
        if not down and not up:
            yield Problem(
                loc,
                f"no crossover between {management} and {other}; add a `crossover` entry each "
                f"way ({MANAGEMENT} -> {key} and {key} -> {MANAGEMENT})",
            )
        elif not up or not down:
            source, target = (key, MANAGEMENT) if down else (MANAGEMENT, key)
            yield Problem(
                loc,
                f"crossover between {management} and {other} goes one way only: nothing "
                f"from {source} to {target}; add `{{from: {source}, to: {target}, levels: "
                f"[...]}}`",
            )
