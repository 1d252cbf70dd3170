"""The audit: findings DL304-DL312 located, statistics checked against the ``statistics``
module and hand-worked cases, policy, withheld pay, company zones, and properties (row order,
swapping the sexes, publication never shows a small group)."""

from __future__ import annotations

import random
import statistics
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from paths import ACME, DATA, EXAMPLES, KESTREL, SMALL

import dualladder
from dualladder._internal.model.stats import gap, sort_exact, spread
from dualladder._internal.services.audit.reporters import document
from dualladder.people import AuditOptions, audit

WITHHELD = DATA / "positive" / "withheld-pay.yaml"


def row(eid: str, track: str, level: str, pay: object, **extra: object) -> dict[str, object]:
    return {"employee_id": eid, "track": track, "level": level, "base_pay": pay, **extra}


@pytest.fixture(scope="module")
def small() -> dualladder.Ladder:
    return dualladder.load(SMALL)


def codes(report: Any) -> list[str]:
    return [f.code for f in report.findings]


# -- statistics ------------------------------------------------------------------------------------


@given(st.lists(st.decimals(min_value=1, max_value=10**7, places=2), min_size=1, max_size=40))
def test_quartiles_match_the_statistics_module(values: list[Decimal]) -> None:
    found = spread(sort_exact(values))
    assert found is not None
    exact = [Fraction(v) for v in values]
    if len(values) == 1:
        q1 = median = q3 = exact[0]
    else:
        q1, median, q3 = statistics.quantiles(exact, n=4, method="inclusive")
    for mine, theirs in ((found.q1, q1), (found.median, median), (found.q3, q3),
                         (found.min, min(exact)), (found.max, max(exact))):
        assert mine is not None
        assert abs(Fraction(mine) - theirs) < Fraction(1, 10**15)
    assert Fraction(found.median) == statistics.median(exact)


@given(st.lists(st.decimals(min_value=1, max_value=10**6, places=4), max_size=60))
def test_sort_exact_is_sorted(values: list[Decimal]) -> None:
    assert sort_exact(values) == sorted(values)


def test_sort_exact_orders_values_a_float_cannot_tell_apart() -> None:
    a, b = Decimal("1.00000000000000000001"), Decimal("1.00000000000000000002")
    assert float(a) == float(b)
    assert sort_exact([b, a, b]) == [a, b, b]


def test_gap_is_the_directive_definition() -> None:
    assert gap(Decimal(125), Decimal(105)) == Decimal("0.16")  # (125 - 105) / 125
    assert gap(Decimal(100), Decimal(110)) == Decimal("-0.1")
    assert gap(None, Decimal(1)) is None and gap(Decimal(0), Decimal(1)) is None


def test_hand_worked_category_and_organisation(small: dualladder.Ladder) -> None:
    # L5, one currency: women 100,000 and 110,000 (+ 10,000 variable for the second); men
    # 120,000 and 130,000. FTE: the 0.5 woman is paid 55,000 for half time = 110,000.
    rows = [
        row("W1", "management", "L5", "100000", gender="F"),
        row("W2", "technical", "L5", "55000", gender="F", fte="0.5", variable_pay="5000"),
        row("M1", "management", "L5", "120000", gender="M"),
        row("M2", "technical", "L5", "130000", gender="M"),
        row("X1", "technical", "L5", "125000", gender="d"),
    ]
    report = audit(small, rows)
    (group,) = report.pay
    assert group.currency == "USD"
    (category,) = group.categories
    ind = category.indicators
    assert (ind.people.women, ind.people.men, ind.people.other) == (2, 2, 1)
    # basic: women (100,000 + 110,000) / 2 = 105,000; men 125,000: (125 - 105) / 125
    assert ind.basic_mean_gap == Decimal("0.16")
    # total: women 100,000 and 120,000 (110,000 + 10,000 FTE variable): 110,000 vs 125,000
    assert ind.mean_gap == Decimal(15000) / Decimal(125000)
    assert ind.median_gap is None  # medians: for the organisation only
    # variable over everyone: women (0 + 10,000) / 2, men 0: men's mean is 0, so no gap
    assert ind.variable_mean_gap is None
    assert (ind.variable_share_women, ind.variable_share_men) == (Decimal("0.5"), Decimal(0))
    org = group.organisation
    assert org.mean_gap == ind.mean_gap
    assert org.median_gap == ind.mean_gap  # two women, two men: medians are the means
    assert org.variable_median_gap is None
    # (f): all five ranked by total pay: W1 100k, W2 120k and M1 120k (tied), X1 125k, M2
    # 130k; quarters of 2, 1, 1, 1. The tie straddles the first boundary: its two places are
    # shared half and half between the woman and the man (UK rule), whatever their ids
    assert org.quartiles is not None
    assert [(q.people, q.women, q.men, q.other) for q in org.quartiles] == [
        (2, Decimal("1.5"), Decimal("0.5"), 0), (1, Decimal("0.5"), Decimal("0.5"), 0),
        (1, 0, 0, 1), (1, 0, 1, 0)]
    assert "DL310" in codes(report)  # 16 % >= 5 %


