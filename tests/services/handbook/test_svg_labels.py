"""The level labels of both pictures come from one helper, ``svg_labels.row_label`` (mends item
8): the diagram's rows and the chart's carry exactly its fields, for levels with and without a
name, long names included. The pictures themselves are unchanged byte for byte (the golden
handbooks, tests/services/handbook/test_render.py)."""

from __future__ import annotations

import dataclasses

import pytest
from paths import ACME, KESTREL

import dualladder
from dualladder._internal.services.handbook.site import build_handbook
from dualladder._internal.services.handbook.svg_chart import pay_chart
from dualladder._internal.services.handbook.svg_diagram import ladder_diagram
from dualladder._internal.services.handbook.svg_geometry import LevelRow
from dualladder._internal.services.handbook.svg_labels import (
    label_column_width,
    level_label,
    row_label,
)


def _fields(row: LevelRow) -> dict[str, object]:
    return {name: getattr(row, name) for name in ("label", "sublabel", "label_y", "sublabels")}


@pytest.mark.parametrize("which", ["acme", "kestrel"])
def test_the_diagram_and_the_chart_label_their_rows_with_row_label(which: str) -> None:
    ladders = ([dualladder.load(ACME)] if which == "acme"
               else list(dualladder.load_company(KESTREL).families))
    for one in ladders:
        handbook = build_handbook(one, "html")
        width = label_column_width(handbook.levels_desc)  # unrounded, as both pictures use it
        rows: list[LevelRow] = list(ladder_diagram(handbook).rows)
        rows += [r for panel in pay_chart(handbook).panels for r in panel.rows]
        assert rows
        for row in rows:
            assert _fields(row) == dict(row_label(row.level, row.center, width))


def test_row_label_cuts_and_wraps_a_level_name() -> None:
    handbook = build_handbook(dualladder.load(ACME), "html")
    level = handbook.levels[0]
    assert level.name
    named = row_label(level, 100.0, 20.0)
    assert named["label_y"] == level_label(level, 100.0, 20.0)[0]
    assert named["sublabel"] is not None and named["sublabel"].endswith("…")  # cut to 12 px
    assert 1 <= len(named["sublabels"]) <= 2
    unnamed = row_label(dataclasses.replace(level, name=None), 100.0, 20.0)
    assert unnamed == {"label": "…", "sublabel": None, "label_y": 104.5, "sublabels": []}
    assert row_label(dataclasses.replace(level, name=None), 100.0, 80.0)["label"] == level.id
