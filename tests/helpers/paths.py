"""The repository's paths that tests share: import them from here (``from paths import ROOT``),
never rebuild them from ``__file__`` (a test file's depth under tests/ changes when it moves).

``tests/helpers/`` is on pytest's ``pythonpath`` (pyproject.toml), so every helper module here is
imported by its plain name wherever the test file sits.
"""

from __future__ import annotations

from pathlib import Path

HELPERS = Path(__file__).resolve().parent
TESTS = HELPERS.parent
ROOT = TESTS.parent

DATA = TESTS / "data"  # input files: positive/, negative/, company/, plans/, hostile/, ...
GOLDEN = TESTS / "golden"  # expected output (pytest --regen-golden rewrites it)
SNAPSHOT = TESTS / "snapshot"  # old file texts and their findings, kept as data

LADDERS = ROOT / "ladders"  # the example ladders
ACME = LADDERS / "acme-robotics-engineering.yaml"
KESTREL = LADDERS / "kestrel"  # the example company folder
EXAMPLES = ROOT / "examples"
DOCS = ROOT / "docs"
SMALL = DATA / "positive" / "small.yaml"
