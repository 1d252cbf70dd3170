"""The example roster of the Kestrel company (issue 21): ``dualladder audit ladders/kestrel/
examples/kestrel-roster.csv`` runs out of the box, on every family and zone, and the file holds
people by id only and is what ``tools/kestrel_roster.py`` writes."""

from __future__ import annotations

import csv
import importlib.util
import re

import pytest
from paths import EXAMPLES, KESTREL, ROOT

from dualladder.cli import main

ROSTER = EXAMPLES / "kestrel-roster.csv"


def test_the_company_audit_runs_out_of_the_box(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["audit", str(KESTREL), str(ROSTER)])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    rows = list(csv.DictReader(ROSTER.open(encoding="utf-8")))
    assert f"{len(rows)} people\n" in out  # nobody left out
    assert "left out" not in out and " error" not in out and " warning" not in out
    for family in ("Data", "Design", "Engineering"):
        assert f"{family} L5" in out
    assert "workers paid in EUR" in out and "workers paid in USD" in out


def test_the_roster_covers_every_family_track_and_zone_with_ids_only() -> None:
    rows = list(csv.DictReader(ROSTER.open(encoding="utf-8")))
    assert set(rows[0]) == {"employee_id", "family", "track", "level", "zone", "base_pay",
                            "currency", "fte", "variable_pay", "equity", "gender", "hire_date"}
    assert all(re.fullmatch(r"K\d{4}", row["employee_id"]) for row in rows)
    assert len({row["employee_id"] for row in rows}) == len(rows)
    assert {row["family"] for row in rows} == {"Data", "Design", "Engineering"}
    assert {row["zone"] for row in rows} == {"", "sf", "berlin"}
    assert {row["track"] for row in rows} == {"management", "technical"}
    assert {row["currency"] for row in rows if row["zone"] == "berlin"} == {"EUR"}


def test_the_roster_is_what_the_tool_writes() -> None:
    spec = importlib.util.spec_from_file_location("kestrel_roster",
                                                  ROOT / "tools" / "kestrel_roster.py")
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.roster() == ROSTER.read_text(encoding="utf-8")
