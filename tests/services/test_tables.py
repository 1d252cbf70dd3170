"""Tidy tables (issue 22, item 5): every rung's band in every zone, postings, findings and the
audit's rungs, categories and indicators; flat snake_case columns named as the command line's
JSON and CSV name them; exact Decimals by default, floats on request; pandas imported lazily."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd  # the test extra holds the pandas extra
import pytest
from paths import ACME, DATA, EXAMPLES, KESTREL

import dualladder
from dualladder import tables
from dualladder.cli import main
from dualladder.tables import Table


@pytest.fixture(scope="module")
def kestrel() -> dualladder.Company:
    return dualladder.load_company(KESTREL)


def _cli(capsys: pytest.CaptureFixture[str], *argv: object) -> str:
    main([str(a) for a in argv])
    return capsys.readouterr().out


def test_bands_has_every_rung_in_every_zone_as_the_lookups_give_it(
    kestrel: dualladder.Company,
) -> None:
    table = tables.bands(kestrel)
    assert table.columns == ("family", "track", "track_name", "level", "title", "zone",
                             "currency", "min", "mid", "max", "source")
    rungs = sum(1 for family in kestrel.families for _ in family.rungs())
    assert len(table) == rungs * (1 + len(kestrel.zones))
    for row in table:
        family = kestrel.family(row["family"])
        assert family is not None
        rung = family.rung(row["track"], row["level"])
        assert rung is not None and rung.title == row["title"]
        band = family.band(rung, zone=row["zone"])
        assert band is not None
        assert (row["min"], row["mid"], row["max"]) == (band.min, band.mid, band.max)
        assert row["currency"] == kestrel.zone_currency(row["zone"])
        assert row["track_name"] == family.track_name(row["track"])
        assert row["source"] in tables.BAND_SOURCES
    where = {(r["family"], r["level"], r["zone"], r["track"]): r["source"] for r in table}
    assert where["Data", "L6", None, "technical"] == "differential"       # factor 1.06
    assert where["Engineering", "L6", None, "technical"] == "company"
    assert where["Engineering", "L6", "berlin", "technical"] == "zone"    # an explicit band
    assert where["Engineering", "L6", "sf", "technical"] == "company"     # times the factor


def test_the_tables_name_a_track_alike_key_and_family_name(kestrel: dualladder.Company) -> None:
    """`track` is the key in every table, `track_name` the display name the family gives it
    (the audit's rungs said `Data Management / Design Management / Engineering Management` for
    the management track of each family, the postings held the display name in `track`)."""
    names = {(row["family"], row["track"], row["track_name"]) for row in tables.bands(kestrel)}
    assert ("Data", "management", "Data Management") in names
    assert {(r["family"], r["track"], r["track_name"]) for r in tables.postings(kestrel)} == names
    report = dualladder.audit(kestrel, EXAMPLES / "kestrel-roster.csv")
    audited = {(r["family"], r["track"], r["track_name"]) for r in tables.audit_rungs(report)}
    assert audited and audited <= names


def test_bands_of_a_standalone_ladder_are_its_own() -> None:
    ladder = dualladder.load(ACME)
    table = tables.bands(ladder)
    assert len(table) == sum(1 for _ in ladder.rungs())
    assert {row["zone"] for row in table} == {None}
    assert {row["source"] for row in table} <= {"level", "rung", "withheld", None}


def test_postings_are_the_clis_csv(kestrel: dualladder.Company,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    from_cli = pd.read_csv(io.StringIO(_cli(capsys, "postings", KESTREL)), dtype=str,
                           keep_default_na=False)
    table = tables.postings(kestrel)
    assert list(from_cli.columns) == list(table.columns)
    assert len(from_cli) == len(table)
    for row, cli in zip(table, from_cli.to_dict("records"), strict=True):
        assert {k: "" if v is None else f"{v}" for k, v in row.items()} == cli


def test_findings_are_the_rows_of_validate_json(capsys: pytest.CaptureFixture[str]) -> None:
    report = dualladder.check_paths([DATA])
    table = tables.findings(report)
    assert table.records() == [finding.as_dict() for finding in report]
    frame = table.to_pandas()
    assert list(frame.columns) == ["file", "line", "column", "code", "severity", "message",
                                   "path"]
    assert len(frame) == len(report) > 0


def test_the_audits_tables_are_its_json_flattened_and_exact(
    kestrel: dualladder.Company, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    roster = EXAMPLES / "kestrel-roster.csv"  # 204 people in three zones
    report = dualladder.audit(kestrel, roster)
    document = json.loads(_cli(capsys, "audit", KESTREL, roster, "--format", "json"))

    def close(exact: object, shown: object) -> bool:
        """The table's exact value, rounded as JSON rounds it, is what JSON shows."""
        if isinstance(exact, Decimal):
            return float(exact.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)) == shown
        return exact == shown

    rungs = tables.audit_rungs(report)
    spreads = ("compa_ratio", "range_penetration")
    flat = [{"family": level["family"], "level": level["level"], "level_name": level["name"],
             **{k: v for k, v in rung.items() if k not in spreads},
             **{f"{k}_{s}": (rung[k] or {}).get(s) for k in spreads
                for s in ("min", "q1", "median", "q3", "max")}}
            for level in document["levels"] for rung in level["rungs"]]
    assert len(rungs) == len(flat) > 0
    for row, shown in zip(rungs, flat, strict=True):
        assert set(shown) <= set(row.keys())  # every JSON key is a column
        assert all(close(row[key], value) for key, value in shown.items()), (row, shown)
    assert any(isinstance(row["compa_ratio_median"], Decimal) for row in rungs)

    categories = tables.audit_categories(report)
    shown_categories = [c for group in document["pay"] for c in group["categories"]]
    assert len(categories) == len(shown_categories) > 0
    for row, shown in zip(categories, shown_categories, strict=True):
        assert row["people_women"] == shown["people"]["women"]
        assert close(row["mean_gap"], shown["mean_gap"])
        assert row["family"] is None and shown["family"] == ""  # the company's shared scale

    indicators = tables.audit_indicators(report)
    assert [row["currency"] for row in indicators] == [g["currency"] for g in document["pay"]]
    for row, group in zip(indicators, document["pay"], strict=True):
        organisation = group["organisation"]
        assert close(row["median_gap"], organisation["median_gap"])
        assert close(row["quartiles_4_share_women"],
                     organisation["quartiles"][3]["share"]["women"])
        assert row["quartiles_1_people"] == organisation["quartiles"][0]["people"]
    # the categories and the organisation share their indicator columns
    assert set(categories.columns) - {"family", "level", "level_name"} <= set(indicators.columns)


