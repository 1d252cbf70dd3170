"""Editing a YAML document's text in place: only the values that differ are rewritten.

:func:`patch_document` edits the text whose composed node tree and data it is given so that it
holds new data, by the source positions of the YAML nodes: a changed value is rewritten in the
span it had (keeping its quoting, or folded text folded), a new key or list item is inserted
after its neighbour in the house style (:mod:`dualladder._internal.yaml.emit`), a removed one
is cut out with its lines. Everything else (comments, key order, quoting, flow or block style,
blank lines) is the file's own text, untouched. Every kind of file is saved through it
(:mod:`dualladder._internal.io.save` for ladders, the company, family and plan savers).

Why source positions and not a round-trip YAML library: the loader already keeps the node tree
with the position of every node, so a value can be replaced in place with nothing else of the
file re-emitted; a round-trip library re-emits the whole document and normalises what it does
not model (indentation of lists, spacing in flow mappings, long lines), and would be a second
YAML parser to depend on.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

import yaml

from dualladder._internal.util.findings import Finding, LadderError
from dualladder._internal.yaml import emit as style

__all__ = ["patch_document", "reads_back"]

_MERGE = "tag:yaml.org,2002:merge"
_MISSING: Any = object()


class _Unsafe(Exception):
    """The edit would reach a node that the file shares (an anchor, an alias, a merge key) or
    a shape the patcher does not edit in place; the file is written whole instead."""


def patch_document(
    text: str, root: yaml.Node, before: Mapping[str, Any], after: Mapping[str, Any]
) -> tuple[str, str | None]:
    """``text`` (whose composed node tree is ``root`` and whose data is ``before``) edited to
    hold ``after``, and why its layout could not be kept (None if it was).

    Any document kind can be saved this way (a ladder by :func:`save`, a career plan by
    :mod:`dualladder._internal.io.plan.save`): only the values that differ are rewritten in place.
    When the edit reaches a value the file shares through an anchor, or a shape the patcher does not
    edit in place, the document is written whole in the house style after the file's leading
    comments. The caller checks that the text reads back as ``after``.
    """
    try:
        return _Patch(text, root).run(before, after), None
    except _Unsafe as why:
        return _header(text) + style.document(after), str(why)


T = TypeVar("T")


def reads_back(expected: T, read: T | None, findings: Sequence[Finding], message: str) -> None:
    """Refuse to write a saved text that does not read back as what is being saved: raise
    :class:`~dualladder._internal.util.findings.LadderError` with the reading's ``findings`` when it
    does not read at all (``read`` is None), :class:`RuntimeError` with ``message`` when it reads as
    something else (not expected: the patch lost a change). Ladders, companies and plans
    are saved through this check."""
    if read is None:
        raise LadderError(findings)
    if read != expected:
        raise RuntimeError(message)


def _header(text: str) -> str:
    """The comment lines (and blank lines) a file starts with."""
    out: list[str] = []
    for line in text.splitlines(keepends=True):
        if line.strip() and not line.lstrip().startswith("#"):
            break
        out.append(line)
    return "".join(out)


# -- the patch ---------------------------------------------------------------------------------


def _fingerprint(value: Any) -> str:
    return repr(value)


def _shared(root: yaml.Node) -> set[int]:
    """The ids of nodes the file reaches twice (through an alias or a merge key)."""
    seen: set[int] = set()
    shared: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            shared.add(id(node))
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return shared


class _Patch:
    """Edits of one file's text, as (start, end, replacement) spans, applied at the end."""

    def __init__(self, text: str, root: yaml.Node) -> None:
        self.text = text
        self.root = root
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.edits: list[tuple[int, int, str]] = []
        self.shared = _shared(root)

    # -- positions --

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def line_end(self, index: int) -> int:
        """The index just past the line break of the line holding ``index``."""
        found = self.text.find("\n", index)
        return len(self.text) if found < 0 else found + 1

    def column(self, index: int) -> int:
        return index - self.line_start(index)

    def end(self, node: yaml.Node) -> int:
        """Just past the last character of ``node``'s own text (no trailing blank lines or
        line break of a block)."""
        if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
            start, stop = node.start_mark.index, node.end_mark.index
            return start + len(self.text[start:stop].rstrip())
        children = (
            [v for _, v in node.value] if isinstance(node, yaml.MappingNode) else node.value
        )
        if not children:
            return node.start_mark.index + len(
                self.text[node.start_mark.index : node.end_mark.index].rstrip()
            )
        return self.end(children[-1])

    def blank_before(self, index: int) -> bool:
        """Whether the line before the line holding ``index`` is blank."""
        start = self.line_start(index)
        if start == 0:
            return False
        previous = self.line_start(start - 1)
        return not self.text[previous:start].strip()

    def blank_after(self, index: int) -> bool:
        """Whether the line after the line holding ``index`` is blank."""
        nxt = self.line_end(index)
        return nxt < len(self.text) and not self.text[nxt : self.line_end(nxt)].strip()

    @staticmethod
    def lines(lines: list[str]) -> str:
        return "".join(line + "\n" for line in lines)

    # -- edits --

    def put(self, start: int, stop: int, text: str) -> None:
        self.edits.append((start, stop, text.replace("\n", self.newline)))

    def run(self, old: Any, new: Any) -> str:
        self.value(self.root, old, new, None)
        out = self.text
        last = len(out) + 1
        # From the end of the text backwards; of two insertions at one point, the one recorded
        # first (a key added to a list item) ends up first (before the next item added).
        ordered = sorted(
            ((start, stop, seq, text) for seq, (start, stop, text) in enumerate(self.edits)),
            reverse=True,
        )
        for start, stop, _, text in ordered:
            if stop > last:
                raise _Unsafe("two edits of the file overlap")
            out = out[:start] + text + out[stop:]
            last = start
        return out

    def guard(self, node: yaml.Node) -> None:
        if id(node) in self.shared:
            raise _Unsafe("the change reaches a value the file shares through an anchor")

    def guard_all(self, node: yaml.Node) -> None:
        """:meth:`guard` of ``node`` and everything inside it: text about to be cut out or
        rewritten must not hold an anchor that an alias elsewhere still names (a removed rung
        whose ``rewards: &r5`` another rung reads as ``*r5``)."""
        if not self.shared:
            return
        stack = [node]
        while stack:
            current = stack.pop()
            self.guard(current)
            if isinstance(current, yaml.MappingNode):
                for key, value in current.value:
                    stack.extend((key, value))
            elif isinstance(current, yaml.SequenceNode):
                stack.extend(current.value)

    def value(self, node: yaml.Node, old: Any, new: Any, key: yaml.Node | None) -> None:
        """Make the text of ``node`` (the value of ``key``, or a list item) say ``new``."""
        if old == new and type(old) is type(new):
            return
        if old == new and style.is_scalar(old) and style.is_scalar(new):
            return
        self.guard(node)
        if isinstance(node, yaml.MappingNode) and isinstance(new, Mapping) and (
            new or node.flow_style
        ):
            self.mapping(node, old if isinstance(old, Mapping) else {}, new)
        elif isinstance(node, yaml.SequenceNode) and isinstance(new, list | tuple) and (
            new or node.flow_style
        ):
            self.sequence(node, list(old) if isinstance(old, list | tuple) else [], list(new))
        else:
            self.replace(node, new, key)

    def replace(self, node: yaml.Node, new: Any, key: yaml.Node | None) -> None:
        self.guard_all(node)
        start, stop = node.start_mark.index, self.end(node)
        if isinstance(node, yaml.ScalarNode) and style.is_scalar(new):
            if node.style in ("|", ">") and isinstance(new, str):
                block = self.block_scalar(node, new)
                if block is not None:
                    self.put(start, stop, block)
                    return
            quote = node.style if node.style in ("'", '"') else None
            self.put(start, stop, style.scalar(new, style=quote, in_flow=self.in_flow(node)))
            return
        if self.in_flow(node):
            if not style.flowable(new):
                raise _Unsafe("a value inside a flow collection cannot be written on one line")
            self.put(start, stop, style.flow(new))
            return
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.flow_style and (
            style.flowable(new) and not isinstance(new, str)
        ):
            self.put(start, stop, style.flow(new))
            return
        if key is not None:
            # `key: <value>`: write the value as the house style writes that key.
            colon = self.text.index(":", key.end_mark.index)
            indent = self.column(key.start_mark.index)
            lines = style.entry("k", new, indent)
            first = lines[0][indent + 2 :]  # after "k:"
            self.put(colon + 1, stop, first + "".join("\n" + line for line in lines[1:]))
            return
        # a list item: `- <value>`
        dash = self.column(start) - 2
        if dash < 0 or self.text[start - 2 : start] != "- ":
            raise _Unsafe("a list item is not written `- value`")
        lines = style.item(new, dash)
        self.put(start, stop, lines[0][dash + 2 :] + "".join("\n" + ln for ln in lines[1:]))

    def block_scalar(self, node: yaml.ScalarNode, new: str) -> str | None:
        """``new`` as a block scalar in the style (``|`` or ``>``) and indentation of ``node``."""
        start = node.start_mark.index
        body_start = self.line_end(start)
        body = self.text[body_start : node.end_mark.index]
        first = next((ln for ln in body.splitlines() if ln.strip()), "")
        indent = len(first) - len(first.lstrip(" ")) if first else self.column(start) + 2
        text, chomp = (new[:-1], "") if new.endswith("\n") else (new, "-")
        if not text or text.endswith("\n"):
            return None
        if node.style == ">":
            lines = style.fold(text, indent)
        else:
            parts = text.split("\n")
            if parts[0].startswith(" ") or any(
                style.single_quoted(p) is None for p in parts
            ):
                return None
            lines = [(" " * indent + p) if p else "" for p in parts]
        if lines is None:
            return None
        return f"{node.style}{chomp}\n" + "\n".join(lines)

    def in_flow(self, node: yaml.Node) -> bool:
        """Whether ``node`` stands inside a flow collection (``[...]`` or ``{...}``)."""
        return node.start_mark.index in self._flow_spans()

    _flow_cache: set[int] | None = None

    def _flow_spans(self) -> set[int]:
        if self._flow_cache is None:
            inside: set[int] = set()
            stack: list[tuple[yaml.Node, bool]] = [(self.root, False)]
            while stack:
                node, flowing = stack.pop()
                if flowing:
                    inside.add(node.start_mark.index)
                if isinstance(node, yaml.MappingNode):
                    child = flowing or bool(node.flow_style)
                    for k, v in node.value:
                        stack.extend(((k, child), (v, child)))
                elif isinstance(node, yaml.SequenceNode):
                    child = flowing or bool(node.flow_style)
                    stack.extend((v, child) for v in node.value)
            self._flow_cache = inside
        return self._flow_cache

    # -- mappings --

    def mapping(
        self, node: yaml.MappingNode, old: Mapping[Any, Any], new: Mapping[Any, Any]
    ) -> None:
        pairs: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                continue
            if isinstance(key_node, yaml.ScalarNode):
                pairs.setdefault(key_node.value, (key_node, value_node))
        merges = any(k.tag == _MERGE for k, _ in node.value)
        if node.flow_style:
            if list(map(str, old)) == list(map(str, new)) and all(str(k) in pairs for k in new):
                for k in new:
                    key_node, value_node = pairs[str(k)]
                    self.value(value_node, old[k], new[k], key_node)
            else:
                self.guard_all(node)
                self.put(node.start_mark.index, self.end(node), style.flow(new))
            return
        order = list(new)
        for k in dict.fromkeys([*old, *new]):
            before, after = old.get(k, _MISSING), new.get(k, _MISSING)
            if before is not _MISSING and after is not _MISSING and before == after:
                continue
            pair = pairs.get(str(k))
            if pair is None and merges:
                raise _Unsafe("the change reaches a key that a merge key (<<) may bring in")
            if after is _MISSING:
                if pair is not None:
                    self.delete_pair(node, pair)
            elif pair is not None:
                self.value(pair[1], _empty_like(after) if before is _MISSING else before,
                           after, pair[0])
            else:
                self.insert_pair(node, pairs, order, str(k), after)

    def delete_pair(self, node: yaml.MappingNode, pair: tuple[yaml.Node, yaml.Node]) -> None:
        key_node, value_node = pair
        self.guard(key_node)
        self.guard_all(value_node)
        start = key_node.start_mark.index
        own = [(k, v) for k, v in node.value if k.tag != _MERGE]
        position = own.index(pair)
        if self.text[self.line_start(start) : start].strip():
            # the first key of a list item (`- key: ...`): the next key moves up to the dash
            if position + 1 >= len(own):
                raise _Unsafe("a list item would be left empty")
            self.put(start, own[position + 1][0].start_mark.index, "")
            return
        stop = self.line_end(self.end(value_node))
        if self.blank_after(self.end(value_node)) and (
            self.blank_before(start) or position == 0
        ):
            stop = self.line_end(stop)
        self.put(self.line_start(start), stop, "")

    def insert_pair(
        self,
        node: yaml.MappingNode,
        pairs: dict[str, tuple[yaml.Node, yaml.Node]],
        order: list[Any],
        key: str,
        value: Any,
    ) -> None:
        own = [(k, v) for k, v in node.value if k.tag != _MERGE]
        if not own:
            raise _Unsafe("an empty block mapping")
        indent = self.column(own[0][0].start_mark.index)
        top = node is self.root
        lines = style.entry(key, value, indent, top=top)
        # after the nearest key that comes before this one in the model's order
        previous = [str(k) for k in order[: order.index(key) if key in order else 0]]
        anchor = next((pairs[k] for k in reversed(previous) if k in pairs), None)
        if anchor is None:
            first = own[0][0].start_mark.index
            text = "\n".join(line[indent:] if i == 0 else line for i, line in enumerate(lines))
            self.put(first, first, text + "\n" + " " * indent)
            return
        point = self.line_end(self.end(anchor[1]))
        block = self.lines(lines)
        if top and len(lines) > 1:
            # a block at the top level stands between blank lines
            block = "\n" + block
            if point < len(self.text) and not self.blank_after(self.end(anchor[1])):
                block += "\n"
        if point == len(self.text) and not self.text.endswith("\n"):
            block = "\n" + block
        self.put(point, point, block)

    # -- lists --

    def sequence(self, node: yaml.SequenceNode, old: list[Any], new: list[Any]) -> None:
        items = node.value
        if len(items) != len(old):
            raise _Unsafe("the list in the file does not match the data it was read as")
        if node.flow_style:
            if len(old) == len(new):
                for child, before, after in zip(items, old, new, strict=True):
                    self.value(child, before, after, None)
            else:
                self.guard_all(node)
                self.put(node.start_mark.index, self.end(node), style.flow(new))
            return
        if not new:
            raise _Unsafe("a block list would be left empty")
        matcher = difflib.SequenceMatcher(
            None, [_fingerprint(x) for x in old], [_fingerprint(x) for x in new], autojunk=False
        )
        spaced = self.items_spaced(items)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            common = min(i2 - i1, j2 - j1)
            for k in range(common):
                self.value(items[i1 + k], old[i1 + k], new[j1 + k], None)
            for k in range(i1 + common, i2):
                self.delete_item(items, k, spaced)
            if j1 + common < j2:
                self.insert_items(items, i1 + common, new[j1 + common : j2], spaced)

    def dash(self, item: yaml.Node) -> int:
        """The index of the ``-`` of a block list item."""
        start = item.start_mark.index
        dash = self.text.rfind("-", self.line_start(start), start)
        if dash < 0 or self.text[dash + 1 : start].strip() or self.text[
            self.line_start(start) : dash
        ].strip():
            raise _Unsafe("a list item is not written `- value` on its own line")
        return dash

    def items_spaced(self, items: list[yaml.Node]) -> bool:
        """Whether the file separates these list items by blank lines."""
        if len(items) >= 2:
            return self.blank_before(self.dash(items[1]))
        return False

    def delete_item(self, items: list[yaml.Node], index: int, spaced: bool) -> None:
        item = items[index]
        self.guard_all(item)
        dash = self.dash(item)
        start = self.line_start(dash)
        stop = self.line_end(self.end(item))
        if self.blank_after(self.end(item)) and (index == 0 or self.blank_before(dash)):
            stop = self.line_end(stop)
        self.put(start, stop, "")

    def insert_items(
        self, items: list[yaml.Node], index: int, values: list[Any], spaced: bool
    ) -> None:
        dash_col = self.column(self.dash(items[0]))
        one_line = style.records(values)
        blocks = [style.item(v, dash_col, one_line=one_line) for v in values]
        if not spaced and len(items) == 1:
            spaced = min(len(blocks[0]), len(self.text[
                self.line_start(self.dash(items[0])) : self.end(items[0])
            ].splitlines())) > style.SPACED
        if index == 0:
            point = self.line_start(self.dash(items[0]))
            text = "".join(self.lines(b) + ("\n" if spaced else "") for b in blocks)
        else:
            point = self.line_end(self.end(items[index - 1]))
            text = "".join(("\n" if spaced else "") + self.lines(b) for b in blocks)
            if point == len(self.text) and not self.text.endswith("\n"):
                text = "\n" + text
        self.put(point, point, text)


def _empty_like(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {}
    if isinstance(value, list | tuple):
        return []
    return _MISSING
