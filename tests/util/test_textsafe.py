"""escape_controls: nothing a reader takes for a line break or a terminal command survives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dualladder._internal.util.textsafe import LINE_BREAK, escape_controls, line_count


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


@given(st.text(alphabet=st.sampled_from("ab\r\n\x85\u2028\u2029"), max_size=40))
def test_lines_are_counted_as_line_break_ends_them(text: str) -> None:
    """LF, CR LF and CR each end a line (U+0085, U+2028, U+2029 do not), as many as
    LINE_BREAK finds; a last line without a break counts."""
    last = 0 if not text or text[-1] in "\r\n" else 1
    assert line_count(text) == len(LINE_BREAK.findall(text)) + last
    assert line_count("a\r\nb\rc\nd\r\n") == 4 and line_count("a\n\rb") == 3
    assert line_count("") == 0 and line_count("a\u2028b\x85c") == 1
