"""escape_controls: nothing a reader takes for a line break or a terminal command survives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dualladder._internal.util.textsafe import escape_controls


def test_plain_text_is_unchanged() -> None:
    text = "Staff Engineer (L6): Zürich, 150,000 \u2013 200,000 CHF ✓"
    assert escape_controls(text) is text


def test_each_separator_and_control_is_escaped() -> None:
    assert escape_controls("a\nb\rc\td") == "a\\nb\\rc\\td"
    assert escape_controls("x\x0by\x0cz") == "x\\x0by\\x0cz"
    assert escape_controls("\x1b]0;pwned\x07") == "\\x1b]0;pwned\\x07"
    assert escape_controls("a\x85b\u2028c\u2029d") == "a\\x85b\\u2028c\\u2029d"
    assert escape_controls("\u202eevil") == "\\u202eevil"


@given(st.text())
def test_output_is_one_line_for_python_and_for_terminals(text: str) -> None:
    escaped = escape_controls(text)
    assert escaped.splitlines() in ([escaped], [])
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in escaped)