def test_compa_and_penetration_per_rung(small: dualladder.Ladder) -> None:
    # L5 band 120,000 / 140,000 / 160,000
    pays = [120000, 126000, 140000, 154000, 161000]
    rows = [row(f"T{i}", "technical", "L5", p) for i, p in enumerate(pays)]
    report = audit(small, rows)
    (rung,) = [r for r in report.rungs() if r.headcount]
    compa = [Fraction(p, 140000) for p in pays]
    q1, med, q3 = statistics.quantiles(compa, n=4, method="inclusive")
    assert rung.compa is not None and rung.penetration is not None
    assert Fraction(rung.compa.median) == med
    assert abs(Fraction(rung.compa.q1) - q1) < Fraction(1, 10**20)
    assert abs(Fraction(rung.compa.q3) - q3) < Fraction(1, 10**20)
    assert rung.penetration.min == 0 and rung.penetration.max == Decimal("1.025")
    assert Fraction(rung.penetration.median) == Fraction(140000 - 120000, 40000)
    assert (rung.below_min, rung.above_max) == (0, 1)
    assert rung.headcount == 5


# -- findings ------------------------------------------------------------------------------------


def test_people_findings_are_located_at_their_cells(tmp_path: Path,
                                                    small: dualladder.Ladder) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(
        "employee_id,name,track,level,base_pay,zone,currency\n"
        "E1,Ann,technical,L5,112000,,USD\n"  # 2: below the minimum
        "E2,Bob,technical,L5,170000,,USD\n"  # 3: above the maximum
        "E3,Cy,technical,L9,150000,,USD\n"  # 4: no such level
        "E4,Di,management,L4,150000,,USD\n"  # 5: management has no L4 rung
        "E5,Ed,technical,L5,150000,emea,USD\n"  # 6: the ladder has no zones
        "E6,Flo,technical,L5,150000,,EUR\n"  # 7: paid in USD
        "E7,Gus,designers,L5,150000,,USD\n"  # 8: no such track
        "E8,Hal,Technical,l5,150000,,USD\n",  # 9: fine (case does not matter)
        encoding="utf-8",
    )
    report = audit(small, path)
    located = [(f.code, f.line, f.column) for f in report.findings if f.file == str(path)]
    assert located == [
        ("DL306", 2, 5), ("DL307", 3, 5), ("DL304", 4, 4), ("DL304", 5, 4), ("DL305", 6, 6),
        ("DL305", 7, 7), ("DL304", 8, 3),
    ]
    messages = {f.line: f.message for f in report.findings}
    assert "6.7 % below the band minimum of Senior Software Engineer (L5), 120,000 USD" in \
        messages[2]
    assert "level 'L9' is not a level" in messages[4]
    assert "has no rung on level L4" in messages[5]
    assert report.people == 3
    text = "\n".join(str(f) for f in report.findings)
    assert "Ann" not in text and "112000" not in text and "112,000" not in text


def _rung_line(ladder: dualladder.Ladder, track: str, level: str) -> int:
    index = next(i for i, r in enumerate(ladder.tracks[track].rungs) if r.level == level)
    assert ladder.source is not None
    return ladder.source.locate(("tracks", track, "rungs", index))[0]


def test_parity_in_practice(small: dualladder.Ladder) -> None:
    rows = [row(f"M{i}", "management", "L6", 180000) for i in range(4)]  # compa 1.06
    rows += [row(f"T{i}", "technical", "L6", 160000) for i in range(4)]  # compa 0.94
    report = audit(small, rows)
    (finding,) = [f for f in report.findings if f.code == "DL308"]
    assert finding.file == str(SMALL)
    assert finding.line == _rung_line(small, "technical", "L6")
    assert "median compa-ratio of Staff Engineer (L6) is 0.94 (4 people)" in finding.message
    assert "11.1 % apart" in finding.message
    close = [row(f"M{i}", "management", "L6", 170000) for i in range(4)]
    close += [row(f"T{i}", "technical", "L6", 165000) for i in range(4)]  # 2.9 % apart
    assert "DL308" not in codes(audit(small, close))
    loose = audit(small, rows, options=AuditOptions(tolerance=Decimal("0.2")))
    assert "DL308" not in codes(loose)


