"""A Griffe extension for the API reference (mkdocs.yml loads it): the docstrings name other
objects the way Sphinx does (``:func:`dualladder.load```, ``:class:`~dualladder.Ladder```), which
Markdown would print as it stands; this turns each such role into inline code of the name
(``dualladder.load``; ``Ladder`` where the name starts with ``~``)."""

from __future__ import annotations

import re
from typing import Any

from griffe import Extension, Object

ROLE = re.compile(r":(?:py:)?[a-z]+:`(~?)([^`]+)`")


def plain(text: str) -> str:
    """``text`` with every Sphinx role written as inline code."""

    def code(match: re.Match[str]) -> str:
        name = match.group(2)
        return f"`{name.rsplit('.', 1)[-1] if match.group(1) else name}`"

    return ROLE.sub(code, text)


class SphinxRoles(Extension):
    """Rewrites the roles of every docstring once the object tree is built."""

    def on_object(self, *, obj: Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = plain(obj.docstring.value)
