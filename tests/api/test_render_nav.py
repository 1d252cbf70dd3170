"""``dualladder.render(..., nav_prefix=...)`` (issue 21): the Python side of ``--nav-prefix``."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from paths import ACME, KESTREL

import dualladder


@pytest.mark.parametrize("prefix", ["career", "career/", "./career//"])
def test_nav_prefix_starts_every_path(tmp_path: Path, prefix: str) -> None:
    out = tmp_path / "career"
    dualladder.render(dualladder.load(ACME), out, nav_prefix=prefix)
    nav = yaml.safe_load((out / "mkdocs-nav.yml").read_text(encoding="utf-8"))["nav"]
    (entries,) = nav[0].values()
    assert entries[0] == {"Overview": "career/index.md"}


def test_a_company_takes_it_too(tmp_path: Path) -> None:
    out = tmp_path / "k"
    dualladder.render(dualladder.load_company(KESTREL), out, nav_prefix="hr/kestrel")
    text = (out / "mkdocs-nav.yml").read_text(encoding="utf-8")
    assert "- Overview: hr/kestrel/index.md" in text and "hr/kestrel/data/pay.md" in text


@pytest.mark.parametrize("prefix", ["../up", "/abs", "a/../../b"])
def test_a_prefix_outside_the_docs_folder_is_a_value_error(tmp_path: Path, prefix: str) -> None:
    with pytest.raises(ValueError, match="nav-prefix"):
        dualladder.render(dualladder.load(ACME), tmp_path / "x", nav_prefix=prefix)
    assert not (tmp_path / "x").exists()
