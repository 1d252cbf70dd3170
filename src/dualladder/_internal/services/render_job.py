"""What a kind's ``render`` verb takes and gives
(:data:`~dualladder._internal.services.kinds.KINDS`): a :class:`RenderJob` and a
:class:`Rendered`. Apart from the registry, so that reading and checking, which never render,
do not make these classes."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from dualladder._internal.util.findings import Report
    from dualladder._internal.yaml.source import SourceMap

__all__ = ["RenderJob", "Rendered"]


@dataclass(frozen=True, slots=True)
class RenderJob:
    """One thing to render (a ladder, a company with its families, a plan) into ``target``:
    where it was read from, and the report it was checked with when read (not checked again;
    None: check it first)."""

    model: Any
    #: the file it was read from (a plan's ladder is read relative to it)
    path: Path
    target: str | os.PathLike[str]
    source: SourceMap | None
    checked: Report | None
    format: Literal["markdown", "html"]
    templates: str | os.PathLike[str] | None
    allow_invalid: bool
    #: a Markdown handbook's navigation file: the paths' start, where the handbook's folder
    #: sits inside MkDocs' docs folder (``career/``; see ``services/handbook/nav``)
    nav_prefix: str = ""
    #: the reader's language(s): None for the file's ``locale:``, else English
    locale: str | Sequence[str] | None = None


@dataclass(frozen=True, slots=True)
class Rendered:
    """The files a render wrote, and the line that says what it wrote."""

    files: list[Path]
    line: str
    #: a Markdown handbook's navigation in one language, ``{title: entries}`` as its
    #: ``mkdocs-nav.yml`` holds it (for the index of a folder of handbooks); else None
    nav: Mapping[str, Any] | None = None
