"""Writing ladders back to YAML: ``dumps(ladder)`` is read back by ``loads`` as an equal ladder."""

from __future__ import annotations

import enum
import os
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from dualladder._internal.model.ladder import Ladder

__all__ = ["Dumper", "dump", "dumps", "to_data", "yaml_text"]

_Base: type[Any] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class Dumper(_Base):  # type: ignore[misc]
    def ignore_aliases(self, data: Any) -> bool:
        return True  # a ladder file has no anchors: equal values are written out each time


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = format(value, "f")
    if value == value.to_integral_value() and "." not in text:
        return dumper.represent_scalar("tag:yaml.org,2002:int", text)
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


def _enum(dumper: yaml.SafeDumper, value: enum.Enum) -> yaml.ScalarNode:
    return dumper.represent_str(str(value.value))


Dumper.add_representer(Decimal, _decimal)
Dumper.add_multi_representer(enum.Enum, _enum)
Dumper.add_representer(tuple, Dumper.represent_list)


def to_data(ladder: Ladder) -> dict[str, Any]:
    """The ladder as plain data in file order, without fields left at their defaults."""
    data: dict[str, Any] = ladder.model_dump(
        mode="python", by_alias=True, exclude_defaults=True, exclude_none=True
    )
    data["dualladder"] = ladder.dualladder
    order = list(Ladder.model_fields)
    return {key: data[key] for key in order if key in data}


def dumps(ladder: Ladder) -> str:
    """The ladder as YAML text (format version 1)."""
    return yaml_text(to_data(ladder))


def yaml_text(data: Mapping[str, Any]) -> str:
    """Plain data (with Decimal amounts, dates and enums) as block-style YAML, keys in the
    order given, no anchors: what :func:`dumps` writes, for any document kind."""
    text: str = yaml.dump(
        data,
        Dumper=Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    return text


def dump(ladder: Ladder, path: str | os.PathLike[str]) -> None:
    """Write the ladder as YAML to ``path`` (UTF-8)."""
    Path(path).write_text(dumps(ladder), encoding="utf-8")
