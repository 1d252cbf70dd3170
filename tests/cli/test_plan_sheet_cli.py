"""``dualladder plan sheet`` and ``dualladder plan update`` end to end on real files, and the
round trip plan new -> sheet -> (people fill it in) -> update, comments of the plan kept."""

from __future__ import annotations

import csv
import difflib
import io
import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from paths import ACME, EXAMPLES

from dualladder._internal.io.plan.read import load_plan
from dualladder._internal.io.plan.save import save_plan
from dualladder._internal.model.plan import Plan, Status
from dualladder._internal.services.plan.sheet import COLUMNS
from dualladder._internal.util.findings import LadderError
from dualladder.cli import main

EXAMPLE = EXAMPLES / "plans" / "senior-to-staff.yaml"
COMMENT = "# agreed in the one-to-one of 25 November\n"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _new_plan(folder: Path) -> Path:
    """A scaffolded plan in ``folder``, with a comment of its own above the steps."""
    plan = folder / "plan.yaml"
    assert main([
        "plan", "new", str(ACME), "--track", "technical", "--level", "L5", "--goal", "next",
        "--person", "E1042", "--target", "2027-09-30", "-o", str(plan),
    ]) == 0
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("\nsteps:\n", "\n" + COMMENT + "steps:  # in order\n"),
                    encoding="utf-8")
    return plan


def _fill_csv(sheet: Path, values: dict[str, dict[str, str]]) -> None:
    """Type ``values`` (step id -> column -> text) into a CSV sheet, as a text editor would."""
    rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig"), newline="")))
    for row in rows[1:]:
        for column, text in values.get(row[1], {}).items() if row[0] == "step" else ():
            row[COLUMNS.index(column)] = text
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    sheet.write_text(buffer.getvalue(), encoding="utf-8")


def _fill_xlsx(sheet: Path, values: dict[str, dict[str, str]]) -> None:
    """Type ``values`` into an XLSX sheet as text cells (what a person types stays text)."""
    book = load_workbook(sheet)
    ws = book.active
    assert ws is not None
    for row in ws.iter_rows(min_row=2):
        if row[0].value != "step":
            continue
        for column, text in values.get(str(row[1].value), {}).items():
            cell = row[COLUMNS.index(column)]
            cell.value = text
            cell.data_type = "s"
    book.save(sheet)


def _fill(sheet: Path, values: dict[str, dict[str, str]]) -> None:
    (_fill_xlsx if sheet.suffix == ".xlsx" else _fill_csv)(sheet, values)


# -- plan sheet -----------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_plan_sheet_writes_the_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    plan = _new_plan(tmp_path)
    sheet = tmp_path / f"progress{suffix}"
    code, out, err = _run(capsys, "plan", "sheet", str(plan), "-o", str(sheet))
    assert (code, err) == (0, "")
    assert f"8 steps and 8 asks of the goal to {sheet}" in out
    assert f"`dualladder plan update {plan} {sheet}`" in out
    if suffix == ".csv":
        rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    else:
        ws = load_workbook(sheet).active
        assert ws is not None
        rows = [["" if v is None else str(v) for v in row] for row in ws.values]
    assert rows[0] == list(COLUMNS)
    assert [r[0] for r in rows[1:]].count("step") == 8
    assert len(rows) == 17


def test_plan_sheet_never_replaces_a_sheet_unasked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _new_plan(tmp_path)
    sheet = tmp_path / "progress.csv"
    sheet.write_text("what people typed\n", encoding="utf-8")
    code, _, err = _run(capsys, "plan", "sheet", str(plan), "-o", str(sheet))
    assert code == 2 and "exists (it may hold what people typed); pass --force" in err
    assert sheet.read_text(encoding="utf-8") == "what people typed\n"
    code, _, err = _run(capsys, "plan", "sheet", str(plan), "-o", str(sheet), "--force")
    assert (code, err) == (0, "")
    assert sheet.read_text(encoding="utf-8-sig").startswith("kind,id,")


def test_plan_sheet_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = _new_plan(tmp_path)
    code, _, err = _run(capsys, "plan", "sheet", str(plan), "-o", str(tmp_path / "p.ods"))
    assert code == 2 and "a tracking sheet is a .csv or .xlsx file" in err
    assert not (tmp_path / "p.ods").exists()
    code, _, err = _run(capsys, "plan", "sheet", str(tmp_path / "none.yaml"), "-o",
                        str(tmp_path / "p.csv"))
    assert code == 2 and "none.yaml: cannot read" in err
    code, _, err = _run(capsys, "plan", "sheet", str(plan), "-o",
                        str(tmp_path / "no" / "p.csv"))
    assert code == 2 and "p.csv: cannot write" in err and len(err.splitlines()) == 1


