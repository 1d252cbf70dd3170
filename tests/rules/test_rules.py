"""The equivalence rules DL101-DL204 through the Python API: ladders built in Python and read
from YAML text, policy handling, messages, rule documentation and a hypothesis property."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from paths import DATA, ROOT, SMALL
from strategies import ladders

import dualladder
from dualladder._internal.model.ladder import Ladder
from dualladder._internal.util.catalog import CATALOG, LOAD_CODES, READ_CODES
from dualladder._internal.util.findings import Report
from dualladder.rules import check
from dualladder.rules.docs import registries, rule_doc

EXAMPLES = sorted((ROOT / "ladders").glob("*.yaml"))


# -- a small clean ladder, as data ------------------------------------------------------------


def _rung(
    level: str,
    title: str,
    scope: str,
    bonus: str,
    equity: int,
    perks: list[str],
    decisions: list[tuple[str, str, str]],
) -> dict[str, Any]:
    return {
        "level": level,
        "title": title,
        "scope": scope,
        "rewards": {"bonus_target": bonus, "equity": equity, "perks": perks},
        "decisions": [{"domain": d, "authority": a, "scope": s} for d, a, s in decisions],
    }


_BASE: dict[str, Any] = {
    "dualladder": 1,
    "organization": "Example Co",
    "family": "Engineering",
    "currency": "USD",
    "levels": [
        {"id": "L4", "pay": {"min": 100000, "mid": 120000, "max": 140000}},
        {"id": "L5", "pay": {"min": 120000, "mid": 140000, "max": 160000}},
        {"id": "L6", "pay": {"min": 145000, "mid": 170000, "max": 195000}},
        {"id": "L7", "pay": {"min": 175000, "mid": 205000, "max": 235000}},
    ],
    "tracks": {
        "management": {
            "rungs": [
                _rung("L5", "Engineering Manager", "team", "0.10", 20000, ["stock options"],
                      [("hiring", "decides", "team"), ("strategy", "consulted", "group")]),
                _rung("L6", "Senior Engineering Manager", "group", "0.12", 40000,
                      ["stock options"],
                      [("hiring", "decides", "group"),
                       ("strategy", "consulted", "organization")]),
                _rung("L7", "Director of Engineering", "organization", "0.15", 80000,
                      ["stock options", "health plan"],
                      [("budget", "decides", "organization"),
                       ("strategy", "decides", "organization")]),
            ]
        },
        "technical": {
            "rungs": [
                _rung("L4", "Software Engineer", "team", "0.08", 10000, ["stock options"],
                      [("implementation", "decides", "team")]),
                _rung("L5", "Senior Software Engineer", "team", "0.10", 20000, ["stock options"],
                      [("design", "decides", "team"), ("strategy", "consulted", "group")]),
                _rung("L6", "Staff Engineer", "group", "0.12", 40000, ["stock options"],
                      [("architecture", "decides", "group"),
                       ("strategy", "consulted", "organization")]),
                _rung("L7", "Principal Engineer", "organization", "0.15", 80000,
                      ["Health Plan", "stock options"],
                      [("architecture", "decides", "organization"),
                       ("strategy", "recommends", "organization")]),
            ]
        },
    },
    "crossover": [
        {"from": "technical", "to": "management", "levels": ["L5", "L6", "L7"]},
        {"from": "management", "to": "technical", "levels": ["L5", "L6", "L7"]},
    ],
}


def base() -> dict[str, Any]:
    return copy.deepcopy(_BASE)


def rung(data: dict[str, Any], track: str, level: str) -> dict[str, Any]:
    found: dict[str, Any] = next(r for r in data["tracks"][track]["rungs"] if r["level"] == level)
    return found


def drop(data: dict[str, Any], track: str, level: str) -> None:
    rungs = data["tracks"][track]["rungs"]
    rungs.remove(rung(data, track, level))


def run(data: dict[str, Any], **kwargs: Any) -> Report:
    return check(Ladder.model_validate(data), **kwargs)


def codes(data: dict[str, Any]) -> list[str]:
    return run(data).codes


def only(data: dict[str, Any], code: str) -> list[str]:
    """The messages of ``code``, asserting that no other rule fires."""
    report = run(data)
    assert set(report.codes) <= {code}, [str(f) for f in report]
    return [f.message for f in report]


def test_base_ladder_is_clean_built_in_python() -> None:
    assert codes(base()) == []


def test_base_ladder_is_clean_read_from_yaml() -> None:
    ladder = dualladder.loads(dualladder.dumps(Ladder.model_validate(base())))
    assert check(ladder).codes == []


def test_the_positive_base_file_matches_the_python_base() -> None:
    loaded = dualladder.load(SMALL)
    assert loaded == Ladder.model_validate(base())


# -- DL101 ceiling ----------------------------------------------------------------------------


def test_dl101_technical_track_below_management() -> None:
    data = base()
    drop(data, "technical", "L7")
    [message] = only(data, "DL101")
    assert "Staff Engineer (L6)" in message and "Director of Engineering (L7)" in message
    finding = run(data).findings[0]
    assert finding.path == "tracks.technical.rungs[2]"


def test_dl101_empty_technical_track() -> None:
    data = base()
    data["tracks"]["technical"]["rungs"] = []
    [message] = only(data, "DL101")
    assert "has no rungs" in message
    assert run(data).findings[0].path == "tracks.technical"


def test_dl101_technical_above_management_is_fine() -> None:
    data = base()
    drop(data, "management", "L7")
    data["crossover"] = [{**move, "levels": ["L5", "L6"]} for move in data["crossover"]]
    assert codes(data) == []


def test_dl101_every_other_track_is_compared_with_management() -> None:
    data = base()
    data["tracks"]["research"] = {
        "rungs": [_rung("L5", "Researcher", "team", "0.10", 20000, ["stock options"], [])]
    }
    report = run(data, select=["DL101"])
    assert [f.path for f in report] == ["tracks.research.rungs[0]"]


def test_dl101_loads_reports_the_line_of_the_top_rung() -> None:
    text = (DATA / "negative" / "DL101.yaml").read_text()
    report = check(dualladder.loads(text, "ladder.yaml"))
    assert report.codes == ["DL101"]
    line = text.splitlines()[report.findings[0].line - 1]
    assert "level: L6" in line


# -- DL102 gaps -------------------------------------------------------------------------------


def test_dl102_technical_skips_a_level_once() -> None:
    data = base()
    drop(data, "technical", "L6")
    [message] = only(data, "DL102")
    assert "skips level L6" in message
    assert "Senior Engineering Manager (L6)" in message  # the rung the other track has there


def test_dl102_management_skips_a_level() -> None:
    data = base()
    drop(data, "management", "L6")
    [message] = only(data, "DL102")
    assert "Management" in message and "Staff Engineer (L6)" in message
    assert run(data).findings[0].path == "tracks.management.rungs[1]"


def test_dl102_management_starting_above_technical_entry_is_not_a_gap() -> None:
    data = base()
    drop(data, "management", "L5")
    data["crossover"] = [{**move, "levels": ["L6", "L7"]} for move in data["crossover"]]
    assert codes(data) == []


def test_dl102_each_missing_level_is_one_finding() -> None:
    data = base()
    data["levels"][2:2] = [{"id": "L5a"}, {"id": "L5b"}]
    report = run(data, select=["DL102"])
    # both tracks skip both new levels
    assert report.codes == ["DL102"] * 4


# -- DL103 pay parity -------------------------------------------------------------------------


def _own_band(data: dict[str, Any], track: str, level: str, mid: int, **extra: Any) -> None:
    rung(data, track, level)["pay"] = {"min": 145000, "mid": mid, "max": 195000, **extra}


def test_dl103_midpoint_gap() -> None:
    data = base()
    _own_band(data, "technical", "L6", 160000)
    [message] = only(data, "DL103")
    assert message.startswith(
        "Staff Engineer (L6) midpoint 160,000 USD vs Senior Engineering Manager (L6) "
        "170,000 USD: 5.9 % apart, policy allows 0 %"
    )
    assert run(data).findings[0].path == "tracks.technical.rungs[2].pay.mid"


def test_dl103_points_at_the_management_band_when_only_it_is_own() -> None:
    data = base()
    _own_band(data, "management", "L6", 160000)
    report = run(data, select=["DL103"])
    assert [f.path for f in report] == ["tracks.management.rungs[1].pay.mid"]


def test_dl103_names_the_widest_gap_first_and_the_others_too() -> None:
    data = base()
    rung(data, "technical", "L6")["pay"] = {"min": 140000, "mid": 160000, "max": 195000}
    [finding] = run(data, select=["DL103"]).findings
    assert finding.path.endswith("pay.mid")
    assert "also minimum 140,000 USD vs 145,000 USD (3.4 %)" in finding.message


@pytest.mark.parametrize(("mid", "fails"), [(166600, False), (159800, True)])
def test_dl103_pay_tolerance(mid: int, fails: bool) -> None:
    # 170,000 vs 166,600 is 2 % apart; vs 159,800 it is 6 %
    data = base()
    data["policy"] = {"pay_tolerance": "0.05"}
    _own_band(data, "technical", "L6", mid)
    assert run(data, select=["DL103"]).codes == (["DL103"] if fails else [])


def test_dl103_band_stated_on_one_side_only() -> None:
    data = base()
    del data["levels"][2]["pay"]
    rung(data, "management", "L6")["pay"] = {"min": 145000, "mid": 170000, "max": 195000}
    [message] = only(data, "DL103")
    assert "Staff Engineer (L6) has no pay band" in message
    assert "145,000-195,000 USD" in message


def test_dl103_is_silent_where_currencies_differ() -> None:
    data = base()
    _own_band(data, "technical", "L6", 150000, currency="EUR")
    assert run(data).codes == ["DL204"]


# -- DL104 total rewards ----------------------------------------------------------------------


def test_dl104_bonus_target() -> None:
    data = base()
    rung(data, "technical", "L6")["rewards"]["bonus_target"] = "0.10"
    [message] = only(data, "DL104")
    assert "bonus target 10 %" in message and "12 %" in message
    assert run(data).findings[0].path == "tracks.technical.rungs[2].rewards.bonus_target"


def test_dl104_equity_within_tolerance() -> None:
    data = base()
    data["policy"] = {"pay_tolerance": "0.05"}
    rung(data, "technical", "L6")["rewards"]["equity"] = 39000  # 2.5 % below
    assert codes(data) == []
    rung(data, "technical", "L6")["rewards"]["equity"] = 37000  # 7.5 % below
    [message] = only(data, "DL104")
    assert "37,000 USD" in message and "40,000 USD" in message and "7.5 %" in message


def test_dl104_perks_compare_as_sets_ignoring_case_and_spaces() -> None:
    data = base()
    rung(data, "technical", "L7")["rewards"]["perks"] = [" STOCK options", "health Plan "]
    assert codes(data) == []
    rung(data, "technical", "L7")["rewards"]["perks"] = ["health plan"]
    [message] = only(data, "DL104")
    assert "Principal Engineer (L7) lacks stock options" in message


def test_dl104_field_stated_on_one_side_only() -> None:
    data = base()
    del rung(data, "management", "L6")["rewards"]["equity"]
    [message] = only(data, "DL104")
    assert "equity 40,000 USD vs Senior Engineering Manager (L6) none" in message


def test_dl104_rewards_stated_on_one_side_only() -> None:
    data = base()
    del rung(data, "technical", "L6")["rewards"]
    [message] = only(data, "DL104")
    assert "Staff Engineer (L6) states no rewards" in message
    assert run(data).findings[0].path == "tracks.technical.rungs[2]"


# -- DL105 influence --------------------------------------------------------------------------


def test_dl105_scope() -> None:
    data = base()
    rung(data, "technical", "L6")["scope"] = "team"
    [message] = only(data, "DL105")
    assert "team scope" in message and "group scope" in message
    assert run(data).findings[0].path == "tracks.technical.rungs[2].scope"


def test_dl105_scope_on_one_side_only() -> None:
    data = base()
    del rung(data, "technical", "L6")["scope"]
    [message] = only(data, "DL105")
    assert "no scope" in message


def test_dl105_widest_decides() -> None:
    data = base()
    rung(data, "technical", "L6")["decisions"][0]["scope"] = "team"
    [message] = only(data, "DL105")
    assert "decides at team scope" in message and "at group scope" in message
    assert run(data).findings[0].path == "tracks.technical.rungs[2].decisions[0]"


def test_dl105_decides_nowhere() -> None:
    data = base()
    rung(data, "technical", "L6")["decisions"][0]["authority"] = "recommends"
    assert run(data, select=["DL105"]).codes == ["DL105"]
    assert "decides nowhere" in run(data, select=["DL105"]).findings[0].message


def test_dl105_decisions_on_one_side_only() -> None:
    data = base()
    del rung(data, "technical", "L4")["decisions"]  # no pair on L4: fine
    assert codes(data) == []
    del rung(data, "management", "L5")["decisions"]
    report = run(data, select=["DL105"])
    assert [f.path for f in report] == ["tracks.technical.rungs[1].decisions"]
    assert "Engineering Manager (L5) states no decisions" in report.findings[0].message


# -- DL106 seat at the table ------------------------------------------------------------------


def test_dl106_scope_too_narrow() -> None:
    data = base()
    rung(data, "technical", "L7")["decisions"][1]["scope"] = "group"
    [message] = only(data, "DL106")
    assert "Director of Engineering (L7) holds `decides` on strategy" in message
    assert "at least `recommends`" in message
    assert run(data).findings[0].path == "tracks.technical.rungs[3].decisions[1]"


def test_dl106_recommends_is_enough_where_management_decides() -> None:
    assert run(base(), select=["DL106"]).codes == []


def test_dl106_authority_too_low() -> None:
    data = base()
    rung(data, "technical", "L6")["decisions"][1]["authority"] = "informed"
    [message] = only(data, "DL106")
    assert "at least `consulted`" in message


def test_dl106_missing_domain_and_case_insensitive_domains() -> None:
    data = base()
    rung(data, "technical", "L6")["decisions"][1]["domain"] = " Strategy"
    assert codes(data) == []
    del rung(data, "technical", "L6")["decisions"][1]
    [message] = only(data, "DL106")
    assert "has no strategy decision right" in message


def test_dl106_custom_seat_domains() -> None:
    data = base()
    data["policy"] = {"seat_at_the_table": ["strategy", "budget"]}
    # the Director decides the budget; the Principal Engineer has no say in it
    report = run(data)
    assert report.codes == ["DL106"]
    assert "budget" in report.findings[0].message
    data["policy"] = {"seat_at_the_table": []}
    rung(data, "technical", "L7")["decisions"][1]["scope"] = "team"
    assert codes(data) == []


# -- DL107 crossover --------------------------------------------------------------------------


def test_dl107_one_way_only() -> None:
    data = base()
    data["crossover"] = data["crossover"][:1]
    [message] = only(data, "DL107")
    assert "one way only" in message and "from management to technical" in message
    assert run(data).findings[0].path == "crossover"


def test_dl107_no_crossover_points_at_the_top_of_the_file() -> None:
    data = base()
    del data["crossover"]
    [finding] = run(data).findings
    assert finding.code == "DL107" and finding.line == 1 and finding.path == ""


def test_dl107_not_when_a_track_is_empty() -> None:
    data = base()
    del data["crossover"]
    data["tracks"]["management"]["rungs"] = []
    assert run(data, select=["DL107"]).codes == []


# -- DL108 / DL109 titles ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    ["Technical Director", "Head of Architecture", "head  of platform", "VP Engineering",
     "Chief Scientist", "MANAGER, Architecture", "Vice President, Technology"],
)
def test_dl108_management_words(title: str) -> None:
    data = base()
    rung(data, "technical", "L7")["title"] = title
    [message] = only(data, "DL108")
    assert repr(title) in message
    assert run(data).findings[0].path == "tracks.technical.rungs[3].title"


@pytest.mark.parametrize("title", ["Managerial Architect", "Chiefly Engineer", "VPN Engineer",
                                   "Headless Engineer"])
def test_dl108_only_whole_words(title: str) -> None:
    data = base()
    rung(data, "technical", "L7")["title"] = title
    assert codes(data) == []


def test_dl108_aliases_and_not_management() -> None:
    data = base()
    rung(data, "technical", "L7")["aliases"] = ["Principal", "Chief Architect"]
    rung(data, "management", "L7")["aliases"] = ["Head of Engineering"]
    report = run(data)
    assert report.codes == ["DL108"]
    assert report.findings[0].path == "tracks.technical.rungs[3].aliases[1]"


def test_dl109_title_used_twice() -> None:
    data = base()
    rung(data, "technical", "L7")["aliases"] = [" staff engineer"]
    [message] = only(data, "DL109")
    assert "already names Staff Engineer (L6)" in message
    assert run(data).findings[0].path == "tracks.technical.rungs[3].aliases[0]"


def test_dl109_across_tracks_and_not_within_one_rung() -> None:
    data = base()
    rung(data, "technical", "L6")["aliases"] = ["Staff Engineer", "Team Lead"]
    assert codes(data) == []
    rung(data, "management", "L5")["aliases"] = ["team lead"]
    report = run(data)
    assert report.codes == ["DL109"]
    assert report.findings[0].path == "tracks.technical.rungs[2].aliases[1]"



def test_dl109_roles_above_the_ladder_say_whose_name_it_is() -> None:
    data = base()
    data["above_ladder"] = [
        {"title": "Fellow", "aliases": [" staff ENGINEER", "Distinguished Fellow"]},
        {"title": "Distinguished Fellow ", "aliases": ["fellow"]},  # no double space below
    ]
    rung(data, "technical", "L7")["aliases"] = ["Fellow"]
    assert only(data, "DL109") == [
        f"{what} already names {whose}; give each rung its own titles" for what, whose in [
            ("title 'Fellow' (above the ladder)", "Principal Engineer (L7)"),
            ("alias 'staff ENGINEER' of Fellow (above the ladder)", "Staff Engineer (L6)"),
            ("title 'Distinguished Fellow' (above the ladder)", "Fellow"),
            ("alias 'fellow' of Distinguished Fellow (above the ladder)",
             "Principal Engineer (L7)"),
        ]
    ]


# -- DL201 / DL202 / DL203 bands --------------------------------------------------------------


def test_dl201_falling_midpoint_of_shared_level_bands_is_reported_once() -> None:
    data = base()
    data["levels"][2]["pay"] = {"min": 120000, "mid": 138000, "max": 160000}
    data["levels"][3]["pay"] = {"min": 150000, "mid": 170000, "max": 200000}
    [message] = only(data, "DL201")
    assert message.startswith(
        "midpoint of level L6 (Senior Engineering Manager (L6), Staff Engineer (L6)), 138,000 "
        "USD, is not above that of level L5 (Engineering Manager (L5), Senior Software Engineer "
        "(L5)), 140,000 USD"
    )
    assert run(data).findings[0].path == "levels[2].pay.mid"


def test_dl201_equal_midpoints_and_own_bands() -> None:
    data = base()
    rung(data, "technical", "L4")["pay"] = {"min": 120000, "mid": 140000, "max": 160000}
    [message] = only(data, "DL201")
    assert "Software Engineer (L4), 140,000 USD" in message and "Technical" in message


def test_dl201_skips_different_currencies() -> None:
    data = base()
    rung(data, "technical", "L4")["pay"] = {"min": 120000, "mid": 150000, "max": 160000,
                                            "currency": "CHF"}
    assert codes(data) == []


def test_dl202_rise_too_large_and_too_small() -> None:
    data = base()
    rung(data, "technical", "L4")["pay"] = {"min": 85000, "mid": 100000, "max": 115000}
    [message] = only(data, "DL202")
    assert "rises 40 %" in message and "policy allows 5 % to 30 % a level" in message
    rung(data, "technical", "L4")["pay"] = {"min": 115000, "mid": 135000, "max": 155000}
    [message] = only(data, "DL202")
    assert "rises 3.7 %" in message and "raise" in message


def test_dl202_custom_range() -> None:
    data = base()
    data["policy"] = {"midpoint_progression": ["0.20", "0.25"]}
    report = run(data)
    # 120 -> 140 is 16.7 % (too small); 140 -> 170 is 21.4 %; 170 -> 205 is 20.6 %
    assert report.codes == ["DL202"]
    assert report.findings[0].path == "levels[1].pay.mid"


def test_dl202_compounds_the_range_over_skipped_levels() -> None:
    data = base()
    drop(data, "technical", "L6")  # L5 -> L7 is 46 %: within 10.25 % to 69 % over two levels
    assert run(data, select=["DL202"]).codes == []
    rung(data, "technical", "L7")["pay"] = {"min": 210000, "mid": 250000, "max": 290000}
    [finding] = run(data, select=["DL202"]).findings  # 140,000 -> 250,000 is +79 %
    assert "rises 78.6 % over 2 levels" in finding.message
    assert "(10.3 % to 69 % over 2 levels)" in finding.message


def test_dl202_is_not_reported_where_dl201_fires() -> None:
    data = base()
    rung(data, "technical", "L4")["pay"] = {"min": 200000, "mid": 250000, "max": 300000}
    assert run(data, select=["DL201", "DL202"]).codes == ["DL201"]


def test_dl203_range_spread() -> None:
    data = base()
    data["levels"][0]["pay"] = {"min": 110000, "mid": 120000, "max": 130000}
    [message] = only(data, "DL203")
    assert "18.2 %" in message and "widen" in message
    assert run(data).findings[0].path == "levels[0].pay"
    data["levels"][0]["pay"] = {"min": 60000, "mid": 120000, "max": 140000}
    [message] = only(data, "DL203")
    assert "133.3 %" in message and "narrow" in message


def test_dl203_custom_range_and_own_bands() -> None:
    data = base()
    data["policy"] = {"range_spread": ["0.10", "0.35"]}
    rung(data, "technical", "L6")["pay"] = {"min": 145000, "mid": 170000, "max": 195000}
    report = run(data, select=["DL203"])
    # L4 spreads 40 %, the Staff Engineer's own band 34.5 % (fine)
    assert [f.path for f in report] == ["levels[0].pay"]


# -- DL204 currency ---------------------------------------------------------------------------


def test_dl204_different_currency() -> None:
    data = base()
    _own_band(data, "technical", "L6", 170000, currency="EUR")
    [message] = only(data, "DL204")
    assert "Staff Engineer (L6) is paid in EUR" in message and "in USD" in message
    assert run(data).findings[0].path == "tracks.technical.rungs[2].pay.currency"


def test_dl204_no_currency_against_a_currency() -> None:
    data = base()
    del data["currency"]
    rung(data, "management", "L6")["pay"] = {"min": 145000, "mid": 170000, "max": 195000,
                                             "currency": "USD"}
    report = run(data)
    assert report.codes == ["DL204"]
    assert "no stated currency" in report.findings[0].message
    assert report.findings[0].path == "tracks.management.rungs[1].pay.currency"


# -- policy -----------------------------------------------------------------------------------


def test_policy_ignore() -> None:
    data = base()
    _own_band(data, "technical", "L6", 160000)
    del data["crossover"]
    data["policy"] = {"ignore": ["DL103", "DL107"]}
    assert codes(data) == []


def test_policy_severity_override() -> None:
    data = base()
    _own_band(data, "technical", "L6", 160000)
    rung(data, "technical", "L7")["title"] = "Technical Director"
    data["policy"] = {"severity": {"DL103": "warning", "DL108": "error"}}
    report = run(data)
    assert {f.code: f.severity for f in report} == {"DL103": "warning", "DL108": "error"}
    assert report.failed() and report.failed(strict=True)


def test_default_severities_follow_the_catalog() -> None:
    data = base()
    _own_band(data, "technical", "L6", 160000)
    rung(data, "technical", "L7")["title"] = "Technical Director"
    report = run(data)
    assert {f.code: f.severity for f in report} == {"DL103": "error", "DL108": "warning"}


def test_policy_cannot_ignore_load_codes() -> None:
    data = base()
    data["policy"] = {"ignore": ["DL004"]}
    with pytest.raises(ValueError, match="DL004"):
        Ladder.model_validate(data)


def test_select_runs_only_the_given_rules() -> None:
    data = base()
    _own_band(data, "technical", "L6", 160000)
    del data["crossover"]
    assert sorted(run(data).codes) == ["DL103", "DL107"]
    assert run(data, select=["DL107"]).codes == ["DL107"]


# -- messages and locations -------------------------------------------------------------------


def test_findings_name_the_file_line_and_column_of_yaml_input() -> None:
    text = (DATA / "negative" / "DL103.yaml").read_text()
    [finding] = check(dualladder.loads(text, "team.yaml")).findings
    assert finding.file == "team.yaml"
    assert "mid: 160000" in text.splitlines()[finding.line - 1]
    assert text.splitlines()[finding.line - 1][finding.column - 1 :].startswith("160000")


def test_python_ladders_are_checked_as_their_yaml() -> None:
    data = base()
    _own_band(data, "technical", "L6", 160000)
    ladder = Ladder.model_validate(data)
    [finding] = check(ladder).findings
    assert finding.file == "<ladder>"
    line = dualladder.dumps(ladder).splitlines()[finding.line - 1]
    assert "160000" in line


def test_every_rule_message_names_rungs_by_title_and_level() -> None:
    for path in sorted((DATA / "negative").glob("DL[12]*.yaml")):
        ladder = dualladder.load(path)
        for finding in check(ladder):
            if finding.code in ("DL107", "DL112", "DL205", "DL117", "DL118"):
                continue  # about tracks, roles above the ladder, a level's steps, the texts
                # of a translation (a family or track name): not rungs
            named = [f"({level_id})" for level_id in ladder.level_ids]
            assert any(n in finding.message for n in named), (path.name, finding.message)


# -- the rules and their documentation --------------------------------------------------------


def test_every_rule_code_of_the_catalog_is_registered() -> None:
    codes = [code for registry in registries() for code in registry.rules]
    assert sorted(codes) == sorted(set(CATALOG) - LOAD_CODES - READ_CODES)
    assert len(codes) == len(set(codes)), "a code is registered in two families"


@pytest.mark.parametrize("code", sorted(set(CATALOG) - LOAD_CODES - READ_CODES))
def test_every_rule_is_documented(code: str) -> None:
    doc = rule_doc(code)
    assert doc, code
    assert "Why it matters:" in doc
    assert "How to fix:" in doc
    assert "```yaml\n" in doc and doc.rstrip().endswith("```")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_ladders_are_clean(path: Path) -> None:
    report = check(dualladder.load(path))
    assert [str(f) for f in report] == []


def test_there_are_four_example_ladders() -> None:
    # three classic dual ladders and one with the shapes of public frameworks (meridian)
    assert len(EXAMPLES) == 4


# -- property ---------------------------------------------------------------------------------


def _lines(text: str) -> int:
    return len(text.splitlines())


@given(ladders)
def test_check_never_raises_and_points_inside_the_file(ladder: Ladder) -> None:
    text = dualladder.dumps(ladder)
    report = check(ladder)
    for finding in report:
        assert finding.file == "<ladder>"
        assert 1 <= finding.line <= _lines(text), str(finding)
        assert finding.column >= 1
    loaded = dualladder.loads(text, "<ladder>")
    again = check(loaded)
    for finding in again:
        assert 1 <= finding.line <= _lines(text), str(finding)
    assert [(f.code, f.line, f.column, f.message) for f in again] == [
        (f.code, f.line, f.column, f.message) for f in report
    ]


@given(ladders)
def test_severities_follow_policy(ladder: Ladder) -> None:
    for finding in check(ladder):
        expected = ladder.policy.severity.get(finding.code, CATALOG[finding.code][0])
        assert finding.severity == expected
        assert finding.code not in ladder.policy.ignore


@pytest.mark.parametrize(
    ("value", "shown"),
    [("0", "0 %"), ("0.05", "5 %"), ("0.0769", "7.7 %"), ("0.1025", "10.3 %"),
     ("0.0001", "< 0.1 %"), ("1.5", "150 %"), ("0.30", "30 %")],
)
def test_percent(value: str, shown: str) -> None:
    from dualladder._internal.rules.ladder.registry import percent

    assert percent(Decimal(value)) == shown


def test_decimal_amounts_stay_exact() -> None:
    data = base()
    rung(data, "technical", "L6")["pay"] = {"min": "145000.10", "mid": "170000.01",
                                            "max": "195000"}
    [finding] = run(data, select=["DL103"]).findings
    assert "170,000.01 USD" in finding.message and "< 0.1 %" in finding.message
    assert Decimal("170000.01") != Decimal(170000)


def test_gc_paused_freezes_only_when_asked() -> None:
    """``then_freeze`` (the program, about to exit) moves what is alive out of the collector's
    sight before switching it back on; by default (a library call) nothing is frozen."""
    import subprocess
    import sys

    code = (
        "import gc\n"
        "from dualladder._internal.util.gcpause import gc_paused\n"
        "with gc_paused():\n"
        "    kept = [[] for _ in range(5000)]\n"
        "print(gc.get_freeze_count(), end=' ')\n"
        "with gc_paused(then_freeze=True):\n"
        "    more = [[] for _ in range(5000)]\n"
        "print(gc.get_freeze_count() > 10000, gc.isenabled())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0", "True", "True"]


def test_gc_paused_restores_the_collector() -> None:
    import gc

    from dualladder._internal.util.gcpause import gc_paused

    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()
