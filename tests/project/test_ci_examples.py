"""The CI set-ups: the composite GitHub Action at the repository root (``action.yml``), the
example workflows and the pre-commit example.

What can be checked without GitHub is checked here: the files parse; the action's inputs,
outputs, step ids and expressions agree; the action's shell steps run here, in order, as the
runner runs them (``bash -eo pipefail``, step outputs through ``$GITHUB_OUTPUT``, ``if:``
conditions evaluated), against the example ladders, a broken ladder, a ladder with warnings
only, a path that does not exist and a hostile input; every ``dualladder`` command of the
examples parses with dualladder's own command line and the checking ones run; the install
commands name the placeholder repository in a form pip accepts, and the documented wheel build
works; and the placeholders are the same, and marked, everywhere.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from paths import DATA, DOCS, EXAMPLES, ROOT

from dualladder.cli import build_parser

ACTION = ROOT / "action.yml"
#: the placeholders of docs/ci.md, "Placeholders"
REPOSITORY = "OWNER/dualladder"


def _version() -> str:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(r'^version = "([^"]+)"', text, re.M)
    assert found
    return found.group(1)


TAG = f"v{_version()}"


def _action() -> dict[str, Any]:
    data = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


# -- the action's definition ----------------------------------------------------------------------

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def test_the_action_is_a_complete_composite_action() -> None:
    action = _action()
    assert action["name"] and action["description"]
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    inputs, ids = set(action["inputs"]), {s["id"] for s in steps if "id" in s}
    for name, spec in action["inputs"].items():
        assert spec["description"] and "default" in spec, name
    for step in steps:
        assert step.get("name"), step
        if "run" in step:
            assert step["shell"] == "bash", step["name"]  # composite run steps need a shell
            # inputs reach scripts through env, never pasted into the script
            assert not EXPRESSION.search(step["run"]), step["name"]
        else:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@v\d+", step["uses"]), step["uses"]
    text = ACTION.read_text(encoding="utf-8")
    for expression in EXPRESSION.findall(text) + [str(s.get("if", "")) for s in steps]:
        for name in re.findall(r"\binputs\.([\w-]+)", expression):
            assert name in inputs, name
        for name in re.findall(r"\bsteps\.([\w-]+)\.", expression):
            assert name in ids, name
    for name, spec in action["outputs"].items():
        assert EXPRESSION.fullmatch(spec["value"]), name


# -- running the action's steps here --------------------------------------------------------------

CLAUSE = re.compile(r"([\w.-]+)\s*(==|!=)\s*'([^']*)'")


@dataclass
class Run:
    """What running the action did."""

    exit_code: int
    log: str
    steps: dict[str, dict[str, Any]] = field(default_factory=dict)
    uploads: list[dict[str, str]] = field(default_factory=list)
    ran: list[str] = field(default_factory=list)


def _value(name: str, inputs: dict[str, str], steps: dict[str, dict[str, Any]]) -> str:
    parts = name.split(".")
    if parts[0] == "inputs":
        return inputs[parts[1]]
    if parts[0] == "steps":
        step = steps.get(parts[1], {"outputs": {}, "outcome": "skipped"})
        if parts[2] == "outputs":
            return str(step["outputs"].get(parts[3], ""))
        return str(step[parts[2]])
    if name == "github.action_path":
        return os.fspath(ROOT)
    raise AssertionError(f"this test does not know the expression {name!r}")


def _condition(text: str, inputs: dict[str, str], steps: dict[str, dict[str, Any]]) -> bool:
    """The ``if:`` conditions the action uses: clauses ``a == 'x'`` / ``a != 'x'`` joined by
    ``&&`` (anything else fails the test, so the action stays checkable here)."""
    result = True
    for clause in text.split("&&"):
        found = CLAUSE.fullmatch(clause.strip())
        assert found, f"cannot evaluate {clause!r}"
        left, op, right = found.groups()
        value = _value(left, inputs, steps)
        result = result and ((value == right) if op == "==" else (value != right))
    return result


def _substitute(text: str, inputs: dict[str, str], steps: dict[str, dict[str, Any]]) -> str:
    return EXPRESSION.sub(lambda m: _value(m.group(1), inputs, steps), text)


INSTALL = "Install dualladder from the action's checkout"


def run_action(workdir: Path, tmp: Path, install: bool = False, **given: str) -> Run:
    """Run the action's steps as the runner would, in ``workdir``; the upload step is recorded.

    ``actions/setup-python`` is this Python (which has dualladder already) and the install step
    is skipped; with ``install``, setup-python is a new empty virtual environment, the install
    step really installs dualladder into it from this checkout, and the later steps run that.
    """
    action = _action()
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    inputs.update({key.replace("_", "-"): value for key, value in given.items()})
    bindir = Path(sys.executable).parent
    if install:
        venv = tmp / "setup-python"
        subprocess.run([sys.executable, "-m", "venv", os.fspath(venv)], check=True)
        bindir = venv / "bin"
    result = Run(0, "")
    for number, step in enumerate(action["runs"]["steps"]):
        sid = step.get("id", f"step{number}")
        if "if" in step and not _condition(step["if"], inputs, result.steps):
            result.steps[sid] = {"outputs": {}, "outcome": "skipped"}
            continue
        result.ran.append(step["name"])
        if step["name"] == INSTALL and not install:
            result.steps[sid] = {"outputs": {}, "outcome": "success"}
            continue
        if "uses" in step:
            with_ = {k: _substitute(str(v), inputs, result.steps)
                     for k, v in step.get("with", {}).items()}
            if step["uses"].startswith("github/codeql-action/upload-sarif@"):
                result.uploads.append(with_)
            result.steps[sid] = {"outputs": {}, "outcome": "success"}
            continue
        output = tmp / f"output-{number}"
        output.write_text("", encoding="utf-8")
        env = {
            **os.environ,
            "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}",
            "GITHUB_OUTPUT": os.fspath(output),
            "GITHUB_ACTION_PATH": os.fspath(ROOT),
            "GITHUB_ACTIONS": "true",
        }
        env.pop("VIRTUAL_ENV", None)
        env.update({k: _substitute(str(v), inputs, result.steps)
                    for k, v in step.get("env", {}).items()})
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=workdir, env=env, capture_output=True, text=True, check=False, timeout=300,
        )
        result.log += done.stdout + done.stderr
        outputs = dict(
            line.split("=", 1)
            for line in output.read_text(encoding="utf-8").splitlines()
            if "=" in line
        )
        outcome = "success" if done.returncode == 0 else "failure"
        result.steps[sid] = {"outputs": outputs, "outcome": outcome}
        if done.returncode != 0:
            result.exit_code = done.returncode
            break
    return result


BROKEN = """\
dualladder: 1
organization: Org
family: Family
levels: [{id: L1}, {id: L2}]
tracks:
  management:
    rungs: [{level: L1, title: Lead}, {level: L2, title: Manager}]
  technical:
    rungs: [{level: L1, title: Senior}]
