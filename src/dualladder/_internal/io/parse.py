"""Reading ladder files: YAML text -> :class:`~dualladder._internal.model.ladder.Ladder`, every
problem located.

A plain file (one mapping document, no anchors, tags or merge keys) is built straight from the
parser's events (:mod:`dualladder._internal.yaml.fastread`); anything else, and any file with a YAML
problem, takes the node path: PyYAML composes the node tree (with the C parser where present) and
one walk over it builds the plain data, reports duplicate keys (which PyYAML would silently let the
last one win), expands merge keys within the node cap and reads decimals as
:class:`~decimal.Decimal`, never as binary floats. Both give the same data. pydantic validates
it, and each of its errors is located in the node tree (composed when first needed).
"""

from __future__ import annotations

import difflib
import os
import re
import types
import typing
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel

from dualladder._internal.model.ladder import Ladder
from dualladder._internal.util.catalog import default_severity
from dualladder._internal.util.files import DEFAULT_MAX_BYTES, read_regular
from dualladder._internal.util.findings import Finding, Loc, format_loc
from dualladder._internal.util.kind_keys import COMPANY_KEY, KIND_KEYS, PLAN_KEY
from dualladder._internal.util.numbers import grouped_number
from dualladder._internal.util.suggest import did_you_mean, one_of
from dualladder._internal.util.textsafe import line_count, position_of
from dualladder._internal.yaml.fastread import data_from_events
from dualladder._internal.yaml.source import LATER, SourceMap
from dualladder._internal.yaml.tags import (
    FLOAT,
    INT,
    MAP,
    MERGE,
    PATTERNS,
    QUOTE_LIMIT,
    SEQ,
    STR,
    TYPE_NAMES,
    Loader,
    Problem,
    parseable,
    pos,
    quote,
    read_scalar,
    restore_nodes,
    short,
)

__all__ = [
    "COMPANY_KEY",
    "PLAN_KEY",
    "LoadResult",
    "Parsed",
    "error_finding",
    "parse",
    "parse_nodes",
    "parse_text",
    "parsed_as",
]

#: A group of three digits after a thousands separator, as YAML reads it inside ``{...}``: a key.
_GROUP = re.compile(r"[0-9]{3}(?:\.[0-9]+)?")
#: The decimals after a decimal comma, as YAML reads them inside ``{...}``: a key.
_DECIMALS = re.compile(r"[0-9]{1,15}")

#: Guards against alias bombs ("billion laughs") and merge-key bombs: how many nodes the data may
#: have beyond those written in the file. Each node an alias builds again, and each key a ``<<``
#: merge brings in, counts as one; no real ladder comes near. (The nodes written in the file are
#: bounded by the size cap of the file, see :mod:`dualladder._internal.util.files`.)
MAX_NODES = 100_000
#: The same guard in characters: how much text aliases may add to the data, the size cap of a
#: file. A 1 MB title anchored once and aliased into 300 rungs would make 300 MB of data (and
#: more of every output) from a 1 MB file; it is a DL001 instead.
MAX_ALIAS_CHARS = 4 * 1024 * 1024
#: How deep lists and mappings may nest. A ladder needs seven levels
#: (``tracks.technical.rungs[0].decisions[0].domain``); a cap keeps the recursive walk far
#: below Python's recursion limit whatever the file holds.
MAX_DEPTH = 64


@dataclass(slots=True)
class LoadResult:
    """What reading one file gave: the ladder (if it could be built) and the findings."""

    ladder: Ladder | None
    findings: list[Finding]
    source: SourceMap


def _too_deep(node: yaml.Node, loc: Loc) -> Problem:
    return Problem(
        "DL001",
        f"lists and mappings nest more than {MAX_DEPTH} levels deep here; "
        "a ladder needs fewer than ten",
        pos(node.start_mark),
        loc,
    )


