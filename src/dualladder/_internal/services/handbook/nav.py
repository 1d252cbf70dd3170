"""``mkdocs-nav.yml``: a Markdown handbook's pages as an MkDocs ``nav:`` list.

MkDocs orders pages it finds alphabetically (``level-l10`` before ``level-l3``); this file lists
them in the handbook's order, levels in the order of the scale. A ladder's handbook, a company
site and a folder of several handbooks (``render ladders/ -o DIR``) each write one. Every path
is prefixed with ``prefix``: where the handbook's folder sits inside the MkDocs ``docs/`` tree
(``--nav-prefix career/``), so the list can be copied under ``nav:`` as it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from dualladder._internal.services.handbook.views import Handbook
from dualladder._internal.util.i18n import gettext

__all__ = ["NAV_FILE", "handbook_nav", "nav_prefix", "nav_text"]

#: The name of the navigation file in a Markdown handbook's folder.
NAV_FILE = "mkdocs-nav.yml"


def nav_prefix(raw: str) -> str:
    """``--nav-prefix`` as paths are joined to it: ``career`` and ``career/`` are
    ``career/``, ``""`` and ``.`` (the docs folder itself) are ``""``; ``\\`` reads as ``/``.
    Raises ValueError for an absolute path or one that leaves the docs folder (``..``)."""
    parts = [part for part in raw.replace("\\", "/").split("/") if part not in ("", ".")]
    if raw.startswith(("/", "\\")) or ".." in parts or not raw.isprintable():
        raise ValueError(
            f"--nav-prefix {raw!r}: write the folder's path inside docs/, such as career/ "
            "(not absolute, no .., no control characters)"
        )
    return "".join(f"{part}/" for part in parts)


def handbook_nav(handbook: Handbook, prefix: str = "") -> list[dict[str, Any]]:
    """The entries of one ladder's handbook: overview, pay, decision rights, each track and
    each level (lowest first, as the scale orders them)."""
    return [
        {gettext("Overview"): prefix + handbook.page("overview").file},
        {gettext("Pay bands"): prefix + handbook.page("pay").file},
        {gettext("Decision rights"): prefix + handbook.page("decisions").file},
        {gettext("Tracks"): [{track.name: prefix + track.href} for track in handbook.tracks]},
        {gettext("Levels"): [{level.label: prefix + level.href} for level in handbook.levels]},
    ]


def nav_text(title: str, entries: Sequence[Mapping[str, Any]], prefix: str = "") -> str:
    """The file: a comment that says what it is, then ``nav: [{title: entries}]``."""
    where = (
        f"Paths start at MkDocs' docs/ folder (this handbook is\n# in {prefix}); put "
        "them under your mkdocs.yml's `nav:` as they are.\n"
        if prefix else
        "Paths are relative to this folder; put them under your mkdocs.yml's\n"
        "# `nav:` (prefixed with this folder's path inside docs/).\n"
    )
    head = (
        "# MkDocs navigation of this handbook (written by dualladder): the levels in the order\n"
        "# of the scale. " + where
    )
    body: str = yaml.safe_dump({"nav": [{title: list(entries)}]}, allow_unicode=True,
                               sort_keys=False, width=1000, default_flow_style=False)
    return head + body
