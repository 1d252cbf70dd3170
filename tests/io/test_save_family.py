"""``dualladder.save`` of a job family read with its company, and ``dualladder.save_company``:
each file gets only its own data, changed only where the edit is."""

from __future__ import annotations

import difflib
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from paths import DATA, KESTREL

import dualladder
from dualladder import TECHNICAL, Band, Differential, Rung
from dualladder._internal.io.company.read import load_company_file
from dualladder._internal.io.save import edited, saves
from dualladder.company import CompanyEdit

ZONES = DATA / "company" / "positive" / "zones"


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0):
        if line.startswith("-") and not line.startswith("---"):
            removed.append(line[1:])
        elif line.startswith("+") and not line.startswith("+++"):
            added.append(line[1:])
    return removed, added


@pytest.fixture
def kestrel(tmp_path: Path) -> Path:
    folder = tmp_path / "kestrel"
    shutil.copytree(KESTREL, folder)
    return folder


@pytest.fixture
def zones(tmp_path: Path) -> Path:
    folder = tmp_path / "zones"
    shutil.copytree(ZONES, folder)
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# -- a family's own data -------------------------------------------------------------------------


def test_renaming_a_rung_of_a_family_changes_only_that_line(kestrel: Path) -> None:
    path = kestrel / "engineering.yaml"
    ladder = dualladder.load(path)
    rung = ladder.rung(TECHNICAL, "L6")
    assert rung is not None
    rung.title = "Staff Engineer"
    before = _files(kestrel)
    dualladder.save(ladder, path)
    assert changed_lines(before["engineering.yaml"].decode(), path.read_text()) == (
        ["        title: Staff Software Engineer"], ["        title: Staff Engineer"],
    )
    after = _files(kestrel)
    assert {k for k in after if after[k] != before[k]} == {"engineering.yaml"}
    assert dualladder.load(path) == ladder


def test_a_family_file_never_gets_the_companys_levels_or_bands(kestrel: Path) -> None:
    path = kestrel / "engineering.yaml"
    ladder = dualladder.load(path)
    ladder.tracks[TECHNICAL].rungs.pop()
    ladder.rung("management", "L5").expectations.append("Runs the hiring loop")  # type: ignore[union-attr]
    # The appended expectation lands in a list the file shares through an anchor: save says it
    # writes the file whole (docs/python-api.md), and this test holds it to saying so.
    with pytest.warns(UserWarning, match="shares through an anchor"):
        dualladder.save(ladder, path)
    text = path.read_text()
    for key in ("levels", "pay", "organization", "policy", "currency", "effective"):
        assert f"\n{key}:" not in text and f" {key}:" not in text.replace("levels: [", "")
    assert dualladder.load(path) == ladder


def test_changing_a_differentials_factor_changes_its_line_and_the_bands_that_follow_it(
    kestrel: Path,
) -> None:
    path = kestrel / "data.yaml"
    ladder = dualladder.load(path)
    company_band = ladder.company.band("L6")  # type: ignore[union-attr]
    assert company_band is not None
    ladder.differentials[0].factor = Decimal("1.10")
    assert edited(ladder)
    old = path.read_text()
    dualladder.save(ladder, path)
    assert changed_lines(old, path.read_text()) == (["    factor: 1.06"], ["    factor: 1.10"])
    band = ladder.level("L6").pay  # type: ignore[union-attr]
    assert band is not None and band.min == company_band.min * Decimal("1.10")
    assert dualladder.load(path) == ladder
    assert not edited(dualladder.load(path))


def test_a_differential_added_to_a_family_is_written_in_the_house_style(kestrel: Path) -> None:
    path = kestrel / "engineering.yaml"
    ladder = dualladder.load(path)
    ladder.differentials.append(
        Differential(level="L8", pay=Band(min=250000, mid=290000, max=330000),
                     reason="the market for distinguished engineers")
    )
    old = path.read_text()
    dualladder.save(ladder, path)
    new = path.read_text()
    assert changed_lines(old, new)[0] == []
    assert new == old.replace("family: Engineering\n", (
        "family: Engineering\n"
        "\n"
        "differentials:\n"
        "  - level: L8\n"
        "    pay: {min: 250000, mid: 290000, max: 330000}\n"
        "    reason: the market for distinguished engineers\n"
    ))
    again = dualladder.load(path)
    assert again == ladder
    assert again.level("L8").pay == Band(min=250000, mid=290000, max=330000)  # type: ignore[union-attr]


def test_a_band_the_family_pays_through_its_differential_pay_is_written_there(
    zones: Path,
) -> None:
    path = zones / "data.yaml"
    ladder = dualladder.load(path)
    level = ladder.level("L5")
    assert level is not None
    level.pay = Band(min=126000, mid=147000, max=168000)
    old = path.read_text()
    dualladder.save(ladder, path)
    assert changed_lines(old, path.read_text()) == (
        ["    pay: {min: 125000, mid: 146000, max: 167000}"],
        ["    pay: {min: 126000, mid: 147000, max: 168000}"],
    )
    assert dualladder.load(path) == ladder


