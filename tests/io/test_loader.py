"""The model and the loader: every problem found at once, each with file, line and column."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from paths import ROOT
from pydantic import ValidationError
from strategies import ladders

import dualladder
from dualladder import Authority, Ladder, LadderError, Scope, read, read_text
from dualladder._internal.io.parse import MAX_NODES

LADDERS = sorted((ROOT / "ladders").glob("*.yaml"))

MINIMAL = """\
dualladder: 1
organization: Acme Robotics
family: Engineering
currency: USD
levels:
  - id: L5
    pay: {min: 100000, mid: 120000.10, max: 140000}
  - id: L6
tracks:
  management:
    rungs:
      - {level: L5, title: Engineering Manager, scope: team}
  technical:
    rungs:
      - level: L5
        title: Senior Engineer
        scope: team
        decisions:
          - {domain: architecture, authority: decides, scope: group}
"""


def findings_of(text: str) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in read_text(text, "t.yaml").findings]


# -- the example ladders ---------------------------------------------------------------------


def test_there_are_at_least_three_example_ladders() -> None:
    assert len(LADDERS) >= 3


@pytest.mark.parametrize("path", LADDERS, ids=lambda p: p.stem)
def test_every_example_ladder_loads_without_findings(path: Path) -> None:
    result = read(path)
    assert result.findings == []
    assert isinstance(result.ladder, Ladder)
    assert 5 <= len(result.ladder.levels) <= 10
    assert result.ladder.tracks["technical"].rungs and result.ladder.tracks["management"].rungs


@pytest.mark.parametrize("path", LADDERS, ids=lambda p: p.stem)
def test_example_ladder_survives_dump_and_load(path: Path) -> None:
    ladder = dualladder.load(path)
    assert dualladder.loads(dualladder.dumps(ladder)) == ladder


# -- the model ---------------------------------------------------------------------------------


def test_loaded_model_has_exact_types() -> None:
    ladder = dualladder.loads(MINIMAL)
    band = ladder.levels[0].pay
    assert band is not None
    assert band.mid == Decimal("120000.10") and isinstance(band.mid, Decimal)
    rung = ladder.tracks["technical"].rungs[0]
    assert rung.scope is Scope.TEAM
    assert rung.decisions is not None and rung.decisions[0].authority is Authority.DECIDES
    assert ladder.band(ladder.tracks["management"].rungs[0]) == band


def test_authority_and_scope_are_ordered() -> None:
    assert Authority.INFORMED < Authority.CONSULTED < Authority.RECOMMENDS < Authority.DECIDES
    assert Scope.TEAM < Scope.GROUP < Scope.ORGANIZATION < Scope.COMPANY < Scope.INDUSTRY
    assert max(Scope.GROUP, Scope.COMPANY, Scope.TEAM) is Scope.COMPANY


def test_source_map_points_at_nodes() -> None:
    ladder = dualladder.loads(MINIMAL, source="acme.yaml")
    assert ladder.source is not None and ladder.source.name == "acme.yaml"
    assert ladder.source.locate(("tracks", "technical", "rungs", 0, "title")) == (16, 16)
    # a path that is not in the file resolves to its nearest ancestor
    assert ladder.source.locate(("tracks", "technical", "rungs", 0, "pay", "mid")) == (15, 9)


def test_python_built_ladder_validates_like_a_loaded_one() -> None:
    data = yaml.safe_load(MINIMAL)
    data["tracks"]["technical"]["rungs"][0]["level"] = "L9"
    data["levels"][1]["pay"] = {"min": 5, "mid": 4, "max": 9}
    with pytest.raises(ValidationError) as built:
        Ladder.model_validate(data)
    with pytest.raises(LadderError) as loaded:
        dualladder.loads(yaml.safe_dump(data))
    built_errors = {(e["type"], e["loc"]) for e in built.value.errors()}
    assert built_errors == {(f.code, f.loc) for f in loaded.value.findings}
    assert built_errors == {
        ("DL004", ("tracks", "technical", "rungs", 0, "level")),
        ("DL006", ("levels", 1, "pay", "mid")),
    }


def test_python_built_models_reject_unknown_keys() -> None:
    with pytest.raises(ValidationError) as err:
        dualladder.Rung(level="L5", title="Staff Engineer", titel="x")  # type: ignore[call-arg]
    assert err.value.errors()[0]["type"] == "extra_forbidden"


def test_band_rejects_bad_order_with_dl006() -> None:
    with pytest.raises(ValidationError) as err:
        dualladder.Band(min=Decimal(10), mid=Decimal(20), max=Decimal(15))
    assert [(e["type"], e["loc"]) for e in err.value.errors()] == [("DL006", ("max",))]


def test_format_version_must_be_the_integer_1() -> None:
    for bad in ("true", "'1'", "2", "1.0"):
        text = MINIMAL.replace("dualladder: 1", f"dualladder: {bad}")
        findings = read_text(text).findings
        assert [(f.code, f.line) for f in findings] == [("DL002", 1)], bad


def test_technical_and_management_tracks_are_required() -> None:
    text = MINIMAL.split("  technical:")[0]
    findings = read_text(text).findings
    assert [(f.code, f.path) for f in findings] == [("DL002", "tracks.technical")]
    assert "technical" in findings[0].message


def test_policy_rejects_unknown_and_load_codes() -> None:
    text = MINIMAL + "policy:\n  ignore: [DL999, DL003]\n"
    findings = read_text(text).findings
    assert [(f.code, f.line, f.path) for f in findings] == [
        ("DL002", 21, "policy.ignore[0]"),
        ("DL002", 21, "policy.ignore[1]"),
    ]


# -- error locations and messages ----------------------------------------------------------------


def test_all_problems_are_reported_at_once() -> None:
    text = """\
