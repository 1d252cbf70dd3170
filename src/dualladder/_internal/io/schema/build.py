"""The JSON Schema (draft 2020-12) of the ladder file format, for editors and other tools,
and how every kind's schema is built (:func:`build`; the kinds are
:mod:`dualladder._internal.io.schema.kinds`).

It is generated from the pydantic model, so it cannot drift from what ``dualladder validate``
reads, and tightened where the model checks more than its field types say: the two required
tracks, positive pay amounts and factors, and the rule codes that ``policy`` may name. Those
mappings stand in the company, family and plan files too, and are tightened there alike.

The schema checks the shape of one file (``docs/format.md``: required, unknown and mistyped
fields, bad values). It does not do the cross-reference checks (DL003-DL006 beyond the
amounts' sign) nor any equivalence rule (``docs/rules.md``): that is ``dualladder validate``.

Money is typed as a number or a decimal string (the model reads both exactly); dates as
``format: date`` strings, which is how YAML-aware schema tools such as check-jsonschema hand
YAML timestamps to the validator.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final

from dualladder._internal.util.catalog import CATALOG, COMPANY_LOAD_CODES, LOAD_CODES, READ_CODES

if TYPE_CHECKING:
    from pydantic import BaseModel

    from dualladder._internal.io.schema.keys import Key, Model

__all__ = ["SCHEMA_DIALECT", "SCHEMA_ID", "build", "tighten"]

SCHEMA_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
#: A stable name for format version 1 (a URN: the schema has no published home).
SCHEMA_ID: Final = "urn:dualladder:schema:ladder:1"



def _number_branch(prop: dict[str, Any]) -> dict[str, Any] | None:
    for option in prop.get("anyOf", ()):
        if option.get("type") == "number":
            return option  # type: ignore[no-any-return]
    return None


#: A finite decimal written as a string ("150000", "0.05"); the model reads these exactly.
DECIMAL_PATTERN: Final = r"^[+-]?(\d+(\.\d*)?|\.\d+)$"
#: The same, above zero (pay amounts).
POSITIVE_DECIMAL_PATTERN: Final = r"^\+?0*([1-9]\d*(\.\d*)?|0?\.\d*[1-9]\d*)$"


def _objects(node: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object in ``node``, each before the objects inside it (so a caller may set
    keys of an object's members when it sees the object)."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _objects(value)
    elif isinstance(node, list):
        for item in node:
            yield from _objects(item)


def _decimal_strings(node: Any) -> None:
    """Give the string branch of every decimal field a pattern of its own.

    pydantic's schema for ``Decimal`` is ``number | string``; whether the string branch carries
    a pattern depends on the pydantic version (2.14 dropped it), so it is set here.
    """
    for found in _objects(node):
        options = found.get("anyOf")
        if isinstance(options, list) and any(o.get("type") == "number" for o in options):
            for option in options:
                if option.get("type") == "string":
                    option["pattern"] = DECIMAL_PATTERN


def _string_branch(prop: dict[str, Any]) -> dict[str, Any] | None:
    for option in prop.get("anyOf", ()):
        if option.get("type") == "string":
            return option  # type: ignore[no-any-return]
    return None


def _defaults_as_numbers(node: Any) -> None:
    """pydantic writes Decimal defaults as strings ("0.05"); show them as numbers."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "default" and isinstance(value, str | list):
                node[key] = _numeric(value)
            else:
                _defaults_as_numbers(value)
    elif isinstance(node, list):
        for item in node:
            _defaults_as_numbers(item)


def _numeric(value: Any) -> Any:
    if isinstance(value, list):
        return [_numeric(v) for v in value]
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return value
        return int(number) if number.is_integer() and "." not in value else number
    return value


def _without_null(prop: dict[str, Any]) -> None:
    """An optional key is left out, not written as null: drop the ``null`` branch pydantic
    writes for ``X | None``, so a typo gets X's message ("'eur' does not match '^[A-Z]{3}$'"),
    not "'eur' is not of type 'null'"."""
    options = prop.get("anyOf")
    if not isinstance(options, list) or {"type": "null"} not in options:
        return
    rest = [o for o in options if o != {"type": "null"}]
    del prop["anyOf"]
    if len(rest) == 1:
        prop.update(rest[0])
    else:
        prop["anyOf"] = rest
    if prop.get("default", 0) is None:
        del prop["default"]


