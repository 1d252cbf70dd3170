"""Text that is safe to print on one line of a terminal, a log or a CI annotation.

Data from a ladder, a roster or a plan may hold control characters: an ESC sequence that
retitles the terminal, a ``\\v``, ``\\f``, U+0085 or U+2028 that a reader splitting lines as
Python does takes for a new line (and so for a forged ``file:line:col:`` finding), or a
bidirectional override that shows text in another order than it is. :func:`escape_controls`
writes each such character as a visible escape (``\\x1b``, ``\\u2028``), like Python's
``repr`` does, and leaves every other character as it is.

File names are data too, and may not even be text: Python reads a name holding bytes that are
not UTF-8 (``bad\\xff.yaml``) with each such byte as a lone surrogate (U+DC80-U+DCFF), which no
UTF-8 stream can print. :func:`escape_controls` writes those as the byte they stand for
(``\\xff``), and :func:`escape_undecodable` does only that, for outputs such as JSON that escape
controls themselves but must stay valid UTF-8.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "CONTROLS",
    "LINE_BREAK",
    "QUOTE_LIMIT",
    "SURROGATES",
    "cut",
    "escape_controls",
    "escape_undecodable",
    "line_count",
    "position_of",
]

#: How much of a value from a file a message shows; the rest is cut (``'aaaa...'``): a message
#: never grows with the file (a 1 MB title aliased into 300 rungs would print 300 MB).
QUOTE_LIMIT = 60

#: C0 and C1 controls (Unicode category Cc, which holds CR, LF, tab, ``\v``, ``\f``, ESC and
#: U+0085), the line and paragraph separators (Zl, Zp), and the bidirectional formatting
#: characters, and lone surrogates (see :data:`SURROGATES`).
CONTROLS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]"
)

#: Lone surrogates: in a ``str`` they only come from undecodable bytes of a file name or an
#: argument (``os.fsdecode``), and cannot be encoded as UTF-8.
SURROGATES = re.compile("[\ud800-\udfff]")

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name: show the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str, *, keep: str = "") -> str:
    """``'a\\x1b]0;pwned\\x07b'`` -> ``'a\\\\x1b]0;pwned\\\\x07b'``: every control, line separator
    and bidirectional formatting character, and every undecodable byte of a file name, written
    as a visible escape.

    ``keep`` names characters to leave for the caller's own escaping (GitHub workflow commands
    write CR and LF as ``%0D`` and ``%0A``).
    """
    if CONTROLS.search(text) is None:
        return text
    if keep:
        return CONTROLS.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)
    return CONTROLS.sub(_escape, text)


#: A line ends at LF, CR LF or CR: as editors, Python's CSV reader and YAML 1.2 count lines, and
#: so every finding of every file counts them, whoever finds it (the YAML parser, the loader,
#: the rules, the roster and sheet readers). U+0085, U+2028 and U+2029 do not end a line (YAML
#: 1.1 says they do; see :func:`dualladder.yamltags.parseable`).
LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LINE_BREAK_BYTES = re.compile(rb"\r\n|\r|\n")


def line_count(text: str) -> int:
    """How many lines ``text`` has (a last line without a break counts)."""
    # as many breaks as LINE_BREAK matches: each LF and each CR, a CR LF counted once (counted
    # in C: every file read is counted, and a list of its line breaks is not needed)
    returns = text.count("\r")
    breaks = text.count("\n") + (returns - text.count("\r\n") if returns else 0)
    return breaks + (0 if not text or text[-1] in "\r\n" else 1)


def position_of(text: str | bytes, index: int) -> tuple[int, int]:
    """The 1-based (line, column) of character (or byte) ``index`` of ``text``, lines as
    :data:`LINE_BREAK` ends them."""
    pattern: re.Pattern[Any] = LINE_BREAK if isinstance(text, str) else _LINE_BREAK_BYTES
    line, start = 1, 0
    for found in pattern.finditer(text, 0, index):
        line, start = line + 1, found.end()
    return line, index - start + 1


def cut(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` as a message shows a name from a file (a title, an id): at most ``limit``
    characters, the rest cut to ``...``."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def escape_undecodable(text: str) -> str:
    """``'bad\\udcff.yaml'`` -> ``'bad\\\\xff.yaml'``: only the lone surrogates escaped, so the
    text can be written as UTF-8."""
    if SURROGATES.search(text) is None:
        return text
    return SURROGATES.sub(_escape, text)
