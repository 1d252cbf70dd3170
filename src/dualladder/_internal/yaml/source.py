"""Where each node of a ladder file stands: YAML path -> 1-based (line, column).

Positions are looked up when a finding needs one, not recorded for every node while loading: a
clean file (the common case in CI) pays nothing for them. The map keeps the composed YAML node
tree and walks it along the path, following the loader's rules for merge keys (``<<``: the
mapping's own keys first, then the merged ones) and duplicate keys (the first one counts). A
plain file read from the parser's events is not composed for its first two positions: the
events up to the node give them (:func:`~dualladder._internal.yaml.fastread.marks_along`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from dualladder._internal.util.findings import Loc
from dualladder._internal.yaml.fastread import marks_along
from dualladder._internal.yaml.tags import MERGE, STR, compose, pos

Position = tuple[int, int]

#: :attr:`SourceMap.tree` of a file whose node tree is composed when first needed.
LATER: Any = object()
#: How many positions of a file whose tree is not composed yet are found from the parser's
#: events (each reads the file up to the node, :func:`marks_along`) before the tree is
#: composed: a file with one or two findings is never composed, one with many is once.
_READS = 2


def _pairs(node: yaml.MappingNode, seen: set[int] | None = None) -> Iterator[tuple[Any, Any]]:
    """A mapping's key/value node pairs in the loader's order: own keys, then merged ones."""
    seen = seen if seen is not None else set()
    if id(node) in seen:
        return
    seen.add(id(node))
    merged: list[yaml.Node] = []
    for key_node, value_node in node.value:
        if key_node.tag == MERGE:
            merged.extend(
                value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            )
        else:
            yield key_node, value_node
    for source in merged:
        if isinstance(source, yaml.MappingNode):
            yield from _pairs(source, seen)


@dataclass(slots=True)
class SourceMap:
    """The positions of the nodes of one YAML document, by YAML path.

    ``root`` is the composed node tree (None when the file did not parse), composed when
    first read for a file whose data came from the parser's events; ``line_count`` the
    number of lines of the text; ``text`` the text itself, which :func:`dualladder.save` edits
    in place; ``original`` the ladder as loaded, kept by :mod:`dualladder.save` once it has
    needed it (to tell an edited ladder from an unchanged one).
    """

    name: str
    line_count: int = 0
    text: str | None = field(default=None, repr=False)
    original: Any = field(default=None, repr=False)
    #: the node tree; :data:`LATER` until :attr:`root` is first read, for a file whose data
    #: was built from the parser's events (:mod:`dualladder._internal.yaml.fastread`)
    tree: Any = field(default=None, repr=False)
    _cache: dict[tuple[Loc, bool], Position] = field(default_factory=dict, repr=False)
    _keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = field(
        default_factory=dict, repr=False
    )
    #: how many positions were found from the parser's events, before the tree was composed
    _reads: int = field(default=0, repr=False)

    @property
    def root(self) -> yaml.Node | None:
        """The composed node tree of the file (None when it did not parse). A file read the
        fast way is composed here, the first time a position or an edit needs it."""
        if self.tree is LATER:
            assert self.text is not None
            self.tree = compose(self.text)
        node: yaml.Node | None = self.tree
        return node

    @root.setter
    def root(self, node: yaml.Node | None) -> None:
        self.tree = node

    def renamed(self, name: str) -> SourceMap:
        """A map of the same text under another name (the same file on the other side of a
        diff): its text and node tree (or the promise of one) are shared, as neither depends
        on the name; positions are looked up afresh."""
        return SourceMap(name=name, line_count=self.line_count, text=self.text, tree=self.tree)

    def _index(self, node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """A mapping's (key node, value node) by key text, built on the first lookup.

        The first pair with a key wins, in the loader's order (own keys, then merged ones), as
        the loader keeps the first of duplicate keys. Looking a key up is then constant time,
        so locating thousands of findings in a mapping of thousands of keys stays linear.
        """
        index = self._keys.get(id(node))
        if index is None:
            index = {}
            for key_node, value_node in _pairs(node):
                if isinstance(key_node, yaml.ScalarNode):
                    index.setdefault(key_node.value, (key_node, value_node))
            self._keys[id(node)] = index
        return index

    def _walk(self, loc: Loc) -> list[tuple[yaml.Node | None, yaml.Node]]:
        """The (key node, value node) steps from the root along ``loc``, as far as they go."""
        node = self.root
        if node is None:
            return []
        steps: list[tuple[yaml.Node | None, yaml.Node]] = [(None, node)]
        for part in loc:
            found: tuple[yaml.Node | None, yaml.Node] | None = None
            if isinstance(node, yaml.MappingNode):
                found = self._index(node).get(str(part))
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(part, int)
                and 0 <= part < len(node.value)
            ):
                found = (None, node.value[part])
            if found is None:
                break
            steps.append(found)
            node = found[1]
        return steps

    def locate(self, loc: Loc, *, key: bool = False) -> Position:
        """The position of ``loc``, or of its nearest ancestor that the file has.

        With ``key`` the position of the mapping key is preferred (for unknown and duplicate
        keys); otherwise the start of the value, except for a value that starts on a later line
        than its key (a block list or mapping), where the key is what a reader looks for.
        """
        cached = self._cache.get((loc, key))
        if cached is not None:
            return cached
        steps: list[tuple[Any, Any]] | None = None
        if self.tree is LATER and self.text is not None and self._reads < _READS:
            # not composed yet: the parser's events up to the node say where it is
            self._reads += 1
            steps = marks_along(self.text, loc)
        if steps is None:
            steps = [
                (None if key_node is None else key_node.start_mark, value_node.start_mark)
                for key_node, value_node in self._walk(loc)
            ]
        if not steps:
            position = (1, 1)
        else:
            key_mark, value_mark = steps[-1]
            exact = len(steps) == len(loc) + 1
            position = pos(value_mark)
            if key_mark is not None:
                named = pos(key_mark)
                if (key and exact) or named[0] < position[0]:
                    position = named
        self._cache[(loc, key)] = position
        return position

    def origin(self, loc: Loc, zone: int | None = None) -> tuple[SourceMap, Loc]:
        """The map of the file where the value at ``loc`` is written, and its path there: this
        file for a standalone ladder. (A job family's map answers for the company file it
        inherits from too; see :class:`dualladder._internal.model.family_source.FamilySource`.)"""
        return self, loc

    def has(self, loc: Loc) -> bool:
        """Whether the file has a node at ``loc``."""
        return len(self._walk(loc)) == len(loc) + 1

    def node(self, loc: Loc) -> yaml.Node | None:
        """The node at ``loc``, None if the file has none there."""
        steps = self._walk(loc)
        return steps[-1][1] if len(steps) == len(loc) + 1 else None

    def scalar_text(self, loc: Loc) -> str | None:
        """The text of the scalar at ``loc`` if YAML read it as something other than text
        (a number, a yes/no, a date), for messages like "quote it"."""
        steps = self._walk(loc)
        if len(steps) != len(loc) + 1:
            return None
        node = steps[-1][1]
        if isinstance(node, yaml.ScalarNode) and node.tag != STR:
            return str(node.value)
        return None
