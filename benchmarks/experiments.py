"""Prototypes behind the estimates in benchmarks/PROFILE.md (nothing under src/ is changed).

    python benchmarks/experiments.py            # the company of benchmarks/run.py
    python benchmarks/experiments.py --files 100 --reps 3

Each experiment times one phase of ``dualladder validate`` over the texts of the generated
company, held in memory, as it is today and as a proposed change would do it, and checks that
the proposal gives the same result (data, tags, positions). The prototypes use private names of
``dualladder.loader`` and ``dualladder.model``; once a proposal has landed in ``src/`` its
experiment measures nothing new (or stops matching) and can be deleted.
"""

from __future__ import annotations

import argparse
import functools
import gc
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from dualladder import loader, model
from dualladder.rules import check
from dualladder.source import SourceMap

HERE = Path(__file__).resolve().parent
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
_STR, _SEQ, _MAP = loader._STR, loader._SEQ, loader._MAP


def timed(func: Callable[[], Any], reps: int) -> float:
    func()
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# -- 1. composing: the Python callbacks the C composer makes for every node ---------------------


@functools.lru_cache(maxsize=4096)
def _resolve_cached(kind: Any, value: str, implicit: tuple[bool, bool]) -> str:
    if kind is yaml.ScalarNode:
        if implicit[0]:
            for tag, regexp in _IMPLICIT.get(value[:1], ()):
                if regexp.match(value):
                    return str(tag)
        return _STR
    return _SEQ if kind is yaml.SequenceNode else _MAP


_NOTHING: dict[Any, Any] = {}


class CHooksLoader(loader._Loader):  # type: ignore[misc, name-defined]
    """Only the two no-op path-resolver hooks as C callables."""

    descend_resolver = staticmethod(_NOTHING.get)
    ascend_resolver = staticmethod(tuple)


class CachedResolveLoader(loader._Loader):  # type: ignore[misc, name-defined]
    """``resolve`` memoised in C (lru_cache; a hit runs no Python frame), and the two no-op
    path-resolver hooks replaced by C callables (``{}.get`` takes (node, index); ``tuple()``
    takes nothing)."""

    resolve = staticmethod(_resolve_cached)
    descend_resolver = staticmethod(_NOTHING.get)
    ascend_resolver = staticmethod(tuple)


def compose(text: str, cls: Any) -> Any:
    parser = cls(text)
    try:
        return parser.get_single_node()
    finally:
        parser.dispose()


def compose_all(texts: list[str], cls: Any) -> None:
    """Compose each text and drop the tree, as validate does (keeping 500 trees alive would
    measure the garbage collector instead)."""
    for text in texts:
        compose(text, cls)


def _same_tags(a: Any, b: Any) -> bool:
    if type(a) is not type(b) or a.tag != b.tag:
        return False
    if isinstance(a, yaml.ScalarNode):
        return bool(a.value == b.value)
    if isinstance(a, yaml.SequenceNode):
        return len(a.value) == len(b.value) and all(map(_same_tags, a.value, b.value))
    return len(a.value) == len(b.value) and all(
        _same_tags(k1, k2) and _same_tags(v1, v2)
        for (k1, v1), (k2, v2) in zip(a.value, b.value, strict=True)
    )


# -- 2. the node walk: what recording positions costs --------------------------------------------


class NoPositionsBuilder(loader._Builder):  # type: ignore[misc, name-defined]
    """The walk without the position records (values, keys): the bound of "locate lazily from
    the kept node tree, only when there is a finding"."""

    def sequence(self, node: Any, loc: Any) -> list[Any]:
        build = self.build
        return [build(child, (*loc, index)) for index, child in enumerate(node.value)]

    def mapping(self, node: Any, loc: Any) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        build = self.build
        for key_node, value_node in node.value:
            key = key_node.value
            if key in result:
                continue
            result[key] = build(value_node, (*loc, key))
        return result