def test_parity_where_pay_is_withheld_compares_median_pay() -> None:
    ladder = dualladder.load(WITHHELD)
    rows = [row(f"M{i}", "management", "L6", 180000, currency="USD") for i in range(3)]
    rows += [row(f"T{i}", "technical", "L6", 150000, currency="USD") for i in range(3)]
    report = audit(ladder, rows)
    (finding,) = [f for f in report.findings if f.code == "DL308"]
    assert "median full-time-equivalent base pay (pay withheld by policy)" in finding.message
    assert "150,000 USD" in finding.message
    rung = next(r for r in report.rungs() if r.track == "technical" and r.level == "L6")
    assert rung.band == "pay withheld, equal by policy" and rung.withheld
    assert rung.compa is None
    assert not {"DL306", "DL307"} & set(codes(report))


def test_ceiling_in_practice(small: dualladder.Ladder) -> None:
    rows = [row("M1", "management", "L7", 205000), row("M2", "management", "L6", 170000),
            row("T1", "technical", "L5", 140000), row("T2", "technical", "L4", 120000)]
    report = audit(small, rows)
    (finding,) = [f for f in report.findings if f.code == "DL309"]
    assert finding.line == _rung_line(small, "technical", "L6")
    assert "nobody on the Technical track is on level L6 or above" in finding.message
    assert "has 2 people" in finding.message
    assert "DL309" not in codes(audit(small, [*rows, row("T3", "technical", "L7", 205000)]))


def test_unequal_access_to_variable_pay(small: dualladder.Ladder) -> None:
    rows = [row(f"M{i}", "management", "L5", 140000, variable_pay=5000) for i in range(4)]
    rows += [row(f"T{i}", "technical", "L5", 140000, variable_pay=5000 if i == 0 else 0)
             for i in range(4)]
    report = audit(small, rows)
    (finding,) = [f for f in report.findings if f.code == "DL312"]
    assert "25 % of Senior Software Engineer (L5) received variable pay (1 of 4)" in \
        finding.message
    assert finding.line == _rung_line(small, "technical", "L5")


def test_gap_in_variable_pay(small: dualladder.Ladder) -> None:
    rows = [row(f"W{i}", "technical", "L5", 140000, gender="F", variable_pay=4000)
            for i in range(3)]
    rows += [row(f"M{i}", "technical", "L5", 140000, gender="M", variable_pay=5000)
             for i in range(3)]
    found = codes(audit(small, rows))
    assert "DL311" in found and "DL310" not in found


def test_policy_ignores_and_regrades_audit_rules(tmp_path: Path) -> None:
    text = SMALL.read_text(encoding="utf-8").replace(
        "currency: USD\n", "currency: USD\npolicy:\n  ignore: [DL306]\n"
        "  severity: {DL307: error}\n", 1)
    path = tmp_path / "ladder.yaml"
    path.write_text(text, encoding="utf-8")
    ladder = dualladder.load(path)
    report = audit(ladder, [row("E1", "technical", "L5", 100000),
                            row("E2", "technical", "L5", 200000)])
    circles = {"DL306", "DL307"}
    assert [(f.code, f.severity) for f in report.findings if f.code in circles] == [
        ("DL307", "error")]
    default = audit(dualladder.load(SMALL), [row("E1", "technical", "L5", 100000),
                                             row("E2", "technical", "L5", 200000)])
    assert [(f.code, f.severity) for f in default.findings if f.code in circles] == [
        ("DL306", "warning"), ("DL307", "warning")]


def test_a_roster_that_cannot_be_read_gives_a_report_without_statistics(
        tmp_path: Path, small: dualladder.Ladder) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(b"")
    report = audit(small, path)
    assert codes(report) == ["DL301"] and report.people == 0 and not report.ok


def test_several_ladders_need_a_family_column(small: dualladder.Ladder) -> None:
    other = dualladder.load(WITHHELD).model_copy(update={"family": "Research"})
    with pytest.raises(ValueError, match="family column"):
        audit([small, other], [row("E1", "technical", "L5", 140000)])
    report = audit([small, other], [row("E1", "technical", "L5", 140000, family="Engineering"),
                                    row("E2", "technical", "L5", 140000, family="Research"),
                                    row("E3", "technical", "L5", 140000, family="Sales")])
    assert [f.code for f in report.findings] == ["DL304"]
    assert report.people == 2


