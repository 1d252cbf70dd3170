"""`dualladder schema --kind ladder|company|family|plan`: one JSON Schema per kind of file.

Every positive fixture of each kind (tests/data/**/positive, ladders/, examples/plans/) is
valid against the schema of its kind and against no other; broken files of each kind are
rejected (and are load errors too: the schema is no stricter than the model); every property
of every schema has a description from the key tables and an example that is valid.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from paths import DATA, DOCS, ROOT
from pydantic import BaseModel
from schema_tools import load_like_a_tool

from dualladder._internal.io.schema.keys import update_page
from dualladder._internal.io.schema.kinds import KINDS, schema
from dualladder._internal.util.catalog import LOAD_CODES
from dualladder.cli import main
from dualladder.keys import tables

jsonschema = pytest.importorskip("jsonschema")

POSITIVE_GLOBS = ("tests/data/**/positive/**/*.y*ml", "ladders/**/*.y*ml", "examples/plans/*.y*ml")


def kind_of(data: Any) -> str:
    """A file's kind by its top-level keys, as `dualladder validate` tells them apart."""
    assert isinstance(data, dict)
    if "dualladder-company" in data:
        return "company"
    if "dualladder-plan" in data:
        return "plan"
    return "family" if "company" in data else "ladder"


FIXTURES: list[tuple[str, Path]] = sorted(
    {(kind_of(load_like_a_tool(path.read_text("utf-8"))), path)
     for pattern in POSITIVE_GLOBS for path in ROOT.glob(pattern)}
)


def validator(kind: str) -> Any:
    body = schema(kind)
    cls = jsonschema.Draft202012Validator
    return cls(body, format_checker=cls.FORMAT_CHECKER)


