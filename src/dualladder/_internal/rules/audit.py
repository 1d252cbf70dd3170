"""The audit rules (DL304-DL312): registered functions over an :class:`AuditContext`.

Each rule is registered by its catalog code in :data:`AUDIT`; its docstring is its
documentation (``docs/rules.md`` is generated from it, like the ladder rules'). A rule yields
problems about a person (a roster row: the finding points at ``roster.csv:line:column``) or
about a rung (the finding points at the rung in the ladder file). Each problem names the ladder
whose ``policy`` may ignore the rule or change its severity.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from dualladder._internal.model.figures import percent as _percent
from dualladder._internal.model.ladder import MANAGEMENT, Ladder, format_amount
from dualladder._internal.model.stats import median
from dualladder._internal.rules.audit_context import AuditContext, Rung
from dualladder._internal.util.findings import Loc
from dualladder._internal.util.registry import Registry

__all__ = ["AUDIT", "AuditProblem", "LadderProblem", "PersonProblem"]


@dataclass(frozen=True, slots=True)
class PersonProblem:
    """A problem about one person: their row index in the roster and the column it is about."""

    ladder: Ladder | None
    index: int
    column: str
    message: str


@dataclass(frozen=True, slots=True)
class LadderProblem:
    """A problem about a group of people, pointed at a node of the ladder file."""

    ladder: Ladder
    loc: Loc
    message: str
    groups: tuple[str, ...] = ()
    """The groups of people whose counts the message tells (for ``--publish``)."""
    statistics: tuple[str, ...] = ()
    """The groups a statistic of the message (a mean, a median, a share) is taken over: a
    published report shows the finding only where each holds at least the threshold."""


AuditProblem = PersonProblem | LadderProblem

#: The audit rules (DL304-DL312).
AUDIT: Registry[AuditContext, AuditProblem] = Registry("audit")


_ONE = Decimal(1)


def percent(value: Decimal, *beside: Decimal) -> str:
    """A figure of a message (``7.7 %``), never printed on or across the thresholds
    ``beside`` it is compared with (see :mod:`dualladder._internal.model.figures`)."""
    return _percent(value, beside=beside, short=True)


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


def _relative(a: Decimal, b: Decimal) -> Decimal:
    top = max(a, b)
    return abs(a - b) / top if top else Decimal(0)


# -- people -------------------------------------------------------------------------------------


def _left_out(ctx: AuditContext, code: str) -> Iterator[AuditProblem]:
    """The people the reading left out for ``code`` (DL304, DL305), one finding each, at the
    roster cell that placed them nowhere."""
    for problem, people, ladder in ctx.unplaced:
        if problem.code != code:
            continue
        for index in people:
            yield PersonProblem(ladder, index, problem.column,
                                problem.message + (" The" if problem.message.endswith("?")
                                                   else "; the")
                                + " person is left out of the audit")


@AUDIT.rule("DL304")
def unknown_rung(ctx: AuditContext) -> Iterator[AuditProblem]:
    """A person stands on a rung the ladder does not have: their `family` is not one of the
    ladders audited, their `track` is not a track of the ladder, their `level` is not one of
    its levels, or the track has no rung on that level. Tracks and levels are matched exactly
    first, then without case (a track also by its display name). The person is left out of the
    audit. The finding points at the roster cell.

    Why it matters: pay can only be compared with the band of a rung, and people who stand
    nowhere on the ladder are not covered by its promise of equal pay for equal levels; an
    export that uses other level names than the ladder would otherwise silently audit nobody.

    How to fix: correct the cell in the HR system, or the ladder if it lacks a rung that
    people really hold (a technical rung on L9 that three people are on). Contractors or roles
    the ladder does not cover on purpose can be left out with `policy: {ignore: [DL304]}`.

    ```yaml
    # ladder: levels L4-L7; the technical track starts at L4
    # roster.csv
    # employee_id,track,level,base_pay
    # E1001,technical,L8,190000      <- DL304: level 'L8' is not a level of the ladder
    # E1002,management,L4,110000     <- DL304: management has no rung on level L4
    ```
    """
    return _left_out(ctx, "DL304")


@AUDIT.rule("DL305")
def zone_or_currency(ctx: AuditContext) -> Iterator[AuditProblem]:
    """A person's pay cannot be compared with their band: their `zone` is not a pay zone of
    the ladder's company (a standalone ladder has no zones), or their `currency` is not the
    currency their band is paid in (the zone's, else the band's, else the ladder's). The
    person is left out of the audit. The finding points at the roster cell.

    Why it matters: 80,000 in GBP is not 80,000 in EUR, and a London band is not a Lisbon
    band; comparing across them would make every statistic meaningless.

    How to fix: correct the zone or currency in the HR system, or add the zone to the company
    file. Pay in another currency than the band is converted before it is exported.

    ```yaml
    # company.yaml: zones [us, uk]; the uk zone pays in GBP
    # roster.csv
    # employee_id,track,level,base_pay,zone,currency
    # E1001,technical,L5,92000,de,EUR    <- DL305: zone 'de' is not a pay zone
    # E1002,technical,L5,92000,uk,EUR    <- DL305: the uk band is paid in GBP
    ```
    """
    return _left_out(ctx, "DL305")


def _circles(ctx: AuditContext, *, above: bool) -> Iterator[AuditProblem]:
    """The people paid outside their band on one side (below its minimum, or ``above`` its
    maximum), at their ``base_pay`` cell, with how far outside as a share of that limit. Every
    number of the message is of the person's own band: their zone's, in its currency."""
    for rung in ctx.rungs.values():
        where = "above the band maximum" if above else "below the band minimum"
        for index, pay, position in (rung.above if above else rung.below):
            band = position.band
            assert band is not None  # only people with a band are outside it
            limit = band.max if above else band.min
            unit = f" {position.currency}" if position.currency else ""
            zone = f" in zone {position.zone}" if position.zone else ""
            yield PersonProblem(
                position.ladder, index, "base_pay",
                f"full-time-equivalent base pay is {percent(abs(pay - limit) / limit)} {where} "
                f"of {position.name}{zone}, {format_amount(limit)}{unit}")


@AUDIT.rule("DL306")
def green_circle(ctx: AuditContext) -> Iterator[AuditProblem]:
    """A person is paid below the minimum of their band (a *green circle*): their
    full-time-equivalent base pay (`base_pay / fte`) is below the band's `min`, in their pay
    zone. The finding points at the person's `base_pay` cell and says by how much, as a
    percentage of the minimum.

    Why it matters: the band's minimum is what the organisation says the job is worth at the
    least. People below it are underpaid by the organisation's own measure, and if they
    cluster on one track or among women, the ladder's equal bands are equal on paper only.

    How to fix: raise the person's pay to the band minimum, or, if they are really still
    learning the job, place them on the level below until they are promoted.

    ```yaml
    levels:
      - id: L5
        pay: {min: 120000, mid: 140000, max: 160000}
    # roster.csv: E1001,technical,L5,112000  <- DL306: 6.7 % below the band minimum
    ```
    """
    return _circles(ctx, above=False)


@AUDIT.rule("DL307")
def red_circle(ctx: AuditContext) -> Iterator[AuditProblem]:
    """A person is paid above the maximum of their band (a *red circle*): their
    full-time-equivalent base pay (`base_pay / fte`) is above the band's `max`, in their pay
    zone. The finding points at the person's `base_pay` cell and says by how much.

    Why it matters: pay above the maximum is pay the ladder does not explain. It is often a
    person who should have been promoted, or a past exception; either way it is where unequal
    pay for equal work hides, and it should be a known, reviewed case.

    How to fix: promote the person if their work is that of the next level; otherwise freeze
    their base pay until the band catches up, and record the reason.

    ```yaml
    levels:
      - id: L5
        pay: {min: 120000, mid: 140000, max: 160000}
    # roster.csv: E1001,management,L5,171000  <- DL307: 6.9 % above the band maximum
    ```
    """
    return _circles(ctx, above=True)


# -- tracks ---------------------------------------------------------------------------------------


def _sorted_median(values: Sequence[Decimal]) -> Decimal:
    found = median(values)
    assert found is not None
    return found


def _level_pairs(ctx: AuditContext) -> Iterator[tuple[Ladder, str, Rung, Rung]]:
    """On each level of each ladder: the management rung and another track's rung, where both
    have people (the parity rules compare them)."""
    for ladder, _track, management, others in ctx.management_and_others():
        for level in ladder.level_ids:
            left, right = management.get(level), others.get(level)
            if left is not None and right is not None:
                yield ladder, level, left, right


@AUDIT.rule("DL308")
def parity_in_practice(ctx: AuditContext) -> Iterator[AuditProblem]:
    """Parity in practice: on a level, the median compa-ratio of the people on one track
    differs from that of the people on the management track by more than the tolerance
    (default 5 %, `--tolerance`), as a relative gap |a - b| / max(a, b). The compa-ratio of a
    person is their full-time-equivalent base pay divided by their band's midpoint (in their
    zone). Where one of the two rungs has no band (pay withheld by policy, or none stated),
    the median full-time-equivalent base pay is compared instead, when both rungs are paid in
    one currency. The finding points at the rung whose people are paid less.

    Why it matters: equal bands mean little if technical staff sit at the bottom of their band
    while managers sit at the top. This is the ladder's promise of equal pay, measured on the
    people who hold the jobs.

    How to fix: look at how pay is set and raised on the lower track (starting offers, raise
    budgets, who gets promoted within the band) and correct it; where the difference has an
    objective reason (a rung staffed mostly by people new to the level), record it.

    ```yaml
    # L6: the median compa-ratio of Staff Engineer is 0.91, of Senior Engineering
    # Manager 1.04: 12.5 % apart -> DL308 on Staff Engineer (L6)
    policy:
      severity: {DL308: error}   # make it fail the audit
    ```
    """
    tolerance = ctx.options.tolerance
    for ladder, level, left, right in _level_pairs(ctx):
        a, b = left.position, right.position
        if left.compa_sorted() and right.compa_sorted():
            ma, mb = _sorted_median(left.compa_sorted()), _sorted_median(right.compa_sorted())
            what = "median compa-ratio"
            shown = [f"{v.quantize(Decimal('0.01')):f}" for v in (ma, mb)]
        elif (a.band is None or b.band is None) and left.currencies == right.currencies \
                and len(left.currencies) == 1:
            ma, mb = _sorted_median(left.fte_base()), _sorted_median(right.fte_base())
            why = "pay withheld by policy" if (a.withheld or b.withheld) else "no band"
            what = f"median full-time-equivalent base pay ({why})"
            unit = next(iter(left.currencies))
            shown = [f"{format_amount(v.quantize(_ONE))} {unit}".strip() for v in (ma, mb)]
        else:
            continue
        apart = _relative(ma, mb)
        if apart <= tolerance:
            continue
        lower = b if mb < ma else a
        tail = (f"{percent(apart, tolerance)} apart, more than the {percent(tolerance)} "
                f"tolerance; the people of {lower.name} are paid less in practice")
        if ctx.collected is not None:  # published: a median may be one person's pay
            yield LadderProblem(ladder, lower.loc, (
                f"on level {level}, the {what}s of {b.name} and of {a.name} are {tail}"),
                statistics=(_key(left), _key(right)))
            continue
        yield LadderProblem(ladder, lower.loc, (
            f"on level {level}, the {what} of {b.name} is {shown[1]} "
            f"({_people(len(right.people))}) and of {a.name} {shown[0]} "
            f"({_people(len(left.people))}): {tail}"), (_key(left), _key(right)))


@AUDIT.rule("DL309")
def ceiling_in_practice(ctx: AuditContext) -> Iterator[AuditProblem]:
    """Ceiling in practice: one track has nobody at or above a level where the other track
    (management, or a track compared with it) has people, although the ladder gives the first
    track rungs that high. The finding points at the first rung above the track's highest
    person, and counts the people of the other track at or above that level.

    Why it matters: a technical track that reaches Fellow on paper but where nobody has ever
    been promoted past Senior is a ceiling all the same; engineers see it, and the best of
    them move into management or leave.

    How to fix: look at who is promoted and why; give the upper technical rungs real openings,
    sponsors and promotion criteria that people can meet.

    ```yaml
    # ladder: technical rungs up to L8; roster: technical people up to L6 only,
    # management people on L7 and L8 -> DL309 on Principal Engineer (L7)
    policy:
      ignore: [DL309]   # e.g. for a new ladder whose upper rungs are not staffed yet
    ```
    """
    for ladder, track, management, others in ctx.management_and_others():
        yield from _ceiling(ctx, ladder, MANAGEMENT, track, management, others)
        yield from _ceiling(ctx, ladder, track, MANAGEMENT, others, management)


def _key(rung: Rung) -> str:
    """The group key of a rung's people (as the report registers it)."""
    p = rung.position
    return f"rung:{p.family}/{p.track}/{p.level}"


