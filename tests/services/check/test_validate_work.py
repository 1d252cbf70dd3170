"""How much work ``validate`` does per file, counted (never timed): each file of a run is
parsed from YAML once (and its node tree composed only if a finding needs a position: see
tests/yaml/test_events.py). (A check of a ladder loaded earlier reads its file again to find
edits made since; a ladder ``validate`` has just read cannot have any, and reading it twice
once made validating a company take twice the time it needs.)"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from paths import DATA, LADDERS

import dualladder
from dualladder._internal.io import parse as loader
from dualladder._internal.services.diff import documents
from dualladder._internal.yaml import tags as yamltags
from dualladder.rules import check_paths, ladder_files


@pytest.fixture
def composed(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each file's YAML is parsed (``loader.parse_text``, by file name)."""
    counts: Counter[str] = Counter()
    original = loader.parse_text

    def counting(text: Any, source: str = "<string>") -> loader.Parsed:
        counts[source] += 1
        return original(text, source)

    monkeypatch.setattr(loader, "parse_text", counting)
    from dualladder._internal.io import read
    from dualladder._internal.io.company import save

    monkeypatch.setattr(read, "parse_text", counting)

    monkeypatch.setattr(save, "parse_text", counting)
    return counts


def test_validate_of_a_folder_parses_each_file_once(composed: Counter[str]) -> None:
    files = [str(p) for p in ladder_files([LADDERS])]
    report = check_paths([LADDERS])
    assert sorted(report.files) == sorted(files)
    assert composed == Counter(files)  # a company, its families, standalone ladders: once each


def test_validate_of_one_family_reads_its_company_once(composed: Counter[str]) -> None:
    family = LADDERS / "kestrel" / "data.yaml"
    check_paths([family])
    assert composed == Counter([str(family), str(LADDERS / "kestrel" / "company.yaml")])


def test_check_of_a_loaded_ladder_still_sees_edits(composed: Counter[str]) -> None:
    """The counterpart: a ladder loaded earlier is compared with its file, so an edit made
    since is checked as the file save would write."""
    ladder = dualladder.load(LADDERS / "acme-robotics-engineering.yaml")
    assert not [f for f in dualladder.check(ladder) if f.code == "DL108"]
    rung = ladder.tracks["technical"].rungs[1]
    ladder.tracks["technical"].rungs[1] = rung.model_copy(update={"title": "Engineering Manager"})
    assert [f.code for f in dualladder.check(ladder) if f.code == "DL108"] == ["DL108"]
    name = str(LADDERS / "acme-robotics-engineering.yaml")
    assert composed[name] >= 2  # loaded, then read again to compare


# -- the walk of a document without anchors ------------------------------------------------------

ROOT = LADDERS.parent
_DOCUMENTS = sorted(
    p for folder in (ROOT / "ladders", DATA)
    for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()
)


def _walked(text: str, shared: bool, merges: bool = True) -> tuple[Any, list[tuple[Any, ...]]]:
    """What the loader's walk makes of ``text``: the data (or the problem that stopped it) and
    the problems it collected."""
    node = yamltags.Loader(text).get_single_node()
    builder = loader._Builder(shared=shared, merges=merges)
    try:
        data: Any = builder.build(node, ())
    except yamltags.Problem as stop:
        data = ("stopped", stop.code, stop.message, stop.position, stop.loc)
    return data, [(p.code, p.message, p.position, p.loc) for p in builder.problems]


def _tree_documents() -> list[tuple[Path, str]]:
    """Every test and example document that YAML composes and that has no anchor."""
    found = []
    for path in _DOCUMENTS:
        try:
            text = path.read_bytes().decode("utf-8-sig")
            node = yamltags.Loader(text).get_single_node()
        except (UnicodeDecodeError, yaml.YAMLError, RecursionError):
            continue
        if node is not None and "&" not in text:
            found.append((path, text))
    return found