class MarkBuilder(loader._Builder):  # type: ignore[misc, name-defined]
    """Records the node's Mark object instead of a fresh (line + 1, column + 1) tuple, and skips
    ``_pairs`` unless the mapping has a merge key: "cheaper position records"."""

    def sequence(self, node: Any, loc: Any) -> list[Any]:
        values, build, items = self.source.values, self.build, []
        for index, child in enumerate(node.value):
            child_loc = (*loc, index)
            values[child_loc] = child.start_mark
            items.append(build(child, child_loc))
        return items

    def mapping(self, node: Any, loc: Any) -> dict[Any, Any]:
        pairs = node.value
        if any(k.tag == loader._MERGE for k, _ in pairs):
            pairs = self._pairs(node)
        result: dict[Any, Any] = {}
        values, keys, build = self.source.values, self.source.keys, self.build
        for key_node, value_node in pairs:
            key = key_node.value
            if key in result:
                continue  # (the prototype skips the DL003 message)
            child_loc = (*loc, key)
            keys[child_loc] = key_node.start_mark
            values[child_loc] = value_node.start_mark
            result[key] = build(value_node, child_loc)
        return result


def walk_all(texts: list[str], cls: Any) -> float:
    """Seconds spent walking (composing each tree first, untimed, and dropping it after)."""
    total = 0.0
    for text in texts:
        node = compose(text, loader._Loader)
        start = time.perf_counter()
        cls(SourceMap(name="x")).build(node, ())
        total += time.perf_counter() - start
    return total


def interleaved(before: Callable[[], Any], after: Callable[[], Any], reps: int,
                inner: bool = False) -> tuple[float, float]:
    """Medians of ``before`` and ``after``, run alternately (a noisy, shared machine drifts:
    alternating spreads the drift over both). With ``inner`` the functions return their own
    time."""
    before(), after()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(reps):
        for func, out in ((before, times[0]), (after, times[1])):
            start = time.perf_counter()
            result = func()
            out.append(result if inner else time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


# -- 3. events instead of nodes: one pass builds data and positions ------------------------------


class _Fallback(Exception):
    """Something the fast path does not handle (anchors, aliases, tags, merge keys, odd keys):
    the real loader would take its node path for this file."""


def _plain_tag(value: str) -> str:
    for tag, regexp in _IMPLICIT.get(value[:1], ()):
        if regexp.match(value):
            return str(tag)
    return _STR


def read_events(text: str) -> tuple[Any, SourceMap]:
    """Build the data and the position records straight from the parser's events."""
    smap = SourceMap(name="x")
    values, keys = smap.values, smap.keys
    parser = loader._BaseLoader(text)
    get = parser.get_event

    def scalar(event: Any, loc: Any) -> Any:
        if event.anchor is not None or (event.tag is not None and event.tag != "!"):
            raise _Fallback
        value = event.value
        if event.style or not event.implicit[0]:  # plain style is "" (C parser) or None
            return value
        first = value[:1]
        if first not in _IMPLICIT:
            return value
        tag = _plain_tag(value)
        if tag == _STR:
            return value
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark)
        return loader._Builder(smap).scalar(node, loc)

    def build(event: Any, loc: Any) -> Any:
        kind = type(event)
        if kind is ScalarEvent:
            return scalar(event, loc)
        if kind is AliasEvent or event.anchor is not None or (
            event.tag is not None and event.tag != "!"
        ):
            raise _Fallback
        if kind is SequenceStartEvent:
            items = []
            index = 0
            event = get()
            while type(event) is not SequenceEndEvent:
                child_loc = (*loc, index)
                mark = event.start_mark
                values[child_loc] = (mark.line + 1, mark.column + 1)
                items.append(build(event, child_loc))
                index += 1
                event = get()
            return items
        if kind is MappingStartEvent:
            result: dict[Any, Any] = {}
            event = get()
            while type(event) is not MappingEndEvent:
                if type(event) is not ScalarEvent or event.value == "<<" or event.anchor:
                    raise _Fallback
                key = event.value
                if key in result:
                    raise _Fallback  # the node path reports DL003
                key_mark = event.start_mark
                child_loc = (*loc, key)
                keys[child_loc] = (key_mark.line + 1, key_mark.column + 1)
                event = get()
                mark = event.start_mark
                values[child_loc] = (mark.line + 1, mark.column + 1)
                result[key] = build(event, child_loc)
                event = get()
            return result
        raise _Fallback

    try:
        get()  # stream start
        get()  # document start
        event = get()
        mark = event.start_mark
        values[()] = (mark.line + 1, mark.column + 1)
        data = build(event, ())
    finally:
        parser.dispose()
    return data, smap