def _ceiling(ctx: AuditContext, ladder: Ladder, high: str, low: str,
             high_rungs: dict[str, Rung], low_rungs: dict[str, Rung]
             ) -> Iterator[AuditProblem]:
    ranks = {lid: i for i, lid in enumerate(ladder.level_ids)}
    top_high = max((ranks[lvl] for lvl in high_rungs), default=-1)
    top_low = max((ranks[lvl] for lvl in low_rungs), default=-1)
    if top_low < 0 or top_high <= top_low:
        return  # a track with nobody on it at all is not a ceiling
    on_paper = sorted((ranks.get(r.level, -1), i) for i, r in enumerate(ladder.tracks[low].rungs)
                      if ranks.get(r.level, -1) > top_low)
    if not on_paper:
        return  # the ladder itself stops there (DL101's business)
    above = sorted((ranks[lvl], lvl) for lvl in high_rungs if ranks[lvl] > top_low)
    level = above[0][1]
    count = sum(len(high_rungs[lvl].people) for _, lvl in above)
    index = on_paper[0][1]
    rung = ladder.tracks[low].rungs[index]
    reached = f"its highest person is on level {ladder.level_ids[top_low]}"
    group = f"ceiling:{ladder.family}/{high}/{level}"
    if ctx.collected is not None:
        ctx.collected.groups[group] = [p for _, lvl in above for p in high_rungs[lvl].people]
    yield LadderProblem(ladder, ("tracks", low, "rungs", index), (
        f"nobody on the {ladder.track_name(low)} track is on level {level} or above "
        f"({reached}), where the {ladder.track_name(high)} track has {_people(count)}; "
        f"the ladder offers {rung.title} "
        f"({rung.level}), but in practice nobody holds it"), (group,))


