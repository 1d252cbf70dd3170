"""Property: random edits of a ladder, saved with dualladder.save, and the diff of the old file
against the saved one lists exactly those edits, each once, as the change it is."""

from __future__ import annotations

import copy
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import ACME, EXAMPLES, ROOT

import dualladder
from dualladder._internal.model.ladder import Authority, Ladder, Scope
from dualladder.diff import diff_ladders

LADDERS = sorted((ROOT / "ladders").glob("*.yaml"))

Key = tuple[str, Any, str]

edits = st.lists(
    st.tuples(
        st.sampled_from(["band", "title", "code", "scope", "expectation+", "expectation-",
                         "authority", "bonus", "equity", "perk", "level-name"]),
        st.integers(0, 10_000),
        st.integers(1, 30),
    ),
    min_size=1,
    max_size=6,
)


def _scaled(value: Decimal, percent: int) -> Decimal:
    return (value * (100 + percent) / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _apply(ladder: Ladder, kind: str, pick: int, amount: int, serial: int) -> Key | None:
    """Make one edit through validated assignment; the change the diff must report for it
    (None for an edit that changes nothing)."""
    rungs = list(ladder.rungs())
    track, _, rung = rungs[pick % len(rungs)]
    where = (track, rung.level)
    if kind == "band":
        owners: list[Any] = [lv for lv in ladder.levels if lv.pay is not None]
        owners += [r for _, _, r in rungs if r.pay is not None]
        owner = owners[pick % len(owners)]
        band = owner.pay
        owner.pay = band.model_copy(update={"min": _scaled(band.min, amount),
                                            "mid": _scaled(band.mid, amount),
                                            "max": _scaled(band.max, amount)})
        if hasattr(owner, "id"):
            return ("level.pay", owner.id, "pay")
        return ("rung.pay", (_track_of(ladder, owner), owner.level), "pay")
    if kind == "level-name":
        level = ladder.levels[pick % len(ladder.levels)]
        level.name = f"Grade {serial}"
        return ("level.renamed", level.id, "name")
    if kind == "title":
        rung.title = f"Renamed Rung {serial}"
        return ("rung.title", where, "title")
    if kind == "code":
        rung.code = f"NEW-{serial}"
        return ("rung.code", where, "code")
    if kind == "scope":
        scopes = list(Scope)
        new = scopes[(scopes.index(rung.scope) + 1) % len(scopes)] if rung.scope else Scope.TEAM
        rung.scope = new
        return ("rung.scope", where, "scope")
    if kind == "expectation+":
        text = f"Added expectation {serial}"
        rung.expectations = [*rung.expectations, text]
        return ("rung.expectations", where, text)
    if kind == "expectation-":
        if not rung.expectations:
            return None
        text = rung.expectations[pick % len(rung.expectations)]
        rung.expectations = [e for e in rung.expectations if e != text]
        return ("rung.expectations", where, text)
    if kind == "authority":
        if not rung.decisions:
            return None
        decisions = [d.model_copy() for d in rung.decisions]
        index = pick % len(decisions)
        levels = list(Authority)
        decision = decisions[index]
        if sum(1 for d in decisions if d.domain == decision.domain) > 1:
            return None  # several rights in one domain: which pairs with which is a guess
        decision.authority = levels[(levels.index(decision.authority) + 1) % len(levels)]
        rung.decisions = decisions
        return ("rung.decisions", where, decision.domain)
    rewards = rung.rewards
    if rewards is None:
        return None
    if kind == "bonus":
        if rewards.bonus_target is None:
            return None
        rewards.bonus_target = rewards.bonus_target + Decimal(amount) / 100
        return ("rung.rewards", where, "bonus_target")
    if kind == "equity":
        if rewards.equity is None:
            return None
        rewards.equity = rewards.equity + amount * 1000
        return ("rung.rewards", where, "equity")
    if rewards.perks is None:
        return None
    text = f"perk {serial}"
    rewards.perks = [*rewards.perks, text]
    return ("rung.rewards", where, text)


def _track_of(ladder: Ladder, rung: Any) -> str:
    return next(key for key, _, r in ladder.rungs() if r is rung)


def _reported(change: Any) -> Key:
    if change.kind.startswith("level."):
        return (change.kind, change.subject.removeprefix("level "), change.loc[-1])
    if change.kind in ("rung.expectations",):
        return (change.kind, change.rung, change.new or change.old)
    if change.kind == "rung.decisions":
        return (change.kind, change.rung, change.details["domain"])
    if change.kind == "rung.rewards":
        last = change.loc[-1]
        return (change.kind, change.rung, change.new if last == "perks" else last)
    return (change.kind, change.rung, change.loc[-1])


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data(), changes=edits)
def test_diff_of_a_saved_edit_lists_exactly_the_edits(
    tmp_path_factory: Any, data: st.DataObject, changes: list[tuple[str, int, int]]
) -> None:
    path = data.draw(st.sampled_from(LADDERS), label="ladder")
    folder = tmp_path_factory.mktemp("save")
    target = folder / path.name
    target.write_bytes(path.read_bytes())
    old = dualladder.load(target)
    ladder = dualladder.load(target)
    expected: set[Key] = set()
    for serial, (kind, pick, amount) in enumerate(changes):
        before = copy.deepcopy(ladder)
        key = _apply(ladder, kind, pick, amount, serial)
        if key is not None and ladder != before:
            expected.add(key)
    # an expectation added and removed again, or a value set back, is no change at all
    dualladder.save(ladder, target)
    new = dualladder.load(target)
    assert new == ladder
    reported = [_reported(c) for c in diff_ladders(old, new)]
    assert len(reported) == len(set(reported)), reported  # each edit once
    net = {k for k in expected if _still_differs(k, old, new)}
    assert set(reported) == net


