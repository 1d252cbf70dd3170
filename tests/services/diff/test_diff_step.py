"""The rung-to-rung comparison (dualladder.diff.compare_rungs): what a higher rung asks that a
lower one does not, and the pay step between them."""

from __future__ import annotations

from decimal import Decimal

from dualladder._internal.model.ladder import Authority, Band, Decision, Ladder, Rung, Scope
from dualladder._internal.model.step import direction, midpoint, percent_change
from dualladder.diff import compare_rungs


def _rung(level: str, **fields: object) -> Rung:
    return Rung.model_validate({"level": level, "title": f"Rung {level}", **fields})


def _d(domain: str, authority: str, scope: str) -> dict[str, str]:
    return {"domain": domain, "authority": authority, "scope": scope}


def test_new_expectations_are_those_the_lower_rung_does_not_state() -> None:
    lower = _rung("L5", expectations=["Writes tests", "Reviews code"])
    higher = _rung("L6", expectations=["reviews   CODE", "Leads design", "Mentors"])
    step = compare_rungs(lower, higher)
    assert step.expectations_added == ("Leads design", "Mentors")
    assert step.expectations_removed == ("Writes tests",)
    assert [a.kind for a in step.asks] == ["expectation", "expectation"]


def test_wider_scope_is_up_and_asked() -> None:
    step = compare_rungs(_rung("L5", scope="team"), _rung("L6", scope="group"))
    assert step.scope == "up"
    assert [a.text for a in step.asks] == ["works at group scope (was team)"]
    back = compare_rungs(_rung("L6", scope="group"), _rung("L5", scope="team"))
    assert back.scope == "down" and back.asks == []


def test_decision_rights_new_stronger_weaker_and_mixed() -> None:
    lower = _rung("L5", decisions=[
        _d("hiring", "recommends", "team"),
        _d("budget", "decides", "group"),
        _d("roadmap", "decides", "organization"),
        _d("strategy", "consulted", "organization"),
        _d("vendor", "decides", "team"),
    ])
    higher = _rung("L6", decisions=[
        _d("hiring", "decides", "team"),            # authority up: stronger
        _d("budget", "decides", "organization"),    # scope up: stronger
        _d("roadmap", "recommends", "company"),     # one up, one down: mixed
        _d("strategy", "consulted", "organization"),  # same: not a change
        _d("architecture", "decides", "group"),     # new
    ])
    step = compare_rungs(lower, higher)
    kinds = {c.domain: c.kind for c in step.decisions}
    assert kinds == {
        "hiring": "stronger", "budget": "stronger", "roadmap": "mixed",
        "architecture": "added", "vendor": "removed",
    }
    assert [c.domain for c in step.new_decisions] == ["architecture"]
    assert [c.domain for c in step.stronger_decisions] == ["hiring", "budget", "roadmap"]
    assert [c.domain for c in step.weaker_decisions] == ["vendor"]
    asks = [a.text for a in step.asks if a.kind == "decision"]
    assert asks == [
        "decides at team on hiring (was recommends at team)",
        "decides at organization on budget (was decides at group)",
        "recommends at company on roadmap (was decides at organization)",
        "decides at group on architecture",
    ]


def test_several_rights_in_one_domain_pair_by_equal_scope_first() -> None:
    lower = _rung("L5", decisions=[_d("hiring", "decides", "team"),
                                   _d("hiring", "consulted", "group")])
    higher = _rung("L6", decisions=[_d("hiring", "decides", "group"),
                                    _d("hiring", "decides", "team")])
    step = compare_rungs(lower, higher)
    assert len(step.decisions) == 1
    change = step.decisions[0]
    assert change.before == Decision(domain="hiring", authority=Authority.CONSULTED,
                                     scope=Scope.GROUP)
    assert change.kind == "stronger" and change.authority == "up" and change.scope == "same"


def test_pay_step_uses_effective_bands_from_the_ladder() -> None:
    ladder = Ladder.model_validate({
        "dualladder": 1, "organization": "O", "family": "F", "currency": "EUR",
        "levels": [
            {"id": "L5", "pay": {"min": 100, "mid": 120, "max": 140}},
            {"id": "L6", "pay": {"min": 130, "mid": 150, "max": 170}},
        ],
        "tracks": {
            "management": {"rungs": []},
            "technical": {"rungs": [
                {"level": "L5", "title": "A"},
                {"level": "L6", "title": "B", "pay": {"min": 140, "mid": 160, "max": 180}},
            ]},
        },
    })
    a, b = ladder.tracks["technical"].rungs
    assert compare_rungs(a, b, ladder=ladder).pay_step == Decimal("33.3")
    assert compare_rungs(a, b).pay_step is None  # A states no band of its own
    assert compare_rungs(b, b, ladder=ladder).pay_step == Decimal("0.0")


def test_no_pay_step_across_currencies() -> None:
    a = _rung("L5", pay={"min": 1, "mid": 2, "max": 3, "currency": "USD"})
    b = _rung("L6", pay={"min": 1, "mid": 3, "max": 3, "currency": "EUR"})
    assert compare_rungs(a, b).pay_step is None
    c = _rung("L6", pay={"min": 1, "mid": 3, "max": 3, "currency": "USD"})
    assert compare_rungs(a, c).pay_step == Decimal("50.0")


def test_equal_rungs_are_the_same() -> None:
    rung = _rung("L5", scope="team", expectations=["x"], decisions=[_d("a", "decides", "team")])
    step = compare_rungs(rung, rung.model_copy())
    assert step.same and step.asks == [] and step.decisions == ()


def test_helpers() -> None:
    assert direction(None, Scope.TEAM) == "up"
    assert direction(Scope.GROUP, None) == "down"
    assert direction(Authority.DECIDES, Authority.CONSULTED) == "down"
    assert percent_change(Decimal(200), Decimal(206)) == Decimal("3.0")
    assert percent_change(Decimal(0), Decimal(1)) is None
    assert midpoint(Band(min=Decimal(10), mid=Decimal(12), max=Decimal(20))) == Decimal(12)
    assert midpoint(None) is None

    class MinMax:  # a band shape with no stated midpoint
        min = Decimal(10)
        max = Decimal(20)
        mid = None

    assert midpoint(MinMax()) == Decimal(15)


def test_exact_matching_for_review() -> None:
    lower = _rung("L5", expectations=["Writes tests"], decisions=[_d("Hiring", "decides", "team")])
    higher = _rung("L5", expectations=["writes  tests"],
                   decisions=[_d("hiring", "decides", "team")])
    assert compare_rungs(lower, higher).same  # the same asks, spelled differently
    exact = compare_rungs(lower, higher, exact=True)
    assert exact.expectations_added == ("writes  tests",)
    assert exact.expectations_removed == ("Writes tests",)
    assert [c.kind for c in exact.decisions] == ["added", "removed"]
