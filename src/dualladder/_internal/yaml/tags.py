"""YAML's tags as dualladder reads them: the lean tag resolver, composing a node tree, and
reading a scalar of a known tag into a Python value.

Shared by the two ways a file is read (:mod:`dualladder._internal.io.read`, which composes PyYAML's
node tree and walks it, and :mod:`dualladder._internal.yaml.fastread`, which builds the data
straight from the parser's events), so that both give every scalar the same tag and the same value.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml

from dualladder._internal.util.findings import Loc
from dualladder._internal.util.textsafe import QUOTE_LIMIT as _QUOTE_LIMIT

__all__ = [
    "BOOL",
    "FIRST",
    "FLOAT",
    "INT",
    "MAP",
    "MERGE",
    "NULL",
    "NUMBERS",
    "PATTERNS",
    "QUOTE_LIMIT",
    "SEQ",
    "STR",
    "TIMESTAMP",
    "TYPE_NAMES",
    "Loader",
    "Problem",
    "compose",
    "plain_tag",
    "pos",
    "quote",
    "read_scalar",
    "short",
]

_BaseLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_constructor = yaml.SafeLoader("")  # only its scalar constructors are used

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
MERGE = "tag:yaml.org,2002:merge"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"

_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
NUMBERS = (INT, FLOAT)
#: tag -> the pattern of the values YAML reads as that type. An explicit tag (``!!int x``) is
#: honoured only on a value that matches it, so PyYAML's constructors never see text they
#: cannot read (they raise KeyError, IndexError or AttributeError on it).
PATTERNS: dict[str, Any] = {
    str(tag): regexp for resolvers in _IMPLICIT.values() for tag, regexp in resolvers
}

#: The implicit resolvers by the first character of a plain scalar, as (tag, match, whether the
#: tag is a number): PyYAML's table, looked up once here instead of at every scalar.
FIRST: dict[Any, tuple[tuple[str, Any, bool], ...]] = {
    first: tuple((str(tag), regexp.match, tag in NUMBERS) for tag, regexp in resolvers)
    for first, resolvers in _IMPLICIT.items()
}
_ScalarNode, _SequenceNode = yaml.ScalarNode, yaml.SequenceNode

#: The types of the tags YAML gives plain values, as messages name them.
TYPE_NAMES = {
    INT: "a whole number",
    FLOAT: "a number",
    BOOL: "a yes/no value",
    NULL: "null",
    TIMESTAMP: "a date",
}

#: How much of a value a message quotes; the rest is cut (``'aaaa...'``).
QUOTE_LIMIT = _QUOTE_LIMIT


def plain_tag(value: str) -> str:
    """The tag YAML gives a plain (unquoted, untagged) scalar: PyYAML's implicit resolvers,
    except that YAML 1.1's base 60 (``1:40:00`` = 6000) is text here, as in YAML 1.2."""
    for tag, match, number in FIRST.get(value[:1], ()):
        if match(value):
            return STR if number and ":" in value else tag
    return STR


class Loader(_BaseLoader):  # type: ignore[misc]
    """PyYAML's safe loader with a leaner tag resolver.

    The parser asks ``resolve`` for the tag of every node, and calls ``descend_resolver`` and
    ``ascend_resolver`` around each one for path resolvers, which ladders never use. ``resolve``
    gives the same tags as PyYAML's without its per-node overhead; the two hooks are C
    functions whose results the parser drops (a lookup in an empty dict, an empty tuple), so
    they cost no Python call each: over a company of 500 families, 700,000 nodes, that is a
    third of the composing time.
    """

    descend_resolver = dict[Any, Any]().get  # (node, index) -> index, dropped
    ascend_resolver = tuple  # () -> (), dropped

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is _ScalarNode:
            return plain_tag(value) if implicit[0] else STR
        return SEQ if kind is _SequenceNode else MAP


# -- what a line is (see dualladder.textsafe.LINE_BREAK) ----------------------------------------

#: YAML 1.1 (PyYAML and libyaml) also breaks lines at U+0085, U+2028 and U+2029, which made
#: every parser position after one a line late, and one in a comment end the comment. The
#: parser is given the text with each replaced by a stand-in of the same length (a private-use
#: character), so its marks count lines as above; the values it reads are given them back.
_SEPARATORS = "\x85\u2028\u2029"
_STAND_INS = "\U000f0085\U000f2028\U000f2029"
_TO_STAND_INS = str.maketrans(_SEPARATORS, _STAND_INS)
_FROM_STAND_INS = str.maketrans(_STAND_INS, _SEPARATORS)


