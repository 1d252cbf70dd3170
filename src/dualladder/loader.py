"""Reading ladder files: YAML text -> :class:`~dualladder.model.Ladder`, every problem located.

PyYAML composes the node tree (with the C parser where present); one walk over the tree then
builds the plain data, records the line and column of every key and value, reports duplicate
keys (which PyYAML would silently let the last one win) and reads decimals as
:class:`~decimal.Decimal`, never as binary floats. pydantic validates the data, and each of its
errors is mapped back to the nearest recorded node.
"""

from __future__ import annotations

import difflib
import os
import types
import typing
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from dualladder.catalog import default_severity
from dualladder.findings import Finding, LadderError, Loc, format_loc
from dualladder.model import Ladder
from dualladder.source import SourceMap

__all__ = ["LoadResult", "load", "loads", "read", "read_text"]

_BaseLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_constructor = yaml.SafeLoader("")  # only its scalar constructors are used

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"

_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers


class _Loader(_BaseLoader):  # type: ignore[misc]
    """PyYAML's safe loader with a leaner tag resolver.

    The parser asks ``resolve`` for the tag of every node, and calls ``descend_resolver`` and
    ``ascend_resolver`` around each one for path resolvers, which ladders never use. These
    versions give the same tags as PyYAML's without the per-node overhead.
    """

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], ()):
                    if regexp.match(value):
                        return str(tag)
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


#: Guards against alias bombs ("billion laughs"): no real ladder comes near this many nodes.
MAX_NODES = 250_000


@dataclass(slots=True)
class LoadResult:
    """What reading one file gave: the ladder (if it could be built) and the findings."""

    ladder: Ladder | None
    findings: list[Finding]
    source: SourceMap


class _Problem(Exception):
    def __init__(self, code: str, message: str, position: tuple[int, int], loc: Loc) -> None:
        super().__init__(message)
        self.code, self.message, self.position, self.loc = code, message, position, loc


def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!", 1)