def test_the_walk_without_anchor_bookkeeping_builds_what_the_general_walk_builds() -> None:
    """A document without `&` has no anchors, so no node is shared: the loader walks it
    without counting aliases or looking for loops, and must build the same data, the same
    findings (DL003 duplicates, bad tags, depth) and the same values of every type."""
    documents = _tree_documents()
    assert len(documents) > 100
    extra = [
        "dualladder: 1\nname: R&D\nr: [a, !!str 1, 2, 1.5, null, yes, 2024-01-01]\nr: 1\n",
        "dualladder: 1\nx: {<<: {a: 1, b: 2}, a: 3}\ny: !!str {k: v}\nz: [!!int 'x']\n",
        "dualladder: 1\nl: [!!str {k: v}, !!str [a], a, {a: 1, a: 2, b: 3, b: 4, a: 5}]\n",
        "dualladder: 1\nd: " + "[" * 70 + "]" * 70 + "\n",
    ]
    for name, text in [*((str(p), t) for p, t in documents), *(("extra", t) for t in extra)]:
        assert _walked(text, shared=False) == _walked(text, shared=True), name


def test_a_document_with_an_anchor_gets_the_general_walk() -> None:
    """Aliases still count against the node cap once the file has an anchor."""
    parsed = loader.parse_text("dualladder: 1\na: &x [1, 2]\nb: *x\nc: *x\n", "f.yaml")
    assert parsed.data == {"dualladder": 1, "a": [1, 2], "b": [1, 2], "c": [1, 2]}
    assert loader._Builder(shared=False).shared is False
    text = "dualladder: 1\na: &x [" + "1, " * 1000 + "]\n" + "".join(
        f"b{i}: *x\n" for i in range(120)
    )
    refused = loader.parse_text(text, "bomb.yaml")
    assert refused.data is None and [f.code for f in refused.findings] == ["DL001"]


_PLAIN = ["1", "-1", "0x1F", "0o17", "017", "1_000", "1.5", "-.5", "1e3", "1.5e3", ".inf",
          "-.Inf", ".NaN", "1:40:00", "190:20:30.15", "yes", "No", "ON", "off", "true", "False",
          "y", "n", "~", "null", "Null", "", "2024-01-31", "2001-12-14t21:59:43.10-05:00", "<<",
          "=", "L5", "text", "team", "no way", "1.2.3", "+1", "_1", "0b101", "tRUE", "nULL"]


@pytest.mark.parametrize("value", _PLAIN)
def test_the_lean_resolver_gives_pyyaml_s_tags(value: str) -> None:
    """The loader's resolver (a table looked up by first character, C hooks around each node)
    tags a plain scalar as PyYAML's own resolver does, but for YAML 1.1's base-60 numbers,
    which stay text; a quoted scalar is always text."""
    theirs = yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, (True, False))
    expected = yamltags.STR if theirs in yamltags.NUMBERS and ":" in value else theirs
    ours = yamltags.Loader("")
    assert ours.resolve(yaml.ScalarNode, value, (True, False)) == expected
    assert ours.resolve(yaml.ScalarNode, value, (False, True)) == yamltags.STR
    assert ours.resolve(yaml.SequenceNode, None, (False, False)) == yamltags.SEQ
    assert ours.resolve(yaml.MappingNode, None, (False, False)) == yamltags.MAP
    ours.dispose()
    nested = yamltags.Loader(f"a: [{value or '~'}, {{b: c}}]\n")  # hooks called around each node
    node = nested.get_single_node()
    nested.dispose()
    item = node.value[0][1].value[0]
    assert item.tag == (expected if value else theirs_null())


def theirs_null() -> str:
    return yaml.resolver.Resolver().resolve(yaml.ScalarNode, "~", (True, False))


def test_the_walk_without_the_merge_scan_builds_what_the_general_walk_builds() -> None:
    """Where the text has neither `<<` nor `!`, no key can be a merge key (a plain `<<` or an
    explicit tag), and the walk does not look for one."""
    checked = 0
    for path, text in _tree_documents():
        if "<<" in text or "!" in text:
            continue
        assert _walked(text, False, merges=False) == _walked(text, True), path
        checked += 1
    assert checked > 100
    merged = loader.parse_text("dualladder: 1\nx: {<<: {a: 1}}\ny: {!!merge k: {b: 2}}\n")
    assert merged.data == {"dualladder": 1, "x": {"a": 1}, "y": {"b": 2}}


