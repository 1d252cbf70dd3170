"""The fast reading path (:mod:`dualladder._internal.yaml.fastread`: data straight from the
parser's events, no node tree) gives exactly what the node path gives, or declines and leaves the
file to it.

Held on every document of the repository (examples, positive, negative and hostile test data),
on hostile and mutated documents from hypothesis, and on hand-written edge cases; and the node
tree is composed only when a finding needs a position.
"""

from __future__ import annotations

import datetime
import os
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hostile import hostile_documents, mutated_examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import ACME, DATA, ROOT

import dualladder
from dualladder._internal.io import parse as loader
from dualladder._internal.yaml import fastread as events
from dualladder._internal.yaml import source
from dualladder._internal.yaml import tags as yamltags
from dualladder._internal.yaml.source import LATER, SourceMap
from dualladder.rules import check_paths

DOCUMENTS = sorted(
    p for folder in (ROOT / "ladders", DATA)
    for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()
)


def typed(value: Any) -> Any:
    """``value`` with the type of every leaf made part of it: 1, 1.0, True and "1" differ."""
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    if isinstance(value, Decimal) and value.is_nan():
        return (Decimal, "NaN", value.is_signed())
    return (type(value), value)


def node_path(text: str) -> loader.Parsed:
    smap = SourceMap(name="x.yaml", line_count=text.count("\n") + 1, text=text)
    return loader.parse_nodes(text, smap)


def same_or_declined(text: str) -> bool:
    """The property: the fast path's data is the node path's, from a file the node path finds
    no problem in; else the fast path declined. Returns whether it took the file."""
    fast = events.data_from_events(text, loader.MAX_DEPTH)
    if fast is None:
        return False
    slow = node_path(text)
    assert slow.findings == [], text
    assert slow.data is not None
    assert typed(fast) == typed(slow.data), text
    return True


def _text(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def test_every_document_of_the_repository() -> None:
    taken = declined = 0
    for path in DOCUMENTS:
        text = _text(path)
        if text is None:
            continue
        if same_or_declined(text):
            taken += 1
        else:
            declined += 1
    # most files are plain; the negative and hostile ones (bad YAML, tags, anchors) are not
    assert taken > 100 and declined > 15, (taken, declined)


def test_the_example_ladders_take_the_fast_path() -> None:
    for path in sorted((ROOT / "ladders").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if "&" in text or "<<" in text:
            continue  # anchors and merge keys take the node path
        assert events.data_from_events(text, loader.MAX_DEPTH) is not None, path


FUZZ = settings(
    max_examples=int(os.environ.get("DUALLADDER_FUZZ_EXAMPLES", "60")),
    deadline=None,
    derandomize=os.environ.get("CI") == "true",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(hostile_documents())
def test_hostile_documents(text: str) -> None:
    same_or_declined(text)


@FUZZ
@given(mutated_examples())
def test_mutated_example_ladders(text: str) -> None:
    same_or_declined(text)


_LEAVES = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["yes", "no", "on", "1_000", "0x1F", "1:40", ".inf", "~", "2024-01-31",
                     "<<", "=", "!x", "&a", "*a", "# not a comment", "a: b", "- c"]),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.booleans(),
    st.none(),
    st.dates(),
)
_KEYS = st.one_of(st.text(max_size=8), st.sampled_from(["on", "1", "<<", "yes", "dualladder"]))
_DATA = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(_KEYS, inner, max_size=4)),
    max_leaves=25,
)


@FUZZ
@given(st.dictionaries(_KEYS, _DATA, max_size=6), st.booleans(), st.booleans())
def test_whatever_pyyaml_writes(data: dict[str, Any], flow: bool, unicode: bool) -> None:
    """Any data PyYAML writes, in block or flow style: the fast path reads it as the node path
    does (or declines)."""
    text = yaml.safe_dump({"dualladder": 1, **data}, default_flow_style=flow,
                          allow_unicode=unicode, sort_keys=False)
    same_or_declined(text)


TAKEN = [
    "dualladder: 1\na: text\nb: 'quoted'\nc: \"double\"\nd: |\n  block\ne: >\n  folded\n",
    "dualladder: 1\nn: [1, -1, 0, 1_000, 0x1F, 0o17, 017, 0b101, +2]\n",
    "dualladder: 1\nf: [1.5, -.5, 1e3, 1.0e+3, .inf, -.Inf, .NaN, 10.00]\n",
    "dualladder: 1\nb: [yes, No, ON, off, true, False, y, n]\n",
    "dualladder: 1\nz: [~, null, Null, '', \"~\"]\nempty:\n",
    "dualladder: 1\nd: [2024-01-31, 2001-12-14t21:59:43.10-05:00, '2024-01-31']\n",
    "dualladder: 1\nt: [1:40:00, 190:20:30.15, L5, team, no way, 1.2.3, _1, tRUE]\n",
    "dualladder: 1\non: 1\n1: x\nyes: [a]\n'<': b\n",
    "dualladder: 1\nname: R&D\nnote: 'not *an alias*, nor !a tag'\n",
    "{dualladder: 1, levels: [{id: L1}, {id: L2, pay: {min: 1, max: 2}}]}\n",
    "dualladder-company: 1\nlevels: []\n",
    "dualladder-plan: 1\nperson: p-1\n",
    "%YAML 1.1\n---\ndualladder: 1\n...\n",
    "dualladder: 1\nq: ! '12'\nr: ! 12\n",
    "dualladder: 1\nbig: " + "9" * 5000 + "\n",
]


