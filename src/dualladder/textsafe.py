"""Text that is safe to print on one line of a terminal, a log or a CI annotation.

Data from a ladder, a roster or a plan may hold control characters: an ESC sequence that
retitles the terminal, a ``\\v``, ``\\f``, U+0085 or U+2028 that a reader splitting lines as
Python does takes for a new line (and so for a forged ``file:line:col:`` finding), or a
bidirectional override that shows text in another order than it is. :func:`escape_controls`
writes each such character as a visible escape (``\\x1b``, ``\\u2028``), like Python's
``repr`` does, and leaves every other character as it is.
"""

from __future__ import annotations

import re

__all__ = ["CONTROLS", "escape_controls"]

#: C0 and C1 controls (Unicode category Cc, which holds CR, LF, tab, ``\v``, ``\f``, ESC and
#: U+0085), the line and paragraph separators (Zl, Zp), and the bidirectional formatting
#: characters.
CONTROLS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """``'a\\x1b]0;pwned\\x07b'`` -> ``'a\\\\x1b]0;pwned\\\\x07b'``: every control, line separator
    and bidirectional formatting character written as a visible escape."""
    if CONTROLS.search(text) is None:
        return text
    return CONTROLS.sub(_escape, text)
