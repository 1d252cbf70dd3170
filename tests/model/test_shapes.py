"""The ladder shapes that published career frameworks use (docs/format.md): how each is written,
what the model gives scripts, how the rules treat it and what the pages show."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from paths import DATA

import dualladder
from dualladder._internal.model.ladder import Band
from dualladder._internal.util.findings import LadderError
from dualladder.handbook import render

SMALL = (DATA / "positive" / "small.yaml").read_text(encoding="utf-8")


def codes(text: str) -> list[tuple[str, int]]:
    report = dualladder.check(dualladder.loads(text, "x.yaml"))
    return [(f.code, f.line) for f in report]


# -- 1. bands with a minimum and a maximum only ------------------------------------------------


def test_a_band_without_mid_has_the_middle_of_its_range_as_a_derived_midpoint() -> None:
    ladder = dualladder.load(DATA / "positive" / "derived-midpoints.yaml")
    for level in ladder.levels:
        assert level.pay is not None and level.pay.mid_derived
        assert isinstance(level.pay.mid, Decimal)
        assert level.pay.mid == (level.pay.min + level.pay.max) / 2
    stated = dualladder.loads(SMALL).levels[0].pay
    assert stated is not None and not stated.mid_derived and stated.mid == Decimal(120000)


def test_a_derived_midpoint_is_not_written_back() -> None:
    text = (DATA / "positive" / "derived-midpoints.yaml").read_text(encoding="utf-8")
    ladder = dualladder.loads(text)
    written = dualladder.dumps(ladder)
    assert "mid:" not in written and "min: 100000" in written
    again = dualladder.loads(written)
    assert again == ladder
    assert all(level.pay is not None and level.pay.mid_derived for level in again.levels)
    # a stated midpoint is written
    assert "mid: 120000" in dualladder.dumps(dualladder.loads(SMALL))


def test_bands_built_in_python_derive_their_midpoint() -> None:
    band = Band(min=Decimal("100.50"), max=Decimal("200.25"))
    assert band.mid == Decimal("150.375") and band.mid_derived
    assert "mid" not in band.model_dump()
    assert not Band(min=1, mid=1, max=3).mid_derived
    with pytest.raises(ValueError, match="max 100 is below min 150"):
        Band(min=150, max=100)


@given(
    low=st.decimals(min_value="0.01", max_value="1e9", places=2),
    width=st.decimals(min_value="0", max_value="1e9", places=2),
)
def test_a_derived_midpoint_lies_in_the_middle(low: Decimal, width: Decimal) -> None:
    band = Band(min=low, max=low + width)
    assert band.min <= band.mid <= band.max
    assert band.mid - band.min == band.max - band.mid


def test_the_band_rules_use_derived_midpoints() -> None:
    # DL202: L6's derived midpoint rises 35.7 % over L5's stated one (policy allows 5-30 %).
    text = SMALL.replace("{min: 145000, mid: 170000, max: 195000}", "{min: 160000, max: 220000}")
    report = dualladder.check(dualladder.loads(text, "x.yaml"))
    assert [(f.code, f.line, f.column) for f in report] == [("DL202", 13, 10)]
    message = report.findings[0].message
    assert "190,000 USD (derived: the middle of min and max)" in message
    assert "lower the L6 min and max (the midpoint is their middle)" in message


def test_pay_parity_compares_a_derived_midpoint_with_a_stated_one() -> None:
    text = SMALL.replace(
        "        title: Staff Engineer\n",
        "        title: Staff Engineer\n        pay: {min: 145000, max: 205000}\n",
    )
    report = dualladder.check(dualladder.loads(text, "x.yaml"))
    assert [f.code for f in report] == ["DL103"]
    assert "midpoint 175,000 USD vs" in report.findings[0].message


def test_a_band_without_mid_that_runs_backwards_is_dl006() -> None:
    with pytest.raises(LadderError) as caught:
        dualladder.loads(SMALL.replace("{min: 145000, mid: 170000, max: 195000}",
                                       "{min: 195000, max: 145000}"))
    assert [(f.code, f.line) for f in caught.value.findings] == [("DL006", 13)]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_pages_mark_derived_midpoints(fmt: str, tmp_path: Path) -> None:
    ladder = dualladder.load(DATA / "positive" / "derived-midpoints.yaml")
    render(ladder, tmp_path / "out", format=fmt)
    suffix = ".md" if fmt == "markdown" else ".html"
    pay = (tmp_path / "out" / f"pay{suffix}").read_text(encoding="utf-8")
    assert "205,000 (derived)" in pay and "is the middle of that range" in pay
    level = (tmp_path / "out" / f"level-l6{suffix}").read_text(encoding="utf-8")
    assert "170,000, derived: the middle of the range" in level
    chart = pay if fmt == "html" else (tmp_path / "out" / "pay-bands.svg").read_text("utf-8")
    assert 'stroke-dasharray="3 2"' in chart


def test_pages_of_stated_midpoints_do_not_say_derived(tmp_path: Path) -> None:
    render(dualladder.loads(SMALL), tmp_path / "out", format="markdown")
    text = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "out").iterdir())
    assert "derived" not in text and 'dasharray="3 2"' not in text


# -- 2. pay stated equal but not published -----------------------------------------------------

WITHHELD = DATA / "positive" / "withheld-pay.yaml"


def test_withheld_pay_is_asked_through_one_helper() -> None:
    ladder = dualladder.load(WITHHELD)
    by_level = {r.level: r for r in ladder.tracks["technical"].rungs}
    assert all(ladder.pay_withheld(rung) for _, _, rung in ladder.rungs())
    assert all(ladder.band(rung) is None for _, _, rung in ladder.rungs())
    assert ladder.pay_statement(by_level["L5"]) == (
        "The levels are equal in seniority and pay; ranges are not public."
    )
    # a level's own statement wins over the file's
    assert ladder.pay_statement(by_level["L6"]) == (
        "Staff and Engineering Manager are equal in base pay and prestige."
    )


def test_saying_nothing_about_pay_is_not_withheld_pay() -> None:
    text = WITHHELD.read_text(encoding="utf-8")
    silent = dualladder.loads("\n".join(
        line for line in text.splitlines() if "withheld_pay" not in line
    ))
    assert not any(silent.pay_withheld(rung) for _, _, rung in silent.rungs())
    false = dualladder.loads(text.replace(
        "withheld_pay: The levels are equal in seniority and pay; ranges are not public.",
        "withheld_pay: false",
    ))
    l5 = false.tracks["technical"].rungs[1]
    assert not false.pay_withheld(l5) and false.pay_statement(l5) is None
    true = dualladder.loads(text.replace(
        "withheld_pay: The levels are equal in seniority and pay; ranges are not public.",
        "withheld_pay: true",
    ))
    assert true.pay_withheld(l5) and true.pay_statement(true.tracks["technical"].rungs[1]) == ""


def test_a_rung_with_its_own_band_is_not_withheld() -> None:
    text = WITHHELD.read_text(encoding="utf-8").replace(
        "        title: Staff Engineer\n",
        "        title: Staff Engineer\n        pay: {min: 145000, max: 195000}\n",
    )
    ladder = dualladder.loads(text, "x.yaml")
    staff = ladder.tracks["technical"].rungs[2]
    assert not ladder.pay_withheld(staff) and ladder.pay_statement(staff) is None
    report = dualladder.check(ladder)
    assert [(f.code, f.line) for f in report] == [("DL103", 37)]
    assert "withheld by policy" in report.findings[0].message


def test_withheld_pay_is_written_back() -> None:
    ladder = dualladder.load(WITHHELD)
    again = dualladder.loads(dualladder.dumps(ladder))
    assert again == ladder
    assert again.levels[2].withheld_pay == ladder.levels[2].withheld_pay


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_pages_show_withheld_pay_as_equal_by_policy(fmt: str, tmp_path: Path) -> None:
    render(dualladder.load(WITHHELD), tmp_path / "out", format=fmt)
    suffix = ".md" if fmt == "markdown" else ".html"
    out = tmp_path / "out"
    for page in ("index", "track-technical", "level-l6", "pay"):
        text = (out / f"{page}{suffix}").read_text(encoding="utf-8")
        assert "not published, equal by policy" in text, page
        assert "no band stated" not in text, page
    level = (out / f"level-l6{suffix}").read_text(encoding="utf-8")
    assert "Staff and Engineering Manager are equal in base pay and prestige." in level
    pay = (out / f"pay{suffix}").read_text(encoding="utf-8")
    assert "ranges are not public." in pay
    chart = pay if fmt == "html" else (out / "pay-bands.svg").read_text(encoding="utf-8")
    assert "Pay is not published: it is equal by policy" in chart


def test_pages_tell_withheld_from_missing_bands(tmp_path: Path) -> None:
    text = WITHHELD.read_text(encoding="utf-8")
    silent = "\n".join(line for line in text.splitlines() if "withheld_pay" not in line)
    render(dualladder.loads(silent), tmp_path / "out", format="markdown")
    pay = (tmp_path / "out" / "pay.md").read_text(encoding="utf-8")
    assert "no band stated" in pay and "equal by policy" not in pay


def _positive(name: str) -> str:
    return (DATA / "positive" / f"{name}.yaml").read_text(encoding="utf-8")


def _found(text: str) -> list[str]:
    return [f.code for f in dualladder.check(dualladder.loads(text, "x.yaml"))]


def _load_codes(text: str) -> list[tuple[str, str]]:
    with pytest.raises(LadderError) as caught:
        dualladder.loads(text, "x.yaml")
    return [(f.code, f.path) for f in caught.value.findings]


@pytest.mark.parametrize(
    "name",
    ["above-ladder", "fork", "same-role", "steps", "titles-policy", "conditional-crossover",
     "levels-in-use", "withheld-pay", "derived-midpoints"],
)
def test_every_new_key_is_written_back(name: str) -> None:
    ladder = dualladder.loads(_positive(name))
    assert dualladder.loads(dualladder.dumps(ladder)) == ladder


# -- 3. roles above the ladder -------------------------------------------------------------------


def test_roles_above_the_ladder_are_no_tracks_ceiling() -> None:
    text = _positive("above-ladder")
    ladder = dualladder.loads(text)
    assert [r.title for r in ladder.above_ladder] == ["Chief Technology Officer", "Chief Architect"]
    assert ladder.above_ladder[0].open_to is None
    assert _found(text) == []
    # the same CTO as management's top rung instead: the technical track tops out below it
    as_rung = SMALL.replace(
        "    pay: {min: 175000, mid: 205000, max: 235000}\n",
        "    pay: {min: 175000, mid: 205000, max: 235000}\n  - id: L8\n",
    ).replace(
        "        title: Director of Engineering\n",
        "        title: Director of Engineering\n      - level: L8\n"
        "        title: Chief Technology Officer\n",
    )
    assert "DL101" in _found(as_rung)


def test_a_role_above_the_ladder_names_known_tracks_and_titles_once() -> None:
    text = _positive("above-ladder")
    assert _load_codes(text.replace("open_to: [technical, management]", "open_to: [tech]")) == [
        ("DL002", "above_ladder[1].open_to[0]")
    ]
    clash = text.replace("  - title: Chief Architect\n", "  - title: principal engineer\n")
    assert _found(clash) == ["DL109"]


# -- 5. grades in use ------------------------------------------------------------------------------


def test_levels_a_track_does_not_use_are_no_gaps() -> None:
    text = _positive("levels-in-use")
    assert _found(text) == []
    without = "\n".join(line for line in text.splitlines() if "levels_in_use" not in line)
    assert _found(without) == ["DL102"] * 4  # technical skips G19, G21, G23; management G23
    assert _load_codes(text.replace("[G22, G24]", "[G22, G25]", 1)) == [
        ("DL004", "tracks.management.levels_in_use[1]")
    ]


# -- 6. crossover: one-way promotion, condition, fork --------------------------------------------


def test_crossover_promotion_and_condition_are_data() -> None:
    ladder = dualladder.loads(_positive("conditional-crossover"))
    up, back = ladder.crossover
    assert up.promotion and up.condition is None
    assert not back.promotion and back.condition == "when a position is open"
    one_way = _positive("conditional-crossover").split("  - from: management")[0]
    assert _found(one_way) == ["DL107"]


def test_the_fork_is_a_level_and_the_tracks_part_there() -> None:
    text = _positive("fork")
    assert dualladder.loads(text).fork == "L5"
    assert _found(text.replace("fork: L5", "fork: L6")) == ["DL114"]  # management below it
    assert _load_codes(text.replace("fork: L5", "fork: L9")) == [("DL004", "fork")]


# -- 4. steps inside a level ---------------------------------------------------------------------


def test_steps_are_read_and_checked() -> None:
    ladder = dualladder.loads(_positive("steps"))
    l5 = ladder.levels[1]
    assert [(s.id, s.name, s.pay) for s in l5.steps or []] == [
        ("A", None, Decimal(120000)), ("B", "Experienced", Decimal(135000)),
        ("C", None, Decimal(150000)),
    ]
    assert [s.pay for s in ladder.levels[2].steps or []] == [None, None, None]
    twice = _positive("steps").replace("{id: C, pay: 150000}", "{id: A, pay: 150000}")
    assert _load_codes(twice) == [("DL005", "levels[1].steps[2].id")]


# -- 7. titles: management words as policy -------------------------------------------------------


def test_programme_and_product_managers_are_not_people_managers() -> None:
    text = _positive("titles-policy")
    assert _found(text) == []
    # without the policy's list, "Head of" is a management word again
    default_words = text.replace(
        "  management_words: [manager, director, vice president, VP, chief]\n", "  {}\n"
    ).replace("policy:\n  {}\n", "")
    assert _found(default_words) == ["DL108"]
    # without the exceptions, "Program Manager" and "Product Manager" are management words
    strict = text.replace("policy:\n", "policy:\n  not_management: []\n")
    assert _found(strict) == ["DL108", "DL108"]


# -- 8. DL105 direction ----------------------------------------------------------------------------


def test_technical_broader_is_its_own_code_that_policy_can_lower() -> None:
    text = (DATA / "negative" / "DL110.yaml").read_text(encoding="utf-8")
    report = dualladder.check(dualladder.loads(text, "x.yaml"))
    assert [(f.code, f.severity) for f in report] == [("DL110", "error")]
    assert "the Technical rung is broader than its Management equivalent" in (
        report.findings[0].message
    )
    lowered = text.replace("levels:\n", "policy:\n  severity: {DL110: warning}\n\nlevels:\n", 1)
    report = dualladder.check(dualladder.loads(lowered, "x.yaml"))
    assert [(f.code, f.severity) for f in report] == [("DL110", "warning")]
    narrower = (DATA / "negative" / "DL105.yaml").read_text(encoding="utf-8")
    [finding] = dualladder.check(dualladder.loads(narrower, "x.yaml")).findings
    assert finding.code == "DL105" and "is narrower than" in finding.message


# -- 10. one role with and without reports --------------------------------------------------------


def test_a_shared_role_names_the_variants_of_one_job() -> None:
    text = _positive("same-role")
    ladder = dualladder.loads(text)
    roles = {r.title: r.role for _, _, r in ladder.rungs() if r.role}
    assert roles == {"Lead Developer - Management": "lead developer",
                     "Lead Developer": "Lead Developer"}
    without = text.replace("        role: Lead Developer\n", "")
    assert _found(without) == ["DL116"]
