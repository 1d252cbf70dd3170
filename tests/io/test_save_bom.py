"""A file that starts with a UTF-8 byte order mark keeps it when saved (ladders, job families,
companies, career plans), so an unchanged save stays byte-identical; a new file gets none."""

from __future__ import annotations

import shutil
from pathlib import Path

from paths import ACME, EXAMPLES, KESTREL, ROOT

import dualladder
from dualladder._internal.io.plan.read import read_plan
from dualladder._internal.io.plan.save import save_plan
from dualladder._internal.util.files import BOM


def _with_bom(source: Path, target: Path) -> bytes:
    data = BOM + source.read_bytes()
    target.write_bytes(data)
    return data


def test_an_unchanged_ladder_with_a_bom_saves_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    data = _with_bom(ACME, path)
    dualladder.save(dualladder.load(path), path)
    assert path.read_bytes() == data


def test_an_edited_ladder_keeps_its_bom_and_only_the_edit_changes(tmp_path: Path) -> None:
    path = tmp_path / "northbank.yaml"
    data = _with_bom(ROOT / "ladders" / "northbank-it.yaml", path)
    ladder = dualladder.load(path)
    old = ladder.levels[0].name
    ladder.levels[0].name = "Renamed"
    dualladder.save(ladder, path)
    saved = path.read_bytes()
    assert saved.startswith(BOM) and not saved.startswith(BOM + BOM)
    assert saved == data.replace(old.encode(), b"Renamed", 1)
    assert dualladder.load(path) == ladder


def test_a_new_file_and_a_file_without_bom_get_none(tmp_path: Path) -> None:
    ladder = dualladder.load(ROOT / "ladders" / "northbank-it.yaml")
    dualladder.save(ladder, tmp_path / "new.yaml")
    assert not (tmp_path / "new.yaml").read_bytes().startswith(BOM)


def test_a_family_and_its_company_keep_their_bom(tmp_path: Path) -> None:
    folder = tmp_path / "kestrel"
    shutil.copytree(KESTREL, folder)
    family = next(p for p in sorted(folder.glob("*.yaml")) if p.name != "company.yaml")
    for path in (family, folder / "company.yaml"):
        path.write_bytes(BOM + path.read_bytes())
    ladder = dualladder.load(family)
    ladder.tracks["technical"].rungs[0].title = "Renamed Title"
    dualladder.save(ladder, family)
    assert family.read_bytes().startswith(BOM)
    assert dualladder.load(family).tracks["technical"].rungs[0].title == "Renamed Title"
    company = dualladder.load_company(folder / "company.yaml")
    before = (folder / "company.yaml").read_bytes()
    dualladder.save_company(company, folder / "company.yaml")
    assert (folder / "company.yaml").read_bytes() == before


def test_a_plan_keeps_its_bom(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    _with_bom(EXAMPLES / "plans" / "senior-to-staff.yaml", path)
    result = read_plan(path)
    assert result.plan is not None
    edited = result.plan.model_copy(deep=True)
    edited.steps[0].status = "done" if edited.steps[0].status != "done" else "in-progress"
    save_plan(edited, path, before=result.plan, source=result.source)
    assert path.read_bytes().startswith(BOM)
    again = read_plan(path)
    assert again.plan is not None and again.plan.steps[0].status == edited.steps[0].status
