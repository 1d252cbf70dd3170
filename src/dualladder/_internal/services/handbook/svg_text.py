"""Text in the handbook's pictures: how wide it is, estimated from its characters (no font
metrics are available without a browser), wrapped onto a budget of lines and, past it, cut with
an ellipsis (the full text stays in the element's ``<title>`` tooltip), and the tooltips that
carry a shape's findings. Used by the ladder diagram
(:mod:`~dualladder._internal.services.handbook.svg_diagram`), the pay-band chart
(:mod:`~dualladder._internal.services.handbook.svg_chart`) and the audit's charts.
"""

from __future__ import annotations

import unicodedata

from dualladder._internal.services.handbook.marks import FindingView

__all__ = ["FONT", "char_width", "cut", "text_width", "two_line_width", "with_findings", "wrap"]


def with_findings(tooltip: str, findings: list[FindingView]) -> str:
    """A tooltip followed by the findings it carries, one per line."""
    return "\n".join([tooltip, *(f.text for f in findings)])


FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def char_width(char: str) -> float:
    """Rough advance width of ``char`` in em, calibrated on DejaVu Sans (one of the widest
    common sans-serif faces, so text estimated to fit does fit in narrower ones)."""
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    if unicodedata.combining(char):
        return 0.0
    if char in "iljtfI.,:;'|!() ":
        return 0.32
    if char in "mwMW@":
        return 0.92
    if char.isupper() or char.isdigit():
        return 0.69
    return 0.6


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width of ``text`` at font size ``size`` px (``bold``: weight 600 or more)."""
    return sum(char_width(c) for c in text) * size * (1.12 if bold else 1.0)


def _fits(text: str, width: float, size: float, bold: bool = False) -> bool:
    """Whether ``text`` fits ``width`` (a width computed from the same text fits it, whatever
    the rounding of the sums)."""
    return text_width(text, size, bold) <= width + 1e-6


def cut(text: str, width: float, size: float, bold: bool = False) -> str:
    """The longest prefix of ``text`` (plus an ellipsis) that fits ``width``."""
    if _fits(text, width, size, bold):
        return text
    out = ""
    budget = width - text_width("…", size, bold)
    for char in text:
        if text_width(out + char, size, bold) > budget:
            break
        out += char
    return out.rstrip() + "…"


def wrap(text: str, width: float, size: float, lines: int, bold: bool = False) -> list[str]:
    """Word-wrap ``text`` into at most ``lines`` lines of ``width`` px; what does not fit is cut
    with an ellipsis on the last line. A word wider than a line is broken."""
    words = text.split()
    out: list[str] = []
    current = ""
    index = 0
    while index < len(words) and len(out) < lines:
        word = words[index]
        trial = f"{current} {word}" if current else word
        if _fits(trial, width, size, bold):
            current = trial
            index += 1
        elif current:
            out.append(current)
            current = ""
        else:  # one word wider than a line: break it
            piece = cut(word, width, size, bold)[:-1].rstrip() or word[:1]
            out.append(piece)
            words[index] = word[len(piece):]
    if current:
        out.append(current)
    if not out:
        return [""]
    if index < len(words):
        out[-1] = cut(" ".join([out[-1], *words[index:]]), width, size, bold)
    return out


def two_line_width(text: str, size: float, bold: bool = False) -> float:
    """The narrowest line :func:`wrap` needs to set ``text`` on two lines at most without
    cutting it: the best place to break it between two words (its widest word when it has
    one). Linear in the text: a line's width is the sum of its characters'."""
    words = text.split()
    if not words:
        return 0.0
    widths = [text_width(w, size, bold) for w in words]
    space = text_width(" ", size, bold)
    total = sum(widths) + space * (len(words) - 1)
    best, first = total, 0.0
    for number, width in enumerate(widths[:-1]):
        first += width + (space if number else 0.0)
        best = min(best, max(first, total - first - space))
    # a hair wider than the sums, so that wrap's own sums (in another order) find it fits
    return max(best, max(widths)) + 0.01
