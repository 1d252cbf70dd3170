"""Reading an XLSX workbook from untrusted bytes, shared by the roster and the plan sheet.

Two things every reader of a workbook needs, kept in one place:

- :func:`check_unpacked`: a workbook is a ZIP archive, and a small one can unpack to gigabytes
  (a 3 MB roster to 3 GB). Its parts are counted and their sizes summed *before* anything is
  unpacked; each part is then read at most to the size its header states (``zipfile`` stops
  there), so the sum is a real bound.
- :func:`every_row`: the rows that are there. openpyxl's read-only sheets stop at the size a
  workbook's ``<dimension>`` element states (``A1:L50`` over 300 rows would read 50 rows and
  12 columns, in silence); the dimension is reset, so every row and cell of the sheet is read.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any, Final

__all__ = [
    "MAX_PARTS", "MAX_ROWS", "NotAWorkbook", "WorkbookTooLarge", "check_unpacked", "every_row",
]

#: The most parts (files in the archive) a workbook may have: a workbook has a dozen.
MAX_PARTS: Final = 1_000
#: The most rows of a sheet: Excel's own limit.
MAX_ROWS: Final = 1_048_576


class NotAWorkbook(ValueError):
    """The bytes are not a ZIP archive, so not an XLSX workbook."""


class WorkbookTooLarge(ValueError):
    """The workbook unpacks to more than its reader allows (or has too many parts)."""


def check_unpacked(raw: bytes, limit: int, parts: int = MAX_PARTS) -> None:
    """Refuse a workbook that is not a ZIP archive (:class:`NotAWorkbook`), or that has more
    than ``parts`` parts or unpacks to more than ``limit`` bytes (:class:`WorkbookTooLarge`),
    before any part is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        raise NotAWorkbook("not an XLSX workbook") from None
    if len(infos) > parts:
        raise WorkbookTooLarge(f"the workbook has more than {parts:,} parts")
    if sum(info.file_size for info in infos) > limit:
        raise WorkbookTooLarge(f"the workbook unpacks to more than {_size(limit)}")


def _size(count: int) -> str:
    mib = count / (1024 * 1024)
    return f"{mib:.0f} MiB" if mib >= 1 else f"{count:,} bytes"


def every_row(sheet: Any, **bounds: Any) -> Iterator[Any]:
    """``sheet.iter_rows(**bounds)`` of an openpyxl sheet, every row that is there: a read-only
    sheet's dimensions (from the file's ``<dimension>``, which may lie) are reset first. More
    rows than Excel's :data:`MAX_ROWS` (openpyxl fills a gap in the row numbers with empty rows,
    so ``<row r="999999999999">`` would be a trillion of them) is :class:`WorkbookTooLarge`."""
    reset = getattr(sheet, "reset_dimensions", None)
    if reset is not None:
        reset()
    for count, row in enumerate(sheet.iter_rows(**bounds), start=1):
        if count > MAX_ROWS:
            raise WorkbookTooLarge(f"the sheet has more than {MAX_ROWS:,} rows (Excel's limit)")
        yield row
