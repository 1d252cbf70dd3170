"""Rules: parity of equivalent rungs (pay, total rewards, influence, seat, currency)."""

from __future__ import annotations

from collections.abc import Iterator

from dualladder._internal.model.ladder import Authority, Band, Decision, Rewards, Rung, Scope
from dualladder._internal.model.money import gap, percent
from dualladder._internal.rules.ladder.registry import Context, Pair, Problem, rule
from dualladder._internal.util.findings import Loc

_BAND_FIELDS = (("min", "minimum"), ("mid", "midpoint"), ("max", "maximum"))


def _own_loc(pair: Pair, *path: str) -> Loc:
    """The most precise node under the non-management rung that exists (its rung at least)."""
    node: object = pair.right
    loc = pair.right_loc
    for part in path:
        node = getattr(node, part, None)
        if node is None:
            break
        loc = (*loc, part)
    return loc


def _one_sided(ctx: Context, pair: Pair, field: str, fix: str) -> Problem:
    """One rung of a pair states ``field`` (rewards, decisions) and the other does not."""
    if getattr(pair.right, field) is None:
        lacking, stating = pair.right, pair.left
    else:
        lacking, stating = pair.left, pair.right
    return Problem(
        _own_loc(pair, field),
        f"{ctx.name(lacking)} states no {field} while {ctx.name(stating)} does; {fix}",
    )


# -- DL103 pay parity ---------------------------------------------------------------------------


@rule("DL103")
def pay_parity(ctx: Context) -> Iterator[Problem]:
    """Equivalent rungs have the same pay band, within `policy.pay_tolerance`.

    For each pair of equivalent rungs (management's and another track's on one level) the
    effective bands (the rung's own `pay`, else its level's) are compared field by field: min,
    mid and max. A field whose relative gap |a - b| / max(a, b) is above `pay_tolerance` fails.
    Each pair gives at most one finding: it names the widest gap first, then the other failing
    fields, and points at that field of the band that is a rung's own (the non-management rung's
    if both are). A pair where one rung has a band and the other has none is a finding too, at
    the rung without one. Pairs paid in different currencies are left to DL204.

    Pay that is *withheld by policy* (`withheld_pay` on the level or the file: equal by the
    organisation's statement, not published) is parity by statement: a pair whose rungs are
    both withheld is never a finding. A rung with a band of its own on such a level publishes
    what its equivalent withholds; that pair is a finding, at the rung with the band.

    Why it matters: pay is the most concrete promise of a dual ladder. If the Staff Engineer's
    band sits below the Engineering Manager's on the same level, the organisation still pays more
    for managing, whatever the ladder says. A band stated for one rung only hides the comparison.

    How to fix: give both rungs the same band (let them inherit the level's `pay`, the simplest
    way to keep them equal), or raise `policy.pay_tolerance` if small gaps are intended.

    ```yaml
    tracks:
      management:
        rungs:
          - level: L6
            title: Engineering Manager
            pay: {min: 165000, mid: 195000, max: 225000}
      technical:
        rungs:
          - level: L6
            title: Staff Engineer
            pay: {min: 150000, mid: 180000, max: 210000}   # DL103: 7.7 % below
    ```
    """
    for pair in ctx.pairs:
        mine, theirs = ctx.band(pair.right), ctx.band(pair.left)
        if mine is theirs:
            continue  # both none, or one band (their level's): no gap (the tolerance is >= 0)
        if mine is None or theirs is None:
            yield _missing_band(ctx, pair, mine, theirs)
        elif ctx.currency(pair.right) == ctx.currency(pair.left):
            yield from _band_gap(ctx, pair, mine, theirs)


