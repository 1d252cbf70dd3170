"""The reference of every key of every kind of file, and the tables of it in the docs.

:data:`KEYS` documents every key of a ladder file (its JSON Schema takes its descriptions and
examples from it); ``docs/format.md`` and ``docs/plan.md`` hold tables printed from the key
references of every kind, between marker comments. Regenerate them with::

    python -m dualladder.keys [DOCS]

(DOCS is the docs folder; a test keeps the tables in sync.)
"""

from __future__ import annotations

import sys
from pathlib import Path

from dualladder._internal.io.schema.company_keys import (
    COMPANY_KEYS,
    COMPANY_MODELS,
    FAMILY_KEYS,
    FAMILY_MODELS,
)
from dualladder._internal.io.schema.keys import KEYS, MODELS, Key, Model, keys_markdown, update_page
from dualladder._internal.io.schema.plan_keys import PLAN_KEYS, PLAN_MODELS

__all__ = ["KEYS", "MODELS", "Key", "Model", "main", "tables"]


def tables() -> list[tuple[str, str, str]]:
    """Every generated part of the docs: (page in docs/, part, its tables)."""
    return [
        ("format.md", "", keys_markdown()),
        ("format.md", "company", keys_markdown(COMPANY_MODELS, COMPANY_KEYS)),
        ("format.md", "family", keys_markdown(FAMILY_MODELS, FAMILY_KEYS)),
        ("plan.md", "plan", keys_markdown(PLAN_MODELS, PLAN_KEYS, level=4)),
    ]


def main() -> None:
    """Rewrite the key tables of docs/format.md and docs/plan.md (``python -m dualladder.keys
    [DOCS]``, DOCS the docs folder)."""
    from dualladder._internal.util.files import write_atomic

    docs = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    pages: dict[str, str] = {}
    for page, part, markdown in tables():
        text = pages.get(page) or (docs / page).read_text(encoding="utf-8")
        pages[page] = update_page(text, part, markdown)
    for page, text in pages.items():
        write_atomic(docs / page, text.encode("utf-8"))


if __name__ == "__main__":
    main()
