"""The columns of a roster and how an export's own header names map onto them.

HR systems name their columns their own way (``Grade``, ``Annual Salary``, ``Personalnummer``).
A header cell matches a column when the two are equal after :func:`normalize` (case, spaces,
hyphens and dots do not count), so ``Employee ID`` is ``employee_id`` without any mapping; any
other name is mapped with ``--column level=Grade`` or a mapping file (a YAML mapping
``level: Grade``). Every column that is not listed here (names, e-mail addresses...) is never
read into memory beyond the CSV parser's own row, and never appears in any output.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from typing import Any, Final

from dualladder._internal.util.suggest import did_you_mean

__all__ = [
    "COLUMNS",
    "OPTIONAL",
    "REQUIRED",
    "ColumnMap",
    "MappingError",
    "normalize",
    "parse_assignments",
    "read_mapping_file",
]

#: The columns every roster must have.
REQUIRED: Final = ("employee_id", "track", "level", "base_pay")

#: The columns a roster may have.
OPTIONAL: Final = (
    "family",
    "zone",
    "currency",
    "fte",
    "variable_pay",
    "equity",
    "in_kind",
    "hours",
    "gender",
    "hire_date",
)

#: Every column the audit reads, in documentation order.
COLUMNS: Final = REQUIRED + OPTIONAL

#: The biggest mapping file read (a mapping has a dozen lines; the cap keeps memory bounded).
MAX_MAPPING_BYTES: Final = 64 * 1024

def quote(value: str) -> str:
    """A name from a mapping, as a message shows it (cut, as every quoted value is)."""
    from dualladder._internal.yaml.tags import quote as cut

    return cut(value)


_SEPARATORS = re.compile(r"[\s\-.]+")


def normalize(name: str) -> str:
    """``' Employee-ID '`` -> ``'employee_id'``: how header names are compared."""
    return _SEPARATORS.sub("_", name.strip()).strip("_").casefold()


class MappingError(ValueError):
    """A column mapping that cannot be used (a usage error: exit 2, one line)."""


class ColumnMap:
    """Column -> the (normalized) header name it is read from.

    Without a mapping every column is read from the header cell of its own name.
    """

    def __init__(self, mapping: Mapping[str, str] | None = None) -> None:
        self._names: dict[str, str] = {column: column for column in COLUMNS}
        for column, header in (mapping or {}).items():
            if column not in COLUMNS:
                raise MappingError(
                    f"unknown roster column {quote(column)}; the columns are "
                    f"{', '.join(COLUMNS)}{did_you_mean(column, COLUMNS)}"
                )
            if not isinstance(header, str) or not normalize(header):
                raise MappingError(f"column {column!r}: the header name must be non-empty text")
            self._names[column] = normalize(header)
        taken: dict[str, str] = {}
        for column, header in self._names.items():
            if header in taken:
                raise MappingError(
                    f"columns {taken[header]!r} and {column!r} would both be read from the "
                    f"header {header!r}; map one of them to another header"
                )
            taken[header] = column

    def header(self, column: str) -> str:
        """The normalized header name ``column`` is read from."""
        return self._names[column]

    def shown(self, column: str) -> str:
        """How messages name a column: ``level`` or ``level (header 'grade')``."""
        header = self._names[column]
        return column if header == column else f"{column} (header {header!r})"

    def locate(self, header: Iterable[str]) -> tuple[dict[str, int], dict[str, list[int]]]:
        """Where each column stands in a header row (0-based), and the header names that occur
        more than once among the columns read (name -> positions)."""
        wanted = {name: column for column, name in self._names.items()}
        found: dict[str, int] = {}
        twice: dict[str, list[int]] = {}
        for index, cell in enumerate(header):
            column = wanted.get(normalize(cell))
            if column is None:
                continue
            if column in found:
                twice.setdefault(column, [found[column]]).append(index)
            else:
                found[column] = index
        return found, twice


def parse_assignments(items: Iterable[str]) -> dict[str, str]:
    """``['level=Grade', 'base_pay=Annual Salary']`` -> ``{'level': 'Grade', ...}``."""
    out: dict[str, str] = {}
    for item in items:
        column, sep, header = item.partition("=")
        column = column.strip()
        if not sep or not column or not header.strip():
            raise MappingError(f"--column {item!r}: write COLUMN=HEADER, e.g. level=Grade")
        if column in out:
            raise MappingError(f"--column: {column!r} is mapped twice")
        out[column] = header.strip()
    return out


def _where(mark: Any) -> str:
    """``:line:col`` of a PyYAML mark, or nothing."""
    return f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""


def read_mapping_file(path: str | os.PathLike[str]) -> dict[str, str]:
    """A mapping file: a YAML mapping of column to header name (``level: Grade``).

    Read from the parser's events, never composed into a tree: a file nested 500 deep, an alias
    or a nested list is refused at its first line and column, in constant stack depth.
    """
    import yaml

    from dualladder._internal.util.files import read_regular
    from dualladder._internal.yaml.tags import Loader

    name = os.fspath(path)
    data = read_regular(path, max_bytes=MAX_MAPPING_BYTES)

    def refused(mark: Any) -> MappingError:
        return MappingError(
            f"{name}{_where(mark)}: a mapping file is a YAML mapping of column to header name, "
            "e.g. `level: Grade`"
        )

    loader: Any = None
    try:
        loader = Loader(data.decode("utf-8-sig"))
        events = []  # all of them first: a syntax error anywhere is said as such
        while loader.check_event():
            events.append(loader.get_event())
    except UnicodeDecodeError:
        raise refused(None) from None
    except yaml.YAMLError as exc:
        raise refused(getattr(exc, "problem_mark", None)) from None
    finally:
        if loader is not None:
            loader.dispose()
    out: dict[str, str] = {}
    key: str | None = None
    depth = 0
    for event in events:
        if isinstance(event, yaml.MappingStartEvent) and depth == 0:
            depth = 1
        elif isinstance(event, yaml.MappingEndEvent) and depth == 1:
            depth = 2  # the one mapping is read; a second document is refused below
        elif isinstance(event, yaml.ScalarEvent) and depth == 1:
            if key is None:
                key = event.value
                if key in out:
                    raise MappingError(f"{name}{_where(event.start_mark)}: column "
                                       f"{quote(key)} is mapped twice")
            else:
                out[key], key = event.value, None
        elif not isinstance(event, yaml.StreamStartEvent | yaml.StreamEndEvent
                            | yaml.DocumentStartEvent | yaml.DocumentEndEvent):
            raise refused(event.start_mark)
    if depth != 2:
        raise refused(None)
    return out
