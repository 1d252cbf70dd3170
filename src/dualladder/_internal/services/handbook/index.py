"""The index of a folder of several handbooks: ``dualladder render ladders/ -o DIR`` renders each
ladder and each company into ``DIR/<name>/`` and writes ``DIR/index.md`` (or ``index.html``)
linking them, and for Markdown ``DIR/mkdocs-nav.yml`` with every handbook's pages.

``DIR`` itself is not replaced (other handbooks may sit there), so these files are written only
where there is none yet or where the last render wrote them (they carry a mark that says so): a
file of the user's own, such as the ``index.md`` of a docs folder, is never replaced.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from dualladder._internal.services.handbook.engine import environments, render_page
from dualladder._internal.services.handbook.errors import RenderError
from dualladder._internal.services.handbook.nav import NAV_FILE, nav_text
from dualladder._internal.util.files import write_atomic
from dualladder._internal.util.i18n import N_, gettext

__all__ = ["IndexEntry", "check_index", "index_files", "index_name", "write_index"]

#: What the index page and the navigation file say of themselves: a file that does not is not
#: replaced.
MARKS = {
    "index": "written by dualladder render: the index of the handbooks in this folder",
    NAV_FILE: "MkDocs navigation of this handbook (written by dualladder)",
}
#: How far into a file its mark is looked for.
_HEAD = 1024
#: The title of the index page and of the navigation that holds every handbook.
TITLE = N_("Career handbooks")


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One handbook of the folder: its title, the folder it is in (under ``DIR``), what it is
    (``ladder``, ``company``) and its effective date, if any."""

    title: str
    folder: str
    kind: str
    effective: str | None

    def href(self, fmt: str) -> str:
        return f"{quote(self.folder)}/index.{'md' if fmt == 'markdown' else 'html'}"


def index_name(fmt: str) -> str:
    return "index.md" if fmt == "markdown" else "index.html"


def _ours(path: Path, mark: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return mark.encode() in handle.read(_HEAD)
    except OSError:
        return False


def check_index(out_dir: str | os.PathLike[str], fmt: str) -> None:
    """Raise :class:`RenderError` when ``DIR`` holds an index page or a navigation file that a
    render did not write (checked before anything is rendered)."""
    names = {index_name(fmt): MARKS["index"]}
    if fmt == "markdown":
        names[NAV_FILE] = MARKS[NAV_FILE]
    for name, mark in names.items():
        path = Path(out_dir) / name
        if os.path.lexists(path) and (path.is_symlink() or not _ours(path, mark)):
            raise RenderError(
                f"{path}: exists and was not written by dualladder; rendering several "
                f"handbooks into {os.fspath(out_dir)} writes its {name} (choose another "
                "output folder, or move the file)"
            )


def index_files(entries: Sequence[IndexEntry], fmt: str, *, prefix: str = "",
                navs: Sequence[Mapping[str, Any]] = (),
                templates: str | os.PathLike[str] | None = None) -> dict[str, bytes]:
    """The index page (and for Markdown the navigation of every handbook: ``navs``, each
    handbook's ``{title: entries}`` as its own navigation file holds it), by name."""
    envs = environments(templates)
    views = [{"title": e.title, "href": e.href(fmt), "kind": e.kind, "effective": e.effective}
             for e in entries]
    page = render_page(envs, fmt, "handbooks", {"handbooks": views, "format": fmt})
    files = {index_name(fmt): page.encode("utf-8")}
    if fmt == "markdown":
        nav = [{gettext("Overview"): prefix + index_name(fmt)}, *navs]
        files[NAV_FILE] = nav_text(gettext(TITLE), nav, prefix).encode("utf-8")
    return files


def write_index(out_dir: str | os.PathLike[str], files: Mapping[str, bytes]) -> list[Path]:
    """Write the index files into ``DIR`` (each atomically); the paths written."""
    written = []
    for name, data in files.items():
        path = Path(out_dir) / name
        write_atomic(path, data)
        written.append(path)
    return written
