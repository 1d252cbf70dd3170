"""Reading YAML the way schema tools read it (check-jsonschema, the YAML language server):
floats for decimals, timestamps as text, keys as text; not with dualladder's loader."""

from __future__ import annotations

from typing import Any

import yaml


class _ToolLoader(yaml.SafeLoader):
    """PyYAML's safe loader, but timestamps stay text (as check-jsonschema does)."""


_ToolLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str
)


def load_like_a_tool(text: str) -> Any:
    def keys_as_text(node: Any) -> Any:
        if isinstance(node, dict):
            return {str(k): keys_as_text(v) for k, v in node.items()}
        if isinstance(node, list):
            return [keys_as_text(v) for v in node]
        return node

    return keys_as_text(yaml.load(text, Loader=_ToolLoader))