def errors(kind: str, data: Any) -> list[str]:
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in validator(kind).iter_errors(data))


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_schema_is_a_valid_draft_2020_12_schema(kind: str) -> None:
    body = schema(kind)
    jsonschema.Draft202012Validator.check_schema(body)
    assert body["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert body["$id"] == f"urn:dualladder:schema:{kind}:1"
    assert body["title"] and body["description"]
    assert body["additionalProperties"] is False


def test_there_are_fixtures_of_every_kind() -> None:
    counts = {kind: sum(k == kind for k, _ in FIXTURES) for kind in KINDS}
    assert counts["ladder"] >= 10 and counts["company"] >= 2
    assert counts["family"] >= 6 and counts["plan"] >= 4


@pytest.mark.parametrize(("kind", "path"), FIXTURES,
                         ids=[str(p.relative_to(ROOT)) for _, p in FIXTURES])
def test_every_positive_fixture_is_valid_against_its_kind_only(kind: str, path: Path) -> None:
    data = load_like_a_tool(path.read_text("utf-8"))
    assert errors(kind, data) == []
    for other in KINDS:
        if other != kind:
            assert errors(other, data) != [], f"{path.name} is also a valid {other} file"


@pytest.mark.parametrize("name", ["DL002.yaml", "DL002-missing.yaml", "DL002-numeric-id.yaml",
                                  "DL006.yaml"])
def test_negative_ladder_fixtures_of_the_file_shape_are_rejected(name: str) -> None:
    text = (DATA / "negative" / name).read_text("utf-8")
    assert errors("ladder", load_like_a_tool(text)) != []


def _load(path: str) -> Any:
    return load_like_a_tool((ROOT / path).read_text("utf-8"))


BASES = {
    "company": "ladders/kestrel/company.yaml",
    "family": "tests/data/company/positive/zones/data.yaml",
    "plan": "examples/plans/senior-to-staff.yaml",
}

#: (kind, what is broken, path to the key, new value; None deletes the key)
_DELETE = object()
BROKEN: list[tuple[str, str, tuple[str | int, ...], Any]] = [
    ("company", "version 2", ("dualladder-company",), 2),
    ("company", "no levels", ("levels",), _DELETE),
    ("company", "no organization", ("organization",), _DELETE),
    ("company", "unknown key", ("families",), ["data.yaml"]),
    ("company", "zone with neither factor nor bands", ("zones", 0, "factor"), _DELETE),
    ("company", "zone factor of 0", ("zones", 0, "factor"), 0),
    ("company", "zone factor as negative text", ("zones", 0, "factor"), "-1.1"),
    ("company", "zone without id", ("zones", 0, "id"), _DELETE),
    ("company", "lowercase zone currency", ("zones", 1, "currency"), "eur"),
    ("company", "zone band below zero", ("zones", 1, "bands", "L5", "min"), -1),
    ("company", "ignore a load error", ("policy", "ignore"), ["DL002"]),
    ("family", "no company", ("company",), _DELETE),
    ("family", "no tracks", ("tracks",), _DELETE),
    ("family", "unknown key", ("zone",), "sf"),
    ("family", "differential with factor and pay", ("differentials", 0, "pay"),
     {"min": 1, "max": 2}),
    ("family", "differential with neither", ("differentials", 0, "factor"), _DELETE),
    ("family", "differential without a reason", ("differentials", 0, "reason"), _DELETE),
    ("family", "zones with a factor", ("differentials", 0, "zones"),
     {"berlin": {"min": 1, "max": 2}}),
    ("family", "no technical track", ("tracks", "technical"), _DELETE),
    ("plan", "version 2", ("dualladder-plan",), 2),
    ("plan", "no target", ("target",), _DELETE),
    ("plan", "no person", ("person",), _DELETE),
    ("plan", "a person id with a space", ("person", "id"), "E 1042"),
    ("plan", "unknown step status", ("steps", 0, "status"), "finished"),
    ("plan", "a review that is not a date", ("reviews",), ["soon"]),
    ("plan", "unknown key", ("manager",), "Grace"),
    ("plan", "a goal without a level", ("goal", "level"), _DELETE),
    ("plan", "unknown scope in a rung snapshot", ("rungs", "goal", "scope"), "galaxy"),
    ("plan", "a signature without a date", ("signoff", "manager", "date"), _DELETE),
]


def _broken(kind: str, path: tuple[str | int, ...], value: Any) -> Any:
    data = copy.deepcopy(_load(BASES[kind]))
    node = data
    for part in path[:-1]:
        node = node.setdefault(part, {}) if isinstance(node, dict) else node[part]
    if value is _DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


@pytest.mark.parametrize(("kind", "name", "path", "value"), BROKEN,
                         ids=[f"{k}: {n}" for k, n, _, _ in BROKEN])
def test_broken_files_are_rejected_and_validate_refuses_them_too(
    kind: str, name: str, path: tuple[str | int, ...], value: Any, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The schema is no stricter than dualladder: each broken file is a load error of
    `dualladder validate` too (a family read with its company, a plan with its ladder)."""
    assert errors(kind, _load(BASES[kind])) == []
    data = _broken(kind, path, value)
    assert errors(kind, data) != [], name
    base = ROOT / BASES[kind]
    if kind == "family":
        shutil.copy(base.parent / "company.yaml", tmp_path / "company.yaml")
    if kind == "plan" and "ladder" in data:
        data["ladder"]["path"] = str((base.parent / data["ladder"]["path"]).resolve())
    broken = tmp_path / "broken.yaml"
    broken.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    main(["validate", "-f", "json", str(broken)])
    found = json.loads(capsys.readouterr().out)["findings"]
    assert {f["code"] for f in found if f["file"] == str(broken)} & LOAD_CODES, found


# -- descriptions ----------------------------------------------------------------------------


def _properties(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties":
                for name, prop in value.items():
                    yield f"{where}.{name}", prop
                    yield from _properties(prop, f"{where}.{name}")
            else:
                yield from _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for item in node:
            yield from _properties(item, where)


PROPERTIES = [(kind, where, prop) for kind in KINDS for where, prop in _properties(schema(kind))]


@pytest.mark.parametrize(("kind", "where", "prop"), PROPERTIES,
                         ids=[f"{k}{w}" for k, w, _ in PROPERTIES])
def test_every_property_has_a_description_and_a_valid_example(
    kind: str, where: str, prop: dict[str, Any]
) -> None:
    assert prop.get("description"), where
    assert prop.get("markdownDescription") == prop["description"]
    assert "``" not in prop["description"] and ":class:" not in prop["description"]
    assert {"type": "null"} not in prop.get("anyOf", []), where
    [example] = prop["examples"]
    body = schema(kind)
    cls = jsonschema.Draft202012Validator
    check = cls({"$defs": body["$defs"], **prop}, format_checker=cls.FORMAT_CHECKER)
    assert list(check.iter_errors(example)) == [], where


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_mapping_is_described_and_no_docstring_leaks(kind: str) -> None:
    body = schema(kind)
    for name, node in body["$defs"].items():
        if "properties" in node:
            assert node.get("description"), name
        assert "``" not in node.get("description", ""), name


def _models(model: type[BaseModel], seen: dict[str, type[BaseModel]]) -> dict[str, type[BaseModel]]:
    if model.__name__ not in seen:
        seen[model.__name__] = model
        stack: list[Any] = [f.annotation for f in model.model_fields.values()]
        while stack:
            annotation = stack.pop()
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                _models(annotation, seen)
            stack.extend(typing.get_args(annotation))
    return seen


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_key_tables_document_every_field_of_every_model_and_nothing_else(kind: str) -> None:
    top, models, keys = KINDS[kind].parts()
    for name, cls in _models(top, {}).items():
        fields = {f.alias or n: f for n, f in cls.model_fields.items()}
        assert name in models, name
        assert [key.name for key in keys[name]] == list(fields), name
        required = {n for n, f in fields.items() if f.is_required()}
        assert {key.name for key in keys[name] if key.default == "required"} == required, name


# -- the command ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_command_prints_the_schema_of_each_kind(
    kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "--kind", kind]) == 0
    assert json.loads(capsys.readouterr().out) == schema(kind)


def test_the_default_kind_is_the_ladder(capsys: pytest.CaptureFixture[str]) -> None:
    from dualladder._internal.io.schema.kinds import schema as ladder_schema

    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == ladder_schema() == schema("ladder")


def test_an_unknown_kind_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--kind", "roster"]) == 2
    assert "invalid choice: 'roster'" in capsys.readouterr().err


# -- the docs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("page", "part", "markdown"), tables(),
                         ids=[f"{page} {part or 'ladder'}" for page, part, _ in tables()])
def test_the_docs_hold_the_generated_key_tables(page: str, part: str, markdown: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    assert markdown in text
    assert update_page(text, part, markdown) == text, (
        f"docs/{page}'s key tables are out of date; run `python -m dualladder.keys`"
    )


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_docs_show_each_kind_and_its_editor_line(kind: str) -> None:
    cli = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert f"| `{kind}`" in cli
    editors = (DOCS / ("plan.md" if kind == "plan" else "format.md")).read_text(
        encoding="utf-8")
    assert f"dualladder schema --kind {kind}" in editors or kind == "ladder"
    assert re.search(rf"^# yaml-language-server: \$schema=\S*/{kind}\.schema\.json$", editors,
                     re.MULTILINE)
