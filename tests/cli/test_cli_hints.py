"""A command line that says what it expects (issue 21): a wrong value names the valid ones and
the nearest, end to end on real files. Each message is quoted as a user sees it: one line, a
non-zero exit, no traceback."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from paths import ACME, EXAMPLES, KESTREL

from dualladder.cli import main

ROSTER = EXAMPLES / "roster.csv"


def _run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _one_error(err: str) -> str:
    """The one ``dualladder: error:`` line of a refused command."""
    lines = err.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("dualladder: error: ")
    return lines[0].removeprefix("dualladder: error: ")


def _edited(tmp_path: Path, old: str, new: str, name: str = "ladder.yaml") -> Path:
    text = ACME.read_text(encoding="utf-8")
    assert old in text
    out = tmp_path / name
    out.write_text(text.replace(old, new, 1), encoding="utf-8")
    return out


def _findings(printed: str) -> list[str]:
    """The finding lines of a text report (without the summary)."""
    return [line for line in printed.splitlines() if re.match(r"\S+:\d+:\d+: DL\d+ ", line)]


def _invalid(capsys: pytest.CaptureFixture[str], path: Path) -> list[str]:
    """``validate PATH`` fails (exit 1); its findings, one line each."""
    code, printed, _ = _run(capsys, "validate", path)
    assert code == 1
    return _findings(printed)


# -- plan new: --track, --level, --goal ---------------------------------------------------------


def test_a_misspelt_track_names_the_tracks_and_the_nearest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plan.yaml"
    code, _, err = _run(capsys, "plan", "new", ACME, "--track", "technial", "--level", "L5",
                        "--goal", "next", "-o", out)
    assert code == 1 and not out.exists()
    assert _one_error(err) == (
        "--track: track 'technial' is not a track of the Engineering ladder (tracks: "
        "management, technical); did you mean 'technical'?"
    )


def test_a_misspelt_level_names_the_levels_and_the_nearest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "plan", "new", ACME, "--track", "technical", "--level", "L55",
                        "--goal", "next", "-o", tmp_path / "plan.yaml")
    assert code == 1
    assert _one_error(err) == (
        "--level: level 'L55' is not a level of the Engineering ladder (levels: L3, L4, L5, "
        "L6, L7, L8, L9, L10); did you mean 'L5'?"
    )


def test_a_track_with_no_rung_on_the_level_names_its_levels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "plan", "new", ACME, "--track", "management", "--level", "L3",
                        "--goal", "next", "-o", tmp_path / "plan.yaml")
    assert code == 1
    assert _one_error(err) == (
        "the ladder has no rung management:L3: the Engineering Management track has rungs on "
        "L5, L6, L7, L8, L9"
    )


@pytest.mark.parametrize(
    ("track", "level", "goal", "written"),
    [
        ("technical", "l5", "next", ("technical", "L5", "technical", "L6")),  # case
        ("Technical", "L5", "Management:l6", ("technical", "L5", "management", "L6")),
        # a track's display name, as the handbook shows it
        ("Engineering Management", "L6", "engineering management:L7",
         ("management", "L6", "management", "L7")),
    ],
)
def test_a_track_or_level_in_another_case_or_by_its_display_name_is_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], track: str, level: str, goal: str,
    written: tuple[str, str, str, str],
) -> None:
    out = tmp_path / "plan.yaml"
    code, printed, err = _run(capsys, "plan", "new", ACME, "--track", track, "--level", level,
                              "--goal", goal, "-o", out)
    assert (code, err) == (0, "")
    plan = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert (plan["current"]["track"], plan["current"]["level"], plan["goal"]["track"],
            plan["goal"]["level"]) == written  # the plan spells them as the ladder does
    assert f"from {written[0]}:{written[1]} to {written[2]}:{written[3]}" in printed


def test_a_misspelt_goal_track_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "plan", "new", ACME, "--track", "technical", "--level", "L5",
                        "--goal", "mangement:L6", "-o", tmp_path / "plan.yaml")
    assert code == 1
    assert _one_error(err) == (
        "--goal: track 'mangement' is not a track of the Engineering ladder (tracks: "
        "management, technical); did you mean 'management'?"
    )


def test_a_goal_that_is_a_level_alone_shows_it_on_the_current_track(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "plan", "new", ACME, "--track", "technical", "--level", "L5",
                        "--goal", "l7", "-o", tmp_path / "plan.yaml")
    assert code == 1
    assert _one_error(err) == "--goal 'l7': write `next` or TRACK:LEVEL, e.g. technical:L7"


# -- the YAML of a ladder: enum values, track keys, numbers --------------------------------------


def test_an_enum_value_names_the_valid_values_and_the_nearest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _edited(tmp_path, "{domain: hiring, authority: decides, scope: team}",
                   "{domain: hiring, authority: decide, scope: team}")
    found = _invalid(capsys, path)
    assert found == [
        f"{path}:60:41: DL002 error: tracks.management.rungs[0].decisions[0].authority: "
        "'decide' is not one of informed, consulted, recommends, decides; did you mean "
        "'decides'?"
    ]


def test_a_misspelt_required_track_is_named_at_its_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _edited(tmp_path, "\n  technical:\n", "\n  technicl:\n")
    found = _invalid(capsys, path)
    assert found[0] == (
        f"{path}:141:3: DL002 error: tracks.technicl: unknown track 'technicl'; did you mean "
        "'technical'? (tracks must hold management and technical)"
    )
    # the crossover that names the track the file lacks says so once, with no "(got ...)"
    assert found[1:] == [
        f"{path}:293:12: DL002 error: crossover[0].from: crossover names track 'technical', "
        "which `tracks` does not define",
        f"{path}:294:28: DL002 error: crossover[1].to: crossover names track 'technical', "
        "which `tracks` does not define",
    ]


def test_a_misspelt_track_in_a_crossover_names_the_nearest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _edited(tmp_path, "{from: technical, to: management,",
                   "{from: technicl, to: management,")
    found = _invalid(capsys, path)
    assert found == [
        f"{path}:293:12: DL002 error: crossover[0].from: crossover names track 'technicl', "
        "which `tracks` does not define; did you mean 'technical'?"
    ]


def test_a_misspelt_level_of_a_rung_names_the_nearest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _edited(tmp_path, "      - level: L5\n        title: Engineering Manager",
                   "      - level: L55\n        title: Engineering Manager")
    found = _invalid(capsys, path)
    assert "names level 'L55', which `levels` does not define (defined: L3, L4, L5, L6, L7, " \
        "L8, L9, L10); did you mean 'L5'?" in found[0]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # block style: YAML reads `72,000` as text
        ("    pay: {min: 100000, mid: 118000, max: 136000}",
         "    pay:\n      min: 72,000\n      mid: 118000\n      max: 136000",
         [":20:12: DL002 error: levels[0].pay.min: 72,000 has a thousands separator: write "
          "72000"]),
        # flow style: YAML reads `{min: 100,000}` as min: 100 and a key '000' (it said
        # "unknown field '000'", and the duplicate '000' keys twice more)
        ("{min: 100000, mid: 118000, max: 136000}", "{min: 100,000, mid: 118,000, max: 136000}",
         [":19:16: DL002 error: levels[0].pay.min: 100,000 has a thousands separator: write "
          "100000 (inside {...} YAML reads the comma as the end of the value)",
          ":19:30: DL002 error: levels[0].pay.mid: 118,000 has a thousands separator: write "
          "118000 (inside {...} YAML reads the comma as the end of the value)"]),
        ("{min: 100000, mid: 118000, max: 136000}", "{min: 100000, mid: 118000, max: 1,136,000}",
         [":19:42: DL002 error: levels[0].pay.max: 1,136,000 has a thousands separator: write "
          "1136000 (inside {...} YAML reads the comma as the end of the value)"]),
    ],
)
def test_a_thousands_separator_says_how_to_write_the_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, expected: list[str]
) -> None:
    path = _edited(tmp_path, old, new)
    found = _invalid(capsys, path)
    assert found == [f"{path}{line}" for line in expected]


def test_a_decimal_comma_says_how_to_write_the_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _edited(tmp_path, "rewards: {bonus_target: 0.10, equity: 40000,",
                   "rewards: {bonus_target: '0,10', equity: 40000,")
    found = _invalid(capsys, path)
    assert found[0].endswith(
        "tracks.management.rungs[0].rewards.bonus_target: 0,10 has a decimal comma: write 0.10")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # block style: YAML reads `100.000` as the number 100 (it passed with one DL203 warning)
        ("    pay: {min: 100000, mid: 118000, max: 136000}",
         "    pay:\n      min: 100.000\n      mid: 118000\n      max: 136000",
         ":20:12: DL206 error: min of the band of level L3 (Software Engineer I (L3)): 100.000 "
         "reads as 100; for one hundred thousand write 100000 (USD has 2 decimal places)"),
        # a band the misread amount puts out of order is DL006 (a load error: the rules do
        # not run), which says the same
        ("{min: 100000, mid: 118000, max: 136000}", "{min: 100000, mid: 118.500, max: 136000}",
         ":19:29: DL006 error: pay band mid 118.50 is below min 100,000; a band needs 0 < min <= "
         "mid <= max (118.500 reads as 118.5; for one hundred eighteen thousand five hundred "
         "write 118500)"),
    ],
)
def test_a_dot_as_thousands_separator_says_what_it_reads_as(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, expected: str
) -> None:
    path = _edited(tmp_path, old, new)
    found = _invalid(capsys, path)
    assert f"{path}{expected}" in found


def test_three_decimal_places_are_an_amount_in_a_currency_that_has_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """KWD has three decimal places: 100.000 dinars is a hundred dinars, no finding."""
    path = _edited(tmp_path, "{min: 100000, mid: 118000, max: 136000}",
                   "{min: 100.000, mid: 118000, max: 136000}")
    path.write_text(path.read_text(encoding="utf-8").replace("currency: USD", "currency: KWD"),
                    encoding="utf-8")
    code, printed, _ = _run(capsys, "validate", path)
    assert not any(" DL206 " in line for line in _findings(printed))
    assert any(" DL203 " in line for line in _findings(printed))  # a band of 100 to 136,000
    assert code == 0


def test_a_ladder_that_means_three_places_lowers_dl206(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _edited(tmp_path, "{min: 100000, mid: 118000, max: 136000}",
                   "{min: 100.125, mid: 118000, max: 136000}")
    text = path.read_text(encoding="utf-8")  # acme has no policy block: the default applies
    policy = "\npolicy: {severity: {DL206: warning}}\nlevels:\n"
    path.write_text(text.replace("\nlevels:\n", policy, 1), encoding="utf-8")
    code, printed, _ = _run(capsys, "validate", path)
    assert [line.split(": ")[1] for line in _findings(printed)] == [
        "DL203 warning", "DL206 warning"]
    assert code == 0


def test_a_dot_as_thousands_separator_in_a_company_zone_is_found_in_the_company_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "kestrel"
    shutil.copytree(KESTREL, folder)
    company = folder / "company.yaml"
    text = company.read_text(encoding="utf-8")
    company.write_text(text.replace("L4: {min: 65000,", "L4: {min: 65.000,"), encoding="utf-8")
    code, printed, _ = _run(capsys, "validate", folder)
    assert code == 1
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "L4: {min: 65000," in row)
    found = [f for f in _findings(printed) if " DL206 " in f]
    assert found == [
        f"{company}:{line}:17: DL206 error: in zone berlin (Berlin): min of the band of level "
        "L4: 65.000 reads as 65; for sixty-five thousand write 65000 (EUR has 2 decimal places)"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # YAML reads `{bonus_target: 0,10}` as bonus_target: 0 and a key '10' (it said
        # "unknown field '10'")
        ("rewards: {bonus_target: 0.10, equity: 40000,",
         "rewards: {bonus_target: 0,10, equity: 40000,",
         "tracks.management.rungs[0].rewards.bonus_target: 0,10 has a decimal comma: write 0.10 "
         "(inside {...} YAML reads the comma as the end of the value)"),
        ("{min: 100000, mid: 118000, max: 136000}", "{min: 100000, mid: 118000, max: 136000,5}",
         "levels[0].pay.max: 136000,5 has a decimal comma: write 136000.5 (inside {...} YAML "
         "reads the comma as the end of the value)"),
        # a thousands separator and decimals (it said "unknown field '000.50'")
        ("{min: 100000, mid: 118000, max: 136000}", "{min: 100000, mid: 118,000.50, max: 136000}",
         "levels[0].pay.mid: 118,000.50 has a thousands separator: write 118000.50 (inside "
         "{...} YAML reads the comma as the end of the value)"),
        # as German and French write amounts (it said "Input should be a valid decimal (got
        # '1.360.000')" and "unknown field '50'")
        ("{min: 100000, mid: 118000, max: 136000}", "{min: 100000, mid: 118000, max: 1.360.000,50}",
         "levels[0].pay.max: 1.360.000,50 has a thousands separator and a decimal comma: write "
         "1360000.50 (inside {...} YAML reads the comma as the end of the value)"),
        ("{min: 100000, mid: 118000, max: 136000}", "{min: 1.100.000, mid: 118000, max: 136000}",
         "levels[0].pay.min: 1.100.000 has a thousands separator: write 1100000"),
        ("{min: 100000, mid: 118000, max: 136000}",
         "{min: 100000, mid: 118000, max: '136.000,00'}",
         "levels[0].pay.max: 136.000,00 has a thousands separator: write 136000.00"),
        # a flow list: YAML reads `[0,20, 1,5]` as four numbers (it said "Tuple should have at
        # most 2 items after validation, not 4")
        ("\nlevels:\n", "\npolicy: {range_spread: [0,20, 1,5]}\nlevels:\n",
         "policy.range_spread: 0,20 and 1,5 have a decimal comma: write 0.20 and 1.5 (inside "
         "[...] YAML reads the comma as the end of an item)"),
        ("\nlevels:\n", "\npolicy: {midpoint_progression: [0.05, 0,30]}\nlevels:\n",
         "policy.midpoint_progression: 0,30 has a decimal comma: write 0.30 (inside [...] YAML "
         "reads the comma as the end of an item)"),
    ],
)
def test_a_decimal_comma_inside_braces_or_brackets_says_how_to_write_the_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, expected: str
) -> None:
    path = _edited(tmp_path, old, new)
    found = _invalid(capsys, path)
    [finding] = found
    line = next(n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if new.strip().splitlines()[0] in row)
    assert finding.startswith(f"{path}:{line}:")
    assert finding.endswith(f" DL002 error: {expected}")


def test_a_decimal_comma_in_a_family_differential_says_how_to_write_the_factor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "kestrel"
    shutil.copytree(KESTREL, folder)
    data = folder / "data.yaml"
    text = data.read_text(encoding="utf-8")
    old = ("  - level: L6\n    factor: 1.06\n    reason: market premium for senior "
           "machine-learning specialists\n")
    assert old in text
    data.write_text(text.replace(old, "  - {level: L6, factor: 1,06, reason: market premium}\n"),
                    encoding="utf-8")
    code, printed, _ = _run(capsys, "validate", folder)
    assert code == 1
    assert _findings(printed) == [
        f"{data}:12:25: DL002 error: differentials[0].factor: 1,06 has a decimal comma: write "
        "1.06 (inside {...} YAML reads the comma as the end of the value)"
    ]  # it said "differentials[0]: unknown field '06'"


def test_a_zones_round_to_written_with_a_dot_is_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`round_to: 1.000` rounds the zone's bands to 1, not 1,000: no band shows it."""
    folder = tmp_path / "kestrel"
    shutil.copytree(KESTREL, folder)
    company = folder / "company.yaml"
    text = company.read_text(encoding="utf-8")
    assert "    round_to: 1000\n" in text
    company.write_text(text.replace("    round_to: 1000\n", "    round_to: 1.000\n"),
                       encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "round_to: 1000" in row)
    code, printed, _ = _run(capsys, "validate", folder)
    assert code == 1
    assert _findings(printed) == [
        f"{company}:{line}:15: DL206 error: in zone sf (San Francisco Bay Area): round_to: 1.000 "
        "reads as 1; for one thousand write 1000 (USD has 2 decimal places)"
    ]  # it passed: the zone's bands were rounded to 1