class _Builder:
    """Builds plain data from a composed node tree.

    It records no positions: the :class:`SourceMap` finds them in the node tree when a finding
    needs one. A document with no ``&`` in its text has no anchors, so its nodes form a tree:
    it is walked without the alias and loop bookkeeping (``shared=False``), and text values,
    most of a ladder, are taken as they are without a call per value.
    """

    def __init__(self, shared: bool = True, merges: bool = True) -> None:
        #: Whether the document may share nodes (it has anchors): then a node reached again
        #: is an alias, counted against MAX_NODES, and one inside itself a loop. A document
        #: without anchors is a tree, and is walked without that bookkeeping.
        self.shared = shared
        #: Whether the document may have ``<<`` merge keys: a plain ``<<`` or an explicit tag
        #: (``!!merge``), so none where the text has neither ``<<`` nor ``!``.
        self.merges = merges
        if not shared:
            self.build = self._build_tree  # type: ignore[method-assign]
        self.problems: list[Problem] = []
        self.nodes = 0
        self.chars = 0
        self.built: set[int] = set()
        self.active: set[int] = set()
        self.merged: dict[int, list[tuple[yaml.Node, yaml.Node]]] = {}

    def count(self, nodes: int, node: yaml.Node, loc: Loc) -> None:
        """Count ``nodes`` more against :data:`MAX_NODES`."""
        self.nodes += nodes
        if self.nodes > MAX_NODES:
            raise Problem(
                "DL001",
                f"aliases and merge keys expand the document by more than {MAX_NODES:,} "
                "nodes (an alias bomb?)",
                pos(node.start_mark),
                loc,
            )

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        if id(node) in self.built:  # built before: this is an alias
            self.count(1, node, loc)
            if isinstance(node, yaml.ScalarNode):
                self.chars += len(node.value)
                if self.chars > MAX_ALIAS_CHARS:
                    raise Problem(
                        "DL001",
                        f"aliases expand the document by more than {MAX_ALIAS_CHARS:,} "
                        "characters of text (an alias bomb?)",
                        pos(node.start_mark),
                        loc,
                    )
        else:
            self.built.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, loc)
        if len(loc) >= MAX_DEPTH:
            raise _too_deep(node, loc)
        if id(node) in self.active:
            raise Problem("DL001", "an alias refers to itself", pos(node.start_mark), loc)
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return self.sequence(node, loc)
            assert isinstance(node, yaml.MappingNode)
            return self.mapping(node, loc)
        finally:
            self.active.discard(id(node))

    def _build_tree(self, node: yaml.Node, loc: Loc) -> Any:
        """:meth:`build` for a document without anchors: no node is reached twice."""
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, loc)
        if len(loc) >= MAX_DEPTH:
            raise _too_deep(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return self.sequence(node, loc)
        assert isinstance(node, yaml.MappingNode)
        return self.mapping(node, loc)

    def sequence(self, node: yaml.SequenceNode, loc: Loc) -> list[Any]:
        if node.tag != SEQ:
            self.problems.append(
                Problem("DL002", f"unsupported tag {short(node.tag)}", pos(node.start_mark), loc)
            )
        build = self.build
        if self.shared:
            return [build(child, (*loc, index)) for index, child in enumerate(node.value)]
        return [
            child.value if child.tag == STR and isinstance(child, yaml.ScalarNode)
            else build(child, (*loc, index))
            for index, child in enumerate(node.value)
        ]

    def _pairs(self, node: yaml.MappingNode) -> list[tuple[yaml.Node, yaml.Node]]:
        """The key/value pairs of a mapping with ``<<`` merge keys expanded (own keys first).

        A mapping's expansion is the same wherever it is merged, so it is computed once; every
        pair a merge brings in counts against :data:`MAX_NODES`.
        """
        known = self.merged.get(id(node))
        if known is not None:
            return known
        own: list[tuple[yaml.Node, yaml.Node]] = []
        merged: list[tuple[yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag != MERGE:
                own.append((key_node, value_node))
                continue
            sources = (
                value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            )
            for source in sources:
                if not isinstance(source, yaml.MappingNode):
                    raise Problem(
                        "DL001",
                        "a merge key (<<) needs a mapping or a list of mappings",
                        pos(source.start_mark),
                        (),
                    )
                if id(source) in self.active:
                    raise Problem(
                        "DL001", "a merge key refers to itself", pos(source.start_mark), ()
                    )
                self.active.add(id(source))
                try:
                    pairs = self._pairs(source)
                finally:
                    self.active.discard(id(source))
                self.count(len(pairs), node, ())
                merged.extend(pairs)
        if not merged:
            self.merged[id(node)] = own
            return own
        names = {k.value for k, _ in own if isinstance(k, yaml.ScalarNode)}
        taken: set[Any] = set()
        extra: list[tuple[yaml.Node, yaml.Node]] = []
        for key_node, value_node in merged:
            name = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
            if name in names or name in taken:
                continue  # an explicit key, or an earlier merge source, wins
            taken.add(name)
            extra.append((key_node, value_node))
        self.merged[id(node)] = own + extra
        return own + extra

    def mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[Any, Any]:
        if node.tag != MAP:
            self.problems.append(
                Problem("DL002", f"unsupported tag {short(node.tag)}", pos(node.start_mark), loc)
            )
        pairs: list[tuple[yaml.Node, yaml.Node]] = node.value
        if self.merges:
            for key_node, _ in pairs:
                if key_node.tag == MERGE:
                    pairs = self._pairs(node)
                    break
        if node.flow_style:
            pairs = self._thousands(pairs, loc)
        result: dict[Any, Any] = {}
        firsts: dict[str, yaml.Node] | None = None  # made at the first duplicate key
        build, tree = self.build, not self.shared
        for key_node, value_node in pairs:
            if not isinstance(key_node, yaml.ScalarNode):
                where = pos(key_node.start_mark)
                self.problems.append(
                    Problem("DL002", "a mapping key must be a plain value", where, loc)
                )
                continue
            # Keys are names: read as written, so `on:` or `1:` stay text (YAML 1.1 would
            # turn them into True and 1).
            key = key_node.value
            if key in result:
                if firsts is None:
                    firsts = {}
                    for first_node, _ in pairs:
                        if isinstance(first_node, yaml.ScalarNode):
                            firsts.setdefault(first_node.value, first_node)
                line, col = pos(firsts[key].start_mark)
                self.problems.append(
                    Problem(
                        "DL003",
                        f"key {quote(key)} appears twice in this mapping "
                        f"(first at line {line}, column {col}); the second would silently win",
                        pos(key_node.start_mark),
                        (*loc, key),
                    )
                )
                continue
            if tree and value_node.tag == STR and isinstance(value_node, yaml.ScalarNode):
                result[key] = value_node.value  # text, the common case: nothing to check
            else:
                result[key] = build(value_node, (*loc, key))
        return result

    def _thousands(
        self, pairs: list[tuple[yaml.Node, yaml.Node]], loc: Loc
    ) -> list[tuple[yaml.Node, yaml.Node]]:
        """A flow mapping's pairs with each number written with a thousands separator
        (``{min: 72,000}``, which YAML reads as ``min: 72`` and a key ``000`` with no value) or a
        decimal comma (``{factor: 1,15}``: ``factor: 1`` and a key ``15``) joined into one
        value, with a finding that says how to write it."""
        out: list[tuple[yaml.Node, yaml.Node]] = []
        # key, value, as written, as it is to be written, whether with a decimal comma
        number: tuple[yaml.Node, yaml.ScalarNode, str, str, bool] | None = None
        end: tuple[int, int] = (0, 0)
        for key_node, value_node in pairs:
            if (
                number is not None
                and isinstance(key_node, yaml.ScalarNode)
                and key_node.style in (None, "")
                and (key_node.start_mark.line, key_node.start_mark.column) == (end[0], end[1] + 1)
                and isinstance(value_node, yaml.ScalarNode)
                and value_node.value == ""
                and "." not in number[3]
            ):
                first, value, written, digits, _ = number
                group = key_node.value
                if (
                    _GROUP.fullmatch(group)
                    and written[0] != "0"
                    and ("," in written or len(written) <= 3)
                ):  # a group of three digits of the number before, not a key
                    number = (first, value, f"{written},{group}", digits + group, False)
                    end = (key_node.end_mark.line, key_node.end_mark.column)
                    continue
                if "," not in written and _DECIMALS.fullmatch(group):  # a decimal comma
                    number = (first, value, f"{written},{group}", f"{digits}.{group}", True)
                    end = (key_node.end_mark.line, key_node.end_mark.column)
                    continue
            if number is not None:
                out.append(self._joined(*number, loc))
                number = None
            if (
                isinstance(value_node, yaml.ScalarNode)
                and value_node.style in (None, "")
                and value_node.tag == INT
                and value_node.value.isdigit()
                and len(value_node.value) <= 15
            ):
                number = (key_node, value_node, value_node.value, value_node.value, False)
                end = (value_node.end_mark.line, value_node.end_mark.column)
                continue
            if (
                isinstance(value_node, yaml.ScalarNode)
                and value_node.style in (None, "")
                and value_node.tag == STR
                and "," not in value_node.value
                and (grouped := grouped_number(value_node.value)) is not None
            ):  # `{max: 1.360.000,50}`: text to YAML, and a key '50'
                number = (key_node, value_node, value_node.value, grouped, False)
                end = (value_node.end_mark.line, value_node.end_mark.column)
                continue
            out.append((key_node, value_node))
        if number is not None:
            out.append(self._joined(*number, loc))
        return out

    def _joined(
        self, key_node: yaml.Node, value_node: yaml.ScalarNode, written: str, digits: str,
        comma: bool, loc: Loc,
    ) -> tuple[yaml.Node, yaml.Node]:
        """The pair of a number read whole; a finding when it was written in groups or with a
        decimal comma."""
        if "," not in written:  # read whole as YAML reads it (a text is refused as written)
            return key_node, value_node
        name = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
        what = "a decimal comma" if comma else "a thousands separator"
        if comma and grouped_number(written.rsplit(",", 1)[0]) is not None:
            what = "a thousands separator and a decimal comma"
        self.problems.append(
            Problem(
                "DL002",
                f"{format_loc((*loc, name))}: {written} has {what}: write "
                f"{digits} (inside {{...}} YAML reads the comma as the end of the value)",
                pos(value_node.start_mark),
                (*loc, name),
            )
        )
        tag = FLOAT if "." in digits else INT
        return key_node, yaml.ScalarNode(tag, digits, value_node.start_mark, value_node.end_mark)

    def scalar(self, node: yaml.ScalarNode, loc: Loc) -> Any:
        tag = node.tag
        if tag == STR:
            return node.value
        if tag not in TYPE_NAMES:
            self.problems.append(
                Problem("DL002", f"unsupported tag {short(tag)}", pos(node.start_mark), loc)
            )
            return node.value
        return read_scalar(node, loc)


# -- pydantic errors -> findings ----------------------------------------------------------------


def _model_at(loc: Loc, root: type[BaseModel] = Ladder) -> type[BaseModel] | None:
    """The model class that the node at ``loc`` is validated as (None if not a model)."""
    current: Any = root
    for part in loc:
        if isinstance(current, type) and issubclass(current, BaseModel):
            if not isinstance(part, str):
                return None
            field = current.model_fields.get(part)
            if field is None:
                field = next(
                    (f for f in current.model_fields.values() if f.alias == part), None
                )
            if field is None:
                return None
            current = _unwrap(field.annotation)
        else:
            args = typing.get_args(current)
            if not args:
                return None
            current = _unwrap(args[-1])
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Strip ``X | None`` and ``Annotated`` so a field's model (or container) shows."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = options[0] if len(options) == 1 else annotation
            if len(options) != 1:
                return annotation
        else:
            return annotation


def _field_names(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


def _kind(raw: str) -> str:
    if raw.lower() in ("true", "false", "yes", "no", "on", "off", "y", "n"):
        return "a yes/no value"
    if raw in ("~", "null", "Null", "NULL", ""):
        return "null (no value)"
    if raw[:1].isdigit() and "-" in raw[1:]:
        return "a date"
    return "a number"


def _describe(value: Any) -> str:
    """A short description of a value that pydantic refused; bounded whatever the value."""
    if isinstance(value, list):
        return f"a list of {len(value)} item{'' if len(value) == 1 else 's'}"
    if isinstance(value, dict):
        return "a mapping"
    return quote(value)


#: The values an ``enum`` or ``literal_error`` message lists ("Input should be 'a' or 'b'").
_EXPECTED = re.compile(r"'((?:[^'\\]|\\.)*)'")
#: A number written with a decimal comma (``1,15``): not three digits after it, which would be
#: a thousands separator.
_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]{1,15},(?:[0-9]{1,2}|[0-9]{4,15})")
#: The pydantic errors of a number that cannot be read from text.
_NUMBER_ERRORS = frozenset(
    {"decimal_parsing", "decimal_type", "int_parsing", "int_type", "float_parsing", "float_type"}
)


def _plain_digits(node: yaml.Node) -> bool:
    return (
        isinstance(node, yaml.ScalarNode)
        and node.tag == INT
        and node.style in (None, "")
        and node.value.isdigit()
    )


def _glued(node: yaml.Node | None) -> tuple[str, tuple[int, int]] | None:
    """Numbers written with a decimal comma in a flow list (``[0,20, 1,5]``, which YAML reads
    as four items: 0, 20, 1 and 5): what to write instead, and where the first one starts.
    Only two numbers with nothing between them but the comma count (``[0, 20]`` is two)."""
    if not isinstance(node, yaml.SequenceNode) or not node.flow_style:
        return None
    items: list[yaml.Node] = node.value
    found: list[tuple[str, str]] = []
    first: tuple[int, int] | None = None
    index = 0
    while index < len(items) - 1:
        left, right = items[index], items[index + 1]
        if (
            _plain_digits(left)
            and _plain_digits(right)
            and (right.start_mark.line, right.start_mark.column)
            == (left.end_mark.line, left.end_mark.column + 1)
        ):
            found.append((left.value, right.value))
            first = first or pos(left.start_mark)
            index += 2
        else:
            index += 1
    if not found or first is None:
        return None
    written = " and ".join(f"{a},{b}" for a, b in found)
    meant = " and ".join(f"{a}.{b}" for a, b in found)
    has = "has" if len(found) == 1 else "have"
    return (
        f"{written} {has} a decimal comma: write {meant} (inside [...] YAML reads the comma as "
        "the end of an item)",
        first,
    )


def error_finding(err: Any, source: SourceMap, root: type[BaseModel] = Ladder) -> Finding:
    """A pydantic error of a model validated from the file of ``source`` as a located finding
    (``root`` is the model of the whole file, for "did you mean" hints)."""
    loc: Loc = tuple(err["loc"])
    kind: str = err["type"]
    code = kind if kind.startswith("DL") and kind[2:].isdigit() else "DL002"
    where = format_loc(loc) or "the file"
    message = err["msg"]
    position = source.locate(loc)
    if kind == "extra_forbidden":
        position = source.locate(loc, key=True)
        name = str(loc[-1])
        parent = _model_at(loc[:-1], root)
        allowed = _field_names(parent) if parent else []
        hint = difflib.get_close_matches(name, allowed, n=1)
        message = f"unknown field {quote(name)}" + (
            f"; did you mean {hint[0]!r}?" if hint else
            (f"; allowed here: {', '.join(allowed)}" if allowed else "")
        )
        where = format_loc(loc[:-1]) or "top level"
    elif kind == "missing":
        parent_loc = loc[:-1]
        where = format_loc(parent_loc) or "top level"
        if not message.startswith("tracks must"):
            message = f"required field {loc[-1]!r} is missing"
        position = source.locate(parent_loc)
    elif kind == "string_type" and (raw := source.scalar_text(loc)) is not None:
        if raw == "":
            message = "no value is given; write one"
        elif len(raw) > QUOTE_LIMIT:
            message = f"YAML reads {quote(raw)} as {_kind(raw)}, not as text; quote it"
        else:
            message = f"YAML reads {raw} as {_kind(raw)}, not as text; quote it: '{raw}'"
    elif kind in ("enum", "literal_error") and (values := _EXPECTED.findall(message)):
        got = err.get("input")
        shown = source.scalar_text(loc)
        message = f"{shown or _describe(got)} is not one of {one_of(values)}" + (
            did_you_mean(got, values) if isinstance(got, str) else ""
        )
    elif (
        kind in _NUMBER_ERRORS
        and isinstance(raw := err.get("input"), str)
        and (joined := grouped_number(raw)) is not None
    ):
        message = f"{raw} has a thousands separator: write {joined}"
    elif (
        kind in _NUMBER_ERRORS
        and isinstance(raw := err.get("input"), str)
        and _DECIMAL_COMMA.fullmatch(raw)
    ):
        message = f"{raw} has a decimal comma: write {raw.replace(',', '.')}"
    elif kind in ("too_long", "too_short") and (glued := _glued(source.node(loc))) is not None:
        message, position = glued
    elif code == "DL002" and "input" in err and not kind.endswith(("model_type", "dict_type")):
        shown = source.scalar_text(loc)
        if shown is not None and len(shown) > QUOTE_LIMIT:
            shown = shown[: QUOTE_LIMIT - 3] + "..."
        shown = shown if shown is not None else _describe(err["input"])
        # a message that quotes the value already says what it got
        if not (shown.startswith(("'", '"')) and shown in message):
            message = f"{message} (got {shown})"
    if code not in ("DL004", "DL005", "DL006"):
        message = f"{where}: {message}"
    return Finding(
        file=source.name,
        line=position[0],
        column=position[1],
        code=code,
        severity=default_severity(code),
        message=message,
        loc=loc,
    )


# -- entry points -------------------------------------------------------------------------------

#: The characters YAML does not allow in a file (PyYAML's reader refuses them): C0 and C1
#: controls other than tab, line feed, carriage return and U+0085, DEL, and U+FFFE/U+FFFF.
_UNPRINTABLE = re.compile(
    "[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]"
)


def _reader_problem(text: str) -> tuple[str, tuple[int, int]]:
    """Where and what the character is that PyYAML's reader refused.

    PyYAML says "position 508" (in bytes with the C reader, in characters without it); the
    character is found again here so the finding has a line and a column.
    """
    found = _UNPRINTABLE.search(text)
    if found is None:  # not expected: the reader refused something else
        return "invalid YAML: the file holds a character YAML does not allow", (1, 1)
    char = found.group()
    return (
        f"invalid YAML: the file holds the control character U+{ord(char):04X}, which YAML "
        "does not allow; remove it (in a double-quoted string it can be written as an escape)",
        position_of(text, found.start()),
    )


_QUOTED = re.compile(r"'[^']{2,}'|\"[^\"]{2,}\"")


def _parser_message(exc: yaml.MarkedYAMLError) -> str:
    """PyYAML's description of a syntax error, without the names it quotes from the file.

    A file that does not parse may not be a ladder at all (a link to a password file, a key):
    an alias, anchor or tag name is left out rather than copied into a CI log.
    """
    what = " ".join(str(p) for p in (exc.context, exc.problem) if p)
    return _QUOTED.sub("(name left out)", what)


def _version_finding(root: yaml.Node) -> tuple[str, tuple[int, int]] | None:
    """A problem with how the ``dualladder:`` version is written, that the model cannot see.

    YAML 1.1 reads ``0x1``, ``0b1``, ``+1``, ``01`` and ``1_`` as the integer 1; the version is
    written ``1`` and nothing else, so a file that means another version is never taken for 1.
    """
    assert isinstance(root, yaml.MappingNode)
    for key_node, value_node in root.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == "dualladder":
            if (
                isinstance(value_node, yaml.ScalarNode)
                and value_node.tag == INT
                and value_node.value != "1"
                and PATTERNS[INT].match(value_node.value)
                and read_scalar(value_node, ()) == 1
            ):
                return (
                    f"dualladder: the format version is written `dualladder: 1`, not "
                    f"{quote(value_node.value)}",
                    pos(value_node.start_mark),
                )
            return None
    return None




def _has_version_key(root: yaml.Node) -> bool:
    """Whether the document names its kind: ``dualladder`` (a ladder or a job family),
    ``dualladder-company`` (a company file) or ``dualladder-plan`` (a career plan)."""
    return isinstance(root, yaml.MappingNode) and any(
        isinstance(key_node, yaml.ScalarNode)
        and key_node.value in KIND_KEYS
        for key_node, _ in root.value
    )


@dataclass(slots=True)
class Parsed:
    """A YAML file read into plain data, before any model: ``data`` is a mapping, or None when
    the file cannot be read as one (``findings`` then say why). Findings that do not stop the
    data from being built (a duplicate key, an unsupported tag) are in ``findings`` too."""

    data: dict[str, Any] | None
    findings: list[Finding]
    source: SourceMap


def parse_text(text: str | bytes, source: str = "<string>") -> Parsed:
    """Read YAML ``text`` into plain data with located findings; never raises for bad input.

    This is the first half of :func:`read_text`, shared by every document kind (ladders, job
    families, company files): the kind is told apart by the top-level keys of ``data``.
    ``text`` may also be UTF-8 ``bytes``; anything else raises :class:`TypeError`.
    """
    if not isinstance(text, str):
        if not isinstance(text, bytes | bytearray | memoryview):
            raise TypeError(
                "expected the YAML text of a ladder as str (or UTF-8 bytes), not "
                f"{type(text).__name__}; to read a file, use dualladder.load(path)"
            )
        raw = bytes(text)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return _not_utf8(raw, exc, source)
    smap = SourceMap(name=source, line_count=line_count(text), text=text)
    data = data_from_events(text, MAX_DEPTH)  # declines a text the parser needs changed
    if data is not None:  # a plain file: its node tree is composed only if a finding needs it
        smap.tree = LATER
        return Parsed(data, [], smap)
    return parse_nodes(text, smap)


def parsed_as(parsed: Parsed, source: str) -> Parsed | None:
    """What :func:`parse_text` gives for the same text under the name ``source``, taken from
    ``parsed`` without reading the text again; None when ``parsed`` holds something that names
    its file (a finding), and the text must be read again under its own name.

    The name is only where a finding and the :class:`SourceMap` say the text comes from: the
    data (read only, never changed by what reads it) and the node tree are the text's, so a
    file whose bytes are the same on both sides of a diff is parsed once."""
    if parsed.data is None or parsed.findings:
        return None
    return Parsed(parsed.data, [], parsed.source.renamed(source))


def parse_nodes(text: str, smap: SourceMap) -> Parsed:
    """:func:`parse_text` the long way, for any file: compose the node tree and walk it (the
    fast path of :mod:`dualladder._internal.yaml.fastread` takes only files where it gives the
    same)."""
    source = smap.name

    def finding(code: str, message: str, position: tuple[int, int], loc: Loc = ()) -> Finding:
        return Finding(source, position[0], position[1], code, default_severity(code), message, loc)

    def refused(code: str, message: str, position: tuple[int, int], loc: Loc = ()) -> Parsed:
        return Parsed(None, [finding(code, message, position, loc)], smap)

    loader: Any = None
    changed = parseable(text)  # lines counted as every finding counts them (yamltags)
    try:
        loader = Loader(changed)
        node = loader.get_single_node()
        if changed is not text:
            restore_nodes(node)
    except yaml.reader.ReaderError:
        return refused("DL001", *_reader_problem(text))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if (
            exc.context_mark is not None
            and exc.problem_mark is not None
            and exc.problem_mark.index >= len(text.rstrip())
        ):
            mark = exc.context_mark  # an unclosed quote or bracket: point where it opened
        position = pos(mark) if mark is not None else (1, 1)
        return refused("DL001", f"invalid YAML: {_parser_message(exc)}", position)
    except yaml.YAMLError:
        return refused("DL001", "invalid YAML", (1, 1))
    except RecursionError:  # PyYAML's pure-Python composer (no libyaml) on deep nesting
        return refused(
            "DL001", "invalid YAML: lists and mappings nest too deep to read", (1, 1)
        )
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        return refused("DL002", "the file is empty; a ladder starts with `dualladder: 1`", (1, 1))
    smap.root = node
    ladder_like = _has_version_key(node)
    # no `&`, no anchor: the document is a tree; no `<<` and no `!`, no merge key
    builder = _Builder(shared="&" in text, merges="<<" in text or "!" in text)
    try:
        data = builder.build(node, ())
    except Problem as problem:
        if ladder_like or problem.code == "DL001":  # DL001 messages quote nothing
            return refused(problem.code, problem.message, problem.position, problem.loc)
        data = None
    if not ladder_like:
        # Not a ladder: say so once, and quote nothing of it (it may be any file at all).
        kind = (
            "a mapping without a `dualladder` key"
            if isinstance(node, yaml.MappingNode)
            else ("a list" if isinstance(node, yaml.SequenceNode) else "a single value")
        )
        return refused(
            "DL002",
            f"not a ladder file: a ladder file is a mapping that starts with `dualladder: 1`, "
            f"and this is {kind}",
            pos(node.start_mark),
        )
    findings = [finding(p.code, p.message, p.position, p.loc) for p in builder.problems]
    version = _version_finding(node)
    if version is not None:
        findings.append(finding("DL002", version[0], version[1], ("dualladder",)))
    assert isinstance(data, dict)  # a mapping node with a version key builds a dict
    return Parsed(data, findings, smap)


def _not_utf8(raw: bytes, exc: UnicodeDecodeError, name: str) -> Parsed:
    line, column = position_of(raw, exc.start)
    return Parsed(
        None,
        [Finding(name, line, column, "DL001", "error", "the file is not UTF-8 text")],
        SourceMap(name=name),
    )


def parse(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Parsed:
    """:func:`parse_text` of a file; OSError if it cannot be read (see :func:`read`)."""
    name = os.fspath(path)
    raw = read_regular(path, max_bytes=max_bytes)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _not_utf8(raw, exc, name)
    return parse_text(text, name)
