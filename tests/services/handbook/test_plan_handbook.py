"""From the handbook to a plan: each rung's track page shows the ``dualladder plan new``
command that starts a plan towards it (from the rung below, or across from another track),
named by the ladder file's base name, escaped in both formats; and a plan never goes into a
handbook."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest
from markupsafe import escape
from paths import ACME, EXAMPLES, KESTREL, ROOT

import dualladder
from dualladder._internal.io.plan.read import load_plan
from dualladder._internal.model.ladder import Ladder
from dualladder._internal.model.plan import Position
from dualladder._internal.services.handbook.site import build_handbook, ladder_file
from dualladder._internal.services.plan.scaffold import new_command, parse_goal, start_for
from dualladder.cli import main
from dualladder.handbook import render

KESTREL_COMPANY = KESTREL / "company.yaml"
LADDERS = sorted((ROOT / "ladders").glob("*.yaml"))

LADDER = """\
dualladder: 1
organization: Example Co
family: Engineering
levels: [{id: L3}, {id: L4}, {id: L5}, {id: L6}, {id: L7}]
tracks:
  management:
    rungs:
      - {level: L6, title: Engineering Manager, scope: team}
      - {level: L7, title: Director, scope: organization}
  technical:
    rungs:
      - {level: L3, title: Engineer, scope: team}
      - {level: L4, title: Senior Engineer, scope: team}
      - {level: L5, title: Staff Engineer, scope: group}
      - {level: L7, title: Principal Engineer, scope: organization}
  research:
    rungs:
      - {level: L5, title: Research Scientist, scope: team}
crossover:
  - {from: technical, to: management, levels: [L4]}
  - {from: research, to: management, levels: [L5]}
"""


def _at(track: str, level: str) -> Position:
    return Position(track=track, level=level)


@pytest.fixture(scope="module")
def acme() -> Ladder:
    return dualladder.load(ACME)


# -- where a plan towards a rung starts -----------------------------------------------------------


def test_a_plan_starts_on_the_rung_below(acme: Ladder) -> None:
    assert start_for(acme, _at("technical", "L6")) == _at("technical", "L5")
    assert start_for(acme, _at("management", "L9")) == _at("management", "L8")
    assert start_for(acme, _at("technical", "L3")) is None  # the entry rung
    assert start_for(acme, _at("technical", "L12")) is None
    assert start_for(acme, _at("sales", "L5")) is None


def test_the_first_rung_of_a_track_is_reached_across(acme: Ladder) -> None:
    assert start_for(acme, _at("management", "L5")) == _at("technical", "L5")


def test_across_from_the_highest_rung_a_stated_crossover_reaches() -> None:
    ladder = dualladder.loads(LADDER)
    # technical may cross at L4 only (then climb to L6); research at L5: research is higher
    assert start_for(ladder, _at("management", "L6")) == _at("research", "L5")
    # a track skips L6: its rung below L7 is L5
    assert start_for(ladder, _at("technical", "L7")) == _at("technical", "L5")
    # nobody crosses into research, and it has one rung
    assert start_for(ladder, _at("research", "L5")) is None
    without_research = dualladder.loads(LADDER.replace(
        "  - {from: research, to: management, levels: [L5]}\n", ""))
    assert start_for(without_research, _at("management", "L6")) == _at("technical", "L4")


def test_two_tracks_as_high_are_taken_in_the_order_given() -> None:
    ladder = dualladder.loads(LADDER.replace("levels: [L4]}", "levels: [L5]}"))
    goal = _at("management", "L6")
    assert start_for(ladder, goal) == _at("technical", "L5")  # file order
    assert start_for(ladder, goal, ["research", "technical"]) == _at("research", "L5")


def test_the_command_quotes_what_a_shell_would_split() -> None:
    command = new_command("my ladder.yaml", _at("tech; rm", "L5"), _at("tech; rm", "L$6"))
    assert command == (
        "dualladder plan new 'my ladder.yaml' --track 'tech; rm' --level L5 "
        "--goal 'tech; rm:L$6' -o plan.yaml"
    )
    assert shlex.split(command)[3:] == [
        "my ladder.yaml", "--track", "tech; rm", "--level", "L5", "--goal", "tech; rm:L$6",
        "-o", "plan.yaml",
    ]


def test_a_goal_whose_track_key_holds_a_colon() -> None:
    ladder = dualladder.loads(LADDER.replace("  research:", "  r:d:").replace(
        "from: research", "from: 'r:d'"))
    assert parse_goal(ladder, _at("technical", "L4"), "r:d:L5") == _at("r:d", "L5")
    assert parse_goal(ladder, _at("technical", "L4"), "technical:L5") == _at("technical", "L5")
    assert parse_goal(ladder, _at("technical", "L4"), "x:y") == _at("x", "y")


# -- the pages ------------------------------------------------------------------------------------


def _commands(ladder: Ladder) -> list[tuple[str, str, str]]:
    return [
        (t.key, r.rung.level, r.plan.command)
        for t in build_handbook(ladder, "markdown").tracks
        for r in t.rungs
        if r.plan is not None
    ]


@pytest.mark.parametrize("path", LADDERS, ids=lambda p: p.stem)
def test_every_command_the_handbook_shows_starts_a_plan(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run each command a handbook shows (with the ladder file where it says its name): `plan
    new` accepts every one, and the plan it writes aims at the rung the command is shown on."""
    ladder = dualladder.load(path)
    shown = _commands(ladder)
    rungs = sum(len(t.rungs) for t in ladder.tracks.values())
    assert len(shown) >= rungs - len(ladder.tracks)  # at most the entry rung of a track lacks one
    shutil.copy(path, tmp_path / path.name)
    for number, (track, level, command) in enumerate(shown):
        argv = shlex.split(command)
        assert argv[:4] == ["dualladder", "plan", "new", path.name]
        out = tmp_path / f"plan-{number}.yaml"
        argv[4:] = [*argv[4:-1], str(out)]
        assert main([*argv[1:3], str(tmp_path / path.name), *argv[4:]]) == 0, command
        plan = load_plan(out)
        assert (plan.goal.track, plan.goal.level) == (track, level)
    capsys.readouterr()