def _positive_strings(node: Any) -> None:
    """A decimal the model takes above zero (``Field(gt=0)``: a zone's factor): its string
    branch gets the positive pattern, as its number branch has ``exclusiveMinimum: 0``."""
    for found in _objects(node):
        number, text = _number_branch(found), _string_branch(found)
        if number is not None and text is not None and number.get("exclusiveMinimum") == 0:
            text["pattern"] = POSITIVE_DECIMAL_PATTERN


def _document(node: dict[str, Any], model: str, models: Mapping[str, Model],
              keys: Mapping[str, list[Key]]) -> None:
    """Describe a model's mapping and each of its keys (:mod:`dualladder._internal.io.schema.keys`),
    with an example, in plain text (editors show ``description`` as it is, ``markdownDescription``
    rendered). A property without an entry in ``keys`` is a KeyError: nothing goes out
    undocumented."""
    node["description"] = models[model].description
    node.pop("title", None)
    documented = {key.name: key for key in keys[model]}
    for name, prop in node.get("properties", {}).items():
        key = documented[name]
        _without_null(prop)
        text = f"{key.description} Default: {key.default}."
        if key.default == "required":
            text = f"{key.description} Required."
        prop["description"] = text
        prop["markdownDescription"] = text
        prop["examples"] = [key.example]


def tighten(body: dict[str, Any]) -> None:
    """Check in the schema what the models check beyond their field types, wherever the shared
    mappings stand (a ladder, a company, a family, a plan's rung snapshots): the two required
    tracks, positive pay amounts and factors, and the rule codes that ``policy`` may name."""
    defs: dict[str, Any] = body.get("$defs", {})

    # tracks: the model requires these two (any further track is allowed).
    tracks = body["properties"].get("tracks")
    if tracks is not None:
        tracks["required"] = ["management", "technical"]

    _decimal_strings(body)

    # Amounts are positive (0 < min <= mid <= max; the ordering is DL006's job).
    if "Band" in defs:
        band = defs["Band"]["properties"]
        band["mid"].pop("default", None)  # left out, it is derived: the middle of min and max
        for name in ("min", "mid", "max"):
            number = _number_branch(band[name])
            if number is not None:
                number["exclusiveMinimum"] = 0
    _positive_strings(body)

    # policy.ignore / policy.severity name rule codes; load and roster read errors cannot.
    if "Policy" in defs:
        ignorable = [
            code for code in CATALOG if code not in LOAD_CODES | COMPANY_LOAD_CODES | READ_CODES
        ]
        policy = defs["Policy"]["properties"]
        policy["ignore"]["items"] = {"type": "string", "enum": ignorable}
        policy["severity"]["propertyNames"] = {"enum": ignorable}

    _defaults_as_numbers(body)

    # A mapping keyed by a pattern (a language of `translations`) takes no other key, as the
    # model refuses any.
    for node in _objects(body):
        if "patternProperties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False


#: The scales, described here: their values are an order, which a key's text cannot show.
_SCALES: Final = {
    "Authority": "How much say a rung has in a decision: informed < consulted < recommends < "
    "decides.",
    "Scope": "How far a rung's work or decision reaches: team < group < organization < "
    "company < industry.",
}


def build(model: type[BaseModel], kind: str, title: str, models: Mapping[str, Model],
          keys: Mapping[str, list[Key]], checked: str) -> dict[str, Any]:
    """The JSON Schema of a file whose top level is ``model``: tightened (:func:`tighten`),
    every mapping and key described from ``models`` and ``keys``, and ``checked`` (what
    dualladder checks beyond the schema) added to the top description."""
    body = model.model_json_schema(by_alias=True, mode="validation")
    defs: dict[str, Any] = body.get("$defs", {})
    tighten(body)
    _document(body, model.__name__, models, keys)
    for name, node in defs.items():
        if "properties" in node:
            _document(node, name, models, keys)
        else:  # a list of values (an enum): its key says what each value means
            node.pop("title", None)
            if name in _SCALES:
                node["description"] = _SCALES[name]
            else:  # a docstring, written for Python readers
                node.pop("description", None)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"urn:dualladder:schema:{kind}:1",
        "title": title,
        "description": f"{body['description']} {checked}",
        **{k: v for k, v in body.items() if k not in ("title", "description")},
    }
