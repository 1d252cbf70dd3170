"""Rosters from pandas (issue 22, item 2): a DataFrame, or its records, audit every person;
NaN, None, pd.NA and NaT are empty cells, numpy scalars are the numbers they hold."""

from __future__ import annotations

import random
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd  # the test extra holds the pandas extra
import pytest
from paths import KESTREL, ROOT

import dualladder


@pytest.fixture(scope="module")
def kestrel() -> dualladder.Company:
    return dualladder.load_company(KESTREL)


def _csv(company: dualladder.Company, path: Path, people: int = 400) -> Path:
    """A roster export as HR systems write it: the base zone is an empty cell, and so is a
    variable pay nobody has."""
    rng = random.Random(22)
    lines = ["employee_id,family,track,level,zone,base_pay,variable_pay,fte,gender"]
    for number in range(people):
        family = rng.choice(company.families)
        track = rng.choice(list(family.tracks))
        rung = rng.choice(family.tracks[track].rungs)
        zone = rng.choice(["", "", "sf", "berlin"])
        band = family.band(rung, zone=zone) if zone else family.band(rung)
        assert band is not None
        variable = rng.choice(["", "", "5000", "7500.5"])
        fte = rng.choice(["1", "1", "0.8"])
        gender = rng.choice(["female", "male", ""])
        lines.append(f"E{number:04d},{family.family},{track},{rung.level},{zone},"
                     f"{band.mid},{variable},{fte},{gender}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_dataframe_with_empty_zones_audits_every_person(
    kestrel: dualladder.Company, tmp_path: Path
) -> None:
    frame = pd.read_csv(_csv(kestrel, tmp_path / "roster.csv"))
    assert frame["zone"].isna().sum() > 150  # the empty zones are NaN, as pandas reads them
    from_file = dualladder.audit(kestrel, tmp_path / "roster.csv")
    assert from_file.people == 400 and from_file.rows_left_out == 0
    for rows in (frame, frame.to_dict("records")):
        report = dualladder.audit(kestrel, rows)
        assert report.people == 400, [f.message for f in report.findings][:3]
        assert report.rows_left_out == 0
        # the same findings (the roster's name differs: "<rows>", so their order may too)
        assert sorted((f.code, f.line, f.message) for f in report.findings) == sorted(
            (f.code, f.line, f.message) for f in from_file.findings)
        assert report.pay == from_file.pay  # the same figures as the file itself


def test_missing_values_and_numpy_scalars_mean_what_they_say(
    kestrel: dualladder.Company,
) -> None:
    band = kestrel.band("L5")
    assert band is not None
    mid = int(band.mid)
    rows = [
        {"employee_id": np.int64(1), "family": "Engineering", "track": "technical",
         "level": "L5", "zone": missing, "base_pay": pay, "fte": fte, "hire_date": date}
        for missing, pay, fte, date in [
            (None, np.int64(mid), np.float64(1.0), pd.NaT),
            (float("nan"), np.float64(mid + 0.5), 1, None),
            (pd.NA, np.int32(mid), np.float32(0.8), pd.Timestamp("2024-01-31")),
            (np.nan, Decimal(mid), Decimal("0.8"), np.datetime64("NaT")),
        ]
    ]
    for number, row in enumerate(rows):
        row["employee_id"] = np.int64(number + 1)
    report = dualladder.audit(kestrel, rows)
    assert report.people == 4, [(f.code, f.message) for f in report.findings]
    assert report.rows_left_out == 0
    assert [g.currency for g in report.pay] == ["USD"]


def test_pandas_is_imported_only_when_given() -> None:
    code = ("import sys, dualladder; from pathlib import Path; "
            "c = dualladder.load_company(Path('ladders/kestrel')); "
            "dualladder.audit(c, [{'employee_id': 'E1', 'family': 'Data', 'track': 'technical',"
            " 'level': 'L5', 'base_pay': 150000}]); "
            "assert 'pandas' not in sys.modules, 'pandas imported'")
    root = ROOT
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)