@AUDIT.rule("DL312")
def unequal_access(ctx: AuditContext) -> Iterator[AuditProblem]:
    """Unequal access to variable pay or equity: on a level, the share of people who received
    variable pay (`variable_pay` above 0), or equity (`equity` above 0), on one track differs
    from the share on the management track by more than the tolerance (default 5 percentage
    points, `--tolerance`). The finding points at the rung whose people receive it less often.

    Why it matters: a ladder can promise the same bonus target and equity to equivalent rungs
    (DL104) while in practice only managers are given them. Total rewards are part of pay.

    How to fix: check how bonus and equity are granted on the two tracks (who nominates, who
    decides, which criteria) and make the technical track's access match.

    ```yaml
    # L6: 18 of 20 Senior Engineering Managers received a bonus, 9 of 30 Staff Engineers
    # (90 % vs 30 %) -> DL312 on Staff Engineer (L6)
    policy:
      severity: {DL312: error}
    ```
    """
    tolerance = ctx.options.tolerance
    for ladder, level, left, right in _level_pairs(ctx):
        a, b = left.position, right.position
        for what, la, rb in (("variable pay", len(left.variable), len(right.variable)),
                             ("equity", len(left.equity), len(right.equity))):
            if not la and not rb:
                continue
            sa, sb = Decimal(la) / len(left.people), Decimal(rb) / len(right.people)
            if abs(sa - sb) <= tolerance:
                continue
            lower = b if sb < sa else a
            part = "variable" if what == "variable pay" else "equity"
            if ctx.collected is not None:  # published: shares only, of groups large enough
                yield LadderProblem(ladder, lower.loc, (
                    f"on level {level}, the shares of {b.name} and of {a.name} who received "
                    f"{what} are {percent(abs(sa - sb), tolerance)} apart, more than the "
                    f"{percent(tolerance)} tolerance"),
                    (_key(left), _key(right), *(f"{_key(r)}/{part}" for r in (left, right))),
                    (_key(left), _key(right)))
                continue
            yield LadderProblem(ladder, lower.loc, (
                f"on level {level}, {percent(sb)} of {b.name} received {what} ({rb} of "
                f"{len(right.people)}) and {percent(sa)} of {a.name} ({la} of "
                f"{len(left.people)}): {percent(abs(sa - sb), tolerance)} apart, more than the "
                f"{percent(tolerance)} tolerance"),
                tuple(f"{_key(r)}/{p}" for r in (left, right) for p in (part, f"no-{part}")))


