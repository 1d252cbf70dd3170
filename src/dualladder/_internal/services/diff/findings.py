"""Which findings a change introduces and which it resolves.

Line numbers and list positions shift with any edit, so findings of the two versions are
matched by code and by *what* they are about: the YAML path with each list position replaced by
the id of the item there (a level's id, a rung's level, a decision's domain, a crossover's
tracks). Findings with the same code and subject are paired by equal message first, then in
order; what is left over in the new version was introduced, in the old one resolved.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

from dualladder._internal.model.ladder import Ladder
from dualladder._internal.util.findings import Finding, Loc

__all__ = ["compare_findings", "subject_key"]


def _ident(item: Any, parent: str) -> Hashable | None:
    """The id of a list item that does not change when others are inserted before it."""
    if parent == "levels":
        return getattr(item, "id", None)
    if parent == "rungs":
        return getattr(item, "level", None)
    if parent == "decisions":
        domain = getattr(item, "domain", None)
        return None if domain is None else (domain, getattr(item, "scope", None))
    if parent == "crossover":
        return (getattr(item, "from_", None), getattr(item, "to", None))
    if isinstance(item, str | int):
        return item
    return None


def subject_key(loc: Loc, ladder: Ladder | None) -> tuple[Hashable, ...]:
    """``('tracks', 'technical', 'rungs', 3, 'pay')`` -> ``('tracks', 'technical', 'rungs',
    ('=', 'L6'), 'pay')``: list positions replaced by the id of the item (when known)."""
    if ladder is None:
        return tuple(loc)
    out: list[Hashable] = []
    node: Any = ladder
    parent = ""
    for part in loc:
        if node is None:
            out.append(part)
            continue
        if isinstance(part, int):
            items = node if isinstance(node, list | tuple) else None
            item = items[part] if items is not None and 0 <= part < len(items) else None
            ident = _ident(item, parent) if item is not None else None
            out.append(("=", ident) if ident is not None else part)
            node = item
        else:
            out.append(part)
            if isinstance(node, dict):
                node = node.get(part)
            else:
                field = "from_" if part == "from" else part
                node = getattr(node, field, None)
            parent = part
    return tuple(out)


_Key = tuple[str, tuple[Hashable, ...]]


def compare_findings(
    old: Sequence[Finding],
    new: Sequence[Finding],
    old_ladder: Ladder | None = None,
    new_ladder: Ladder | None = None,
) -> tuple[list[Finding], list[Finding]]:
    """``(introduced, resolved)``: the findings of ``new`` that ``old`` does not have, and the
    findings of ``old`` that ``new`` no longer has, each in its report's order."""
    groups: dict[_Key, list[Finding]] = {}
    for finding in old:
        groups.setdefault((finding.code, subject_key(finding.loc, old_ladder)), []).append(finding)
    introduced: list[Finding] = []
    pending: list[tuple[_Key, Finding]] = []
    for finding in new:
        key: _Key = (finding.code, subject_key(finding.loc, new_ladder))
        group = groups.get(key)
        same = next((f for f in group if f.message == finding.message), None) if group else None
        if group is not None and same is not None:
            group.remove(same)
        else:
            pending.append((key, finding))
    for key, finding in pending:
        group = groups.get(key)
        if group:
            group.pop(0)
        else:
            introduced.append(finding)
    left = {id(f) for group in groups.values() for f in group}
    resolved = [f for f in old if id(f) in left]
    return introduced, resolved
