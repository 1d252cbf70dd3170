"""How a value is written in the house style of the files in ``ladders/``.

:func:`dualladder.save` writes a ladder built in Python whole in this style, and writes each new
value of an edited file in it (a new rung, a new key). The style is decided by the shape of the
data, never by key names, so keys added to the format later are written the same way:

* the top-level mapping is block style, with a blank line around every entry that takes more
  than one line (``policy:``, ``levels:``, ``tracks:``);
* a mapping of scalars and lists of scalars (a band, rewards) is written ``{min: 1, max: 2}`` on
  the line of its key; any other mapping is block style;
* a list of such mappings of at least :data:`RECORD_KEYS` keys each (decision rights, crossover
  moves) has one ``- {...}`` item a line; other lists of mappings (levels, rungs) are block style;
* a list of short scalars that fits on its key's line is ``[a, b]``, any other list is block
  style, one ``- item`` a line;
* a text longer than :data:`FOLD_AT` characters that is a mapping's value is folded (``>-``) at
  :data:`WRAP` columns; other texts are plain, or quoted where YAML would read them otherwise;
* siblings that both take more than :data:`SPACED` lines (rungs, tracks) are separated by a
  blank line.
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import yaml

__all__ = ["document", "entry", "flow", "fold", "is_scalar", "item", "scalar"]

#: Indentation of a nested mapping, and of a block list under its key.
INDENT = 2
#: A list of scalars is written ``[a, b]`` when its line fits in this many columns...
WIDTH = 100
#: ... and none of its items is longer than this.
SHORT_ITEM = 40
#: A mapping of scalars is written ``{...}`` on its key's line up to this many columns.
FLOW_MAX = 160
#: A text value longer than this is folded (``>-``)...
FOLD_AT = 60
#: ... into lines that end before this column.
WRAP = 80
#: A list of flat mappings with at least this many keys each is written one ``{...}`` a line.
RECORD_KEYS = 3
#: Siblings that both take more lines than this are separated by a blank line.
SPACED = 8

_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_CHARS = frozenset(",[]{}")
# The characters YAML allows in a file (its "printable" set), less the byte-order mark.
_UNPRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                          "\U00010000-\U0010ffff]")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def is_scalar(value: Any) -> bool:
    """Whether ``value`` is written as one scalar (not a list or a mapping)."""
    return not isinstance(value, Mapping | list | tuple)


def _text_of(value: Any) -> str | None:
    """The plain text of a non-string scalar, or None for a string."""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, str):
        return None
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"cannot write a {type(value).__name__} in a ladder file")


def plain_ok(text: str, *, in_flow: bool = False) -> bool:
    """Whether ``text`` can be written unquoted and still be read back as this text."""
    if not text or text != text.strip() or _UNPRINTABLE.search(text) or "\t" in text:
        return False
    if any(c in text for c in "\n\r\x85\u2028\u2029"):
        return False
    if text[0] in _INDICATORS or ": " in text or " #" in text or text.endswith(":"):
        return False
    if in_flow and any(c in _FLOW_CHARS for c in text):
        return False
    return not any(regexp.match(text) for _, regexp in _IMPLICIT.get(text[0], ()))


def single_quoted(text: str) -> str | None:
    """``'text'``, or None if the text holds a line break or a character YAML does not allow."""
    if _UNPRINTABLE.search(text) or any(c in text for c in "\n\r\x85\u2028\u2029"):
        return None
    return "'" + text.replace("'", "''") + "'"


def double_quoted(text: str) -> str:
    """``"text"`` with every character YAML does not allow (and line breaks) escaped."""
    out: list[str] = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _UNPRINTABLE.match(char) or char in "\x85\u2028\u2029":
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else (
                f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
            ))
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def scalar(value: Any, *, style: str | None = None, in_flow: bool = False) -> str:
    """One scalar on one line. A text keeps the quoting ``style`` it had (``"'"``, ``'"'``)
    where it can; a text without one is quoted (``"..."``) only when it must be."""
    text = _text_of(value)
    if text is not None:
        return text
    string = str(value.value if isinstance(value, enum.Enum) else value)
    if style == "'":
        return single_quoted(string) or double_quoted(string)
    if style != '"' and plain_ok(string, in_flow=in_flow):
        return string
    return double_quoted(string)


def fold(text: str, indent: int, width: int = WRAP) -> list[str] | None:
    """The lines of ``text`` as the body of a folded (``>-``) block at ``indent``, or None when
    folding would change the text (line breaks, runs of spaces, tabs, leading spaces)."""
    if (
        not text
        or text != text.strip()
        or "  " in text
        or _UNPRINTABLE.search(text)
        or any(c in text for c in "\t\n\r\x85\u2028\u2029")
    ):
        return None
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and indent + len(current) + 1 + len(word) > width:
            lines.append(" " * indent + current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(" " * indent + current)
    return lines


def _flat(value: Mapping[Any, Any]) -> bool:
    return all(
        is_scalar(v) or (isinstance(v, list | tuple) and all(is_scalar(x) for x in v))
        for v in value.values()
    )


def flow(value: Any) -> str:
    """``value`` on one line: ``[a, b]``, ``{k: v}`` or a scalar."""
    if isinstance(value, Mapping):
        inner = ", ".join(f"{scalar(k, in_flow=True)}: {flow(v)}" for k, v in value.items())
        return "{" + inner + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value, in_flow=True)


def flowable(value: Any) -> bool:
    """Whether ``value`` can be written on one line in flow style at all."""
    if isinstance(value, Mapping):
        return all(flowable(v) for v in value.values())
    if isinstance(value, list | tuple):
        return all(flowable(v) for v in value)
    text = value.value if isinstance(value, enum.Enum) else value
    return not isinstance(text, str) or single_quoted(text) is not None


def records(items: Sequence[Any]) -> bool:
    """A list of flat mappings of at least :data:`RECORD_KEYS` keys each, such as decision
    rights or crossover moves: written one ``- {...}`` a line, like rows of a table."""
    return bool(items) and all(
        isinstance(it, Mapping) and len(it) >= RECORD_KEYS and _flat(it) for it in items
    )


def _scalar_list_inline(items: Sequence[Any], used: int) -> bool:
    return (
        all(is_scalar(x) and flowable(x) for x in items)
        and all(len(str(x)) <= SHORT_ITEM for x in items)
        and used + len(flow(list(items))) <= WIDTH
    )


def entry(key: str, value: Any, indent: int, *, top: bool = False) -> list[str]:
    """The lines of ``key: value`` in a block mapping at column ``indent``."""
    head = " " * indent + scalar(key) + ":"
    if isinstance(value, Mapping):
        if not value:
            return [head + " {}"]
        line = f"{head} {flow(value)}"
        if not top and _flat(value) and flowable(value) and len(line) <= FLOW_MAX:
            return [line]
        return [head, *mapping(value, indent + INDENT)]
    if isinstance(value, list | tuple):
        if not value:
            return [head + " []"]
        if _scalar_list_inline(value, len(head) + 1):
            return [f"{head} {flow(list(value))}"]
        return [head, *sequence(value, indent + INDENT)]
    if isinstance(value, str) and len(value) > FOLD_AT:
        body = fold(value, indent + INDENT)
        if body is not None:
            return [head + " >-", *body]
    return [f"{head} {scalar(value)}"]


def item(value: Any, indent: int, *, one_line: bool = False) -> list[str]:
    """The lines of ``- value`` in a block list whose dashes stand at column ``indent``."""
    dash = " " * indent + "- "
    if isinstance(value, Mapping) and value:
        if one_line and flowable(value) and len(dash) + len(flow(value)) <= WIDTH:
            return [dash + flow(value)]
        lines = mapping(value, indent + 2)
        return [dash + lines[0][indent + 2:], *lines[1:]]
    if isinstance(value, list | tuple) and value:
        lines = sequence(value, indent + 2)
        return [dash + lines[0][indent + 2:], *lines[1:]]
    if isinstance(value, Mapping | list | tuple):
        return [dash + flow(value)]
    return [dash + scalar(value)]


def _join(blocks: list[list[str]], *, top: bool = False) -> list[str]:
    """Blocks one after another, with a blank line between two that both take more than
    :data:`SPACED` lines, or at the top level between two of which one takes more than one."""
    out: list[str] = []
    for index, block in enumerate(blocks):
        if index:
            sizes = (len(block), len(blocks[index - 1]))
            if (top and max(sizes) > 1) or min(sizes) > SPACED:
                out.append("")
        out.extend(block)
    return out


def mapping(value: Mapping[Any, Any], indent: int, *, top: bool = False) -> list[str]:
    blocks = [entry(str(k), v, indent, top=top) for k, v in value.items()]
    return _join(blocks, top=top)


def sequence(items: Sequence[Any], indent: int) -> list[str]:
    one_line = records(items)
    return _join([item(v, indent, one_line=one_line) for v in items])


def document(data: Mapping[str, Any]) -> str:
    """A whole file: the top-level mapping ``data`` in the house style."""
    return "\n".join(mapping(data, 0, top=True)) + "\n"
