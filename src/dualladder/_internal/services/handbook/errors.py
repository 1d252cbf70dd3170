"""What every render shares: the output formats, the marker file of a handbook folder, and
:class:`RenderError`."""

from __future__ import annotations

__all__ = ["FORMATS", "MARKER", "RenderError"]

#: The output formats.
FORMATS: tuple[str, ...] = ("markdown", "html")

#: The file every handbook folder holds; a non-empty folder without it is never replaced.
MARKER = ".dualladder-handbook"


class RenderError(Exception):
    """The handbook could not be written: a template problem (missing, broken, an undefined
    variable) or an I/O problem. The message is one line; an existing output folder is left as
    it was."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))
