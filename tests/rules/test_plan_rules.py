"""Career plan rules (DL401-DL407) and the scaffold, through the Python API."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from paths import ACME

import dualladder
from dualladder._internal.model.ladder import Ladder
from dualladder._internal.model.plan import Commitment, Plan, Position
from dualladder._internal.model.step import text_key
from dualladder._internal.rules.plan import PLAN, PlanContext, allowed_move, goal_asks
from dualladder._internal.services.plan.scaffold import (
    COMMITMENT_PLACEHOLDER,
    PlanError,
    new_plan,
    parse_goal,
)

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def acme() -> Ladder:
    return dualladder.load(ACME)


def _plan(acme: Ladder, current: str = "technical:L5", goal: str = "technical:L6") -> Plan:
    return _committed(_scaffold(acme, current, goal))


def _scaffold(acme: Ladder, current: str = "technical:L5", goal: str = "technical:L6") -> Plan:
    here = parse_goal(acme, Position(track="technical", level="L5"), current)
    return new_plan(
        acme,
        ladder_path="acme.yaml",
        current=here,
        goal=parse_goal(acme, here, goal),
        person_id="E1042",
        today=TODAY,
        target=date(2027, 9, 30),
    )


def _committed(plan: Plan) -> Plan:
    return plan.model_copy(
        update={"commitments": [Commitment(what="Puts Ada forward for the telemetry review")]}
    )


def _codes(plan: Plan, ladder: Ladder | None) -> list[tuple[str, tuple[Any, ...]]]:
    ctx = PlanContext(plan, ladder, None if ladder is not None else "no such file")
    return [(rule.code, problem.loc) for rule, problem in PLAN.run(ctx, PLAN.rules)]


def test_scaffold_has_one_step_per_ask_and_a_manager_placeholder(acme: Ladder) -> None:
    plan = _scaffold(acme)
    ctx = PlanContext(plan, acme)
    asks = goal_asks(ctx)
    assert asks, "L6 asks more than L5"
    assert [s.covers for s in plan.steps] == [[a.text] for a in asks]
    assert {a.kind for a in asks} >= {"expectation", "scope"}
    assert all(s.owner == "employee" and s.due == plan.target for s in plan.steps)
    assert [c.what for c in plan.commitments] == [COMMITMENT_PLACEHOLDER]
    assert plan.rungs is not None and plan.rungs.goal is not None
    assert plan.rungs.goal.title == "Staff Software Engineer"
    assert plan.rungs.goal.pay == acme.band(acme.tracks["technical"].rungs[3])
    assert plan.ladder.effective == acme.effective


def test_a_fresh_scaffold_only_waits_for_the_managers_commitment(acme: Ladder) -> None:
    assert _codes(_scaffold(acme), acme) == [("DL405", ("commitments",))]
    assert _codes(_plan(acme), acme) == []


def test_goal_next_climbs_the_same_track(acme: Ladder) -> None:
    here = Position(track="technical", level="L5")
    assert parse_goal(acme, here, "next") == Position(track="technical", level="L6")
    top = Position(track="technical", level=acme.tracks["technical"].rungs[-1].level)
    with pytest.raises(PlanError, match="top of the technical track"):
        parse_goal(acme, top, "next")
    with pytest.raises(PlanError, match="TRACK:LEVEL"):
        parse_goal(acme, here, "L6")


def test_dl401_unknown_rung_and_unreadable_ladder(acme: Ladder) -> None:
    plan = _plan(acme).model_copy(update={"goal": Position(track="technical", level="L12")})
    assert ("DL401", ("goal", "level")) in _codes(plan, acme)
    plan = _plan(acme).model_copy(update={"current": Position(track="design", level="L5")})
    assert ("DL401", ("current", "track")) in _codes(plan, acme)


def test_dl401_without_ladder_is_the_only_ladder_finding(acme: Ladder) -> None:
    codes = [code for code, _ in _codes(_plan(acme), None)]
    assert codes == ["DL401"]


def test_dl402_moves(acme: Ladder) -> None:
    down = Position(track="technical", level="L4")
    ok, why = allowed_move(acme, Position(track="technical", level="L5"), down)
    assert not ok and "a move down" in why
    ok, why = allowed_move(acme, Position(track="management", level="L6"),
                           Position(track="technical", level="L6"))
    assert ok and "crossover from management to technical at L6" in why
    # management starts at L5: the crossover into it from L4 is not stated
    ok, why = allowed_move(acme, Position(track="technical", level="L4"),
                           Position(track="management", level="L5"))
    assert ok, why  # L5 is in the span L4..L5 and the ladder states L5
    no_cross = acme.model_copy(update={"crossover": []})
    ok, why = allowed_move(no_cross, Position(track="management", level="L6"),
                           Position(track="technical", level="L6"))
    assert not ok
    assert "{from: management, to: technical, levels: [L6]}" in why
    plan = _plan(acme).model_copy(update={"goal": down})
    assert ("DL402", ("goal",)) in _codes(plan, acme)


def test_dl403_uncovered_ask_unless_waived(acme: Ladder) -> None:
    plan = _plan(acme)
    first, rest = plan.steps[0], plan.steps[1:]
    without = plan.model_copy(update={"steps": rest})
    assert _codes(without, acme) == [("DL403", ("steps",))]
    waived = without.model_copy(
        update={"waived": [dualladder._internal.model.plan.Waiver(ask=first.covers[0].upper(),
                                                        reason="done already")]}
    )
    assert _codes(waived, acme) == []
    dropped = plan.model_copy(
        update={"steps": [first.model_copy(update={"status": "dropped"}), *rest]}
    )
    assert [c for c, _ in _codes(dropped, acme)] == ["DL403"]


def test_dl404_owner_due_and_ids(acme: Ladder) -> None:
    plan = _plan(acme)
    steps = list(plan.steps)
    steps[0] = steps[0].model_copy(update={"owner": None})
    steps[1] = steps[1].model_copy(update={"due": date(2027, 10, 1)})
    steps[2] = steps[2].model_copy(update={"id": steps[0].id, "due": None})
    found = _codes(plan.model_copy(update={"steps": steps}), acme)
    assert found == [
        ("DL404", ("steps", 0)),
        ("DL404", ("steps", 1, "due")),
        ("DL404", ("steps", 2, "id")),
        ("DL404", ("steps", 2)),
    ]


def test_dl405_needs_a_manager_commitment(acme: Ladder) -> None:
    plan = _plan(acme)
    other = plan.commitments[0].model_copy(update={"by": "Grace Hopper"})
    assert _codes(plan.model_copy(update={"commitments": [other]}), acme) == [
        ("DL405", ("commitments",))
    ]


def test_dl406_dates_in_order(acme: Ladder) -> None:
    plan = _plan(acme).model_copy(
        update={"reviews": [date(2027, 3, 1), date(2027, 1, 1), date(2027, 12, 1),
                            date(2026, 1, 1)]}
    )
    assert _codes(plan, acme) == [
        ("DL406", ("reviews", 1)),
        ("DL406", ("reviews", 2)),
        ("DL406", ("reviews", 3)),
    ]
    late = _plan(acme).model_copy(update={"target": date(2026, 1, 1)})
    codes = _codes(late, acme)
    assert ("DL406", ("target",)) in codes


def _signed(plan: Plan) -> Plan:
    return plan.model_copy(
        update={
            "signoff": dualladder._internal.model.plan.Signoff(
                employee=dualladder._internal.model.plan.Signature(date=date(2026, 11, 30)),
                manager=dualladder._internal.model.plan.Signature(date=date(2026, 12, 1)),
            )
        }
    )


def test_dl407_names_what_changed_on_the_goal_rung(acme: Ladder) -> None:
    plan = _signed(_plan(acme))
    assert plan.signed == date(2026, 12, 1)
    assert _codes(plan, acme) == []
    data = acme.model_dump(by_alias=True)
    goal = data["tracks"]["technical"]["rungs"][3]
    goal["title"] = "Staff Engineer"
    goal["expectations"].append("Writes the quarterly architecture review")
    changed = Ladder.model_validate(data)
    ctx = PlanContext(plan, changed)
    problems = [p for rule, p in PLAN.run(ctx, PLAN.rules)]
    # the new expectation is also an ask no step covers yet (DL403)
    assert [p.loc for p in problems] == [("steps",), ("rungs", "goal")]
    assert "'Staff Software Engineer' is now 'Staff Engineer'" in problems[1].message
    assert "Writes the quarterly architecture review" in problems[1].message
    # not signed: no warning
    assert _codes(_plan(acme), changed) == [("DL403", ("steps",))]


def test_dl407_effective_date(acme: Ladder) -> None:
    plan = _signed(_plan(acme))
    later = acme.model_copy(update={"effective": date(2027, 1, 1)})
    assert _codes(plan, later) == [("DL407", ("ladder", "effective"))]


def test_scaffold_refuses_what_the_ladder_does_not_allow(acme: Ladder) -> None:
    with pytest.raises(PlanError, match="move down"):
        _plan(acme, goal="technical:L4")
    with pytest.raises(PlanError, match="no rung technical:L12"):
        _plan(acme, goal="technical:L12")


def test_crossover_plan_asks_what_the_other_track_asks(acme: Ladder) -> None:
    here = Position(track="management", level="L6")
    goal = Position(track="technical", level="L6")
    plan = new_plan(acme, ladder_path="acme.yaml", current=here, goal=goal, today=TODAY)
    asks = {text_key(a) for s in plan.steps for a in s.covers}
    staff = acme.tracks["technical"].rungs[3]
    assert {text_key(e) for e in staff.expectations} <= asks