@pytest.mark.parametrize("text", TAKEN)
def test_plain_documents_are_taken_and_read_alike(text: str) -> None:
    assert same_or_declined(text)


DECLINED = [
    "",  # empty
    "- a\n- b\n",  # not a mapping
    "x: 1\n",  # no version key
    "dualladder: 01\n",  # a version written oddly: the node path says so
    "dualladder: 1\nx: 0x1\n",  # any 1 written oddly goes the long way
    "dualladder: 1\na: &x [1]\nb: *x\n",  # anchor, alias
    "dualladder: 1\na: &x 1\n",  # an anchor alone (the node path checks duplicates)
    "dualladder: 1\na: &x 1\nb: &x 2\n",  # duplicate anchor: invalid for the node path
    "dualladder: 1\nx: {<<: {a: 1}}\n",  # merge key
    "dualladder: 1\n'<<': 1\n",  # even a quoted one (the node path reads it as a key)
    "dualladder: 1\nx: {!!merge k: {b: 2}}\n",  # tagged key
    "dualladder: 1\na: 1\na: 2\n",  # duplicate key (DL003)
    "dualladder: 1\n[a]: 1\n",  # non-scalar key
    "dualladder: 1\nx: !!str 1\n",  # explicit tag
    "dualladder: 1\nx: !!int x\n",  # explicit tag, unreadable
    "dualladder: 1\nx: !!map {a: 1}\n",
    "dualladder: 1\nx: 2024-13-45\n",  # a date that does not exist
    "dualladder: 1\nx: =\n",  # YAML 1.1's value tag
    "dualladder: 1\nx: <<\n",  # a merge tag as a value
    "dualladder: 1\nd: " + "[" * 70 + "]" * 70 + "\n",  # deeper than the cap
    "dualladder: 1\nx: [\n",  # a syntax error
    "dualladder: 1\n---\ndualladder: 1\n",  # two documents
    "dualladder: 1\nx: \x07\n",  # a control character the reader refuses
]


@pytest.mark.parametrize("text", DECLINED)
def test_anything_unusual_goes_the_long_way(text: str) -> None:
    assert events.data_from_events(text, loader.MAX_DEPTH) is None
    parsed = loader.parse_text(text, "x.yaml")
    assert parsed.source.tree is not LATER  # composed (or refused) by the node path
    assert typed(parsed.data) == typed(node_path(text).data)


def careful(text: str) -> dict[str, Any] | None:
    """The fast path with its careful readers only (every event asked for anchors and tags),
    as a text with `&` or `!` in it is read."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(events, "_lean_mapping", events._mapping)
        return events.data_from_events(text, loader.MAX_DEPTH)


def lean_alike(text: str) -> bool:
    """The lean readers (a text without `&` or `!`) give what the careful ones give, and
    decline what they decline. Returns whether the lean readers were used."""
    fast = events.data_from_events(text, loader.MAX_DEPTH)
    slow = careful(text)
    assert (fast is None) == (slow is None), text
    if fast is not None:
        assert typed(fast) == typed(slow), text
    return "&" not in text and "!" not in text


def test_the_lean_readers_read_as_the_careful_ones() -> None:
    texts = [t for t in (_text(path) for path in DOCUMENTS) if t is not None]
    used = sum(lean_alike(text) for text in [*texts, *TAKEN, *DECLINED])
    assert used > 100, used
    # the words remembered as text are text to the resolver, and they stay few
    assert events._TEXT and all(yamltags.plain_tag(word) == yamltags.STR
                                for word in events._TEXT)
    assert len(events._TEXT) <= events._TEXT_SIZE


@FUZZ
@given(st.dictionaries(_KEYS, _DATA, max_size=6), st.booleans())
def test_the_lean_readers_on_whatever_pyyaml_writes(data: dict[str, Any], flow: bool) -> None:
    lean_alike(yaml.safe_dump({"dualladder": 1, **data}, default_flow_style=flow,
                              sort_keys=False))


@FUZZ
@given(mutated_examples())
def test_the_lean_readers_on_mutated_ladders(text: str) -> None:
    lean_alike(text)


def test_a_date_is_a_date_and_decimals_stay_exact() -> None:
    data = events.data_from_events("dualladder: 1\nd: 2024-01-31\nx: 0.1\n", 64)
    assert data == {"dualladder": 1, "d": datetime.date(2024, 1, 31), "x": Decimal("0.1")}
    text = "dualladder: 1\nx: [0.10, 10.250, 007, 0, 12, 1.5e3, 1_0.5]\n"
    read = events.data_from_events(text, 64)
    assert read is not None and typed(read) == typed(node_path(text).data)
    assert [str(x) for x in read["x"]] == ["0.10", "10.250", "7", "0", "12", "1.5e3", "10.5"]


# -- the node tree is composed when a finding needs it, not before --------------------------------


@pytest.fixture
def composed(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times a node tree is composed, by the first line of the text."""
    counts: Counter[str] = Counter()
    original = yamltags.compose

    def counting(text: str) -> Any:
        counts[text.split("\n", 1)[0]] += 1
        return original(text)

    monkeypatch.setattr(source, "compose", counting)
    return counts