def _missing_band(ctx: Context, pair: Pair, mine: Band | None, theirs: Band | None) -> Problem:
    if mine is None:
        assert theirs is not None
        lacking, stating, band, loc = pair.right, pair.left, theirs, pair.right_loc
        stating_loc = pair.left_loc
    else:
        lacking, stating, band, loc = pair.left, pair.right, mine, pair.left_loc
        stating_loc = pair.right_loc
    if ctx.ladder.pay_withheld(lacking):
        return Problem(
            (*stating_loc, "pay"),
            f"{ctx.name(stating)} publishes its band, {ctx.band_text(band)}, while the pay of "
            f"{ctx.name(lacking)} is withheld by policy (equal, not published); publish the band "
            f"for both or withhold it for both",
        )
    return Problem(
        loc,
        f"{ctx.name(lacking)} has no pay band (neither its own nor its level's), while "
        f"{ctx.name(stating)} is paid {ctx.band_text(band)}; state the same band for both",
    )


def _band_gap(ctx: Context, pair: Pair, mine: Band, theirs: Band) -> Iterator[Problem]:
    tolerance = ctx.policy.pay_tolerance
    gaps = [
        (gap(getattr(mine, field), getattr(theirs, field)), field, label)
        for field, label in _BAND_FIELDS
    ]
    failing = sorted((g for g in gaps if g[0] > tolerance), key=lambda item: -item[0])
    if not failing:
        return
    currency = ctx.currency(pair.right)
    parts = [
        f"{label} {ctx.money(getattr(mine, field), currency)} vs "
        f"{ctx.money(getattr(theirs, field), currency)} ({percent(size)})"
        for size, field, label in failing[1:]
    ]
    size, field, label = failing[0]
    also = f" (also {', '.join(parts)})" if parts else ""
    track, index = (
        (pair.right_track, pair.right_index)
        if pair.right.pay is not None
        else (pair.left_track, pair.left_index)
    )
    yield Problem(
        (*ctx.band_loc(track, index), field),
        f"{ctx.name(pair.right)} {label} {ctx.money(getattr(mine, field), currency)} vs "
        f"{ctx.name(pair.left)} {ctx.money(getattr(theirs, field), currency)}: "
        f"{percent(size)} apart, policy allows {percent(tolerance)}{also}; "
        f"give both rungs the same band",
    )


# -- DL104 total rewards ------------------------------------------------------------------------


@rule("DL104")
def rewards_parity(ctx: Context) -> Iterator[Problem]:
    """Equivalent rungs have the same total rewards: bonus target, equity and perks.

    For each pair of equivalent rungs: `bonus_target` must be equal; `equity` equal within
    `policy.pay_tolerance` (relative gap); `perks` the same set (compared case-insensitively,
    ignoring surrounding spaces and order). Each differing field is one finding, at that field of
    the non-management rung's `rewards` (or the nearest node that exists). A field that one rung
    states and the other does not is a difference; a pair where only one rung states `rewards`
    at all gives one finding for the whole block.

    Why it matters: base pay parity is not enough when the manager also gets the bigger bonus,
    the equity grant or the stock options. Historically stock options were a management perk;
    a dual ladder gives them to both tracks alike.

    How to fix: give both rungs the same `rewards` block.

    ```yaml
    tracks:
      management:
        rungs:
          - level: L6
            title: Engineering Manager
            rewards: {bonus_target: 0.12, equity: 70000, perks: [stock options]}
      technical:
        rungs:
          - level: L6
            title: Staff Engineer
            rewards: {bonus_target: 0.10, equity: 70000, perks: []}   # DL104 twice
    ```
    """
    for pair in ctx.pairs:
        mine, theirs = pair.right.rewards, pair.left.rewards
        if mine is None and theirs is None:
            continue
        if mine is None or theirs is None:
            yield _one_sided(
                ctx, pair, "rewards", "give both the same bonus target, equity and perks"
            )
            continue
        for field, message in (
            ("bonus_target", _bonus(ctx, pair, mine, theirs)),
            ("equity", _equity(ctx, pair, mine, theirs)),
            ("perks", _perks(ctx, pair, mine, theirs)),
        ):
            if message is not None:
                yield Problem(_own_loc(pair, "rewards", field), message)


def _bonus(ctx: Context, pair: Pair, mine: Rewards, theirs: Rewards) -> str | None:
    a, b = mine.bonus_target, theirs.bonus_target
    if a == b:
        return None
    shown = [percent(v) if v is not None else "none" for v in (a, b)]
    return (
        f"{ctx.name(pair.right)} bonus target {shown[0]} vs {ctx.name(pair.left)} {shown[1]}; "
        f"set the same bonus target for both"
    )


