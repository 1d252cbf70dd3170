"""The fast way to read a plain YAML file: data straight from libyaml's parser events.

Composing PyYAML's node tree costs a Python object and a resolver call per node, and the tree
is only needed to say where a finding is; most files a ``validate`` run reads have none. So the
data of a file is first built from the parser's events, with no nodes; where a finding is, the
events are read again up to its node (:func:`marks_along`), and the node tree is composed only
when more than that is needed (:attr:`dualladder._internal.yaml.source.SourceMap.root`).

This path takes only files where it gives exactly what the node walk of
:mod:`dualladder._internal.io.read` gives: one document, a mapping with a version key, no anchors or
aliases, no explicit tags, no ``<<`` keys, no duplicate or non-scalar keys, no value that
cannot be read as its type, nesting below the loader's cap. For anything else, and for any
YAML error, :func:`data_from_events` returns None and the caller takes the node path, which
finds and locates the problem as it always has. Tests hold the two paths to the same typed
data on every file of the repository, on hostile and mutated files and on anything PyYAML
writes (``tests/yaml/test_events.py``).

A text without ``&`` and ``!`` cannot hold an anchor or a tag, so it is read by lean copies of
the readers that do not ask every event for them; plain whole numbers and decimals written as
digits, a point and digits are read without the tag resolver (the same values).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import yaml

from dualladder._internal.util.kind_keys import KIND_KEYS
from dualladder._internal.yaml.tags import (
    FIRST,
    INT,
    STR,
    TYPE_NAMES,
    Problem,
    parseable,
    plain_tag,
    read_scalar,
)

__all__ = ["KIND_KEYS", "data_from_events", "marks_along"]


#: libyaml's parser; None where PyYAML was built without it (every file takes the node path)
_CParser: Any = getattr(getattr(yaml, "_yaml", None), "CParser", None)

_Scalar = yaml.ScalarEvent
_MappingStart = yaml.MappingStartEvent
_SequenceStart = yaml.SequenceStartEvent
_MappingEnd = yaml.MappingEndEvent
_SequenceEnd = yaml.SequenceEndEvent
_DocumentEnd = yaml.DocumentEndEvent
_StreamEnd = yaml.StreamEndEvent
_NoEvent = type(None)  # what the parser gives after the stream's end


#: A plain scalar YAML reads as a float that is read exactly as written: digits, a point, digits
_DECIMAL = re.compile(r"[0-9]+\.[0-9]+").fullmatch


#: Plain values that start like a number, a yes/no or a null but are text (`team`, `owns`,
#: `organization`: the words a ladder repeats in every rung), as :func:`plain_tag` found them:
#: it is a function of the text alone, so a word is looked up once per process. Short words
#: only, and a bounded number of them.
_TEXT: set[str] = set()
_TEXT_LENGTH = 40
_TEXT_SIZE = 2048


class _Unusual(Exception):
    """The file holds something only the node path reads exactly as the loader does."""


def data_from_events(text: str, max_depth: int) -> dict[str, Any] | None:
    """The data of ``text`` if it is a plain mapping document with a version key, else None.

    ``max_depth`` is the loader's nesting cap: a list or mapping that deep is left to the node
    path, which reports it.
    """
    if _CParser is None or parseable(text) is not text:
        return None  # U+0085, U+2028 or U+2029: lines counted as findings count them (yamltags)
    parser = _CParser(text)
    get = parser.get_event
    try:
        get()  # the stream's start
        if type(get()) is not yaml.DocumentStartEvent or type(start := get()) is not _MappingStart:
            return None
        if start.anchor is not None or not start.implicit:
            return None
        # No `&` and no `!` in the text: no event can carry an anchor or a tag, so the
        # lean readers skip asking each event for them (most files; the same data).
        lean = "&" not in text and "!" not in text
        data = (_lean_mapping if lean else _mapping)(get, 1, max_depth)
        if type(get()) is not _DocumentEnd or type(get()) is not _StreamEnd:
            return None  # a second document: "expected a single document"
    except (_Unusual, yaml.YAMLError):
        return None
    finally:
        parser.dispose()
    if not any(key in data for key in KIND_KEYS):
        return None
    return data


def _mapping(get: Any, depth: int, max_depth: int) -> dict[str, Any]:
    """The mapping whose start event was just read, up to and including its end event."""
    result: dict[str, Any] = {}
    while True:
        event = get()
        kind = type(event)
        if kind is _MappingEnd:
            return result
        if kind is not _Scalar or event.anchor is not None:
            raise _Unusual  # a non-scalar key, or an anchor
        implicit = event.implicit
        key = event.value
        if key in result or key == "<<" or not (implicit[0] or implicit[1]):
            raise _Unusual  # a duplicate key, a merge key, an explicitly tagged key
        event = get()
        kind = type(event)
        if kind is _Scalar:
            value = event.value
            if not value and key[:1].isdigit():
                raise _Unusual  # `000:` with no value, as `{min: 72,000}` (or `72,000.50`,
                # `{factor: 1,15}`) reads: the node path says how to write the number
            if event.implicit[0] and value[:1] not in FIRST and event.anchor is None:
                result[key] = value  # plain text, the common case
            else:
                result[key] = _scalar(event)
        else:
            result[key] = _collection(event, kind, get, depth, max_depth)


def _sequence(get: Any, depth: int, max_depth: int) -> list[Any]:
    """The list whose start event was just read, up to and including its end event."""
    result: list[Any] = []
    append = result.append
    while True:
        event = get()
        kind = type(event)
        if kind is _Scalar:
            value = event.value
            if event.implicit[0] and value[:1] not in FIRST and event.anchor is None:
                append(value)  # plain text, the common case
            else:
                append(_scalar(event))
        elif kind is _SequenceEnd:
            return result
        else:
            append(_collection(event, kind, get, depth, max_depth))


def _collection(event: Any, kind: Any, get: Any, depth: int, max_depth: int) -> Any:
    if event.anchor is not None or not event.implicit or depth >= max_depth:
        raise _Unusual  # an anchor, an explicit tag, or nesting the node path reports
    if kind is _MappingStart:
        return _mapping(get, depth + 1, max_depth)
    if kind is _SequenceStart:
        return _sequence(get, depth + 1, max_depth)
    raise _Unusual  # an alias


def _scalar(event: Any) -> Any:
    if event.anchor is not None:
        raise _Unusual
    implicit = event.implicit
    value: str = event.value
    if not implicit[0]:
        if implicit[1]:
            return value  # quoted or a block scalar, no tag: text
        raise _Unusual  # an explicit tag
    return _plain(event, value)


def _plain(event: Any, value: str) -> Any:
    """The value of a plain scalar (no tag, no anchor) that may not be text."""
    if value in _TEXT:
        return value  # a word read before (`team`, `organization`): text
    if value.isdigit() and value.isascii() and (value[0] != "0" or value == "0"):
        if len(value) < 4000:
            return int(value)  # the common case: a plain whole number (YAML's int)
    elif _DECIMAL(value) is not None:
        return Decimal(value)  # digits, a point, digits: YAML's float, read exactly
    tag = plain_tag(value)
    if tag == STR:
        if len(value) <= _TEXT_LENGTH and len(_TEXT) < _TEXT_SIZE:
            _TEXT.add(value)
        return value
    if tag not in TYPE_NAMES:
        raise _Unusual  # `=` or `<<` as a value: tags the loader reports as unsupported
    node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark)
    try:
        read = read_scalar(node, ())
    except Problem:
        raise _Unusual from None
    if read == 1 and read is not True and tag == INT:
        raise _Unusual  # 01, 0x1, +1: the node path checks how a version number is written
    return read


# -- the lean readers: a text without `&` or `!` has no anchors and no tags ---------------------


def _lean_mapping(get: Any, depth: int, max_depth: int) -> dict[str, Any]:
    """:func:`_mapping` of a text without anchors or tags."""
    result: dict[str, Any] = {}
    while True:
        event = get()
        if type(event) is not _Scalar:
            if type(event) is _MappingEnd:
                return result
            raise _Unusual  # a non-scalar key
        key = event.value
        if key in result or key == "<<":
            raise _Unusual  # a duplicate key, a merge key
        event = get()
        if type(event) is _Scalar:
            value = event.value
            if not value and key[:1].isdigit():
                raise _Unusual  # `000:` with no value (see _mapping)
            if event.implicit[0] and value[:1] in FIRST:
                result[key] = _plain(event, value)
            else:
                result[key] = value  # text: quoted, a block scalar, or plain text
        elif depth >= max_depth:
            raise _Unusual  # nesting the node path reports
        elif type(event) is _MappingStart:
            result[key] = _lean_mapping(get, depth + 1, max_depth)
        elif type(event) is _SequenceStart:
            result[key] = _lean_sequence(get, depth + 1, max_depth)
        else:
            raise _Unusual  # an alias


def _lean_sequence(get: Any, depth: int, max_depth: int) -> list[Any]:
    """:func:`_sequence` of a text without anchors or tags."""
    result: list[Any] = []
    append = result.append
    while True:
        event = get()
        if type(event) is _Scalar:
            value = event.value
            if event.implicit[0] and value[:1] in FIRST:
                append(_plain(event, value))
            else:
                append(value)
        elif type(event) is _SequenceEnd:
            return result
        elif depth >= max_depth:
            raise _Unusual  # nesting the node path reports
        elif type(event) is _MappingStart:
            append(_lean_mapping(get, depth + 1, max_depth))
        elif type(event) is _SequenceStart:
            append(_lean_sequence(get, depth + 1, max_depth))
        else:
            raise _Unusual  # an alias


# -- positions without the node tree -------------------------------------------------------------


def marks_along(text: str, loc: tuple[str | int, ...]) -> list[tuple[Any, Any]] | None:
    """The (key mark, value mark) of each step from the root along ``loc``, as far as the
    document goes, as :meth:`SourceMap._walk <dualladder._internal.yaml.source.SourceMap>` finds
    them in the node tree (the root's key mark is None, so is an item's); None if the text is
    not one the fast path reads (then the node tree answers).

    For a text :func:`data_from_events` took (no anchors, aliases, tags, merge or duplicate
    keys), reading the parser's events up to the node is what composing the tree and walking
    it gives, without building a node for every value of the file: what locating the finding
    of a file needs. Only the events up to the node are read.
    """
    if _CParser is None or parseable(text) is not text:
        return None
    parser = _CParser(text)
    get = parser.get_event
    try:
        get()  # the stream's start
        get()  # the document's start
        event = get()
        steps: list[tuple[Any, Any]] = [(None, event.start_mark)]
        for part in loc:
            kind = type(event)
            found: tuple[Any, Any] | None = None
            if kind is _MappingStart:
                name = str(part)
                while type(key := get()) is not _MappingEnd:
                    event = get()
                    if type(key) is not _Scalar:
                        return None  # not a text the fast path reads
                    if key.value == name:
                        found = (key.start_mark, event.start_mark)
                        break
                    _skip(get, event)
            elif kind is _SequenceStart and isinstance(part, int) and part >= 0:
                index = 0
                while type(event := get()) is not _SequenceEnd:
                    if event is None:
                        return None  # not expected: the events ended inside the list
                    if index == part:
                        found = (None, event.start_mark)
                        break
                    _skip(get, event)
                    index += 1
            if found is None:
                break
            steps.append(found)
        return steps
    except (_Unusual, yaml.YAMLError):
        return None
    finally:
        parser.dispose()


def _skip(get: Any, event: Any) -> None:
    """Read past the node that starts with ``event`` (a scalar is one event)."""
    kind = type(event)
    if kind is not _MappingStart and kind is not _SequenceStart:
        return
    depth = 1
    while depth:
        kind = type(get())
        if kind is _MappingStart or kind is _SequenceStart:
            depth += 1
        elif kind is _MappingEnd or kind is _SequenceEnd:
            depth -= 1
        elif kind is _NoEvent or kind is _StreamEnd:
            raise _Unusual  # not expected: the events ended inside a node