def test_a_clean_file_is_never_composed(composed: Counter[str], tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text((ACME).read_text("utf-8"))
    report = check_paths([path])
    assert list(report) == [] and sum(composed.values()) == 0


def test_a_file_with_a_finding_is_located_from_events_as_before(
    composed: Counter[str], tmp_path: Path
) -> None:
    text = (ACME).read_text("utf-8")
    broken = text.replace("title: Staff Software Engineer", "title: Staff Engineering Manager", 1)
    assert broken != text
    path = tmp_path / "b.yaml"
    path.write_text("# first line\n" + broken, encoding="utf-8")
    fast = check_paths([path])
    assert [f.code for f in fast] == ["DL108"] and composed["# first line"] == 0
    slow = dualladder.check(dualladder.loads(broken, "b.yaml"))
    assert [(f.line - 1, f.column, f.code) for f in fast] == [
        (f.line, f.column, f.code) for f in slow
    ]


def test_the_lazy_tree_is_the_tree_the_node_path_composes() -> None:
    text = (ACME).read_text("utf-8")
    parsed = loader.parse_text(text, "a.yaml")
    assert parsed.source.tree is LATER
    eager = node_path(text).source
    for loc in [("levels", 3, "pay", "max"), ("tracks", "technical", "rungs", 2, "title"),
                ("policy",), ("nope", 1)]:
        assert parsed.source.locate(loc) == eager.locate(loc)
        assert parsed.source.locate(loc, key=True) == eager.locate(loc, key=True)
    assert parsed.source.tree is not LATER  # composed once, kept


def test_a_file_with_many_findings_is_composed_once(composed: Counter[str]) -> None:
    text = (ACME).read_text("utf-8")
    smap = loader.parse_text(text, "a.yaml").source
    locs = [("levels", n, "pay") for n in range(6)]
    eager = node_path(text).source
    assert [smap.locate(loc) for loc in locs] == [eager.locate(loc) for loc in locs]
    assert sum(composed.values()) == 1  # two from the events, then the tree, once


def _locs(data: Any, loc: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every YAML path of ``data``, and a few it does not have below each mapping and list."""
    found = [loc]
    if isinstance(data, dict):
        found += [(*loc, "no such key"), (*loc, 0)]
        for key, value in data.items():
            found += _locs(value, (*loc, key))
    elif isinstance(data, list):
        found += [(*loc, len(data)), (*loc, -1), (*loc, "0"), (*loc, True)]
        for index, value in enumerate(data):
            found += _locs(value, (*loc, index))
    return found


def events_alike(text: str, most: int = 10_000) -> None:
    """Positions found from the parser's events are those the node tree gives, for every path
    of the data (at most ``most`` of them, spread over the file) and paths it does not have."""
    data = events.data_from_events(text, loader.MAX_DEPTH)
    if data is None:
        return
    tree = node_path(text).source
    locs = _locs(data)
    for loc in locs[:: max(1, len(locs) // most)]:
        steps = events.marks_along(text, loc)
        assert steps is not None, loc
        walked = tree._walk(loc)
        assert [(k and yamltags.pos(k), yamltags.pos(v)) for k, v in steps] == [
            (k and yamltags.pos(k.start_mark), yamltags.pos(v.start_mark)) for k, v in walked
        ], loc
        for key in (False, True):
            smap = SourceMap(name="x.yaml", text=text, tree=LATER)
            assert smap.locate(loc, key=key) == tree.locate(loc, key=key), loc
            assert smap.tree is LATER  # found from the events


def test_positions_from_events_are_the_trees_on_every_document() -> None:
    for path in DOCUMENTS:
        text = _text(path)
        if text is not None:
            events_alike(text, most=25)


@FUZZ
@given(st.dictionaries(_KEYS, _DATA, max_size=6), st.booleans())
def test_positions_from_events_on_whatever_pyyaml_writes(data: dict[str, Any], flow: bool) -> None:
    events_alike(yaml.safe_dump({"dualladder": 1, **data}, default_flow_style=flow,
                                sort_keys=False))


@FUZZ
@given(mutated_examples())
def test_positions_from_events_on_mutated_ladders(text: str) -> None:
    events_alike(text, most=25)
