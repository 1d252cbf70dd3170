"""The JSON Schema of the file format: valid, accepts every real ladder, rejects broken ones.

YAML files are read the way schema tools read them (check-jsonschema: floats for decimals,
timestamps as strings, keys as strings), not with dualladder's loader.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from paths import DATA, ROOT
from schema_tools import load_like_a_tool
from strategies import ladders

from dualladder import read_text
from dualladder._internal.io.dump import dumps
from dualladder._internal.io.schema.build import SCHEMA_DIALECT, SCHEMA_ID
from dualladder._internal.io.schema.kinds import schema
from dualladder._internal.model.ladder import Ladder

jsonschema = pytest.importorskip("jsonschema")

LADDER_FILES = sorted((ROOT / "ladders").glob("*.y*ml"))
POSITIVE = sorted((DATA / "positive").glob("*.yaml"))


@pytest.fixture(scope="module")
def validator() -> Any:
    body = schema()
    cls = jsonschema.Draft202012Validator
    cls.check_schema(body)
    return cls(body, format_checker=cls.FORMAT_CHECKER)


def errors(validator: Any, data: Any) -> list[str]:
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in validator.iter_errors(data))


def test_header() -> None:
    body = schema()
    assert body["$schema"] == SCHEMA_DIALECT == "https://json-schema.org/draft/2020-12/schema"
    assert body["$id"] == SCHEMA_ID
    assert body["title"] and body["description"]
    assert body["type"] == "object"
    assert body["additionalProperties"] is False
    assert set(body["required"]) == {"dualladder", "organization", "family", "levels", "tracks"}


def test_schema_is_json_and_a_fresh_copy() -> None:
    body = schema()
    assert json.loads(json.dumps(body)) == body
    body["title"] = "changed"
    assert schema()["title"] != "changed"


def test_money_is_a_number_or_a_decimal_string() -> None:
    band = schema()["$defs"]["Band"]["properties"]["min"]
    kinds = {option["type"] for option in band["anyOf"]}
    assert kinds == {"number", "string"}


def test_every_model_forbids_unknown_keys() -> None:
    for name, definition in schema()["$defs"].items():
        if definition.get("type") == "object" and "properties" in definition:
            assert definition.get("additionalProperties") is False, name


@pytest.mark.parametrize("path", LADDER_FILES + POSITIVE, ids=lambda p: p.name)
def test_accepts_real_ladders(validator: Any, path: Path) -> None:
    assert errors(validator, load_like_a_tool(path.read_text("utf-8"))) == []


def test_there_are_ladders_to_check() -> None:
    assert len(LADDER_FILES) >= 3


@given(ladders)
def test_accepts_every_ladder_the_model_accepts(ladder: Ladder) -> None:
    body = schema()
    cls = jsonschema.Draft202012Validator
    found = list(cls(body, format_checker=cls.FORMAT_CHECKER).iter_errors(
        load_like_a_tool(dumps(ladder))
    ))
    assert found == []


BASE = """\
dualladder: 1
organization: Acme
family: Engineering
currency: USD
effective: 2026-01-01
policy: {pay_tolerance: 0.05, ignore: [DL108], severity: {DL107: error}}
levels:
  - {id: L5, pay: {min: 100000, mid: "110000.50", max: 120000}}
tracks:
  management:
    rungs: [{level: L5, title: Manager, scope: team}]
  technical:
    rungs: [{level: L5, title: Staff Engineer, scope: team}]
crossover:
  - {from: technical, to: management, levels: [L5]}
"""


def test_base_document_is_valid(validator: Any) -> None:
    assert errors(validator, load_like_a_tool(BASE)) == []
    assert read_text(BASE).ladder is not None


def _edit(path: tuple[str | int, ...], value: Any = None, *, delete: bool = False) -> Any:
    data = copy.deepcopy(load_like_a_tool(BASE))
    node = data
    for part in path[:-1]:
        node = node[part]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


BROKEN = {
    "unknown top-level key": _edit(("famliy",), "Engineering"),
    "unknown rung key": _edit(("tracks", "technical", "rungs", 0, "titel"), "x"),
    "unknown band key": _edit(("levels", 0, "pay", "median"), 1),
    "unknown policy key": _edit(("policy", "tolerance"), 0.1),
    "missing organization": _edit(("organization",), delete=True),
    "missing technical track": _edit(("tracks", "technical"), delete=True),
    "missing rung title": _edit(("tracks", "management", "rungs", 0, "title"), delete=True),
    "version 2": _edit(("dualladder",), 2),
    "level id as a number": _edit(("levels", 0, "id"), 10),
    "empty levels": _edit(("levels",), []),
    "money as words": _edit(("levels", 0, "pay", "min"), "lots"),
    "negative money": _edit(("levels", 0, "pay", "min"), -5),
    "negative money as text": _edit(("levels", 0, "pay", "min"), "-5"),
    "zero money as text": _edit(("levels", 0, "pay", "min"), "0.00"),
    "lowercase currency": _edit(("currency",), "usd"),
    "unknown scope": _edit(("tracks", "technical", "rungs", 0, "scope"), "galaxy"),
    "bad severity": _edit(("policy", "severity"), {"DL107": "fatal"}),
    "ignore a load error": _edit(("policy", "ignore"), ["DL001"]),
    "ignore an unknown code": _edit(("policy", "ignore"), ["DL999"]),
    "tolerance of 100 %": _edit(("policy", "pay_tolerance"), 1),
    "not a date": _edit(("effective",), "soon"),
    "crossover without levels": _edit(("crossover", 0, "levels"), []),
    "not a mapping": ["dualladder", 1],
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_rejects_broken_documents(validator: Any, name: str) -> None:
    assert errors(validator, BROKEN[name]) != []


@pytest.mark.parametrize("name", list(BROKEN))
def test_the_loader_rejects_them_too(name: str) -> None:
    """The schema is no stricter than the model on these: each one is a load error too."""
    text = yaml.safe_dump(BROKEN[name], sort_keys=False)
    result = read_text(text)
    assert result.ladder is None
    assert {f.code for f in result.findings} <= {"DL002", "DL006"}


def test_check_jsonschema_reads_ladders_with_it(tmp_path: Path) -> None:
    """The benchmark team runs check-jsonschema (ruamel YAML) with this schema."""
    exe = shutil.which("check-jsonschema")
    if exe is None:
        pytest.skip("check-jsonschema is not installed (pip install -e '.[bench]')")
    schema_file = tmp_path / "ladder.schema.json"
    schema_file.write_text(json.dumps(schema()), encoding="utf-8")
    good = subprocess.run(
        [exe, "--schemafile", str(schema_file), *map(str, LADDER_FILES)],
        capture_output=True, text=True, check=False,
    )
    assert good.returncode == 0, good.stdout + good.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text(BASE.replace("family: Engineering", "famliy: Engineering"), encoding="utf-8")
    rejected = subprocess.run(
        [exe, "--schemafile", str(schema_file), str(bad)],
        capture_output=True, text=True, check=False,
    )
    assert rejected.returncode == 1
    assert "famliy" in rejected.stdout + rejected.stderr


def test_package_level_schema_is_the_function_however_it_was_imported() -> None:
    import dualladder
    import dualladder._internal.io.schema.kinds as module  # the module has its own name: no clash

    assert dualladder.schema is module.schema
    assert dualladder.schema() == schema()
