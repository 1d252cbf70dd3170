"""Career plans on the command line, end to end on real files: plan new, validate, hostile
plans."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from paths import ACME, DATA, EXAMPLES

from dualladder._internal.io.plan.read import load_plan, read_plan
from dualladder.cli import main

PLANS = sorted((EXAMPLES / "plans").glob("*.yaml"))


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_plan_new_writes_a_plan_that_validate_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plans" / "ada.yaml"
    out.parent.mkdir()
    code, printed, err = _run(
        capsys, "plan", "new", str(ACME), "--track", "technical", "--level", "L5",
        "--goal", "next", "--person", "E1042", "--target", "2027-09-30", "-o", str(out),
    )
    assert (code, err) == (0, "")
    assert "technical:L5 to technical:L6 with 8 steps" in printed
    plan = load_plan(out)
    assert plan.person.id == "E1042"
    assert (out.parent / plan.ladder.path).resolve() == ACME.resolve()
    # the only finding of a fresh scaffold: the manager has not committed to anything yet
    code, printed, _ = _run(capsys, "validate", str(out))
    assert code == 1
    assert [line.split(" ")[1] for line in printed.splitlines()[:-1]] == ["DL405"]


def test_plan_new_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "plan.yaml"
    out.write_text("precious\n", encoding="utf-8")
    code, _, err = _run(
        capsys, "plan", "new", str(ACME), "--track", "technical", "--level", "L5",
        "--goal", "next", "-o", str(out),
    )
    assert code == 2 and "never overwrites" in err
    assert out.read_text(encoding="utf-8") == "precious\n"


@pytest.mark.parametrize(
    ("goal", "message"),
    [
        ("technical:L4", "a move down"),
        ("technical:L12", "--goal: level 'L12' is not a level of the Engineering ladder"),
        ("technical:L55", "did you mean 'L5'?"),
        ("L6", "TRACK:LEVEL"),
    ],
)
def test_plan_new_refuses_a_move_the_ladder_does_not_offer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], goal: str, message: str
) -> None:
    out = tmp_path / "plan.yaml"
    code, _, err = _run(
        capsys, "plan", "new", str(ACME), "--track", "technical", "--level", "L5",
        "--goal", goal, "-o", str(out),
    )
    assert code == 1
    assert message in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_plan_new_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = str(tmp_path / "p.yaml")
    code, _, err = _run(capsys, "plan", "new", str(tmp_path / "none.yaml"), "--track", "t",
                        "--level", "L1", "--goal", "next", "-o", out)
    assert code == 2 and "cannot read" in err
    code, _, err = _run(capsys, "plan", "new", str(ACME), "--track", "technical", "--level",
                        "L5", "--goal", "next", "--target", "next spring", "-o", out)
    assert code == 2 and "not a date" in err
    code, _, err = _run(capsys, "plan", "new", str(ACME), "--track", "technical", "--level",
                        "L5", "--goal", "next", "--person", "two words", "-o", out)
    assert code == 2 and "Traceback" not in err


def test_example_plans(capsys: pytest.CaptureFixture[str]) -> None:
    names = [p.name for p in PLANS]
    assert names == ["late-step.yaml", "manager-to-staff.yaml", "senior-to-staff.yaml"]
    for path in PLANS:
        code, printed, _ = _run(capsys, "validate", str(path))
        if path.name == "late-step.yaml":
            assert code == 1 and " DL404 error: step S2 is due 2027-08-31" in printed
        else:
            assert (code, printed) == (0, "no problems in 1 file\n")


def test_validate_a_folder_checks_plans_and_ladders_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(ACME, tmp_path / "acme.yaml")
    (tmp_path / "plans").mkdir()
    text = (EXAMPLES / "plans" / "late-step.yaml").read_text(encoding="utf-8")
    text = text.replace("../../ladders/acme-robotics-engineering.yaml", "../acme.yaml")
    (tmp_path / "plans" / "late.yaml").write_text(text, encoding="utf-8")
    code, printed, _ = _run(capsys, "validate", str(tmp_path))
    assert code == 1
    assert printed.splitlines()[-1] == "1 error in 2 files"


def test_render_a_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    senior, late = PLANS[2], PLANS[0]
    code, printed, _ = _run(capsys, "render", str(senior), "-o", str(tmp_path / "p"),
                            "--format", "html")
    assert code == 0 and "wrote the career plan" in printed
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == [".dualladder-handbook",
                                                                  "plan.html"]
    code, printed, err = _run(capsys, "render", str(late), "-o", str(tmp_path / "late"))
    assert code == 1 and "DL404" in printed and "--allow-invalid" in err
    assert not (tmp_path / "late").exists()
    code, _, _ = _run(capsys, "render", str(late), "-o", str(tmp_path / "late"),
                      "--allow-invalid")
    assert code == 0 and (tmp_path / "late" / "plan.md").is_file()


HOSTILE = {
    "list.yaml": "- dualladder-plan: 1\n",
    "version.yaml": "dualladder-plan: 2\nperson: {id: E1}\n",
    "unknown-key.yaml": "dualladder-plan: 1\npersn: {id: E1}\n",
    "bad-date.yaml": (
        "dualladder-plan: 1\nperson: {id: E1}\nladder: {path: x.yaml}\n"
        "current: {track: t, level: L1}\ngoal: {track: t, level: L2}\ntarget: next year\n"
    ),
    "deep.yaml": "dualladder-plan: 1\nperson: " + "[" * 200 + "]" * 200 + "\n",
    "control.yaml": "dualladder-plan: 1\nperson: {id: \"E1\\x1b]0;x\\x07\"}\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_plans_get_located_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    path = tmp_path / name
    path.write_text(HOSTILE[name], encoding="utf-8")
    result = read_plan(path)
    assert result.plan is None and result.findings
    code, printed, err = _run(capsys, "validate", str(path))
    assert code == 1 and err == ""
    for line in printed.splitlines()[:-1]:
        assert line.startswith(f"{path}:")
        assert "\x1b" not in line


def test_a_plan_naming_a_device_as_its_ladder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (DATA / "plans" / "positive" / "plan-l3-l4.yaml").read_text(
        encoding="utf-8"
    )
    path = tmp_path / "p.yaml"
    path.write_text(
        text.replace("../../../../ladders/acme-robotics-engineering.yaml", os.devnull),
        encoding="utf-8",
    )
    code, printed, _ = _run(capsys, "validate", str(path))
    assert code == 1
    assert " DL401 error: " in printed and "not a regular file" in printed