# -- categories of workers -----------------------------------------------------------------------


def _gap(ctx: AuditContext, which: str) -> Iterator[AuditProblem]:
    threshold = ctx.options.gap_threshold
    for category, currency, anchor in ctx.categories:
        ind = category.indicators
        value = ind.basic_mean_gap if which == "basic pay" else ind.variable_mean_gap
        if anchor is None or value is None or abs(value) < threshold:
            continue
        if value > 0:  # men paid more: women's mean is the gap below men's
            lower, higher, below = "women", "men", value
        else:  # women paid more: men's mean below women's, relative to women's
            lower, higher, below = "men", "women", -value / (1 - value)
        where = f"level {category.level}"
        if category.family:
            where += f" of {category.family}"
        elif len(ctx.scale.ladders) > 1:
            where += " across job families"
        unit = f" paid in {currency}" if currency else ""
        who = f" (women {ind.people.women}, men {ind.people.men})"
        if ctx.collected is not None:  # published: the counts may be hidden, the gap not
            who = ""
        yield LadderProblem(anchor.ladder, anchor.loc, (
            f"in the category {where}{unit}{who}, the mean full-time-equivalent {which} of "
            f"{lower} is {percent(below, threshold)} below that of {higher} (pay gap "
            f"{'-' if value < 0 else ''}{percent(abs(value), threshold)}), at or above the "
            f"{percent(threshold)} at which the pay-transparency directive asks for a joint "
            "pay assessment, unless objective, gender-neutral criteria justify it"),
            () if ctx.collected is not None else (f"{ind.key}/F", f"{ind.key}/M"),
            (f"{ind.key}/F", f"{ind.key}/M"))


