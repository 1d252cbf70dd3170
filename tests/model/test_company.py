"""A company: the company file, its job families and pay zones (issue 11).

Folders under tests/data/company/negative/ report exactly the findings their ``# expect:``
comments mark, in whichever of their files (company or family) the comment stands; folders
under positive/ (and the example company in ladders/kestrel/) report none.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from expect import expectations
from paths import DATA, KESTREL

import dualladder
from dualladder._internal.util.catalog import CATALOG
from dualladder._internal.util.findings import LadderError
from dualladder.company import Company, load_company
from dualladder.rules import check, check_file, check_paths

COMPANY = DATA / "company"
NEGATIVE = sorted(p for p in (COMPANY / "negative").iterdir() if p.is_dir())
POSITIVE = sorted(p for p in (COMPANY / "positive").iterdir() if p.is_dir())


def _expected(folder: Path) -> list[tuple[str, str, int, int | None]]:
    out = []
    for path in sorted(folder.glob("*.yaml")):
        out.extend((path.name, code, line, col) for code, line, col in expectations(path))
    return sorted(out, key=lambda t: (t[0], t[2], t[1]))


def _actual(folder: Path) -> list[tuple[str, str, int, int]]:
    report = check_paths([folder])
    return sorted(((Path(f.file).name, f.code, f.line, f.column) for f in report),
                  key=lambda t: (t[0], t[2], t[1]))


@pytest.mark.parametrize("folder", NEGATIVE, ids=lambda p: p.name)
def test_negative_folder_reports_exactly_its_marked_findings(folder: Path) -> None:
    expected = _expected(folder)
    assert expected, f"{folder.name} marks no expected finding"
    actual = _actual(folder)
    assert [a[:3] for a in actual] == [e[:3] for e in expected]
    for got, want in zip(actual, expected, strict=True):
        if want[3] is not None:
            assert got[3] == want[3], f"{got}: expected column {want[3]}"


@pytest.mark.parametrize("folder", NEGATIVE, ids=lambda p: p.name)
def test_negative_folder_is_named_for_the_rule_it_breaks(folder: Path) -> None:
    code = folder.name.split("-")[0]
    assert code in CATALOG
    assert code in {e[1] for e in _expected(folder)}


def test_every_company_code_has_a_negative_folder() -> None:
    covered = {p.name.split("-")[0] for p in NEGATIVE}
    assert sorted(c for c in CATALOG if c.startswith("DL5") and c not in covered) == []


@pytest.mark.parametrize("folder", [*POSITIVE, KESTREL], ids=lambda p: p.name)
def test_positive_company_is_clean(folder: Path) -> None:
    report = check_paths([folder])
    assert list(report) == []
    assert len(report.files) == len(list(folder.glob("*.yaml")))


# -- the old data gives the same findings through the company-aware validate -------------------


def test_old_data_gives_the_same_findings_file_by_file_and_as_a_folder() -> None:
    old = sorted((DATA / "negative").glob("*.yaml")) + sorted((DATA / "positive").glob("*.yaml"))
    one_by_one = [f for path in old for f in check_file(path)]
    together = check_paths(old)
    assert list(together) == sorted(one_by_one)
    assert together.findings  # the negative files do report


# -- loading: a family with its company applied -------------------------------------------------


def test_load_of_a_family_applies_the_company() -> None:
    data = dualladder.load(KESTREL / "data.yaml")
    assert data.organization == "Kestrel Analytics"
    assert data.currency == "USD"
    assert data.level_ids == ["L3", "L4", "L5", "L6", "L7", "L8"]
    assert data.policy.seat_at_the_table == ["strategy"]
    company = data.company
    assert isinstance(company, Company)
    assert company.organization == "Kestrel Analytics"
    assert data.zones == ["sf", "berlin"]
    # inherited band, and the band after the family's differential (L6 x 1.06)
    l5, l6 = data.level("L5"), data.level("L6")
    assert l5 is not None and l6 is not None and l5.pay is not None and l6.pay is not None
    assert (l5.pay.min, l5.pay.mid, l5.pay.max) == (138000, 158000, 178000)
    assert (l6.pay.min, l6.pay.mid, l6.pay.max) == (174900, 201400, 227900)


def test_band_of_a_rung_in_a_zone() -> None:
    data = dualladder.load(KESTREL / "data.yaml")
    staff = next(r for _, _, r in data.rungs() if r.title == "Staff Data Scientist")
    senior = next(r for _, _, r in data.rungs() if r.title == "Senior Data Scientist")
    sf = data.band(staff, zone="sf")  # 165,000 x 1.15 -> 190,000 (rounded to 1,000), x 1.06
    assert sf is not None
    assert (sf.min, sf.mid, sf.max) == (201000, 232000, 262000)
    berlin = data.band(senior, zone="berlin")  # an explicit zone band, no differential on L5
    assert berlin is not None and (berlin.min, berlin.mid, berlin.max) == (77000, 89000, 101000)
    berlin6 = data.band(staff, zone="berlin")  # explicit band x 1.06, whole euros
    assert berlin6 is not None and berlin6.mid == Decimal("111300")
    assert data.band(staff) == data.level("L6").pay  # type: ignore[union-attr]
    with pytest.raises(KeyError, match="no zone 'mars'"):
        data.band(staff, zone="mars")
    acme = dualladder.load(KESTREL.parent / "acme-robotics-engineering.yaml")
    assert acme.company is None and acme.zones == []
    with pytest.raises(ValueError, match="not a job family of a company"):
        acme.band(acme.tracks["technical"].rungs[0], zone="sf")


def test_load_company_gives_families_scale_and_zones() -> None:
    for given in (KESTREL, KESTREL / "company.yaml"):
        company = load_company(given)
        assert [f.family for f in company.families] == ["Data", "Design", "Engineering"]
        assert company.level_ids == ["L3", "L4", "L5", "L6", "L7", "L8"]
        assert company.zone_ids == ["sf", "berlin"]
        assert company.zone_currency(company.zones[1]) == "EUR"
        sf = company.band("L3", zone="sf")
        assert sf is not None and (sf.min, sf.mid, sf.max) == (109000, 127000, 144000)
        design = company.family("Design")
        assert design is not None and design.company is company
        assert company.family("Finance") is None
    assert dualladder.load_company is load_company


def test_load_company_refuses_a_folder_without_one_company(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="exactly one company file"):
        load_company(DATA / "positive")
    shutil.copytree(KESTREL, tmp_path / "a")
    shutil.copytree(KESTREL, tmp_path / "b")
    with pytest.raises(ValueError, match="found 2"):
        load_company(tmp_path)


def test_load_company_raises_the_findings_of_a_broken_family(tmp_path: Path) -> None:
    shutil.copytree(COMPANY / "negative" / "DL503", tmp_path / "c")
    with pytest.raises(LadderError) as caught:
        load_company(tmp_path / "c")
    assert {f.code for f in caught.value.findings} == {"DL503"}


def test_a_company_file_is_not_a_ladder() -> None:
    with pytest.raises(LadderError) as caught:
        dualladder.load(KESTREL / "company.yaml")
    (finding,) = caught.value.findings
    assert finding.code == "DL002" and "load_company" in finding.message
    assert (finding.line, finding.column) == (9, 1)


def test_a_family_whose_company_is_a_folder_is_dl504(tmp_path: Path) -> None:
    text = (COMPANY / "base" / "engineering.yaml").read_text(encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "eng.yaml").write_text(text.replace("company: company.yaml", "company: sub"),
                                       encoding="utf-8")
    with pytest.raises(LadderError) as caught:
        dualladder.load(tmp_path / "eng.yaml")
    (finding,) = caught.value.findings
    assert finding.code == "DL504" and "cannot be read" in finding.message


def test_a_family_changing_the_company_currency_is_refused(tmp_path: Path) -> None:
    shutil.copytree(COMPANY / "base", tmp_path, dirs_exist_ok=True)
    path = tmp_path / "engineering.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "family: Engineering", "family: Engineering\ncurrency: EUR"), encoding="utf-8")
    with pytest.raises(LadderError) as caught:
        dualladder.load(path)
    (finding,) = caught.value.findings
    assert finding.code == "DL002" and "inherits it" in finding.message
    assert finding.line == 5


def test_policy_is_merged_key_by_key() -> None:
    design = dualladder.load(COMPANY / "positive" / "zones" / "design.yaml")
    assert design.policy.ignore == ["DL107"]
    assert design.policy.pay_tolerance == Decimal("0.01")  # the company's
    assert design.level("L5").name == "Senior"  # type: ignore[union-attr]
    assert design.level("L4").name == "Developing"  # type: ignore[union-attr]


def test_a_merged_policy_is_a_deep_copy_that_shares_nothing_with_the_company() -> None:
    """The merge copies the company's policy as ``model_copy(deep=True)`` would (same values,
    same fields set), sharing no list or mapping with it."""
    from dualladder._internal.model.family import merged
    from dualladder._internal.model.ladder import Policy

    design = dualladder.load(COMPANY / "positive" / "zones" / "design.yaml")
    company, file = design.company, design.company_link.file  # type: ignore[union-attr]
    assert company is not None
    company.policy.severity = {"DL101": "warning"}
    for family in (file.policy, None, Policy(), Policy(ignore=["DL104"], severity={})):
        file.policy = family
        policy = merged(file, company)["policy"]
        own = family.model_fields_set if family is not None else set()
        deep = company.policy.model_copy(
            update={name: getattr(family, name) for name in own}, deep=True
        )
        assert policy.__dict__ == deep.__dict__ and policy == deep
        assert policy.model_fields_set == deep.model_fields_set
        for name, value in policy.__dict__.items():
            if isinstance(value, list | dict) and name not in own:
                assert value is not company.policy.__dict__[name], name


# -- checking: where findings point ---------------------------------------------------------------


def test_an_inherited_band_problem_points_into_the_company_file() -> None:
    folder = COMPANY / "negative" / "DL203-inherited"
    alone = check(dualladder.load(folder / "engineering.yaml"))
    (finding,) = alone
    assert Path(finding.file).name == "company.yaml" and finding.line == 8
    assert finding.message.startswith("Engineering: ")
    assert finding.path == "levels[1].pay"
    # together, the company's problem is reported once, not once per family
    together = check_paths([folder])
    assert [(Path(f.file).name, f.code) for f in together] == [("company.yaml", "DL203")]


def test_check_of_a_company_equals_validate_of_its_folder() -> None:
    folder = COMPANY / "negative" / "DL501"
    company = load_company(folder)
    assert list(check(company)) == list(check_paths([folder]))
    assert check(company, select=["DL103"]).codes == ["DL103"]


def test_a_zone_finding_names_its_zone() -> None:
    report = check_paths([COMPANY / "negative" / "DL103-zone"])
    (finding,) = report
    assert "in zone eu (Europe):" in finding.message
    assert finding.path == "zones[0].factor"


def test_a_company_built_in_python_is_checked() -> None:
    company = Company.model_validate({
        "dualladder-company": 1,
        "organization": "Py Co",
        "levels": [
            {"id": "A", "pay": {"min": 100, "mid": 120, "max": 140}},
            {"id": "B", "pay": {"min": 100, "mid": 110, "max": 140}},
        ],
    })
    report = check(company)
    assert report.codes == ["DL201"]
    assert report.findings[0].file == "<company>"
    assert report.findings[0].path == "levels[1].pay.mid"


def test_a_company_built_in_python_fails_like_its_file() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as caught:
        Company.model_validate({
            "dualladder-company": 1, "organization": "Py Co",
            "levels": [{"id": "A"}, {"id": "A"}],
            "zones": [{"id": "z", "bands": {"C": {"min": 1, "mid": 2, "max": 3}}}, {"id": "y"}],
        })
    types = sorted(err["type"] for err in caught.value.errors())
    assert types == ["DL002", "DL004", "DL005"]


def test_validating_a_family_reports_its_broken_company_file(tmp_path: Path) -> None:
    shutil.copytree(COMPANY / "base", tmp_path, dirs_exist_ok=True)
    company = tmp_path / "company.yaml"
    company.write_text(company.read_text(encoding="utf-8").replace(
        "mid: 140000, max: 160000", "mid: 100000, max: 160000"), encoding="utf-8")
    report = check_paths([tmp_path / "engineering.yaml"])
    assert [(Path(f.file).name, f.code) for f in report] == [
        ("company.yaml", "DL006"), ("engineering.yaml", "DL504")]


def test_a_family_naming_another_family_reports_only_dl504_for_it(tmp_path: Path) -> None:
    folder = COMPANY / "negative" / "DL504-not-a-company"
    report = check_paths([folder / "data.yaml"])
    assert [(Path(f.file).name, f.code) for f in report] == [("data.yaml", "DL504")]


def test_the_company_zones_example_script() -> None:
    import subprocess
    import sys

    script = str(KESTREL.parent.parent / "examples" / "company_zones.py")
    done = subprocess.run([sys.executable, script, str(KESTREL), "berlin"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Kestrel Analytics: bands in zone berlin (Berlin) (EUR)"
    assert "  Data           96,460-126,140 (mid 111,300) *" in lines
    assert "  Design         91,000-119,000 (mid 105,000)" in lines
    assert lines[-1] == "0 errors, 0 warnings"
    wrong = subprocess.run([sys.executable, script, str(KESTREL), "mars"],
                           capture_output=True, text=True, check=False)
    assert wrong.returncode == 2 and "zones: sf, berlin" in wrong.stderr


def test_a_family_file_can_hold_every_key_a_ladder_has() -> None:
    from dualladder._internal.model.company import FamilyFile
    from dualladder._internal.model.ladder import Ladder

    assert set(Ladder.model_fields) <= set(FamilyFile.model_fields)
