"""Write ``findings-v1.json``: every file in ladders/ and tests/data/ with its findings.

It was run once on main before the ladder shapes of format 1.1 (derived midpoints, withheld
pay, roles above the ladder...) were added, and the result is committed. ``test_snapshot.py``
runs the current code on the stored texts and expects the same findings: a file that was valid
(or broken in a known way) stays so. Do not regenerate it to make a test pass.

    python tests/snapshot/make.py
"""

from __future__ import annotations

import json
from pathlib import Path

from dualladder import read_text
from dualladder.rules import check

ROOT = Path(__file__).resolve().parent.parent.parent
TARGET = Path(__file__).resolve().parent / "findings-v1.json"


def findings(text: str, name: str) -> list[list[object]]:
    result = read_text(text, name)
    report = result.findings if result.ladder is None else list(check(result.ladder))
    return [[f.code, f.line, f.column, f.severity, f.message] for f in report]


def main() -> None:
    files = sorted([*ROOT.glob("ladders/*.yaml"), *ROOT.glob("tests/data/**/*.yaml")])
    lines = ["{"]
    for number, path in enumerate(files):
        name = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        found = ",\n    ".join(json.dumps(f, ensure_ascii=False) for f in findings(text, name))
        body = f"\n    {found}\n  " if found else ""
        comma = "," if number < len(files) - 1 else ""
        stored = json.dumps(text, ensure_ascii=False)
        key = json.dumps(name)
        lines.append(f'  {key}: {{\n    "text": {stored},\n    "findings": [{body}]\n  }}{comma}')
    lines.append("}")
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
