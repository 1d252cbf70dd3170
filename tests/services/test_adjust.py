"""A market adjustment from a table (issue 22, item 6): rows, a DataFrame or a CSV file;
written where the bands are written; all or nothing; a bad row named."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from paths import DATA, KESTREL

import dualladder
from dualladder import TECHNICAL, AdjustmentError

ZONES = DATA / "company" / "positive" / "zones"


def _copy(folder: Path, tmp_path: Path) -> Path:
    target = tmp_path / folder.name
    shutil.copytree(folder, target)
    return target


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _band(company: dualladder.Company, family: str, level: str, zone: str | None = None
          ) -> dualladder.Band:
    ladder = company.family(family)
    assert ladder is not None
    rung = ladder.rung(TECHNICAL, level)
    assert rung is not None
    band = ladder.band(rung, zone)
    assert band is not None
    return band


def test_rows_a_dataframe_and_a_csv_file_are_one_table(tmp_path: Path) -> None:
    rows = [{"family": "", "level": "L6", "zone": "", "percent": 3},
            {"family": "", "level": "L6", "zone": "berlin", "percent": 2.5}]
    csv = tmp_path / "adjust.csv"
    csv.write_text("family,level,zone,percent\n,L6,,3\n,L6,berlin,2.5\n", encoding="utf-8")
    results = [dualladder.adjust(KESTREL, table, round_to=100, save=False).changes.records()
               for table in (rows, pd.DataFrame(rows), csv)]
    assert results[0] == results[1] == results[2]
    assert [(r["level"], r["zone"], r["what"], r["min_after"]) for r in results[0]] == [
        ("L6", None, "level band", Decimal(170000)),        # 165,000 * 1.03
        ("L6", "berlin", "zone band", Decimal(93300)),      # 91,000 * 1.025, to 100
    ]


def test_every_band_where_it_is_written_and_what_follows_follows(tmp_path: Path) -> None:
    folder = _copy(KESTREL, tmp_path)
    before = dualladder.load_company(folder)
    done = dualladder.adjust(folder, [{"family": "*", "level": "*", "zone": "*",
                                       "percent": 3}], round_to=1)
    assert {Path(f).name for f in done.files} == {"company.yaml"}  # families write no band
    after = dualladder.load_company(folder)
    for family in ("Data", "Engineering"):
        for zone in (None, "sf", "berlin"):
            old, new = _band(before, family, "L6", zone), _band(after, family, "L6", zone)
            step = Decimal(1000 if zone == "sf" else 1)  # sf rounds its bands to 1,000
            assert abs(new.mid - old.mid * Decimal("1.03")) <= step, (family, zone)
    assert dualladder.check(after).ok


def test_a_row_naming_one_familys_band_moves_it_in_total_through_its_factor(
    tmp_path: Path,
) -> None:
    folder = _copy(KESTREL, tmp_path)
    before = dualladder.load_company(folder)
    table = [{"family": "*", "level": "*", "zone": "*", "percent": 3},
             {"family": "data", "level": "L6", "zone": "", "percent": 5}]
    done = dualladder.adjust(folder, table)
    factor = next(r for r in done.changes if r["what"] == "differential factor")
    assert factor["family"] == "Data" and factor["factor_before"] == Decimal("1.06")
    assert factor["factor_after"] == (Decimal("1.06") * Decimal("1.05") / Decimal("1.03")
                                      ).quantize(Decimal("0.000001"))
    after = dualladder.load_company(folder)
    old, new = _band(before, "Data", "L6"), _band(after, "Data", "L6")
    assert abs(new.mid / old.mid - Decimal("1.05")) < Decimal("0.0001")
    assert _band(after, "Design", "L6").mid == _band(before, "Design", "L6").mid * Decimal("1.03")


def test_a_family_on_the_companys_band_needs_a_reason_to_move_apart(tmp_path: Path) -> None:
    folder = _copy(KESTREL, tmp_path)
    row = {"family": "Design", "level": "L4", "zone": "", "percent": 4}
    with pytest.raises(AdjustmentError, match=r"row 1 .*Design pays the company's band on L4.*"
                                              r"reason"):
        dualladder.adjust(folder, [row])
    done = dualladder.adjust(folder, [{**row, "reason": "hard-to-hire designers"}])
    assert [r["what"] for r in done.changes] == ["differential added"]
    design = dualladder.load(folder / "design.yaml")
    assert [(d.level, d.factor, d.reason) for d in design.differentials] == [
        ("L4", Decimal("1.04"), "hard-to-hire designers")]


def test_a_row_naming_what_does_not_exist_is_named_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    folder = _copy(KESTREL, tmp_path)
    csv = tmp_path / "adjust.csv"
    csv.write_text("family,level,zone,percent\n"
                   "Data,L6,,3\n"
                   "Dat,L6,,3\n"
                   ",L9,,3\n"
                   ",L6,tokyo,3\n"
                   ",L6,,three\n", encoding="utf-8")
    before = _files(folder)
    with pytest.raises(AdjustmentError) as caught:
        dualladder.adjust(folder, csv)
    problems = caught.value.problems
    assert problems[0].startswith(f"{csv}:6:4: percent 'three'")  # read first, all at once
    with pytest.raises(AdjustmentError) as caught:
        dualladder.adjust(folder, pd.read_csv(csv).assign(percent=3))  # empty cells: NaN
    problems = caught.value.problems
    assert [p.split(":")[0] for p in problems] == [
        "row 2 (family 'Dat', level 'L6', zone '', percent 3)",
        "row 3 (family '', level 'L9', zone '', percent 3)",
        "row 4 (family '', level 'L6', zone 'tokyo', percent 3)",
    ]
    assert "no family 'Dat' (families: Data, Design, Engineering" in problems[0]
    assert "no zone 'tokyo' (zones: sf, berlin" in problems[2]
    assert _files(folder) == before


def test_two_rows_as_exact_for_one_band_are_refused(tmp_path: Path) -> None:
    table = [{"family": "", "level": "L6", "zone": "", "percent": 3},
             {"family": "", "level": "L6", "zone": "", "percent": 4}]
    with pytest.raises(AdjustmentError, match=r"row 2 .* as row 1 .* does; keep one"):
        dualladder.adjust(KESTREL, table, save=False)


def test_a_result_that_does_not_hold_writes_nothing(tmp_path: Path) -> None:
    folder = _copy(ZONES, tmp_path)
    before = _files(folder)
    with pytest.raises(AdjustmentError, match="not saved"):
        dualladder.adjust(folder, [{"family": "*", "level": "*", "zone": "*", "percent": 3}],
                          round_to=100000)
    assert _files(folder) == before


def test_a_named_factor_zone_band_is_written_in_the_zone(tmp_path: Path) -> None:
    folder = _copy(KESTREL, tmp_path)
    before = dualladder.load_company(folder)
    done = dualladder.adjust(folder, [{"family": "", "level": "L5", "zone": "sf",
                                       "percent": 2}], round_to=1000)
    assert [r["what"] for r in done.changes] == ["zone band (written)"]
    after = dualladder.load_company(folder)
    sf = after.zone("sf")
    assert sf is not None and "L5" in sf.bands
    assert sf.bands["L5"] == before.band("L5", "sf").scaled(2, round_to=1000).model_copy(  # type: ignore[union-attr]
        update={"currency": None})
    assert after.band("L6", "sf") == before.band("L6", "sf")  # the others still follow


def test_save_false_says_what_it_would_write_and_writes_nothing(tmp_path: Path) -> None:
    folder = _copy(ZONES, tmp_path)
    before = _files(folder)
    done = dualladder.adjust(folder, [{"family": "*", "level": "*", "zone": "*",
                                       "percent": 3}], save=False)
    assert not done.saved and done.files and _files(folder) == before
    assert {r["what"] for r in done.changes} >= {"differential band", "rung band", "level band"}