# -- company and zones -----------------------------------------------------------------------------


def test_company_zones_bands_and_currencies() -> None:
    company = dualladder.load_company(KESTREL)
    rows = [
        # L5 base band 138,000-178,000 USD; sf x1.15 rounded to 1,000; berlin own EUR bands
        row("E1", "technical", "L5", 150000, family="Engineering"),
        row("E2", "technical", "L5", 150000, family="Engineering", zone="sf"),  # below sf min
        row("E3", "technical", "L5", 80000, family="Engineering", zone="berlin",
            currency="EUR"),
        row("E4", "technical", "L5", 80000, family="Engineering", zone="berlin",
            currency="USD"),  # DL305
        row("E5", "technical", "L5", 80000, family="Engineering", zone="tokyo"),  # DL305
    ]
    report = audit(company, rows)
    assert [(f.code, f.line) for f in report.findings] == [
        ("DL306", 3), ("DL305", 5), ("DL305", 6)]
    assert [g.currency for g in report.pay] == ["EUR", "USD"]
    rung = next(r for r in report.rungs() if r.headcount)
    assert rung.band == "bands of several pay zones"


# -- properties ------------------------------------------------------------------------------------

_person = st.tuples(
    st.sampled_from(["management", "technical"]),
    st.sampled_from(["L4", "L5", "L6", "L7"]),
    st.integers(90000, 240000),
    st.sampled_from(["F", "M", "", "x"]),
    st.sampled_from(["", "1", "0.5", "0.8"]),
    st.sampled_from([0, 0, 3000, 12000]),
)


def _rows(people: list[tuple[Any, ...]]) -> list[dict[str, object]]:
    return [row(f"E{i:03d}", t, lv, pay, gender=g, fte=fte, variable_pay=var, equity=var)
            for i, (t, lv, pay, g, fte, var) in enumerate(people)]


def _comparable(report: Any) -> Any:
    doc = document(report)
    doc["findings"] = sorted((f["code"], f["message"]) for f in doc["findings"])
    return doc


# a roster on which --publish once chose what to hide by the order of the rows
_ROW_ORDER_CASE = [
    *[('management', 'L4', 90000, 'F', '', 0)] * 10,
    ('management', 'L5', 90000, 'M', '', 0),
    ('management', 'L6', 90000, 'F', '', 0),
    ('management', 'L6', 90000, 'F', '0.5', 0),
    *[('management', 'L6', 90000, '', '', 0)] * 3,
    ('management', 'L6', 90001, 'F', '', 0),
    ('management', 'L6', 195001, '', '', 0),
    ('management', 'L7', 90000, 'F', '', 0),
    *[('management', 'L7', 90000, '', '', 0)] * 4,
    ('management', 'L7', 91913, 'F', '', 0),
    ('technical', 'L4', 90000, 'F', '', 0),
]


@settings(max_examples=40)
@given(people=st.lists(_person, min_size=1, max_size=40), seed=st.integers(0, 2**16))
@example(people=_ROW_ORDER_CASE, seed=0)
def test_a_report_does_not_depend_on_row_order(people: list[tuple[Any, ...]], seed: int) -> None:
    ladder = dualladder.load(SMALL)
    order = list(range(len(people)))
    random.Random(seed).shuffle(order)
    rows = _rows(people)
    moved = [rows[i] for i in order]
    for publish in (False, True):
        assert _comparable(audit(ladder, rows, publish=publish)) == _comparable(
            audit(ladder, moved, publish=publish))


@settings(max_examples=40)
@given(people=st.lists(_person, min_size=1, max_size=40))
def test_swapping_the_sexes_flips_the_sign_of_every_gap(people: list[tuple[Any, ...]]) -> None:
    ladder = dualladder.load(SMALL)
    swap = {"F": "M", "M": "F"}
    swapped = [(t, lv, pay, swap.get(g, g), fte, var) for t, lv, pay, g, fte, var in people]
    before, after = audit(ladder, _rows(people)), audit(ladder, _rows(swapped))
    fields = ("mean_gap", "variable_mean_gap", "median_gap", "variable_median_gap",
              "basic_mean_gap")
    pairs = [(b.organisation, a.organisation) for b, a in zip(before.pay, after.pay,
                                                               strict=True)]
    for b, a in zip(before.pay, after.pay, strict=True):
        pairs += [(x.indicators, y.indicators) for x, y in zip(b.categories, a.categories,
                                                                strict=True)]
    for b, a in pairs:
        for name in fields:
            one, other = getattr(b, name), getattr(a, name)
            if (one is None) != (other is None):
                # one sex's mean is 0: the gap is 100 % one way, and undefined (a division by
                # the men's mean of 0) the other way
                assert abs(one if one is not None else other) == 1, name
                continue
            if one is not None:
                assert (one > 0) == (other < 0) and (one == 0) == (other == 0), name


