"""The JSON Schemas (draft 2020-12) of the four kinds of file, by kind, for editors and schema
tools: ``dualladder schema --kind ladder|company|family|plan``.

A registry in the house style: each kind names its top-level model, the key tables that
describe it (:mod:`dualladder._internal.io.schema.keys` for a ladder,
:mod:`dualladder._internal.io.schema.company_keys` for a company and a family file,
:mod:`dualladder._internal.io.schema.plan_keys` for a career plan) and the checks of its models that
field types do not show. The schemas are built by
:func:`dualladder._internal.io.schema.build.build`, so each is generated from the pydantic model
that ``dualladder validate`` reads the file with, and cannot drift from it.

Like the ladder's, each schema checks the shape of one file only: what needs another file (a
family's company, a plan's ladder) or a rule (docs/rules.md) is ``dualladder validate``'s job.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from pydantic import BaseModel

    from dualladder._internal.io.schema.keys import Key, Model

__all__ = ["KINDS", "Kind", "schema"]


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of file and how its schema is made."""

    name: str
    title: str
    #: what dualladder checks beyond the schema (the end of the schema's description)
    checked: str
    #: the top-level model, and the model descriptions and key tables (imported when needed)
    parts: Callable[[], tuple[type[BaseModel], Mapping[str, Model], Mapping[str, list[Key]]]]
    #: checks of several keys at once, added to the built schema
    extra: Callable[[dict[str, Any]], None] | None = None


def _ladder() -> tuple[type[BaseModel], Mapping[str, Model], Mapping[str, list[Key]]]:
    from dualladder._internal.io.schema.keys import KEYS, MODELS
    from dualladder._internal.model.ladder import Ladder

    return Ladder, MODELS, KEYS


def _company() -> tuple[type[BaseModel], Mapping[str, Model], Mapping[str, list[Key]]]:
    from dualladder._internal.io.schema.company_keys import COMPANY_KEYS, COMPANY_MODELS
    from dualladder._internal.io.schema.keys import KEYS, MODELS
    from dualladder._internal.model.company import Company

    return Company, {**MODELS, **COMPANY_MODELS}, {**KEYS, **COMPANY_KEYS}


def _family() -> tuple[type[BaseModel], Mapping[str, Model], Mapping[str, list[Key]]]:
    from dualladder._internal.io.schema.company_keys import FAMILY_KEYS, FAMILY_MODELS
    from dualladder._internal.io.schema.keys import KEYS, MODELS
    from dualladder._internal.model.company import FamilyFile

    return FamilyFile, {**MODELS, **FAMILY_MODELS}, {**KEYS, **FAMILY_KEYS}


def _plan() -> tuple[type[BaseModel], Mapping[str, Model], Mapping[str, list[Key]]]:
    from dualladder._internal.io.schema.keys import KEYS, MODELS
    from dualladder._internal.io.schema.plan_keys import PLAN_KEYS, PLAN_MODELS
    from dualladder._internal.model.plan import Plan

    return Plan, {**MODELS, **PLAN_MODELS}, {**KEYS, **PLAN_KEYS}


def _zones(body: dict[str, Any]) -> None:
    """A zone has a ``factor``, ``bands`` or both (the model's DL002)."""
    body["$defs"]["Zone"]["anyOf"] = [{"required": ["factor"]}, {"required": ["bands"]}]


def _differentials(body: dict[str, Any]) -> None:
    """A differential has exactly one of ``factor`` and ``pay``, and ``zones`` only with
    ``pay`` (the model's DL002)."""
    differential = body["$defs"]["Differential"]
    differential["oneOf"] = [{"required": ["factor"]}, {"required": ["pay"]}]
    differential["dependentRequired"] = {"zones": ["pay"]}


KINDS: Final[dict[str, Kind]] = {
    kind.name: kind
    for kind in (
        Kind("ladder", "dualladder ladder file",
             "Checked for real equivalence by `dualladder validate`.", _ladder),
        Kind("company", "dualladder company file",
             "Checked with its job families by `dualladder validate`.", _company, _zones),
        Kind("family", "dualladder job family file",
             "Checked with its company file by `dualladder validate`.", _family,
             _differentials),
        Kind("plan", "dualladder career plan file",
             "Checked against its ladder by `dualladder validate` (DL401-DL407).", _plan),
    )
}

_cache: dict[str, dict[str, Any]] = {}


def _build(kind: Kind) -> dict[str, Any]:
    from dualladder._internal.io.schema.build import build

    model, models, keys = kind.parts()
    body = build(model, kind.name, kind.title, models, keys, kind.checked)
    if kind.extra is not None:
        kind.extra(body)
    return body


def schema(kind: str = "ladder") -> dict[str, Any]:
    """The JSON Schema of a file of ``kind`` (a key of :data:`KINDS`; a fresh copy, safe to
    change)."""
    if kind not in _cache:
        _cache[kind] = _build(KINDS[kind])
    return copy.deepcopy(_cache[kind])
