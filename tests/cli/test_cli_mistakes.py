"""A new user's mistakes on the command line (issue 21): a misspelt command, an option the
command does not take, a folder where a file goes, a file where a folder goes, a folder that
does not exist. Each is one ``dualladder: error:`` line (after the usage of the command meant,
for a usage error), exit 2, no traceback and no name of a temporary file."""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import ACME

from dualladder.cli import main


def _error(
    capsys: pytest.CaptureFixture[str], *argv: str | Path, exit_code: int = 2
) -> tuple[str, str]:
    """The usage line (or ``""``) and the one error line of a refused command."""
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    assert code == exit_code and out == "" and "Traceback" not in err
    lines = err.splitlines()
    errors = [line for line in lines if line.startswith("dualladder: error: ")]
    assert len(errors) == 1, lines
    assert ".tmp" not in errors[0]
    return lines[0] if lines[0].startswith("usage: ") else "", errors[0]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["valdiate", "x.yaml"], "unknown command 'valdiate' (commands: validate, render, schema, "
         "diff, plan, audit, postings, init); did you mean 'validate'?"),
        (["check", "x.yaml"], "unknown command 'check' (commands: validate, render, schema, diff, "
         "plan, audit, postings, init); did you mean 'validate'?"),
        (["rendr", "x.yaml"], "unknown command 'rendr' (commands: validate, render, schema, diff, "
         "plan, audit, postings, init); did you mean 'render'?"),
        (["plan", "neww"], "unknown plan verb 'neww' (plan verbs: new, sheet, update); did you "
         "mean 'new'?"),
        (["plan", "check", "plan.yaml"], "unknown plan verb 'check' (plan verbs: new, sheet, "
         "update); a plan is checked with `dualladder validate PLAN` and printed with "
         "`dualladder render PLAN -o DIR`"),
        (["render", "x.yaml", "-o", "out", "--format", "HTML"], "argument -f/--format: invalid "
         "choice: 'HTML' (choose from 'markdown', 'html'); did you mean 'html'?"),
        (["schema", "--kind", "compnay"], "argument -k/--kind: invalid choice: 'compnay' (choose "
         "from 'ladder', 'company', 'family', 'plan'); did you mean 'company'?"),
        (["validate", "-f", "xyzzy", "x.yaml"], "argument -f/--format: invalid choice: 'xyzzy' "
         "(choose from 'text', 'json', 'github', 'sarif')"),  # nothing near: no guess
    ],
)
def test_a_misspelt_command_names_the_nearest(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    _, error = _error(capsys, *argv)
    assert error == f"dualladder: error: {expected}"  # it said "argument COMMAND: invalid choice"


@pytest.mark.parametrize(
    ("argv", "usage"),
    [
        (["validate", ACME, "--strict", "--foo"], "usage: dualladder validate "),
        (["schema", "ladder"], "usage: dualladder schema "),
        (["plan", "sheet", "plan.yaml", "-o", "p.csv", "--bogus"], "usage: dualladder plan sheet "),
    ],
)
def test_an_argument_the_command_does_not_take_shows_that_commands_usage(
    capsys: pytest.CaptureFixture[str], argv: list[str | Path], usage: str
) -> None:
    shown, error = _error(capsys, *argv)
    assert shown.startswith(usage)  # it showed `usage: dualladder [-h] [--version] COMMAND ...`
    assert error.startswith("dualladder: error: unrecognized arguments: ")


def test_a_new_plan_into_a_folder_says_to_name_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, error = _error(capsys, "plan", "new", ACME, "--track", "technical", "--level", "L5",
                      "--goal", "next", "-o", tmp_path)
    assert error == (f"dualladder: error: -o {tmp_path}: is a folder; -o names the plan file to "
                     f"write, e.g. {tmp_path / 'plan.yaml'}")  # it said "exists; ... a file"


def test_init_in_a_folder_that_does_not_exist_names_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "hr" / "ladder.yaml"
    _, error = _error(capsys, "init", target)
    # it said "<tmp>/hr/.ladder.yaml.x1y2.tmp: cannot write: No such file or directory"
    assert error == (f"dualladder: error: {target}: cannot write: the folder {tmp_path / 'hr'} "
                     "does not exist")
    assert not target.parent.exists()


@pytest.mark.parametrize("command", ["validate", "init", "render"])
def test_an_output_under_a_file_says_the_file_is_no_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("mine\n", encoding="utf-8")
    out = notes / ("handbook" if command == "render" else "x.yaml")
    argv = {"validate": ["validate", ACME, "-f", "json", "-o", out], "init": ["init", out],
            "render": ["render", ACME, "-o", out]}[command]
    _, error = _error(capsys, *argv, exit_code=1 if command == "render" else 2)
    # validate and init said "Not a directory", render "cannot write ...: File exists"
    assert error == f"dualladder: error: {out}: cannot write: {notes} is a file, not a folder"
    assert notes.read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize("verb", ["sheet", "update"])
def test_a_ladder_where_a_plan_goes_says_how_to_make_a_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], verb: str
) -> None:
    sheet = tmp_path / "progress.csv"
    argv = ["plan", "sheet", ACME, "-o", sheet] if verb == "sheet" else [
        "plan", "update", ACME, sheet]
    if verb == "update":
        sheet.write_text("kind,id,status,evidence\n", encoding="utf-8")
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in out + err
    assert out.splitlines()[0] == (
        f"{ACME}:1:1: DL002 error: not a career plan: a plan file starts with `dualladder-plan: "
        "1`; this is a ladder: write a plan from it with `dualladder plan new`")
    # it said "fix it first (`dualladder validate`)", of a ladder that validates
    assert err == (f"dualladder: error: {ACME}: not a career plan; `plan sheet` and `plan update` "
                   "take the plan file `dualladder plan new` writes\n")


def test_templates_that_name_a_file_say_so(capsys: pytest.CaptureFixture[str]) -> None:
    _, error = _error(capsys, "render", ACME, "-o", "out", "--templates", ACME)
    assert error == (f"dualladder: error: --templates {ACME}: a file, not a folder: --templates "
                     "names the folder of your templates")  # it said "no such folder"


def test_an_output_in_a_folder_that_does_not_exist_names_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "reports" / "x.json"
    _, error = _error(capsys, "validate", ACME, "-f", "json", "-o", out)
    assert error == (f"dualladder: error: {out}: cannot write: the folder {tmp_path / 'reports'} "
                     "does not exist")  # it said "No such file or directory"
