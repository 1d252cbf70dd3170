"""Whether a file is a roster, and which table format it is in: told by its first bytes (a
workbook's header) or else its name (``.csv``, ``.xlsx``, ``.xlsm``, ``.xls``).

A roster is a table, not a YAML document, so it has no top-level key to tell it by
(:func:`dualladder._internal.util.kind_keys.kind_of` tells the YAML kinds).
"""

from __future__ import annotations

import os
from typing import Final, Literal

__all__ = ["TABLE_SUFFIXES", "XLSX_MAGIC", "XLS_MAGIC", "TableFormat", "is_roster",
           "table_format"]

#: The first bytes of an XLSX workbook (a ZIP archive).
XLSX_MAGIC: Final = b"PK\x03\x04"
#: The first bytes of an Excel 97-2003 workbook (an OLE compound file).
XLS_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: The file names a roster goes by.
TABLE_SUFFIXES: Final = (".csv", ".xlsx", ".xlsm", ".xls")

TableFormat = Literal["csv", "xlsx", "xls"]


def table_format(name: str | os.PathLike[str], head: bytes) -> TableFormat:
    """The format a roster named ``name`` that starts with ``head`` is read in: an old Excel
    workbook (refused with a finding), an XLSX workbook (by its header, or its name), else
    CSV."""
    if head.startswith(XLS_MAGIC):
        return "xls"
    if head.startswith(XLSX_MAGIC) or os.fspath(name).lower().endswith((".xlsx", ".xlsm")):
        return "xlsx"
    return "csv"


def is_roster(name: str | os.PathLike[str], head: bytes = b"") -> bool:
    """Whether a file is a roster rather than a YAML document: a workbook's header, or one of
    :data:`TABLE_SUFFIXES`."""
    return (head.startswith((XLSX_MAGIC, XLS_MAGIC))
            or os.fspath(name).lower().endswith(TABLE_SUFFIXES))