def parseable(text: str) -> str:
    """``text`` as the parser is given it: U+0085, U+2028 and U+2029 as stand-ins (see
    :data:`_SEPARATORS`), unless the text holds a stand-in itself (then as it is)."""
    if not any(char in text for char in _SEPARATORS) or any(c in text for c in _STAND_INS):
        return text
    return text.translate(_TO_STAND_INS)


def restored(value: str) -> str:
    """A value the parser read from :func:`parseable` text, with its separators back."""
    return value.translate(_FROM_STAND_INS) if value.isascii() is False else value


def restore_nodes(root: yaml.Node | None) -> None:
    """Give every scalar of a node tree composed from :func:`parseable` text its separators
    back (in place; iteratively, however deep the tree)."""
    pending, seen = [root], set()
    while pending:
        node = pending.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            node.value = restored(node.value)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                pending += (key, value)


def compose(text: str) -> yaml.Node | None:
    """The node tree of the single YAML document in ``text`` (None for an empty stream);
    raises PyYAML's errors for text that is not one YAML document. Positions count lines as
    :data:`LINE_BREAK` does."""
    changed = parseable(text)
    loader = Loader(changed)
    try:
        node: yaml.Node | None = loader.get_single_node()
    finally:
        loader.dispose()
    if changed is not text:
        restore_nodes(node)
    return node


class Problem(Exception):
    """A located problem found while building the data of a file (code, message, where)."""

    def __init__(self, code: str, message: str, position: tuple[int, int], loc: Loc) -> None:
        super().__init__(message)
        self.code, self.message, self.position, self.loc = code, message, position, loc


def short(tag: str) -> str:
    """``!!int`` for ``tag:yaml.org,2002:int``."""
    return tag.replace("tag:yaml.org,2002:", "!!", 1)


def pos(mark: Any) -> tuple[int, int]:
    """The 1-based (line, column) of a PyYAML mark."""
    return (mark.line + 1, mark.column + 1)


def quote(value: object) -> str:
    """``repr(value)`` cut to :data:`QUOTE_LIMIT` characters: a message never grows with the
    file (a 4 MB scalar would otherwise be printed whole)."""
    if isinstance(value, str) and len(value) > QUOTE_LIMIT:
        return repr(value[: QUOTE_LIMIT - 3]) + "..."
    try:
        text = repr(value)
    except ValueError:  # an int too long to print (Python refuses over 4,300 digits)
        return f"a {type(value).__name__} too long to show"
    return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 3] + "..."


def read_scalar(node: yaml.ScalarNode, loc: Loc) -> Any:
    """The value of a scalar whose tag is text or one of :data:`TYPE_NAMES`; :class:`Problem`
    when the text cannot be read as its tag says (``!!int abc``, a date that does not exist).
    Decimals are read as :class:`~decimal.Decimal`, never as binary floats."""
    tag = node.tag
    value = node.value
    if tag == STR:
        return value
    if tag == INT and value.isdigit() and (value[0] != "0" or len(value) == 1):
        # the common case, first: a plain whole number (past 4,300 digits Python refuses
        # int(); such a number is read exactly as a Decimal, so the field it is in says
        # why it is too big)
        return int(value) if len(value) < 4000 else Decimal(value)
    pattern = PATTERNS.get(tag)
    if pattern is not None and (
        not (pattern.match(value) or (tag == FLOAT and PATTERNS[INT].match(value)))
        or (tag in NUMBERS and ":" in value)
    ):
        raise Problem(
            "DL002",
            f"{quote(value)} is not {TYPE_NAMES[tag]}, so it cannot be tagged {short(tag)}",
            pos(node.start_mark),
            loc,
        )
    try:
        if tag == INT:
            return _constructor.construct_yaml_int(node)
        if tag == FLOAT:
            return _decimal(node)
        if tag == BOOL:
            return _constructor.construct_yaml_bool(node)
        if tag == TIMESTAMP:
            return _constructor.construct_yaml_timestamp(node)
    except (ValueError, ArithmeticError, LookupError, AttributeError, yaml.YAMLError):
        raise Problem(
            "DL002", f"cannot read {quote(value)} as {TYPE_NAMES[tag]}", pos(node.start_mark), loc
        ) from None
    assert tag == NULL, tag
    return None


def _decimal(node: yaml.ScalarNode) -> Decimal:
    text = node.value.replace("_", "")
    lowered = text.lower()
    if lowered in (".nan", ".inf", "+.inf", "-.inf"):
        return Decimal(lowered.replace(".", ""))
    return Decimal(text)
