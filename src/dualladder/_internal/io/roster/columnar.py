"""Rows of a roster table read a chunk at a time, column by column, for the fast path.

The fast path of :mod:`dualladder._internal.io.roster.read` reads a table without any Python code
per row: each chunk of rows gives its cells one column at a time (:class:`Chunk`), and every column
is converted in one call into C (``map``, ``int``, a dictionary lookup). Two sources give chunks:

- :func:`plain_chunks` splits the bytes of a CSV file that holds no quote character itself,
  with ``str.split``, which is several times faster than the ``csv`` module and gives the same
  cells: without quotes, a CSV row is its line split at the delimiter. It reads only files
  where that is certain (every line ending ``\\n`` or ``\\r\\n``, every row of a chunk with the
  same number of cells, no field above the ``csv`` module's size limit, no blank line between
  the rows of a chunk) and raises :class:`OtherLayout` at the first thing outside that;
- :func:`row_chunks` takes chunks of rows already split (by the ``csv`` module).

Nothing here decides what a cell means; the roster reader does.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter

__all__ = ["CHUNK_BYTES", "Chunk", "OtherLayout", "plain_chunks", "row_chunks"]

#: Bytes read at a time by :func:`plain_chunks` (a chunk ends at the end of a line, so it may be
#: a line longer). Small on purpose: the cells of a chunk are made and then read column by
#: column, and while they fit in the processor's cache that is fast; 32 KiB chunks read a
#: roster of 100,000 people in about two thirds of the time 1 MiB chunks take.
CHUNK_BYTES = 1 << 15


class OtherLayout(Exception):
    """The table is not laid out as this chunk source can read: use another source (the
    roster reader then tries the next one, and reads row by row last)."""


@dataclass(frozen=True, slots=True)
class Chunk:
    """Rows ``first``, ``first + 1``, ... (lines of the file), ``size`` of them."""

    first: int
    size: int
    cells: int
    """The cells every row has at least (only columns before this one can be asked for)."""
    column: Callable[[int], Sequence[str]]
    """The cells of the column at a position (0 = the first), one per row."""


def row_chunks(rows: Iterator[tuple[int, list[list[str]]]], width: int) -> Iterator[Chunk]:
    """Chunks of ``(line of the first row, rows)``, each row on one line; a row with fewer than
    ``width`` cells raises :class:`OtherLayout`."""
    for first, table in rows:
        cells = min(map(len, table)) if table else width
        if cells < width:
            raise OtherLayout

        def column(index: int, table: list[list[str]] = table) -> list[str]:
            return list(map(itemgetter(index), table))

        yield Chunk(first, len(table), cells, column)


def plain_chunks(data: bytes, delimiter: str, header_line: int, width: int) -> Iterator[Chunk]:
    """The rows below line ``header_line`` of CSV ``data`` (UTF-8, already checked) that holds
    no quote character, split at ``delimiter``; raises :class:`OtherLayout` where the file is
    not that simple (see the module documentation)."""
    if b'"' in data or (b"\r" in data and data.count(b"\r") != data.count(b"\r\n")):
        raise OtherLayout  # quoting, or a line ending in a bare carriage return
    limit = csv.field_size_limit()
    start = 0
    for _ in range(header_line):  # the header and the blank lines above it
        start = data.find(b"\n", start) + 1
        if not start:
            return  # the header is the last line
    line = header_line + 1
    mark = delimiter.encode()
    # every byte but the delimiter and the line feed (a delimiter is one ASCII character,
    # and no byte of a character outside ASCII is one in UTF-8)
    others = bytes(byte for byte in range(256) if byte not in (mark[0], 10))
    while start < len(data):
        end = data.find(b"\n", start + CHUNK_BYTES)
        end = len(data) if end < 0 else end + 1
        raw = data[start:end]
        text = raw.decode("utf-8")
        start = end
        if "\r" in text:
            text = text.replace("\r\n", "\n")
        lines = text.split("\n")
        if not lines[-1]:
            lines.pop()  # the newline that ends the chunk
        size = len(lines)
        while lines and not lines[-1]:
            lines.pop()  # blank lines at the end of the chunk (often at the end of the file)
        if lines:
            cells = lines[0].count(delimiter) + 1
            # every row has the first row's cells: the chunk's delimiters and line feeds alone
            # (the bytes of each row's delimiters, then a line feed) read as that shape,
            # then only the line feeds of the blank lines dropped at the end
            marks = raw.translate(None, others)
            shape = (mark * (cells - 1) + b"\n") * (len(lines) - 1) + mark * (cells - 1)
            rest = marks[len(shape):]
            if (cells < width or not all(lines) or not marks.startswith(shape)
                    or rest.count(b"\n") != len(rest)
                    or (len(raw) > limit and max(map(len, lines)) > limit)):
                raise OtherLayout
            flat = delimiter.join(lines).split(delimiter)

            def column(index: int, flat: list[str] = flat, cells: int = cells) -> list[str]:
                return flat[index::cells]

            yield Chunk(line, len(lines), cells, column)
        line += size
