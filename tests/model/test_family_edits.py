"""A job family's derived bands follow edits at once (its differentials, its company's bands),
and an edit its file cannot hold is refused when it is made (issue 22, item 3). Everything
through the public API; what the files give once saved and read again is the reference."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from paths import ACME, DATA, KESTREL

import dualladder
from dualladder import TECHNICAL, Band, Differential, Ladder
from dualladder.company import CompanyEdit

ZONES = DATA / "company" / "positive" / "zones"


def _saved_and_read(ladder: Ladder, tmp_path: Path) -> Ladder:
    """``ladder`` saved to a copy of its folder and read again with its company."""
    assert ladder.source is not None
    path = Path(ladder.source.name)
    folder = tmp_path / "copy"
    shutil.copytree(path.parent, folder)
    dualladder.save(ladder, folder / path.name)
    return dualladder.load(folder / path.name)


def test_a_factor_edit_moves_the_level_band_and_every_lookup_at_once(tmp_path: Path) -> None:
    data = dualladder.load(KESTREL / "data.yaml")
    level, rung = data.level("L6"), data.rung(TECHNICAL, "L6")
    assert level is not None and rung is not None
    assert (level.pay.min, level.pay.max) == (174900, 227900)  # type: ignore[union-attr]
    data.differentials[0].factor = Decimal("1.08")
    # the level object held from before, a fresh lookup, the rung's band: all the new band
    assert (level.pay.min, level.pay.max) == (178200, 232200)  # type: ignore[union-attr]
    assert data.band(rung) == level.pay == data.level("L6").pay  # type: ignore[union-attr]
    dualladder.check(data)
    assert (level.pay.min, level.pay.max) == (178200, 232200)  # type: ignore[union-attr]
    again = _saved_and_read(data, tmp_path)
    assert again == data
    assert again.band(again.rung(TECHNICAL, "L6"), zone="sf") == data.band(rung, zone="sf")  # type: ignore[arg-type]


def test_a_differential_added_or_removed_moves_its_level_at_once() -> None:
    data = dualladder.load(KESTREL / "data.yaml")
    company_band = data.company.band("L5")  # type: ignore[union-attr]
    assert company_band is not None
    data.differentials.append(Differential(level="L5", factor="1.1", reason="scarce skills"))
    assert data.level("L5").pay.min == company_band.min * Decimal("1.1")  # type: ignore[union-attr]
    data.differentials.pop()
    assert data.level("L5").pay == company_band  # type: ignore[union-attr]
    del data.differentials[0]
    assert data.level("L6").pay == data.company.band("L6")  # type: ignore[union-attr]


def test_a_differentials_own_band_and_its_level_band_are_one_value(tmp_path: Path) -> None:
    data = dualladder.load(ZONES / "data.yaml")
    differential = next(d for d in data.differentials if d.level == "L5")
    assert differential.pay is not None
    differential.pay.max = Decimal(170000)                 # an amount of the differential
    assert data.level("L5").pay.max == 170000  # type: ignore[union-attr]
    level = data.level("L5")
    assert level is not None and level.pay is not None
    level.pay.min = Decimal(120000)                        # an amount of the level's band
    assert differential.pay is not None and differential.pay.min == 120000
    level.pay = Band(min=126000, mid=147000, max=168000)   # the whole band
    assert differential.pay == Band(min=126000, mid=147000, max=168000)
    again = _saved_and_read(data, tmp_path)
    assert again.level("L5").pay == level.pay  # type: ignore[union-attr]
    assert again.differentials == data.differentials


def test_an_edit_of_the_companys_band_moves_every_family_at_once() -> None:
    company = dualladder.load_company(KESTREL)
    data, design = company.family("Data"), company.family("Design")
    assert data is not None and design is not None
    company_level = company.level("L6")
    assert company_level is not None
    company_level.pay = Band(min=170000, mid=196000, max=222000)
    assert design.level("L6").pay == company_level.pay  # type: ignore[union-attr]
    assert data.level("L6").pay.min == Decimal(170000) * Decimal("1.06")  # type: ignore[union-attr]
    company_level.pay.max = Decimal(230000)                # an amount, in place
    assert design.level("L6").pay.max == 230000  # type: ignore[union-attr]
    base = design.band(design.rung(TECHNICAL, "L6"))  # type: ignore[arg-type]
    assert base is not None and base.max == 230000
    assert design.level("L6").pay is not company_level.pay  # type: ignore[union-attr]


def test_a_refused_band_edit_changes_nothing_and_says_where_to_make_it() -> None:
    data = dualladder.load(KESTREL / "data.yaml")
    level = data.level("L5")
    assert level is not None and level.pay is not None
    before = level.pay.model_copy()
    with pytest.raises(CompanyEdit, match=r"company\.yaml:\d+:\d+: level L5's band in Data is "
                                          r"the company's.*save_company"):
        level.pay = Band(min=1, mid=2, max=3)
    with pytest.raises(CompanyEdit, match=r"factor 1\.06"):
        data.level("L6").pay.min = Decimal(1)  # type: ignore[union-attr]
    with pytest.raises(CompanyEdit, match="company's scale"):
        level.id = "L5b"
    assert level.pay == before and level.id == "L5"
    assert dualladder.saves(data) == (KESTREL / "data.yaml").read_text()


def test_a_copy_of_a_family_is_a_plain_value() -> None:
    """A deep copy shares nothing with the family: editing it neither moves nor is refused by
    the family it was copied from."""
    data = dualladder.load(KESTREL / "data.yaml")
    copy = data.model_copy(deep=True)
    copy.level("L6").pay = Band(min=1, mid=2, max=3)  # type: ignore[union-attr]
    assert data.level("L6").pay.min == 174900  # type: ignore[union-attr]


def test_a_standalone_ladder_takes_any_band() -> None:
    ladder = dualladder.load(ACME)
    ladder.level("L6").pay = Band(min=180000, mid=211000, max=242000)  # type: ignore[union-attr]
    assert ladder.level("L6").pay.mid == 211000  # type: ignore[union-attr]


def test_a_family_let_go_is_freed_with_its_levels_and_bands() -> None:
    """The hooks that watch a family's level bands hold the level weakly: before, each band's
    hook held its level (and so the band), and every family ever read stayed in memory."""
    import gc
    import weakref

    data = dualladder.load(KESTREL / "data.yaml")
    assert any(level.pay is not None for level in data.levels)
    refs = [weakref.ref(data), *(weakref.ref(level) for level in data.levels),
            *(weakref.ref(level.pay) for level in data.levels if level.pay is not None)]
    del data
    gc.collect()
    assert [ref for ref in refs if ref() is not None] == []