def test_every_command_a_family_page_shows_starts_a_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    families = dualladder.load_company(KESTREL_COMPANY).families
    assert len(families) == 3
    for family in families:
        assert family.source is not None
        path = Path(family.source.name)
        for number, (track, level, command) in enumerate(_commands(family)):
            argv = shlex.split(command)
            assert argv[3] == path.name
            out = tmp_path / f"{path.stem}-{number}.yaml"
            assert main([*argv[1:3], str(path), *argv[4:-1], str(out)]) == 0, command
            assert (load_plan(out).goal.track, load_plan(out).goal.level) == (track, level)
    capsys.readouterr()


def test_a_family_in_the_company_site_names_its_own_file(tmp_path: Path) -> None:
    render(dualladder.load_company(KESTREL_COMPANY), tmp_path / "site", format="html")
    page = (tmp_path / "site" / "engineering" / "track-technical.html").read_text(
        encoding="utf-8"
    )
    assert (
        "<code>dualladder plan new engineering.yaml --track technical --level L4 --goal "
        "technical:L5 -o plan.yaml</code>"
    ) in page
    render(dualladder.load_company(KESTREL_COMPANY), tmp_path / "md")
    page = (tmp_path / "md" / "data" / "track-management.md").read_text(encoding="utf-8")
    assert "`dualladder plan new data.yaml --track " in page


def test_the_file_name_is_the_base_name(acme: Ladder, tmp_path: Path) -> None:
    assert ladder_file(acme) == ACME.name
    assert ladder_file(dualladder.loads(ACME.read_text(encoding="utf-8"))) == "LADDER"
    deep = tmp_path / "a" / "b" / "c.yaml"
    deep.parent.mkdir(parents=True)
    shutil.copy(ACME, deep)
    assert all(" c.yaml " in c for _, _, c in _commands(dualladder.load(deep)))


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_track_page_shows_the_command(acme: Ladder, tmp_path: Path, fmt: str) -> None:
    render(acme, tmp_path, format=fmt)  # type: ignore[arg-type]
    suffix = ".md" if fmt == "markdown" else ".html"
    management = (tmp_path / f"track-management{suffix}").read_text(encoding="utf-8")
    technical = (tmp_path / f"track-technical{suffix}").read_text(encoding="utf-8")
    across = ("dualladder plan new acme-robotics-engineering.yaml --track technical --level L5 "
              "--goal management:L5 -o plan.yaml")
    up = ("dualladder plan new acme-robotics-engineering.yaml --track technical --level L8 "
          "--goal technical:L9 -o plan.yaml")
    if fmt == "markdown":
        assert (f"- **Start a career plan towards it:** `{across}` (across from Engineering at "
                "L5)\n") in management
        assert f"- **Start a career plan towards it:** `{up}`\n" in technical
    else:
        assert (f'<dd class="plan-start"><code>{across}</code> <span class="muted">across from '
                "Engineering at L5</span></dd>") in management
        assert f'<dd class="plan-start"><code>{up}</code></dd>' in technical
    assert technical.count("dualladder plan new") == 7  # 8 rungs; the entry rung has none
    assert management.count("dualladder plan new") == 5