def test_a_three_digit_key_that_is_no_thousands_group_is_still_an_unknown_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _edited(tmp_path, "{min: 100000, mid: 118000, max: 136000}",
                   "{min: 100000, mid: 118000, max: 136000, 000: 1}")
    found = _invalid(capsys, path)
    assert "levels[0].pay: unknown field '000'" in found[0]


# -- audit: roster columns and cells, the order of the arguments ---------------------------------


def test_a_misspelt_roster_header_names_the_nearest_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "roster.csv"
    lines = ROSTER.read_text(encoding="utf-8").splitlines(keepends=True)
    roster.write_text(lines[0].replace(",track,", ",trak,") + "".join(lines[1:]),
                      encoding="utf-8")
    code, printed, _ = _run(capsys, "audit", ACME, roster)
    assert code == 1
    assert f"{roster}:1:4: DL301 error: the header has no track column; a roster needs " \
        "employee_id, track, level, base_pay; did you mean 'trak' (column 4)? Rename it, or " \
        "map it with --column track=trak" in _findings(printed)


def test_a_roster_whose_first_row_names_no_column_quotes_none_of_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A first row that names no column may be a person: nothing of it is quoted."""
    roster = tmp_path / "roster.csv"
    lines = ROSTER.read_text(encoding="utf-8").splitlines(keepends=True)
    roster.write_text("".join(lines[1:]), encoding="utf-8")  # no header row
    code, printed, _ = _run(capsys, "audit", ACME, roster)
    assert code == 1
    first = lines[1].split(",")
    assert not any(cell in printed for cell in first[:3])
    assert "(map other names with --column COLUMN=HEADER)" in printed


def test_a_misspelt_track_in_a_roster_cell_names_the_nearest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "roster.csv"
    lines = ROSTER.read_text(encoding="utf-8").splitlines(keepends=True)
    assert ",technical,L6," in lines[1]
    roster.write_text(lines[0] + lines[1].replace(",technical,L6,", ",technial,L6,")
                      + "".join(lines[2:]), encoding="utf-8")
    code, printed, _ = _run(capsys, "audit", ACME, roster)
    assert code == 1
    eid = lines[1].split(",")[0]
    assert f"{roster}:2:4: DL304 error: employee_id '{eid}': track 'technial' is not a track " \
        "of the Engineering ladder (tracks: management, technical); did you mean " \
        "'technical'? The person is left out of the audit" in _findings(printed)


def test_an_unknown_column_option_names_the_nearest(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "audit", ACME, ROSTER, "--column", "trck=Track")
    assert code == 2
    assert _one_error(err).endswith("; did you mean 'track'?")


def test_arguments_in_the_wrong_order_say_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "audit", ROSTER, ACME)
    assert (code, out) == (2, "")
    assert _one_error(err) == (
        f"arguments in the wrong order: {ROSTER} is the roster and comes last (dualladder "
        f"audit LADDER... ROSTER); write: dualladder audit {ACME} {ROSTER}"
    )


def test_a_ladder_last_with_no_roster_says_the_roster_is_missing(
    capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "audit", ACME, KESTREL)
    assert code == 2
    assert _one_error(err) == (
        f"{KESTREL}: the last argument is the ROSTER (.csv or .xlsx), "
        "and this is a folder; name the roster last: dualladder audit LADDER... ROSTER"
    )


def test_no_traceback_from_the_installed_command(tmp_path: Path) -> None:
    """The same refusals through the console script, as a user runs it."""
    exe = shutil.which("dualladder") or ""
    argv = [exe] if exe else [sys.executable, "-m", "dualladder"]
    for args in (
        ["audit", str(ROSTER), str(ACME)],
        ["plan", "new", str(ACME), "--track", "technial", "--level", "L5", "--goal", "next",
         "-o", str(tmp_path / "p.yaml")],
    ):
        done = subprocess.run([*argv, *args], capture_output=True, text=True, check=False)
        assert done.returncode in (1, 2)
        assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_plan_update_arguments_in_the_wrong_order_say_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan, sheet = tmp_path / "plan.yaml", tmp_path / "progress.csv"
    assert _run(capsys, "plan", "new", ACME, "--track", "technical", "--level", "L5", "--goal",
                "next", "-o", plan)[0] == 0
    assert _run(capsys, "plan", "sheet", plan, "-o", sheet)[0] == 0
    before = plan.read_bytes()
    code, out, err = _run(capsys, "plan", "update", sheet, plan)
    assert (code, out) == (2, "")
    assert _one_error(err) == (
        f"arguments in the wrong order: {sheet} is the sheet and comes last (dualladder plan "
        f"update PLAN SHEET); write: dualladder plan update {plan} {sheet}"
    )
    assert plan.read_bytes() == before
