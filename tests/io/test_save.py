"""``dualladder.save``: an edit changes only its own lines of the file; everything else (comments,
key order, quoting, flow or block style, blank lines) stays byte for byte."""

from __future__ import annotations

import difflib
import os
import re
import tempfile
import warnings
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from paths import ACME, DATA, KESTREL, ROOT

import dualladder
from dualladder import TECHNICAL, Band, Decision, Ladder, LadderError, Level, Rung
from dualladder._internal.io.save import saves

LADDERS = sorted((ROOT / "ladders").glob("*.yaml"))
POSITIVE = sorted((DATA / "positive").glob("*.yaml"))
#: Every file under ladders/ (the company folder kestrel/ included) and the clean companies of
#: the tests: job families, company files and standalone ladders.
EVERY_FILE = sorted((ROOT / "ladders").rglob("*.yaml")) + sorted(
    (DATA / "company" / "positive").rglob("*.yaml")
) + sorted((DATA / "company" / "base").glob("*.yaml"))


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    """The lines removed and the lines added, as a line diff shows them."""
    removed, added = [], []
    for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0):
        if line.startswith("-") and not line.startswith("---"):
            removed.append(line[1:])
        elif line.startswith("+") and not line.startswith("+++"):
            added.append(line[1:])
    return removed, added


@pytest.fixture
def acme(tmp_path: Path) -> Path:
    copy = tmp_path / "acme.yaml"
    copy.write_bytes(ACME.read_bytes())
    return copy


# -- unchanged ladders --------------------------------------------------------------------------


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_every_file_under_ladders_is_saved_unchanged_below() -> None:
    kinds = {"company" if "dualladder-company" in p.read_text() else
             "family" if "\ncompany:" in p.read_text() else "ladder" for p in EVERY_FILE}
    assert kinds == {"company", "family", "ladder"}
    assert KESTREL / "company.yaml" in EVERY_FILE


@pytest.mark.parametrize("path", EVERY_FILE + POSITIVE, ids=_name)
def test_an_unchanged_ladder_saves_byte_identical(path: Path, tmp_path: Path) -> None:
    out = tmp_path / path.name
    if "dualladder-company" in path.read_text():
        from dualladder._internal.io.company.read import load_company_file

        dualladder.save_company(load_company_file(path), out)
    else:
        ladder = dualladder.load(path)
        dualladder.save(ladder, out)
    assert out.read_bytes() == path.read_bytes()


@pytest.mark.parametrize(
    "path", [p for p in EVERY_FILE if "dualladder-company" not in p.read_text()] + POSITIVE,
    ids=_name,
)
def test_an_edit_undone_saves_byte_identical(path: Path) -> None:
    ladder = dualladder.load(path)
    _, _, rung = next(ladder.rungs())
    title = rung.title
    rung.title = title + " (acting)"
    assert saves(ladder) != path.read_text()
    rung.title = title
    assert saves(ladder) == path.read_text()


# -- edits change only their own lines ----------------------------------------------------------


def test_raising_one_band_changes_only_that_bands_line(acme: Path) -> None:
    ladder = dualladder.load(acme)
    ladder.level("L6").pay = Band(min=180000, mid=211000, max=242000)  # type: ignore[union-attr]
    before = acme.read_text()
    dualladder.save(ladder, acme)
    assert changed_lines(before, acme.read_text()) == (
        ["    pay: {min: 175000, mid: 205000, max: 235000}"],
        ["    pay: {min: 180000, mid: 211000, max: 242000}"],
    )


def test_one_amount_changes_only_its_own_characters(acme: Path) -> None:
    ladder = dualladder.load(acme)
    band = ladder.level("L6").pay  # type: ignore[union-attr]
    assert band is not None
    band.max = 240000  # type: ignore[assignment]
    new = saves(ladder)
    old = acme.read_text()
    assert new == old.replace("mid: 205000, max: 235000}", "mid: 205000, max: 240000}")


def test_renaming_a_title_changes_only_the_title_line(acme: Path) -> None:
    ladder = dualladder.load(acme)
    rung = ladder.rung(TECHNICAL, "L6")
    assert rung is not None
    rung.title = "Staff Engineer"
    assert changed_lines(acme.read_text(), saves(ladder)) == (
        ["        title: Staff Software Engineer"],
        ["        title: Staff Engineer"],
    )