def _pos(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


class _Builder:
    """Builds plain data from a composed node tree.

    It records no positions: the :class:`SourceMap` finds them in the node tree when a finding
    needs one.
    """

    def __init__(self) -> None:
        self.problems: list[_Problem] = []
        self.nodes = 0
        self.active: set[int] = set()

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Problem(
                "DL001",
                f"the document expands to more than {MAX_NODES:,} nodes (alias bomb?)",
                _pos(node.start_mark),
                loc,
            )
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, loc)
        if id(node) in self.active:
            raise _Problem("DL001", "an alias refers to itself", _pos(node.start_mark), loc)
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return self.sequence(node, loc)
            assert isinstance(node, yaml.MappingNode)
            return self.mapping(node, loc)
        finally:
            self.active.discard(id(node))

    def sequence(self, node: yaml.SequenceNode, loc: Loc) -> list[Any]:
        if node.tag != _SEQ:
            self.problems.append(
                _Problem("DL002", f"unsupported tag {_short(node.tag)}", _pos(node.start_mark), loc)
            )
        build = self.build
        return [build(child, (*loc, index)) for index, child in enumerate(node.value)]

    def _pairs(self, node: yaml.MappingNode) -> list[tuple[yaml.Node, yaml.Node]]:
        """The key/value pairs of a mapping with ``<<`` merge keys expanded (own keys first)."""
        own: list[tuple[yaml.Node, yaml.Node]] = []
        merged: list[tuple[yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag != _MERGE:
                own.append((key_node, value_node))
                continue
            sources = (
                value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            )
            for source in sources:
                if not isinstance(source, yaml.MappingNode):
                    raise _Problem(
                        "DL001",
                        "a merge key (<<) needs a mapping or a list of mappings",
                        _pos(source.start_mark),
                        (),
                    )
                if id(source) in self.active:
                    raise _Problem(
                        "DL001", "a merge key refers to itself", _pos(source.start_mark), ()
                    )
                self.active.add(id(source))
                try:
                    merged.extend(self._pairs(source))
                finally:
                    self.active.discard(id(source))
        if not merged:
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
        return own + extra

    def mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[Any, Any]:
        if node.tag != _MAP:
            self.problems.append(
                _Problem("DL002", f"unsupported tag {_short(node.tag)}", _pos(node.start_mark), loc)
            )
        pairs: list[tuple[yaml.Node, yaml.Node]] = node.value
        for key_node, _ in pairs:
            if key_node.tag == _MERGE:
                pairs = self._pairs(node)
                break
        result: dict[Any, Any] = {}
        build = self.build
        for key_node, value_node in pairs:
            if not isinstance(key_node, yaml.ScalarNode):
                where = _pos(key_node.start_mark)
                self.problems.append(
                    _Problem("DL002", "a mapping key must be a plain value", where, loc)
                )
                continue
            # Keys are names: read as written, so `on:` or `1:` stay text (YAML 1.1 would
            # turn them into True and 1).
            key = key_node.value
            if key in result:
                first = next(
                    k for k, _ in pairs if isinstance(k, yaml.ScalarNode) and k.value == key
                )
                line, col = _pos(first.start_mark)
                self.problems.append(
                    _Problem(
                        "DL003",
                        f"key {key!r} appears twice in this mapping "
                        f"(first at line {line}, column {col}); the second would silently win",
                        _pos(key_node.start_mark),
                        (*loc, key),
                    )
                )
                continue
            result[key] = build(value_node, (*loc, key))
        return result

    def scalar(self, node: yaml.ScalarNode, loc: Loc) -> Any:
        tag = node.tag
        if tag == _STR:
            return node.value
        value = node.value
        try:
            if tag == _INT:
                if value.isdigit() and (value[0] != "0" or len(value) == 1):
                    return int(value)
                return _constructor.construct_yaml_int(node)
            if tag == _FLOAT:
                return _decimal(node)
            if tag == _NULL:
                return None
            if tag == _BOOL:
                return _constructor.construct_yaml_bool(node)
            if tag == _TIMESTAMP:
                return _constructor.construct_yaml_timestamp(node)
        except (ValueError, ArithmeticError, yaml.YAMLError) as exc:
            raise _Problem(
                "DL002", f"cannot read {value!r} as {tag.rsplit(':', 1)[-1]}: {exc}",
                _pos(node.start_mark), loc,
            ) from None
        self.problems.append(
            _Problem("DL002", f"unsupported tag {_short(tag)}", _pos(node.start_mark), loc)
        )
        return value


def _decimal(node: yaml.ScalarNode) -> Decimal:
    text = node.value.replace("_", "")
    lowered = text.lower()
    if lowered in (".nan", ".inf", "+.inf", "-.inf"):
        return Decimal(lowered.replace(".", ""))
    try:
        return Decimal(text)
    except InvalidOperation:
        # sexagesimal floats (1:30.5) and other YAML 1.1 oddities
        return Decimal(str(_constructor.construct_yaml_float(node)))


# -- pydantic errors -> findings ----------------------------------------------------------------


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """The model class that the node at ``loc`` is validated as (None if not a model)."""
    current: Any = Ladder
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
    if raw[:1].isdigit() and "-" in raw[1:]:
        return "a date"
    return "a number"


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _error_finding(err: Any, source: SourceMap) -> Finding:
    loc: Loc = tuple(err["loc"])
    kind: str = err["type"]
    code = kind if kind.startswith("DL") and kind[2:].isdigit() else "DL002"
    where = format_loc(loc) or "the file"
    message = err["msg"]
    position = source.locate(loc)
    if kind == "extra_forbidden":
        position = source.locate(loc, key=True)
        name = str(loc[-1])
        parent = _model_at(loc[:-1])
        allowed = _field_names(parent) if parent else []
        hint = difflib.get_close_matches(name, allowed, n=1)
        message = f"unknown field {name!r}" + (
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
        message = f"YAML reads {raw} as {_kind(raw)}, not as text; quote it: '{raw}'"
    elif code == "DL002" and "input" in err and not kind.endswith(("model_type", "dict_type")):
        shown = source.scalar_text(loc)
        message = f"{message} (got {shown if shown is not None else _describe(err['input'])})"
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


def read_text(text: str, source: str = "<string>") -> LoadResult:
    """Read ladder YAML from ``text``; never raises for bad input, returns findings instead."""
    smap = SourceMap(name=source, line_count=text.count("\n") + (0 if text.endswith("\n") else 1))

    def finding(code: str, message: str, position: tuple[int, int], loc: Loc = ()) -> Finding:
        return Finding(source, position[0], position[1], code, default_severity(code), message, loc)

    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if (
            exc.context_mark is not None
            and exc.problem_mark is not None
            and exc.problem_mark.index >= len(text.rstrip())
        ):
            mark = exc.context_mark  # an unclosed quote or bracket: point where it opened
        position = _pos(mark) if mark is not None else (1, 1)
        what = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        return LoadResult(None, [finding("DL001", f"invalid YAML: {what}", position)], smap)
    except yaml.YAMLError as exc:
        return LoadResult(None, [finding("DL001", f"invalid YAML: {exc}", (1, 1))], smap)
    finally:
        loader.dispose()
    if node is None:
        return LoadResult(
            None,
            [finding("DL002", "the file is empty; a ladder starts with `dualladder: 1`", (1, 1))],
            smap,
        )
    smap.root = node
    builder = _Builder()
    try:
        data = builder.build(node, ())
    except _Problem as problem:
        return LoadResult(
            None, [finding(problem.code, problem.message, problem.position, problem.loc)], smap
        )
    findings = [finding(p.code, p.message, p.position, p.loc) for p in builder.problems]
    if not isinstance(data, dict):
        kind = type(data).__name__ if data is not None else "nothing"
        findings.append(
            finding(
                "DL002",
                f"a ladder file is a mapping that starts with `dualladder: 1`, not a {kind}",
                _pos(node.start_mark),
            )
        )
        return LoadResult(None, findings, smap)
    try:
        ladder = Ladder.model_validate(data)
    except ValidationError as exc:
        findings.extend(_error_finding(err, smap) for err in exc.errors(include_url=False))
        return LoadResult(None, sorted(findings), smap)
    if findings:
        return LoadResult(None, sorted(findings), smap)
    ladder._source = smap
    return LoadResult(ladder, [], smap)


def read(path: str | os.PathLike[str]) -> LoadResult:
    """Read a ladder file; OSError if it cannot be read, findings for anything else."""
    name = os.fspath(path)
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        smap = SourceMap(name=name)
        return LoadResult(
            None,
            [Finding(name, line, column, "DL001", "error", "the file is not UTF-8 text")],
            smap,
        )
    return read_text(text, name)


def loads(text: str, source: str = "<string>") -> Ladder:
    """Build a ladder from YAML text; raises :class:`LadderError` carrying every finding."""
    result = read_text(text, source)
    if result.ladder is None:
        raise LadderError(result.findings)
    return result.ladder


def load(path: str | os.PathLike[str]) -> Ladder:
    """Read a ladder file; raises :class:`LadderError` carrying every finding."""
    result = read(path)
    if result.ladder is None:
        raise LadderError(result.findings)
    return result.ladder