@AUDIT.rule("DL310")
def gap_basic(ctx: AuditContext) -> Iterator[AuditProblem]:
    """A pay gap in a category of workers, in basic pay: the mean full-time-equivalent base
    pay of women and of men in a category differs by the threshold or more (default 5 %,
    `--gap-threshold`). A category of workers is a level across its tracks (on a company's
    shared scale, across job families too), in one currency: the ladder is the
    organisation's own statement that this work is of equal value. The gap is
    (mean of men - mean of women) / mean of men, the definition of Directive (EU) 2023/970;
    a gap of either sign is reported. The finding points at a rung of the level (management's
    where it has people).

    Why it matters: under Art. 10 of the Directive, a category whose average pay differs
    between women and men by 5 % or more, not justified by objective, gender-neutral criteria
    and not remedied within six months, calls for a joint pay assessment with the workers'
    representatives. The audit shows it before the report is due.

    How to fix: find the cause (placement within the band, starting pay, raises, part-time
    work) and correct it, or record the objective, gender-neutral criteria that justify it.

    ```yaml
    # level L6, 12 women, 19 men: mean basic pay of women 4.3 % below that of men -> fine;
    # level L7, 6 women, 14 men: 7.9 % -> DL310
    policy:
      severity: {DL310: warning}
    ```
    """
    yield from _gap(ctx, "basic pay")


@AUDIT.rule("DL311")
def gap_variable(ctx: AuditContext) -> Iterator[AuditProblem]:
    """A pay gap in a category of workers, in variable pay: like DL310, for the mean
    full-time-equivalent variable pay (`variable_pay / fte`, bonus and other variable
    components), counted over every worker of the category (0 for those who received none),
    so that unequal access and unequal amounts both show.

    Why it matters: Art. 9(1)(g) of the Directive splits the gap of each category into basic
    pay and variable components; bonuses are where discretion, and so bias, is largest.

    How to fix: check who is nominated for variable pay and how amounts are set; correct the
    gap, or record the objective, gender-neutral criteria behind it.

    ```yaml
    # level L5: mean variable pay of women 3,100, of men 5,200: 40.4 % -> DL311
    policy:
      ignore: [DL311]   # e.g. where no variable pay exists and the column is empty
    ```
    """
    yield from _gap(ctx, "variable pay")

