"""Hostile input, round two (issue 20): the reproductions that cannot be stored as files under
``tests/data/hostile/`` (named pipes, links, unwritable streams, generated inputs). Each test
fails without its fix."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from paths import ACME, EXAMPLES, KESTREL, ROOT

from dualladder._internal.util.numbers import fits, plain_decimal
from dualladder.cli import main

EXAMPLE = ROOT / "ladders" / "northbank-it.yaml"


# -- the shared bound on numbers (items 1, 2, 3, 6, 14) -------------------------------------------


@pytest.mark.parametrize(
    ("text", "digits", "places", "expected"),
    [
        ("2e+999999999", 15, 4, False),
        ("1e-999999999", 15, 4, False),
        ("-2e+999999999", 3, 6, False),
        ("999999999999999.9999", 15, 4, True),
        ("1000000000000000", 15, 4, False),
        ("1.50000000000000000000", 1, 1, True),
        ("0.00001", 1, 4, False),
        ("0E-999999999", 1, 4, True),
        ("1" + "0" * 5000, 15, 4, False),
        ("NaN", 15, 4, False),
        ("Infinity", 15, 4, False),
    ],
)
def test_fits_never_raises(text: str, digits: int, places: int, expected: bool) -> None:
    assert fits(Decimal(text), digits, places) is expected


@pytest.mark.parametrize(
    "text",
    ["1_000", "\u0661\u0662\u0663", "\uff11\uff12\uff13", "NaN", "inf", "1e-999999999",
     "1e1000", "", "1.2.3", "0x10", "1" * 65, " 1 2 "],
)
def test_plain_decimal_refuses(text: str) -> None:
    assert plain_decimal(text) is None


@pytest.mark.parametrize("text", ["85000.50", " 1 ", "-1", "+.5", "1.", "1e3", "1E-3"])
def test_plain_decimal_reads(text: str) -> None:
    assert plain_decimal(text) == Decimal(text.strip())


# -- 12: a named pipe inside a folder ------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_in_a_folder_is_an_unreadable_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "n"
    folder.mkdir()
    (folder / "a.yaml").write_bytes(EXAMPLE.read_bytes())
    os.mkfifo(folder / "p.yaml")
    assert main(["validate", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "p.yaml: cannot read: a named pipe (FIFO), not a regular file" in err


# -- 15: an unwritable standard error ------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize(
    "argv", [["validate", "no-such-file.yaml"], ["validate", "--no-such-option"],
             ["audit", str(EXAMPLE), "x.csv", "--tolerance", "2e+999999999"]],
)
def test_an_unwritable_stderr_keeps_exit_2(argv: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "dualladder", *argv], stderr=full, stdout=subprocess.PIPE,
            check=False, timeout=60,
        )
    assert done.returncode == 2


def test_a_closed_stderr_keeps_exit_2() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import os, sys; os.close(2); from dualladder.cli import main; "
         "sys.exit(main(['validate', 'no-such-file.yaml']))"],
        stdout=subprocess.PIPE, check=False, timeout=60,
    )
    assert done.returncode == 2


# -- 5: one large aliased string ----------------------------------------------------------------


def _aliased_title_ladder(size: int, rungs: int) -> str:
    title = "Staff " * (size // 6)
    lines = ["dualladder: 1", "organization: Acme", "family: Engineering", "currency: USD",
             "levels:"]
    lines += [f"  - {{id: L{i}, pay: {{min: {100 + i}000, mid: {110 + i}000, "
              f"max: {120 + i}000}}}}" for i in range(1, rungs + 1)]
    lines += ["tracks:", "  management:", "    rungs:"]
    lines += [f"      - {{level: L{i}, title: {'&t ' + title.strip() if i == 1 else '*t'}}}"
              for i in range(1, rungs + 1)]
    lines += ["  technical:", "    rungs:"]
    lines += [f"      - {{level: L{i}, title: *t}}" for i in range(1, rungs + 1)]
    return "\n".join(lines) + "\n"


def test_aliases_are_counted_in_characters(tmp_path: Path) -> None:
    from dualladder import read_text
    from dualladder._internal.io.parse import MAX_ALIAS_CHARS

    text = _aliased_title_ladder(MAX_ALIAS_CHARS // 20, 12)
    assert len(text) < MAX_ALIAS_CHARS // 10
    findings = read_text(text, "t.yaml").findings
    assert [f.code for f in findings] == ["DL001"]
    assert "characters of text" in findings[0].message


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_a_long_aliased_title_is_cut_in_every_message(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 20 KB title aliased into 20 rungs: every message names it in at most 60 characters
    (each message quoted it whole: 20 KB a finding, and one finding per rung)."""
    path = tmp_path / "t.yaml"
    path.write_text(_aliased_title_ladder(20_000, 10), encoding="utf-8")
    main(["validate", str(path), "-f", fmt])
    out = capsys.readouterr().out
    assert "Staff Staff" in out  # the title is named, cut
    assert len(out) < 150_000  # was 20 KB a finding
    assert max(map(len, out.splitlines())) < 2_000