def _equity(ctx: Context, pair: Pair, mine: Rewards, theirs: Rewards) -> str | None:
    a, b = mine.equity, theirs.equity
    tolerance = ctx.policy.pay_tolerance
    if a is None and b is None:
        return None
    if a is not None and b is not None:
        if gap(a, b) <= tolerance:
            return None
        detail = f": {percent(gap(a, b))} apart, policy allows {percent(tolerance)}"
    else:
        detail = ""
    money = [ctx.money(v, ctx.ladder.currency) if v is not None else "none" for v in (a, b)]
    return (
        f"{ctx.name(pair.right)} equity {money[0]} vs {ctx.name(pair.left)} {money[1]}"
        f"{detail}; grant the same equity to both"
    )


def _perk_set(rewards: Rewards) -> dict[str, str] | None:
    if rewards.perks is None:
        return None
    return {perk.strip().casefold(): perk.strip() for perk in rewards.perks}


def _perks(ctx: Context, pair: Pair, mine: Rewards, theirs: Rewards) -> str | None:
    a, b = _perk_set(mine), _perk_set(theirs)
    if a is None and b is None:
        return None
    if a is None or b is None:
        return (
            f"{ctx.name(pair.right if a is None else pair.left)} lists no perks while "
            f"{ctx.name(pair.left if a is None else pair.right)} does; list the same perks for both"
        )
    if a.keys() == b.keys():
        return None
    parts = []
    if only_theirs := [b[k] for k in b if k not in a]:
        parts.append(f"{ctx.name(pair.right)} lacks {', '.join(only_theirs)}")
    if only_mine := [a[k] for k in a if k not in b]:
        parts.append(f"{ctx.name(pair.left)} lacks {', '.join(only_mine)}")
    return f"perks differ: {'; '.join(parts)}; give both the same perks"


# -- DL105 influence ----------------------------------------------------------------------------


def _widest_decides(rung: Rung) -> Scope | None:
    scopes = [d.scope for d in rung.decisions or [] if d.authority is Authority.DECIDES]
    return max(scopes) if scopes else None


def _side(ctx: Context, pair: Pair, narrower: bool) -> str:
    """``the Technical rung is narrower`` (or broader) than its management equivalent."""
    return (
        f"the {ctx.ladder.track_name(pair.right_track)} rung is "
        f"{'narrower' if narrower else 'broader'} than its "
        f"{ctx.ladder.track_name(pair.left_track)} equivalent"
    )


@rule("DL105")
def influence_parity(ctx: Context) -> Iterator[Problem]:
    """Equivalent rungs have the same breadth of influence; the other track is not narrower.

    For each pair of equivalent rungs: their `scope` must be the same, and so must the widest
    scope at which each holds `authority: decides` in any domain (the domains may differ: the
    manager decides on hiring where the engineer decides on architecture). This rule reports a
    non-management rung that is *narrower* than its management equivalent, and a rung that
    states a `scope` or `decisions` while its equivalent does not; the message says which side
    is narrower. A non-management rung that is *broader* is DL110, so that a policy can treat
    it as a warning. Findings point at the non-management rung's `scope` or `decisions` (or at
    the rung when it lacks the node).

    Why it matters: an equivalent level means an equivalent reach. If the Staff Engineer decides
    only for one team while the manager on the same level decides for a group, the technical rung
    is a level below in all but name.

    How to fix: describe the rungs so their reach matches (a Staff Engineer who owns the group's
    architecture decides at group scope), or move the rung to the level its reach belongs to.

    ```yaml
    tracks:
      management:
        rungs:
          - level: L6
            title: Engineering Manager
            scope: group
            decisions: [{domain: hiring, authority: decides, scope: group}]
      technical:
        rungs:
          - level: L6
            title: Staff Engineer
            scope: team                                                          # DL105
            decisions: [{domain: architecture, authority: decides, scope: team}] # DL105
    ```
    """
    for pair in ctx.pairs:
        for broader, problem in _influence(ctx, pair):
            if not broader:
                yield problem


