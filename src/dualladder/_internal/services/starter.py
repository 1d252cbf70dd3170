"""``dualladder init``: the commented files a new ladder or company starts from.

The files are data of the package (``services/starters/``): a ladder of one job family, or a
company file with two families (Engineering and Design) and one pay zone. Each validates as
written, with no finding (a test runs init, validate and render on them), and carries comments
that say what each key is for and where the format is documented. Their ``effective`` date is
the day they are written.
"""

from __future__ import annotations

import os
from datetime import date
from importlib.resources import files
from pathlib import Path

from dualladder._internal.util.files import write_atomic

__all__ = ["COMPANY_FILES", "LADDER_FILE", "StarterExists", "starter_text", "write_starter"]

#: The file ``dualladder init`` writes for a ladder.
LADDER_FILE = "ladder.yaml"
#: The files ``dualladder init --company`` writes into its folder: the company file first.
COMPANY_FILES = ("company.yaml", "engineering.yaml", "design.yaml")

#: How the starters write their date; replaced by the day they are written.
_EFFECTIVE = "effective: 2027-01-01"


class StarterExists(FileExistsError):
    """A file init would write exists already: nothing was written."""


def starter_text(name: str, today: date) -> str:
    """The text of the starter file ``name`` (one of :data:`LADDER_FILE`,
    :data:`COMPANY_FILES`), effective ``today``."""
    text = files("dualladder._internal.services").joinpath("starters", name).read_text("utf-8")
    return text.replace(_EFFECTIVE, f"effective: {today.isoformat()}", 1)


def write_starter(target: Path, *, company: bool, today: date) -> list[Path]:
    """Write a starting ladder to the file ``target`` (into it, ``ladder.yaml``, when it is a
    folder), or with ``company`` the company's files into the folder ``target`` (made if
    needed). Never overwrites: :class:`StarterExists` names the first file that exists, before
    anything is written. A write that fails removes what it wrote. Returns the files written."""
    if company:
        paths = [target / name for name in COMPANY_FILES]
        names = list(COMPANY_FILES)
    else:
        path = target / LADDER_FILE if target.is_dir() else target
        paths, names = [path], [LADDER_FILE]
    for path in paths:
        if os.path.lexists(path):
            raise StarterExists(f"{path}: exists; init never overwrites a file (nothing written)")
    if company:
        target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for path, name in zip(paths, names, strict=True):
            write_atomic(path, starter_text(name, today).encode("utf-8"))
            written.append(path)
    except OSError:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written