def test_a_policy_key_or_level_name_set_on_a_family_becomes_the_familys_override(
    kestrel: Path,
) -> None:
    path = kestrel / "design.yaml"
    ladder = dualladder.load(path)
    ladder.policy.pay_tolerance = Decimal("0.02")
    ladder.level("L4").name = "Growing"  # type: ignore[union-attr]
    old = path.read_text()
    dualladder.save(ladder, path)
    removed, added = changed_lines(old, path.read_text())
    assert removed == []
    assert [line for line in added if line] == [
        "policy:", "  pay_tolerance: 0.02", "levels:", "  - id: L4", "    name: Growing",
    ]
    again = dualladder.load(path)
    assert again == ladder
    assert again.company.policy.pay_tolerance == 0  # type: ignore[union-attr]
    assert again.company.level("L4").name == "Developing"  # type: ignore[union-attr]
    assert (kestrel / "company.yaml").read_bytes() == (KESTREL / "company.yaml").read_bytes()


def test_an_edit_of_a_family_never_changes_its_company() -> None:
    ladder = dualladder.load(KESTREL / "data.yaml")
    company = ladder.company
    assert company is not None
    ladder.policy.seat_at_the_table.append("hiring")
    ladder.level("L3").name = "Junior"  # type: ignore[union-attr]
    assert company.policy.seat_at_the_table == ["strategy"]
    assert company.level("L3").name == "Entry"  # type: ignore[union-attr]
    assert ladder.level("L3").pay is not company.level("L3").pay  # type: ignore[union-attr]


def test_a_family_s_level_steps_are_its_own(tmp_path: Path) -> None:
    """A family's copy of a company level shares no step with the company's: an edit of one
    family's step changes neither the company nor another family."""
    kestrel = tmp_path / "kestrel"
    shutil.copytree(KESTREL, kestrel)
    company_file = kestrel / "company.yaml"
    text = company_file.read_text(encoding="utf-8")
    start = text.index("  - id: L3\n")
    end = text.index("\n  - id: ", start + 1)
    company_file.write_text(
        text[:end] + "\n    steps: [{id: '1', pay: 56000}, {id: '2', pay: 60000}]" + text[end:],
        encoding="utf-8",
    )
    data = dualladder.load(kestrel / "data.yaml")
    design = dualladder.load(kestrel / "design.yaml")
    steps = data.level("L3").steps  # type: ignore[union-attr]
    assert steps is not None and [s.pay for s in steps] == [Decimal(56000), Decimal(60000)]
    steps[0].pay = Decimal(57000)
    steps.append(steps[1].model_copy(update={"id": "3"}))
    company = data.company
    assert company is not None
    level = company.level("L3")
    assert level is not None and [s.pay for s in level.steps or []] == [56000, 60000]
    other = design.level("L3")
    assert other is not None and [s.pay for s in other.steps or []] == [56000, 60000]


# -- what only the company file holds ------------------------------------------------------------


def _refused(ladder: dualladder.Ladder, path: Path, *words: str) -> str:
    before = _files(path.parent)
    with pytest.raises(CompanyEdit) as caught:
        dualladder.save(ladder, path)
    assert _files(path.parent) == before
    message = str(caught.value)
    for word in words:
        assert word in message
    return message


def _refused_now(edit: Callable[[], object], *words: str) -> str:
    """An edit the family file cannot hold is refused when it is made, and changes nothing."""
    with pytest.raises(CompanyEdit) as caught:
        edit()
    message = str(caught.value)
    for word in words:
        assert word in message
    return message


def test_raising_a_band_the_family_inherits_is_refused_and_says_to_edit_the_company(
    kestrel: Path,
) -> None:
    path = kestrel / "engineering.yaml"
    ladder = dualladder.load(path)
    level = ladder.level("L6")
    assert level is not None and level.pay is not None
    before = level.pay

    def edit() -> None:
        level.pay = Band(min=170000, mid=195000, max=220000)

    message = _refused_now(edit, "save_company", "differential")
    assert message.startswith(f"{kestrel / 'company.yaml'}:30:10: ")
    assert level.pay is before and not edited(ladder)
    assert isinstance(CompanyEdit("x"), ValueError)


def test_an_amount_of_a_band_the_family_inherits_is_refused_and_put_back(kestrel: Path) -> None:
    ladder = dualladder.load(kestrel / "engineering.yaml")
    band = ladder.level("L6").pay  # type: ignore[union-attr]
    assert band is not None

    def edit() -> None:
        band.mid = Decimal(200000)

    _refused_now(edit, "company's", "save_company")
    assert band.mid == Decimal(190000) and not edited(ladder)