def nodes_path(text: str) -> tuple[Any, SourceMap]:
    smap = SourceMap(name="x")
    parser = loader._Loader(text)
    try:
        node = parser.get_single_node()
    finally:
        parser.dispose()
    smap.values[()] = loader._pos(node.start_mark)
    return loader._Builder(smap).build(node, ()), smap


# -- 4. rules: enum ranks from a dict, and the level lookups --------------------------------------


def patch_rank() -> Callable[[], None]:
    """``_Ordered.rank`` as a dict lookup instead of ``list(type(self)).index(self)``."""
    ordered = model._Ordered
    old = ordered.__dict__["rank"]
    ranks = {member: i for cls in (model.Authority, model.Scope) for i, member in
             enumerate(cls)}
    ordered.rank = property(ranks.__getitem__)  # type: ignore[assignment]
    return lambda: setattr(ordered, "rank", old)


def patch_level() -> Callable[[], None]:
    """``Ladder.level(id)`` from a per-ladder dict instead of a scan of ``levels``."""
    ladder = model.Ladder
    old = ladder.__dict__["level"]
    cache: dict[int, dict[str, Any]] = {}

    def level(self: Any, level_id: str) -> Any:
        table = cache.get(id(self))
        if table is None:
            table = cache[id(self)] = {lv.id: lv for lv in self.levels}
        return table.get(level_id)

    ladder.level = level  # type: ignore[method-assign]

    def undo() -> None:
        ladder.level = old  # type: ignore[method-assign]
        cache.clear()

    return undo


# -- 5. render: reuse the Jinja2 environments ----------------------------------------------------


def render_experiment(paths: list[Path], ladders: list[Any], reps: int) -> None:
    """``handbook.engine.environments`` memoised, so templates compile once per process."""
    try:
        import dualladder
        from dualladder.handbook import engine
    except ImportError:
        print("render: no dualladder.handbook; skipped")
        return
    original = engine.environments
    root = Path(tempfile.mkdtemp(prefix="dualladder-exp-"))

    def render_all(tag: str) -> dict[str, bytes]:
        out = root / tag
        for path, ladder in zip(paths, ladders, strict=True):
            dualladder.render(ladder, out / path.stem, allow_invalid=True)
        files = {str(f.relative_to(out)): f.read_bytes() for f in out.rglob("*") if f.is_file()}
        shutil.rmtree(out)
        return files

    def cached() -> Any:
        engine.environments = functools.lru_cache(maxsize=8)(original)
        try:
            return render_all("after")
        finally:
            engine.environments = original

    try:
        assert render_all("check-before") == cached(), "cached environments change the output"
        b, a = interleaved(lambda: render_all("before"), cached, reps)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    n = len(paths)
    print(f"{'render: new Jinja2 environments -> memoised (per file)':<58} "
          f"{b / n * 1000:5.0f} ms -> {a / n * 1000:5.0f} ms  ({(b - a) / b * 100:+.0f} % saved)")