def test_plan_sheet_of_a_plan_that_does_not_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("dualladder-plan: 1\nperson: {id: E1}\n", encoding="utf-8")
    code, out, err = _run(capsys, "plan", "sheet", str(plan), "-o", str(tmp_path / "p.csv"))
    assert code == 1
    assert "DL002" in out and "not a plan that can be read" in err
    assert not (tmp_path / "p.csv").exists()


def test_plan_sheet_without_its_ladder_lists_the_steps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _new_plan(tmp_path)
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    plan = plan.rename(moved / "plan.yaml")
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "  path: ", "  path: missing/"), encoding="utf-8")
    sheet = tmp_path / "p.csv"
    code, out, err = _run(capsys, "plan", "sheet", str(plan), "-o", str(sheet))
    assert code == 0
    assert "warning: the plan's ladder cannot be read" in err
    assert "8 steps and 0 asks" in out
    assert len(sheet.read_text(encoding="utf-8-sig").splitlines()) == 9


# -- plan update ----------------------------------------------------------------------------------


def _changed(before: str, after: str) -> list[str]:
    """The lines taken out (``-``) and put in (``+``) between two texts."""
    return [
        line for line in difflib.ndiff(before.splitlines(), after.splitlines())
        if line.startswith(("- ", "+ "))
    ]


def test_plan_update_changes_only_the_step_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _new_plan(tmp_path)
    before = plan.read_text(encoding="utf-8")
    sheet = tmp_path / "progress.csv"
    assert main(["plan", "sheet", str(plan), "-o", str(sheet)]) == 0
    capsys.readouterr()
    _fill(sheet, {"S1": {"status": "done", "evidence": "https://wiki.example.com/a # b"},
                  "S3": {"status": "in progress", "owner": "Grace"}})
    code, out, err = _run(capsys, "plan", "update", str(plan), str(sheet))
    assert (code, err) == (0, "")
    assert out == (
        f"updated 2 of 8 steps of {plan}: S1 open -> done, evidence added, "
        "S3 open -> in-progress, owner changed\n"
    )
    after = plan.read_text(encoding="utf-8")
    assert _changed(before, after) == [
        "-   status: open",
        "+   status: done",
        '+   evidence: "https://wiki.example.com/a # b"',
        "-   owner: employee",
        "+   owner: Grace",
        "-   status: open",
        "+   status: in-progress",
    ]
    assert COMMENT + "steps:  # in order\n" in after
    loaded = load_plan(plan)
    assert loaded.steps[0].evidence == "https://wiki.example.com/a # b"
    assert (loaded.steps[2].status, loaded.steps[2].owner) == (Status.IN_PROGRESS, "Grace")
    # nothing changes a second time, and the file is not even written
    os.utime(plan, (1_000_000_000, 1_000_000_000))
    code, out, _ = _run(capsys, "plan", "update", str(plan), str(sheet))
    assert code == 0 and out == f"updated 0 of 8 steps of {plan} (the sheet changes nothing)\n"
    assert plan.read_text(encoding="utf-8") == after
    assert plan.stat().st_mtime == 1_000_000_000


ANCHORED = """\
# Plan of E7 (comments before the document are kept whatever happens)
dualladder-plan: 1
person: {id: E7}
ladder: {path: LADDER}
current: {track: technical, level: L5}
goal: {track: technical, level: L6}
target: 2027-09-30
steps:
  - id: S1
    what: Lead the design review
    owner: employee
    due: &due 2027-03-31   # both steps are due together
  - id: S2
    what: Run the migration
    owner: employee
    due: *due
commitments:
  - {what: Weekly 1:1 on the plan}
"""


def test_plan_update_of_a_value_the_file_shares_through_an_anchor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(ANCHORED.replace("LADDER", str(ACME)), encoding="utf-8")
    sheet = tmp_path / "p.csv"
    assert main(["plan", "sheet", str(plan), "-o", str(sheet)]) == 0
    _fill(sheet, {"S1": {"status": "done"}})
    capsys.readouterr()
    assert _run(capsys, "plan", "update", str(plan), str(sheet))[:3:2] == (0, "")
    assert "&due 2027-03-31   # both steps" in plan.read_text(encoding="utf-8")  # in place
    _fill(sheet, {"S2": {"due": "2027-06-30"}})
    code, _, err = _run(capsys, "plan", "update", str(plan), str(sheet))
    assert code == 0
    assert err == (
        f"dualladder: warning: {plan}: the change reaches a value the file shares through an "
        "anchor; the file was written whole, with its leading comments kept\n"
    )
    text = plan.read_text(encoding="utf-8")
    assert text.startswith("# Plan of E7 (comments before the document are kept")
    assert "&due" not in text
    updated = load_plan(plan)
    assert [(s.status, s.due) for s in updated.steps] == [
        (Status.DONE, date(2027, 3, 31)), (Status.OPEN, date(2027, 6, 30))
    ]


