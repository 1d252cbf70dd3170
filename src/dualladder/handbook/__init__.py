"""The career handbook: ``render(ladder, out_dir, format=...)``, documented in docs/handbook.md;
``ladder_in(ladder, "de")`` and ``company_in(company, "de")``, the ladder's own text in a language
(docs/format.md, "Translations").

Names are imported on first use, so ``dualladder validate`` never pays for Jinja2.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dualladder._internal.util.lazy import lazy_exports

_EXPORTS: dict[str, str] = {
    "FORMATS": "dualladder._internal.services.handbook.errors",
    "MARKER": "dualladder._internal.services.handbook.errors",
    "RenderError": "dualladder._internal.services.handbook.errors",
    "company_in": "dualladder._internal.services.translations",
    "ladder_in": "dualladder._internal.services.translations",
    "render": "dualladder._internal.services.handbook.render",
}

__all__ = ["FORMATS", "MARKER", "RenderError", "company_in", "ladder_in", "render"]

if TYPE_CHECKING:
    from dualladder._internal.services.handbook.errors import FORMATS, MARKER, RenderError
    from dualladder._internal.services.handbook.render import render
    from dualladder._internal.services.translations import company_in, ladder_in


__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)