# -- the report ----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--work", type=Path, default=HERE / ".company")
    args = parser.parse_args(argv)
    folder = args.work / "files"
    subprocess.run([sys.executable, str(HERE / "generate.py"), "--files", str(args.files),
                    "--seed", str(args.seed), "--out", str(folder)], check=True)
    paths = sorted(folder.glob("*.yaml"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    reps = args.reps
    rows: list[tuple[str, float, float]] = []

    def compare(name: str, before: Callable[[], Any], after: Callable[[], Any]) -> None:
        b, a = interleaved(before, after, reps)
        rows.append((name, b, a))
        print(f"{name:<58} {b:7.3f} s -> {a:7.3f} s  ({(b - a) / b * 100:+.0f} % saved)",
              flush=True)

    # 0. the garbage collector
    from dualladder.rules import check_paths

    def without_gc(func: Callable[[], Any]) -> Callable[[], Any]:
        def run() -> Any:
            gc.disable()
            try:
                return func()
            finally:
                gc.enable()

        return run

    compare("check_paths: GC on -> GC off while running",
            lambda: check_paths([folder]), without_gc(lambda: check_paths([folder])))
    compare("floor (yaml.load CSafeLoader): GC on -> GC off",
            lambda: [yaml.load(t, Loader=yaml.CSafeLoader) and None for t in texts],
            without_gc(lambda: [yaml.load(t, Loader=yaml.CSafeLoader) and None for t in texts]))

    # 1. composing
    for text in texts[:20]:
        assert _same_tags(compose(text, loader._Loader), compose(text, CachedResolveLoader))
    compare("compose: stock CSafeLoader -> dualladder._Loader (landed)",
            lambda: compose_all(texts, yaml.CSafeLoader),
            lambda: compose_all(texts, loader._Loader))
    compare("compose: _Loader -> C-level no-op hooks",
            lambda: compose_all(texts, loader._Loader),
            lambda: compose_all(texts, CHooksLoader))
    compare("compose: _Loader -> C hooks + lru_cache resolve",
            lambda: compose_all(texts, loader._Loader),
            lambda: compose_all(texts, CachedResolveLoader))
    compare("compose: _Loader, GC on -> GC off",
            lambda: compose_all(texts, loader._Loader),
            without_gc(lambda: compose_all(texts, loader._Loader)))

    # 2. walking (the walk alone is timed)
    def compare_inner(name: str, before: Callable[[], float], after: Callable[[], float]) -> None:
        b, a = interleaved(before, after, reps, inner=True)
        rows.append((name, b, a))
        print(f"{name:<58} {b:7.3f} s -> {a:7.3f} s  ({(b - a) / b * 100:+.0f} % saved)",
              flush=True)

    compare_inner("walk: _Builder -> Mark objects, _pairs only with <<",
                  lambda: walk_all(texts, loader._Builder), lambda: walk_all(texts, MarkBuilder))
    compare_inner("walk: _Builder -> no position records (lazy locate)",
                  lambda: walk_all(texts, loader._Builder),
                  lambda: walk_all(texts, NoPositionsBuilder))

    # 3. events
    for text in texts[:50]:
        data, smap = read_events(text)
        want, wmap = nodes_path(text)
        assert data == want and smap.values == wmap.values and smap.keys == wmap.keys
        assert smap.scalars == wmap.scalars
    compare("compose + walk -> one pass over parser events",
            lambda: [nodes_path(t) and None for t in texts],
            lambda: [read_events(t) and None for t in texts])
    compare("compose + walk -> events, GC off",
            lambda: [nodes_path(t) and None for t in texts],
            without_gc(lambda: [read_events(t) and None for t in texts]))

    # 4. pydantic, for scale
    datas = [nodes_path(t)[0] for t in texts]
    pyd = timed(lambda: [model.Ladder.model_validate(d) and None for d in datas], reps)
    print(f"{'pydantic: Ladder.model_validate (for scale)':<58} {pyd:7.3f} s", flush=True)

    # 5. rules
    ladders = [loader.read_text(t, str(p)).ladder for t, p in zip(texts, paths, strict=True)]

    def run_rules() -> None:
        for ladder in ladders:
            check(ladder)

    def patched(*patches: Callable[[], Callable[[], None]]) -> Callable[[], None]:
        def run() -> None:
            undo = [p() for p in patches]
            try:
                run_rules()
            finally:
                for step in reversed(undo):
                    step()

        return run

    compare("rules: check() -> enum rank from a dict", run_rules, patched(patch_rank))
    compare("rules: check() -> + Ladder.level from a dict", run_rules,
            patched(patch_rank, patch_level))

    # 6. render: the Jinja2 environments (and so their template caches) kept between renders
    render_experiment(paths[:30], ladders[:30], reps)
    return 0


if __name__ == "__main__":
    sys.exit(main())