def test_plan_update_with_bad_rows_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _new_plan(tmp_path)
    before = plan.read_bytes()
    sheet = tmp_path / "progress.csv"
    assert main(["plan", "sheet", str(plan), "-o", str(sheet)]) == 0
    capsys.readouterr()
    _fill(sheet, {"S1": {"status": "done"}, "S2": {"status": "finished"},
                  "S4": {"due": "soon"}})
    code, out, err = _run(capsys, "plan", "update", str(plan), str(sheet))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"{sheet}:3:7: status 'finished' of step 'S2' is not one of open, in-progress, "
        "done, dropped",
        f"{sheet}:5:6: due 'soon' of step 'S4' is not a date (YYYY-MM-DD)",
        f"dualladder: error: {sheet}: 2 bad cells or rows; {plan} was not changed",
    ]
    assert plan.read_bytes() == before


def test_plan_update_prints_at_most_fifty_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _new_plan(tmp_path)
    sheet = tmp_path / "p.csv"
    sheet.write_text("kind,id,status,evidence\n" + "step,X,done,\n" * 80, encoding="utf-8")
    code, _, err = _run(capsys, "plan", "update", str(plan), str(sheet))
    lines = err.splitlines()
    assert code == 1 and len(lines) == 52
    assert lines[49] == f"{sheet}:51:2: step 'X' is not in the plan; add new steps in the plan file"
    assert lines[50:] == ["... and 30 more",
                          f"dualladder: error: {sheet}: 80 bad cells or rows; {plan} was not "
                          "changed"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("p.txt", b"kind,id,status,evidence\n", "p.txt: a tracking sheet is a .csv or .xlsx"),
        ("p.csv", b"\x00\x01\x02", "p.csv:1:1: not a CSV file: it holds NUL bytes"),
        ("p.csv", b"x" * (4 * 1024 * 1024 + 1), "p.csv: the file is larger than the 4 MiB"),
        ("p.xlsx", b"kind,id,status,evidence\n", "p.xlsx:1:1: not an XLSX workbook"),
        ("p.csv", b"name,score\nada,3\n", "p.csv:1:1: not a tracking sheet"),
        ("none.csv", None, "none.csv: cannot read"),
    ],
)
def test_plan_update_with_a_file_that_is_not_a_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes | None,
    message: str,
) -> None:
    plan = _new_plan(tmp_path)
    capsys.readouterr()
    before = plan.read_bytes()
    sheet = tmp_path / name
    if content is not None:
        sheet.write_bytes(content)
    code, out, err = _run(capsys, "plan", "update", str(plan), str(sheet))
    assert code == 2 and out == ""
    assert err.startswith(f"dualladder: error: {tmp_path}/{message}")
    assert len(err.splitlines()) == 1
    assert plan.read_bytes() == before


def test_plan_update_of_a_plan_that_does_not_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("dualladder-plan: 2\n", encoding="utf-8")
    sheet = tmp_path / "p.csv"
    sheet.write_text("kind,id,status,evidence\n", encoding="utf-8")
    code, out, _ = _run(capsys, "plan", "update", str(plan), str(sheet))
    assert code == 1 and "DL002" in out
    assert plan.read_text(encoding="utf-8") == "dualladder-plan: 2\n"
    code, _, err = _run(capsys, "plan", "update", str(tmp_path / "none.yaml"), str(sheet))
    assert code == 2 and "none.yaml: cannot read" in err


