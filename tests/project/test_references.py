"""Documents, docstrings and comments name only files that are in the repository.

Scanned: every Markdown file, the docstrings and comments of every Python file, and the comments
of the YAML and TOML files (outside ``tests/golden/``, which holds rendered output,
``tests/snapshot/``, which holds old file texts as data, and ``tests/data/hostile/``, which
holds hostile input: bytes that are not UTF-8, control characters). Checked in them:

- every relative Markdown link (``[rules](rules.md)``), from the document's folder;
- every path that starts with a top-level entry of the repository (``docs/format.md``,
  ``tests/data/negative/``, ``src/dualladder/keys.py``) or with ``dualladder/`` (the package),
  from the repository root, the document's folder or ``src/``;
- every upper-case Markdown name (``README.md``, ``PROFILE.md``): such names are documents;
- no reference to documents outside the repository: the old contract document (by its name)
  and absolute paths of the machine the project was written on.

Paths that ``.gitignore`` lists are generated (``benchmarks/.company/``) and may be named.
"""

from __future__ import annotations

import ast
import functools
import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

import pytest
from paths import ROOT

SKIP = (
    "tests/golden/", "tests/snapshot/", "tests/data/hostile/", ".git/", ".venv", "build/",
    "dist/",
)

#: Paths that documents name on purpose although they are not files of the repository.
NOT_REPOSITORY_FILES: dict[str, str] = {
    "docs/career": "the example output folder of `dualladder render -o` (a user's MkDocs site)",
    "docs/career/": "the same",
}

URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)
LINK = re.compile(r"\]\(([^)\s]+)\)")
CODE = re.compile(r"```.*?```|``.*?``|`[^`\n]*`", re.DOTALL)
WORD = re.compile(r"[\w./-]+")
DOC_NAME = re.compile(r"^[A-Z][A-Z0-9_-]*\.md$")
FOREIGN = re.compile(r"\bSPEC\b|/work/(?:shared|wt|main)\b")


@functools.cache
def _top_level() -> frozenset[str]:
    names = {p.name for p in ROOT.iterdir() if not p.name.startswith((".git", ".venv"))}
    names = {n for n in names if not n.endswith(("_cache", ".egg-info")) and n != ".hypothesis"}
    return frozenset(names | {"dualladder"})


@functools.cache
def _ignored() -> tuple[str, ...]:
    """The .gitignore entries, as path prefixes (``handbook/``, ``benchmarks/.company/``)."""
    lines = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    return tuple(line.strip().lstrip("/") for line in lines if line.strip() and "*" not in line)


@functools.cache
def _names() -> frozenset[str]:
    """The names of every file in the repository (for ``PROFILE.md`` named without a folder)."""
    return frozenset(p.name for p in _files())


def _files() -> Iterator[Path]:
    for path in sorted(ROOT.rglob("*")):
        rel = path.relative_to(ROOT).as_posix()
        if not path.is_file() or any(rel.startswith(s) or f"/{s}" in rel for s in SKIP):
            continue
        if any(part.endswith(("_cache", ".egg-info")) for part in path.parts):
            continue
        if path.suffix in (".md", ".py", ".yaml", ".yml", ".toml"):
            yield path


def _comments(text: str) -> Iterator[str]:
    """``# ...`` comments of YAML/TOML text (a ``#`` at the start or after a space)."""
    for line in text.splitlines():
        match = re.search(r"(?:^|\s)#(.*)$", line)
        if match:
            yield match.group(1)


def prose(path: Path, text: str) -> Iterator[str]:
    """The parts of a file that are prose for people: a whole Markdown file; a Python file's
    docstrings and comments; the comments of YAML and TOML files."""
    if path.suffix == ".md":
        yield text
    elif path.suffix == ".py":
        tree = ast.parse(text)
        for node in ast.walk(tree):
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                doc = ast.get_docstring(node, clean=False)
                if doc:
                    yield doc
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                yield token.string
    else:
        yield from _comments(text)


def _exists(name: str, where: Path) -> bool:
    name = name.split("#", 1)[0]
    return any((base / name).exists() for base in (ROOT, where, ROOT / "src"))


def broken_references(path: Path, text: str) -> list[str]:
    """What ``text`` (from ``path``) names that the repository does not hold."""
    top, ignored = _top_level(), _ignored()
    out: list[str] = []
    for part in prose(path, text):
        out.extend(f"refers to {m.group(0)!r}" for m in FOREIGN.finditer(part))
        part = URL.sub(" ", part)
        for target in LINK.findall(CODE.sub(" ", part)):
            if target.startswith("#") or ":" in target:
                continue
            if not _exists(target, path.parent) and target not in NOT_REPOSITORY_FILES:
                out.append(f"links to {target!r}")
        for match in WORD.finditer(part):
            word = match.group(0).rstrip(".,")
            start = part[match.start() - 1 : match.start()]
            if start in ("/", "~", "$", "@") or ".." in word:
                continue
            head = word.split("/", 1)[0]
            checked = ("/" in word and head in top) or DOC_NAME.match(word)
            if not checked or word in NOT_REPOSITORY_FILES:
                continue
            if any(word.startswith(prefix) or word + "/" == prefix for prefix in ignored):
                continue
            if DOC_NAME.match(word) and word in _names():
                continue
            if not _exists(word, path.parent):
                out.append(f"names {word!r}")
    return out


def test_the_scan_covers_docs_docstrings_and_comments() -> None:
    files = [p.relative_to(ROOT).as_posix() for p in _files()]
    assert "README.md" in files and "docs/format.md" in files
    assert "src/dualladder/keys.py" in files and "tests/project/test_references.py" in files


@pytest.mark.parametrize(
    ("name", "text", "found"),
    [
        ("docs/x.md", "See [the rules](rules.md) and docs/format.md.", []),
        ("docs/x.md", "See [the rules](rulez.md).", ["links to 'rulez.md'"]),
        ("docs/x.md", "Read docs/formats.md first.", ["names 'docs/formats.md'"]),
        ("docs/x.md", "As DESIGN.md says.", ["names 'DESIGN.md'"]),
        ("docs/x.md", "The contract is SPEC section 2.", ["refers to 'SPEC'"]),
        ("src/dualladder/x.py", '"""Reads ``ladders/nowhere.yaml``."""\n', [
            "names 'ladders/nowhere.yaml'"
        ]),
        ("src/dualladder/x.py", "x = 'tests/gone.py'  # see dualladder/gone.py\n", [
            "names 'dualladder/gone.py'"
        ]),
        ("src/dualladder/x.py", "x = 'tests/gone.py'\n", []),  # code, not prose
        ("examples/x.yml", "on: push  # see examples/missing.yml\n", [
            "names 'examples/missing.yml'"
        ]),
        ("docs/x.md", "Shown with `![...](ladder.svg)`.", []),
        ("docs/x.md", "Generated into benchmarks/.company/files/ and https://x.org/docs/a.md", []),
    ],
)
def test_the_scan_finds_names_of_missing_files(name: str, text: str, found: list[str]) -> None:
    assert broken_references(ROOT / name, text) == found


@pytest.mark.parametrize("path", list(_files()), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_named_file_is_in_the_repository(path: Path) -> None:
    assert broken_references(path, path.read_text(encoding="utf-8")) == []