"""


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A repository that uses the action: the example ladders under ``ladders/``."""
    work = tmp_path / "repo"
    shutil.copytree(ROOT / "ladders", work / "ladders")
    return work


def _sarif(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == "2.1.0" and data["runs"][0]["tool"]["driver"]["name"]
    return dict(data)


def test_the_action_passes_clean_ladders_and_uploads_sarif(workdir: Path, tmp_path: Path) -> None:
    run = run_action(workdir, tmp_path, install=True)
    assert run.exit_code == 0, run.log
    assert "Successfully installed" in run.log and "dualladder-" in run.log
    installed = tmp_path / "setup-python" / "bin" / "dualladder"
    assert installed.is_file()  # the steps after it ran this one
    assert run.steps["validate"]["outputs"] == {"exit-code": "0"}
    assert run.uploads == [{"sarif_file": "dualladder.sarif", "category": "dualladder"}]
    _sarif(workdir / "dualladder.sarif")


def test_the_action_fails_on_errors_after_annotating_and_uploading(
    workdir: Path, tmp_path: Path
) -> None:
    (workdir / "ladders" / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    run = run_action(workdir, tmp_path, sarif_file="out/report.sarif")
    assert run.exit_code == 1
    assert re.search(r"^::error file=ladders/broken\.yaml,line=\d+", run.log, re.M), run.log
    assert run.steps["validate"]["outputs"] == {"exit-code": "1"}
    assert run.uploads and run.uploads[0]["sarif_file"] == "out/report.sarif"
    results = _sarif(workdir / "out" / "report.sarif")["runs"][0]["results"]
    assert "DL101" in {r.get("ruleId") for r in results}  # notes have none
    assert run.ran[-1] == "Fail on findings"


def test_strict_fails_on_warnings_and_sarif_can_be_switched_off(
    workdir: Path, tmp_path: Path
) -> None:
    warning = (DATA / "negative" / "DL107.yaml").read_text(encoding="utf-8")
    (workdir / "ladders" / "warns.yaml").write_text(warning, encoding="utf-8")
    assert run_action(workdir, tmp_path, paths="ladders/warns.yaml", sarif="false").exit_code == 0
    run = run_action(workdir, tmp_path, paths="ladders/warns.yaml", strict="true", sarif="false")
    assert run.exit_code == 1
    assert "::warning file=ladders/warns.yaml" in run.log
    assert not run.uploads and not (workdir / "dualladder.sarif").exists()


def test_an_unreadable_path_fails_with_2_and_uploads_nothing(
    workdir: Path, tmp_path: Path
) -> None:
    run = run_action(workdir, tmp_path, paths="ladders/ missing/")
    assert run.exit_code == 2
    assert run.steps["validate"]["outputs"] == {"exit-code": "2"}
    assert not run.uploads


def test_inputs_are_data_not_commands(workdir: Path, tmp_path: Path) -> None:
    run = run_action(workdir, tmp_path, paths="ladders/ $(touch pwned) `touch pwned2`;touch x",
                     sarif_file='"; touch pwned3; "')
    assert run.exit_code == 2  # those are paths that do not exist
    assert not [p.name for p in workdir.iterdir() if p.name.startswith(("pwned", "x"))]


# -- the example workflows ------------------------------------------------------------------------

WORKFLOWS = sorted(EXAMPLES.glob("*.yml"))


def _run_steps(workflow: dict[str, Any]) -> list[tuple[dict[str, str], str]]:
    """Every ``run:`` script with the environment the workflow and its job give it."""
    out = []
    for job in workflow["jobs"].values():
        env = {**workflow.get("env", {}), **job.get("env", {})}
        for step in job["steps"]:
            if "run" in step:
                out.append(({**env, **step.get("env", {})}, step["run"]))
    return out


def _commands(script: str) -> list[list[str]]:
    """The simple commands of a script's lines that name dualladder (``a || b`` gives ``a``
    and ``b``; redirections are dropped)."""
    out: list[list[str]] = []
    for line in script.splitlines():
        if "dualladder" not in line:
            continue
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        current: list[str] = []
        words = iter(lexer)
        for word in words:
            if word in ("||", "&&", ";", "|", "(", ")", "&"):
                if current:
                    out.append(current)
                current = []
            elif word in (">", ">>", "<"):
                next(words, None)
            else:
                current.append(word)
        if current:
            out.append(current)
    return out


def _expand(word: str, env: dict[str, str]) -> str:
    """``$NAME`` and ``${NAME}`` replaced from ``env`` (others left as they are)."""
    return re.sub(r"\$\{?(\w+)\}?", lambda m: str(env.get(m.group(1), m.group(0))), word)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_dualladder_command_of_the_examples_parses(path: Path) -> None:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    seen = 0
    for env, script in _run_steps(workflow):
        for words in _commands(script):
            if words and words[0] == "dualladder":
                seen += 1
                args = [_expand(w, env) for w in words[1:]]
                build_parser().parse_args(args)  # exits (SystemExit) on an unknown option
    uses = [s.get("uses", "") for job in workflow["jobs"].values() for s in job["steps"]]
    assert seen or any(u.startswith(f"{REPOSITORY}@") for u in uses), path.name


def test_the_action_example_uses_the_action(tmp_path: Path) -> None:
    workflow = yaml.safe_load((EXAMPLES / "github-actions.yml").read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    (step,) = [s for s in job["steps"] if s.get("uses", "").startswith(REPOSITORY)]
    assert step["uses"] == f"{REPOSITORY}@{TAG}"
    assert set(step["with"]) <= set(_action()["inputs"])
    assert workflow["permissions"]["security-events"] == "write"


def test_the_pip_example_commands_run(workdir: Path) -> None:
    """The checking commands of examples/github-actions-pip.yml, run as they are."""
    workflow = yaml.safe_load((EXAMPLES / "github-actions-pip.yml").read_text(encoding="utf-8"))
    ran = 0
    for env, script in _run_steps(workflow):
        if "pip install" in script:
            continue
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=workdir,
            env={**os.environ, **env, "PATH": f"{Path(sys.executable).parent}{os.pathsep}"
                 f"{os.environ['PATH']}"},
            capture_output=True, text=True, check=False,
        )
        assert done.returncode == 0, (script, done.stdout, done.stderr)
        ran += 1
    assert ran == 2
    _sarif(workdir / "dualladder.sarif")
    uploads = [s for job in workflow["jobs"].values() for s in job["steps"]
               if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert [u["with"]["sarif_file"] for u in uploads] == ["dualladder.sarif"]


def test_the_pages_example_renders_and_deploys_the_handbook(workdir: Path) -> None:
    """examples/github-pages.yml (issue 21): on a push to main (and by hand) it checks the
    ladders, renders them as HTML into site/, uploads site/ as the Pages artifact and deploys it
    with the permissions Pages asks for; its commands run here, as they are, and write a site
    whose index.html links every handbook."""
    workflow = yaml.safe_load((EXAMPLES / "github-pages.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "read"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    uses = [s.get("uses", "") for s in build["steps"]]
    assert uses[:2] == ["actions/checkout@v4", "actions/setup-python@v5"]
    (upload,) = [s for s in build["steps"]
                 if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload["with"]["path"] == "site"
    assert any(u.startswith("actions/configure-pages@") for u in uses)
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    (step,) = deploy["steps"]
    assert step["uses"].startswith("actions/deploy-pages@") and step["id"] == "deployment"
    assert "steps.deployment.outputs.page_url" in deploy["environment"]["url"]
    ran = 0
    for env, script in _run_steps(workflow):
        if "pip install" in script:
            continue
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=workdir,
            env={**os.environ, **env, "PATH": f"{Path(sys.executable).parent}{os.pathsep}"
                 f"{os.environ['PATH']}"},
            capture_output=True, text=True, check=False,
        )
        assert done.returncode == 0, (script, done.stdout, done.stderr)
        ran += 1
    assert ran == 2
    index = (workdir / "site" / "index.html").read_text(encoding="utf-8")
    for folder in [p.stem for p in (workdir / "ladders").glob("*.yaml")] + ["kestrel"]:
        assert f'href="{folder}/index.html"' in index
        assert (workdir / "site" / folder / "index.html").is_file()


# -- installing: git URL, wheel -------------------------------------------------------------------


def _requirements() -> list[str]:
    """Every requirement the examples and docs give ``pip install`` (or a ``DUALLADDER`` env)."""
    found: list[str] = []
    for path in [*EXAMPLES.glob("*.yml"), *(DOCS).glob("*.md"), ROOT / "README.md"]:
        text = path.read_text(encoding="utf-8")
        found += re.findall(r'pip install (?:--[\w-]+ )*"(dualladder[^"]*)"', text)
        found += re.findall(r"^\s*DUALLADDER: (.+)$", text, re.M)
    return found


def test_install_commands_name_the_placeholder_repository() -> None:
    from packaging.requirements import Requirement

    requirements = _requirements()
    assert requirements
    for text in requirements:
        requirement = Requirement(text)
        assert requirement.name == "dualladder", text
        assert requirement.url == f"git+https://github.com/{REPOSITORY}@{TAG}", text
    assert "dualladder==" not in "".join(
        p.read_text(encoding="utf-8") for p in [*EXAMPLES.iterdir(), ROOT / "README.md"]
        if p.is_file()
    )


def test_the_documented_wheel_builds(tmp_path: Path) -> None:
    """docs/ci.md: ``pip wheel --no-deps --wheel-dir dist/ .`` in a checkout gives the wheel it
    names, with the templates in it."""
    docs = (DOCS / "ci.md").read_text(encoding="utf-8")
    wheel = f"dualladder-{_version()}-py3-none-any.whl"
    assert "python -m pip wheel --no-deps --wheel-dir dist/ ." in docs
    assert f"python -m pip install dist/{wheel}" in docs
    source = tmp_path / "checkout"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv*", "*.egg-info", "__pycache__", ".mypy_cache", ".pytest_cache",
        ".ruff_cache", "build", "dist",
    ))
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", "dist/", "."],
        cwd=source, capture_output=True, text=True, check=False, timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    built = source / "dist" / wheel
    assert built.is_file()
    names = zipfile.ZipFile(built).namelist()
    assert "dualladder/templates/html/style.css" in names and "dualladder/cli/__init__.py" in names


# -- placeholders ---------------------------------------------------------------------------------


def test_placeholders_are_the_same_everywhere_and_marked() -> None:
    """Each copyable file names dualladder's repository only as OWNER/dualladder at the tag of
    this version, and marks each such line (or the comment line above it) PLACEHOLDER."""
    copyable = [ACTION, *sorted(p for p in EXAMPLES.iterdir() if p.is_file())]
    named = re.compile(r"(?:github\.com/|(?<![\w/.-]))([\w.-]+)/dualladder(?![\w-])(?:@([\w.-]+))?")
    for path in [*copyable, *(DOCS).glob("*.md"), ROOT / "README.md"]:
        lines = path.read_text(encoding="utf-8").splitlines()
        if path.name == "ci.md":  # the section that defines the placeholders gives examples
            start = lines.index("## Placeholders")
            end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("## "))
            lines[start:end] = [""] * (end - start)
        for number, line in enumerate(lines):
            for owner, tag in named.findall(line):
                if owner in ("src", "tests") or line.strip().startswith(("from ", "import ")):
                    continue
                assert owner == "OWNER", f"{path.name}:{number + 1}: {line}"
                assert tag in ("", TAG), f"{path.name}:{number + 1}: {line}"
                if path in copyable:
                    context = " ".join(lines[max(number - 2, 0): number + 1])
                    assert "PLACEHOLDER" in context, f"{path.name}:{number + 1}: not marked"
            if re.match(r"\s*rev:", line):
                assert line.split(":", 1)[1].split("#")[0].strip() == TAG, line
    consumer = yaml.safe_load((EXAMPLES / "pre-commit-config.yaml").read_text("utf-8"))
    (repo,) = consumer["repos"]
    assert (repo["repo"], repo["rev"]) == (f"https://github.com/{REPOSITORY}", TAG)