def test_plan_update_keeps_a_hand_written_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The example plan was written by hand (flow mappings, comments, steps without a
    `status`): an update touches the values it changes and nothing else."""
    (tmp_path / "ladders").mkdir()
    shutil.copy(ACME, tmp_path / "ladders" / ACME.name)
    (tmp_path / "examples" / "plans").mkdir(parents=True)
    plan = tmp_path / "examples" / "plans" / EXAMPLE.name
    shutil.copy(EXAMPLE, plan)
    before = plan.read_text(encoding="utf-8")
    sheet = tmp_path / "p.xlsx"
    assert main(["plan", "sheet", str(plan), "-o", str(sheet)]) == 0
    _fill(sheet, {"S1": {"status": "done"}, "S2": {"status": "done", "evidence": "PR 1234"},
                  "S5": {"owner": "Dana Director (chair)"}})
    capsys.readouterr()
    code, _, err = _run(capsys, "plan", "update", str(plan), str(sheet))
    assert (code, err) == (0, "")
    assert _changed(before, plan.read_text(encoding="utf-8")) == [
        "-     status: in-progress",
        "+     status: done",
        "+     status: done",
        "+     evidence: PR 1234",
        "-     owner: Dana Director",
        "+     owner: Dana Director (chair)",
    ]


def test_save_plan_refuses_what_would_not_read_back(tmp_path: Path) -> None:
    plan = load_plan(EXAMPLE)
    path = tmp_path / "p.yaml"
    path.write_text("precious\n", encoding="utf-8")
    # model_copy does not validate: a step that the plan format refuses gets this far
    steps = [plan.steps[0].model_copy(update={"evidence": "e" * 2001}), *plan.steps[1:]]
    with pytest.raises(LadderError) as info:
        save_plan(plan.model_copy(update={"steps": steps}), path)
    assert [f.loc for f in info.value.findings] == [("steps", 0, "evidence")]
    assert path.read_text(encoding="utf-8") == "precious\n"


# -- the round trip -------------------------------------------------------------------------------

_TYPED = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Cf"))
EVIDENCE = st.text(st.one_of(_TYPED, st.just("\n")), min_size=1, max_size=40).map(
    str.strip
).filter(lambda t: bool(t) and not t.startswith("'"))
OWNER = st.text(_TYPED, min_size=1, max_size=30).map(str.strip).filter(
    lambda t: bool(t) and not t.startswith("'")
)
DUE = st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31))
FILLED = st.fixed_dictionaries(
    {},
    optional={
        "status": st.sampled_from(list(Status)),
        "evidence": st.one_of(st.just(""), EVIDENCE),
        "owner": st.one_of(st.just(""), OWNER),
        "due": st.one_of(st.just(""), DUE.map(date.isoformat)),
    },
)


def _expected(plan: Plan, typed: list[dict[str, object]]) -> list[tuple[object, ...]]:
    out = []
    for step, cells in zip(plan.steps, typed, strict=True):
        status = cells.get("status", step.status)
        evidence = cells["evidence"] or None if "evidence" in cells else step.evidence
        owner = cells["owner"] or None if "owner" in cells else step.owner
        due = (date.fromisoformat(str(cells["due"])) if cells["due"] else None) if (
            "due" in cells) else step.due
        out.append((status, evidence, owner, due))
    return out


@given(data=st.data())
def test_property_plan_new_sheet_update_round_trip(data: st.DataObject) -> None:
    """Whatever two people type into the sheet's columns, ``plan update`` puts exactly that
    into the plan, through the command line and the plan file, and keeps the file's comments
    and everything but the steps byte for byte."""
    suffix = data.draw(st.sampled_from([".csv", ".xlsx"]))
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = _new_plan(folder)
        before_text = path.read_text(encoding="utf-8")
        before = load_plan(path)
        typed = [data.draw(FILLED) for _ in before.steps]
        sheet = folder / f"progress{suffix}"
        assert main(["plan", "sheet", str(path), "-o", str(sheet)]) == 0
        _fill(sheet, {
            step.id: {k: (v.value if isinstance(v, Status) else str(v)) for k, v in t.items()}
            for step, t in zip(before.steps, typed, strict=True)
        })
        assert main(["plan", "update", str(path), str(sheet)]) == 0
        after_text = path.read_text(encoding="utf-8")
        after = load_plan(path)
    assert [(s.status, s.evidence, s.owner, s.due) for s in after.steps] == _expected(
        before, typed
    )
    assert [(s.id, s.what, s.covers) for s in after.steps] == [
        (s.id, s.what, s.covers) for s in before.steps
    ]
    assert after.model_copy(update={"steps": before.steps}) == before
    head = before_text[: before_text.index(COMMENT)]
    assert after_text.startswith(head + COMMENT + "steps:  # in order\n")
    tail = before_text[before_text.index("\ncommitments:"):]
    assert after_text.endswith(tail)


_ANY = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)


@given(data=st.data())
def test_property_an_unchanged_sheet_changes_nothing(data: st.DataObject) -> None:
    """A sheet nobody touched leaves the plan file byte for byte, whatever its steps hold
    (control characters the sheet shows escaped, formulas, apostrophes, several lines)."""
    suffix = data.draw(st.sampled_from([".csv", ".xlsx"]))
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = _new_plan(folder)
        plan = load_plan(path)
        steps = [
            s.model_copy(update={
                "evidence": data.draw(st.one_of(st.none(), _ANY)),
                "owner": data.draw(st.one_of(st.none(), _ANY)),
            })
            for s in plan.steps
        ]
        assert save_plan(plan.model_copy(update={"steps": steps}), path) is None
        before = path.read_bytes()
        sheet = folder / f"progress{suffix}"
        assert main(["plan", "sheet", str(path), "-o", str(sheet)]) == 0
        assert main(["plan", "update", str(path), str(sheet)]) == 0
        assert path.read_bytes() == before
