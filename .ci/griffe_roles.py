"""A Griffe extension for the API reference (mkdocs.yml loads it), so that docstrings written for
Python's own tools read well as Markdown:

- Sphinx roles (``:func:`dualladder.load```, ``:class:`~dualladder.Ladder```), which Markdown
  would print as they stand, become inline code of the name (``Ladder`` where the name starts
  with ``~``);
- examples written as an interactive session (lines starting ``>>>``), which Markdown would
  take for nested quotes, become a fenced code block, without their ``# doctest:`` directives.
"""

from __future__ import annotations

import re
from typing import Any

from griffe import Extension, Module, Object

ROLE = re.compile(r":(?:py:)?[a-z]+:`(~?)([^`]+)`")
DIRECTIVE = re.compile(r"\s*# doctest:.*$")


def _code(match: re.Match[str]) -> str:
    name = match.group(2)
    return f"`{name.rsplit('.', 1)[-1] if match.group(1) else name}`"


def _sessions(lines: list[str]) -> list[str]:
    """``lines`` with each run of ``>>>`` and ``...`` lines (and the output lines under them, up
    to a blank line) fenced as a ``pycon`` block."""
    out: list[str] = []
    inside = fenced = False
    for line in lines:
        if not inside and line.lstrip().startswith("```"):
            fenced = not fenced  # a block fenced already (this one's, when run twice)
        prompt = not fenced and line.lstrip().startswith((">>>", "..."))
        if prompt and not inside:
            out += ["", "```pycon"]
            inside = True
        elif inside and not line.strip():
            out += ["```", ""]
            inside = False
        out.append(DIRECTIVE.sub("", line) if inside else line)
    if inside:
        out += ["```", ""]
    return out


def plain(text: str) -> str:
    """``text`` as Markdown: roles as inline code, sessions fenced."""
    return "\n".join(_sessions(ROLE.sub(_code, text).split("\n")))


class SphinxRoles(Extension):
    """Rewrites every docstring once the object tree is built."""

    def on_object(self, *, obj: Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = plain(obj.docstring.value)

    def on_module(self, *, mod: Module, **kwargs: Any) -> None:
        self.on_object(obj=mod)  # modules and packages are not among the objects above
