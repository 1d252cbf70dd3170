"""Read the expectations written into test data files.

A comment ``# expect: DL103`` (or ``# expect: DL103@15`` to pin the column too, several allowed:
``# expect: DL003@5 DL004``) marks the line a finding must point at. A file under
``tests/data/negative/`` must produce exactly its marked findings and no others.
"""

from __future__ import annotations

import re
from pathlib import Path

MARK = re.compile(r"#\s*expect:\s*(.*)$")
ITEM = re.compile(r"(DL\d{3})(?:@(\d+))?")


def expectations(path: Path) -> list[tuple[str, int, int | None]]:
    """``[(code, line, column or None), ...]`` sorted by line."""
    out: list[tuple[str, int, int | None]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = MARK.search(line)
        if match:
            for code, col in ITEM.findall(match.group(1)):
                out.append((code, number, int(col) if col else None))
    return sorted(out, key=lambda item: (item[1], item[0]))
