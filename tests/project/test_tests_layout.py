"""The layout of tests/ holds (docs/architecture.md, "The tests"): every folder of tests mirrors
a folder of src/dualladder (or is one of the documented extra folders), every folder of tests
is a package, no test module imports another test module (shared code lives in tests/helpers/),
and no test rebuilds a repository path from ``__file__`` (tests/helpers/paths.py has them).

:func:`layout_problems` is the check; the tests below run it on the repository and on small
fake trees with one planted violation each, so that the check is seen to fail.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from paths import ROOT

#: Folders of tests/ that mirror no source folder: what each holds is in docs/architecture.md.
EXTRA = frozenset({"api", "cli", "security", "project", "helpers"})
#: Folders of data (input files, expected output, old files): anything goes below them.
DATA = frozenset({"data", "golden", "snapshot"})
#: The one module that may build paths from ``__file__``: it defines them for every test.
PATHS_MODULE = Path("helpers", "paths.py")


def _folders(tests: Path) -> Iterator[Path]:
    """The folders of ``tests`` that hold code (not data), relative to it, the root first."""
    yield Path()
    for folder in sorted(tests.rglob("*")):
        relative = folder.relative_to(tests)
        if (folder.is_dir() and relative.parts[0] not in DATA
                and "__pycache__" not in relative.parts):
            yield relative


def _source_folders(src: Path) -> set[Path]:
    """Every folder of the package, as tests mirror it: ``_internal/util`` is ``util``."""
    folders = set()
    for folder in src.rglob("*"):
        if folder.is_dir() and "__pycache__" not in folder.parts:
            relative = folder.relative_to(src)
            if relative.parts[0] == "_internal":
                relative = Path(*relative.parts[1:])
            folders.add(relative)
    return folders


def _test_imports(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, module) of every import of a test module in ``tree`` (relative ones with their
    dots; a test module imported from a package, ``from tests.cli import test_cli``, too)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            candidates = [[alias.name] for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            sep = "." if node.module else ""
            candidates = [[base, f"{base}{sep}{alias.name}"] for alias in node.names]
        else:
            continue
        for names in candidates:
            found = next((name for name in names if _is_test_module(name)), None)
            if found is not None:
                yield node.lineno, found


def _is_test_module(module: str) -> bool:
    parts = module.lstrip(".").split(".")
    return parts[0] == "tests" or any(p.startswith("test_") or p == "conftest" for p in parts)


def _uses_file(tree: ast.AST) -> Iterator[int]:
    """Lines that read the module's own ``__file__`` (``module.__file__`` is another thing)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == "__file__":
            yield node.lineno


def layout_problems(tests: Path, src: Path) -> list[str]:
    """Every way ``tests`` breaks the layout, one line each (``[]``: it holds), for the package
    folder ``src`` (src/dualladder)."""
    problems = []
    mirrored = _source_folders(src)
    for folder in _folders(tests):
        where = (tests / folder).relative_to(tests.parent).as_posix()
        if folder.parts and not (folder in mirrored or folder.as_posix() in EXTRA):
            problems.append(f"{where}/: mirrors no folder of src/dualladder and is not one of "
                            f"{', '.join(sorted(EXTRA | DATA))}")
        if folder.parts and folder.parts[0] == "helpers":
            problems.extend(f"{where}/{p.name}: a test module among the helpers"
                            for p in sorted((tests / folder).glob("test_*.py")))
        elif not (tests / folder / "__init__.py").is_file():
            problems.append(f"{where}/: no __init__.py")
        for module in sorted((tests / folder).glob("*.py")):
            name = module.relative_to(tests.parent).as_posix()
            tree = ast.parse(module.read_bytes(), str(module))
            problems.extend(f"{name}:{line}: imports the test module {imported}"
                            for line, imported in _test_imports(tree))
            if module.relative_to(tests) != PATHS_MODULE:
                problems.extend(f"{name}:{line}: builds a path from __file__ (use tests/helpers/"
                                f"paths.py)" for line in _uses_file(tree))
    return list(dict.fromkeys(problems))  # `from tests.x import a, b`: one line


