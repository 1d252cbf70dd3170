"""The career handbook: ``render(ladder, out_dir, format=...)``, documented in docs/handbook.md.

This module is light on purpose: Jinja2 and the page machinery are imported only when
:func:`render` runs, so ``dualladder validate`` never pays for them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from dualladder._internal.model.company import Company
    from dualladder._internal.model.ladder import Ladder

from dualladder._internal.services.handbook.errors import FORMATS, MARKER, RenderError

__all__ = ["FORMATS", "MARKER", "RenderError", "render"]

def render(
    ladder: Ladder | Company,
    out_dir: str | os.PathLike[str],
    *,
    format: Literal["markdown", "html"] = "markdown",
    templates: str | os.PathLike[str] | None = None,
    allow_invalid: bool = False,
    nav_prefix: str = "",
    locale: str | Sequence[str] | None = None,
) -> list[Path]:
    """Write the handbook of ``ladder`` into ``out_dir``; return the files written, sorted.

    The ladder is checked first (:func:`dualladder.check`): a ladder
    with errors raises
    :class:`~dualladder._internal.util.findings.LadderError` unless ``allow_invalid``. ``templates``
    is a folder whose files override the built-in templates of the same name
    (``markdown/overview.md.j2``, ``html/base.html.j2``...).

    The pages are rendered into a new folder beside ``out_dir`` that then replaces it, so a
    render that fails leaves an existing ``out_dir`` as it was. A non-empty ``out_dir`` that a
    render did not write (it lacks the ``.dualladder-handbook`` marker) is refused.

    Given a :class:`~dualladder.company.Company` (from :func:`dualladder.load_company`), it
    writes the company handbook: the company's pages, and each family's handbook in a folder
    of its own (see ``docs/handbook.md``); the company and all its families are checked.

    A Markdown handbook has ``mkdocs-nav.yml``, its pages as an MkDocs ``nav:`` list; each path
    starts with ``nav_prefix``, the handbook folder's path inside the MkDocs ``docs/`` folder
    (``"career/"``; ValueError for one that is absolute or holds ``..``).

    ``locale`` is the reader's language: one of the shipped locales (``en``, ``de``, ``fr``,
    ``es``; anything else raises :class:`~dualladder._internal.util.i18n.UnknownLocale`, a
    ``ValueError``), or several (``["en", "de"]`` or ``"en,de"``), each written into
    ``out_dir/<locale>/``. None: the file's ``locale:``, else English.
    """
    from dualladder._internal.services.handbook.nav import nav_prefix as read_prefix
    from dualladder._internal.services.kinds import KINDS, NotApplicable, kind_of_model
    from dualladder._internal.services.render_job import RenderJob

    kind = kind_of_model(ladder)
    if kind not in ("ladder", "family", "company"):  # a plan renders with its file's folder
        from dualladder._internal.services.check.documents import check

        check(ladder)  # raises the TypeError that names what render takes
    assert kind is not None
    verb = KINDS[kind].render
    assert not isinstance(verb, NotApplicable)
    job = RenderJob(ladder, Path(os.fspath(out_dir)), out_dir, None, None, format, templates,
                    allow_invalid, read_prefix(nav_prefix), locale)
    return verb(job).files