def test_publish_suppresses_a_group_found_by_subtraction(small: dualladder.Ladder) -> None:
    # L5: 7 managers and 3 engineers. The engineers (3) are hidden; showing the managers (7)
    # and the people audited (10) would give the engineers by subtraction, so one of them goes
    # too (tests/services/audit/test_pay_publish.py checks every combination of counts).
    rows = [row(f"M{i}", "management", "L5", 140000 + i, gender="MF"[i % 2]) for i in range(7)]
    rows += [row(f"T{i}", "technical", "L5", 130000 + i, gender="F") for i in range(3)]
    report = audit(small, rows, publish=True)
    l5 = {r.track: r for r in report.rungs() if r.level == "L5"}
    assert l5["technical"].headcount is None
    assert l5["management"].headcount is None or report.people is None
    unpublished = {r.track: r for r in audit(small, rows).rungs() if r.level == "L5"}
    assert unpublished["management"].headcount == 7


# -- the example roster and HR script ----------------------------------------------------------



def test_the_example_roster_has_exactly_its_deliberate_findings() -> None:
    """examples/roster.md lists them; this keeps the list and the file in step."""
    ladder = dualladder.load(ACME)
    report = audit(ladder, EXAMPLES / "roster.csv")
    roster = [(f.code, f.line, f.column) for f in report.findings if f.file.endswith(".csv")]
    assert roster == [("DL304", 46, 5), ("DL302", 52, 6), ("DL307", 63, 6), ("DL306", 103, 6),
                      ("DL303", 142, 1), ("DL306", 198, 6)]

    def rung(loc: tuple[str | int, ...]) -> str:
        found = ladder.tracks[str(loc[1])].rungs[int(loc[3])]
        return f"{found.title} ({found.level})"

    grouped = sorted((f.code, rung(f.loc)) for f in report.findings if not f.file.endswith(".csv"))
    assert grouped == [
        ("DL308", "Senior Staff Software Engineer (L7)"),
        ("DL309", "Distinguished Engineer (L9)"),
        ("DL310", "Senior Engineering Manager (L6)"),
        ("DL311", "Engineering Manager (L5)"),
        ("DL311", "Senior Engineering Manager (L6)"),
        ("DL312", "Senior Software Engineer (L5)"),
    ]
    assert (report.people, report.rows_left_out) == (300, 4)
    text = (EXAMPLES / "roster.md").read_text(encoding="utf-8")
    for code, line, column in roster:
        assert f"{code} at {line}:{column}" in text or f"{line}:{column}" in text, code


def test_the_example_roster_is_reproducible(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "roster.csv"
    subprocess.run([sys.executable, str(EXAMPLES.parent / "benchmarks" / "roster.py"), str(ACME),
                    "--example", "--out", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == (EXAMPLES / "roster.csv").read_bytes()


def test_hr_audit_example() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(EXAMPLES / "hr_audit.py"), str(ACME),
                           str(EXAMPLES / "roster.csv")], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 1, done.stderr
    assert "300 people audited, 4 rows left out" in done.stdout
    assert "L7   0.99   0.89   apart: 10.0 %" in done.stdout
    assert "with a gap of 5.0 % or more: L5, L6" in done.stdout
    assert "DL306" in done.stdout and "E00" not in done.stdout  # counts, never ids
    assert "@example.com" not in done.stdout


def test_the_benchmark_roster_generator(tmp_path: Path) -> None:
    """benchmarks/roster.py: the same seed gives the same bytes, and every row is audited."""
    import subprocess
    import sys

    script = str(EXAMPLES.parent / "benchmarks" / "roster.py")
    outs = []
    for name in ("a.csv", "b.csv"):
        out = tmp_path / name
        subprocess.run([sys.executable, script, str(ACME), "--people", "300", "--seed", "3",
                        "--out", str(out)], check=True, capture_output=True)
        outs.append(out)
    assert outs[0].read_bytes() == outs[1].read_bytes()
    report = audit(dualladder.load(ACME), outs[0])
    assert report.people == 300 and report.rows_left_out == 0
    assert not [f for f in report.findings if f.code in ("DL302", "DL303", "DL304", "DL305")]