def test_the_tests_follow_the_layout() -> None:
    assert layout_problems(ROOT / "tests", ROOT / "src" / "dualladder") == []


# -- the check can fail --------------------------------------------------------------------------


@pytest.fixture
def fake(tmp_path: Path) -> Path:
    """A small repository that follows the layout: a package with ``_internal/util`` and
    ``cli``, and tests of both, a helper and data."""
    for folder in ("src/dualladder/_internal/util", "src/dualladder/cli"):
        (tmp_path / folder).mkdir(parents=True)
    files = {
        "tests/__init__.py": "",
        "tests/conftest.py": "import pytest\n",
        "tests/util/__init__.py": "",
        "tests/util/test_text.py": "from paths import ROOT\nimport dualladder\n",
        "tests/cli/__init__.py": "",
        "tests/cli/test_main.py": "from helper import shared\nimport dualladder.cli\n",
        "tests/helpers/helper.py": "def shared() -> None: ...\n",
        "tests/helpers/paths.py": "from pathlib import Path\nROOT = Path(__file__).parent\n",
        "tests/data/positive/small.yaml": "dualladder: 1\n",
        "tests/snapshot/make.py": "from pathlib import Path\nHERE = Path(__file__)\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def test_a_tree_that_follows_the_layout_has_no_problem(fake: Path) -> None:
    assert layout_problems(fake / "tests", fake / "src" / "dualladder") == []


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("tests/handbook/__init__.py", "",
         "tests/handbook/: mirrors no folder of src/dualladder and is not one of api, cli, data, "
         "golden, helpers, project, security, snapshot"),
        ("tests/util/deep/__init__.py", "",
         "tests/util/deep/: mirrors no folder of src/dualladder and is not one of api, cli, "
         "data, golden, helpers, project, security, snapshot"),
        ("tests/util/test_y.py", "from tests.cli.test_main import X\n",
         "tests/util/test_y.py:1: imports the test module tests.cli.test_main"),
        ("tests/util/test_y.py", "from ..cli import test_main\n",
         "tests/util/test_y.py:1: imports the test module ..cli.test_main"),
        ("tests/util/test_y.py", "def f():\n    from .test_text import g\n",
         "tests/util/test_y.py:2: imports the test module .test_text"),
        ("tests/util/test_y.py", "import tests.util.test_text\n",
         "tests/util/test_y.py:1: imports the test module tests.util.test_text"),
        ("tests/helpers/helper.py", "from conftest import fixture\n",
         "tests/helpers/helper.py:1: imports the test module conftest"),
        ("tests/helpers/test_helper.py", "",
         "tests/helpers/test_helper.py: a test module among the helpers"),
        ("tests/util/test_y.py", "from pathlib import Path\nROOT = Path(__file__).parents[2]\n",
         "tests/util/test_y.py:2: builds a path from __file__ (use tests/helpers/paths.py)"),
        ("tests/helpers/helper.py", "import os\nHERE = os.path.dirname(__file__)\n",
         "tests/helpers/helper.py:2: builds a path from __file__ (use tests/helpers/paths.py)"),
    ],
)
def test_a_planted_violation_is_found(fake: Path, name: str, text: str, problem: str) -> None:
    (fake / name).parent.mkdir(parents=True, exist_ok=True)
    (fake / name).write_text(text)
    assert layout_problems(fake / "tests", fake / "src" / "dualladder") == [problem]


def test_a_folder_without_init_is_found(fake: Path) -> None:
    (fake / "tests" / "cli" / "__init__.py").unlink()
    assert layout_problems(fake / "tests", fake / "src" / "dualladder") == [
        "tests/cli/: no __init__.py"
    ]