@rule("DL110")
def technical_broader(ctx: Context) -> Iterator[Problem]:
    """A non-management rung is not broader than its management equivalent.

    The other half of DL105: for each pair of equivalent rungs where both state a `scope` (or
    both state `decisions`), a non-management rung whose `scope`, or whose widest scope of
    `authority: decides`, is *above* its management equivalent's. The finding points at the
    non-management rung's `scope` or its widest `decides`. It is an error by default, like
    DL105; an organisation whose technical leaders are meant to reach further than their
    management peers makes it a warning with `policy.severity: {DL110: warning}`.

    Why it matters: equivalent rungs with different reach are not equivalent, whichever side is
    wider. A Staff Engineer who decides for the whole company while the manager on the same level
    decides for a group is a level above in all but name and pay, which is unfair to the engineer.

    How to fix: move the rung to the level its reach belongs to, or narrow its description; or,
    if the wider reach is intended, lower the severity in `policy`.

    ```yaml
    tracks:
      management:
        rungs:
          - {level: L6, title: Engineering Manager, scope: group}
      technical:
        rungs:
          - {level: L6, title: Staff Engineer, scope: company}   # DL110
    ```
    """
    for pair in ctx.pairs:
        for broader, problem in _influence(ctx, pair):
            if broader:
                yield problem


def _influence(ctx: Context, pair: Pair) -> Iterator[tuple[bool, Problem]]:
    """Every influence difference of a pair, with whether the non-management rung is the
    broader side (DL110) or not (DL105)."""
    yield from _scope_parity(ctx, pair)
    yield from _decides_parity(ctx, pair)


def _scope_parity(ctx: Context, pair: Pair) -> Iterator[tuple[bool, Problem]]:
    mine, theirs = pair.right.scope, pair.left.scope
    if mine == theirs:
        return
    shown = [f"{s} scope" if s is not None else "no scope" for s in (mine, theirs)]
    broader = mine is not None and theirs is not None and mine > theirs
    side = (
        f": {_side(ctx, pair, not broader)}" if mine is not None and theirs is not None else ""
    )
    yield broader, Problem(
        _own_loc(pair, "scope"),
        f"{ctx.name(pair.right)} states {shown[0]} vs {ctx.name(pair.left)} {shown[1]}{side}; "
        f"equivalent rungs work at the same breadth of scope",
    )


def _decides_parity(ctx: Context, pair: Pair) -> Iterator[tuple[bool, Problem]]:
    mine, theirs = pair.right.decisions, pair.left.decisions
    if mine is None and theirs is None:
        return
    if mine is None or theirs is None:
        yield False, _one_sided(ctx, pair, "decisions", "state the decision rights of both")
        return
    a, b = _widest_decides(pair.right), _widest_decides(pair.left)
    if a == b:
        return
    shown = [f"at {s} scope" if s is not None else "nowhere" for s in (a, b)]
    broader = a is not None and (b is None or a > b)
    widest = [i for i, d in enumerate(mine) if d.authority is Authority.DECIDES and d.scope == a]
    yield broader, Problem(
        (*pair.right_loc, "decisions", widest[0]) if widest else _own_loc(pair, "decisions"),
        f"{ctx.name(pair.right)} decides {shown[0]} vs {ctx.name(pair.left)} {shown[1]}: "
        f"{_side(ctx, pair, not broader)}; equivalent rungs decide at the same breadth of scope",
    )


# -- DL106 seat at the table --------------------------------------------------------------------


def _norm(text: str) -> str:
    return text.strip().casefold()