def test_a_band_that_follows_a_differentials_factor_is_refused_at_the_factor(
    kestrel: Path,
) -> None:
    path = kestrel / "data.yaml"
    ladder = dualladder.load(path)

    def edit() -> None:
        ladder.level("L7").pay = Band(min=1, mid=2, max=3)  # type: ignore[union-attr]

    message = _refused_now(edit, "factor", "ladder.differentials[1].factor")
    assert message.startswith(f"{path}:16:13: ")
    assert not edited(ladder)


@pytest.mark.parametrize("edit", ["organization", "currency", "levels"])
def test_the_companys_values_and_scale_are_refused(kestrel: Path, edit: str) -> None:
    path = kestrel / "design.yaml"
    ladder = dualladder.load(path)
    if edit == "organization":
        message = _refused_now(lambda: setattr(ladder, "organization", "Kestrel Design"),
                               "organization", "Kestrel Analytics", "company file")
        assert ladder.organization == "Kestrel Analytics"
    elif edit == "currency":
        message = _refused_now(lambda: setattr(ladder, "currency", "EUR"),
                               "currency", "USD", "company file")
        assert ladder.currency == "USD"
    else:
        ladder.levels.pop()  # inside a list: the model cannot see it; save refuses it
        message = _refused(ladder, path, "scale", "L8", "company file", "save_company")
    assert message.startswith(str(kestrel / "company.yaml") + ":")


def test_a_family_whose_company_has_unsaved_edits_is_refused(kestrel: Path) -> None:
    path = kestrel / "data.yaml"
    ladder = dualladder.load(path)
    assert ladder.company is not None
    ladder.company.levels[0].name = "Junior"
    ladder.rung(TECHNICAL, "L3").title = "Data Analyst"  # type: ignore[union-attr]
    _refused(ladder, path, "unsaved changes", "save_company")


def test_check_of_an_edited_family_points_at_the_lines_its_saved_file_will_have(
    kestrel: Path,
) -> None:
    path = kestrel / "data.yaml"
    ladder = dualladder.load(path)
    ladder.tracks[TECHNICAL].rungs.insert(0, Rung(level="L3", title="Intern"))
    report = dualladder.check(ladder)
    assert report.codes == ["DL005"]
    finding = report.findings[0]
    text = saves(ladder).splitlines()
    assert finding.file == str(path)
    assert text[finding.line - 1].strip() == "- level: L3"
    assert "Associate Data Scientist" in text[finding.line]


# -- the company file ----------------------------------------------------------------------------


def test_raising_one_company_band_changes_only_that_line(kestrel: Path) -> None:
    path = kestrel / "company.yaml"
    company = load_company_file(path)
    level = company.level("L6")
    assert level is not None
    level.pay = Band(min=170000, mid=196000, max=222000)
    old = path.read_text()
    dualladder.save_company(company, path)
    assert changed_lines(old, path.read_text()) == (
        ["    pay: {min: 165000, mid: 190000, max: 215000}"],
        ["    pay: {min: 170000, mid: 196000, max: 222000}"],
    )
    again = dualladder.load_company(kestrel)
    assert again.level("L6").pay == level.pay  # type: ignore[union-attr]
    data = again.family("Data")
    assert data is not None and data.level("L5").pay == again.band("L5")  # type: ignore[union-attr]


def test_a_zone_band_and_factor_change_in_place(kestrel: Path) -> None:
    path = kestrel / "company.yaml"
    company = load_company_file(path)
    sf, berlin = company.zones
    sf.factor = Decimal("1.2")
    berlin.bands["L8"] = Band(min=130000, mid=150000, max=170000)
    old = path.read_text()
    dualladder.save_company(company, path)
    assert changed_lines(old, path.read_text()) == (
        ["    factor: 1.15", "      L8: {min: 126000, mid: 146000, max: 166000}"],
        ["    factor: 1.2", "      L8: {min: 130000, mid: 150000, max: 170000}"],
    )
    assert load_company_file(path) == company


def test_a_company_that_does_not_hold_is_not_written(kestrel: Path) -> None:
    path = kestrel / "company.yaml"
    company = load_company_file(path)
    company.zones[1].bands["L9"] = Band(min=1, mid=2, max=3)  # a level the scale lacks
    before = path.read_bytes()
    with pytest.raises(dualladder.LadderError) as caught:
        dualladder.save_company(company, path)
    assert [f.code for f in caught.value.findings] == ["DL004"]
    assert path.read_bytes() == before


def test_a_company_built_in_python_is_written_in_the_house_style(tmp_path: Path) -> None:
    company = load_company_file(KESTREL / "company.yaml")
    built = dualladder.Company.model_validate(company.model_dump(by_alias=True))
    out = tmp_path / "company.yaml"
    dualladder.save_company(built, out)
    text = out.read_text()
    assert "    pay: {min: 95000, mid: 110000, max: 125000}\n" in text
    assert "      L3: {min: 55000, mid: 63000, max: 71000}\n" in text
    assert load_company_file(out) == company
