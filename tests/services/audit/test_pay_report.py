"""Issue 18, "a pay report that holds up": each item on a roster where it happens.

Wrong or unstable results (items 1-6): the band of the person's own zone in circle messages,
a family file belongs to its company however it is passed, track names of the right family,
figures never printed on or across their threshold, pay quarters that treat equal pay equally
and rank everyone.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from paths import KESTREL, SMALL

import dualladder
from dualladder._internal.model.figures import count, percent
from dualladder._internal.services.audit.reporters import AUDIT_REPORTERS, document
from dualladder.cli import main
from dualladder.people import audit


def row(eid: str, track: str, level: str, pay: object, **extra: object) -> dict[str, object]:
    return {"employee_id": eid, "track": track, "level": level, "base_pay": pay, **extra}


def write_csv(path: Path, rows: list[dict[str, object]]) -> Path:
    header = list(dict.fromkeys(key for r in rows for key in r))
    lines = [",".join(header)] + [",".join(str(r.get(k, "")) for k in header) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str]:
    code = main([str(a) for a in argv])
    out, _ = capsys.readouterr()
    return code, out


# -- 1. circle messages quote the person's own zone's band ----------------------------------------


def test_a_circle_message_quotes_the_band_of_the_persons_zone() -> None:
    company = dualladder.load_company(KESTREL)
    engineering = next(f for f in company.families if f.family == "Engineering")
    rung = next(r for r in engineering.tracks["management"].rungs if r.level == "L5")
    sf = engineering.band(rung, "sf")
    berlin = engineering.band(rung, "berlin")
    assert sf is not None and berlin is not None
    pay = sf.min - 7000
    rows = [  # the berlin row first: its zone is the rung's first
        row("B1", "management", "L5", berlin.mid, family="Engineering", zone="berlin",
            currency="EUR"),
        row("S1", "management", "L5", pay, family="Engineering", zone="sf"),
    ]
    report = audit(company, rows)
    (finding,) = [f for f in report.findings if f.code == "DL306"]
    expected = percent((sf.min - pay) / sf.min, short=True)
    assert f"{expected} below the band minimum" in finding.message
    assert f"{sf.min:,.0f} USD" in finding.message and "EUR" not in finding.message
    assert "zone sf" in finding.message
    # and above the maximum, the same way
    rows[1] = row("S1", "management", "L5", sf.max + 5000, family="Engineering", zone="sf")
    (finding,) = [f for f in audit(company, rows).findings if f.code == "DL307"]
    assert f"{sf.max:,.0f} USD" in finding.message and "EUR" not in finding.message


# -- 2. a family file belongs to its company however it is passed ---------------------------------


def _kestrel_rows() -> list[dict[str, object]]:
    rows = []
    pays = [150000, 158000, 171000, 139000, 166000, 149000, 181000, 120000]
    for i, pay in enumerate(pays):
        for family, track in (("Engineering", "technical"), ("Data", "technical"),
                              ("Engineering", "management"), ("Data", "management")):
            rows.append(row(f"{family[0]}{track[0]}{i}", track, "L5" if i % 3 else "L6",
                            pay + 1000 * (i % 2), family=family, gender="FM"[i % 2],
                            variable_pay=1000 * i))
    return rows


def _comparable(doc: dict[str, Any]) -> dict[str, Any]:
    doc = dict(doc)
    doc.pop("ladders")
    doc["findings"] = [{**f, "file": Path(f["file"]).name} for f in doc["findings"]]
    return doc


def test_family_files_give_the_company_folders_report(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    roster = write_csv(tmp_path / "roster.csv", _kestrel_rows())
    docs = []
    for ladders in ([KESTREL], [KESTREL / "company.yaml"],
                    [KESTREL / "engineering.yaml", KESTREL / "data.yaml"]):
        _, out = run(capsys, "audit", *ladders, roster, "--format", "json")
        docs.append(json.loads(out))
    (group,) = docs[0]["pay"]
    assert {c["family"] for c in group["categories"]} == {""}  # a level across families
    families = [_comparable(d) for d in docs[1:]]
    # the company file and the folder audit all three families; the two family files only
    # theirs: the same categories (a level across families) and figures
    assert families[0] == _comparable(docs[0])
    assert families[1]["pay"] == families[0]["pay"]
    assert families[1]["findings"] == families[0]["findings"]


def test_the_python_api_with_family_ladders_is_the_company() -> None:
    company = dualladder.load_company(KESTREL)
    families = [dualladder.load(KESTREL / "engineering.yaml"),
                dualladder.load(KESTREL / "data.yaml")]
    by_company = audit(company, _kestrel_rows())
    by_families = audit(families, _kestrel_rows())
    assert by_families.pay == by_company.pay
    assert [(f.code, f.message) for f in by_families.findings] == \
        [(f.code, f.message) for f in by_company.findings]


# -- 3. track names of the right family ------------------------------------------------------------


def test_rungs_are_labelled_with_their_own_familys_track_names(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    roster = write_csv(tmp_path / "roster.csv", _kestrel_rows())
    _, html = run(capsys, "audit", KESTREL, roster, "--format", "html")
    assert "Engineering Manager (L5, Engineering Management)" in html
    assert "Data Science Manager (L5, Data Management)" in html
    assert "Engineering Manager (L5, Data" not in html
    assert not re.search(r"Data Science Manager \(L5, Engineering", html)
    _, text = run(capsys, "audit", KESTREL, roster)
    header = next(line for line in text.splitlines() if line.startswith("Level "))
    assert "Engineering Management" in header and "Data Management" in header


# -- 4. a figure below the threshold never reads as the threshold ---------------------------------


@pytest.mark.parametrize(("value", "beside", "shown"), [
    ("0.0498", ("0.05",), "4.98 %"),
    ("0.04999", ("0.05",), "4.999 %"),
    ("0.0499999999", ("0.05",), "4.9999 %"),
    ("0.05", ("0.05",), "5.0 %"),
    ("0.05001", ("0.05",), "5.001 %"),
    ("0.0502", ("0.05",), "5.02 %"),
    ("-0.0498", ("0.05", "-0.05"), "-4.98 %"),
    ("0.0449", ("0.05",), "4.5 %"),  # far from it: rounded as usual
    ("0.1234", (), "12.3 %"),
])
def test_percent_never_prints_a_figure_on_or_across_its_threshold(
        value: str, beside: tuple[str, ...], shown: str) -> None:
    assert percent(Decimal(value), beside=[Decimal(b) for b in beside]) == shown


def test_counts_print_whole_or_with_two_decimals() -> None:
    assert (count(3), count(Decimal("2.5")), count(Decimal(1) / 3), count(None)) == \
        ("3", "2.5", "0.33", "-")


def test_a_category_gap_below_the_trigger_does_not_read_as_the_trigger(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # women 95,020, men 100,000: a gap of 4.98 %, below the 5 % of Art. 10
    rows = [row(f"W{i}", "technical", "L5", 95020, gender="F") for i in range(6)] + \
        [row(f"M{i}", "technical", "L5", 100000, gender="M") for i in range(6)]
    report = audit(dualladder.load(SMALL), rows)
    (category,) = report.pay[0].categories
    assert category.indicators.basic_mean_gap == Decimal("0.0498")
    assert not [f for f in report.findings if f.code == "DL310"]
    roster = write_csv(tmp_path / "roster.csv", rows)
    for fmt in ("text", "markdown", "html"):
        _, out = run(capsys, "audit", SMALL, roster, "--format", fmt)
        assert "4.98 %" in out
        assert "5.0 %" not in out.replace("5.0 % at which", "")  # the threshold's own mention
    doc = document(report)
    assert doc["pay"][0]["categories"][0]["basic_mean_gap"] == 0.0498
    assert AUDIT_REPORTERS["text"]().render(report).count("4.98 %") >= 3


# -- 5. and 6. pay quarters: equal pay counts equally, and everyone is ranked ---------------------


def test_equal_pay_across_quarter_boundaries_is_shared_whatever_the_ids() -> None:
    # 20 people on one salary: women E01-E10, men E11-E20 (the reproduction)
    rows = [row(f"E{i:02d}", "technical", "L5", 150000, gender="F" if i <= 10 else "M")
            for i in range(1, 21)]
    report = audit(dualladder.load(SMALL), rows)
    org = report.pay[0].organisation
    assert org.mean_gap == 0 and org.median_gap == 0
    assert org.quartiles is not None
    for q in org.quartiles:
        assert (q.people, q.women, q.men, q.other) == (5, Decimal("2.5"), Decimal("2.5"), 0)
        assert q.share(q.women) == q.share(q.men) == Decimal("0.5")
    # the ids the other way round give the same quarters
    swapped = [{**r, "gender": "M" if r["gender"] == "F" else "F"} for r in rows]
    assert audit(dualladder.load(SMALL), swapped).pay[0].organisation.quartiles == org.quartiles
    quarter = document(report)["pay"][0]["organisation"]["quartiles"][0]
    assert quarter == {"people": 5, "women": 2.5, "men": 2.5, "other": 0,
                       "share": {"women": 0.5, "men": 0.5, "other": 0.0}}
    text = AUDIT_REPORTERS["text"]().render(report)
    assert "(f) pay quarter 1 (5 people), lowest first [Art. 9(1)(f)]: women 50.0 % (2.5), " \
        "men 50.0 % (2.5), other 0.0 % (0)" in text


def test_every_worker_is_ranked_and_the_others_are_counted() -> None:
    # eight people: two of another or unstated gender, paid the most and the least
    pays = [("X1", "", 90000), ("W1", "F", 100000), ("W2", "F", 110000), ("M1", "M", 120000),
            ("M2", "M", 130000), ("W3", "F", 140000), ("M3", "M", 150000),
            ("X2", "diverse", 160000)]
    rows = [row(eid, "technical", "L5", pay, gender=g) for eid, g, pay in pays]
    org = audit(dualladder.load(SMALL), rows).pay[0].organisation
    assert org.people.other == 2
    assert org.quartiles is not None
    assert [(q.people, q.women, q.men, q.other) for q in org.quartiles] == [
        (2, 1, 0, 1), (2, 1, 1, 0), (2, 1, 1, 0), (2, 0, 1, 1)]
    assert sum(q.other for q in org.quartiles if q.other is not None) == 2