@rule("DL106")
def seat_at_the_table(ctx: Context) -> Iterator[Problem]:
    """Technical leaders take part in strategic decisions as widely as their management peers.

    For each domain D in `policy.seat_at_the_table` (default: `strategy`) and each decision of a
    management rung in D with authority A at scope S, the equivalent rung needs a decision in D
    with authority at least min(A, `recommends`) at a scope of at least S. (Authority is ordered
    `informed < consulted < recommends < decides`; the technical rung need not *decide* where the
    manager does, but it must at least recommend.) Domains are compared case-insensitively. The
    finding points at the technical rung's closest decision in D, else its `decisions`, else the
    rung.

    Why it matters: the influence that counts most is a voice where direction is set. A ladder in
    which only managers are consulted on strategy keeps technical leaders out of the room where
    their expertise is needed most.

    How to fix: give the technical rung at least the stated authority at the stated scope in that
    domain, or remove the domain from `policy.seat_at_the_table` if it is not strategic for you.

    ```yaml
    tracks:
      management:
        rungs:
          - level: L7
            title: Director of Engineering
            decisions: [{domain: strategy, authority: recommends, scope: company}]
      technical:
        rungs:
          - level: L7
            title: Principal Engineer
            decisions: [{domain: strategy, authority: consulted, scope: company}]   # DL106
    ```
    """
    seats = {_norm(domain) for domain in ctx.policy.seat_at_the_table}
    for pair in ctx.pairs:
        for decision in pair.left.decisions or []:
            if _norm(decision.domain) in seats:
                yield from _seat(ctx, pair, decision)


def _seat(ctx: Context, pair: Pair, decision: Decision) -> Iterator[Problem]:
    need = min(decision.authority, Authority.RECOMMENDS)
    domain = _norm(decision.domain)
    own = [
        (d.authority, d.scope, i)
        for i, d in enumerate(pair.right.decisions or [])
        if _norm(d.domain) == domain
    ]
    if any(a >= need and s >= decision.scope for a, s, _ in own):
        return
    if own:
        authority, scope, index = max(own)
        loc: Loc = (*pair.right_loc, "decisions", index)
        has = f"holds only `{authority}` at {scope} scope"
    else:
        loc = _own_loc(pair, "decisions")
        has = f"has no {decision.domain} decision right"
    yield Problem(
        loc,
        f"{ctx.name(pair.left)} holds `{decision.authority}` on {decision.domain} at "
        f"{decision.scope} scope, but {ctx.name(pair.right)} {has}; give it at least "
        f"`{need}` on {decision.domain} at {decision.scope} scope",
    )


# -- DL204 currency -----------------------------------------------------------------------------


@rule("DL204")
def same_currency(ctx: Context) -> Iterator[Problem]:
    """Equivalent rungs are paid in the same currency.

    For each pair of equivalent rungs that both have a band, the currency of each effective band
    (the band's own `currency`, else the file's `currency`) must be the same. A band with a
    currency against one with none at all (no band or file currency) counts as different. The
    finding points at the `currency` of the non-management rung's band if it states one, else at
    the management band's. Pairs in different currencies are not compared by DL103.

    Why it matters: 150,000 EUR and 150,000 USD are not the same pay, and no tolerance makes them
    comparable without an exchange rate the ladder does not state. Pay parity cannot be checked,
    so it cannot be claimed.

    How to fix: state the equivalent rungs' bands in one currency (convert one of them), or split
    the ladder into one file per pay zone.

    ```yaml
    currency: USD
    tracks:
      management:
        rungs:
          - {level: L6, title: Engineering Manager, pay: {min: 150000, mid: 175000, max: 200000}}
      technical:
        rungs:
          - level: L6
            title: Staff Engineer
            pay: {min: 150000, mid: 175000, max: 200000, currency: EUR}   # DL204
    ```
    """
    for pair in ctx.pairs:
        mine, theirs = ctx.band(pair.right), ctx.band(pair.left)
        if mine is None or theirs is None:
            continue
        a, b = ctx.currency(pair.right), ctx.currency(pair.left)
        if a == b:
            continue
        if mine.currency is not None:
            loc = (*ctx.band_loc(pair.right_track, pair.right_index), "currency")
        else:
            loc = (*ctx.band_loc(pair.left_track, pair.left_index), "currency")
        yield Problem(
            loc,
            f"{ctx.name(pair.right)} is paid in {a or 'no stated currency'}, "
            f"{ctx.name(pair.left)} in {b or 'no stated currency'}; pay equivalent rungs in one "
            f"currency so their bands can be compared",
        )

