"""Issue 18, items 7-11: every reading of Art. 9 the Directive leaves open, checked against an
independent re-computation (plain Python: fractions and the ``statistics`` module, no code of
dualladder) on a realistic generated roster: two job families of a company, three pay zones in
two currencies, part-timers, variable pay, equity and other pay in kind, contracted hours
(some unknown), genders written many ways. Every figure of ``--format json`` matches to the
fourth decimal; the Python API, JSON, text, Markdown and HTML give the same figures."""

from __future__ import annotations

import html
import json
import statistics
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from paths import KESTREL, SMALL
from rosters import generate

import dualladder
from dualladder._internal.services.audit.reporters import (
    AUDIT_REPORTERS,
    READINGS,
    category_rows,
    document,
    indicator_rows,
)
from dualladder.cli import main
from dualladder.people import audit

# -- the independent computation -------------------------------------------------------------------


def _sex(text: str) -> str:
    t = text.strip().casefold()
    return "F" if t in {"f", "female", "woman", "w"} else "M" if t in {"m", "male", "man"} \
        else "X"


def _gap(men: list[Fraction], women: list[Fraction], f: Callable[[list[Fraction]], Fraction]
         ) -> Fraction | None:
    if not men or not women:
        return None
    m = f(men)
    return None if m == 0 else (m - f(women)) / m


def _mean(values: list[Fraction]) -> Fraction:
    return sum(values, Fraction(0)) / len(values)


def _median(values: list[Fraction]) -> Fraction:
    return Fraction(statistics.median(values))


