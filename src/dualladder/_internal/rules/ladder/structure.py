"""Rules: structure (the ceiling and gaps of the ladder)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from dualladder._internal.model.ladder import MANAGEMENT
from dualladder._internal.rules.ladder.registry import Context, Problem, rule


@rule("DL101")
def ceiling(ctx: Context) -> Iterator[Problem]:
    """Every track other than management reaches as high as management does.

    The highest rung of each non-management track (by the position of its level in `levels`)
    must stand on the same level as management's highest rung, or above it. A track with no
    rungs at all, while management has some, tops out below management too. The finding points
    at that track's top rung (or at the track when it has none).

    Why it matters: a dual ladder promises that deep technical work can take a person as far as
    leading people does. When the technical track stops at L7 and management goes on to L9, the
    best engineers learn that the only way up is to stop engineering, and the ladder is not dual.

    How to fix: add technical rungs up to management's top level (a Principal or Distinguished
    Engineer next to the Director, a Fellow next to the VP), or remove the management rungs that
    have no technical equivalent from this job family.

    ```yaml
    tracks:
      management:
        rungs:
          - {level: L6, title: Engineering Manager}
          - {level: L7, title: Director of Engineering}
      technical:
        rungs:
          - {level: L6, title: Staff Engineer}   # DL101: management reaches L7
    ```
    """
    management = ctx.ordered(MANAGEMENT)
    if not management:
        return
    top = management[-1][1]
    for key in ctx.other_tracks:
        rungs = ctx.ordered(key)
        if not rungs:
            yield Problem(
                ("tracks", key),
                f"{ctx.track_label(key)} has no rungs, while {ctx.track_label(MANAGEMENT)} "
                f"reaches {ctx.name(top)}; add rungs up to level {top.level}",
            )
            continue
        index, own = rungs[-1]
        if ctx.rank(own) < ctx.rank(top):
            missing = ctx.ladder.level_ids[ctx.rank(own) + 1 : ctx.rank(top) + 1]
            yield Problem(
                ctx.rung_loc(key, index),
                f"{ctx.track_label(key)} tops out at {ctx.name(own)}, below "
                f"{ctx.track_label(MANAGEMENT)}, which reaches {ctx.name(top)}; "
                f"add rungs on {', '.join(missing)}",
            )


@rule("DL102")
def gaps(ctx: Context) -> Iterator[Problem]:
    """No track skips a level between its own lowest and highest rung.

    The catalog asks for two things: within the shared span (from the lowest level on which
    management and the other track both have a rung to the top of the lower track) every level
    that one track has, the other has too; and no track skips a level. Every missing level
    inside the shared span lies between the lowest and the highest rung of the track that lacks
    it, so both come down to one check: each level between a track's lowest and highest rung has
    a rung of that track. Each missing level is one finding, at the track's first rung above the
    hole; the message names the rung that the compared track has on that level, if any.
    Management starting above the technical entry level is not a gap, and a track that stops
    below the other is DL101. Where skipping grades is normal (professionals on grades 18, 20,
    22), a track lists the grades it uses in `levels_in_use`, and only those count: a level the
    track does not use is never a gap of that track.

    Why it matters: equivalence is rung by rung. A level that one track lacks leaves the people on
    the other track without an equivalent (no crossover, no pay comparison), and a skipped level
    makes one promotion on that track worth two.

    How to fix: add the missing rung, or, if the level is truly not used in this job family, take
    it out of `levels` and renumber.

    ```yaml
    tracks:
      management:
        rungs:
          - {level: L5, title: Engineering Manager}
          - {level: L6, title: Senior Engineering Manager}
          - {level: L7, title: Director of Engineering}
      technical:
        rungs:
          - {level: L5, title: Senior Engineer}
          - {level: L7, title: Principal Engineer}   # DL102: no technical rung on L6
    ```
    """
    ids = ctx.ladder.level_ids
    for key, track in ctx.ladder.tracks.items():
        compared = ctx.other_tracks if key == MANAGEMENT else [MANAGEMENT]
        rungs = ctx.ordered(key)
        in_use = set(track.levels_in_use) if track.levels_in_use is not None else None
        for (_, low), (index, high) in pairwise(rungs):
            for level_id in ids[ctx.rank(low) + 1 : ctx.rank(high)]:
                if in_use is not None and level_id not in in_use:
                    continue  # a grade this track does not use: skipping it is normal
                there = [
                    ctx.name(found[1])
                    for other in compared
                    if (found := ctx.by_level(other).get(level_id)) is not None
                ]
                verb = "stands" if len(there) == 1 else "stand"
                where = f", where {' and '.join(there)} {verb}" if there else ""
                yield Problem(
                    ctx.rung_loc(key, index),
                    f"{ctx.track_label(key)} skips level {level_id} between {ctx.name(low)} "
                    f"and {ctx.name(high)}{where}; add a rung on {level_id}",
                )