HOSTILE = """\
dualladder: 1
organization: Example Co
family: Engineering
levels: [{id: "L`1"}, {id: "{{ 7*7 }}"}, {id: "<b>3</b>"}]
tracks:
  management:
    rungs:
      - {level: "<b>3</b>", title: Manager, scope: team}
  technical:
    rungs:
      - {level: "L`1", title: Engineer, scope: team}
      - {level: "{{ 7*7 }}", title: Senior, scope: team}
      - {level: "<b>3</b>", title: Staff, scope: group}
crossover:
  - {from: technical, to: management, levels: ["<b>3</b>"]}
"""


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_commands_are_escaped(tmp_path: Path, fmt: str) -> None:
    source = tmp_path / "in" / "<script>x `y`.yaml"
    source.parent.mkdir()
    source.write_text(HOSTILE, encoding="utf-8")
    ladder = dualladder.load(source)
    render(ladder, tmp_path / "out", format=fmt, allow_invalid=True)  # type: ignore[arg-type]
    suffix = ".md" if fmt == "markdown" else ".html"
    pages = {p.name: p.read_text(encoding="utf-8")
             for p in (tmp_path / "out").glob(f"track-*{suffix}")}
    text = "".join(pages.values())
    assert "<script>" not in text and "<b>3</b>" not in text and "49" not in text
    command = new_command(source.name, _at("technical", "L`1"), _at("technical", "{{ 7*7 }}"))
    assert command == ("dualladder plan new '<script>x `y`.yaml' --track technical --level "
                       "'L`1' --goal 'technical:{{ 7*7 }}' -o plan.yaml")
    if fmt == "html":
        assert f"<code>{escape(command)}</code>" in text
    else:
        # a command a code span cannot hold literally is printed escaped, as any value is
        assert ("dualladder plan new '&lt;script&gt;x \\`y\\`.yaml' --track technical "
                "--level 'L\\`1' --goal 'technical:\\{\\{ 7\\*7 \\}\\}' -o plan.yaml"
                ) in text
        assert "{{" not in text


def test_a_plan_in_a_folder_is_never_rendered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ladders"
    (folder / "plans").mkdir(parents=True)
    shutil.copy(ACME, folder / ACME.name)
    plan = (EXAMPLES / "plans" / "senior-to-staff.yaml").read_text(encoding="utf-8")
    (folder / "plans" / "ada.yaml").write_text(plan, encoding="utf-8")
    code, _, err = (main(["render", str(folder), "-o", str(tmp_path / "site")]),
                      *capsys.readouterr())
    assert code == 0
    assert f"{folder / 'plans' / 'ada.yaml'}: a career plan, left out" in err
    written = [p for p in (tmp_path / "site").rglob("*") if p.is_file()]
    # the ladder's handbook, and the index page of the folder (issue 21), which lists no plan
    index = [tmp_path / "site" / "index.md", tmp_path / "site" / "mkdocs-nav.yml"]
    assert written and all(p.parent.name == "acme-robotics-engineering" or p in index
                           for p in written)
    assert all("ada" not in p.read_text(encoding="utf-8") and "plan" not in
               p.read_text(encoding="utf-8") for p in index)
    for page in written:
        text = page.read_text(encoding="utf-8", errors="replace")
        assert "E1042" not in text and "Ada Example" not in text
    # named, it renders
    assert main(["render", str(folder / "plans" / "ada.yaml"), "-o", str(tmp_path / "p"),
                 "--allow-invalid"]) in (0, 1)
    assert "Ada Example" in (tmp_path / "p" / "plan.md").read_text(encoding="utf-8")