def test_to_pandas_is_exact_by_default_and_floats_on_request(
    kestrel: dualladder.Company,
) -> None:
    table = tables.bands(kestrel)
    exact = table.to_pandas()
    assert list(exact.columns) == list(table.columns)
    assert all(isinstance(value, Decimal) for value in exact["min"])
    assert exact["min"].sum() == sum(row["min"] for row in table)
    floats = table.to_pandas(floats=True)
    assert floats["min"].dtype == "float64"
    assert exact["zone"].isna().sum() == len(table) // (1 + len(kestrel.zones))


def test_a_table_is_a_read_only_sequence_of_records(kestrel: dualladder.Company) -> None:
    table = tables.bands(kestrel)
    assert isinstance(table, Table) and table[0] == table.records()[0]
    with pytest.raises(TypeError, match="read-only"):
        table[0]["min"] = Decimal(1)  # type: ignore[index]
    copy = table.records()[0]
    copy["min"] = Decimal(1)
    assert table[0]["min"] != Decimal(1)


def test_pandas_is_imported_only_by_to_pandas() -> None:
    code = (
        "import sys, dualladder\n"
        "from dualladder import tables\n"
        f"company = dualladder.load_company({str(KESTREL)!r})\n"
        "table = tables.bands(company)\n"
        "assert 'pandas' not in sys.modules, 'imported early'\n"
        "table.to_pandas()\n"
        "assert 'pandas' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