dualladder: 1
organization: Acme
family: Eng
levels:
  - id: L5
  - id: L5
tracks:
  management:
    rungs:
      - {level: L7, title: EM, scope: everywhere}
  technical:
    rungs:
      - {level: L5, title: Staff, pay: {min: 3, mid: 2, max: 4}, title: X}
"""
    assert findings_of(text) == [
        ("DL005", 6, 9),  # level id twice
        ("DL004", 10, 17),  # unknown level L7
        ("DL002", 10, 39),  # scope: everywhere
        ("DL006", 13, 54),  # mid below min
        ("DL003", 13, 66),  # title twice
    ]


def test_numeric_level_id_says_to_quote_it() -> None:
    text = MINIMAL.replace("id: L6", "id: 010")
    (finding,) = read_text(text, "acme.yaml").findings
    assert (finding.code, finding.line, finding.column) == ("DL002", 8, 9)
    assert "quote it: '010'" in finding.message
    assert finding.path == "levels[1].id"


def test_unknown_field_suggests_the_right_name() -> None:
    text = MINIMAL.replace("scope: team}", "scpoe: team}")
    (finding,) = read_text(text).findings
    assert finding.code == "DL002"
    assert "unknown field 'scpoe'; did you mean 'scope'?" in finding.message
    assert (finding.line, finding.column) == (12, 49)


def test_duplicate_key_names_the_first_one() -> None:
    text = MINIMAL.replace("family: Engineering\n", "family: Engineering\nfamily: Eng\n")
    (finding,) = read_text(text).findings
    assert (finding.code, finding.line, finding.column) == ("DL003", 4, 1)
    assert "first at line 3" in finding.message


def test_syntax_error_points_at_the_problem() -> None:
    (finding,) = read_text("dualladder: 1\nlevels: [a, b\n", "x.yaml").findings
    assert finding.code == "DL001"
    assert finding.line == 2
    assert str(finding).startswith("x.yaml:2:")


def test_decimals_are_exact_not_binary_floats() -> None:
    text = MINIMAL.replace("120000.10", "0.1").replace("min: 100000", "min: 0.05")
    ladder = dualladder.loads(text)
    band = ladder.levels[0].pay
    assert band is not None
    assert band.mid == Decimal("0.1") and band.min == Decimal("0.05")


def test_merge_keys_are_expanded_and_located() -> None:
    text = MINIMAL + (
        "x-defaults: &base {scope: team}\n"
    )
    # x-defaults is an unknown top-level field: reported, not silently dropped
    assert [f.code for f in read_text(text).findings] == ["DL002"]
    merged = MINIMAL.replace(
        "      - {level: L5, title: Engineering Manager, scope: team}",
        "      - &em {level: L5, title: Engineering Manager, scope: team}",
    ).replace(
        "      - level: L5\n        title: Senior Engineer\n        scope: team\n",
        "      - <<: *em\n        title: Senior Engineer\n",
    )
    ladder = dualladder.loads(merged)
    rung = ladder.tracks["technical"].rungs[0]
    assert (rung.level, rung.title, rung.scope) == ("L5", "Senior Engineer", Scope.TEAM)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "DL002"),
        ("# only a comment\n", "DL002"),
        ("- a\n- b\n", "DL002"),
        ("just a string", "DL002"),
        ("a: [1, 2\n", "DL001"),
        ("a: 1\n---\nb: 2\n", "DL001"),
        ("- &a [*a]\n", "DL001"),
        ("a: !!python/object:os.system x\n", "DL002"),
        ("key: \"\\x\"\n", "DL001"),
        ("dualladder: 1\n\tx: 1\n", "DL001"),
    ],
)
def test_broken_documents_become_findings(text: str, code: str) -> None:
    findings = read_text(text, "bad.yaml").findings
    assert findings and findings[0].code == code
    with pytest.raises(LadderError) as err:
        dualladder.loads(text, source="bad.yaml")
    assert str(err.value).startswith("bad.yaml:")
    assert "\n" not in str(err.value)


def test_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 8):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    findings = read_text("\n".join(lines) + "\n").findings
    assert [f.code for f in findings] == ["DL001"]
    assert f"{MAX_NODES:,}" in findings[0].message


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"dualladder: 1\norganization: Caf\xe9\n")
    (finding,) = read(path).findings
    assert (finding.code, finding.line, finding.column) == ("DL001", 2, 18)


def test_missing_file_raises_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        dualladder.load(tmp_path / "nope.yaml")


# -- properties -----------------------------------------------------------------------------------


@given(ladders)
def test_model_to_yaml_to_model_round_trip(ladder: Ladder) -> None:
    text = dualladder.dumps(ladder)
    again = dualladder.loads(text)
    assert again == ladder
    assert dualladder.dumps(again) == text


@given(st.data())
def test_mangled_files_never_crash_and_findings_point_at_real_lines(data: st.DataObject) -> None:
    text = (LADDERS[0]).read_text(encoding="utf-8")
    # cut, duplicate or overwrite a few slices of a real ladder file
    for _ in range(data.draw(st.integers(1, 4))):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 40)))
        pieces = ["", ":", "- ", "\n", "  ", "{", "'", "010", text[start:end]]
        insert = data.draw(st.sampled_from(pieces))
        text = text[:start] + insert + text[end:]
    result = read_text(text, "mangled.yaml")
    lines = text.count("\n") + 1
    for finding in result.findings:
        assert finding.code.startswith("DL0")
        assert 1 <= finding.line <= lines, finding
        assert finding.column >= 1
    assert (result.ladder is None) == bool(result.findings)


@given(st.text(max_size=200))
def test_any_text_is_a_ladder_or_findings(text: str) -> None:
    result = read_text(text)
    assert (result.ladder is None) == bool(result.findings)


@pytest.mark.parametrize(
    ("path", "key", "hint"),
    [
        ("ladders/kestrel/company.yaml", "dualladder-company", "dualladder.load_company"),
        ("examples/plans/senior-to-staff.yaml", "dualladder-plan", "dualladder.plan.read_plan"),
    ],
)
def test_another_kind_of_file_read_as_a_ladder_says_which_at_its_version_key(
    path: str, key: str, hint: str
) -> None:
    file = ROOT / path
    result = dualladder.read(file)
    assert result.ladder is None
    (finding,) = result.findings
    assert finding.code == "DL002" and finding.loc == (key,)
    assert hint in finding.message and "not a ladder" in finding.message
    lines = file.read_text("utf-8").splitlines()
    assert lines[finding.line - 1][finding.column - 1:].startswith(key)
