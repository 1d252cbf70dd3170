"""Links from a diff's line numbers to the file at the revision (``diff --link TEMPLATE``).

A template is a URL with three placeholders, for any forge::

    https://github.com/OWNER/REPO/blob/{rev}/{path}#L{line}
    https://gitlab.com/GROUP/PROJECT/-/blob/{rev}/{path}#L{line}

``{rev}`` is the full commit id of the version a line is in (the merge base or the revision
for the old side; ``HEAD`` of the work tree's repository for a path on disk), ``{path}`` the
file's path from the top of the repository (percent-encoded, ``/`` kept), ``{line}`` the
line. A file :class:`Linker` cannot place in a git repository gets no link (its line number
is shown as text). The template is checked before anything is read: a link is written into a
Markdown comment, so only ``http``/``https`` URLs without spaces, quotes, angle brackets or
parentheses, and no placeholder but the three, are accepted. Placeholders are replaced as
text, never through ``str.format``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from dualladder._internal.services.diff import git
from dualladder._internal.services.diff.sides import Side

__all__ = ["LINK_PLACEHOLDERS", "LinkError", "Linker", "check_template"]

#: The placeholders a ``--link`` template may hold; ``{line}`` is required.
LINK_PLACEHOLDERS = ("{rev}", "{path}", "{line}")

_URL = re.compile(r"https?://[^\s<>()\"'`\\\x00-\x1f\x7f]+")
_BRACED = re.compile(r"\{[^{}]*\}")


class LinkError(ValueError):
    """A ``--link`` template that is not a plain URL with the known placeholders."""


def check_template(template: str) -> str:
    """``template`` if it is a usable link template, else :class:`LinkError` (one line)."""
    if len(template) > 2000 or not _URL.fullmatch(template):
        raise LinkError(
            "--link: give an http(s) URL without spaces, quotes, angle brackets or "
            "parentheses, such as 'https://github.com/OWNER/REPO/blob/{rev}/{path}#L{line}'"
        )
    unknown = sorted({m for m in _BRACED.findall(template) if m not in LINK_PLACEHOLDERS})
    if unknown:
        raise LinkError(f"--link: unknown placeholder {unknown[0]}; the template may hold "
                        f"{', '.join(LINK_PLACEHOLDERS)}")
    if "{line}" not in template:
        raise LinkError("--link: the template needs {line} (and usually {rev} and {path})")
    return template


@dataclass
class Linker:
    """The link of a line of a file of either side, by the file's display name."""

    template: str
    sides: tuple[Side, ...]
    #: display name -> (commit, path from the top), or None where it cannot be placed
    _places: dict[str, tuple[str, str] | None] = field(default_factory=dict)
    _heads: dict[Path, str | None] = field(default_factory=dict)

    def url(self, file: str | None, line: int | None) -> str | None:
        """The URL of ``line`` of ``file`` (a display name of either side), or None."""
        if not file or not line:
            return None
        place = self._place(file)
        if place is None:
            return None
        rev, path = place
        return (self.template.replace("{rev}", rev)
                .replace("{path}", quote(path, safe="/"))
                .replace("{line}", str(line)))

    def _place(self, file: str) -> tuple[str, str] | None:
        if file not in self._places:
            self._places[file] = self._find(file)
        return self._places[file]

    def _find(self, file: str) -> tuple[str, str] | None:
        for side in self.sides:
            if side.rev is not None and side.top is not None and file.startswith(f"{side.rev}:"):
                try:
                    return git.commit(side.top, side.rev), file[len(side.rev) + 1:]
                except git.GitError:
                    return None
        path = Path(file)
        if not path.is_file():
            return None
        try:
            top, prefix = git.toplevel(path.parent)
        except git.GitError:
            return None
        head = self._head(top)
        return None if head is None else (head, f"{prefix}{path.name}")

    def _head(self, top: Path) -> str | None:
        if top not in self._heads:
            try:
                self._heads[top] = git.commit(top, "HEAD")
            except git.GitError:
                self._heads[top] = None
        return self._heads[top]