def _still_differs(key: Key, old: Ladder, new: Ladder) -> bool:
    """Whether the field an edit touched differs between the old file and the saved one (later
    edits may undo earlier ones)."""
    kind, where, detail = key
    if kind.startswith("level."):
        a, b = old.level(where), new.level(where)
        return getattr(a, detail) != getattr(b, detail)
    track, level = where
    a = next(r for r in old.tracks[track].rungs if r.level == level)
    b = next(r for r in new.tracks[track].rungs if r.level == level)
    if kind == "rung.expectations":
        return (detail in a.expectations) != (detail in b.expectations)
    if kind == "rung.decisions":
        return [d for d in a.decisions or [] if d.domain == detail] != [
            d for d in b.decisions or [] if d.domain == detail]
    if kind == "rung.rewards":
        if detail in ("bonus_target", "equity"):
            return bool(getattr(a.rewards, detail) != getattr(b.rewards, detail))
        return (detail in (a.rewards.perks or [])) != (detail in (b.rewards.perks or []))
    return getattr(a, detail) != getattr(b, detail)


def test_dualladder_diff_of_the_market_adjustment_example(
    tmp_path: Any, capsys: Any
) -> None:
    """examples/market_adjustment.py raises every band 3 % and saves; `dualladder diff` of the
    file before and after lists one pay change per band, each about +3 %, and nothing else."""
    import subprocess
    import sys

    from dualladder.cli import main

    source = ACME
    target = tmp_path / source.name
    target.write_bytes(source.read_bytes())
    subprocess.run([sys.executable, str(EXAMPLES / "market_adjustment.py"),
                    str(target), "3", "--step", "500"], check=True, capture_output=True)
    old = dualladder.load(source)
    bands = sum(lv.pay is not None for lv in old.levels) + sum(
        r.pay is not None for _, _, r in old.rungs())
    assert main(["diff", str(source), str(target), "--format", "json"]) == 0
    import json

    [item] = json.loads(capsys.readouterr().out)["files"]
    kinds = [c["kind"] for c in item["changes"]]
    assert kinds == ["level.pay"] * sum(lv.pay is not None for lv in old.levels) + [
        "rung.pay"] * (bands - sum(lv.pay is not None for lv in old.levels))
    for change in item["changes"]:
        for figures in change["details"]["fields"].values():
            assert Decimal("2.5") <= Decimal(figures["percent"]) <= Decimal("3.5")
    assert not item["findings"]["introduced"] and not item["findings"]["resolved"]