def test_validate_pauses_the_collector_from_its_imports_on(tmp_path: Path) -> None:
    """`dualladder validate` makes no reference cycles: the cyclic collector is paused while
    the command line imports pydantic, the models and the rules (building them makes hundreds
    of thousands of objects) and while it checks, and it is switched back on after."""
    script = tmp_path / "watch.py"
    script.write_text(
        "import gc, sys\n"
        "states = {}\n"
        "class Watch:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        states.setdefault(name, gc.isenabled())\n"
        "sys.meta_path.insert(0, Watch())\n"
        "from dualladder.cli import main\n"
        "code = main(['validate', sys.argv[1]])\n"
        "watched = ('pydantic', 'dualladder._internal.model.ladder',\n"
        "           'dualladder._internal.services.check.company')\n"
        "print(code, gc.isenabled(), [states.get(name) for name in watched])\n",
        encoding="utf-8",
    )
    done = subprocess.run([sys.executable, str(script), str(LADDERS / "kestrel")],
                          capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "0 True [False, False, False]"


def test_diff_of_two_ladder_files_composes_each_once(
    composed: Counter[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``dualladder diff`` checks each side's ladder as it has just read it (for the findings
    the change introduces or resolves), without reading it again."""
    from dualladder.cli import main

    original = documents.parse_text  # imported before the fixture patched the loader's

    def counting(text: Any, source: str = "<string>") -> loader.Parsed:
        composed[source] += 1
        return original(text, source)

    monkeypatch.setattr(documents, "parse_text", counting)
    old = LADDERS / "northbank-it.yaml"
    new = tmp_path / "northbank-it.yaml"
    new.write_text(old.read_text("utf-8").replace("Architect", "Principal Architect", 1), "utf-8")
    assert main(["diff", str(old), str(new)]) == 0
    assert "Principal Architect" in capsys.readouterr().out
    assert composed == Counter([str(old), str(new)])


def test_diff_of_two_companies_reads_each_file_once(
    composed: Counter[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A company's families are checked as they have just been read for the diff: no file of
    either side is parsed a second time to look for edits it cannot have."""
    import shutil

    from dualladder.cli import main

    original = documents.parse_text

    def counting(text: Any, source: str = "<string>") -> loader.Parsed:
        composed[source] += 1
        return original(text, source)

    monkeypatch.setattr(documents, "parse_text", counting)
    old = tmp_path / "old"
    new = tmp_path / "new"
    shutil.copytree(LADDERS / "kestrel", old)
    shutil.copytree(LADDERS / "kestrel", new)
    family = new / "data.yaml"
    family.write_text(family.read_text("utf-8").replace("title: ", "title: Lead ", 1), "utf-8")
    assert main(["diff", str(old), str(new)]) == 0
    assert "Lead " in capsys.readouterr().out
    # each file once: a file the same on both sides (all but data.yaml) once for both
    files = [*sorted(old.rglob("*.yaml")), family]
    assert composed == Counter(str(p) for p in files)


def test_render_reads_and_checks_each_file_once(
    composed: Counter[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``dualladder render`` reads every file once (a company's families with it), checks each
    once when it reads it, and renders from that: the render does not check again."""
    from dualladder._internal.services.check import company, ladder
    from dualladder.cli import main

    checks: Counter[str] = Counter()
    for module, name in ((ladder, "_run"), (company, "scale_findings")):
        original = getattr(module, name)

        def counting(*args: Any, _original: Any = original, _name: str = name,
                     **kwargs: Any) -> Any:
            checks[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, name, counting)
    folder = tmp_path / "in"
    shutil.copytree(LADDERS / "kestrel", folder / "kestrel")
    shutil.copy(LADDERS / "northbank-it.yaml", folder)
    assert main(["render", str(folder), "-o", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    files = sorted(folder.rglob("*.yaml"))
    assert composed == Counter(str(p) for p in files)
    # one ladder and three families checked once each, the company's scale once
    assert checks == Counter({"_run": 4, "scale_findings": 1})