# -- 11 and 21: XLSX readers read the rows that are there, after one unpacked-size check ---------


def _rewrite_sheet(data: bytes, change: Callable[[bytes], bytes]) -> bytes:
    """A copy of the workbook ``data`` with its first sheet's XML passed through ``change``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            part = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                part = change(part)
            target.writestr(item, part)
    return out.getvalue()


def _lie_about_dimension(ref: bytes) -> Callable[[bytes], bytes]:
    return lambda xml: re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="' + ref + b'"/>',
                              xml)


def _roster_xlsx(people: int) -> bytes:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["employee_id", "track", "level", "base_pay", "gender"])
    for i in range(people):
        sheet.append([f"E{i}", "technical", "L3", 100000 + i, "female" if i % 2 else "male"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_roster_xlsx_is_read_past_its_dimension(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "r.xlsx"
    roster.write_bytes(_rewrite_sheet(_roster_xlsx(300), _lie_about_dimension(b"A1:L50")))
    main(["audit", str(ACME), str(roster)])
    assert ": 300 people" in capsys.readouterr().out  # was 49, with no finding


def test_a_roster_xlsx_that_unpacks_beyond_the_cap_is_refused_unread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "r.xlsx"
    padded = _rewrite_sheet(_roster_xlsx(3), lambda xml: xml.replace(
        b"<sheetData>", b"<sheetData>" + b" " * (3 * 1024 * 1024)))
    roster.write_bytes(padded)
    assert len(padded) < 200_000
    assert main(["audit", str(ACME), str(roster), "--max-bytes", "1M"]) == 1
    out = capsys.readouterr().out
    assert "r.xlsx:1:1: DL301 error: the workbook unpacks to more than 1 MiB" in out


def test_plan_update_reads_an_xlsx_sheet_past_its_dimension(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    plan = tmp_path / "plan.yaml"
    assert main(["plan", "new", str(ACME), "--track", "technical", "--level", "L5", "--goal",
                 "next", "--person", "E1042", "--target", "2027-09-30", "-o", str(plan)]) == 0
    sheet = tmp_path / "p.xlsx"
    assert main(["plan", "sheet", str(plan), "-o", str(sheet)]) == 0
    book = openpyxl.load_workbook(sheet)
    rows = list(book.active.iter_rows())
    header = [cell.value for cell in rows[0]]
    steps = [row for row in rows[1:] if row[0].value == "step"]
    assert steps
    for row in steps:
        row[header.index("status")].value = "done"
        row[header.index("evidence")].value = "https://example.com/done"
    book.save(sheet)
    sheet.write_bytes(_rewrite_sheet(sheet.read_bytes(), _lie_about_dimension(b"A1:H1")))
    capsys.readouterr()
    assert main(["plan", "update", str(plan), str(sheet)]) == 0
    out = capsys.readouterr().out
    assert f"updated {len(steps)} of {len(steps)} steps" in out  # was "updated 0"


# -- 7: -o never overwrites a file read through a reference ---------------------------------------

PLAN = EXAMPLES / "plans" / "senior-to-staff.yaml"


def _kestrel(tmp_path: Path) -> Path:
    folder = tmp_path / "g"
    shutil.copytree(KESTREL, folder)
    return folder


def _plan_beside_ladder(tmp_path: Path) -> Path:
    """The example plan, with its ladder at the path it names."""
    (tmp_path / "ladders").mkdir()
    shutil.copy(ACME, tmp_path / "ladders" / ACME.name)
    (tmp_path / "examples" / "plans").mkdir(parents=True)
    plan = tmp_path / "examples" / "plans" / PLAN.name
    shutil.copy(PLAN, plan)
    return plan


@pytest.mark.parametrize(
    ("argv", "victim"),
    [
        (["validate", "g/data.yaml", "-o", "g/company.yaml"], "g/company.yaml"),
        (["diff", "g/data.yaml", "g/design.yaml", "-o", "g/company.yaml"], "g/company.yaml"),
        (["audit", "g/data.yaml", "roster.csv", "-o", "g/company.yaml"], "g/company.yaml"),
        (["postings", "g/data.yaml", "-o", "g/company.yaml"], "g/company.yaml"),
        (["validate", "examples/plans/senior-to-staff.yaml", "-o",
          "ladders/acme-robotics-engineering.yaml"], "ladders/acme-robotics-engineering.yaml"),
    ],
)
def test_an_output_is_never_a_file_read_through_a_reference(
    argv: list[str], victim: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _kestrel(tmp_path)
    _plan_beside_ladder(tmp_path)
    (tmp_path / "roster.csv").write_text("employee_id,track,level,base_pay\nE1,technical,L5,1\n",
                                         encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    before = (tmp_path / victim).read_bytes()
    assert main(argv) == 2
    assert (tmp_path / victim).read_bytes() == before
    assert "is one of the input files" in capsys.readouterr().err


# -- 9: plan commands and symbolic links ----------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_plan_sheet_writes_through_a_link_to_a_device_and_fails_on_a_full_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _plan_beside_ladder(tmp_path)
    link = tmp_path / "f.csv"
    link.symlink_to("/dev/full")
    assert main(["plan", "sheet", str(plan), "-o", str(link), "--force"]) == 2
    assert link.is_symlink()  # was replaced by a regular file, exit 0
    assert "cannot write" in capsys.readouterr().err


def test_plan_sheet_refuses_a_link_to_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _plan_beside_ladder(tmp_path)
    target = tmp_path / "elsewhere.csv"
    target.write_text("mine\n", encoding="utf-8")
    link = tmp_path / "f.csv"
    link.symlink_to(target)
    assert main(["plan", "sheet", str(plan), "-o", str(link), "--force"]) == 2
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "mine\n"
    assert "is a symbolic link" in capsys.readouterr().err


def test_plan_update_writes_through_a_linked_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = _plan_beside_ladder(tmp_path)
    link = tmp_path / "linked.yaml"
    link.symlink_to(real)
    sheet = tmp_path / "s.csv"
    assert main(["plan", "sheet", str(link), "-o", str(sheet)]) == 0
    rows = sheet.read_text(encoding="utf-8-sig").splitlines()
    header = rows[0].split(",")
    first = next(i for i, row in enumerate(rows) if row.startswith("step,"))
    cells = next(csv.reader([rows[first]]))
    cells[header.index("status")] = "done"
    cells[header.index("evidence")] = "https://example.com/evidence"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(cells)
    rows[first] = buffer.getvalue()
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["plan", "update", str(link), str(sheet)]) == 0
    assert link.is_symlink()  # was replaced by a copy
    assert "https://example.com/evidence" in real.read_text(encoding="utf-8")  # was unchanged


# -- 8: a render of several ladders is all or nothing -------------------------------------------

NORTHBANK = ROOT / "ladders" / "northbank-it.yaml"


def _two_ladders(folder: Path) -> None:
    folder.mkdir()
    shutil.copy(ACME, folder / "a.yaml")
    shutil.copy(NORTHBANK, folder / "b.yaml")


def _handbooks(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file()}


def _change_both(folder: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("organization: ", "organization: Renamed ", 1),
                        encoding="utf-8")


def test_a_legal_long_ladder_name_renders(tmp_path: Path) -> None:
    ladders = tmp_path / "ladders"
    _two_ladders(ladders)
    shutil.copy(ACME, ladders / ("x" * 245 + ".yaml"))  # 250 characters, a legal file name
    assert main(["render", str(ladders), "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / ("x" * 245)).is_dir()  # was exit 1: the temporary name too long


def test_a_render_that_fails_at_one_ladder_changes_no_handbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ladders, out = tmp_path / "ladders", tmp_path / "out"
    _two_ladders(ladders)
    assert main(["render", str(ladders), "-o", str(out)]) == 0
    before = _handbooks(out)
    _change_both(ladders)
    shutil.copy(ACME, ladders / "c.yaml")
    (out / "c").mkdir()
    (out / "c" / "notes.txt").write_text("mine\n", encoding="utf-8")  # not a handbook: refused
    capsys.readouterr()
    assert main(["render", str(ladders), "-o", str(out)]) == 1
    assert "was not written by dualladder" in capsys.readouterr().err
    assert _handbooks(out) == {**before, "c/notes.txt": b"mine\n"}  # was: a and b new
    # nothing left aside; the index page of the first render is still there (issue 21)
    assert sorted(p.name for p in out.iterdir()) == ["a", "b", "c", "index.md", "mkdocs-nav.yml"]
    (out / "c" / "notes.txt").unlink()
    assert main(["render", str(ladders), "-o", str(out)]) == 0
    assert _handbooks(out) != before


# -- 10: a planted empty marker -----------------------------------------------------------------


def test_a_planted_empty_marker_does_not_make_render_empty_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    (docs / "guide").mkdir(parents=True)
    (docs / "index.md").write_text("mine\n", encoding="utf-8")
    (docs / "guide" / "intro.md").write_text("mine too\n", encoding="utf-8")
    (docs / ".dualladder-handbook").touch()  # planted, lists nothing
    assert main(["render", str(ACME), "-o", str(docs)]) == 1  # refused
    assert "was not written by dualladder" in capsys.readouterr().err
    assert (docs / "index.md").read_text(encoding="utf-8") == "mine\n"  # was deleted
    assert (docs / "guide" / "intro.md").read_text(encoding="utf-8") == "mine too\n"


def test_a_marker_lists_every_file_it_wrote(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["render", str(ACME), "-o", str(out)]) == 0
    lines = (out / ".dualladder-handbook").read_text(encoding="utf-8").splitlines()
    listed = lines[lines.index("files:") + 1:]
    assert listed == sorted(p.name for p in out.iterdir() if p.name != ".dualladder-handbook")
    assert main(["render", str(ACME), "-o", str(out)]) == 0  # its own handbook: replaced


# -- 22: C1 controls, ESC and line separators in handbook and plan pages -------------------------

RAW_CONTROLS = re.compile("[\x1b\x80-\x9f\u2028\u2029]")
C1_LADDER = """\
dualladder: 1
organization: "Acme\\u009b31m \\u0085x"
family: "Eng\\u2028x\\e[31m"
levels:
  - {id: L1}
