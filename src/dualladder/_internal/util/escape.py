"""Escaping ladder data for the handbook's output formats.

Ladder data is data: a title is printed, never interpreted. HTML and SVG templates get Jinja's
HTML autoescape. Markdown has no autoescape of its own, so every value a Markdown template prints
goes through :func:`markdown_escape`, which neutralises both the raw HTML that Markdown passes
through and Markdown's own syntax, and keeps a value on one line so it cannot break a table row.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clean_text", "markdown_escape", "one_line"]

#: Characters that are not allowed in XML 1.0 (C0 controls other than tab, newline and carriage
#: return, lone surrogates, U+FFFE and U+FFFF). An SVG file holding one is not well-formed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

#: Every kind of line break Python's str.splitlines knows, and runs of whitespace around them.
_BREAKS = re.compile(r"\s*[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+\s*")

#: Inline Markdown syntax, escaped with a backslash wherever it appears: emphasis and strong
#: (``*`` ``_``), code spans (`````), links and images (``[`` ``]``), table cells (``|``),
#: strikethrough (``~``), the escape character itself, and braces (so that ``{{ ... }}`` stays
#: literal even for MkDocs plugins that run Jinja over pages).
_INLINE = re.compile(r"([\\`*_\[\]|~{}])")

#: Block syntax that only counts at the start of a line: headings, list items, ordered-list
#: markers, setext underlines. A value may be printed at the start of a line, so its start is
#: escaped.
_LEADING = re.compile(r"^(\s*)(?:([#+=-])(?=[#+=-]*(?:\s|$))|\d{1,9}(?=[.)](?:\s|$)))")


#: C1 controls (U+0080-U+009F): XML allows them, but a terminal or a reader may act on them
#: (U+009B starts an ANSI sequence as ESC [ does). Each is written as a visible escape
#: (``\x9b``), as every other output does; U+0085 (NEL) and the line and paragraph separators
#: are line breaks, and become one.
_C1 = re.compile("[\x80-\x84\x86-\x9f]")
_SEPARATORS = re.compile("[\x85\u2028\u2029]")


def clean_text(value: str) -> str:
    """``value`` without characters that XML forbids (each becomes U+FFFD), C1 controls as
    visible escapes (``\x9b``), U+0085, U+2028 and U+2029 as line feeds, in NFC form."""
    text = _NOT_XML.sub("\ufffd", value)
    if _C1.search(text):
        text = _C1.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    if _SEPARATORS.search(text):
        text = _SEPARATORS.sub("\n", text)
    return unicodedata.normalize("NFC", text)


def one_line(value: str) -> str:
    """``value`` with every line break (and the whitespace around it) turned into one space."""
    return _BREAKS.sub(" ", value)


def markdown_escape(value: str) -> str:
    """Make ``value`` print literally in Markdown (CommonMark, GitHub tables, MkDocs).

    - ``&``, ``<`` and ``>`` become entities, so raw HTML (which Markdown passes through) is
      shown, not run: ``<script>`` comes out as ``&lt;script&gt;``.
    - Inline syntax characters are backslash-escaped, so ``**bold**``, ``[x](javascript:...)``
      and ``a | b`` are text, and a pipe cannot end a table cell.
    - Block syntax at the start (``#``, ``-``, ``+``, ``=``, ``1.``) is escaped.
    - Line breaks become spaces, so a value cannot end a table row or a heading.
    """
    text = one_line(clean_text(value))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    match = _LEADING.match(text)
    if match:
        # "2026. A year" would start an ordered list: escape the dot or parenthesis after it.
        end = match.end() if match.group(2) is None else len(match.group(1))
        text = f"{text[:end]}\\{text[end:]}"
    return text
