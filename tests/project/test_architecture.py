"""The layout holds (docs/architecture.md): the import graph has no cycle, counting every import
(inside functions and under TYPE_CHECKING too); no module imports another's private name or
assigns another class's private attribute; the drawing of the graph in the docs is the code's.

The layers themselves are an import-linter contract (pyproject.toml, ``lint-imports`` in CI);
:func:`test_every_import_goes_down_a_layer` checks the same rule here, so the suite alone
catches a wrong import too.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest
from paths import ROOT

sys.path.insert(0, str(ROOT / "tools"))

import import_graph

GRAPH = import_graph.module_graph()
MODULES = import_graph.modules()

#: The layers, lowest first; the cli and the public packages are above them all.
LAYERS = ("util", "yaml", "model", "io", "rules", "services")


def _layer(module: str) -> int:
    parts = module.split(".")
    if len(parts) > 2 and parts[1] == "_internal":
        return LAYERS.index(parts[2])
    return len(LAYERS)


def test_the_graph_is_read_from_every_module() -> None:
    assert len(GRAPH) == len(MODULES) > 100
    # an import inside a function counts: the handbook imports the check only when it renders
    assert "dualladder._internal.services.check.ladder" in GRAPH[
        "dualladder._internal.services.handbook.engine"
    ]
    # and one under TYPE_CHECKING
    assert "dualladder._internal.yaml.source" in GRAPH["dualladder._internal.model.ladder"]


def test_the_import_graph_has_no_cycle() -> None:
    assert import_graph.cycles(GRAPH) == []


def test_a_cycle_is_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_graph.cycles(graph) == [["a", "b", "c"]]


def test_every_import_goes_down_a_layer() -> None:
    upward = [
        f"{source} imports {target}"
        for source, targets in GRAPH.items()
        if source != "dualladder"  # the root package: lazy exports of the whole public API
        for target in targets
        if _layer(target) > _layer(source)
    ]
    assert upward == []


def test_the_core_model_does_not_know_companies() -> None:
    ladder = GRAPH["dualladder._internal.model.ladder"]
    assert not {m for m in ladder if m.endswith(("company", "family", "family_source"))}


def _private_imports() -> list[str]:
    found = []
    for name, path in MODULES.items():
        for base, imported, line in import_graph.imports(name, path):
            if not base.startswith("dualladder") or imported is None:
                continue
            if imported.startswith("_") and not imported.startswith("__"):
                found.append(f"{path.relative_to(ROOT)}:{line}: {imported} from {base}")
    return found


def test_no_private_name_is_imported_from_another_module() -> None:
    assert _private_imports() == []


def _private_assignments() -> list[str]:
    """``x._name = ...`` where ``x`` is not ``self`` or ``cls``: a private attribute set from
    outside its class."""
    found = []
    for path in MODULES.values():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            targets: list[ast.expr] = []
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, ast.AugAssign | ast.AnnAssign):
                targets = [node.target]
            for target in targets:
                if (
                    isinstance(target, ast.Attribute)
                    and target.attr.startswith("_")
                    and not target.attr.startswith("__")
                    and not (isinstance(target.value, ast.Name)
                             and target.value.id in ("self", "cls"))
                ):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(target)}")
    return found


def test_no_private_attribute_is_assigned_from_outside() -> None:
    assert _private_assignments() == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from dualladder._internal.model.base import _Hidden\n", "_Hidden"),
        ("from dualladder._internal.model import base\n", None),
    ],
)
def test_the_private_import_check_can_fail(
    tmp_path: Path, source: str, expected: str | None
) -> None:
    package = tmp_path / "dualladder"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "probe.py").write_text(source)
    found = [
        imported
        for name, path in import_graph.modules(tmp_path).items()
        for _, imported, _ in import_graph.imports(name, path)
        if imported is not None and imported.startswith("_")
    ]
    assert found == ([expected] if expected else [])


def test_the_drawing_in_the_docs_is_up_to_date() -> None:
    page = import_graph.PAGE.read_text(encoding="utf-8")
    assert import_graph.update(page, import_graph.mermaid(GRAPH)) == page, (
        "docs/architecture.md: run `python tools/import_graph.py`"
    )