def _quarters(people: list[tuple[Fraction, str]]) -> list[dict[str, Fraction]]:
    """Everyone ranked by FTE total pay; the place ranked r of n in quarter 4r // n; the
    places of a tie shared by the sexes in proportion to their numbers in it."""
    ranked = sorted(people)
    n = len(ranked)
    out = [{"F": Fraction(0), "M": Fraction(0), "X": Fraction(0)} for _ in range(4)]
    i = 0
    while i < n:
        j = i
        while j < n and ranked[j][0] == ranked[i][0]:
            j += 1
        sexes = [s for _, s in ranked[i:j]]
        for place in range(i, j):
            for s in "FMX":
                out[4 * place // n][s] += Fraction(sexes.count(s), j - i)
        i = j
    return out


def independent(rows: list[dict[str, str]]) -> dict[str, dict[str, Any]]:
    """currency -> the organisation's figures and the categories' ((level) -> figures)."""
    by_currency: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        fte = Fraction(r["fte"])
        base, variable = Fraction(r["base_pay"]), Fraction(r["variable_pay"] or 0)
        kind = Fraction(r["equity"] or 0) + Fraction(r["in_kind"] or 0)
        person = {
            "sex": _sex(r["gender"]), "level": r["level"],
            "base": base / fte, "variable": variable / fte,
            "total": (base + variable) / fte, "paid": base + variable,
            "in_kind": (base + variable + kind) / fte,
            "hourly": (base + variable) / (Fraction(r["hours"]) * 52) if r["hours"] else None,
            "equity": Fraction(r["equity"] or 0) > 0,
        }
        by_currency.setdefault("EUR" if r["zone"] == "berlin" else "USD", []).append(person)
    out = {}
    for currency, people in by_currency.items():
        def of(sex: str, key: str, group: list[dict[str, Any]] = people) -> list[Fraction]:
            return [p[key] for p in group if p["sex"] == sex and p[key] is not None]

        def gaps(group: list[dict[str, Any]], medians: bool) -> dict[str, Any]:
            def g(key: str, f: Callable[[list[Fraction]], Fraction],
                  keep: Callable[[Fraction], bool] = lambda v: True) -> Fraction | None:
                return _gap([v for v in of("M", key, group) if keep(v)],
                            [v for v in of("F", key, group) if keep(v)], f)

            found: dict[str, Any] = {
                "mean_gap": g("total", _mean), "basic_mean_gap": g("base", _mean),
                "variable_mean_gap": g("variable", _mean),
                "variable_mean_gap_receiving": g("variable", _mean, lambda v: v > 0),
            }
            if medians:
                found |= {
                    "paid_mean_gap": g("paid", _mean), "hourly_mean_gap": g("hourly", _mean),
                    "in_kind_mean_gap": g("in_kind", _mean),
                    "median_gap": g("total", _median), "paid_median_gap": g("paid", _median),
                    "hourly_median_gap": g("hourly", _median),
                    "in_kind_median_gap": g("in_kind", _median),
                    "basic_median_gap": g("base", _median),
                    "variable_median_gap": g("variable", _median),
                    "variable_median_gap_receiving": g("variable", _median, lambda v: v > 0),
                }
                for sex, word in (("F", "women"), ("M", "men")):
                    mine = [p for p in group if p["sex"] == sex]
                    found[f"variable_share_{word}"] = Fraction(
                        sum(p["variable"] > 0 for p in mine), len(mine))
                    found[f"equity_share_{word}"] = Fraction(
                        sum(p["equity"] for p in mine), len(mine))
                found["quarters"] = _quarters([(p["total"], p["sex"]) for p in group])
            found["people"] = {s: sum(p["sex"] == s for p in group) for s in "FMX"}
            return found

        levels = sorted({p["level"] for p in people})
        out[currency] = {
            "organisation": gaps(people, True),
            "categories": {lvl: gaps([p for p in people if p["level"] == lvl], False)
                           for lvl in levels},
        }
    return out


def _close(mine: float | None, theirs: Fraction | None) -> bool:
    if mine is None or theirs is None:
        return mine is None and theirs is None
    return abs(Fraction(mine) - theirs) <= Fraction(1, 20000) + Fraction(1, 10**12)


def _check(doc: dict[str, Any], expected: dict[str, Any], *, organisation: bool) -> int:
    checked = 0
    for key in [r.key for r in READINGS]:
        if key not in expected:
            assert doc[key] is None or not organisation
            continue
        assert _close(doc[key], expected[key]), (key, doc[key], expected[key])
        checked += 1
    assert (doc["people"]["women"], doc["people"]["men"], doc["people"]["other"]) == \
        (expected["people"]["F"], expected["people"]["M"], expected["people"]["X"])
    if organisation:
        for key, word in (("variable_share", "women"), ("variable_share", "men"),
                          ("equity_share", "women"), ("equity_share", "men")):
            assert _close(doc[key][word], expected[f"{key}_{word}"])
            checked += 1
        for quarter, theirs in zip(doc["quartiles"], expected["quarters"], strict=True):
            for word, s in (("women", "F"), ("men", "M"), ("other", "X")):
                assert _close(quarter[word], theirs[s])
                assert _close(quarter["share"][word], theirs[s] / quarter["people"])
                checked += 2
    return checked


def test_every_figure_matches_an_independent_computation(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    rows = generate()
    roster = tmp_path / "roster.csv"
    header = list(rows[0])
    roster.write_text("\n".join([",".join(header)] + [",".join(r[k] for k in header)
                                                      for r in rows]) + "\n", encoding="utf-8")
    assert main(["audit", str(KESTREL), str(roster), "--format", "json",
                 "-o", str(tmp_path / "out.json")]) in (0, 1)
    doc = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert doc["summary"]["people"] == len(rows) and doc["summary"]["rows_left_out"] == 0
    expected = independent(rows)
    assert sorted(expected) == [g["currency"] for g in doc["pay"]] == ["EUR", "USD"]
    checked = 0
    for group in doc["pay"]:
        theirs = expected[group["currency"]]
        checked += _check(group["organisation"], theirs["organisation"], organisation=True)
        assert [c["level"] for c in group["categories"]] == sorted(theirs["categories"],
                                                                    reverse=True)
        for category in group["categories"]:
            assert category["family"] == ""  # a level across the families
            checked += _check(category, theirs["categories"][category["level"]],
                              organisation=False)
    assert checked >= 130  # 2 x (14 readings, 4 shares, 24 of the quarters), 48 of categories


@pytest.mark.parametrize("publish", [False, True])
def test_api_json_text_markdown_and_html_give_the_same_figures(publish: bool) -> None:
    rows = generate(seed=11, people=160)
    report = audit(dualladder.load_company(KESTREL), rows, publish=publish)
    doc = document(report)
    outputs = {fmt: AUDIT_REPORTERS[fmt]().render(report) for fmt in ("text", "markdown",
                                                                         "html")}
    for group, shown in zip(report.pay, doc["pay"], strict=True):
        org = group.organisation
        rows_shown = indicator_rows(report, org)
        assert len(rows_shown) >= 18
        for label, value in rows_shown:
            for fmt, out in outputs.items():
                text = html.unescape(out) if fmt == "html" else out
                assert value in text, (fmt, label, value)
                if fmt == "text":
                    assert f"{label}: {value}" in text
        for reading in READINGS:  # the API's figure is the JSON's, rounded
            value = getattr(org, reading.key)
            assert shown["organisation"][reading.key] == (
                None if value is None else float(round(value, 4)))
        for row in category_rows(report, group.categories, several=False):
            for fmt, out in outputs.items():
                text = html.unescape(out) if fmt == "html" else out
                for cell in row[1:]:
                    assert cell in text, (fmt, cell)


def test_readings_are_labelled_with_their_articles() -> None:
    report = audit(dualladder.load_company(KESTREL), generate(seed=3, people=60))
    text = AUDIT_REPORTERS["text"]().render(report)
    for reading in READINGS:
        assert f"({reading.letter}) {reading.label} [{reading.article}]" in text
    assert "received equity (pay in kind), women [Art. 3(1)(a)]" in text
    doc = document(report)
    assert doc["readings"]["hourly_mean_gap"]["article"].startswith("Art. 9(1)(a)")


def test_optional_readings_need_their_columns() -> None:
    rows = [{"employee_id": f"E{i}", "track": "technical", "level": "L5",
             "base_pay": str(140000 + 1000 * i), "gender": "FM"[i % 2]} for i in range(10)]
    report = audit(dualladder.load(SMALL), rows)
    org = report.pay[0].organisation
    assert org.hourly_mean_gap is None and org.in_kind_mean_gap is None
    assert org.equity_share_women is None
    assert org.paid_mean_gap == org.mean_gap  # everyone full time: paid is FTE
    text = AUDIT_REPORTERS["text"]().render(report)
    assert "hourly" not in text and "pay in kind" not in text


def test_variable_pay_over_everyone_and_over_those_who_received_some() -> None:
    # women: 2 of 4 received 10,000; men: 4 of 4 received 8,000
    rows = [{"employee_id": f"W{i}", "track": "technical", "level": "L5", "base_pay": "140000",
             "gender": "F", "variable_pay": "10000" if i < 2 else ""} for i in range(4)]
    rows += [{"employee_id": f"M{i}", "track": "technical", "level": "L5", "base_pay": "140000",
              "gender": "M", "variable_pay": "8000"} for i in range(4)]
    org = audit(dualladder.load(SMALL), rows).pay[0].organisation
    assert org.variable_mean_gap == Decimal(3000) / 8000  # (8,000 - 5,000) / 8,000
    assert org.variable_mean_gap_receiving == Decimal(-2000) / 8000  # (8,000 - 10,000) / 8,000
    assert org.variable_median_gap == Decimal(3000) / 8000
    assert org.variable_median_gap_receiving == Decimal(-2000) / 8000


def test_part_timers_annual_hourly_and_fte(tmp_path: Path) -> None:
    # a woman at 0.5 paid 70,000 (140,000 FTE) for 20 hours; a man full time 140,000, 40 hours
    rows = [{"employee_id": "W", "track": "technical", "level": "L5", "base_pay": "70000",
             "fte": "0.5", "hours": "20", "gender": "F"},
            {"employee_id": "M", "track": "technical", "level": "L5", "base_pay": "140000",
             "hours": "40", "gender": "M"}]
    org = audit(dualladder.load(SMALL), rows).pay[0].organisation
    assert org.mean_gap == 0 and org.hourly_mean_gap == 0 and org.hourly_median_gap == 0
    assert org.paid_mean_gap == Decimal("0.5") and org.paid_median_gap == Decimal("0.5")


def test_pay_in_kind_and_the_basic_median_gap() -> None:
    rows = [{"employee_id": f"W{i}", "track": "technical", "level": "L5",
             "base_pay": str(130000 + 1000 * i), "gender": "F", "equity": "",
             "in_kind": "1000"} for i in range(3)]
    rows += [{"employee_id": f"M{i}", "track": "technical", "level": "L5",
              "base_pay": str(140000 + 1000 * i), "gender": "M", "equity": "9000",
              "in_kind": ""} for i in range(3)]
    org = audit(dualladder.load(SMALL), rows).pay[0].organisation
    assert org.basic_median_gap == Decimal(10000) / 141000
    assert org.in_kind_mean_gap == Decimal(18000) / 150000  # 150,000 vs 132,000
    assert org.in_kind_median_gap == Decimal(18000) / 150000
    assert (org.equity_share_women, org.equity_share_men) == (0, 1)


def test_the_statement_shows_a_part_timer_both_pays_and_hides_small_counts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("employee_id,track,level,base_pay,gender,variable_pay,fte\n"
                      "E1,management,L5,60000,F,1000,0.5\n"
                      "E2,technical,L5,130000,M,,1\nE3,technical,L5,125000,M,,1\n",
                      encoding="utf-8")
    assert main(["audit", str(SMALL), str(roster), "--statement", "E1"]) == 0
    out = capsys.readouterr().out
    assert "base pay      USD 120,000" in out  # full-time equivalent
    assert "you work 0.5 of full time" in out and "base pay      USD 60,000" in out
    assert "women (1)" not in out and "men (2)" not in out
    assert main(["audit", str(SMALL), str(roster), "--statement", "E1", "-f", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["pay_actually_paid"]["total"] == "61000.00"
    assert doc["category"]["women"] is None and doc["category"]["men"] is None
    assert main(["audit", str(SMALL), str(roster), "--statement", "E1", "--min-group",
                 "1"]) == 0
    assert "women (1)" in capsys.readouterr().out