tracks:
  management:
    rungs: [{level: L1, title: "M\\u0090\\u009dtitle"}]
  technical:
    rungs: [{level: L1, title: T1}]
"""


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_handbook_pages_escape_c1_controls(fmt: str, tmp_path: Path) -> None:
    ladder = tmp_path / "c1.yaml"
    ladder.write_text(C1_LADDER, encoding="utf-8")
    assert main(["render", str(ladder), "-o", str(tmp_path / "out"), "-f", fmt,
                 "--allow-invalid"]) == 0
    pages = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "out").iterdir()}
    for name, text in pages.items():
        assert not RAW_CONTROLS.search(text), name  # U+009B, U+0090 were written raw
    assert any("Acme\\x9b31m" in text for text in pages.values())


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_the_plan_page_escapes_esc_and_line_separators(fmt: str, tmp_path: Path) -> None:
    plan = _plan_beside_ladder(tmp_path)
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("name: Ada Example", 'name: "Ada\\e[31m\\u2028Ex\\u009bample"'),
                    encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(plan), "-o", str(out), "-f", fmt, "--allow-invalid"]) == 0
    for page in out.iterdir():
        assert not RAW_CONTROLS.search(page.read_text(encoding="utf-8")), page.name


# -- 16: plan update from an older sheet --------------------------------------------------------


def _fill_first_step(sheet: Path, status: str, evidence: str) -> None:
    rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig"), newline="")))
    header = rows[0]
    step = next(row for row in rows if row[0] == "step")
    step[header.index("status")] = status
    step[header.index("evidence")] = evidence
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    sheet.write_text(buffer.getvalue(), encoding="utf-8")


def test_an_older_sheet_does_not_silently_revert_progress(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _plan_beside_ladder(tmp_path)
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    assert main(["plan", "sheet", str(plan), "-o", str(first)]) == 0
    shutil.copy(first, second)
    _fill_first_step(second, "done", "https://example.com/design-doc")
    assert main(["plan", "update", str(plan), str(second)]) == 0
    progressed = plan.read_bytes()
    capsys.readouterr()
    # the first sheet, made before that progress: refused, naming what it would set back
    assert main(["plan", "update", str(plan), str(first)]) == 1
    err = capsys.readouterr().err
    assert "changed in the plan since this sheet was made" in err
    assert "status done -> in-progress, evidence (replaced)" in err and "--force" in err
    assert plan.read_bytes() == progressed  # was: back to open, the evidence deleted
    # with --force the reverts are applied, and the summary names the evidence
    assert main(["plan", "update", str(plan), str(first), "--force"]) == 0
    assert "S1 done -> in-progress, evidence changed" in capsys.readouterr().out


def test_a_sheet_of_the_plan_as_it_is_applies(tmp_path: Path) -> None:
    plan = _plan_beside_ladder(tmp_path)
    sheet = tmp_path / "s.csv"
    assert main(["plan", "sheet", str(plan), "-o", str(sheet)]) == 0
    _fill_first_step(sheet, "done", "https://example.com/x")
    assert main(["plan", "update", str(plan), str(sheet)]) == 0
    assert main(["plan", "update", str(plan), str(sheet)]) == 0  # the same sheet again: no-op


def test_validate_flags_the_person_placeholder_of_a_new_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.yaml"
    assert main(["plan", "new", str(ACME), "--track", "technical", "--level", "L5", "--goal",
                 "next", "--target", "2027-09-30", "-o", str(plan)]) == 0
    capsys.readouterr()
    main(["validate", str(plan)])
    out = capsys.readouterr().out
    assert "DL408" in out and "EMPLOYEE-ID" in out


# -- 17: save warns about the file it writes ----------------------------------------------------


def test_save_to_another_file_warns_about_the_file_it_writes(tmp_path: Path) -> None:
    import dualladder

    source, target = _kestrel(tmp_path), tmp_path / "b"
    target.mkdir()
    shutil.copy(source / "company.yaml", target / "company.yaml")
    ladder = dualladder.load(source / "data.yaml")
    rewards = ladder.tracks["management"].rungs[0].rewards
    assert rewards is not None
    rewards.bonus_target = Decimal("0.2")
    with pytest.warns(UserWarning) as caught:
        dualladder.save(ladder, target / "data.yaml")
    message = str(caught[0].message)
    assert message.startswith(f"{target / 'data.yaml'} (read from {source / 'data.yaml'}):")


# -- 20: a template folder's links that leave it ------------------------------------------------


def test_a_template_that_links_out_of_the_folder_is_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:$6$SECRET-HASH\n", encoding="utf-8")
    templates = tmp_path / "templates" / "html"
    templates.mkdir(parents=True)
    (templates / "leak.html").symlink_to(secret)
    (templates / "overview.html.j2").write_text("{% include 'html/leak.html' %}\n",
                                                encoding="utf-8")
    out = tmp_path / "out"
    code = main(["render", str(ACME), "-o", str(out), "-f", "html", "--templates",
                 str(templates.parent)])
    assert code == 1  # was 0, with the file copied into index.html
    assert "not found" in capsys.readouterr().err
    assert not out.exists() or "SECRET-HASH" not in (out / "index.html").read_text("utf-8")


# -- 13: one definition of a line for every finding ----------------------------------------------


def _with_bad_bonus(text: str) -> str:
    return text.replace("bonus_target: 0.15", "bonus_target: 2e+999999999", 1)


def test_a_cr_only_file_locates_every_finding_on_the_same_lines() -> None:
    from dualladder import read_text

    text = _with_bad_bonus(EXAMPLE.read_text(encoding="utf-8")).replace("\n", "\r")
    line = text[: text.index("2e+9")].count("\r") + 1
    dl002 = read_text(text).findings[0]
    assert (dl002.code, dl002.line) == ("DL002", line)
    nul = text.replace("2e+999999999", "0.15\x00", 1)
    dl001 = read_text(nul).findings[0]
    assert (dl001.code, dl001.line) == ("DL001", line)  # was 1:383


@pytest.mark.parametrize("separator", ["\u2028", "\x85", "\u2029"])
def test_a_line_separator_in_a_title_does_not_move_later_findings(separator: str) -> None:
    from dualladder import read_text

    text = _with_bad_bonus(EXAMPLE.read_text(encoding="utf-8"))
    text = text.replace("IT Team Manager", f"IT Team{separator}Manager", 1)
    line = text[: text.index("2e+9")].count("\n") + 1
    (finding,) = read_text(text).findings
    assert finding.line == line  # was one line late
    title = read_text(text.replace("2e+999999999", "0.15")).ladder
    assert title is not None
    assert any(f"Team{separator}Manager" in r.title for _, _, r in title.rungs())


def test_a_line_separator_in_a_comment_is_part_of_the_comment() -> None:
    from dualladder import read_text

    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "\n", "\n# a comment\u2028organization: not a key\n", 1)
    result = read_text(text)
    assert result.ladder is not None, [str(f) for f in result.findings]  # was invalid YAML