def test_adding_a_rung_and_a_level_only_adds_lines_in_the_house_style(acme: Path) -> None:
    ladder = dualladder.load(acme)
    ladder.levels.append(Level(id="L11", name="Chief", pay=Band(min=1, mid=2, max=3)))
    ladder.tracks[TECHNICAL].rungs.append(
        Rung(
            level="L11",
            title="Chief Scientist",
            scope="industry",  # type: ignore[arg-type]
            expectations=["Sets the research agenda of the whole company and its partners"],
            decisions=[Decision(domain="research", authority="decides", scope="industry")],  # type: ignore[arg-type]
        )
    )
    old = acme.read_text()
    new = saves(ladder)
    removed, added = changed_lines(old, new)
    rung = [
        "      - level: L11",
        "        title: Chief Scientist",
        "        scope: industry",
        "        expectations:",
        "          - Sets the research agenda of the whole company and its partners",
        "        decisions:",
        "          - {domain: research, authority: decides, scope: industry}",
    ]
    level = ["  - id: L11", "    name: Chief", "    pay: {min: 1, mid: 2, max: 3}"]
    assert removed == []
    assert sorted(added) == sorted([*level, "", *rung])
    assert "    pay: {min: 325000, mid: 390000, max: 455000}\n" + "\n".join(level) + "\n\n" in new
    assert "\n\n" + "\n".join(rung) + "\n\ncrossover:\n" in new
    assert dualladder.loads(new) == ladder


def test_removing_a_rung_removes_its_lines_and_one_blank_line(acme: Path) -> None:
    ladder = dualladder.load(acme)
    rungs = ladder.tracks["management"].rungs
    gone = rungs.pop(1)
    old = acme.read_text()
    new = saves(ladder)
    removed, added = changed_lines(old, new)
    assert added == []
    assert len(removed) == len(old.splitlines()) - len(new.splitlines())
    assert f"title: {gone.title}\n" not in new and "\n\n\n" not in new
    assert dualladder.loads(new) == ladder


def test_a_field_set_to_none_or_its_default_loses_its_line(acme: Path) -> None:
    ladder = dualladder.load(acme)
    rung = ladder.rung(TECHNICAL, "L6")
    assert rung is not None
    rung.code = None
    rung.aliases = []
    removed, added = changed_lines(acme.read_text(), saves(ladder))
    assert (removed, added) == (["        code: SWE4", "        aliases: [Staff Engineer]"], [])


def test_a_new_key_goes_after_the_key_before_it_in_the_format(acme: Path) -> None:
    ladder = dualladder.load(acme)
    rung = ladder.rung(TECHNICAL, "L4")
    assert rung is not None
    rung.aliases = ["Engineer II", "SWE II"]
    new = saves(ladder).splitlines()
    at = new.index("        code: SWE2")
    assert new[at + 1] == "        aliases: [Engineer II, SWE II]"


def test_a_policy_added_to_a_file_without_one_stands_between_blank_lines(acme: Path) -> None:
    ladder = dualladder.load(acme)
    ladder.policy.pay_tolerance = Decimal("0.02")
    removed, added = changed_lines(acme.read_text(), saves(ladder))
    assert removed == []
    assert added == ["", "policy:", "  pay_tolerance: 0.02"]
    assert "effective: 2026-01-01\n\npolicy:\n  pay_tolerance: 0.02\n\nlevels:" in saves(ladder)


# -- quoting and scalar styles stay -------------------------------------------------------------

STYLED = """\
# styles
dualladder: 1
organization: 'Single Quoted'
family: "Double Quoted"
levels:
  - id: "010"
  - id: "020"
tracks:
  management:
    rungs:
      - level: "010"
        title: Manager
        summary: |-
          First line.
          Second line.
  technical:
    rungs:
      - level: "010"
        title: Engineer
        summary: >-
          A folded summary that runs over two lines of the file so that a
          reader sees it whole.
"""


def test_quoting_and_block_styles_are_kept() -> None:
    ladder = dualladder.loads(STYLED)
    ladder.organization = "Other Org"
    ladder.family = "Other Family"
    ladder.tracks["management"].rungs[0].summary = "One.\nTwo.\nThree."
    ladder.tracks[TECHNICAL].rungs[0].summary = "A new folded summary. " * 5 + "End."
    text = saves(ladder)
    assert "organization: 'Other Org'\n" in text
    assert 'family: "Other Family"\n' in text
    assert "        summary: |-\n          One.\n          Two.\n          Three.\n" in text
    assert "        summary: >-\n          A new folded summary. A new folded summary." in text
    assert dualladder.loads(text) == ladder


@pytest.mark.parametrize(
    "title",
    ["yes", "123", "2026-01-01", "a: b", "# not a comment", "it's", "line\nbreak", "tab\there",
     "bell\x07", " padded ", "[x]", "null", "é ü ß", "\u2028"],
)
def test_a_new_text_is_quoted_when_yaml_would_read_it_otherwise(title: str) -> None:
    ladder = dualladder.loads(STYLED)
    ladder.tracks[TECHNICAL].rungs[0].title = title
    text = saves(ladder)
    assert dualladder.loads(text).tracks[TECHNICAL].rungs[0].title == title
    assert text.startswith("# styles\n")


