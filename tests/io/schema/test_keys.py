"""Every key of the format is documented once (dualladder/keys.py), and that one reference is
what docs/format.md and the JSON Schema say: a description and an example for every property,
plain text, and optional keys that a typo cannot turn into "is not of type 'null'"."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from paths import DOCS
from pydantic import BaseModel

from dualladder._internal.io.schema.keys import KEYS, MODELS, keys_markdown, update_format_page
from dualladder._internal.io.schema.kinds import schema
from dualladder._internal.model.ladder import Ladder

PAGE = DOCS / "format.md"


def _models(model: type[BaseModel], seen: dict[str, type[BaseModel]]) -> dict[str, type[BaseModel]]:
    """Every model reachable from ``model`` through its fields."""
    if model.__name__ in seen:
        return seen
    seen[model.__name__] = model
    stack: list[Any] = [f.annotation for f in model.model_fields.values()]
    while stack:
        annotation = stack.pop()
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            _models(annotation, seen)
        stack.extend(typing.get_args(annotation))
    return seen


MODEL_CLASSES = _models(Ladder, {})


def test_every_model_of_the_format_is_documented() -> None:
    assert sorted(MODELS) == sorted(MODEL_CLASSES) == sorted(KEYS)


@pytest.mark.parametrize("name", sorted(MODEL_CLASSES))
def test_every_key_of_every_model_is_documented_and_nothing_else(name: str) -> None:
    fields = [f.alias or n for n, f in MODEL_CLASSES[name].model_fields.items()]
    assert [key.name for key in KEYS[name]] == fields


@pytest.mark.parametrize("name", sorted(MODEL_CLASSES))
def test_documented_defaults_say_required_exactly_for_required_fields(name: str) -> None:
    required = {f.alias or n for n, f in MODEL_CLASSES[name].model_fields.items()
                if f.is_required()}
    assert {key.name for key in KEYS[name] if key.default == "required"} == required


def test_format_page_holds_the_generated_key_tables() -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert update_format_page(text) == text, (
        "docs/format.md's key tables are out of date; run `python -m dualladder.keys`"
    )
    assert keys_markdown() in text


def _properties(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property schema in the schema, with its path."""
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            yield f"{where}.{name}", prop
        for key, value in node.items():
            if key != "properties":
                yield from _properties(value, f"{where}/{key}")
            else:
                for name, prop in value.items():
                    yield from _properties(prop, f"{where}.{name}")
    elif isinstance(node, list):
        for item in node:
            yield from _properties(item, where)


SCHEMA = schema()
PROPERTIES = list(_properties(SCHEMA))


def test_the_schema_has_every_property() -> None:
    assert len(PROPERTIES) == sum(len(keys) for keys in KEYS.values())


@pytest.mark.parametrize(("where", "prop"), PROPERTIES, ids=[w for w, _ in PROPERTIES])
def test_every_property_has_a_description_and_a_valid_example(
    where: str, prop: dict[str, Any]
) -> None:
    assert prop.get("description"), where
    assert prop.get("markdownDescription") == prop["description"]
    [example] = prop["examples"]
    validator = Draft202012Validator({"$defs": SCHEMA["$defs"], **prop})
    assert list(validator.iter_errors(example)) == [], where


def _descriptions(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("description", "markdownDescription") and isinstance(value, str):
                yield value
            else:
                yield from _descriptions(value)
    elif isinstance(node, list):
        for item in node:
            yield from _descriptions(item)


def test_descriptions_are_plain_text_without_restructuredtext() -> None:
    texts = list(_descriptions(SCHEMA))
    assert len(texts) > 2 * len(PROPERTIES)
    for text in texts:
        assert "``" not in text and ":attr:" not in text and ":func:" not in text, text
        assert ":class:" not in text and ":meth:" not in text, text


def test_no_optional_property_is_written_as_value_or_null() -> None:
    for where, prop in PROPERTIES:
        assert {"type": "null"} not in prop.get("anyOf", []), where
        assert prop.get("type") != "null", where


def _minimal(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "dualladder": 1,
        "organization": "Org",
        "family": "Family",
        "levels": [{"id": "L1", "pay": {"min": 100, "max": 120}}],
        "tracks": {"management": {"rungs": []}, "technical": {"rungs": []}},
    }
    data.update(changes)
    return data


def test_a_typo_in_an_optional_key_gets_the_message_of_the_value_it_should_be() -> None:
    validator = Draft202012Validator(SCHEMA)
    assert list(validator.iter_errors(_minimal())) == []
    error = best_match(validator.iter_errors(_minimal(currency="eur")))
    assert error is not None
    assert "does not match '^[A-Z]{3}$'" in error.message
    assert "null" not in error.message
    band = _minimal(levels=[{"id": "L1", "pay": {"min": 100, "max": 120, "currency": "usd"}}])
    error = best_match(validator.iter_errors(band))
    assert error is not None and "does not match" in error.message


def test_the_descriptions_come_from_the_reference() -> None:
    rung = SCHEMA["$defs"]["Rung"]
    assert rung["description"] == MODELS["Rung"].description
    role = rung["properties"]["role"]["description"]
    assert role.startswith(next(k.description for k in KEYS["Rung"] if k.name == "role"))
    assert SCHEMA["properties"]["organization"]["description"].endswith("Required.")