def test_crlf_files_stay_crlf(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    path.write_bytes(ACME.read_bytes().replace(b"\n", b"\r\n"))
    ladder = dualladder.load(path)
    ladder.tracks[TECHNICAL].rungs.append(Rung(level="L11", title="Chief"))
    ladder.levels.append(Level(id="L11"))
    dualladder.save(ladder, path)
    raw = path.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n")
    assert dualladder.load(path) == ladder


# -- a ladder built in Python -------------------------------------------------------------------


def _without_comments(text: str) -> str:
    body = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    return "\n".join(body).lstrip("\n") + "\n"


def test_a_ladder_built_in_python_is_written_like_the_files_in_ladders() -> None:
    loaded = dualladder.load(ACME)
    built = Ladder.model_validate(loaded.model_dump(by_alias=True))
    assert built.source is None
    assert saves(built) == _without_comments(ACME.read_text())


@pytest.mark.parametrize("path", LADDERS + POSITIVE, ids=lambda p: p.stem)
def test_every_ladder_built_in_python_saves_and_loads_back(path: Path, tmp_path: Path) -> None:
    built = Ladder.model_validate(dualladder.load(path).model_dump(by_alias=True))
    dualladder.save(built, tmp_path / "out.yaml")
    assert dualladder.load(tmp_path / "out.yaml") == built


# -- anchors, refusals, atomic write ------------------------------------------------------------

ANCHORED = """\
# anchors
dualladder: 1
organization: Acme
family: Engineering
levels:
  - id: L1
    pay: &band {min: 100, mid: 110, max: 120}
  - id: L2
    pay: *band
tracks:
  management:
    rungs:
      - {level: L1, title: Manager}
  technical:
    rungs:
      - {level: L1, title: Engineer}
"""


def test_an_edit_beside_an_anchor_is_made_in_place() -> None:
    ladder = dualladder.loads(ANCHORED)
    ladder.tracks[TECHNICAL].rungs[0].title = "Developer"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        text = saves(ladder)
    assert text == ANCHORED.replace("title: Engineer", "title: Developer")


def test_an_edit_of_a_shared_value_rewrites_the_file_and_says_so() -> None:
    ladder = dualladder.loads(ANCHORED)
    ladder.levels[1].pay = Band(min=200, mid=210, max=220)
    with pytest.warns(UserWarning, match="anchor"):
        text = saves(ladder)
    assert text.startswith("# anchors\n")
    loaded = dualladder.loads(text)
    assert loaded == ladder and loaded.levels[0].pay == Band(min=100, mid=110, max=120)


def test_save_refuses_a_ladder_that_does_not_hold_and_writes_nothing(acme: Path) -> None:
    before = acme.read_bytes()
    ladder = dualladder.load(acme)
    ladder.tracks[TECHNICAL].rungs.append(Rung(level="L99", title="Ghost"))
    with pytest.raises(LadderError) as exc:
        dualladder.save(ladder, acme)
    (finding,) = exc.value.findings
    assert finding.code == "DL004" and finding.file == str(acme)
    assert "L99" in saves(ladder).splitlines()[finding.line - 1]
    assert acme.read_bytes() == before


def test_a_failed_write_leaves_the_old_file(acme: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = acme.read_bytes()
    ladder = dualladder.load(acme)
    ladder.family = "Robotics"

    def broken(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        dualladder.save(ladder, acme)
    assert acme.read_bytes() == before
    assert [p.name for p in acme.parent.iterdir()] == [acme.name]


# -- check() on an edited ladder ----------------------------------------------------------------


def test_check_of_an_unchanged_ladder_points_into_its_file() -> None:
    path = DATA / "negative" / "DL103.yaml"
    from dualladder.rules import check_file

    assert dualladder.check(dualladder.load(path)) == check_file(path)


def test_check_of_an_edited_ladder_points_at_the_lines_the_saved_file_will_have(
    acme: Path,
) -> None:
    ladder = dualladder.load(acme)
    ladder.tracks["management"].rungs.pop(0)  # every later line moves up
    rung = ladder.rung(TECHNICAL, "L7")
    assert rung is not None
    rung.pay = Band(min=205000, mid=262000, max=279000)  # DL103 against the management L7
    report = dualladder.check(ladder)
    dl103 = [f for f in report if f.code == "DL103"]
    assert dl103 and {f.file for f in report} == {str(acme)}
    dualladder.save(ladder, acme)
    saved = acme.read_text().splitlines()
    for finding in dl103:
        assert "262000" in saved[finding.line - 1] or "pay" in saved[finding.line - 1]
    assert dualladder.check(dualladder.load(acme)).findings == report.findings


def test_check_reports_whole_ladder_problems_with_the_code_a_file_gets() -> None:
    ladder = dualladder.load(ACME)
    ladder.tracks[TECHNICAL].rungs.append(Rung(level="L99", title="Ghost"))
    ladder.tracks[TECHNICAL].rungs.append({"level": "L3"})  # type: ignore[arg-type]
    report = dualladder.check(ladder)
    assert sorted(report.codes) == ["DL002", "DL004", "DL005"]
    text = saves(ladder).splitlines()
    for finding in report:
        assert finding.file == str(ACME)
        assert text[finding.line - 1].startswith("      - level: L")


# -- property: random edits save and load back ---------------------------------------------------

SOURCES = [*LADDERS, *POSITIVE]
TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufeff"),
    min_size=1,
    max_size=24,
)
WORDS = st.text(st.sampled_from("abcdefgh :#'\"-"), min_size=1, max_size=70)


@st.composite
def edits(draw: st.DrawFn) -> tuple[Path, Ladder]:
    path = draw(st.sampled_from(SOURCES))
    ladder = dualladder.load(path)
    for _ in range(draw(st.integers(1, 6))):
        rungs = [(key, rung) for key, _, rung in ladder.rungs()]
        key, rung = draw(st.sampled_from(rungs))
        action = draw(st.sampled_from([
            "band", "level band", "title", "summary", "code", "aliases", "expectations",
            "remove", "add", "level", "policy", "scope", "decision",
        ]))
        if action == "band":
            if getattr(rung, "withheld_pay", None) is not None:
                rung.withheld_pay = None  # a band and a withheld band exclude each other
            low = draw(st.integers(1, 10**6))
            rung.pay = Band(min=low, mid=low + draw(st.integers(0, 9999)), max=low + 10**4)
        elif action == "level band":
            level = draw(st.sampled_from(ladder.levels))
            if getattr(level, "withheld_pay", None) is not None:
                level.withheld_pay = None
            base = level.pay.min if level.pay else Decimal(1000)
            factor = Decimal(draw(st.sampled_from(["1.03", "0.97", "1.5"])))
            level.pay = Band(min=base * factor, mid=base * factor * 2, max=base * factor * 3)
        elif action == "title":
            rung.title = draw(TEXT)
        elif action == "summary":
            rung.summary = draw(st.none() | WORDS | TEXT)
        elif action == "code":
            rung.code = draw(st.none() | TEXT)
        elif action == "aliases":
            rung.aliases = draw(st.lists(WORDS, max_size=3))
        elif action == "expectations":
            rung.expectations = draw(st.lists(WORDS, max_size=3))
        elif action == "remove":
            ladder.tracks[key].rungs.remove(rung)
        elif action == "add":
            used = {r.level for r in ladder.tracks[key].rungs}
            free = [lv.id for lv in ladder.levels if lv.id not in used]
            if free:
                new = Rung(level=draw(st.sampled_from(free)), title=draw(WORDS))
                rungs_of = ladder.tracks[key].rungs
                rungs_of.insert(draw(st.integers(0, len(rungs_of))), new)
        elif action == "level":
            ladder.levels.append(Level(id=f"X{len(ladder.levels)}", name=draw(st.none() | WORDS)))
        elif action == "policy":
            ladder.policy.pay_tolerance = Decimal(draw(st.integers(0, 99))) / 100
        elif action == "scope":
            rung.scope = draw(st.sampled_from([None, "team", "company"]))
        elif action == "decision":
            rung.decisions = [
                Decision(domain=draw(WORDS), authority="decides", scope="team")  # type: ignore[arg-type]
            ] if draw(st.booleans()) else None
    return path, ladder


def _comments(text: str) -> list[str]:
    return re.findall(r"(?m)^\s*#.*$", text)


@given(edits())
def test_random_edits_save_and_load_back_as_the_edited_ladder(case: tuple[Path, Ladder]) -> None:
    path, ladder = case
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / path.name
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            dualladder.save(ladder, out)
        text = out.read_text()
    assert dualladder.loads(text) == ladder
    original = path.read_text()
    header = original[: original.index("dualladder: 1")]
    assert text.startswith(header)
    kept = _comments(text)
    assert all(c in kept for c in _comments(header))


def test_removing_the_value_that_holds_an_anchor_an_alias_still_names_rewrites_the_file() -> None:
    text = ANCHORED.replace(
        "      - {level: L1, title: Manager}",
        "      - {level: L1, title: Manager, rewards: &r {equity: 5}}\n"
        "      - {level: L2, title: Director}",
    ).replace("      - {level: L1, title: Engineer}",
              "      - {level: L1, title: Engineer, rewards: *r}")
    ladder = dualladder.loads(text)
    ladder.tracks["management"].rungs.pop(0)  # the rung that defines &r
    with pytest.warns(UserWarning, match="anchor"):
        saved = saves(ladder)
    assert dualladder.loads(saved) == ladder
